/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * What the BPF variants share, and no program: settings, filters, the loss
 * counter, and how records are filled in.  tp_btf programs get typed
 * pointers, whose fields are read directly: each a load (CO-RE relocated)
 * where BPF_CORE_READ() would be a helper call.
 */
#ifndef TRACER_BPF_H
#define TRACER_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "event.h"
#include "cwd.bpf.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* Set by user space before load: the verifier prunes what is unused. */
const volatile struct filter filter = {
	.uid = FILTER_ANY_UID,
	.euid = FILTER_ANY_UID,
};
/* The kernel passes sched_process_exit group_dead (6.16 and later). */
const volatile bool exit_has_group_dead = false;
/* Batched wakeups: the bytes written per wakeup of user space; 0: every event. */
const volatile __u64 wakeup_bytes = 0;
const volatile __u32 max_args_bytes = DEFAULT_ARGS_BYTES;	/* --max-args-bytes */
const volatile __u32 env_bytes = 0;	/* --env: ENV_BYTES; 0: none read */
const volatile bool want_cgroup_id = false;	/* --json, --cgroup-id print it */

/* The largest exec record these settings allow. */
#define EXEC_ROOM	(EXEC_EVENT_SIZE(max_args_bytes) + \
			 (want_cwd ? CWD_ROOM : 0) + env_bytes)

/*
 * Events the buffer had no room for; user space reads the mmapped .bss.
 * A reservation larger than the ring fails too (the dynptr one with
 * -EINVAL, as when full), but none is: user space makes each ring hold the
 * largest record the options allow (buffer_fits(), src/tool/sizing.c).
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
 * The ring hands over a whole reservation: what a record does not use is
 * zeroed, else it holds an older record's bytes, another process's command
 * line, for any reader of the ring (a second consumer, a core dump).
 */
static const char zeros[RECORD_MAX];

/* Reserve/submit's, before it is filled: most of it is unused anyway. */
static __always_inline void zero_record(void *rec, __u32 room)
{
	bpf_probe_read_kernel(rec, room, zeros);
}

/* A dynptr's record from used to end, which a failed read left unused. */
static __always_inline void zero_tail(struct bpf_dynptr *rec, __u64 used,
				      __u64 end)
{
	__u64 n = end > used ? end - used : 0;

	if (n && n <= sizeof(zeros))	/* always: the bound, for the verifier */
		bpf_dynptr_write(rec, used, (void *)zeros, n, 0);
}

/* The filters, checked before anything is copied; task is current. */
static __always_inline bool task_wanted(struct task_struct *task)
{
	const struct cred *cred = task->group_leader->real_cred;
	const char *comm = task->group_leader->comm;

	if (filter.pid && task->tgid != filter.pid)
		return false;
	if (filter.ppid && task->real_parent->tgid != filter.ppid)
		return false;
	if (filter.in_cgroup &&
	    bpf_current_task_under_cgroup(&cgroup_filter, 0) != 1)
		return false;
	if (filter.uid != FILTER_ANY_UID && cred->uid.val != filter.uid)
		return false;
	if (filter.euid != FILTER_ANY_UID && cred->euid.val != filter.euid)
		return false;
	for (int i = 0; filter.comm[0] && i < TASK_COMM_LEN; i++) {
		if (comm[i] != filter.comm[i])
			return false;
		if (!comm[i])
			break;
	}
	return true;
}

/* An exec says nothing of how long the process will live: not with -d. */
static __always_inline bool exec_wanted(struct task_struct *task)
{
	return !filter.exits_only && task_wanted(task);
}

#define SIGNAL_GROUP_EXIT	0x00000004	/* a macro: not in BTF */

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

	if (exit_has_group_dead)
		return ctx[1];
	if (bpf_core_field_exists(v517->group_exec_task) &&
	    v517->group_exec_task && !(task->signal->flags & SIGNAL_GROUP_EXIT))
		return false;
	return task->pid == task->tgid;
}

/* One EXIT per process, when it ends, if it passes the filters and -d. */
static __always_inline bool exit_wanted(unsigned long long *ctx,
					struct task_struct *task)
{
	if (!process_ends(ctx, task) || !task_wanted(task))
		return false;
	return !filter.min_duration_ns ||
	       bpf_ktime_get_ns() - task->group_leader->start_time >=
	       filter.min_duration_ns;
}

/*
 * A process's name, user and start are its main thread's, whatever its
 * other threads call themselves or run as, and so is its parent's name;
 * real_cred is what /proc shows.
 */
static __always_inline void fill_header(struct event_header *h,
					struct task_struct *task,
					enum event_type type)
{
	const struct cred *cred = task->group_leader->real_cred;

	h->ts_ns = bpf_ktime_get_ns();
	h->type = type;
	h->pid = task->tgid;
	h->ppid = task->real_parent->tgid;
	h->uid = cred->uid.val;
	h->euid = cred->euid.val;
	h->pad = 0;
	h->cgroup_id = want_cgroup_id ? bpf_get_current_cgroup_id() : 0;
	h->start_ns = task->group_leader->start_boottime;
	/* The kernel pads comm with NULs: all 16 bytes are the name. */
	__builtin_memcpy(h->comm, task->group_leader->comm, TASK_COMM_LEN);
	__builtin_memcpy(h->pcomm, task->real_parent->group_leader->comm,
			 TASK_COMM_LEN);
}

