/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Everything the BPF variants share: attach points, filters and how events
 * are filled in.  A variant's .bpf.c defines its `events` map and
 * output_exec() and output_exit(), the only parts that depend on the
 * mechanism.
 *
 * tp_btf programs get typed pointers: their fields are read directly (the
 * verifier makes the loads safe, CO-RE relocates them), each a load where
 * BPF_CORE_READ() would be a helper call; this runs for every exec and
 * exit on the machine.
 */
#ifndef TRACER_BPF_H
#define TRACER_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "event.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

const volatile struct filter filter = {
	.uid = FILTER_ANY_UID,
	.euid = FILTER_ANY_UID,
};

/*
 * Set by user space when the kernel passes sched_process_exit a group_dead
 * argument (recent kernels): true in the exit of a process's last thread.
 */
const volatile bool exit_has_group_dead = false;

/*
 * --wakeup: 0 for a wakeup per event (the ring buffer's adaptive
 * notification); otherwise the bytes pending in the ring that make the
 * record just submitted wake user space.  See wakeup_flags().
 */
const volatile __u64 wakeup_bytes = 0;

/* Argument bytes an exec event carries at most (--max-args-bytes). */
const volatile __u32 max_args_bytes = DEFAULT_ARGS_BYTES;

/*
 * Events the mechanism refused (no room in the buffer).  User space reads it
 * through the skeleton's memory-mapped .bss, without a syscall.
 */
__u64 lost_events = 0;

/* --cgroup: the cgroup (v2) whose processes, and its descendants', count. */
struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} cgroup_filter SEC(".maps");

static __always_inline void count_lost(void)
{
	__sync_fetch_and_add(&lost_events, 1);
}

/*
 * The flags of a ring buffer record's submission: batched, no wakeup until
 * wakeup_bytes are pending, then one that wakes the consumer for them all.
 * User space also drains the ring at least every --max-delay, so no record
 * waits longer than that.
 */
static __always_inline __u64 wakeup_flags(void *ring)
{
	if (!wakeup_bytes)
		return 0;
	if (bpf_ringbuf_query(ring, BPF_RB_AVAIL_DATA) >= wakeup_bytes)
		return BPF_RB_FORCE_WAKEUP;
	return BPF_RB_NO_WAKEUP;
}

/* Hand one event to user space; each variant defines them. */
static __always_inline void output_exec(void *ctx, struct task_struct *task,
					struct linux_binprm *bprm);
static __always_inline void output_exit(void *ctx, struct task_struct *task);

static __always_inline bool comm_matches(const char *comm)
{
	for (int i = 0; i < TASK_COMM_LEN; i++) {
		if (comm[i] != filter.comm[i])
			return false;
		if (!comm[i])
			break;
	}
	return true;
}

/*
 * A process's name and user are its main thread's.  Its other threads may
 * rename themselves (prctl(PR_SET_NAME), as servers' workers do) or change
 * their own credentials (the raw setresuid system call), and the last
 * thread out of a process is any of them.  After an exec, the thread that
 * called it is the main thread.
 */
static __always_inline void process_comm(struct task_struct *task,
					 char comm[TASK_COMM_LEN])
{
	/* The kernel pads comm with NULs: all 16 bytes are the name. */
	__builtin_memcpy(comm, task->group_leader->comm, TASK_COMM_LEN);
}

/*
 * The objective credentials, which /proc/PID/status shows: real_cred, not
 * cred, which the kernel overrides for a moment on the task's behalf.
 */
static __always_inline const struct cred *process_cred(struct task_struct *task)
{
	return task->group_leader->real_cred;
}

/*
 * The filters every event passes, checked before anything is copied.  task
 * is current, in both tracepoints.
 */
static __always_inline bool task_wanted(struct task_struct *task)
{
	if (filter.pid && task->tgid != filter.pid)
		return false;
	if (filter.in_cgroup &&
	    bpf_current_task_under_cgroup(&cgroup_filter, 0) != 1)
		return false;
	if (filter.uid != FILTER_ANY_UID &&
	    process_cred(task)->uid.val != filter.uid)
		return false;
	if (filter.euid != FILTER_ANY_UID &&
	    process_cred(task)->euid.val != filter.euid)
		return false;
	if (filter.comm[0]) {
		char comm[TASK_COMM_LEN];

		process_comm(task, comm);
		if (!comm_matches(comm))
			return false;
	}
	return true;
}

/* Since the process's fork: the leader's start, whichever thread ends it. */
static __always_inline __u64 start_ns(struct task_struct *task)
{
	return task->group_leader->start_time;
}

/* include/linux/sched/signal.h: a macro, so not in the kernel's BTF. */
#define SIGNAL_GROUP_EXIT	0x00000004

/* Before Linux 5.17, signal_struct named the exec in progress so. */
struct signal_struct___pre_5_17 {
	struct task_struct *group_exit_task;
} __attribute__((preserve_access_index));

/*
 * Whether an exec by another thread is taking the process over: de_thread()
 * kills every other thread, the leader too, and the exec'ing thread goes on
 * as the leader, under its pid.  Not the process's end.  (Before 5.17 the
 * field also marked a group exit, which sets SIGNAL_GROUP_EXIT.)
 */
static __always_inline bool exec_takes_over(struct task_struct *task)
{
	struct signal_struct *sig = task->signal;
	struct task_struct *exec_task;

	if (bpf_core_field_exists(sig->group_exec_task))
		exec_task = sig->group_exec_task;
	else
		exec_task = BPF_CORE_READ((struct signal_struct___pre_5_17 *)sig,
					  group_exit_task);
	return exec_task && !(sig->flags & SIGNAL_GROUP_EXIT);
}

