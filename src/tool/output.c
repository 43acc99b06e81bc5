// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The output's plumbing: where lines go, how they are written, and what
 * happens when they cannot be.  Every event handed over is written, or
 * counted as not written: printed + lost + not written = what happened.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "clock.h"
#include "output.h"
#include "stop.h"
#include "variant.h"

/* Output is written once this much is buffered, or when a poll returns. */
#define FLUSH_BYTES		(64 * 1024)
/* Once told to stop, how long a reader that does not read is waited for. */
#define STOP_GRACE_NS		1000000000ULL

static void give_up_output(struct output *o, const char *why)
{
	bool cut;

	o->unwritten += writer_discard(&o->writer, &cut);
	o->cut_line |= cut;
	o->unwritten_why = why;
}

/*
 * The output takes no more.  Standard output's reader gone is how `| head`
 * ends its writer: end without a word.  Anything else is a fault (for a
 * FIFO, a log shipper that died): one line now, exit 1 at the end, and the
 * summary counts what could not be written.
 */
static void output_failed(struct output *o, int err)
{
	o->done = true;
	if (err == EPIPE && !o->opts->output_path) {
		o->gone = true;
		return;
	}
	o->write_err = err;
	if (err == EPIPE) {
		fprintf(stderr, "%s: writing output: the reader of %s closed "
			"it\n", variant.name, o->opts->output_path);
		give_up_output(o, "its reader left");
		return;
	}
	fprintf(stderr, "%s: writing output: %s\n", variant.name,
		strerror(err));
	give_up_output(o, "the output failed");
}

/*
 * A reader that does not read blocks the write.  While tracing, that is
 * its right: the buffers fill, and the kernel counts what they cannot
 * take.  Once told to stop, the tool waits STOP_GRACE_NS at most, or until
 * a second signal, then counts what it could not write.
 */
void output_flush(struct output *o)
{
	int err;

	while ((err = writer_write(&o->writer)) == -EINTR) {
		if (!stop_requested())
			continue;
		if (!o->finishing)
			return;		/* the finish writes the rest */
		if (!o->give_up_ns)
			o->give_up_ns = now_ns() + STOP_GRACE_NS;
		if (stop_insisted() || now_ns() >= o->give_up_ns) {
			give_up_output(o, "the output was blocked");
			return;
		}
	}
	if (err)
		output_failed(o, -err);
}

void output_finishing(struct output *o, bool stop_requested)
{
	o->finishing = true;
	if (stop_requested)
		o->give_up_ns = now_ns() + STOP_GRACE_NS;
}

bool output_counted_all(const struct output *o)
{
	return o->gone ||
	       (o->opts->max_events && o->events == o->opts->max_events);
}

static unsigned int line_kind(const struct event_header *e)
{
	if (e->type == EVENT_EXEC_FAIL)
		return KIND_EXEC_FAIL;
	return e->type == EVENT_EXEC ? KIND_EXEC : KIND_EXIT;
}

void output_event(struct output *o, const struct event_header *e)
{
	if (output_counted_all(o))
		return;
	if (++o->events == o->opts->max_events)
		o->done = true;
	if (o->unwritten_why) {
		o->unwritten++;
		return;
	}
	format_event(writer_text(&o->writer), &o->format, e);
	writer_line_done(&o->writer, line_kind(e), e->ts_ns);
	/*
	 * Once told to stop, the finish writes the rest: a flush here, in the
	 * middle of a drain, would wait for the next tick on a blocked output
	 * for every record, while the BPF side, still attached, kept the drain
	 * going.
	 */
	if (writer_pending(&o->writer) >= FLUSH_BYTES && !stop_requested())
		output_flush(o);
}

/*
 * A closed pipe shows only when a write fails, which may be long after the
 * reader left if no event comes; poll says so at once.
 */
void output_check_closed(struct output *o)
{
	struct pollfd pfd = { .fd = o->writer.fd };

	if (!o->done && o->is_pipe && poll(&pfd, 1, 0) == 1 &&
	    (pfd.revents & (POLLERR | POLLHUP)))
		output_failed(o, EPIPE);
}

