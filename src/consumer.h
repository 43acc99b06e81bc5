/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* The user-space half of the mechanism: perf buffer or ring buffer. */
#ifndef CONSUMER_H
#define CONSUMER_H

#include <stddef.h>

struct bpf_map;
struct consumer;

/* Called once per record, in the order the mechanism delivers them. */
typedef void (*record_fn)(void *ctx, const void *data, size_t size);

/*
 * Consumes the map `events`, a perf event array or a ring buffer.
 * perf_pages is the perf buffer's size per CPU, and perf_watermark the
 * bytes pending that wake user space (0: every sample); a ring buffer's
 * size is set on its map before load, and its wakeups by the BPF side.
 * Returns NULL with errno set on failure.
 */
struct consumer *consumer_new(struct bpf_map *events, unsigned int perf_pages,
			      unsigned long perf_watermark, record_fn fn,
			      void *ctx);
/* Waits up to timeout_ms for records and handles them: >= 0, or -errno. */
int consumer_poll(struct consumer *c, int timeout_ms);
/* Handles whatever is buffered now, without waiting. */
int consumer_drain(struct consumer *c);
/*
 * The most bytes seen pending at once: in the ring buffer, or in the
 * fullest CPU's perf buffer.  Sampled now, and whenever a poll or drain
 * finds records, before it consumes them: just before the consumer
 * drains is when the buffer is fullest.
 */
unsigned long long consumer_fill(struct consumer *c);
void consumer_free(struct consumer *c);

#endif /* CONSUMER_H */
