// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Runs the benchmark's unit tests; tests/run reads the last line. */
#include "bench_tests.h"

unsigned int checks_passed;
unsigned int checks_failed;

int main(void)
{
	test_bench_stats();
	test_bench_options();
	test_bench_record();
	test_bench_decimal();
	test_bench_report();
	printf("bench-unit: %u passed, %u failed\n", checks_passed,
	       checks_failed);
	return checks_failed ? 1 : 0;
}
