// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Exec/exit events through the BPF ring buffer, built in place. */
#include "tracer.bpf.h"

/* BPF ringbuf map: one buffer shared by all CPUs, sized by user space. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

static __always_inline void output_exec(void *ctx, struct task_struct *task,
					struct linux_binprm *bprm)
{
	struct exec_event *e;

	/*
	 * Reserve first: when the ring is full, no work is wasted on e.  The
	 * verifier must know the size, so every exec takes room for the
	 * longest filename and arguments, whatever its own are.
	 */
	e = bpf_ringbuf_reserve(&events, sizeof(*e) + FILENAME_ROOM +
				max_args_bytes, 0);
	if (!e) {
		count_lost();
		return;
	}
	fill_exec(e, task, bprm);
	bpf_ringbuf_submit(e, wakeup_flags(&events));
}

static __always_inline void output_exit(void *ctx, struct task_struct *task)
{
	struct exit_event *e;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		count_lost();
		return;
	}
	fill_exit(e, task);
	bpf_ringbuf_submit(e, wakeup_flags(&events));
}
