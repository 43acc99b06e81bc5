// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include "latency.h"

/*
 * Below LATENCY_SUB, a bucket per value; above, for v in [2^e, 2^(e+1)),
 * the LATENCY_SUB_BITS bits after its leading one choose the bucket.
 */
static unsigned int bucket(unsigned long long v)
{
	unsigned int e;

	if (v < LATENCY_SUB)
		return v;
	e = 63 - __builtin_clzll(v);
	return (e - LATENCY_SUB_BITS + 1) * LATENCY_SUB +
	       ((v >> (e - LATENCY_SUB_BITS)) & (LATENCY_SUB - 1));
}

/* The largest value that falls in bucket b. */
static unsigned long long bucket_end(unsigned int b)
{
	unsigned int e = b / LATENCY_SUB + LATENCY_SUB_BITS - 1;
	unsigned long long sub = b % LATENCY_SUB;

	if (b < LATENCY_SUB)
		return b;
	if (e == 63 && sub == LATENCY_SUB - 1)
		return ~0ULL;
	return ((LATENCY_SUB + sub + 1) << (e - LATENCY_SUB_BITS)) - 1;
}

void latency_add(struct latency *l, unsigned long long ns)
{
	l->count[bucket(ns)]++;
	l->n++;
	if (ns > l->max)
		l->max = ns;
}

unsigned long long latency_percentile(const struct latency *l, double p)
{
	unsigned long long want, seen = 0;

	if (!l->n)
		return 0;
	/* The rank of the value: ceil(p% of n), at least the first. */
	want = (unsigned long long)(p / 100 * l->n);
	if (want < p / 100 * l->n || !want)
		want++;
	for (unsigned int b = 0; b < LATENCY_BUCKETS; b++) {
		seen += l->count[b];
		if (seen >= want)
			return bucket_end(b) < l->max ? bucket_end(b) : l->max;
	}
	return l->max;
}
