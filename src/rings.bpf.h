/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * --rings: which ring buffer an event goes to.  A ring buffer is a map, so
 * an array of maps holds as many as wanted: one per CPU, like the perf
 * buffer, or a few shared by processes, a process's always in the same one
 * so that its EXEC and its EXIT stay in order.  By default, neither: the
 * variant's own `events`.
 */
#ifndef RINGS_BPF_H
#define RINGS_BPF_H

#include "tracer.bpf.h"

/* cfg.ring_count: 0 uses `events`, else the rings user space put here. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 1);	/* cfg.ring_count, set by user space */
	__type(key, __u32);
	__array(values, struct {
		__uint(type, BPF_MAP_TYPE_RINGBUF);
		/* A template, freed after load: a page on any architecture. */
		__uint(max_entries, 64 * 1024);
	});
} rings SEC(".maps");

/* Which of `rings` a process's events go to; task is current. */
static __always_inline __u32 ring_key(struct task_struct *task)
{
	if (!cfg.ring_count)
		return 0;
	if (cfg.rings_per_cpu)
		return bpf_get_smp_processor_id();
	/* A multiplicative hash: its high bits mix every pid bit. */
	return (task->tgid * 0x9e3779b1u) >> 16 & (cfg.ring_count - 1);
}

static __always_inline void *ring_for(void *events, struct task_struct *task)
{
	__u32 key = ring_key(task);
	void *ring;

	if (!cfg.ring_count)
		return events;
	ring = bpf_map_lookup_elem(&rings, &key);
	return ring ? ring : events;	/* user space filled every slot */
}

#endif /* RINGS_BPF_H */
