/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * What the BPF variants share, and no program: how the record of an exec
 * and of an exit is filled in, the loss counter, and which events are
 * wanted (the filters themselves are in filters.bpf.h).  A variant's own
 * file holds its map, its reserve() and submit(), which make the
 * mechanism, and its programs.  tp_btf programs get typed
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
#include "config.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* User space sets it before load: the verifier prunes what it turns off. */
const volatile struct config cfg = CONFIG_DEFAULTS;

/* The largest exec record these settings allow. */
#define EXEC_ROOM	(EXEC_EVENT_SIZE(cfg.max_args_bytes) + \
			 (cfg.want_cwd ? CWD_ROOM : 0) + cfg.env_bytes)

/*
 * Events the buffer had no room for; user space reads the mmapped .bss.
 * A reservation larger than the ring fails too (the dynptr one with
 * -EINVAL, as when full), but none is: user space makes each ring hold the
 * largest record the options allow (buffer_fits(), src/tool/sizing.c).
 */
__u64 lost_events = 0;

static __always_inline void count_lost(void)
{
	__sync_fetch_and_add(&lost_events, 1);
}

/* Kernel functions (6.16, bpf_strnlen() 6.17), as vmlinux.h may lack. */
extern int bpf_strnlen(const char *s, size_t count) __ksym;
extern int bpf_probe_read_kernel_dynptr(struct bpf_dynptr *p, __u32 off,
					__u32 size, const void *src) __ksym;
extern int bpf_probe_read_user_dynptr(struct bpf_dynptr *p, __u32 off,
				      __u32 size, const void *src) __ksym;

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

/*
 * A record being written.  The variant's reserve() says where: data points
 * to memory with room for the whole record (a scratch buffer, a ring
 * reservation), or, when dp is set, the record is a dynptr reserved at its
 * exact size, written through it.  submit() hands it to user space.
 */
struct record {
	void *data;
	struct bpf_dynptr *dp;
	void *ring;			/* a ring buffer's: the ring it goes to */
	__u32 size;			/* a dynptr's: the size reserved */
	struct exec_parts exec;
};

/* Copies len bytes of kernel memory at src into the record at off. */
static __always_inline long write_kernel(struct record *r, __u64 off,
					 __u64 len, const void *src)
{
	if (r->dp)
		return bpf_probe_read_kernel_dynptr(r->dp, off, len, src);
	return bpf_probe_read_kernel(r->data + off, len, src);
}

/* Copies len bytes of user memory at src into the record at off. */
static __always_inline long write_user(struct record *r, __u64 off,
				       __u64 len, const void *src)
{
	if (r->dp)
		return bpf_probe_read_user_dynptr(r->dp, off, len, src);
	return bpf_probe_read_user(r->data + off, len, src);
}

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

/*
 * Copies the string at src, of room bytes at most with its NUL, into the
 * record at off; returns what read_str() does.  Through a dynptr, len is
 * its length, measured before, and at most room - 1 bytes are copied.
 */
static __always_inline long write_str(struct record *r, __u64 off,
				      const char *src, __u32 room, long len)
{
	if (!r->dp)
		return read_str(r->data + off, src, room);
	if (len > 0 && bpf_probe_read_kernel_dynptr(r->dp, off,
						    len < room ? len : room - 1,
						    src))
		return -1;
	return len;
}

/* The first size bytes of the record, to set its fields; NULL: none. */
static __always_inline void *record_header(struct record *r, __u32 size)
{
	if (r->dp)
		return bpf_dynptr_data(r->dp, 0, size);
	return r->data;
}

/*
 * The ring hands over a whole reservation: what a record does not use is
 * zeroed, else it holds an older record's bytes, another process's command
 * line, for any reader of the ring (a second consumer, a core dump).
 */
static const char zeros[RECORD_MAX];

/* Reserve/submit zeroes its record before filling it: most is unused. */
static __always_inline void zero_record(void *rec, __u32 room)
{
	bpf_probe_read_kernel(rec, room, zeros);
}

/* The dynptr variant zeroes what a failed read left unused, used to end. */
static __always_inline void zero_tail(struct bpf_dynptr *rec, __u64 used,
				      __u64 end)
{
	__u64 n = end > used ? end - used : 0;

	if (n && n <= sizeof(zeros))	/* always: the bound, for the verifier */
		bpf_dynptr_write(rec, used, (void *)zeros, n, 0);
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
	h->cgroup_id = cfg.want_cgroup_id ? bpf_get_current_cgroup_id() : 0;
	h->start_ns = task->group_leader->start_boottime;
	/* The kernel pads comm with NULs: all 16 bytes are the name. */
	__builtin_memcpy(h->comm, task->group_leader->comm, TASK_COMM_LEN);
	__builtin_memcpy(h->pcomm, task->real_parent->group_leader->comm,
			 TASK_COMM_LEN);
}

