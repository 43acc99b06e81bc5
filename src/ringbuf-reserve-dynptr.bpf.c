// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Exec and exit events, which go to user space through the buffer below.
 * Each record is reserved at its exact size through a dynptr, filled in.
 */
#include "wakeup.bpf.h"
#include "scratch.bpf.h"
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
	if (!r->dp) {	/* A failed exec is built apart: its size comes last. */
		r->data = scratch_record();
		return r->data;
	}
	r->size = room;
	if (!bpf_ringbuf_reserve_dynptr(r->ring, room, 0, r->dp))
		return true;
	bpf_ringbuf_discard_dynptr(r->dp, 0);	/* A failed one needs it too. */
	count_lost();
	return false;
}

/* Hands the record's first size bytes to user space. */
static __always_inline void submit(void *ctx, struct record *r,
				   struct task_struct *task, __u32 size)
{
	struct bpf_dynptr dp;

	if (!r->dp) {	/* Reserve it now, at its size, and copy it in. */
		r->dp = &dp;
		if (!reserve(r, task, size))
			return;
		bpf_dynptr_write(&dp, 0, r->data, size, 0);
	}
	zero_tail(r->dp, size, r->size);	/* A failed read left room. */
	bpf_ringbuf_submit_dynptr(r->dp, wakeup_flags(r->ring, task));
}

/* tp_btf needs no tracefs, so a machine without it mounted works as is. */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(handle_exec, struct task_struct *task, pid_t old_pid,
	     struct linux_binprm *bprm)
{
	struct bpf_dynptr dp;
	struct record r = { .dp = &dp };

	if (!exec_wanted(task) || !reserve(&r, task, exec_size(&r.exec, task, bprm)))
		return 0;
	submit(ctx, &r, task, fill_exec(&r, task, bprm));
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(handle_exit, struct task_struct *task)
{
	struct bpf_dynptr dp;
	struct record r = { .dp = &dp };

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
