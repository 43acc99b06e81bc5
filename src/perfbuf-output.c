// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* What makes this tool perfbuf-output: its mechanism and its BPF object. */
#include "skeleton.h"
#include "perfbuf-output.skel.h"

DEFINE_SKELETON_OPEN(perfbuf_output)

const struct variant variant = {
	.name = "perfbuf-output",
	.how = "BPF perf buffer, bpf_perf_event_output()",
	.mechanism = MECHANISM_PERFBUF,
	.open = perfbuf_output_open,
	.perf_pages = 128,		/* 512 KiB per CPU */
};
