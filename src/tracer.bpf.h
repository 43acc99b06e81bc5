/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * What the four BPF variants share: how an exec's and an exit's records
 * are filled in.  Each variant's own file holds its map, its reserve()
 * and submit(), which make the mechanism, and its programs.  tp_btf
 * programs get typed pointers, whose fields are read directly: each a
 * load (CO-RE relocated) where BPF_CORE_READ() would be a helper call.
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
 * User space reads the mmapped .bss.  A record is lost when the buffer
 * has no room for it, never for its size: user space makes each buffer
 * hold the largest (buffer_fits(), src/tool/sizing.c).
 */
struct counters counters = {};

static __always_inline void count_lost(void)
{
	__sync_fetch_and_add(&counters.lost_events, 1);
}

/* How long each part of an exec record is: may be skipped. */
#include "exec_parts.bpf.h"

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

/* How fill_exec() writes: through data, or through dp; may be skipped. */
#include "write.bpf.h"

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
	off = write_opt_ins(r, off, &flags);	/* --cwd, --env */
	e = record_header(r, sizeof(*e));
	if (!e)		/* It cannot be: the record is at least that long. */
		return 0;
	fill_exec_header(e, task, bprm, p, flags | p->flags);
	return off;
}

/* Which events are wanted (the filters, -d, one EXIT a process): skip. */
#include "filters.bpf.h"

#endif /* TRACER_BPF_H */
