// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The perf buffer's consumer: libbpf's perf_buffer, a buffer per CPU,
 * whose samples it hands over raw, with the CPU they came from.
 * ring_consumer.c is the ring buffer's, for comparison.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>
#include "consumer.h"
#include "event.h"
#include "perf_sample.h"

struct perf_consumer {
	struct consumer ops;	/* first: a struct consumer * points here */
	struct perf_buffer *pb;
	record_fn fn;
	void *ctx;
	/* Room for the largest record at the alignment its fields need. */
	_Alignas(8) char aligned[RECORD_MAX + 8];
};

static enum bpf_perf_event_ret on_sample(void *ctx, int cpu,
					 struct perf_event_header *event)
{
	const struct perf_sample *s = perf_sample_of(event);
	struct perf_consumer *c = ctx;
	const void *data;
	__u32 size;

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
	c->fn(c->ctx, cpu, data, size);
	return LIBBPF_PERF_EVENT_CONT;
}

static int perf_poll(struct consumer *c, int timeout_ms)
{
	return perf_buffer__poll(((struct perf_consumer *)c)->pb, timeout_ms);
}

static int perf_drain(struct consumer *c)
{
	return perf_buffer__consume(((struct perf_consumer *)c)->pb);
}

static void perf_free(struct consumer *c)
{
	perf_buffer__free(((struct perf_consumer *)c)->pb);
	free(c);
}

/*
 * The perf buffer wakes user space per sample (wakeup_events 1, what
 * perf_buffer__new() sets), or once watermark bytes are pending: only
 * perf_buffer__new_raw() takes the perf event's attributes.
 */
static struct perf_buffer *perf_buffer_open(int fd, unsigned int pages,
					    unsigned long watermark,
					    struct perf_consumer *c)
{
	struct perf_event_attr attr = perf_sample_attr();

	if (watermark) {
		attr.watermark = 1;
		attr.wakeup_watermark = watermark;
	}
	return perf_buffer__new_raw(fd, pages, &attr, on_sample, c, NULL);
}

struct consumer *consumer_new_perf(struct bpf_map *events,
				   unsigned int pages, unsigned long watermark,
				   record_fn fn, void *ctx)
{
	struct perf_consumer *c = calloc(1, sizeof(*c));
	int err;

	if (!c)
		return NULL;
	c->ops = (struct consumer){ perf_poll, perf_drain, perf_free };
	c->fn = fn;
	c->ctx = ctx;
	c->pb = perf_buffer_open(bpf_map__fd(events), pages, watermark, c);
	if (!c->pb) {
		err = errno;
		free(c);
		errno = err;
		return NULL;
	}
	return &c->ops;
}

struct perf_buffer *consumer_perf_buffer(struct consumer *c)
{
	return ((struct perf_consumer *)c)->pb;
}
