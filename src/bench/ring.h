/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * A batched consumer of BPF ring buffers: it reads each memory-mapped ring
 * directly and moves its consumer position once per pass over the data
 * available, where libbpf's ring_buffer__consume() moves it once per record.
 * Like libbpf's, one consumer reads any number of rings.
 */
#ifndef BENCH_RING_H
#define BENCH_RING_H

#include <stddef.h>

struct ring;

/* Called once per committed record, in each ring's order. */
typedef void (*ring_record_fn)(void *ctx, const void *data, size_t size);

/* size is the map's max_entries.  NULL with errno set on failure. */
struct ring *ring_new(int map_fd, size_t size, ring_record_fn fn, void *ctx);
/* Reads another ring too, with the same callback: 0 or -errno. */
int ring_add(struct ring *r, int map_fd, size_t size);
/* Handles every record committed so far: their count, never fails. */
long ring_consume(struct ring *r);
/* Waits up to timeout_ms for data, then consumes: count, or -errno. */
long ring_poll(struct ring *r, int timeout_ms);
void ring_free(struct ring *r);

#endif /* BENCH_RING_H */
