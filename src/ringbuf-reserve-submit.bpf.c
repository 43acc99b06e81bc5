// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Exec/exit events through the BPF ring buffer, built in place. */
#include "tracer.bpf.h"

/* BPF ringbuf map: one buffer shared by all CPUs, sized by user space. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

static __always_inline void output_event(void *ctx, struct task_struct *task,
					 struct linux_binprm *bprm)
{
	struct event *e;

	/* Reserve first: when the ring is full, no work is wasted on e. */
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		count_lost();
		return;
	}
	fill_event(e, task, bprm);
	bpf_ringbuf_submit(e, 0);
}
