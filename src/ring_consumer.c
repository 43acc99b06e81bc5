// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The ring buffer's consumer: libbpf's ring_buffer, which reads each
 * record where the BPF side wrote it, in the order of reservation.
 * perf_consumer.c is the perf buffer's, for comparison.
 */
#include <errno.h>
#include <stdlib.h>
#include <bpf/libbpf.h>
#include "consumer.h"

/* One ring: which it is, for the records. */
struct ring {
	struct ring_consumer *c;
	unsigned int index;
};

struct ring_consumer {
	struct consumer ops;	/* first: a struct consumer * points here */
	struct ring_buffer *rb;
	struct ring *rings;
	record_fn fn;
	void *ctx;
};

static int on_record(void *ctx, void *data, size_t size)
{
	struct ring *r = ctx;

	r->c->fn(r->c->ctx, r->index, data, size);
	return 0;
}

static int ring_poll(struct consumer *c, int timeout_ms)
{
	return ring_buffer__poll(((struct ring_consumer *)c)->rb, timeout_ms);
}

static int ring_drain(struct consumer *c)
{
	return ring_buffer__consume(((struct ring_consumer *)c)->rb);
}

static void ring_free(struct consumer *c)
{
	struct ring_consumer *rc = (struct ring_consumer *)c;

	ring_buffer__free(rc->rb);
	free(rc->rings);
	free(rc);
}

/* One ring_buffer consumes them all, each in turn, each with its own ctx. */
static int rings_open(struct ring_consumer *c, const int *fds, unsigned int n)
{
	int err = 0;

	c->rings = calloc(n, sizeof(*c->rings));
	if (!c->rings)
		return -ENOMEM;
	for (unsigned int i = 0; i < n; i++)
		c->rings[i] = (struct ring){ .c = c, .index = i };
	c->rb = ring_buffer__new(fds[0], on_record, &c->rings[0], NULL);
	if (!c->rb)
		return -errno;
	for (unsigned int i = 1; i < n && !err; i++)
		err = ring_buffer__add(c->rb, fds[i], on_record, &c->rings[i]);
	return err;
}

struct consumer *consumer_new_rings(const int *fds, unsigned int n,
				    record_fn fn, void *ctx)
{
	struct ring_consumer *c = calloc(1, sizeof(*c));
	int err;

	if (!c)
		return NULL;
	c->ops = (struct consumer){ ring_poll, ring_drain, ring_free };
	c->fn = fn;
	c->ctx = ctx;
	err = rings_open(c, fds, n);
	if (err) {
		ring_free(&c->ops);
		errno = -err;
		return NULL;
	}
	return &c->ops;
}

struct ring_buffer *consumer_ring_buffer(struct consumer *c)
{
	return ((struct ring_consumer *)c)->rb;
}
