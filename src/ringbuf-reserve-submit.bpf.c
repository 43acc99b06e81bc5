// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Exec and exit events, which go to user space through the buffer below.
 * Each record is reserved at the largest size, in the ring, and filled in.
 */
#include "wakeup.bpf.h"
#include "failed.bpf.h"

/* The buffer that carries the events to user space. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);	/* All CPUs share it, unless --rings. */
} events SEC(".maps");

/* Room for a record in r, or false when there is none (counted lost). */
static __always_inline bool reserve(struct record *r,
				    struct task_struct *task, __u32 room)
{
	r->ring = ring_for(&events, task);
	r->data = bpf_ringbuf_reserve(r->ring, room, 0);
	if (!r->data)	/* The ring is full: no work was wasted. */
		count_lost();
	else if (room != sizeof(struct exit_event))	/* An exit fills it all. */
		zero_record(r->data, room);	/* Most of it goes unused. */
	return r->data;
}

/* Hands the record's first size bytes to user space. */
static __always_inline void submit(void *ctx, struct record *r,
				   struct task_struct *task, __u32 size)
{
	bpf_ringbuf_submit(r->data, wakeup_flags(r->ring, task));
}

/* tp_btf needs no tracefs, so a machine without it mounted works as is. */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(handle_exec, struct task_struct *task, pid_t old_pid,
	     struct linux_binprm *bprm)
{
	struct record r = {};

	if (!exec_wanted(task) || !reserve(&r, task, EXEC_ROOM))
		return 0;
	submit(ctx, &r, task, fill_exec(&r, task, bprm));
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(handle_exit, struct task_struct *task)
{
	struct record r = {};

	if (!exit_wanted(ctx, task) ||
	    !reserve(&r, task, sizeof(struct exit_event)))
		return 0;
	fill_exit(&r, task);
	submit(ctx, &r, task, sizeof(struct exit_event));
	return 0;
}

/* -x: on every system call's exit; not loaded without -x. */
SEC("tp_btf/sys_exit")
int BPF_PROG(handle_exec_fail, struct pt_regs *regs, long ret)
{
	struct task_struct *task;
	struct record r = {};

	if (!exec_failed(regs, ret, &task) ||
	    !reserve(&r, task, EXEC_FAIL_ROOM(cfg.max_args_bytes)))
		return 0;
	submit(ctx, &r, task, fill_exec_fail(r.data, task, regs, ret));
	return 0;
}
