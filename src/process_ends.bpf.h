/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Which thread's exit ends its process: the one EXIT a process gets comes
 * from it.  Included by tracer.bpf.h.
 */
#ifndef PROCESS_ENDS_BPF_H
#define PROCESS_ENDS_BPF_H

/*
 * A member that Linux 5.17 added, read through a CO-RE flavour (libbpf
 * matches signal_struct___v517 to the kernel's signal_struct), so that no
 * vmlinux.h needs to have it.
 */
struct signal_struct___v517 {
	struct task_struct *group_exec_task;
} __attribute__((preserve_access_index));

/*
 * Whether this thread's exit ends its process.  Without group_dead, the
 * main thread's stands for it, unless another thread's exec is taking the
 * process over (and goes on as its main thread; 5.17 and later say so).
 */
static __always_inline bool process_ends(unsigned long long *ctx,
					 struct task_struct *task)
{
	struct signal_struct___v517 *v517 = (void *)task->signal;

	if (cfg.exit_has_group_dead)
		return ctx[1];
	if (bpf_core_field_exists(v517->group_exec_task) &&
	    v517->group_exec_task && !(task->signal->flags & SIGNAL_GROUP_EXIT))
		return false;
	return task->pid == task->tgid;
}

#endif /* PROCESS_ENDS_BPF_H */
