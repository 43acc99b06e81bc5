// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Records put back in time order: merged, held, bounded, late ones counted. */
#include <stdlib.h>
#include "check.h"
#include "reorder.h"

/* A record as the tool gets it: its time first, then a little payload. */
struct rec {
	unsigned long long ts_ns;
	unsigned int cpu;
};

/* What was released, in order. */
struct seen {
	struct rec recs[64];
	size_t n;
};

static void collect(void *ctx, const void *data, size_t size)
{
	struct seen *s = ctx;

	if (CHECK_UINT_EQ(size, sizeof(struct rec)) && s->n < 64)
		memcpy(&s->recs[s->n++], data, size);
}

static void add(struct reorder *r, unsigned long long ts, unsigned int cpu)
{
	struct rec rec = { .ts_ns = ts, .cpu = cpu };

	reorder_add(r, cpu, ts, &rec, sizeof(rec));
}

static bool in_order(const struct seen *s)
{
	for (size_t i = 1; i < s->n; i++)
		if (s->recs[i].ts_ns < s->recs[i - 1].ts_ns)
			return false;
	return true;
}

/*
 * Two CPUs' buffers read one after the other, each in order: released
 * merged, and only up to the deadline.
 */
static void test_interleaved_cpus(void)
{
	static const unsigned long long cpu0[] = { 10, 30, 50, 70, 90 };
	static const unsigned long long cpu1[] = { 20, 40, 60, 80, 100 };
	struct seen s = {};
	struct reorder r;

	reorder_init(&r, 1 << 20, collect, &s);
	for (size_t i = 0; i < 5; i++)
		add(&r, cpu0[i], 0);
	for (size_t i = 0; i < 5; i++)
		add(&r, cpu1[i], 1);
	CHECK_UINT_EQ(s.n, 0);
	reorder_release(&r, 60);
	CHECK_UINT_EQ(s.n, 6);
	CHECK_UINT_EQ(s.recs[5].ts_ns, 60);
	CHECK_UINT_EQ(r.n, 4);
	reorder_release_all(&r);
	CHECK_UINT_EQ(s.n, 10);
	CHECK(in_order(&s));
	CHECK_UINT_EQ(r.out_of_order, 0);
	CHECK_UINT_EQ(r.n, 0);
	CHECK_UINT_EQ(r.bytes, 0);
	reorder_free(&r);
}

/* Equal times: released in the order they came. */
static void test_equal_times(void)
{
	struct seen s = {};
	struct reorder r;

	reorder_init(&r, 1 << 20, collect, &s);
	for (unsigned int cpu = 0; cpu < 8; cpu++)
		add(&r, 5, cpu);
	reorder_release_all(&r);
	CHECK_UINT_EQ(s.n, 8);
	for (unsigned int i = 0; i < s.n; i++)
		CHECK_UINT_EQ(s.recs[i].cpu, i);
	CHECK_UINT_EQ(r.out_of_order, 0);
	reorder_free(&r);
}

/* A record older than one already released: released, and counted. */
static void test_late_record(void)
{
	struct seen s = {};
	struct reorder r;

	reorder_init(&r, 1 << 20, collect, &s);
	add(&r, 100, 0);
	add(&r, 200, 0);
	reorder_release(&r, 150);
	add(&r, 120, 1);	/* after 100, before the 200 held: in time */
	add(&r, 90, 1);		/* before 100, already out */
	reorder_release(&r, 150);
	CHECK_UINT_EQ(s.n, 3);
	CHECK_UINT_EQ(s.recs[1].ts_ns, 90);
	CHECK_UINT_EQ(s.recs[2].ts_ns, 120);
	CHECK_UINT_EQ(r.out_of_order, 1);
	reorder_release_all(&r);
	CHECK_UINT_EQ(s.n, 4);
	CHECK_UINT_EQ(r.out_of_order, 1);
	reorder_free(&r);
}

