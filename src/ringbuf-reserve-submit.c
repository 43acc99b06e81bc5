// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* ringbuf-reserve-submit: the glue to its skeleton, the one file that names it. */
#include <errno.h>
#include "variant.h"
#include "ringbuf-reserve-submit.skel.h"

const struct variant variant = {
	.name = "ringbuf-reserve-submit",
	.how = "BPF ring buffer, bpf_ringbuf_reserve()/bpf_ringbuf_submit()",
	.mechanism = MECHANISM_RINGBUF,
};

static struct ringbuf_reserve_submit_bpf *skel;

int variant_open(struct tracer_bpf *bpf)
{
	skel = ringbuf_reserve_submit_bpf__open();
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
	ringbuf_reserve_submit_bpf__destroy(skel);
	skel = NULL;
}
