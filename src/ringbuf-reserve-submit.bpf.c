// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Exec and exit events through the BPF ring buffer, reserved in the ring,
 * filled in place and submitted: no copy, but every exec takes room for
 * the largest record.
 */
#include "rings.bpf.h"
#include "wakeup.bpf.h"
#include "failed.bpf.h"

/* BPF ringbuf map: one buffer shared by all CPUs (unless --rings). */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
} events SEC(".maps");

/* tp_btf needs no tracefs, so a machine without it mounted works as is. */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(handle_exec, struct task_struct *task, pid_t old_pid,
	     struct linux_binprm *bprm)
{
	void *ring = ring_for(&events, task);
	struct exec_event *e;

	if (!exec_wanted(task))
		return 0;
	/*
	 * Reserve first: when the ring is full, no work is wasted on e.  The
	 * verifier must know the size: the longest filename, interpreter,
	 * arguments, and what --cwd and --env add.
	 */
	e = bpf_ringbuf_reserve(ring, EXEC_ROOM, 0);
	if (!e) {
		count_lost();
		return 0;
	}
	zero_record(e, EXEC_ROOM);
	fill_exec(e, task, bprm);
	bpf_ringbuf_submit(e, wakeup_flags(ring, task));
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(handle_exit, struct task_struct *task)
{
	void *ring = ring_for(&events, task);
	struct exit_event *e;

	if (!exit_wanted(ctx, task))
		return 0;
	e = bpf_ringbuf_reserve(ring, sizeof(*e), 0);
	if (!e) {
		count_lost();
		return 0;
	}
	fill_exit(e, task);
	bpf_ringbuf_submit(e, wakeup_flags(ring, task));
	return 0;
}

/* -x: on every system call's exit; not loaded without -x. */
SEC("tp_btf/sys_exit")
int BPF_PROG(handle_exec_fail, struct pt_regs *regs, long ret)
{
	struct exec_fail_event *e;
	struct task_struct *task;
	void *ring;

	if (!exec_failed(regs, ret, &task))
		return 0;
	ring = ring_for(&events, task);
	e = bpf_ringbuf_reserve(ring, EXEC_FAIL_ROOM(max_args_bytes), 0);
	if (!e) {
		count_lost();
		return 0;
	}
	zero_record(e, EXEC_FAIL_ROOM(max_args_bytes));
	fill_exec_fail(e, task, regs, ret);
	bpf_ringbuf_submit(e, wakeup_flags(ring, task));
	return 0;
}
