// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * exec32 PATH ARG...: runs PATH with the arguments ARG... (argv[0] first)
 * through the i386 system call table, int $0x80, from this 64-bit
 * program: execve, or with --at DIR, execveat of PATH relative to DIR.
 * The kernel takes 32-bit pointers there, so the strings and argv are
 * copied below 4 GiB.  When the call fails, says why and exits 127; exits
 * 77 when the kernel has no 32-bit system calls (no IA32 emulation).
 * x86_64 only.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define NR32_GETPID	20	/* the i386 table's numbers */
#define NR32_EXECVE	11
#define NR32_EXECVEAT	358
#define ROOM		(1 << 20)

/* A 32-bit system call; the kernel clears r8-r11 on the way back. */
static long int80(long nr, long a, long b, long c, long d, long e)
{
	long ret;

	asm volatile("int $0x80"
		     : "=a"(ret)
		     : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
		     : "r8", "r9", "r10", "r11", "memory");
	return ret;
}

/* Whether int $0x80 works here: without IA32 emulation it kills. */
static int has_int80(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(int80(NR32_GETPID, 0, 0, 0, 0, 0) == getpid() ? 0 : 1);
	return pid > 0 && waitpid(pid, &status, 0) == pid &&
	       WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* s copied at *at in low, which has room up to end: its 32-bit address. */
static uint32_t low_copy(char **at, char *end, const char *s)
{
	size_t len = strlen(s) + 1;
	char *p = *at;

	if (len > (size_t)(end - p))
		return 0;
	memcpy(p, s, len);
	*at = p + len;
	return (uint32_t)(uintptr_t)p;
}

int main(int argc, char **argv)
{
	int at = argc > 1 && !strcmp(argv[1], "--at"), dirfd = -1, i, n;
	char *low, *next, *end;
	uint32_t *args, name;
	long ret;

	if (argc < 3 + 2 * at) {
		fprintf(stderr, "usage: exec32 [--at DIR] PATH ARG...\n");
		return 2;
	}
	if (!has_int80()) {
		fprintf(stderr, "exec32: no 32-bit system calls here (a kernel "
			"without IA32 emulation)\n");
		return 77;
	}
	if (at && (dirfd = open(argv[2], O_RDONLY | O_DIRECTORY)) < 0) {
		perror("exec32: open");
		return 2;
	}
	argv += 1 + 2 * at;
	argc -= 1 + 2 * at;
	low = mmap(NULL, ROOM, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (low == MAP_FAILED) {
		perror("exec32: mmap");
		return 2;
	}
	args = (uint32_t *)low;
	next = low + (argc + 1) * sizeof(*args);
	end = low + ROOM;
	name = low_copy(&next, end, argv[0]);
	for (i = 1, n = 0; i < argc; i++, n++)
		if (!(args[n] = low_copy(&next, end, argv[i])))
			name = 0;
	args[n] = 0;
	if (!name) {
		fprintf(stderr, "exec32: the arguments are too long\n");
		return 2;
	}
	if (at)
		ret = int80(NR32_EXECVEAT, dirfd, name, (uint32_t)(uintptr_t)args,
			    0, 0);
	else
		ret = int80(NR32_EXECVE, name, (uint32_t)(uintptr_t)args, 0, 0,
			    0);
	fprintf(stderr, "exec32: %s\n", strerror(-ret));
	return 127;
}
