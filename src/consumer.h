/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* The user-space half of the mechanism: perf buffer or ring buffer. */
#ifndef CONSUMER_H
#define CONSUMER_H

#include <stddef.h>

struct bpf_map;
struct consumer;
struct perf_buffer;
struct ring_buffer;

/*
 * Called once per record, in the order the mechanism delivers them, with
 * the buffer it came from: the CPU of a perf buffer, the index of a ring.
 */
typedef void (*record_fn)(void *ctx, unsigned int source, const void *data,
			  size_t size);

/*
 * Consumes the perf event array `events`: pages per CPU, woken once
 * watermark bytes are pending (0: every sample).  Returns NULL with errno
 * set on failure.
 */
struct consumer *consumer_new_perf(struct bpf_map *events,
				   unsigned int pages, unsigned long watermark,
				   record_fn fn, void *ctx);
/*
 * Consumes the n ring buffers of fds (n >= 1), each in turn; their sizes
 * are set when they are made, and their wakeups by the BPF side.
 */
struct consumer *consumer_new_rings(const int *fds, unsigned int n,
				    record_fn fn, void *ctx);
/* Waits up to timeout_ms for records and handles them: >= 0, or -errno. */
int consumer_poll(struct consumer *c, int timeout_ms);
/* Handles whatever is buffered now, without waiting. */
int consumer_drain(struct consumer *c);
/*
 * libbpf's object inside, for what reads the buffers' positions (the fill,
 * src/tool/fill_sample.c): the perf buffer's or NULL, the rings' or NULL.
 */
struct perf_buffer *consumer_perf_buffer(const struct consumer *c);
struct ring_buffer *consumer_ring_buffer(const struct consumer *c);
void consumer_free(struct consumer *c);

#endif /* CONSUMER_H */
