// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The buffers' fill, read where libbpf's consumers keep the positions: the
 * perf buffer's header page, the ring's two position pages.  libbpf 1.3
 * added ring__avail_data_size(); before, this file maps those pages itself.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include <bpf/libbpf.h>
#include <bpf/libbpf_version.h>
#include "fill_sample.h"

#if LIBBPF_MAJOR_VERSION > 1 || \
	(LIBBPF_MAJOR_VERSION == 1 && LIBBPF_MINOR_VERSION >= 3)
#define HAVE_RING_API 1
#endif

/* One ring's positions. */
struct ring_positions {
#ifdef HAVE_RING_API
	struct ring *ring;
#else
	/* The ring's consumer and producer positions: its first two pages. */
	const unsigned long *positions;
#endif
};

struct fill_sampler {
	struct perf_buffer *pb;		/* exactly one of pb and rings is set */
	struct ring_positions *rings;
	unsigned int n_rings;
	long page_size;
	unsigned long long peak;
};

/* What the fullest CPU's perf buffer holds: its data_head - data_tail. */
static unsigned long long perf_pending(const struct fill_sampler *s)
{
	size_t n = perf_buffer__buffer_cnt(s->pb);
	unsigned long long most = 0;

	for (size_t i = 0; i < n; i++) {
		struct perf_event_mmap_page *h;
		__u64 head, tail;
		size_t size;
		void *base;

		/* The mapping starts with the header, the data after it. */
		if (perf_buffer__buffer(s->pb, i, &base, &size))
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
static unsigned long long ring_pending(const struct fill_sampler *s,
				       const struct ring_positions *r)
{
#ifdef HAVE_RING_API
	(void)s;
	return ring__avail_data_size(r->ring);
#else
	const unsigned long *prod = (const void *)((const char *)r->positions +
						   s->page_size);
	unsigned long cons_pos, prod_pos;

	cons_pos = __atomic_load_n(r->positions, __ATOMIC_ACQUIRE);
	prod_pos = __atomic_load_n(prod, __ATOMIC_ACQUIRE);
	return prod_pos - cons_pos;
#endif
}

/* What the fullest ring holds. */
static unsigned long long rings_pending(const struct fill_sampler *s)
{
	unsigned long long most = 0;

	for (unsigned int i = 0; i < s->n_rings; i++) {
		unsigned long long pending = ring_pending(s, &s->rings[i]);

		if (pending > most)
			most = pending;
	}
	return most;
}

unsigned long long fill_sample(struct fill_sampler *s)
{
	unsigned long long pending = s->pb ? perf_pending(s) : rings_pending(s);

	if (pending > s->peak)
		s->peak = pending;
	return s->peak;
}

/* Where ring i's positions are read, once libbpf consumes it as rb's i-th. */
static int ring_positions_open(struct fill_sampler *s, struct ring_buffer *rb,
			       unsigned int i, int fd)
{
#ifdef HAVE_RING_API
	(void)fd;
	s->rings[i].ring = ring_buffer__ring(rb, i);
	return s->rings[i].ring ? 0 : -ENOENT;
#else
	void *p = mmap(NULL, 2 * s->page_size, PROT_READ, MAP_SHARED, fd, 0);

	(void)rb;
	/* Read-only: the kernel lets only the consumer's page be written. */
	if (p == MAP_FAILED)
		return -errno;
	s->rings[i].positions = p;
	return 0;
#endif
}

struct fill_sampler *fill_sampler_perf(struct perf_buffer *pb)
{
	struct fill_sampler *s = calloc(1, sizeof(*s));

	if (s)
		s->pb = pb;
	return s;
}

struct fill_sampler *fill_sampler_rings(struct ring_buffer *rb,
					const int *fds, unsigned int n)
{
	struct fill_sampler *s = calloc(1, sizeof(*s));
	int err = 0;

	if (!s)
		return NULL;
	s->page_size = sysconf(_SC_PAGESIZE);
	s->rings = calloc(n, sizeof(*s->rings));
	if (!s->rings)
		err = -ENOMEM;
	for (unsigned int i = 0; i < n && !err; i++) {
		err = ring_positions_open(s, rb, i, fds[i]);
		if (!err)
			s->n_rings++;
	}
	if (err) {
		fill_sampler_free(s);
		errno = -err;
		return NULL;
	}
	return s;
}

void fill_sampler_free(struct fill_sampler *s)
{
	if (!s)
		return;
#ifndef HAVE_RING_API
	for (unsigned int i = 0; i < s->n_rings; i++)
		munmap((void *)s->rings[i].positions, 2 * s->page_size);
#endif
	free(s->rings);
	free(s);
}
