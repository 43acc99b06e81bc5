// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * ringbuf-output: exec and exit events through a BPF ring buffer, each
 * record built apart and copied in.  Its life, around the skeleton: open,
 * configure, load, consumer, attach, poll, drain.
 */
#include <errno.h>
#include "tracer.h"	/* first: the skeleton uses its struct config */
#include "ringbuf-output.skel.h"
#include "stop.h"
#include "variant.h"

const struct variant variant = {
	.name = "ringbuf-output",
	.how = "BPF ring buffer, bpf_ringbuf_output()",
	.mechanism = MECHANISM_RINGBUF,
	.ring_size = 1 << 20,
};

int main(int argc, char **argv)
{
	struct ringbuf_output_bpf *skel = NULL;
	struct tracer *t;
	int err;

	/* The command line, the output, and what the kernel must have. */
	err = tracer_prepare(&t, argc, argv);
	if (err)
		goto cleanup;
	/* Stops wait till attached: the verifier gives up on a pending one. */
	stop_hold();
	skel = ringbuf_output_bpf__open();
	if (!skel) {
		err = tracer_bpf_error(t, "opening BPF object", -errno);
		goto cleanup;
	}
	/* The options, which the verifier sees as constants. */
	skel->rodata->cfg = *tracer_config(t);
	err = tracer_configure(t, skel->obj);
	if (err)
		goto cleanup;
	err = ringbuf_output_bpf__load(skel);
	if (err) {
		err = tracer_bpf_error(t, "loading BPF programs", err);
		goto cleanup;
	}
	/* The consumer before the programs: every event finds it there. */
	err = tracer_start(t, skel->obj, &skel->bss->counters);
	if (err)
		goto cleanup;
	err = ringbuf_output_bpf__attach(skel);
	if (err) {
		err = tracer_bpf_error(t, "attaching BPF programs", err);
		goto cleanup;
	}
	stop_release();
	err = tracer_run(t);
	/* Detached, the programs add nothing more: drain what is left. */
	ringbuf_output_bpf__detach(skel);
	if (!err)
		err = tracer_finish(t);
cleanup:
	ringbuf_output_bpf__destroy(skel);
	tracer_free(t);
	return err;
}
