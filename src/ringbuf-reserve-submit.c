// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* What makes this tool ringbuf-reserve-submit: its mechanism and its BPF object. */
#include "skeleton.h"
#include "ringbuf-reserve-submit.skel.h"

DEFINE_RING_SKELETON_OPEN(ringbuf_reserve_submit)

const struct variant variant = {
	.name = "ringbuf-reserve-submit",
	.how = "BPF ring buffer, bpf_ringbuf_reserve()/bpf_ringbuf_submit()",
	.mechanism = MECHANISM_RINGBUF,
	.open = ringbuf_reserve_submit_open,
	.ring_size = 16 << 20,	/* every exec takes its largest size */
};
