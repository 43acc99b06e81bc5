/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The filters that user space sets in cfg.filter, checked in the kernel
 * before anything is copied, so that an event no one wants costs little.
 * A filter left unset is pruned by the verifier.
 */
#ifndef FILTERS_BPF_H
#define FILTERS_BPF_H

#include "tracer.bpf.h"

/* --cgroup: the cgroup (v2) whose processes, and its descendants', count. */
struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} cgroup_filter SEC(".maps");

/* The filters, checked before anything is copied; task is current. */
static __always_inline bool task_wanted(struct task_struct *task)
{
	const struct cred *cred = task->group_leader->real_cred;
	const char *comm = task->group_leader->comm;
	const volatile struct filter *filter = &cfg.filter;

	if (filter->pid && task->tgid != filter->pid)
		return false;
	if (filter->ppid && task->real_parent->tgid != filter->ppid)
		return false;
	if (filter->in_cgroup &&
	    bpf_current_task_under_cgroup(&cgroup_filter, 0) != 1)
		return false;
	if (filter->uid != FILTER_ANY_UID && cred->uid.val != filter->uid)
		return false;
	if (filter->euid != FILTER_ANY_UID && cred->euid.val != filter->euid)
		return false;
	for (int i = 0; filter->comm[0] && i < TASK_COMM_LEN; i++) {
		if (comm[i] != filter->comm[i])
			return false;
		if (!comm[i])
			break;
	}
	return true;
}

/* An exec says nothing of how long the process will live: not with -d. */
static __always_inline bool exec_wanted(struct task_struct *task)
{
	return !cfg.filter.exits_only && task_wanted(task);
}

/* Which thread's exit is its process's end, which a reading may skip. */
#include "process_ends.bpf.h"

/* One EXIT per process, when it ends, if it passes the filters and -d. */
static __always_inline bool exit_wanted(unsigned long long *ctx,
					struct task_struct *task)
{
	if (!process_ends(ctx, task) || !task_wanted(task))
		return false;
	return !cfg.filter.min_duration_ns ||
	       bpf_ktime_get_ns() - task->group_leader->start_time >=
	       cfg.filter.min_duration_ns;
}

#endif /* FILTERS_BPF_H */