/*
 * Non-blocking, so that a FIFO nobody reads fails at once (ENXIO) rather
 * than hanging here, where neither a signal nor -T could end the wait;
 * writes then block as they do on standard output.
 */
static int open_output_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
		      O_NONBLOCK, 0644);

	if (fd >= 0 && fcntl(fd, F_SETFL, O_APPEND)) {
		close(fd);
		return -1;
	}
	return fd;
}

static const char *open_error(int err)
{
	if (err == ENXIO)
		return "a FIFO that nobody reads: start its reader first";
	return strerror(err);
}

/*
 * Whether fd appends to a regular file whose last byte is not a newline:
 * a run that a full disk ended left its last line cut.  fd may be
 * write-only: the byte is read through /proc (without it, as in a bare
 * chroot, the file is taken to end whole).
 */
static bool appends_to_cut_line(int fd)
{
	int flags = fcntl(fd, F_GETFL);
	char path[32], last;
	struct stat st;
	bool cut;
	int rfd;

	if (flags < 0 || !(flags & O_APPEND) || fstat(fd, &st) ||
	    !S_ISREG(st.st_mode) || !st.st_size)
		return false;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	rfd = open(path, O_RDONLY | O_CLOEXEC);
	if (rfd < 0)
		return false;
	cut = pread(rfd, &last, 1, st.st_size - 1) == 1 && last != '\n';
	close(rfd);
	return cut;
}

/*
 * A cut line is ended first, so that no line is glued to it.  The text
 * header heads the output, and a file only when it is new.
 */
void output_header(struct output *o)
{
	struct stat st;

	if (appends_to_cut_line(o->writer.fd))
		buf_putc(writer_text(&o->writer), '\n');
	if (o->opts->output_path &&
	    (fstat(o->writer.fd, &st) || st.st_size > 0))
		return;
	format_header(writer_text(&o->writer), &o->format);
}

/*
 * --output FILE, after SIGHUP (logrotate moved FILE away): lines are in
 * the old file up to the last one written, and from the next one on in a
 * new FILE; none is in both, none is split.
 */
void output_reopen_if_asked(struct output *o)
{
	int fd;

	if (o->write_err || !reopen_requested())
		return;
	fd = open_output_file(o->opts->output_path);
	if (fd < 0) {
		fprintf(stderr, "%s: reopening %s: %s; still writing to the "
			"old file\n", variant.name, o->opts->output_path,
			open_error(errno));
		return;
	}
	close(o->writer.fd);
	o->writer.fd = fd;
	output_header(o);
}

bool claim_standard_fds(void)
{
	bool stdout_closed = false;

	for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		stdout_closed |= fd == STDOUT_FILENO;
		/* open() takes the lowest free number: this one. */
		if (open("/dev/null", O_RDWR) < 0)
			open("/", O_RDONLY | O_DIRECTORY);
	}
	return stdout_closed;
}

/*
 * Standard output, or --output FILE, appended to (and created).  Returns a
 * file descriptor, or -1 once it has said why.
 */
static int open_output_fd(const struct options *opts, bool stdout_closed)
{
	int fd;

	if (opts->output_path) {
		fd = open_output_file(opts->output_path);
		if (fd < 0)
			fprintf(stderr, "%s: cannot open %s: %s\n",
				variant.name, opts->output_path,
				open_error(errno));
		return fd;
	}
	if (!stdout_closed)
		return STDOUT_FILENO;
	fprintf(stderr, "%s: standard output is closed: there is nowhere to "
		"write events; redirect it to a file, or use --output\n",
		variant.name);
	return -1;
}

int output_open(struct output *o, const struct options *opts,
		bool stdout_closed, struct latency *latency)
{
	int fd = open_output_fd(opts, stdout_closed);
	struct stat st;

	if (fd < 0)
		return 1;
	o->opts = opts;
	writer_init(&o->writer, fd, latency);
	o->is_pipe = fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode);
	return 0;
}

void output_free(struct output *o)
{
	writer_free(&o->writer);
}
