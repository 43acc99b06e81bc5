// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * with-pid PID PROG ARG...: runs PROG with the arguments ARG... (argv[0]
 * first) as a child whose pid is PID, a pid that an ended process left
 * free, and returns its status: the reuse of a pid, on purpose, that a
 * busy machine makes by chance.  clone3()'s set_tid (Linux 5.5) needs
 * CAP_SYS_ADMIN.
 */
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
	pid_t want, pid;
	struct clone_args args = {
		.exit_signal = SIGCHLD,
		.set_tid = (uintptr_t)&want,
		.set_tid_size = 1,
	};
	int status;

	if (argc < 4) {
		fprintf(stderr, "usage: with-pid PID PROG ARG...\n");
		return 2;
	}
	want = atoi(argv[1]);
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid < 0) {
		perror("with-pid: clone3");
		return 2;
	}
	if (!pid) {
		execv(argv[2], argv + 3);
		perror("with-pid: exec");
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("with-pid: waitpid");
		return 2;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
