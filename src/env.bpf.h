/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * --env: the new program's environment, what /proc/PID/environ shows, as
 * many bytes of its start as cfg.env_bytes says (ENV_BYTES).  The area
 * is read as the arguments are, after them and the working directory.
 */
#ifndef ENV_BPF_H
#define ENV_BPF_H

#include "tracer.bpf.h"

/* Where the environment is, in *start; returns the bytes to read of it. */
static __always_inline __u64 env_to_read(struct task_struct *task,
					 const void **start, __u16 *flags)
{
	struct mm_struct *mm = task->mm;

	if (!cfg.env_bytes)
		return 0;
	*start = (const void *)mm->env_start;
	return area_to_read(mm->env_start, mm->env_end, cfg.env_bytes,
			    EXEC_ENV_CUT, flags);
}

#endif /* ENV_BPF_H */
