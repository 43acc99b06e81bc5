/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* The few statistics the benchmark reports: percentiles, mean and spread. */
#ifndef BENCH_STATS_H
#define BENCH_STATS_H

#include <stddef.h>

/* Sorts v in place, ascending. */
void sort_u64(unsigned long long *v, size_t n);
/*
 * Each returns NAN when there are too few values for the figure, so that
 * nothing measured is never mistaken for a measured 0.
 *
 * The nearest-rank percentile p (0 < p <= 100) of sorted v: the smallest
 * value with at least p% of the values at or below it.
 */
double percentile(const unsigned long long *sorted, size_t n, double p);
double mean(const double *v, size_t n);
/* The sample standard deviation (n - 1): two values at least. */
double stddev(const double *v, size_t n);

#endif /* BENCH_STATS_H */
