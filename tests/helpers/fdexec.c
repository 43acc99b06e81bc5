// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * fdexec memfd|unlinked PROG ARG...: runs a copy of PROG, with the
 * arguments ARG... (argv[0] first), that has no name on disk: a memfd, or
 * a file that is deleted once opened.  Both run through their file
 * descriptor, execveat(fd, "", ..., AT_EMPTY_PATH), as fileless programs
 * do, fd 9, so that the kernel calls the program "/dev/fd/9".  The memfd
 * is named, and the file was, after PROG: the kernel names the process
 * after it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#ifndef MFD_EXEC
#define MFD_EXEC	0x0010U	/* Linux 6.3: executable, said out loud */
#endif

extern char **environ;

/* All of the file open at in into out. */
static int copy(int in, int out)
{
	struct stat st;
	ssize_t n;

	if (fstat(in, &st))
		return -1;
	for (off_t done = 0; done < st.st_size; done += n) {
		n = sendfile(out, in, NULL, st.st_size - done);
		if (n <= 0)
			return -1;
	}
	return 0;
}

static int memfd_of(int prog, const char *name)
{
	int fd = memfd_create(name, MFD_CLOEXEC | MFD_EXEC);

	/* Before 6.3, MFD_EXEC is unknown, and a memfd executable anyway. */
	if (fd < 0 && errno == EINVAL)
		fd = memfd_create(name, MFD_CLOEXEC);
	if (fd < 0 || copy(prog, fd))
		return -1;
	return fd;
}

/* A copy beside PROG, PROG.unlinked/NAME, open for exec and deleted. */
static int unlinked_of(int prog, const char *path, const char *name)
{
	char dir[PATH_MAX], copy_path[2 * PATH_MAX];
	int fd;

	if (snprintf(dir, sizeof(dir), "%s.unlinked", path) >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	snprintf(copy_path, sizeof(copy_path), "%s/%s", dir, name);
	if (mkdir(dir, 0755) && errno != EEXIST)
		return -1;
	fd = open(copy_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755);
	if (fd < 0 || copy(prog, fd) || close(fd))
		return -1;
	/* Not open for writing when it runs, or exec fails with ETXTBSY. */
	fd = open(copy_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || unlink(copy_path) || rmdir(dir))
		return -1;
	return fd;
}

int main(int argc, char **argv)
{
	const char *name;
	int prog, fd;

	if (argc < 4 || (strcmp(argv[1], "memfd") &&
			 strcmp(argv[1], "unlinked"))) {
		fprintf(stderr, "usage: fdexec memfd|unlinked PROG ARG...\n");
		return 2;
	}
	name = strrchr(argv[2], '/') ? strrchr(argv[2], '/') + 1 : argv[2];
	prog = open(argv[2], O_RDONLY | O_CLOEXEC);
	if (prog < 0) {
		perror("fdexec: open");
		return 2;
	}
	fd = !strcmp(argv[1], "memfd") ? memfd_of(prog, name) :
	     unlinked_of(prog, argv[2], name);
	if (fd < 0 || dup3(fd, 9, O_CLOEXEC) != 9) {
		perror("fdexec");
		return 2;
	}
	syscall(SYS_execveat, 9, "", argv + 3, environ, AT_EMPTY_PATH);
	perror("fdexec: execveat");
	return 127;
}