/*
 * What the parent's wait() gets: the group's status when the process ended
 * as a whole (a thread's may lack a core dump's 0x80), else the main one's.
 */
static __always_inline void fill_exit(struct exit_event *e,
				      struct task_struct *task)
{
	struct signal_struct *sig = task->signal;

	fill_header(&e->hdr, task, EVENT_EXIT);
	e->duration_ns = e->hdr.ts_ns - task->group_leader->start_time;
	if (sig->flags & SIGNAL_GROUP_EXIT)
		e->exit_code = sig->group_exit_code;
	else
		e->exit_code = task->group_leader->exit_code;
	e->pad = 0;
}

/* Bytes kept of a name of len (< 0: unreadable), at most max, flagging cut. */
static __always_inline __u32 kept(long len, __u32 max, __u16 cut, __u16 *flags)
{
	if (len < 0 || len > max)
		*flags |= cut;
	return len < 0 ? 0 : len > max ? max : len;
}
#define name_kept(len, flags) kept(len, FILENAME_MAX_LEN, EXEC_FILENAME_CUT, flags)
#define interp_kept(len, flags) kept(len, INTERP_ROOM - 1, EXEC_INTERP_CUT, flags)

/*
 * The string at src into dst, which has room bytes, with a NUL; returns
 * what bpf_strnlen() would: its length, room when longer, or -1 (unreadable).
 */
static __always_inline long read_str(char *dst, const char *src, __u32 room)
{
	long len = bpf_probe_read_kernel_str(dst, room, src);
	char c;

	/* Full, with more where its NUL would be: longer than the room. */
	if (len == room && (bpf_probe_read_kernel(&c, 1, src + room - 1) || c))
		return room;
	return len > 0 ? len - 1 : -1;
}

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
	return area_to_read(mm->arg_start, mm->arg_end, max_args_bytes,
			    EXEC_ARGS_CUT, flags);
}

/* --env: the new program's environment (/proc/PID/environ), its start. */
static __always_inline __u64 env_to_read(struct task_struct *task,
					 const void **start, __u16 *flags)
{
	struct mm_struct *mm = task->mm;

	if (!env_bytes)
		return 0;
	*start = (const void *)mm->env_start;
	return area_to_read(mm->env_start, mm->env_end, env_bytes,
			    EXEC_ENV_CUT, flags);
}

/*
 * Everything of an exec record but its data, which these lengths describe;
 * and whether a name on disk leads to the file the kernel loaded (memfd
 * and O_TMPFILE files never had one, a deleted file lost its last).
 */
static __always_inline void fill_exec_header(struct exec_event *e,
					     struct task_struct *task,
					     struct linux_binprm *bprm,
					     __u32 name_len, __u32 interp_len,
					     __u32 args_len, __u16 flags)
{
	fill_header(&e->hdr, task, EVENT_EXEC);
	e->args_count = bprm->argc;
	e->args_len = args_len;
	e->filename_len = name_len;
	e->interp_len = interp_len;
	e->flags = flags | (bprm->file->f_inode->i_nlink ? 0 : EXEC_NO_NAME);
	e->cwd_len = 0;
	e->env_len = 0;
	e->pad = 0;
	e->pad2 = 0;
}

/* --cwd and --env: the working directory and environment, after the rest. */
static __always_inline __u32 fill_exec_context(struct exec_event *e,
					       struct task_struct *task,
					       __u32 used)
{
	__u64 cwd_len, env_len;
	const char *cwd;
	const void *env;

	cwd_len = read_cwd(task, &cwd, &e->flags);
	if (cwd_len)
		bpf_probe_read_kernel(e->data + used, cwd_len, cwd);
	env_len = env_to_read(task, &env, &e->flags);
	if (env_len && bpf_probe_read_user(e->data + used + cwd_len, env_len,
					   env)) {
		env_len = 0;
		e->flags |= EXEC_ENV_CUT;
	}
	e->cwd_len = cwd_len;
	e->env_len = env_len;
	return cwd_len + env_len;
}

/*
 * The filename, the interpreter that a #! line or binfmt_misc put in its
 * place (if any), the arguments, then what --cwd and --env add into
 * e->data, with room for the largest; returns the bytes used.  An unreadable name is empty, marked cut.
 */
static __always_inline __u32 fill_exec(struct exec_event *e,
				       struct task_struct *task,
				       struct linux_binprm *bprm)
{
	long len = read_str(e->data, bprm->filename, FILENAME_ROOM);
	__u64 name_len, interp_len = 0, args_len, used;
	const void *args;
	__u16 flags = 0;

	/* Masked as they are: the bounds, for the verifier. */
	name_len = name_kept(len, &flags) & (FILENAME_ROOM - 1);
	if (bprm->interp != bprm->filename) {
		len = read_str(e->data + name_len, bprm->interp, INTERP_ROOM);
		interp_len = interp_kept(len, &flags) & (INTERP_ROOM - 1);
	}
	args_len = args_to_read(task, &args, &flags);
	if (args_len && bpf_probe_read_user(e->data + name_len + interp_len,
					    args_len, args)) {
		args_len = 0;
		flags |= EXEC_ARGS_CUT;
	}
	fill_exec_header(e, task, bprm, name_len, interp_len, args_len, flags);
	used = name_len + interp_len + args_len;
	return sizeof(*e) + used + fill_exec_context(e, task, used);
}

#endif /* TRACER_BPF_H */
