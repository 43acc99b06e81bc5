// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The values both command lines take, the tracers' and ringbuf-bench's:
 * numbers, sizes and buffer geometry, checked the same way everywhere.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "parse.h"

const char *parse_number(const char *s, unsigned long long max,
			 unsigned long long *out)
{
	unsigned long long v;
	char *end;

	/* strtoull would quietly accept "-1", " 7" and "+7". */
	if (!isdigit((unsigned char)*s))
		return "not a non-negative whole number";
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end)
		return "not a non-negative whole number";
	if (errno == ERANGE || v > max)
		return "too large";
	*out = v;
	return NULL;
}

const char *parse_decimal_ms(const char *s, unsigned long long max_ms,
			     unsigned long long *ms)
{
	const char *dot = strchr(s, '.');
	size_t whole = dot ? (size_t)(dot - s) : strlen(s);
	size_t decimals = dot ? strlen(dot + 1) : 0;
	unsigned long long v = 0, frac = 0;

	if (!whole || strspn(s, "0123456789") != whole ||
	    (dot && (!decimals || strspn(dot + 1, "0123456789") != decimals)))
		return "not a number of seconds (e.g. 1.5)";
	if (decimals > 3)
		return "more than 3 decimals";
	for (size_t i = 0; i < whole; i++) {
		/* Bounded at each digit, so that v * 1000 cannot wrap. */
		v = v * 10 + (s[i] - '0');
		if (v > max_ms / 1000)
			return "too large";
	}
	/* "1.5" is 1 s and 500 ms: the decimals, padded to three digits. */
	for (size_t i = 0; i < 3; i++)
		frac = frac * 10 + (i < decimals ? dot[1 + i] - '0' : 0);
	if (frac > max_ms - v * 1000)
		return "too large";
	*ms = v * 1000 + frac;
	return NULL;
}

const char *parse_size(const char *s, unsigned long long *out)
{
	unsigned long long v, shift = 0;
	size_t len = strlen(s);
	char digits[32];
	const char *err;

	if (len && strchr("kKmMgG", s[len - 1])) {
		shift = s[len - 1] == 'k' || s[len - 1] == 'K' ? 10 :
			s[len - 1] == 'm' || s[len - 1] == 'M' ? 20 : 30;
		len--;
	}
	if (!len || len >= sizeof(digits))
		return len ? "too large" : "not a size";
	memcpy(digits, s, len);
	digits[len] = '\0';
	err = parse_number(digits, ULLONG_MAX >> shift, &v);
	if (err)
		return err;
	*out = v << shift;
	return NULL;
}

bool is_power_of_2(unsigned long long v)
{
	return v && !(v & (v - 1));
}

const char *check_ring_size(unsigned long long size, unsigned long page_size)
{
	if (size > MAX_RING_SIZE)
		return "too large (the limit is 1G)";
	if (size % page_size)
		return "not a multiple of the page size";
	if (!is_power_of_2(size))
		return "not a power of two";
	return NULL;
}

const char *check_perf_pages(unsigned long long pages)
{
	if (pages > MAX_PERF_PAGES)
		return "too large (the limit is 65536)";
	if (!is_power_of_2(pages))
		return "not a power of two";
	return NULL;
}

const char *parse_rings(const char *s, unsigned int max, unsigned int *rings)
{
	unsigned long long n;

	if (!strcmp(s, "shared")) {
		*rings = RINGS_SHARED;
		return NULL;
	}
	if (!strcmp(s, "per-cpu")) {
		*rings = RINGS_PER_CPU;
		return NULL;
	}
	if (parse_number(s, max, &n) || !is_power_of_2(n))
		return "not shared, per-cpu, or a power of two within the limit";
	*rings = n;
	return NULL;
}

unsigned long long ring_record_bytes(unsigned long long size)
{
	return (8 + size + 7) & ~7ULL;
}

unsigned long long perf_record_bytes(unsigned long long size)
{
	return 8 + ((4 + size + 7) & ~7ULL);
}

unsigned long long smallest_ring_size(unsigned long long record,
				      unsigned long page_size)
{
	unsigned long long size = page_size;

	while (ring_record_bytes(record) >= size)
		size *= 2;
	return size;
}

unsigned int smallest_perf_pages(unsigned long long record,
				 unsigned long page_size)
{
	unsigned int pages = 1;

	while (perf_record_bytes(record) >= (unsigned long long)pages * page_size)
		pages *= 2;
	return pages;
}
