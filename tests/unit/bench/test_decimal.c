// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* parse_decimal_ms(): seconds as plain decimals, never what strtod takes. */
#include <limits.h>
#include "bench_tests.h"
#include "parse.h"

#define NOT_SECONDS	"not a number of seconds (e.g. 1.5)"

struct decimal_case {
	const char *input;
	unsigned long long max_ms;
	unsigned long long ms;
	const char *err;
};

static void test_parse_decimal_ms(void)
{
	static const struct decimal_case cases[] = {
		{ "0", ULLONG_MAX, 0, NULL },
		{ "2", ULLONG_MAX, 2000, NULL },
		{ "1.5", ULLONG_MAX, 1500, NULL },
		{ "0.25", ULLONG_MAX, 250, NULL },
		{ "0.001", ULLONG_MAX, 1, NULL },
		{ "007.010", ULLONG_MAX, 7010, NULL },
		{ "3600", 3600000, 3600000, NULL },
		{ "3600.001", 3600000, 0, "too large" },
		{ "18446744073709551", ULLONG_MAX, 18446744073709551000ULL, NULL },
		{ "18446744073709552", ULLONG_MAX, 0, "too large" },
		{ "99999999999999999999", ULLONG_MAX, 0, "too large" },
		{ "1.2345", ULLONG_MAX, 0, "more than 3 decimals" },
		/* strtod would take every one of these. */
		{ "nan", ULLONG_MAX, 0, NOT_SECONDS },
		{ "NaN", ULLONG_MAX, 0, NOT_SECONDS },
		{ "inf", ULLONG_MAX, 0, NOT_SECONDS },
		{ "infinity", ULLONG_MAX, 0, NOT_SECONDS },
		{ "0x1p3", ULLONG_MAX, 0, NOT_SECONDS },
		{ "1e3", ULLONG_MAX, 0, NOT_SECONDS },
		{ "1e-3", ULLONG_MAX, 0, NOT_SECONDS },
		{ "-1", ULLONG_MAX, 0, NOT_SECONDS },
		{ "+1", ULLONG_MAX, 0, NOT_SECONDS },
		{ " 1", ULLONG_MAX, 0, NOT_SECONDS },
		{ "1 ", ULLONG_MAX, 0, NOT_SECONDS },
		{ "", ULLONG_MAX, 0, NOT_SECONDS },
		{ ".5", ULLONG_MAX, 0, NOT_SECONDS },
		{ "1.", ULLONG_MAX, 0, NOT_SECONDS },
		{ "1.5.", ULLONG_MAX, 0, NOT_SECONDS },
		{ "1,5", ULLONG_MAX, 0, NOT_SECONDS },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct decimal_case *c = &cases[i];
		unsigned long long ms = 12345;

		if (!CHECK_STR_EQ(parse_decimal_ms(c->input, c->max_ms, &ms),
				  c->err))
			fprintf(stderr, "  input: \"%s\"\n", c->input);
		/* A refused value must leave *ms alone. */
		CHECK_UINT_EQ(ms, c->err ? 12345 : c->ms);
	}
}

void test_bench_decimal(void)
{
	test_parse_decimal_ms();
}
