// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* perfbuf-output: the glue to its skeleton, the one file that names it. */
#include <errno.h>
#include "variant.h"
#include "perfbuf-output.skel.h"

const struct variant variant = {
	.name = "perfbuf-output",
	.how = "BPF perf buffer, bpf_perf_event_output()",
	.mechanism = MECHANISM_PERFBUF,
};

static struct perfbuf_output_bpf *skel;

int variant_open(struct tracer_bpf *bpf)
{
	skel = perfbuf_output_bpf__open();
	if (!skel)
		return -errno;
	bpf->skeleton = skel->skeleton;
	bpf->filter = &skel->rodata->filter;
	bpf->lost_events = &skel->bss->lost_events;
	bpf->events = skel->maps.events;
	return 0;
}

void variant_close(void)
{
	perfbuf_output_bpf__destroy(skel);
	skel = NULL;
}
