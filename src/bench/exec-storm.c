// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * exec-storm: LOOPS processes, one per CPU by default, each of which starts
 * PROCS processes one after the other (vfork, exec PROGRAM, wait), with a
 * command line of ARG_BYTES bytes.  Prints the processes started and the
 * wall-clock time they took, so that a tracer's cost is measured without a
 * shell's start-up in the way.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "clock.h"
#include "parse.h"

#define MAX_ARG_BYTES	65536

struct storm {
	unsigned long long procs;	/* per loop */
	unsigned long long loops;
	unsigned long long arg_bytes;	/* argv's bytes, NULs included */
	char *argv[3];
};

static void usage(void)
{
	fprintf(stderr, "usage: exec-storm [-n PROCS] [-j LOOPS] "
		"[-a ARG_BYTES] PROGRAM\n");
	exit(2);
}

static unsigned long long option(const char *arg, unsigned long long max)
{
	unsigned long long v;

	if (parse_number(arg, max, &v) || !v)
		usage();
	return v;
}

/* argv: PROGRAM, then one argument that makes the bytes add up. */
static void build_argv(struct storm *s, char *program)
{
	size_t used = strlen(program) + 1;

	s->argv[0] = program;
	if (s->arg_bytes <= used + 1)
		return;
	s->argv[1] = malloc(s->arg_bytes - used);
	if (!s->argv[1]) {
		perror("exec-storm");
		exit(1);
	}
	memset(s->argv[1], 'x', s->arg_bytes - used - 1);
	s->argv[1][s->arg_bytes - used - 1] = '\0';
}

/*
 * vfork's child runs in its parent's stack frame until it execs: a frame
 * of its own, with nothing in it that the caller keeps in registers.
 */
static __attribute__((noinline)) pid_t spawn(char *const argv[])
{
	static char *const envp[] = { NULL };
	pid_t pid = vfork();

	if (pid == 0) {
		execve(argv[0], argv, envp);
		_exit(127);
	}
	return pid;
}

/* One loop: returns how many of its processes failed. */
static unsigned long long run_loop(const struct storm *s)
{
	unsigned long long failed = 0;
	int status;

	for (unsigned long long i = 0; i < s->procs; i++) {
		pid_t pid = spawn(s->argv);

		if (pid < 0 || waitpid(pid, &status, 0) < 0 || status)
			failed++;
	}
	return failed;
}

int main(int argc, char **argv)
{
	struct storm s = { .procs = 1000, .arg_bytes = 0 };
	unsigned long long t0, failed = 0;
	int opt, status;

	s.loops = sysconf(_SC_NPROCESSORS_ONLN);
	while ((opt = getopt(argc, argv, "n:j:a:")) != -1) {
		if (opt == 'n')
			s.procs = option(optarg, 1ULL << 32);
		else if (opt == 'j')
			s.loops = option(optarg, 1024);
		else if (opt == 'a')
			s.arg_bytes = option(optarg, MAX_ARG_BYTES);
		else
			usage();
	}
	if (optind != argc - 1)
		usage();
	build_argv(&s, argv[optind]);
	t0 = now_ns();
	for (unsigned long long l = 0; l < s.loops; l++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(run_loop(&s) ? 1 : 0);
		if (pid < 0) {
			perror("exec-storm: fork");
			return 1;
		}
	}
	while (wait(&status) > 0)
		failed += !WIFEXITED(status) || WEXITSTATUS(status);
	printf("%llu processes in %llu ns\n", s.procs * s.loops,
	       now_ns() - t0);
	if (failed) {
		fprintf(stderr, "exec-storm: %llu loops saw a process fail\n",
			failed);
		return 1;
	}
	return 0;
}