#define SIGNAL_GROUP_EXIT	0x00000004	/* a macro: not in BTF */

/*
 * What the parent's wait() gets: the group's status when the process ended
 * as a whole (a thread's may lack a core dump's 0x80), else the main one's.
 */
static __always_inline void fill_exit(struct record *r,
				      struct task_struct *task)
{
	struct exit_event *e = record_header(r, sizeof(*e));
	struct signal_struct *sig = task->signal;

	if (!e)		/* It cannot be: the record is that long. */
		return;
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

/* The opt-ins that add to an exec record; a first reading may skip them. */
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
 * The exact size of an exec's record, its parts measured into r first:
 * what the dynptr variant reserves.
 */
static __always_inline __u32 exec_size(struct record *r,
				       struct task_struct *task,
				       struct linux_binprm *bprm)
{
	struct exec_parts *p = &r->exec;
	__u16 cut = 0;	/* fill_exec() flags the cuts again. */

	p->name_len = bpf_strnlen(bprm->filename, FILENAME_ROOM);
	if (bprm->interp != bprm->filename)	/* A #! line or binfmt_misc set it. */
		p->interp_len = bpf_strnlen(bprm->interp, INTERP_ROOM);
	return sizeof(struct exec_event) + name_kept(p->name_len, &cut) +
	       interp_kept(p->interp_len, &cut) + measure_parts(p, task);
}

/*
 * Everything of an exec record but its data, which these lengths describe;
 * and whether a name on disk leads to the file the kernel loaded (memfd
 * and O_TMPFILE files never had one, a deleted file lost its last).
 */
static __always_inline void fill_exec_header(struct exec_event *e,
					     struct task_struct *task,
					     struct linux_binprm *bprm,
					     const struct exec_parts *p,
					     __u16 flags)
{
	fill_header(&e->hdr, task, EVENT_EXEC);
	e->args_count = bprm->argc;
	e->args_len = p->args_len;
	e->filename_len = p->name_len;
	e->interp_len = p->interp_len;
	e->flags = flags | (bprm->file->f_inode->i_nlink ? 0 : EXEC_NO_NAME);
	e->cwd_len = p->cwd_len;
	e->env_len = p->env_len;
	e->pad = 0;
	e->pad2 = 0;
}

/*
 * The filename, the interpreter that a #! line or binfmt_misc put in its
 * place (if any), the arguments, then what --cwd and --env add, into the
 * record after its header; returns the bytes used.  An unreadable name is
 * empty, an unreadable area none: each marked cut.
 */
static __always_inline __u32 fill_exec(struct record *r,
				       struct task_struct *task,
				       struct linux_binprm *bprm)
{
	struct exec_parts *p = &r->exec;
	__u64 off = sizeof(struct exec_event);
	struct exec_event *e;
	__u16 flags = 0;
	long len;

	if (!r->dp)	/* Else exec_size() measured them, to reserve. */
		measure_parts(p, task);
	len = write_str(r, off, bprm->filename, FILENAME_ROOM, p->name_len);
	/* Masked as they are: the bounds, for the verifier. */
	p->name_len = name_kept(len, &flags) & (FILENAME_ROOM - 1);
	off += p->name_len;
	len = p->interp_len;
	p->interp_len = 0;
	if (bprm->interp != bprm->filename) {
		len = write_str(r, off, bprm->interp, INTERP_ROOM, len);
		p->interp_len = interp_kept(len, &flags) & (INTERP_ROOM - 1);
		off += p->interp_len;
	}
	if (p->args_len && write_user(r, off, p->args_len, p->args)) {
		p->args_len = 0;
		flags |= EXEC_ARGS_CUT;
	}
	off += p->args_len;
	if (p->cwd_len)	/* It comes from a scratch buffer: no fault. */
		write_kernel(r, off, p->cwd_len, p->cwd);
	off += p->cwd_len;
	if (p->env_len && write_user(r, off, p->env_len, p->env)) {
		p->env_len = 0;
		flags |= EXEC_ENV_CUT;
	}
	off += p->env_len;
	e = record_header(r, sizeof(*e));
	if (!e)		/* It cannot be: the record is at least that long. */
		return 0;
	fill_exec_header(e, task, bprm, p, flags | p->flags);
	return off;
}

/* The filters (-p, -P, -u, -U, -c, --cgroup), which a reading may skip. */
#include "filters.bpf.h"

/* An exec says nothing of how long the process will live: not with -d. */
static __always_inline bool exec_wanted(struct task_struct *task)
{
	return !cfg.filter.exits_only && task_wanted(task);
}

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

#endif /* TRACER_BPF_H */
