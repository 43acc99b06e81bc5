/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The ring buffers a run writes to (--rings): the BPF object's one ring, or
 * rings made here, put in its array of rings.
 */
#ifndef BENCH_TOPOLOGY_H
#define BENCH_TOPOLOGY_H

struct topology {
	unsigned int rings;	/* RINGS_SHARED, RINGS_PER_CPU or N */
	unsigned int n;		/* fds open */
	int *fds;		/* ours, unless shared */
};

/* How many rings the topology has (1 when shared), or -errno. */
int topology_count(unsigned int rings);
/*
 * Fills t: shared, the object's ring (shared_fd); else topology_count()
 * rings of size bytes, each put at its index in array_fd.  0 or -errno;
 * topology_close() in either case.
 */
int topology_open(struct topology *t, unsigned int rings, int shared_fd,
		  int array_fd, unsigned long long size);
/* What the kernel holds for the rings: their memlock, summed. */
unsigned long long topology_bytes(const struct topology *t);
void topology_close(struct topology *t);

#endif /* BENCH_TOPOLOGY_H */
