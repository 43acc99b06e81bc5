// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The floors bench/bpf-cost reads the tracers' programs against, on the
 * tracers' two hooks: programs that do nothing, and programs that only
 * send an empty 8-byte record, through the ring buffer (reserve, submit;
 * or two of them) or the perf buffer (bpf_perf_event_output()).  The
 * loader (floor.c) loads one pair at a time.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* Sized by user space; no wakeup from the BPF side, as the tools batch. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} pb SEC(".maps");

SEC("tp_btf/sched_process_exec")
int BPF_PROG(nop_exec)
{
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(nop_exit)
{
	return 0;
}

static __always_inline void rb_send(void)
{
	__u64 *r = bpf_ringbuf_reserve(&rb, sizeof(*r), 0);

	if (r) {
		*r = 0;
		bpf_ringbuf_submit(r, BPF_RB_NO_WAKEUP);
	}
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(rb_exec)
{
	rb_send();
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(rb_exit)
{
	rb_send();
	return 0;
}

/*
 * Two records a run: what a send costs once the first has touched the
 * ring's pages.  After an exec, the first touch of each page costs most.
 */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(rb2_exec)
{
	rb_send();
	rb_send();
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(rb2_exit)
{
	rb_send();
	rb_send();
	return 0;
}

static __always_inline void pb_send(void *ctx)
{
	__u64 r = 0;

	bpf_perf_event_output(ctx, &pb, BPF_F_CURRENT_CPU, &r, sizeof(r));
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(pb_exec)
{
	pb_send(ctx);
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(pb_exit)
{
	pb_send(ctx);
	return 0;
}