/* Past its bound the oldest go early; a late one then counts, none is lost. */
static void test_bound(void)
{
	struct seen s = {};
	struct reorder r;

	reorder_init(&r, 3 * sizeof(struct rec), collect, &s);
	for (unsigned long long ts = 10; ts <= 50; ts += 10)
		add(&r, ts, 0);
	CHECK_UINT_EQ(s.n, 2);
	CHECK_UINT_EQ(s.recs[0].ts_ns, 10);
	CHECK_UINT_EQ(s.recs[1].ts_ns, 20);
	CHECK_UINT_EQ(r.n, 3);
	CHECK_UINT_EQ(r.bytes, 3 * sizeof(struct rec));
	add(&r, 15, 1);		/* 20 went out early: late */
	reorder_release_all(&r);
	CHECK_UINT_EQ(s.n, 6);
	CHECK_UINT_EQ(r.out_of_order, 1);
	/* A bound smaller than one record still holds that one. */
	s.n = 0;
	reorder_free(&r);
	reorder_init(&r, 1, collect, &s);
	add(&r, 7, 0);
	CHECK_UINT_EQ(s.n, 0);
	add(&r, 3, 0);
	CHECK_UINT_EQ(s.n, 1);
	CHECK_UINT_EQ(s.recs[0].ts_ns, 3);
	reorder_free(&r);	/* frees what it still holds */
}

/*
 * A source out of order (preempted between timestamp and output, or a ring
 * two CPUs share): each record in its place, the oldest of its queue too.
 */
static void test_source_out_of_order(void)
{
	static const unsigned long long cpu0[] = { 10, 40, 30, 5, 50, 45 };
	struct seen s = {};
	struct reorder r;

	reorder_init(&r, 1 << 20, collect, &s);
	add(&r, 20, 1);
	for (size_t i = 0; i < 6; i++)
		add(&r, cpu0[i], 0);
	add(&r, 25, 7);		/* sources need not be numbered densely */
	reorder_release(&r, 30);
	CHECK_UINT_EQ(s.n, 5);
	CHECK_UINT_EQ(s.recs[0].ts_ns, 5);
	CHECK_UINT_EQ(s.recs[1].cpu, 0);
	CHECK_UINT_EQ(s.recs[2].cpu, 1);
	CHECK_UINT_EQ(s.recs[3].cpu, 7);
	CHECK_UINT_EQ(s.recs[4].ts_ns, 30);
	reorder_release_all(&r);
	CHECK_UINT_EQ(s.n, 8);
	CHECK(in_order(&s));
	CHECK_UINT_EQ(r.out_of_order, 0);
	reorder_free(&r);
}

/* Many records in random order: out in order, all of them. */
static void test_many(void)
{
	static struct seen s;
	struct reorder r;
	unsigned long long want = 0;

	srand(1);
	reorder_init(&r, 1 << 20, collect, &s);
	for (int round = 0; round < 20; round++) {
		s.n = 0;
		for (int i = 0; i < 64; i++)
			add(&r, 1000 * round + rand() % 1000, i % 4);
		reorder_release_all(&r);
		want += s.n;
		if (!CHECK(in_order(&s)))
			break;
	}
	CHECK_UINT_EQ(want, 20 * 64);
	CHECK_UINT_EQ(r.out_of_order, 0);
	reorder_free(&r);
}

/* Counts what is released, checking it is in order and whole. */
struct stream {
	unsigned long long n, last;
	bool bad;
};

static void count(void *ctx, const void *data, size_t size)
{
	const unsigned long long *ts = data;
	struct stream *s = ctx;

	s->bad |= size < sizeof(*ts) || *ts < s->last ||
		  ((const char *)data)[size - 1] != (char)*ts;
	s->last = *ts;
	s->n++;
}

/*
 * Records of many sizes, far more than a chunk holds, released while more
 * come, as the tracer does: all out, in order, intact (the sanitized
 * build of these tests says no chunk is used after it is freed, or leaks).
 */
static void test_chunks(void)
{
	struct stream s = {};
	struct reorder r;
	char rec[5000];

	reorder_init(&r, 64 << 20, count, &s);
	for (unsigned long long ts = 0; ts < 20000; ts++) {
		size_t size = 16 + ts * 37 % (sizeof(rec) - 16) / 8 * 8;

		memcpy(rec, &ts, sizeof(ts));
		rec[size - 1] = (char)ts;
		reorder_add(&r, ts % 3, ts, rec, size);
		if (ts % 1000 == 999)
			reorder_release(&r, ts - 500);
	}
	CHECK_UINT_EQ(s.n, 19500);
	reorder_free(&r);
	CHECK(!s.bad);
}

void test_reorder(void)
{
	test_interleaved_cpus();
	test_equal_times();
	test_late_record();
	test_bound();
	test_source_out_of_order();
	test_many();
	test_chunks();
}
