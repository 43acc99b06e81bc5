// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Exec/exit events through the BPF perf buffer: one buffer per CPU. */
#include "tracer.bpf.h"

/* BPF perfbuf map: libbpf sizes it to one slot per CPU. */
struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");

/* struct event is too big for the BPF stack: build it here, then copy it. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct event);
} scratch SEC(".maps");

static __always_inline void output_event(void *ctx, struct task_struct *task,
					 struct linux_binprm *bprm)
{
	__u32 zero = 0;
	struct event *e;

	e = bpf_map_lookup_elem(&scratch, &zero);
	if (!e)	/* cannot happen: the array has its one slot */
		return;
	fill_event(e, task, bprm);
	if (bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, e, sizeof(*e)))
		count_lost();
}
