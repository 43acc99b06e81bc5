/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * How big the buffers must be: each holds the largest exec record the
 * options allow, and the rings together fit in memory.  What the checks
 * refuse is said in one message, with the size that would do.
 */
#ifndef SIZING_H
#define SIZING_H

#include <stddef.h>
#include "options.h"

/* The largest exec record these options allow: every buffer holds one. */
unsigned long long exec_record_max(const struct options *opts);

/*
 * Whether the buffer of mechanism m holds the largest record; if not,
 * writes why, and the size to use, into msg and returns false.
 */
bool buffer_fits(const struct options *opts, enum mechanism m, char *msg,
		 size_t len);

/*
 * Whether --rings times --buffer-size is at most half of this machine's
 * memory; if not, writes so into msg and returns false.
 */
bool rings_fit_memory(const struct options *opts, char *msg, size_t len);

/* The --help text of the three buffer options, with variant v's defaults. */
struct buffer_docs {
	const char *ring_size, *perf_pages, *rings;
};
struct buffer_docs buffer_docs(const struct variant *v);

#endif /* SIZING_H */
