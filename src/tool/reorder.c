// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* A min-heap of copied records, released oldest first (see reorder.h). */
#include <stdlib.h>
#include <string.h>
#include "reorder.h"

struct held {
	unsigned long long ts_ns;
	unsigned long long seq;
	size_t size;
	/* A record's fields are 8-byte aligned, as in the ring buffer. */
	_Alignas(8) char data[];
};

static bool earlier(const struct held *a, const struct held *b)
{
	return a->ts_ns < b->ts_ns || (a->ts_ns == b->ts_ns && a->seq < b->seq);
}

static void swap(struct held **heap, size_t i, size_t j)
{
	struct held *h = heap[i];

	heap[i] = heap[j];
	heap[j] = h;
}

static void sift_up(struct held **heap, size_t i)
{
	while (i && earlier(heap[i], heap[(i - 1) / 2])) {
		swap(heap, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void sift_down(struct held **heap, size_t n, size_t i)
{
	for (;;) {
		size_t least = i, l = 2 * i + 1, r = l + 1;

		if (l < n && earlier(heap[l], heap[least]))
			least = l;
		if (r < n && earlier(heap[r], heap[least]))
			least = r;
		if (least == i)
			return;
		swap(heap, i, least);
		i = least;
	}
}

/* Hands a record on; one older than a record already released is late. */
static void deliver(struct reorder *r, unsigned long long ts_ns,
		    const void *data, size_t size)
{
	if (ts_ns < r->last_ts)
		r->out_of_order++;
	else
		r->last_ts = ts_ns;
	r->fn(r->ctx, data, size);
}

/* Takes the oldest out of the heap and releases it. */
static void release_oldest(struct reorder *r)
{
	struct held *h = r->heap[0];

	r->heap[0] = r->heap[--r->n];
	sift_down(r->heap, r->n, 0);
	r->bytes -= h->size;
	deliver(r, h->ts_ns, h->data, h->size);
	free(h);
}

void reorder_init(struct reorder *r, size_t max_bytes, reorder_fn fn,
		  void *ctx)
{
	*r = (struct reorder){ .max_bytes = max_bytes, .fn = fn, .ctx = ctx };
}

void reorder_free(struct reorder *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->heap[i]);
	free(r->heap);
	r->heap = NULL;
	r->n = r->cap = 0;
}

/* Room for one more in the heap: false if there is no memory for it. */
static bool heap_room(struct reorder *r)
{
	size_t cap = r->cap ? 2 * r->cap : 256;
	struct held **heap;

	if (r->n < r->cap)
		return true;
	heap = realloc(r->heap, cap * sizeof(*heap));
	if (!heap)
		return false;
	r->heap = heap;
	r->cap = cap;
	return true;
}

void reorder_add(struct reorder *r, unsigned long long ts_ns,
		 const void *data, size_t size)
{
	struct held *h = heap_room(r) ? malloc(sizeof(*h) + size) : NULL;

	if (!h) {
		deliver(r, ts_ns, data, size);
		return;
	}
	h->ts_ns = ts_ns;
	h->seq = r->seq++;
	h->size = size;
	memcpy(h->data, data, size);
	r->heap[r->n] = h;
	sift_up(r->heap, r->n++);
	r->bytes += size;
	while (r->bytes > r->max_bytes && r->n > 1)
		release_oldest(r);
}

void reorder_release(struct reorder *r, unsigned long long deadline_ns)
{
	while (r->n && r->heap[0]->ts_ns <= deadline_ns)
		release_oldest(r);
}

void reorder_release_all(struct reorder *r)
{
	while (r->n)
		release_oldest(r);
}

bool reorder_oldest(const struct reorder *r, unsigned long long *ts_ns)
{
	if (!r->n)
		return false;
	*ts_ns = r->heap[0]->ts_ns;
	return true;
}
