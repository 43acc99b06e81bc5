// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Exec/exit events through the BPF ring buffer, reserved at their size. */
#include "tracer.bpf.h"

/*
 * Kernel functions: bpf_strnlen() since Linux 6.17, the others 6.16.  As
 * the kernel declares them, so that a vmlinux.h that has them (bpftool 7.6
 * and later dump kfuncs too) declares the same.
 */
extern int bpf_strnlen(const char *s, size_t count) __ksym;
extern int bpf_probe_read_kernel_dynptr(struct bpf_dynptr *p, __u32 off,
					__u32 size, const void *src) __ksym;
extern int bpf_probe_read_user_dynptr(struct bpf_dynptr *p, __u32 off,
				      __u32 size, const void *src) __ksym;

/* BPF ringbuf map: one buffer shared by all CPUs, sized by user space. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

static __always_inline void output_exec(void *ctx, struct task_struct *task,
					struct linux_binprm *bprm)
{
	const char *filename = bprm->filename;
	__u32 name_off = sizeof(struct exec_event), args_off;
	__u64 name_len, args_len;
	struct bpf_dynptr rec;
	struct exec_event *e;
	const void *args;
	__u16 flags = 0;
	int n;

	/* The size first, known only now: this filename's and arguments'. */
	n = bpf_strnlen(filename, FILENAME_ROOM);
	if (n < 0 || n > FILENAME_MAX_LEN)
		flags |= EXEC_FILENAME_CUT;
	name_len = n < 0 ? 0 : n > FILENAME_MAX_LEN ? FILENAME_MAX_LEN : n;
	args_len = args_to_read(task, &args, &flags);
	args_off = name_off + name_len;

	/* Reserve exactly that, and fill it in place. */
	if (bpf_ringbuf_reserve_dynptr(&events, args_off + args_len, 0, &rec)) {
		bpf_ringbuf_discard_dynptr(&rec, 0);	/* even when it failed */
		count_lost();
		return;
	}
	if (bpf_probe_read_kernel_dynptr(&rec, name_off, name_len, filename)) {
		/* The arguments' place is unknown without the filename. */
		name_len = args_len = 0;
		flags |= EXEC_FILENAME_CUT | EXEC_ARGS_CUT;
	} else if (bpf_probe_read_user_dynptr(&rec, args_off, args_len, args)) {
		args_len = 0;
		flags |= EXEC_ARGS_CUT;
	}
	e = bpf_dynptr_data(&rec, 0, sizeof(*e));
	if (!e) {	/* cannot happen: the record is at least that long */
		bpf_ringbuf_discard_dynptr(&rec, 0);
		return;
	}
	fill_exec_header(e, task, bprm, name_len, args_len, flags);
	bpf_ringbuf_submit_dynptr(&rec, wakeup_flags(&events));
}

static __always_inline void output_exit(void *ctx, struct task_struct *task)
{
	struct exit_event *e;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		count_lost();
		return;
	}
	fill_exit(e, task);
	bpf_ringbuf_submit(e, wakeup_flags(&events));
}
