/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* The benchmark's unit test files: one entry point each, run by main.c. */
#ifndef BENCH_TESTS_H
#define BENCH_TESTS_H

#include "../check.h"

void test_bench_stats(void);
void test_bench_options(void);
void test_bench_record(void);
void test_bench_decimal(void);
void test_bench_report(void);

#endif /* BENCH_TESTS_H */
