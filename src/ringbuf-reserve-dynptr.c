// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* What makes this tool ringbuf-reserve-dynptr: its mechanism and its BPF object. */
#include "skeleton.h"
#include "ringbuf-reserve-dynptr.skel.h"

DEFINE_RING_SKELETON_OPEN(ringbuf_reserve_dynptr)

static const struct kfunc_need kfuncs[] = {
	{ "bpf_probe_read_kernel_dynptr", "6.16" },
	{ "bpf_probe_read_user_dynptr", "6.16" },
	{ "bpf_strnlen", "6.17" },
	{},
};

const struct variant variant = {
	.name = "ringbuf-reserve-dynptr",
	.how = "BPF ring buffer, bpf_ringbuf_reserve_dynptr()/"
	       "bpf_ringbuf_submit_dynptr()",
	.mechanism = MECHANISM_RINGBUF,
	.open = ringbuf_reserve_dynptr_open,
	.kfuncs = kfuncs,
	.ring_size = 1 << 20,
};
