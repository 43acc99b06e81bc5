// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Queues of copied records, one per source, merged oldest first (see
 * reorder.h).  The copies go one after the other into chunks, not one
 * malloc() each: records are released about in the order they came, so a
 * chunk empties whole, soon after the next one is begun, and is freed then.
 */
#include <stdlib.h>
#include <string.h>
#include "reorder.h"

#define CHUNK_BYTES	(1 << 20)
#define QUEUE_FIRST_CAP	256	/* slots; doubled when full */
#define NOT_HEAD	((unsigned int)-1)

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

/* The key is in the queue itself: merging reads no record. */
struct slot {
	unsigned long long ts_ns;
	unsigned long long seq;
	struct held *held;
};

/* A source's records, oldest first, in a circular array. */
struct queue {
	struct slot *slots;
	size_t first, n, cap;	/* cap: 0 or a power of two */
	unsigned int at;	/* where it is in r->heads, or NOT_HEAD */
};

static bool earlier(const struct slot *a, const struct slot *b)
{
	return a->ts_ns < b->ts_ns || (a->ts_ns == b->ts_ns && a->seq < b->seq);
}

static struct slot *queue_at(const struct queue *q, size_t i)
{
	return &q->slots[(q->first + i) & (q->cap - 1)];
}

/* Room for one more: false if there is no memory for it. */
static bool queue_room(struct queue *q)
{
	size_t cap = q->cap ? 2 * q->cap : QUEUE_FIRST_CAP;
	struct slot *slots;

	if (q->n < q->cap)
		return true;
	slots = malloc(cap * sizeof(*slots));
	if (!slots)
		return false;
	for (size_t i = 0; i < q->n; i++)
		slots[i] = *queue_at(q, i);
	free(q->slots);
	q->slots = slots;
	q->first = 0;
	q->cap = cap;
	return true;
}

/*
 * Puts s in its place, almost always last: only a record older than the
 * last one held moves them up.  Returns true when s is the oldest now.
 */
static bool queue_put(struct queue *q, struct slot s)
{
	size_t i = q->n++;

	for (; i && earlier(&s, queue_at(q, i - 1)); i--)
		*queue_at(q, i) = *queue_at(q, i - 1);
	*queue_at(q, i) = s;
	return i == 0;
}

static struct slot queue_take(struct queue *q)
{
	struct slot s = *queue_at(q, 0);

	q->first = (q->first + 1) & (q->cap - 1);
	q->n--;
	return s;
}

/* Whether heads i's queue has the older oldest record than heads j's. */
static bool head_earlier(const struct reorder *r, unsigned int i,
			 unsigned int j)
{
	return earlier(queue_at(&r->queues[r->heads[i]], 0),
		       queue_at(&r->queues[r->heads[j]], 0));
}

static void head_place(struct reorder *r, unsigned int i, unsigned int q)
{
	r->heads[i] = q;
	r->queues[q].at = i;
}

static void head_swap(struct reorder *r, unsigned int i, unsigned int j)
{
	unsigned int q = r->heads[i];

	head_place(r, i, r->heads[j]);
	head_place(r, j, q);
}

static void sift_up(struct reorder *r, unsigned int i)
{
	while (i && head_earlier(r, i, (i - 1) / 2)) {
		head_swap(r, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void sift_down(struct reorder *r, unsigned int i)
{
	for (;;) {
		unsigned int least = i, l = 2 * i + 1, rt = l + 1;

		if (l < r->n_heads && head_earlier(r, l, least))
			least = l;
		if (rt < r->n_heads && head_earlier(r, rt, least))
			least = rt;
		if (least == i)
			return;
		head_swap(r, i, least);
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

/* Takes the oldest record out of its queue and releases it. */
static void release_oldest(struct reorder *r)
{
	struct queue *q = &r->queues[r->heads[0]];
	struct slot oldest = queue_take(q);
	struct held *h = oldest.held;

	if (!q->n) {
		q->at = NOT_HEAD;
		if (--r->n_heads)
			head_place(r, 0, r->heads[r->n_heads]);
	}
	sift_down(r, 0);
	r->n--;
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
	for (unsigned int i = 0; i < r->n_queues; i++) {
		struct queue *q = &r->queues[i];

		while (q->n)
			unhold(r, queue_take(q).held);
		free(q->slots);
	}
	free(r->chunk);
	free(r->queues);
	free(r->heads);
	*r = (struct reorder){ .max_bytes = r->max_bytes, .fn = r->fn,
			       .ctx = r->ctx };
}

/* Queues, and room in the heap, up to source: false without memory. */
static bool queues_up_to(struct reorder *r, unsigned int source)
{
	unsigned int n = source + 1;
	struct queue *queues;
	unsigned int *heads;

	if (source < r->n_queues)
		return true;
	queues = realloc(r->queues, n * sizeof(*queues));
	if (!queues)
		return false;
	r->queues = queues;
	heads = realloc(r->heads, n * sizeof(*heads));
	if (!heads)
		return false;
	r->heads = heads;
	for (unsigned int i = r->n_queues; i < n; i++)
		queues[i] = (struct queue){ .at = NOT_HEAD };
	r->n_queues = n;
	return true;
}

/* The source's queue, with room for one more; NULL without memory. */
static struct queue *queue_of(struct reorder *r, unsigned int source)
{
	struct queue *q;

	if (!queues_up_to(r, source))
		return NULL;
	q = &r->queues[source];
	return queue_room(q) ? q : NULL;
}

void reorder_add(struct reorder *r, unsigned int source,
		 unsigned long long ts_ns, const void *data, size_t size)
{
	struct queue *q = queue_of(r, source);
	struct held *h = q ? hold(r, size) : NULL;

	if (!h) {
		deliver(r, ts_ns, data, size);
		return;
	}
	memcpy(h->data, data, size);
	if (queue_put(q, (struct slot){ ts_ns, r->seq++, h })) {
		if (q->at == NOT_HEAD)
			head_place(r, r->n_heads++, source);
		sift_up(r, q->at);
	}
	r->n++;
	r->bytes += size;
	while (r->bytes > r->max_bytes && r->n > 1)
		release_oldest(r);
}

void reorder_release(struct reorder *r, unsigned long long deadline_ns)
{
	while (r->n && queue_at(&r->queues[r->heads[0]], 0)->ts_ns <=
		       deadline_ns)
		release_oldest(r);
}

void reorder_release_all(struct reorder *r)
{
	while (r->n)
		release_oldest(r);
}
