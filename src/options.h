/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* The command line shared by all three tracers. */
#ifndef OPTIONS_H
#define OPTIONS_H

#include <stdbool.h>
#include "event.h"
#include "variant.h"

#define DEFAULT_RING_SIZE	(256 * 1024ULL)
#define DEFAULT_PERF_PAGES	64
#define MAX_RING_SIZE		(1ULL << 30)
#define MAX_PERF_PAGES		(1U << 16)

struct options {
	struct filter filter;
	unsigned long long ring_size;	/* ring buffer bytes */
	unsigned int perf_pages;	/* perf buffer pages per CPU */
	bool json;
	bool verbose;
	unsigned long long timeout_s;	/* 0: until signalled */
	unsigned long long max_events;	/* 0: no limit */
};

/* Parses argv for variant v; prints the problem and exits 2 on bad input. */
void options_parse(int argc, char **argv, const struct variant *v,
		   struct options *opts);

/*
 * The pure parts, for the unit tests.  Each returns NULL on success, or
 * a short reason the value was refused.
 */
const char *parse_number(const char *s, unsigned long long max,
			 unsigned long long *out);
const char *parse_size(const char *s, unsigned long long *out);
const char *check_ring_size(unsigned long long size, unsigned long page_size);
const char *check_perf_pages(unsigned long long pages);
/* Perf buffer pages per CPU that add up to at most a ring of ring_size. */
unsigned int perf_pages_for_ring(unsigned long long ring_size,
				 unsigned long page_size, unsigned int cpus);

#endif /* OPTIONS_H */
