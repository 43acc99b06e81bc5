// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * libbpf's two consumers behind one interface.  Side by side they show what
 * user space changes between the mechanisms: the callback (the perf buffer
 * says which CPU a record came from, and hands over raw perf records) and
 * the new/poll calls.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/perf_event.h>
#include <bpf/libbpf.h>
#include "consumer.h"
#include "event.h"
#include "perf_sample.h"

struct consumer {
	struct perf_buffer *pb;	/* exactly one of pb and rb is set */
	struct ring_buffer *rb;
	record_fn fn;
	void *ctx;
	/* Room for the largest record at the alignment its fields need. */
	_Alignas(8) char aligned[EXEC_EVENT_MAX + 8];
};

static enum bpf_perf_event_ret on_perf_event(void *ctx, int cpu,
					     struct perf_event_header *event)
{
	const struct perf_sample *s = perf_sample_of(event);
	struct consumer *c = ctx;
	const void *data;
	__u32 size;

	(void)cpu;
	if (!s)
		return LIBBPF_PERF_EVENT_CONT;
	data = s->data;
	size = s->size;
	/*
	 * A sample follows its 4-byte size in the buffer, so it is only
	 * 4-byte aligned; a ring buffer record follows an 8-byte header.
	 */
	if ((uintptr_t)data % 8) {
		if (size > sizeof(c->aligned))
			size = sizeof(c->aligned);
		data = memcpy(c->aligned, data, size);
	}
	c->fn(c->ctx, data, size);
	return LIBBPF_PERF_EVENT_CONT;
}

static int on_ring_record(void *ctx, void *data, size_t size)
{
	struct consumer *c = ctx;

	c->fn(c->ctx, data, size);
	return 0;
}

/*
 * The perf buffer wakes user space per sample (wakeup_events 1, what
 * perf_buffer__new() sets), or once watermark bytes are pending.
 */
static struct perf_buffer *perf_buffer_open(int fd, unsigned int pages,
					    unsigned long watermark,
					    struct consumer *c)
{
	struct perf_event_attr attr = perf_sample_attr();

	if (watermark) {
		attr.watermark = 1;
		attr.wakeup_watermark = watermark;
	}
	return perf_buffer__new_raw(fd, pages, &attr, on_perf_event, c, NULL);
}

struct consumer *consumer_new(struct bpf_map *events, unsigned int perf_pages,
			      unsigned long perf_watermark, record_fn fn,
			      void *ctx)
{
	struct consumer *c = calloc(1, sizeof(*c));
	int fd = bpf_map__fd(events);

	if (!c)
		return NULL;
	c->fn = fn;
	c->ctx = ctx;
	if (bpf_map__type(events) == BPF_MAP_TYPE_PERF_EVENT_ARRAY)
		c->pb = perf_buffer_open(fd, perf_pages, perf_watermark, c);
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
