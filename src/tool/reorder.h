/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Puts records from per-CPU buffers back in the order of their kernel
 * timestamps.  Each record is copied in (the buffer's space is reused once
 * the consumer's callback returns) and held until no record read later can
 * be older: until its timestamp is older than a deadline the caller gives,
 * once it has read every buffer.  A record that comes after a later one was
 * released is released all the same, and counted.
 *
 * A queue per source (a CPU's buffer, or a ring), merged by their oldest:
 * a source's records come almost always in time order, so that holding one
 * costs an append and releasing one a pop, and a heap of the sources, not of
 * every record, picks the oldest.  A source is out of order when something
 * preempts a program between its timestamp and its output, or two CPUs
 * share a ring: the record is then put in its place, from the queue's end.
 */
#ifndef REORDER_H
#define REORDER_H

#include <stdbool.h>
#include <stddef.h>

/* Called for each record released, oldest first. */
typedef void (*reorder_fn)(void *ctx, const void *data, size_t size);

struct reorder {
	struct queue *queues;	/* one per source seen, by its number */
	unsigned int n_queues;
	unsigned int *heads;	/* a min-heap of the queues that hold any */
	unsigned int n_heads;
	struct chunk *chunk;	/* where the next copy goes */
	size_t n;			/* records held */
	unsigned long long seq;		/* arrivals: equal times keep order */
	size_t bytes, max_bytes;	/* copies held, and their bound */
	unsigned long long last_ts;	/* of the newest record released */
	unsigned long long out_of_order;	/* released after a later one */
	reorder_fn fn;
	void *ctx;
};

/* Holds at most max_bytes of records (at least one, whatever its size). */
void reorder_init(struct reorder *r, size_t max_bytes, reorder_fn fn,
		  void *ctx);
void reorder_free(struct reorder *r);

/*
 * Holds a copy of the record of time ts_ns from source (a CPU, a ring: any
 * small number).  Past max_bytes the oldest are released early; without
 * memory for a copy, the record is released at once.  Either way nothing
 * is dropped.
 */
void reorder_add(struct reorder *r, unsigned int source,
		 unsigned long long ts_ns, const void *data, size_t size);
/* Releases every record of time up to deadline_ns, oldest first. */
void reorder_release(struct reorder *r, unsigned long long deadline_ns);
/* Releases all that is held: the tool is finishing. */
void reorder_release_all(struct reorder *r);

#endif /* REORDER_H */
