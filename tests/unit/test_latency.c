// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The delivery latency histogram: exact below 16, within 1/16 above. */
#include <stdlib.h>
#include "check.h"
#include "latency.h"

/* Each percentile is at least the true one and within 1/16 above it. */
static void check_close(unsigned long long got, unsigned long long want)
{
	if (!CHECK(got >= want && got - want <= want / 16))
		fprintf(stderr, "  got %llu for %llu\n", got, want);
}

static void test_small_values_exact(void)
{
	struct latency l = {};

	for (unsigned long long v = 1; v <= 15; v++)
		latency_add(&l, v);
	CHECK_UINT_EQ(latency_percentile(&l, 50), 8);
	CHECK_UINT_EQ(latency_percentile(&l, 100), 15);
	CHECK_UINT_EQ(l.n, 15);
	CHECK_UINT_EQ(l.max, 15);
}

static void test_ranks(void)
{
	struct latency l = {};

	/* 1..1000 us: the p-th value is p * 10 us. */
	for (unsigned long long v = 1; v <= 1000; v++)
		latency_add(&l, v * 1000);
	check_close(latency_percentile(&l, 50), 500000);
	check_close(latency_percentile(&l, 99), 990000);
	/* Never past the largest value added. */
	CHECK_UINT_EQ(latency_percentile(&l, 100), 1000000);
	check_close(latency_percentile(&l, 0.1), 1000);
}

static void test_edges(void)
{
	struct latency l = {};

	CHECK_UINT_EQ(latency_percentile(&l, 50), 0);
	latency_add(&l, 0);
	CHECK_UINT_EQ(latency_percentile(&l, 99), 0);
	/* The largest value has a bucket, and is not understated. */
	latency_add(&l, ~0ULL);
	CHECK_UINT_EQ(latency_percentile(&l, 100), ~0ULL);
	CHECK_UINT_EQ(l.max, ~0ULL);
	/*
	 * 1024 to 1087 share a bucket: a percentile in it reads 1087, its
	 * end, unless that is past the largest value added.
	 */
	l = (struct latency){};
	latency_add(&l, 1024);
	latency_add(&l, 5000);
	CHECK_UINT_EQ(latency_percentile(&l, 50), 1087);
	l = (struct latency){};
	latency_add(&l, 1024);
	CHECK_UINT_EQ(latency_percentile(&l, 50), 1024);
}

void test_latency(void)
{
	test_small_values_exact();
	test_ranks();
	test_edges();
}
