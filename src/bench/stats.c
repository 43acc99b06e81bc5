// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Percentiles, mean and spread, kept apart so the unit tests can reach them. */
#include <math.h>
#include <stdlib.h>
#include "stats.h"

static int cmp_u64(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a;
	unsigned long long y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

void sort_u64(unsigned long long *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_u64);
}

double percentile(const unsigned long long *sorted, size_t n, double p)
{
	size_t rank;

	if (!n)
		return NAN;
	/* ceil(p/100 * n), computed so that 99.9% of 1000 is exactly 999. */
	rank = (size_t)ceil(p * n / 100.0 - 1e-9);
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return sorted[rank - 1];
}

double mean(const double *v, size_t n)
{
	double sum = 0;

	if (!n)
		return NAN;
	for (size_t i = 0; i < n; i++)
		sum += v[i];
	return sum / n;
}

double stddev(const double *v, size_t n)
{
	double m = mean(v, n), sum = 0;

	if (n < 2)
		return NAN;
	for (size_t i = 0; i < n; i++)
		sum += (v[i] - m) * (v[i] - m);
	return sqrt(sum / (n - 1));
}
