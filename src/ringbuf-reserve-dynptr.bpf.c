// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Exec and exit events through the BPF ring buffer, each record reserved at
 * its own size through a dynptr, filled in place and submitted: no copy.
 */
#include "rings.bpf.h"
#include "wakeup.bpf.h"
#include "failed.bpf.h"

/* Kernel functions (6.16, bpf_strnlen() 6.17), as vmlinux.h may have them. */
extern int bpf_strnlen(const char *s, size_t count) __ksym;
extern int bpf_probe_read_kernel_dynptr(struct bpf_dynptr *p, __u32 off,
					__u32 size, const void *src) __ksym;
extern int bpf_probe_read_user_dynptr(struct bpf_dynptr *p, __u32 off,
				      __u32 size, const void *src) __ksym;

/* BPF ringbuf map: one buffer shared by all CPUs (unless --rings). */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
} events SEC(".maps");

/*
 * A failed exec's size is known once its strings are read: it is built
 * here, then written into a record reserved at that size.
 */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, char[EXEC_FAIL_ROOM(MAX_ARGS_BYTES)]);
} scratch SEC(".maps");

/* tp_btf needs no tracefs, so a machine without it mounted works as is. */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(handle_exec, struct task_struct *task, pid_t old_pid,
	     struct linux_binprm *bprm)
{
	void *ring = ring_for(&events, task);
	const char *filename = bprm->filename, *interp = bprm->interp;
	__u32 name_off = sizeof(struct exec_event), name_len, args_len;
	__u32 interp_len = 0, cwd_len, env_len, used, size;
	struct bpf_dynptr rec;
	struct exec_event *e;
	const void *args, *env;
	const char *cwd;
	__u16 flags = 0;

	if (!exec_wanted(task))
		return 0;
	/* The size first, known only now; then reserve exactly that. */
	name_len = name_kept(bpf_strnlen(filename, FILENAME_ROOM), &flags);
	if (interp != filename)	/* a #! line's, binfmt_misc's: as fill_exec() */
		interp_len = interp_kept(bpf_strnlen(interp, INTERP_ROOM), &flags);
	args_len = args_to_read(task, &args, &flags);
	cwd_len = read_cwd(task, &cwd, &flags);
	env_len = env_to_read(task, &env, &flags);
	size = name_off + name_len + interp_len + args_len + cwd_len + env_len;
	if (bpf_ringbuf_reserve_dynptr(ring, size, 0, &rec)) {
		bpf_ringbuf_discard_dynptr(&rec, 0);	/* even when it failed */
		count_lost();
		return 0;
	}
	if (bpf_probe_read_kernel_dynptr(&rec, name_off, name_len, filename))
		name_len = name_kept(-1, &flags);	/* as fill_exec() does */
	if (interp_len && bpf_probe_read_kernel_dynptr(&rec, name_off + name_len,
							interp_len, interp))
		interp_len = interp_kept(-1, &flags);
	if (bpf_probe_read_user_dynptr(&rec, name_off + name_len + interp_len,
				       args_len, args)) {
		args_len = 0;
		flags |= EXEC_ARGS_CUT;
	}
	used = name_off + name_len + interp_len + args_len;	/* what was read */
	if (cwd_len)	/* from the scratch: cannot fail */
		bpf_dynptr_write(&rec, used, (void *)cwd, cwd_len, 0);
	if (env_len && bpf_probe_read_user_dynptr(&rec, used + cwd_len,
						  env_len, env)) {
		env_len = 0;
		flags |= EXEC_ENV_CUT;
	}
	/* A read that failed left room that the record does not use. */
	zero_tail(&rec, used + cwd_len + env_len, size);
	e = bpf_dynptr_data(&rec, 0, sizeof(*e));
	if (!e) {	/* cannot happen: the record is at least that long */
		bpf_ringbuf_discard_dynptr(&rec, 0);
		return 0;
	}
	fill_exec_header(e, task, bprm, name_len, interp_len, args_len, flags);
	e->cwd_len = cwd_len;
	e->env_len = env_len;
	bpf_ringbuf_submit_dynptr(&rec, wakeup_flags(ring, task));
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(handle_exit, struct task_struct *task)
{
	void *ring = ring_for(&events, task);
	struct exit_event *e;

	if (!exit_wanted(ctx, task))
		return 0;
	e = bpf_ringbuf_reserve(ring, sizeof(*e), 0);
	if (!e) {
		count_lost();
		return 0;
	}
	fill_exit(e, task);
	bpf_ringbuf_submit(e, wakeup_flags(ring, task));
	return 0;
}

/* -x: on every system call's exit; not loaded without -x. */
SEC("tp_btf/sys_exit")
int BPF_PROG(handle_exec_fail, struct pt_regs *regs, long ret)
{
	struct exec_fail_event *e;
	struct task_struct *task;
	struct bpf_dynptr rec;
	__u32 zero = 0, size;
	void *ring;

	if (!exec_failed(regs, ret, &task))
		return 0;
	ring = ring_for(&events, task);
	e = bpf_map_lookup_elem(&scratch, &zero);
	if (!e)	/* cannot happen: the array has its one slot */
		return 0;
	size = fill_exec_fail(e, task, regs, ret);
	if (bpf_ringbuf_reserve_dynptr(ring, size, 0, &rec)) {
		bpf_ringbuf_discard_dynptr(&rec, 0);	/* even when it failed */
		count_lost();
		return 0;
	}
	bpf_dynptr_write(&rec, 0, e, size, 0);
	bpf_ringbuf_submit_dynptr(&rec, wakeup_flags(ring, task));
	return 0;
}
