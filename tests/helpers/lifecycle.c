// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A process with a known life for the live tests: it lives MS milliseconds,
 * then exits with CODE or is killed by signal SIG.  The tests copy it under
 * unique names, so its comm tells its events apart from the machine's.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static void usage(void)
{
	fprintf(stderr, "usage: lifecycle MS exit CODE | lifecycle MS signal SIG\n");
	exit(100);
}

int main(int argc, char **argv)
{
	struct rlimit no_core = { 0, 0 };
	struct timespec ts;
	long ms;

	if (argc != 4)
		usage();
	ms = atol(argv[1]);
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = ms % 1000 * 1000000;
	nanosleep(&ts, NULL);
	if (!strcmp(argv[2], "exit"))
		return atoi(argv[3]);
	if (strcmp(argv[2], "signal"))
		usage();
	/* The tests check the signal, not the core file. */
	setrlimit(RLIMIT_CORE, &no_core);
	signal(atoi(argv[3]), SIG_DFL);
	raise(atoi(argv[3]));
	return 101;
}
