/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * --rings: the ring buffers a ring buffer variant's events go to.  Shared,
 * the variant's own map `events`; else rings made here, each of
 * --buffer-size, put in the array of maps `rings` (see src/rings.bpf.h).
 */
#ifndef RINGS_H
#define RINGS_H

#include "options.h"
#include "variant.h"

struct rings {
	int *fds;		/* what the consumer reads */
	unsigned int n;
	bool made;		/* fds are ours to close */
};

/* How many rings opts->rings means on this machine: 0 if it cannot say. */
unsigned int rings_count(const struct options *opts);
/*
 * Before load: tells the BPF side which ring an event goes to, and sizes
 * the maps.  Returns 0, or -errno.
 */
int rings_configure(struct tracer_bpf *bpf, const struct options *opts);
/*
 * After load: the rings, into r.  Returns 0, or -errno with *what saying
 * what failed.
 */
int rings_make(struct tracer_bpf *bpf, const struct options *opts,
	       struct rings *r, const char **what);
void rings_free(struct rings *r);

#endif /* RINGS_H */
