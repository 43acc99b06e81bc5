// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * execveat DIR PATH ARG...: runs PATH, relative to DIR, with the arguments
 * ARG... (argv[0] first) through execveat() and DIR opened as fd 9.  The
 * kernel names the program "/dev/fd/9/PATH", which can be longer than any
 * path execve() takes: how the tests reach the filename limit.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>

extern char **environ;

int main(int argc, char **argv)
{
	int dir;

	if (argc < 4) {
		fprintf(stderr, "usage: execveat DIR PATH ARG...\n");
		return 2;
	}
	dir = open(argv[1], O_PATH | O_DIRECTORY);
	if (dir < 0 || dup2(dir, 9) != 9) {
		perror("execveat: open");
		return 2;
	}
	syscall(SYS_execveat, 9, argv[2], argv + 3, environ, 0);
	perror("execveat");
	return 127;
}
