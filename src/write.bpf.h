/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * How fill_exec() and fill_exit() write a record, one way for all four
 * variants: into memory (a scratch buffer, a ring reservation) when
 * r->data is set, or through the dynptr r->dp, whose reads and writes
 * are checked against the size reserved.  Included by tracer.bpf.h.
 */
#ifndef WRITE_BPF_H
#define WRITE_BPF_H

/* Kernel functions (6.16), as vmlinux.h may lack. */
extern int bpf_probe_read_kernel_dynptr(struct bpf_dynptr *p, __u32 off,
					__u32 size, const void *src) __ksym;
extern int bpf_probe_read_user_dynptr(struct bpf_dynptr *p, __u32 off,
				      __u32 size, const void *src) __ksym;

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
 * What --cwd and --env add to an exec record at off, after its arguments;
 * returns the offset past them.  An unreadable environment is none, cut.
 */
static __always_inline __u64 write_opt_ins(struct record *r, __u64 off,
					   __u16 *flags)
{
	struct exec_parts *p = &r->exec;

	if (p->cwd_len)	/* It comes from a scratch buffer: no fault. */
		write_kernel(r, off, p->cwd_len, p->cwd);
	off += p->cwd_len;
	if (p->env_len && write_user(r, off, p->env_len, p->env)) {
		p->env_len = 0;
		*flags |= EXEC_ENV_CUT;
	}
	return off + p->env_len;
}

#endif /* WRITE_BPF_H */
