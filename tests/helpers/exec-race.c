// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * exec-race ROUNDS PATH: ROUNDS times, forks a child in which THREADS
 * threads meet at a barrier and all run PATH through execve() at once.
 * One exec wins; the kernel kills the other threads in the middle of
 * theirs, which the tracers must not take for failed execs.  Exits 0 when
 * every child ran PATH and it exited 0, else says which round did not.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define THREADS	3

extern char **environ;

static pthread_barrier_t start;
static char *path;

static void *run_path(void *unused)
{
	char *argv[] = { path, NULL };

	(void)unused;
	pthread_barrier_wait(&start);
	execve(path, argv, environ);
	perror("execve");
	exit(127);
}

/* In the child: THREADS threads, this one among them, exec at once. */
static void race(void)
{
	pthread_t t;
	int i;

	pthread_barrier_init(&start, NULL, THREADS);
	for (i = 1; i < THREADS; i++) {
		if (pthread_create(&t, NULL, run_path, NULL)) {
			fprintf(stderr, "exec-race: cannot make a thread\n");
			exit(126);
		}
	}
	run_path(NULL);
}

int main(int argc, char **argv)
{
	int rounds, i, status;
	pid_t pid;

	if (argc != 3 || (rounds = atoi(argv[1])) <= 0) {
		fprintf(stderr, "usage: exec-race ROUNDS PATH\n");
		return 2;
	}
	path = argv[2];
	for (i = 0; i < rounds; i++) {
		pid = fork();
		if (pid < 0) {
			perror("exec-race: fork");
			return 1;
		}
		if (pid == 0)
			race();
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status)) {
			fprintf(stderr, "exec-race: round %d: %s did not run "
				"and exit 0 (status 0x%x)\n", i, path, status);
			return 1;
		}
	}
	return 0;
}
