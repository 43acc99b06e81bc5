// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The output buffer: what it writes, counts and gives up on. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include "check.h"
#include "writer.h"

#define LINE		"0123456789abcdef0123456789abcdef\n"
#define LINES		8192	/* 272 KiB: more than a pipe holds */

static void put_lines(struct writer *o, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		buf_puts(writer_text(o), LINE);
		writer_line_done(o, i % 2, 0);
	}
}

/* A child that reads late, then all: exits 0 if it got want bytes. */
static pid_t slow_reader(int rfd, int wfd, size_t want)
{
	pid_t pid = fork();
	char chunk[4096];
	size_t got = 0;
	ssize_t n;

	if (pid)
		return pid;
	close(wfd);
	usleep(100 * 1000);
	while ((n = read(rfd, chunk, sizeof(chunk))) > 0)
		got += n;
	_exit(got == want ? 0 : 1);
}

/* A non-blocking pipe (Node.js leaves them so) is waited on, not failed. */
static void test_nonblocking_pipe(void)
{
	struct writer o;
	int fds[2], status = -1;
	pid_t reader;

	/* A reader that fails must fail the check, not kill the tests. */
	signal(SIGPIPE, SIG_IGN);
	if (!CHECK(pipe(fds) == 0 && fcntl(fds[1], F_SETFL, O_NONBLOCK) == 0))
		return;
	writer_init(&o, fds[1], NULL);
	put_lines(&o, LINES);
	reader = slow_reader(fds[0], fds[1], LINES * (sizeof(LINE) - 1));
	close(fds[0]);
	CHECK_INT_EQ(writer_write(&o), 0);
	CHECK_UINT_EQ(o.lines_written[0] + o.lines_written[1], LINES);
	CHECK_UINT_EQ(writer_pending(&o), 0);
	close(fds[1]);
	waitpid(reader, &status, 0);
	CHECK_INT_EQ(status, 0);
	writer_free(&o);
}

/* Nothing taken: every line is given up on, none of them cut. */
static void test_full_device(void)
{
	struct writer o;
	bool cut = true;
	int fd = open("/dev/full", O_WRONLY | O_CLOEXEC);

	if (!CHECK(fd >= 0))
		return;
	writer_init(&o, fd, NULL);
	put_lines(&o, 3);
	CHECK_INT_EQ(writer_write(&o), -ENOSPC);
	CHECK_UINT_EQ(writer_discard(&o, &cut), 3);
	CHECK(!cut);
	CHECK_UINT_EQ(o.lines_written[0] + o.lines_written[1], 0);
	CHECK_UINT_EQ(writer_pending(&o), 0);
	close(fd);
	writer_free(&o);
}

void test_writer(void)
{
	test_nonblocking_pipe();
	test_full_device();
}
