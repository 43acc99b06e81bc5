/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * -x: which system calls are execve() and execveat(), and what their
 * callers passed, on each architecture whose numbers are known here, and
 * for each of its tables.  Included by failed.bpf.h; no program.
 */
#ifndef EXEC_CALLS_BPF_H
#define EXEC_CALLS_BPF_H

#include "tracer.bpf.h"
#include "exec_calls.h"

#define AT_FDCWD	-100	/* macros: not in BTF */
/*
 * The system call numbers, and whether the call came through the 32-bit
 * table: a 32-bit program's calls, and a 64-bit program's int $0x80 on
 * x86, which has its own numbers, its own registers, and 32-bit pointers.
 * call_args() reads the first five arguments of either.
 */
#if defined(__TARGET_ARCH_x86)
#define NR_EXECVE	59
#define NR_EXECVEAT	322
#define NR32_EXECVE	11
#define NR32_EXECVEAT	358
#define TS_COMPAT	0x0002
#define syscall_nr(regs)	((regs)->orig_ax)
#define compat_call(task, regs)	((task)->thread_info.status & TS_COMPAT)

static __always_inline void call_args(struct pt_regs *regs, bool compat,
				      __u64 a[5])
{
	if (compat) {	/* ebx, ecx, edx, esi, edi */
		a[0] = (__u32)regs->bx;
		a[1] = (__u32)regs->cx;
		a[2] = (__u32)regs->dx;
		a[3] = (__u32)regs->si;
		a[4] = (__u32)regs->di;
		return;
	}
	a[0] = PT_REGS_PARM1_SYSCALL(regs);
	a[1] = PT_REGS_PARM2_SYSCALL(regs);
	a[2] = PT_REGS_PARM3_SYSCALL(regs);
	a[3] = PT_REGS_PARM4_SYSCALL(regs);
	a[4] = PT_REGS_PARM5_SYSCALL(regs);
}
#elif defined(__TARGET_ARCH_arm64)
#define NR_EXECVE	221
#define NR_EXECVEAT	281
#define NR32_EXECVE	11
#define NR32_EXECVEAT	387
#define PSR_MODE32_BIT	0x10
#define syscall_nr(regs)	((regs)->syscallno)
#define compat_call(task, regs)	((regs)->pstate & PSR_MODE32_BIT)

/* The registers are the same; a 32-bit call's upper halves are not its. */
static __always_inline void call_args(struct pt_regs *regs, bool compat,
				      __u64 a[5])
{
	__u64 mask = compat ? 0xffffffff : -1;

	a[0] = PT_REGS_PARM1_SYSCALL(regs) & mask;
	a[1] = PT_REGS_PARM2_SYSCALL(regs) & mask;
	a[2] = PT_REGS_PARM3_SYSCALL(regs) & mask;
	a[3] = PT_REGS_PARM4_SYSCALL(regs) & mask;
	a[4] = PT_REGS_PARM5_SYSCALL(regs) & mask;
}
#else
/*
 * Another architecture, whose numbers are not known here: the tools build,
 * no call is an exec, and user space refuses -x (EXEC_CALLS_KNOWN).
 */
#define NR_EXECVE	-1
#define NR_EXECVEAT	-1
#define NR32_EXECVE	-1
#define NR32_EXECVEAT	-1
#define syscall_nr(regs)	0L
#define compat_call(task, regs)	false
#define call_args(regs, compat, a)	__builtin_memset(a, 0, 5 * sizeof(__u64))
#endif

/* What the caller of a failed exec passed, and through which table. */
struct exec_call {
	__u64 filename;
	__u64 argv;
	int dirfd;
	__u32 at_flags;
	bool compat;	/* the 32-bit table: argv's pointers are 4 bytes */
};

/* Whether nr is an execve() or execveat() of the table the call went by. */
static __always_inline bool is_exec(long nr, bool compat)
{
	if (compat)
		return nr == NR32_EXECVE || nr == NR32_EXECVEAT;
	return nr == NR_EXECVE || nr == NR_EXECVEAT;
}

static __always_inline void read_call(struct exec_call *c,
				      struct pt_regs *regs,
				      struct task_struct *task)
{
	bool at;
	__u64 a[5];

	c->compat = compat_call(task, regs);
	at = syscall_nr(regs) == (c->compat ? NR32_EXECVEAT : NR_EXECVEAT);
	call_args(regs, c->compat, a);
	c->filename = at ? a[1] : a[0];
	c->argv = at ? a[2] : a[1];
	c->dirfd = at ? (int)a[0] : AT_FDCWD;
	c->at_flags = at ? a[4] : 0;
}

#endif /* EXEC_CALLS_BPF_H */
