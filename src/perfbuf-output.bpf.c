// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Exec and exit events, which go to user space through the buffer below.
 * Each record is built apart, then only the bytes it uses are copied in.
 */
#include "scratch.bpf.h"
#include "failed.bpf.h"

/* The buffer that carries the events to user space. */
struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);	/* Each CPU has one. */
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");

/* Room for a record in r, or false when there is none (counted lost). */
static __always_inline bool reserve(struct record *r,
				    struct task_struct *task, __u32 room)
{
	r->data = scratch_record();
	return r->data;
}

/* Hands the record's first size bytes to user space. */
static __always_inline void submit(void *ctx, struct record *r,
				   struct task_struct *task, __u32 size)
{
	if (bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, r->data, size))
		count_lost();
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
