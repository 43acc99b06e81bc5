// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Exec and exit events through the BPF ring buffer, built apart and copied
 * in with bpf_ringbuf_output(): only the bytes each record uses.
 */
#include "rings.bpf.h"
#include "wakeup.bpf.h"
#include "failed.bpf.h"

/* BPF ringbuf map: one buffer shared by all CPUs (unless --rings). */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
} events SEC(".maps");

/* An exec record is too big for the BPF stack: built here, then copied. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, char[RECORD_MAX]);	/* a failed exec's too */
} scratch SEC(".maps");

/* tp_btf needs no tracefs, so a machine without it mounted works as is. */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(handle_exec, struct task_struct *task, pid_t old_pid,
	     struct linux_binprm *bprm)
{
	void *ring = ring_for(&events, task);
	struct exec_event *e;
	__u32 zero = 0, size;

	if (!exec_wanted(task))
		return 0;
	e = bpf_map_lookup_elem(&scratch, &zero);
	if (!e)	/* cannot happen: the array has its one slot */
		return 0;
	size = fill_exec(e, task, bprm);
	if (bpf_ringbuf_output(ring, e, size, output_wakeup_flags(ring, task, size)))
		count_lost();
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(handle_exit, struct task_struct *task)
{
	void *ring = ring_for(&events, task);
	struct exit_event e;

	if (!exit_wanted(ctx, task))
		return 0;
	fill_exit(&e, task);
	if (bpf_ringbuf_output(ring, &e, sizeof(e),
			       output_wakeup_flags(ring, task, sizeof(e))))
		count_lost();
	return 0;
}

/* -x: on every system call's exit; not loaded without -x. */
SEC("tp_btf/sys_exit")
int BPF_PROG(handle_exec_fail, struct pt_regs *regs, long ret)
{
	struct exec_fail_event *e;
	struct task_struct *task;
	__u32 zero = 0, size;
	void *ring;

	if (!exec_failed(regs, ret, &task))
		return 0;
	ring = ring_for(&events, task);
	e = bpf_map_lookup_elem(&scratch, &zero);
	if (!e)	/* cannot happen: the array has its one slot */
		return 0;
	size = fill_exec_fail(e, task, regs, ret);
	if (bpf_ringbuf_output(ring, e, size, output_wakeup_flags(ring, task, size)))
		count_lost();
	return 0;
}
