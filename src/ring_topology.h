/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * --rings: which ring buffers events go to.  One set of words for the
 * tracers and the benchmark, and for their BPF sides: one ring shared by
 * every CPU, one per possible CPU, or else how many.
 */
#ifndef RING_TOPOLOGY_H
#define RING_TOPOLOGY_H

#define RINGS_SHARED	0U
#define RINGS_PER_CPU	0xffffffffU

#endif /* RING_TOPOLOGY_H */
