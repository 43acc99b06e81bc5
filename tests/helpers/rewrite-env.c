// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * rewrite-env FILE: overwrites its environment strings in place, as soon
 * as it runs, then copies what /proc/self/environ says of them to FILE:
 * the proof that the area changed after the exec a tracer saw.
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	char buf[4096];
	ssize_t n;
	int in, out;

	for (char **e = environ; *e; e++) {
		char *value = strchr(*e, '=');

		if (value)
			memset(value + 1, 'X', strlen(value + 1));
	}
	if (argc != 2)
		return 2;
	in = open("/proc/self/environ", O_RDONLY);
	out = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (in < 0 || out < 0)
		return 1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			return 1;
	return n < 0;
}
