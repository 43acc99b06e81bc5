/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The user-space half of the mechanism, behind one interface: libbpf's
 * perf buffer (perf_consumer.c) or its ring buffer (ring_consumer.c).
 */
#ifndef CONSUMER_H
#define CONSUMER_H

#include <stddef.h>

struct bpf_map;
struct perf_buffer;
struct ring_buffer;

/*
 * Called once per record, in the order the mechanism delivers them, with
 * the buffer it came from: the CPU of a perf buffer, the index of a ring.
 */
typedef void (*record_fn)(void *ctx, unsigned int source, const void *data,
			  size_t size);

/* What the tracer calls, whichever the mechanism. */
struct consumer {
	/* Waits up to timeout_ms for records and handles them: >= 0, or -errno. */
	int (*poll)(struct consumer *c, int timeout_ms);
	/* Handles whatever is buffered now, without waiting. */
	int (*drain)(struct consumer *c);
	void (*free)(struct consumer *c);
};

/*
 * Consumes the perf event array `events`: pages per CPU, woken once
 * watermark bytes are pending (0: every sample).  Returns NULL with errno
 * set on failure.
 */
struct consumer *consumer_new_perf(struct bpf_map *events,
				   unsigned int pages, unsigned long watermark,
				   record_fn fn, void *ctx);
/* libbpf's perf buffer inside, for what reads its fill (fill_sample.c). */
struct perf_buffer *consumer_perf_buffer(struct consumer *c);

/*
 * Consumes the n ring buffers of fds (n >= 1), each in turn; their sizes
 * are set when they are made, and their wakeups by the BPF side.
 */
struct consumer *consumer_new_rings(const int *fds, unsigned int n,
				    record_fn fn, void *ctx);
/* libbpf's ring buffer inside, for what reads its fill (fill_sample.c). */
struct ring_buffer *consumer_ring_buffer(struct consumer *c);

#endif /* CONSUMER_H */
