/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The ring buffers events go to (--rings), for the tracers and the
 * benchmark alike: the BPF object's one ring, or rings made here, put in
 * its array of rings.
 */
#ifndef RING_SET_H
#define RING_SET_H

#include "ring_topology.h"

struct ring_set {
	unsigned int rings;	/* RINGS_SHARED, RINGS_PER_CPU or N */
	unsigned int n;		/* fds open */
	int *fds;		/* ours, unless shared */
};

/* How many rings the topology has (1 when shared), or -errno. */
int ring_set_count(unsigned int rings);
/*
 * Fills t: shared, the object's ring (shared_fd); else ring_set_count()
 * rings of size bytes, each put at its index in array_fd.  0 or -errno;
 * ring_set_close() in either case.
 */
int ring_set_open(struct ring_set *t, unsigned int rings, int shared_fd,
		  int array_fd, unsigned long long size);
/* What the kernel holds for the rings: their memlock, summed. */
unsigned long long ring_set_bytes(const struct ring_set *t);
void ring_set_close(struct ring_set *t);

#endif /* RING_SET_H */
