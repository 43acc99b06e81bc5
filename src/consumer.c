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

/* One ring: which it is, for the records. */
struct consumer_ring {
	struct consumer *c;
	unsigned int index;
};

struct consumer {
	struct perf_buffer *pb;	/* exactly one of pb and rb is set */
	struct ring_buffer *rb;
	struct consumer_ring *rings;
	record_fn fn;
	void *ctx;
	/* Room for the largest record at the alignment its fields need. */
	_Alignas(8) char aligned[RECORD_MAX + 8];
};

static enum bpf_perf_event_ret on_perf_event(void *ctx, int cpu,
					     struct perf_event_header *event)
{
	const struct perf_sample *s = perf_sample_of(event);
	struct consumer *c = ctx;
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

static int on_ring_record(void *ctx, void *data, size_t size)
{
	struct consumer_ring *r = ctx;

	r->c->fn(r->c->ctx, r->index, data, size);
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

/* One ring_buffer consumes them all, each in turn, each with its own ctx. */
static int rings_open(struct consumer *c, const int *fds, unsigned int n)
{
	int err = 0;

	c->rings = calloc(n, sizeof(*c->rings));
	if (!c->rings)
		return -ENOMEM;
	for (unsigned int i = 0; i < n; i++)
		c->rings[i] = (struct consumer_ring){ .c = c, .index = i };
	c->rb = ring_buffer__new(fds[0], on_ring_record, &c->rings[0], NULL);
	if (!c->rb)
		return -errno;
	for (unsigned int i = 1; i < n && !err; i++)
		err = ring_buffer__add(c->rb, fds[i], on_ring_record,
				       &c->rings[i]);
	return err;
}

static struct consumer *consumer_alloc(record_fn fn, void *ctx)
{
	struct consumer *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->fn = fn;
	c->ctx = ctx;
	return c;
}

struct consumer *consumer_new_perf(struct bpf_map *events,
				   unsigned int pages, unsigned long watermark,
				   record_fn fn, void *ctx)
{
	struct consumer *c = consumer_alloc(fn, ctx);

	if (!c)
		return NULL;
	c->pb = perf_buffer_open(bpf_map__fd(events), pages, watermark, c);
	if (!c->pb) {
		int err = errno;

		consumer_free(c);
		errno = err;
		return NULL;
	}
	return c;
}

struct consumer *consumer_new_rings(const int *fds, unsigned int n,
				    record_fn fn, void *ctx)
{
	struct consumer *c = consumer_alloc(fn, ctx);
	int err;

	if (!c)
		return NULL;
	err = rings_open(c, fds, n);
	if (err) {
		consumer_free(c);
		errno = -err;
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

struct perf_buffer *consumer_perf_buffer(const struct consumer *c)
{
	return c->pb;
}

struct ring_buffer *consumer_ring_buffer(const struct consumer *c)
{
	return c->rb;
}

void consumer_free(struct consumer *c)
{
	if (!c)
		return;
	perf_buffer__free(c->pb);
	ring_buffer__free(c->rb);
	free(c->rings);
	free(c);
}
