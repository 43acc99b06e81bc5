// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * floor nop|ringbuf|ringbuf-twice|perfbuf: loads and attaches one pair of
 * floor.bpf.c's programs (exec and exit) and consumes what they send,
 * until SIGINT or SIGTERM; bench/bpf-cost reads their run time from the
 * kernel's BPF statistics.  Both buffers are 1 MiB (the perf buffer's per
 * CPU) and read every 10 ms, with no wakeups, as the tracers batch.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include "perf_sample.h"
#include "floor.skel.h"

#define BUF_BYTES (1 << 20)
#define POLL_MS 10

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int on_ring(void *ctx, void *data, size_t size)
{
	(void)ctx, (void)data, (void)size;
	return 0;
}

static enum bpf_perf_event_ret on_perf(void *ctx, int cpu,
				       struct perf_event_header *e)
{
	(void)ctx, (void)cpu, (void)e;
	return LIBBPF_PERF_EVENT_CONT;
}

/* Only the pair of MODE is loaded; the other programs are not. */
static int pick(struct floor_bpf *skel, const char *mode)
{
	struct bpf_program *exec, *exit, *p;

	if (!strcmp(mode, "nop")) {
		exec = skel->progs.nop_exec;
		exit = skel->progs.nop_exit;
	} else if (!strcmp(mode, "ringbuf")) {
		exec = skel->progs.rb_exec;
		exit = skel->progs.rb_exit;
	} else if (!strcmp(mode, "ringbuf-twice")) {
		exec = skel->progs.rb2_exec;
		exit = skel->progs.rb2_exit;
	} else if (!strcmp(mode, "perfbuf")) {
		exec = skel->progs.pb_exec;
		exit = skel->progs.pb_exit;
	} else {
		return -EINVAL;
	}
	bpf_object__for_each_program(p, skel->obj)
		bpf_program__set_autoload(p, p == exec || p == exit);
	return 0;
}

int main(int argc, char **argv)
{
	struct ring_buffer *rb = NULL;
	struct perf_buffer *pb = NULL;
	struct floor_bpf *skel;
	const char *mode = argc == 2 ? argv[1] : "";
	int err;

	skel = floor_bpf__open();
	if (!skel) {
		fprintf(stderr, "floor: open: %s\n", strerror(errno));
		return 1;
	}
	err = pick(skel, mode);
	if (err) {
		fprintf(stderr, "usage: floor nop|ringbuf|ringbuf-twice|perfbuf\n");
		goto cleanup;
	}
	err = bpf_map__set_max_entries(skel->maps.rb, BUF_BYTES);
	if (!err)
		err = floor_bpf__load(skel);
	if (!err)
		err = floor_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "floor: load and attach: %s\n", strerror(-err));
		goto cleanup;
	}
	if (!strncmp(mode, "ringbuf", 7)) {
		rb = ring_buffer__new(bpf_map__fd(skel->maps.rb), on_ring, NULL,
				      NULL);
		err = rb ? 0 : -errno;
	} else if (!strcmp(mode, "perfbuf")) {
		struct perf_event_attr attr = perf_sample_attr();

		/* Woken only once half a buffer is pending: never, here. */
		attr.watermark = 1;
		attr.wakeup_watermark = BUF_BYTES / 2;
		pb = perf_buffer__new_raw(bpf_map__fd(skel->maps.pb),
					  BUF_BYTES / 4096, &attr, on_perf, NULL,
					  NULL);
		err = pb ? 0 : -errno;
	}
	if (err) {
		fprintf(stderr, "floor: buffer: %s\n", strerror(-err));
		goto cleanup;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	fprintf(stderr, "floor %s: tracing exec and exit; Ctrl-C to stop\n",
		mode);
	while (!stop) {
		if (rb)
			ring_buffer__consume(rb);
		if (pb)
			perf_buffer__consume(pb);
		usleep(POLL_MS * 1000);
	}
cleanup:
	perf_buffer__free(pb);
	ring_buffer__free(rb);
	floor_bpf__destroy(skel);
	return err ? 1 : 0;
}
