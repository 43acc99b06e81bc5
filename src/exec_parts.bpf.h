/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * How long each part of an exec record is, and which ones are cut: the
 * arguments and what --cwd and --env add are measured before they are
 * copied, and the dynptr variant measures the names too, to reserve the
 * record's exact size.  Included by tracer.bpf.h.
 */
#ifndef EXEC_PARTS_BPF_H
#define EXEC_PARTS_BPF_H

/* A kernel function (6.17), as vmlinux.h may lack. */
extern int bpf_strnlen(const char *s, size_t count) __ksym;

/*
 * The lengths of an exec record's parts.  The dynptr variant measures them
 * all before it reserves; the others read the names as they copy them,
 * and measure the rest in fill_exec().
 */
struct exec_parts {
	long name_len, interp_len;	/* as bpf_strnlen() returns them */
	__u64 args_len, cwd_len, env_len;
	const void *args, *env;
	const char *cwd;
	__u16 flags;			/* the cuts found while measuring */
};

/* Bytes kept of a name of len (< 0: unreadable), at most max, flagging cut. */
static __always_inline __u32 kept(long len, __u32 max, __u16 cut, __u16 *flags)
{
	if (len < 0 || len > max)
		*flags |= cut;
	return len < 0 ? 0 : len > max ? max : len;
}
#define name_kept(len, flags) kept(len, FILENAME_MAX_LEN, EXEC_FILENAME_CUT, flags)
#define interp_kept(len, flags) kept(len, INTERP_ROOM - 1, EXEC_INTERP_CUT, flags)

/* Bytes to read of the user memory start..end: at most max, flagging cut. */
static __always_inline __u64 area_to_read(unsigned long start,
					  unsigned long end, __u32 max,
					  __u16 cut, __u16 *flags)
{
	__u64 len = end > start ? end - start : 0;

	barrier_var(len);	/* bounded here, in the verifier's sight */
	if (len > max) {
		len = max;
		*flags |= cut;
	}
	return len;
}

/* The new program's arguments (/proc/PID/cmdline): where, and how much. */
static __always_inline __u64 args_to_read(struct task_struct *task,
					  const void **start, __u16 *flags)
{
	struct mm_struct *mm = task->mm;

	*start = (const void *)mm->arg_start;
	return area_to_read(mm->arg_start, mm->arg_end, cfg.max_args_bytes,
			    EXEC_ARGS_CUT, flags);
}

/* The opt-ins that add to an exec record. */
#include "cwd.bpf.h"
#include "env.bpf.h"

/* The parts whose lengths are known before they are read; their sum. */
static __always_inline __u64 measure_parts(struct exec_parts *p,
					   struct task_struct *task)
{
	p->args_len = args_to_read(task, &p->args, &p->flags);
	p->cwd_len = read_cwd(task, &p->cwd, &p->flags);
	p->env_len = env_to_read(task, &p->env, &p->flags);
	return p->args_len + p->cwd_len + p->env_len;
}

/*
 * The exact size of an exec's record, its parts measured into p first:
 * what the dynptr variant reserves.
 */
static __always_inline __u32 exec_size(struct exec_parts *p,
				       struct task_struct *task,
				       struct linux_binprm *bprm)
{
	__u16 cut = 0;	/* fill_exec() flags the cuts again. */

	p->name_len = bpf_strnlen(bprm->filename, FILENAME_ROOM);
	if (bprm->interp != bprm->filename)	/* A #! line or binfmt_misc set it. */
		p->interp_len = bpf_strnlen(bprm->interp, INTERP_ROOM);
	return sizeof(struct exec_event) + name_kept(p->name_len, &cut) +
	       interp_kept(p->interp_len, &cut) + measure_parts(p, task);
}

#endif /* EXEC_PARTS_BPF_H */
