// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Exec/exit events through the BPF ring buffer, copied in with output. */
#include "tracer.bpf.h"

/* BPF ringbuf map: one buffer shared by all CPUs, sized by user space. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

/* An exec event is too big for the BPF stack: build it here, then copy it. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, char[EXEC_EVENT_MAX]);
} scratch SEC(".maps");

static __always_inline void output_exec(void *ctx, struct task_struct *task,
					struct linux_binprm *bprm)
{
	struct exec_event *e;
	__u32 zero = 0, size;

	e = bpf_map_lookup_elem(&scratch, &zero);
	if (!e)	/* cannot happen: the array has its one slot */
		return;
	/* Only the bytes used: the size is known now, at run time. */
	size = fill_exec(e, task, bprm);
	if (bpf_ringbuf_output(&events, e, size, wakeup_flags(&events)))
		count_lost();
}

static __always_inline void output_exit(void *ctx, struct task_struct *task)
{
	struct exit_event e;

	fill_exit(&e, task);
	if (bpf_ringbuf_output(&events, &e, sizeof(e),
			       wakeup_flags(&events)))
		count_lost();
}
