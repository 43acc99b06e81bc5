/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Event lines on their way to a file descriptor: gathered in one buffer,
 * written in few large writes, and each line accounted for.  A line counts
 * as written once its last byte is; when the reader stops reading and the
 * tool must end anyway, what is left is counted, not silently dropped.
 */
#ifndef WRITER_H
#define WRITER_H

#include <stdbool.h>
#include "buf.h"
#include "latency.h"

#define WRITER_KINDS	3	/* counters of lines written: exec, exit, failed */

struct writer {
	int fd;
	struct buf text;	/* text.data[written..len) is still to write */
	size_t written;
	struct buf marks;	/* one struct line_mark per event line in text */
	size_t marks_done;	/* marks of lines already written */
	unsigned long long lines_written[WRITER_KINDS];
	struct latency *latency;	/* NULL: not measured */
};

/* latency, when not NULL, gets each line's time from kernel to write. */
void writer_init(struct writer *o, int fd, struct latency *latency);
void writer_free(struct writer *o);

/* Where lines go: append to it, then call writer_line_done() per event. */
static inline struct buf *writer_text(struct writer *o)
{
	return &o->text;
}

/*
 * The event line just appended counts to kind once it is written; ts_ns
 * is its event's kernel time (CLOCK_MONOTONIC).
 */
void writer_line_done(struct writer *o, unsigned int kind,
		      unsigned long long ts_ns);
/* Bytes buffered and not yet written. */
size_t writer_pending(const struct writer *o);
/*
 * Writes what is buffered, waiting for room as a blocking write would even
 * on a non-blocking descriptor: 0 once all of it is written, or -errno,
 * which may be -EINTR (a signal came: what was written is accounted for,
 * call again to go on) or -ENOMEM (a line could not be built).
 */
int writer_write(struct writer *o);
/*
 * Gives up on what is still buffered: returns the event lines that were
 * not written whole, and whether one of them was written in part.
 */
unsigned long long writer_discard(struct writer *o, bool *cut);

#endif /* WRITER_H */
