// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* What makes this tool ringbuf-output: its mechanism and its BPF object. */
#include "skeleton.h"
#include "ringbuf-output.skel.h"

DEFINE_RING_SKELETON_OPEN(ringbuf_output)

const struct variant variant = {
	.name = "ringbuf-output",
	.how = "BPF ring buffer, bpf_ringbuf_output()",
	.mechanism = MECHANISM_RINGBUF,
	.open = ringbuf_output_open,
	.ring_size = 1 << 20,
};
