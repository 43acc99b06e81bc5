/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * A minimal test framework: every CHECK counts as one pass or one failure,
 * and a failure says where it happened and what the values were, so a
 * failing run can be understood without a debugger.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Defined in main.c. */
extern unsigned int checks_passed;
extern unsigned int checks_failed;

/* The test files: one entry point each, run by main.c. */
void test_options(void);
void test_format(void);
void test_latency(void);
void test_writer(void);
void test_fill(void);
void test_reorder(void);

static inline bool check_count(bool ok)
{
	if (ok)
		checks_passed++;
	else
		checks_failed++;
	return ok;
}

/*
 * Prints s quoted, with anything that is not printable ASCII as \xHH: the
 * strings under test are full of control bytes and broken UTF-8, and a raw
 * one would garble the very report meant to show it.
 */
static inline void check_put_string(const char *s)
{
	if (!s) {
		fputs("NULL", stderr);
		return;
	}
	putc('"', stderr);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(stderr, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			putc(c, stderr);
		else
			fprintf(stderr, "\\x%02x", c);
	}
	putc('"', stderr);
}

static inline bool check_true(bool ok, const char *file, int line,
			      const char *expr)
{
	if (!check_count(ok))
		fprintf(stderr, "%s:%d: CHECK(%s) failed\n", file, line, expr);
	return ok;
}

/* NULL equals only NULL, so a function returning "no error" fits too. */
static inline bool check_str_eq(const char *actual, const char *expected,
				const char *file, int line, const char *expr)
{
	bool ok = actual && expected ? !strcmp(actual, expected) :
		  actual == expected;

	if (!check_count(ok)) {
		fprintf(stderr, "%s:%d: %s\n  actual:   ", file, line, expr);
		check_put_string(actual);
		fputs("\n  expected: ", stderr);
		check_put_string(expected);
		putc('\n', stderr);
	}
	return ok;
}

static inline bool check_int_eq(long long actual, long long expected,
				const char *file, int line, const char *expr)
{
	if (!check_count(actual == expected))
		fprintf(stderr, "%s:%d: %s\n  actual:   %lld\n  expected: %lld\n",
			file, line, expr, actual, expected);
	return actual == expected;
}

static inline bool check_uint_eq(unsigned long long actual,
				 unsigned long long expected,
				 const char *file, int line, const char *expr)
{
	if (!check_count(actual == expected))
		fprintf(stderr, "%s:%d: %s\n  actual:   %llu\n  expected: %llu\n",
			file, line, expr, actual, expected);
	return actual == expected;
}

/* Each evaluates to whether the check passed, for tests that depend on it. */
#define CHECK(cond) \
	check_true(!!(cond), __FILE__, __LINE__, #cond)
#define CHECK_STR_EQ(actual, expected) \
	check_str_eq((actual), (expected), __FILE__, __LINE__, #actual)
#define CHECK_INT_EQ(actual, expected) \
	check_int_eq((actual), (expected), __FILE__, __LINE__, #actual)
#define CHECK_UINT_EQ(actual, expected) \
	check_uint_eq((actual), (expected), __FILE__, __LINE__, #actual)

#endif /* CHECK_H */
