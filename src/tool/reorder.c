// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A min-heap of copied records, released oldest first (see reorder.h).
 * The copies go one after the other into chunks, not one malloc() each:
 * records are released about in the order they came, so a chunk empties
 * whole, soon after the next one is begun, and is freed then.
 */
#include <stdlib.h>
#include <string.h>
#include "reorder.h"

#define CHUNK_BYTES	(1 << 20)

struct chunk {
	size_t used;	/* bytes handed out */
	size_t live;	/* copies in it not yet released */
	_Alignas(8) char data[];
};

struct held {
	struct chunk *chunk;
	size_t size;
	/* A record's fields are 8-byte aligned, as in the ring buffer. */
	_Alignas(8) char data[];
};

/* The key is in the heap itself: sifting reads no record. */
struct slot {
	unsigned long long ts_ns;
	unsigned long long seq;
	struct held *held;
};

static bool earlier(const struct slot *a, const struct slot *b)
{
	return a->ts_ns < b->ts_ns || (a->ts_ns == b->ts_ns && a->seq < b->seq);
}

static void swap(struct slot *heap, size_t i, size_t j)
{
	struct slot s = heap[i];

	heap[i] = heap[j];
	heap[j] = s;
}

static void sift_up(struct slot *heap, size_t i)
{
	while (i && earlier(&heap[i], &heap[(i - 1) / 2])) {
		swap(heap, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void sift_down(struct slot *heap, size_t n, size_t i)
{
	for (;;) {
		size_t least = i, l = 2 * i + 1, r = l + 1;

		if (l < n && earlier(&heap[l], &heap[least]))
			least = l;
		if (r < n && earlier(&heap[r], &heap[least]))
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

/* Room for a copy of size bytes, or NULL without memory for it. */
static struct held *hold(struct reorder *r, size_t size)
{
	size_t room = (sizeof(struct held) + size + 7) & ~(size_t)7;
	struct chunk *c = r->chunk;
	struct held *h;

	if (!c || c->used + room > CHUNK_BYTES) {
		size_t bytes = room > CHUNK_BYTES ? room : CHUNK_BYTES;

		c = malloc(sizeof(*c) + bytes);
		if (!c)
			return NULL;
		c->used = c->live = 0;
		/* The chunk it replaces is freed with its last copy. */
		if (r->chunk && !r->chunk->live)
			free(r->chunk);
		r->chunk = c;
	}
	h = (struct held *)(c->data + c->used);
	c->used += room;
	c->live++;
	h->chunk = c;
	h->size = size;
	return h;
}

/* A copy released: its chunk goes once empty, unless copies still come. */
static void unhold(struct reorder *r, struct held *h)
{
	struct chunk *c = h->chunk;

	if (--c->live || c == r->chunk)
		return;
	free(c);
}

/* Takes the oldest out of the heap and releases it. */
static void release_oldest(struct reorder *r)
{
	struct slot oldest = r->heap[0];
	struct held *h = oldest.held;

	r->heap[0] = r->heap[--r->n];
	sift_down(r->heap, r->n, 0);
	r->bytes -= h->size;
	deliver(r, oldest.ts_ns, h->data, h->size);
	unhold(r, h);
}

void reorder_init(struct reorder *r, size_t max_bytes, reorder_fn fn,
		  void *ctx)
{
	*r = (struct reorder){ .max_bytes = max_bytes, .fn = fn, .ctx = ctx };
}

void reorder_free(struct reorder *r)
{
	for (size_t i = 0; i < r->n; i++)
		unhold(r, r->heap[i].held);
	free(r->chunk);
	free(r->heap);
	r->heap = NULL;
	r->chunk = NULL;
	r->n = r->cap = 0;
}

/* Room for one more in the heap: false if there is no memory for it. */
static bool heap_room(struct reorder *r)
{
	size_t cap = r->cap ? 2 * r->cap : 256;
	struct slot *heap;

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
	struct held *h = heap_room(r) ? hold(r, size) : NULL;

	if (!h) {
		deliver(r, ts_ns, data, size);
		return;
	}
	memcpy(h->data, data, size);
	r->heap[r->n] = (struct slot){ ts_ns, r->seq++, h };
	sift_up(r->heap, r->n++);
	r->bytes += size;
	while (r->bytes > r->max_bytes && r->n > 1)
		release_oldest(r);
}

void reorder_release(struct reorder *r, unsigned long long deadline_ns)
{
	while (r->n && r->heap[0].ts_ns <= deadline_ns)
		release_oldest(r);
}

void reorder_release_all(struct reorder *r)
{
	while (r->n)
		release_oldest(r);
}
