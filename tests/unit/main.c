// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Runs every unit test and sums them up in one line tests/run can read. */
#include "check.h"

unsigned int checks_passed;
unsigned int checks_failed;

int main(void)
{
	test_options();
	test_format();
	test_latency();
	test_writer();
	test_fill();
	test_reorder();
	printf("unit: %u passed, %u failed\n", checks_passed, checks_failed);
	return checks_failed ? 1 : 0;
}
