// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Percentiles, mean and spread: the figures every report line rests on. */
#include <math.h>
#include "bench_tests.h"
#include "stats.h"

#define NEAR(a, b)	(fabs((a) - (b)) < 1e-9)

static void test_percentiles_of_1_to_1000(void)
{
	unsigned long long v[1000];

	/* Reversed, so the sort has work to do. */
	for (int i = 0; i < 1000; i++)
		v[i] = 1000 - i;
	sort_u64(v, 1000);
	CHECK_UINT_EQ(v[0], 1);
	CHECK_UINT_EQ(v[999], 1000);
	CHECK_UINT_EQ(percentile(v, 1000, 50), 500);
	CHECK_UINT_EQ(percentile(v, 1000, 99), 990);
	CHECK_UINT_EQ(percentile(v, 1000, 99.9), 999);
	CHECK_UINT_EQ(percentile(v, 1000, 100), 1000);
	CHECK_UINT_EQ(percentile(v, 1000, 0.01), 1);
}

static void test_percentiles_of_few(void)
{
	unsigned long long one[] = { 42 };
	unsigned long long two[] = { 10, 20 };
	unsigned long long dup[] = { 5, 5, 5, 7 };

	CHECK_UINT_EQ(percentile(one, 1, 50), 42);
	CHECK_UINT_EQ(percentile(one, 1, 99.9), 42);
	CHECK_UINT_EQ(percentile(two, 2, 50), 10);
	CHECK_UINT_EQ(percentile(two, 2, 51), 20);
	CHECK_UINT_EQ(percentile(dup, 4, 75), 5);
	CHECK_UINT_EQ(percentile(dup, 4, 99), 7);
}

/* No sample, no figure: a 0 would read as a measured one. */
static void test_nothing_to_measure(void)
{
	double one[] = { 7 };
	double p50 = percentile(NULL, 0, 50);
	double p999 = percentile(NULL, 0, 99.9);

	CHECK(isnan(p50));
	CHECK(isnan(p999));
	CHECK(isnan(mean(NULL, 0)));
	/* One value has no spread that could be told from none. */
	CHECK(isnan(stddev(one, 1)));
	CHECK(isnan(stddev(NULL, 0)));
}

static void test_sort_handles_large_values(void)
{
	/* A subtraction-based compare would get these wrong. */
	unsigned long long v[] = { ~0ULL, 1, 1ULL << 63, 0 };

	sort_u64(v, 4);
	CHECK_UINT_EQ(v[0], 0);
	CHECK_UINT_EQ(v[1], 1);
	CHECK_UINT_EQ(v[2], 1ULL << 63);
	CHECK_UINT_EQ(v[3], ~0ULL);
}

static void test_mean_and_spread(void)
{
	double v[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
	double same[] = { 3, 3, 3 };
	double one[] = { 7 };

	CHECK(NEAR(mean(v, 8), 5));
	/* Sum of squares 32 over n - 1 = 7. */
	CHECK(NEAR(stddev(v, 8), sqrt(32.0 / 7)));
	CHECK(NEAR(stddev(same, 3), 0));
	CHECK(NEAR(mean(one, 1), 7));
}

void test_bench_stats(void)
{
	test_percentiles_of_1_to_1000();
	test_percentiles_of_few();
	test_sort_handles_large_values();
	test_mean_and_spread();
	test_nothing_to_measure();
}
