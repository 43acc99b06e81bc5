/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * -x, --failed: execs that failed, seen where their system call returns
 * (raw tracepoint sys_exit, typed through BTF: no tracefs).  That is on
 * the way back of every system call on the machine, so the test that
 * lets all but a failed exec go comes first, and costs a few loads.
 * What the caller passed is read from its registers and its memory, as
 * most failed execs leave them (see struct exec_fail_event for the rest).
 * Included by each variant after tracer.bpf.h; no program.
 */
#ifndef FAILED_BPF_H
#define FAILED_BPF_H

#include "tracer.bpf.h"
#include "exec_calls.bpf.h"

#define ERESTARTSYS		512	/* macros: not in BTF */
#define ERESTART_RESTARTBLOCK	516
#define SIGKILL			9

/*
 * Whether the exec that returned ret did not fail but was given up.  When
 * threads of one process exec at once, the one that gets to de_thread()
 * first sends SIGKILL to the others, and every other way a process dies
 * (a fatal signal, exit_group(), a core dump) sends it to each of its
 * threads too: their execs then stop wherever they are, with whatever
 * error the place returns (-EAGAIN, -E2BIG, a restart code), and the
 * thread dies on its way out.  A restart code (ERESTARTSYS to
 * ERESTART_RESTARTBLOCK) never reaches a program: the kernel runs the
 * call again, which is seen again, or (a signal handler having run)
 * returns EINTR, which says nothing of the exec.
 */
static __always_inline bool exec_abandoned(struct task_struct *task, long ret)
{
	if (ret >= -ERESTART_RESTARTBLOCK && ret <= -ERESTARTSYS)
		return true;
	return task->pending.signal.sig[0] & (1UL << (SIGKILL - 1));
}

/*
 * A failed execve() or execveat() that passes the filters, as exec's.  The
 * number is first held against both tables' exec numbers, from the
 * registers alone: which table the call went by costs a load more.
 */
static __always_inline bool exec_failed(struct pt_regs *regs, long ret,
					struct task_struct **task)
{
	long nr;

	if (ret >= 0)
		return false;
	nr = syscall_nr(regs);
	if (nr != NR_EXECVE && nr != NR_EXECVEAT && nr != NR32_EXECVE &&
	    nr != NR32_EXECVEAT)
		return false;
	*task = bpf_get_current_task_btf();
	return is_exec(nr, compat_call(*task, regs)) &&
	       !exec_abandoned(*task, ret) && exec_wanted(*task);
}

/* The filename as passed, into e->data: the bytes kept, a cut flagged. */
static __always_inline __u32 read_filename(struct exec_fail_event *e,
					   const char *filename, __u16 *flags)
{
	long len = bpf_probe_read_user_str(e->data, FILENAME_ROOM, filename);
	char c;

	/* Full, with more where its NUL would be: longer than the room. */
	if (len == FILENAME_ROOM &&
	    (bpf_probe_read_user(&c, 1, filename + FILENAME_MAX_LEN) || c))
		len++;
	return name_kept(len > 0 ? len - 1 : -1, flags) & (FILENAME_ROOM - 1);
}

/* argv[i] into *arg: a 32-bit call's pointers are 4 bytes. */
static __always_inline long read_argv(__u64 *arg, __u64 argv, __u32 i,
				      bool compat)
{
	__u32 size = compat ? 4 : 8;

	*arg = 0;
	return bpf_probe_read_user(arg, size, (void *)argv + i * size);
}

/*
 * argv's pointers from the from-th on, counted up to EXEC_FAIL_COUNT_MAX:
 * twice the count, plus one when it is only a least (more, or unreadable).
 * Global, so that the verifier walks its loop once, not once for each
 * place the string loop can leave at.
 */
__noinline __u32 count_args(__u64 argv, __u32 from, bool compat)
{
	__u64 arg;
	__u32 i;

	for (i = from; i < EXEC_FAIL_COUNT_MAX; i++) {
		if (read_argv(&arg, argv, i, compat))
			return i * 2 + 1;
		if (!arg)
			return i * 2;
	}
	return i * 2 + 1;
}

/*
 * Whether the argument just read, which filled its size, was cut: unless
 * the NUL the read put last was the string's own.
 */
static __always_inline bool arg_cut(__u64 arg, long n)
{
	char c;

	return bpf_probe_read_user(&c, 1, (const char *)arg + n - 1) || c;
}

/*
 * argv's strings after the filename, each with its NUL but one cut, up to
 * EXEC_FAIL_ARGS(cfg.max_args_bytes), and their count.  A read may take all
 * the room left: the verifier, which sees its offset and its size apart,
 * wants as much again behind (EXEC_FAIL_ROOM; a per-CPU array holds 32K
 * at most, hence 8K).  A NULL argv is no argument, as the kernel takes it.
 */
static __always_inline __u32 read_args(struct exec_fail_event *e,
				       __u32 name_len,
				       const struct exec_call *c, __u16 *flags)
{
	__u64 limit = EXEC_FAIL_ARGS(cfg.max_args_bytes), len = 0, size = 1;
	char *args = e->data + name_len;
	__u64 argv = c->argv, arg = 0;
	__u32 i, count;
	long n = 0;

	/* Each way out but the last, once: a loop the verifier can walk. */
	for (i = 0; argv && i < EXEC_FAIL_STRINGS_MAX; i++) {
		if (read_argv(&arg, argv, i, c->compat) || !arg ||
		    len >= limit)
			break;
		size = limit - len;
		n = bpf_probe_read_user_str(args + len, size,
					    (const char *)arg);
		if (n < 0 || n == size)
			break;
		len += n;
	}
	if (n > 0 && n == size) {	/* filled the room: whole, or cut */
		if (arg_cut(arg, n)) {
			*flags |= EXEC_ARGS_CUT;
			n--;	/* without the NUL in place of its last byte */
		} else {
			i++;
		}
		len += n;
	}
	barrier_var(len);	/* as it is, but bounded here for the verifier */
	if (len > limit)
		len = limit;
	count = argv ? count_args(argv, i, c->compat) : 0;
	if (count / 2 > i)	/* some not read, or not whole */
		*flags |= EXEC_ARGS_CUT;
	if (count & 1)
		*flags |= EXEC_COUNT_CUT | EXEC_ARGS_CUT;
	e->args_count = count / 2;
	return len;
}

/*
 * The record of a failed exec into e, which has EXEC_FAIL_ROOM: returns
 * the bytes used.  An unreadable filename is empty, marked cut.
 */
static __always_inline __u32 fill_exec_fail(struct exec_fail_event *e,
					    struct task_struct *task,
					    struct pt_regs *regs, long ret)
{
	__u32 name_len, args_len;
	struct exec_call c;
	__u16 flags = 0;

	read_call(&c, regs, task);
	name_len = read_filename(e, (const char *)c.filename, &flags);
	args_len = read_args(e, name_len, &c, &flags);
	fill_header(&e->hdr, task, EVENT_EXEC_FAIL);
	e->error = ret;
	e->dirfd = c.dirfd;
	e->at_flags = c.at_flags;
	e->args_len = args_len;
	e->filename_len = name_len;
	e->flags = flags;
	return sizeof(*e) + name_len + args_len;
}

#endif /* FAILED_BPF_H */
