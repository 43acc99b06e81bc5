// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <signal.h>
#include <stddef.h>
#include <sys/time.h>
#include "stop.h"

static const int stop_sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
#define N_STOP_SIGS	(sizeof(stop_sigs) / sizeof(stop_sigs[0]))

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

static void set_mask(int how, int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(how, &set, NULL);
}

void stop_on_signals(void)
{
	struct sigaction sa = { .sa_handler = on_stop_signal };
	sigset_t set;

	/* Pending, not lost, until hup_reopens() says what it means. */
	set_mask(SIG_BLOCK, SIGHUP);
	for (size_t i = 0; i < N_STOP_SIGS; i++)
		sigaction(stop_sigs[i], &sa, NULL);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	/*
	 * The mask is inherited across exec: a parent that blocked these (a
	 * Python thread that did) would leave the tool deaf to Ctrl-C and
	 * SIGTERM, and --timeout would never end.  A signal already pending
	 * comes now, to its handler: a stop.
	 */
	sigemptyset(&set);
	for (size_t i = 0; i < N_STOP_SIGS; i++)
		if (stop_sigs[i] != SIGHUP)
			sigaddset(&set, stop_sigs[i]);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	/* A closed pipe or a file too large is a write error, not a death. */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
}

void hup_reopens(bool reopens)
{
	struct sigaction sa = { .sa_handler = on_reopen_signal };

	if (reopens)
		sigaction(SIGHUP, &sa, NULL);
	set_mask(SIG_UNBLOCK, SIGHUP);
}

static sigset_t held_mask;	/* the mask before stop_hold() */

void stop_hold(void)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < N_STOP_SIGS; i++)
		sigaddset(&set, stop_sigs[i]);
	sigaddset(&set, SIGALRM);	/* the ticks, or the --timeout */
	sigprocmask(SIG_BLOCK, &set, &held_mask);
}

void stop_release(void)
{
	sigprocmask(SIG_SETMASK, &held_mask, NULL);
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
