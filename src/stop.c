// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <signal.h>
#include <stddef.h>
#include <sys/time.h>
#include "stop.h"

static volatile sig_atomic_t stop_signals;	/* counted up to 2 */
static volatile sig_atomic_t timed_out;
static volatile sig_atomic_t reopen;

/*
 * A flag alone would leave a race: set just before a write() that then
 * blocks, it would never be looked at.  The ticks keep interrupting until
 * the tool has ended.
 */
static void tick_from_now_on(void)
{
	const struct itimerval tick = {
		.it_interval = { 0, STOP_TICK_MS * 1000 },
		.it_value = { 0, STOP_TICK_MS * 1000 },
	};

	setitimer(ITIMER_REAL, &tick, NULL);
}

static void on_stop_signal(int sig)
{
	(void)sig;
	if (stop_signals < 2)
		stop_signals++;
	tick_from_now_on();
}

static void on_reopen_signal(int sig)
{
	(void)sig;
	reopen = 1;
}

/* The end of --timeout, then each tick. */
static void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

void stop_on_signals(bool hup_reopens)
{
	static const int stop_sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa = { .sa_handler = on_stop_signal };

	for (size_t i = 0; i < sizeof(stop_sigs) / sizeof(stop_sigs[0]); i++)
		sigaction(stop_sigs[i], &sa, NULL);
	if (hup_reopens) {
		sa.sa_handler = on_reopen_signal;
		sigaction(SIGHUP, &sa, NULL);
	}
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	/* A closed pipe or a file too large is a write error, not a death. */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
}

void stop_after(unsigned int seconds)
{
	const struct itimerval timeout = {
		.it_interval = { 0, STOP_TICK_MS * 1000 },
		.it_value = { seconds, 0 },
	};

	if (seconds)
		setitimer(ITIMER_REAL, &timeout, NULL);
}

bool stop_requested(void)
{
	return stop_signals || timed_out;
}

bool stop_insisted(void)
{
	return stop_signals > 1;
}

bool reopen_requested(void)
{
	if (!reopen)
		return false;
	reopen = 0;
	return true;
}
