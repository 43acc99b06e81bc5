/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Everything the three BPF variants share: attach points, filters and how an
 * event is filled in.  A variant's .bpf.c defines its `events` map and
 * output_event(), the only part that depends on the mechanism.
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
};

/*
 * Set by user space when the kernel passes sched_process_exit a group_dead
 * argument (recent kernels): true in the exit of a process's last thread.
 */
const volatile bool exit_has_group_dead = false;

/*
 * Events the mechanism refused (no room in the buffer).  User space reads it
 * through the skeleton's memory-mapped .bss, without a syscall.
 */
__u64 lost_events = 0;

static __always_inline void count_lost(void)
{
	__sync_fetch_and_add(&lost_events, 1);
}

/* Hand one event to user space; each variant defines it. */
static __always_inline void output_event(void *ctx, struct task_struct *task,
					 struct linux_binprm *bprm);

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
	struct task_struct *leader = BPF_CORE_READ(task, group_leader);

	bpf_core_read_str(comm, TASK_COMM_LEN, &leader->comm);
}

static __always_inline __u32 process_uid(struct task_struct *task)
{
	return BPF_CORE_READ(task, group_leader, real_cred, uid.val);
}

/* The filters every event passes, checked before anything is copied. */
static __always_inline bool task_wanted(struct task_struct *task)
{
	if (filter.pid && BPF_CORE_READ(task, tgid) != filter.pid)
		return false;
	if (filter.uid != FILTER_ANY_UID && process_uid(task) != filter.uid)
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
	return BPF_CORE_READ(task, group_leader, start_time);
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
	return BPF_CORE_READ(task, pid) == BPF_CORE_READ(task, tgid);
}

/* bprm is NULL for an exit. */
static __always_inline void fill_event(struct event *e,
				       struct task_struct *task,
				       struct linux_binprm *bprm)
{
	e->ts_ns = bpf_ktime_get_ns();
	e->pid = BPF_CORE_READ(task, tgid);
	e->ppid = BPF_CORE_READ(task, real_parent, tgid);
	e->uid = process_uid(task);
	process_comm(task, e->comm);
	if (bprm) {
		e->type = EVENT_EXEC;
		e->duration_ns = 0;
		e->exit_code = 0;
		bpf_probe_read_kernel_str(e->filename, sizeof(e->filename),
					  BPF_CORE_READ(bprm, filename));
	} else {
		e->type = EVENT_EXIT;
		e->duration_ns = e->ts_ns - start_ns(task);
		e->exit_code = BPF_CORE_READ(task, exit_code);
		e->filename[0] = '\0';
	}
}

/* tp_btf needs no tracefs, so a machine without it mounted works as is. */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(handle_exec, struct task_struct *task, pid_t old_pid,
	     struct linux_binprm *bprm)
{
	/* An exec says nothing of how long the process will live. */
	if (filter.min_duration_ns)
		return 0;
	if (!task_wanted(task))
		return 0;
	output_event(ctx, task, bprm);
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
	output_event(ctx, task, NULL);
	return 0;
}

#endif /* TRACER_BPF_H */
