// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * execve PATH ARG...: runs PATH with the arguments ARG... (argv[0] first)
 * through execve() itself: no shell and no PATH search, so that a file the
 * kernel cannot run fails with ENOEXEC rather than being run as a script.
 * When execve() fails, says why and exits 127.
 */
#include <stdio.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: execve PATH ARG...\n");
		return 2;
	}
	execve(argv[1], argv + 2, environ);
	perror("execve");
	return 127;
}
