/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * What tells the three tracers apart in user space: which mechanism carries
 * the events, and which skeleton holds the BPF side.  Each tool's
 * src/<name>.c defines `variant`; everything else is shared.
 */
#ifndef VARIANT_H
#define VARIANT_H

#include <linux/types.h>
#include <stdbool.h>
#include "event.h"

struct bpf_object_skeleton;
struct bpf_object_open_opts;
struct bpf_map;

enum mechanism {
	MECHANISM_PERFBUF,	/* BPF_MAP_TYPE_PERF_EVENT_ARRAY, per-CPU buffers */
	MECHANISM_RINGBUF,	/* BPF_MAP_TYPE_RINGBUF, one shared buffer */
};

/* A BPF object, seen through the parts all three share. */
struct tracer_bpf {
	struct bpf_object_skeleton *skeleton;
	struct filter *filter;			/* .rodata: set before load */
	bool *exit_has_group_dead;		/* .rodata: set before load */
	const volatile __u64 *lost_events;	/* .bss: read while running */
	struct bpf_map *events;
	void *skel;				/* for destroy() */
	void (*destroy)(void *skel);
};

/* Opens (does not load) a skeleton: 0, or -errno.  See skeletons.c. */
typedef int (*skeleton_open_fn)(struct tracer_bpf *bpf,
				const struct bpf_object_open_opts *opts);

struct variant {
	const char *name;
	const char *how;	/* how the BPF side hands events over */
	enum mechanism mechanism;
	skeleton_open_fn open;
};

extern const struct variant variant;

int perfbuf_output_open(struct tracer_bpf *bpf,
			const struct bpf_object_open_opts *opts);
int ringbuf_output_open(struct tracer_bpf *bpf,
			const struct bpf_object_open_opts *opts);
int ringbuf_reserve_submit_open(struct tracer_bpf *bpf,
				const struct bpf_object_open_opts *opts);

#endif /* VARIANT_H */
