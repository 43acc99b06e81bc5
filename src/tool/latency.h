/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * How long events took from the kernel to the write of their line: a
 * histogram of nanoseconds with 16 buckets per power of two, so that adding
 * a value costs a few instructions, memory is fixed, and a percentile is
 * known to within 1/16 of it.
 */
#ifndef LATENCY_H
#define LATENCY_H

#define LATENCY_SUB_BITS	4
#define LATENCY_SUB		(1U << LATENCY_SUB_BITS)
#define LATENCY_BUCKETS		((64 - LATENCY_SUB_BITS + 1) * LATENCY_SUB)

struct latency {
	unsigned long long count[LATENCY_BUCKETS];
	unsigned long long n, max;
};

void latency_add(struct latency *l, unsigned long long ns);
/*
 * The smallest value v such that at least p% (0 < p <= 100) of those added
 * are at most v, rounded up to its bucket's end: never less than the true
 * percentile.  0 when nothing was added.
 */
unsigned long long latency_percentile(const struct latency *l, double p);

#endif /* LATENCY_H */
