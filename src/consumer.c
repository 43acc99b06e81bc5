// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * libbpf's two consumers behind one interface.  Side by side they show what
 * user space changes between the mechanisms: the callback's signature (the
 * perf buffer says which CPU a record came from) and the new/poll calls.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>
#include "consumer.h"
#include "event.h"

struct consumer {
	struct perf_buffer *pb;	/* exactly one of pb and rb is set */
	struct ring_buffer *rb;
	record_fn fn;
	void *ctx;
	/* Room for the largest record at the alignment its fields need. */
	_Alignas(8) char aligned[EXEC_EVENT_MAX + 8];
};

static void on_perf_sample(void *ctx, int cpu, void *data, __u32 size)
{
	struct consumer *c = ctx;

	(void)cpu;
	/*
	 * A perf sample follows its 4-byte size in the buffer, so it is only
	 * 4-byte aligned; a ring buffer record follows an 8-byte header.
	 */
	if ((uintptr_t)data % 8) {
		if (size > sizeof(c->aligned))
			size = sizeof(c->aligned);
		data = memcpy(c->aligned, data, size);
	}
	c->fn(c->ctx, data, size);
}

static int on_ring_record(void *ctx, void *data, size_t size)
{
	struct consumer *c = ctx;

	c->fn(c->ctx, data, size);
	return 0;
}

struct consumer *consumer_new(struct bpf_map *events, unsigned int perf_pages,
			      record_fn fn, void *ctx)
{
	struct consumer *c = calloc(1, sizeof(*c));
	int fd = bpf_map__fd(events);

	if (!c)
		return NULL;
	c->fn = fn;
	c->ctx = ctx;
	/*
	 * Losses are counted by the BPF side for both mechanisms, so the perf
	 * buffer's own lost-sample callback would count them twice.
	 */
	if (bpf_map__type(events) == BPF_MAP_TYPE_PERF_EVENT_ARRAY)
		c->pb = perf_buffer__new(fd, perf_pages, on_perf_sample, NULL,
					 c, NULL);
	else
		c->rb = ring_buffer__new(fd, on_ring_record, c, NULL);
	if (!c->pb && !c->rb) {
		int err = errno;

		free(c);
		errno = err;
		return NULL;
	}
	return c;
}

int consumer_poll(struct consumer *c, int timeout_ms)
{
	if (c->pb)
		return perf_buffer__poll(c->pb, timeout_ms);
	return ring_buffer__poll(c->rb, timeout_ms);
}

int consumer_drain(struct consumer *c)
{
	if (c->pb)
		return perf_buffer__consume(c->pb);
	return ring_buffer__consume(c->rb);
}

void consumer_free(struct consumer *c)
{
	if (!c)
		return;
	perf_buffer__free(c->pb);
	ring_buffer__free(c->rb);
	free(c);
}
