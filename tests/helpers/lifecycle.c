// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A process with a known life for the live tests: it lives MS milliseconds,
 * then exits with CODE, is killed by signal SIG (with or without a core
 * dump), first runs N threads that end before it does, or lets its main
 * thread end first and another thread exit with CODE 100ms later.  The tests copy
 * it under unique names, so its comm tells its events apart.
 */
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define MAX_THREADS	16

static void usage(void)
{
	fprintf(stderr, "usage: lifecycle MS exit CODE | signal SIG | "
		"core SIG | threads N | leader-first CODE\n");
	exit(100);
}

static void die_by(int sig, bool core)
{
	struct rlimit limit = { 0, 0 };

	if (core)
		limit.rlim_cur = limit.rlim_max = RLIM_INFINITY;
	setrlimit(RLIMIT_CORE, &limit);
	signal(sig, SIG_DFL);
	raise(sig);
	exit(101);
}

static void *thread_main(void *arg)
{
	return arg;
}

/* Threads that exit before the process: their exits are not the process's. */
static int run_threads(int n)
{
	pthread_t threads[MAX_THREADS];

	if (n < 1 || n > MAX_THREADS)
		usage();
	for (int i = 0; i < n; i++)
		if (pthread_create(&threads[i], NULL, thread_main, NULL))
			return 102;
	for (int i = 0; i < n; i++)
		pthread_join(threads[i], NULL);
	return 0;
}

static void *exit_later(void *code)
{
	struct timespec ts = { 0, 100 * 1000000 };

	nanosleep(&ts, NULL);
	exit((int)(long)code);
}

/* The process outlives its main thread, and ends with the other one. */
static int leader_first(int code)
{
	pthread_t thread;

	if (pthread_create(&thread, NULL, exit_later, (void *)(long)code))
		return 102;
	pthread_exit(NULL);
}

int main(int argc, char **argv)
{
	struct timespec ts;
	long ms;
	int arg;

	if (argc != 4)
		usage();
	ms = atol(argv[1]);
	arg = atoi(argv[3]);
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = ms % 1000 * 1000000;
	nanosleep(&ts, NULL);
	if (!strcmp(argv[2], "exit"))
		return arg;
	if (!strcmp(argv[2], "signal"))
		die_by(arg, false);
	if (!strcmp(argv[2], "core"))
		die_by(arg, true);
	if (!strcmp(argv[2], "threads"))
		return run_threads(arg);
	if (!strcmp(argv[2], "leader-first"))
		return leader_first(arg);
	usage();
}
