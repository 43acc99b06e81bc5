/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Values on the command lines of the tracers and ringbuf-bench.  Each
 * parse_ and check_ function returns NULL on success, or a short reason the
 * value was refused.
 */
#ifndef PARSE_H
#define PARSE_H

#include <stdbool.h>
#include "ring_topology.h"

#define MAX_RING_SIZE		(1ULL << 30)
#define MAX_PERF_PAGES		(1U << 16)
/* --rings N: at most this many. */
#define MAX_RINGS		1024U

/* Digits only: no sign, no space, at most max. */
const char *parse_number(const char *s, unsigned long long max,
			 unsigned long long *out);
/*
 * Seconds as a plain decimal, digits then optionally '.' and 1 to 3 more,
 * into milliseconds, at most max_ms: no sign, space, exponent, hex, NaN or
 * infinity, all of which strtod would take.
 */
const char *parse_decimal_ms(const char *s, unsigned long long max_ms,
			     unsigned long long *ms);
/* A number of bytes, with an optional K, M or G suffix. */
const char *parse_size(const char *s, unsigned long long *out);
/* A ring buffer: a power of two, of pages, at most MAX_RING_SIZE. */
const char *check_ring_size(unsigned long long size, unsigned long page_size);
/* Perf buffer pages per CPU: a power of two, at most MAX_PERF_PAGES. */
const char *check_perf_pages(unsigned long long pages);
bool is_power_of_2(unsigned long long v);
/* shared, per-cpu, or a power of two up to max (at most MAX_RINGS). */
const char *parse_rings(const char *s, unsigned int max, unsigned int *rings);

/*
 * The bytes a record of size bytes takes in a ring buffer (an 8-byte
 * header, then the record, 8-byte aligned), or in a perf buffer (the
 * sample's 8-byte header and 4-byte size, then the record, the two padded
 * to 8 bytes).  Either kernel fills its buffer only up to one byte short
 * of its size: a record fits when it takes less than that.
 */
unsigned long long ring_record_bytes(unsigned long long size);
unsigned long long perf_record_bytes(unsigned long long size);
/* The smallest ring buffer, of pages and a power of two, that fits one. */
unsigned long long smallest_ring_size(unsigned long long record,
				      unsigned long page_size);
/* The fewest perf buffer pages per CPU, a power of two, that fit one. */
unsigned int smallest_perf_pages(unsigned long long record,
				 unsigned long page_size);

#endif /* PARSE_H */
