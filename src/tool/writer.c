// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>
#include "clock.h"
#include "writer.h"

struct line_mark {
	size_t end;		/* offset in text just past the line's '\n' */
	unsigned int kind;
	unsigned long long ts_ns;
};

void writer_init(struct writer *o, int fd, struct latency *latency)
{
	*o = (struct writer){ .fd = fd, .latency = latency };
}

void writer_free(struct writer *o)
{
	buf_free(&o->text);
	buf_free(&o->marks);
}

static struct line_mark *mark(const struct writer *o, size_t i)
{
	return (struct line_mark *)o->marks.data + i;
}

static size_t marks_count(const struct writer *o)
{
	return o->marks.len / sizeof(struct line_mark);
}

void writer_line_done(struct writer *o, unsigned int kind,
		      unsigned long long ts_ns)
{
	struct line_mark m = {
		.end = o->text.len,
		.kind = kind,
		.ts_ns = ts_ns,
	};

	buf_put(&o->marks, &m, sizeof(m));
}

size_t writer_pending(const struct writer *o)
{
	return o->text.len - o->written;
}

/* Counts the lines whose last byte has just been written, and when. */
static void retire_lines(struct writer *o)
{
	unsigned long long now = o->latency ? now_ns() : 0;

	for (; o->marks_done < marks_count(o); o->marks_done++) {
		const struct line_mark *m = mark(o, o->marks_done);

		if (m->end > o->written)
			break;
		o->lines_written[m->kind]++;
		if (o->latency)
			latency_add(o->latency, now > m->ts_ns ? now - m->ts_ns : 0);
	}
}

static void empty(struct writer *o)
{
	buf_clear(&o->text);
	buf_clear(&o->marks);
	o->written = 0;
	o->marks_done = 0;
}

/*
 * A descriptor left non-blocking by whoever shares it (Node.js does so to
 * its pipes) says EAGAIN where a blocking one would wait: wait for room as
 * a blocking write would, without changing flags the sharers depend on.
 * Returns 0 once there is room (or an error a write will tell), or -EINTR.
 */
static int wait_for_room(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };

	return poll(&pfd, 1, -1) < 0 ? -errno : 0;
}

int writer_write(struct writer *o)
{
	int err;

	if (buf_failed(&o->text) || buf_failed(&o->marks))
		return -ENOMEM;
	while (o->written < o->text.len) {
		ssize_t n = write(o->fd, o->text.data + o->written,
				  o->text.len - o->written);

		if (n < 0 && errno == EAGAIN) {
			err = wait_for_room(o->fd);
			if (err)
				return err;
			continue;
		}
		if (n < 0)
			return -errno;
		if (n == 0)	/* nothing taken, no error: do not spin */
			return -EIO;
		o->written += n;
		retire_lines(o);
	}
	empty(o);
	return 0;
}

unsigned long long writer_discard(struct writer *o, bool *cut)
{
	unsigned long long lost = marks_count(o) - o->marks_done;

	*cut = o->written && o->text.data[o->written - 1] != '\n';
	empty(o);
	return lost;
}