/*
 * Whether this thread's exit ends its process.  Without group_dead, the
 * leader's exit stands for the process's: early when the leader leaves
 * before other threads.  On kernels without the argument, the verifier
 * never sees ctx[1]: the branch that reads it is pruned as dead.
 */
static __always_inline bool process_ends(unsigned long long *ctx,
					 struct task_struct *task)
{
	if (exit_has_group_dead)
		return ctx[1];
	return task->pid == task->tgid && !exec_takes_over(task);
}

static __always_inline void fill_header(struct event_header *h,
					struct task_struct *task,
					enum event_type type)
{
	h->ts_ns = bpf_ktime_get_ns();
	h->type = type;
	h->pid = task->tgid;
	h->ppid = task->real_parent->tgid;
	h->uid = process_cred(task)->uid.val;
	h->euid = process_cred(task)->euid.val;
	h->pad = 0;
	h->cgroup_id = bpf_get_current_cgroup_id();
	process_comm(task, h->comm);
}

/*
 * The status the parent's wait() gets (wait_task_zombie()): the group's
 * when the process ended as a whole (exit_group(), a fatal signal, a core
 * dump), whichever thread brought it about; else the main thread's own.
 * Not the exiting thread's: a thread killed while another dumps core
 * leaves before the dump adds its mark (0x80) to the group's status.
 */
static __always_inline int wait_status(struct task_struct *task)
{
	struct signal_struct *sig = task->signal;

	if (sig->flags & SIGNAL_GROUP_EXIT)
		return sig->group_exit_code;
	return task->group_leader->exit_code;
}

static __always_inline void fill_exit(struct exit_event *e,
				      struct task_struct *task)
{
	fill_header(&e->hdr, task, EVENT_EXIT);
	e->duration_ns = e->hdr.ts_ns - start_ns(task);
	e->exit_code = wait_status(task);
	e->pad = 0;
}

/*
 * The new program's argument area, as /proc/PID/cmdline shows it: its
 * start, and how much of it to read, up to max_args_bytes (EXEC_ARGS_CUT in
 * flags when that cuts it).  64-bit and compared where it is used, so that
 * the verifier sees the bound.
 */
static __always_inline __u64 args_to_read(struct task_struct *task,
					  const void **start, __u16 *flags)
{
	struct mm_struct *mm = task->mm;
	unsigned long arg_start = mm->arg_start;
	unsigned long arg_end = mm->arg_end;
	__u64 len = arg_end > arg_start ? arg_end - arg_start : 0;

	*start = (const void *)arg_start;
	barrier_var(len);
	if (len > max_args_bytes) {
		len = max_args_bytes;
		*flags |= EXEC_ARGS_CUT;
	}
	return len;
}

/* Everything of an exec event but its data, which these lengths describe. */
static __always_inline void fill_exec_header(struct exec_event *e,
					     struct task_struct *task,
					     struct linux_binprm *bprm,
					     __u32 name_len, __u32 args_len,
					     __u16 flags)
{
	fill_header(&e->hdr, task, EVENT_EXEC);
	e->args_count = bprm->argc;
	e->args_len = args_len;
	e->filename_len = name_len;
	e->flags = flags;
	e->pad = 0;
}

/*
 * Reads the filename, then the arguments after it, into e->data, which has
 * room for FILENAME_ROOM + max_args_bytes bytes; returns the record's size:
 * what a variable-length record hands over.
 */
static __always_inline __u32 fill_exec(struct exec_event *e,
				       struct task_struct *task,
				       struct linux_binprm *bprm)
{
	const char *filename = bprm->filename;
	__u64 name_len = 0, args_len;
	const void *args;
	__u16 flags = 0;
	long n;
	char c;

	n = bpf_probe_read_kernel_str(e->data, FILENAME_ROOM, filename);
	if (n > 0)
		name_len = n - 1;
	/* Full, and more where the NUL would be: the name did not fit. */
	if (n < 0 || (name_len == FILENAME_MAX_LEN &&
		      (bpf_probe_read_kernel(&c, 1, filename + name_len) || c)))
		flags |= EXEC_FILENAME_CUT;
	name_len &= FILENAME_ROOM - 1;	/* as it is: bounds for the verifier */
	args_len = args_to_read(task, &args, &flags);
	if (args_len && bpf_probe_read_user(e->data + name_len, args_len, args)) {
		args_len = 0;
		flags |= EXEC_ARGS_CUT;
	}
	fill_exec_header(e, task, bprm, name_len, args_len, flags);
	return sizeof(*e) + name_len + args_len;
}

/* tp_btf needs no tracefs, so a machine without it mounted works as is. */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(handle_exec, struct task_struct *task, pid_t old_pid,
	     struct linux_binprm *bprm)
{
	/* An exec says nothing of how long the process will live. */
	if (filter.exits_only)
		return 0;
	if (!task_wanted(task))
		return 0;
	output_exec(ctx, task, bprm);
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(handle_exit, struct task_struct *task)
{
	/* One EXIT per process: other threads' exits are noise. */
	if (!process_ends(ctx, task))
		return 0;
	if (!task_wanted(task))
		return 0;
	if (filter.min_duration_ns &&
	    bpf_ktime_get_ns() - start_ns(task) < filter.min_duration_ns)
		return 0;
	output_exit(ctx, task);
	return 0;
}

#endif /* TRACER_BPF_H */
