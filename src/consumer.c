// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * libbpf's two consumers behind one interface.  Side by side they show what
 * user space changes between the mechanisms: the callback (the perf buffer
 * says which CPU a record came from, and hands over raw perf records) and
 * the new/poll calls; and how each says how full it is.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include <bpf/libbpf.h>
#include <bpf/libbpf_version.h>
#include "consumer.h"
#include "event.h"
#include "perf_sample.h"

/* libbpf 1.3 added ring__avail_data_size(); before, the tool maps it. */
#if LIBBPF_MAJOR_VERSION > 1 || \
	(LIBBPF_MAJOR_VERSION == 1 && LIBBPF_MINOR_VERSION >= 3)
#define HAVE_RING_API 1
#endif

/* One ring: which it is, for the records, and where its fill is read. */
struct consumer_ring {
	struct consumer *c;
	unsigned int index;
	/* Bytes of its records read, headers and padding too: its position. */
	unsigned long long read;
#ifdef HAVE_RING_API
	struct ring *ring;
#else
	/* The ring's consumer and producer positions: its first two pages. */
	const unsigned long *positions;
#endif
};

struct consumer {
	struct perf_buffer *pb;	/* exactly one of pb and rb is set */
	struct ring_buffer *rb;
	struct consumer_ring *rings;
	unsigned int n_rings;
	long page_size;
	record_fn fn;
	void *ctx;
	unsigned long long fill_peak;	/* see consumer_fill() */
	bool fill_sampled;		/* by this poll or drain */
	/* Room for the largest record at the alignment its fields need. */
	_Alignas(8) char aligned[RECORD_MAX + 8];
};

/* What the fullest CPU's perf buffer holds: its data_head - data_tail. */
static unsigned long long perf_pending(const struct consumer *c)
{
	size_t n = perf_buffer__buffer_cnt(c->pb);
	unsigned long long most = 0;

	for (size_t i = 0; i < n; i++) {
		struct perf_event_mmap_page *h;
		__u64 head, tail;
		size_t size;
		void *base;

		/* The mapping starts with the header, the data after it. */
		if (perf_buffer__buffer(c->pb, i, &base, &size))
			continue;
		h = base;
		head = __atomic_load_n(&h->data_head, __ATOMIC_ACQUIRE);
		tail = __atomic_load_n(&h->data_tail, __ATOMIC_RELAXED);
		if (head - tail > most)
			most = head - tail;
	}
	return most;
}

/* What a ring holds: its producer's position less its consumer's. */
static unsigned long long ring_pending(const struct consumer *c,
				       const struct consumer_ring *r)
{
#ifdef HAVE_RING_API
	(void)c;
	return ring__avail_data_size(r->ring);
#else
	const unsigned long *prod = (const void *)((const char *)r->positions +
						   c->page_size);
	unsigned long cons_pos, prod_pos;

	cons_pos = __atomic_load_n(r->positions, __ATOMIC_ACQUIRE);
	prod_pos = __atomic_load_n(prod, __ATOMIC_ACQUIRE);
	return prod_pos - cons_pos;
#endif
}

/* What the fullest ring holds. */
static unsigned long long rings_pending(const struct consumer *c)
{
	unsigned long long most = 0;

	for (unsigned int i = 0; i < c->n_rings; i++) {
		unsigned long long pending = ring_pending(c, &c->rings[i]);

		if (pending > most)
			most = pending;
	}
	return most;
}

static void sample_fill(struct consumer *c)
{
	unsigned long long pending = c->pb ? perf_pending(c) : rings_pending(c);

	if (pending > c->fill_peak)
		c->fill_peak = pending;
	c->fill_sampled = true;
}

static enum bpf_perf_event_ret on_perf_event(void *ctx, int cpu,
					     struct perf_event_header *event)
{
	const struct perf_sample *s = perf_sample_of(event);
	struct consumer *c = ctx;
	const void *data;
	__u32 size;

	/* libbpf moves data_tail past the records only once it has all. */
	if (!c->fill_sampled)
		sample_fill(c);
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
	struct consumer *c = r->c;
	const char *next;

	/* Before the first record is consumed: libbpf moves on after each. */
	if (!c->fill_sampled)
		sample_fill(c);
	/*
	 * The next record, if there is one, was most likely written on another
	 * CPU: ask for its header and start now, so that they come while this
	 * one is formatted.  A prefetch never faults, wherever it points.
	 */
	next = (const char *)data + ((size + 7) & ~(size_t)7);
	r->read += next - (const char *)data + BPF_RINGBUF_HDR_SZ;
	__builtin_prefetch(next);
	__builtin_prefetch(next + 64);
	c->fn(c->ctx, r->index, data, size);
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

/* Where ring i's fill is read, once libbpf consumes it as rb's i-th. */
static int ring_fill_open(struct consumer *c, unsigned int i, int fd)
{
#ifdef HAVE_RING_API
	(void)fd;
	c->rings[i].ring = ring_buffer__ring(c->rb, i);
	return c->rings[i].ring ? 0 : -ENOENT;
#else
	void *p = mmap(NULL, 2 * c->page_size, PROT_READ, MAP_SHARED, fd, 0);

	/* Read-only: the kernel lets only the consumer's page be written. */
	if (p == MAP_FAILED)
		return -errno;
	c->rings[i].positions = p;
	return 0;
#endif
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
	for (unsigned int i = 0; i < n && !err; i++) {
		if (i)
			err = ring_buffer__add(c->rb, fds[i], on_ring_record,
					       &c->rings[i]);
		if (!err)
			err = ring_fill_open(c, i, fds[i]);
		if (!err)
			c->n_rings++;
	}
	return err;
}

static struct consumer *consumer_alloc(record_fn fn, void *ctx)
{
	struct consumer *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->fn = fn;
	c->ctx = ctx;
	c->page_size = sysconf(_SC_PAGESIZE);
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
	c->fill_sampled = false;
	if (c->pb)
		return perf_buffer__poll(c->pb, timeout_ms);
	return ring_buffer__poll(c->rb, timeout_ms);
}

int consumer_drain(struct consumer *c)
{
	c->fill_sampled = false;
	if (c->pb)
		return perf_buffer__consume(c->pb);
	return ring_buffer__consume(c->rb);
}

unsigned long long consumer_fill(struct consumer *c)
{
	sample_fill(c);
	return c->fill_peak;
}

unsigned long long consumer_multiples(const struct consumer *c,
					unsigned long long every)
{
	unsigned long long n = 0;

	for (unsigned int i = 0; i < c->n_rings && every; i++)
		n += c->rings[i].read / every;
	return n;
}

void consumer_free(struct consumer *c)
{
	if (!c)
		return;
	perf_buffer__free(c->pb);
	ring_buffer__free(c->rb);
#ifndef HAVE_RING_API
	for (unsigned int i = 0; i < c->n_rings; i++)
		munmap((void *)c->rings[i].positions, 2 * c->page_size);
#endif
	free(c->rings);
	free(c);
}
