/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * What tells the tracers apart in user space: which mechanism carries
 * the events, and which skeleton holds the BPF side.  Each tool's
 * src/<name>.c defines `variant`; everything else is shared.
 */
#ifndef VARIANT_H
#define VARIANT_H

#include <linux/types.h>
#include <stdbool.h>
#include "config.h"

struct bpf_object_skeleton;
struct bpf_object_open_opts;
struct bpf_map;
struct bpf_program;

enum mechanism {
	MECHANISM_PERFBUF,	/* BPF_MAP_TYPE_PERF_EVENT_ARRAY, per-CPU buffers */
	MECHANISM_RINGBUF,	/* BPF_MAP_TYPE_RINGBUF, one shared buffer */
};

/* A BPF object, seen through the parts all four share. */
struct tracer_bpf {
	struct bpf_object_skeleton *skeleton;
	struct config *config;			/* .rodata: set before load */
	const bool *exec_calls_known;		/* .rodata: whether -x can be */
	const volatile __u64 *lost_events;	/* .bss: read while running */
	struct bpf_map *events;
	struct bpf_map *cgroup_filter;		/* --cgroup: set after load */
	struct bpf_program *exec_fail;		/* -x: loaded only then */
	/* A ring buffer's --rings (NULL for the perf buffer): see rings.bpf.h. */
	struct bpf_map *rings;			/* set after load */
	struct bpf_map *wakeup_lines;		/* a slot per ring: sized */
	const volatile __u64 *wakeups_forced;	/* .bss: batched wakeups */
	void *skel;				/* for destroy() */
	void (*destroy)(void *skel);
};

/* A kernel function a BPF side calls, and the Linux release that added it. */
struct kfunc_need {
	const char *name;
	const char *since;
};

/* Opens (does not load) a skeleton: 0, or -errno.  See skeleton.h. */
typedef int (*skeleton_open_fn)(struct tracer_bpf *bpf,
				const struct bpf_object_open_opts *opts);

struct variant {
	const char *name;
	const char *how;	/* how the BPF side hands events over */
	enum mechanism mechanism;
	skeleton_open_fn open;
	const struct kfunc_need *kfuncs;	/* ends with {}; NULL: none */
	/*
	 * Default sizes: each holds a burst of 1000 processes whose command
	 * lines are 200 bytes long, with the consumer stopped (see the README).
	 */
	unsigned long long ring_size;	/* ring buffer bytes */
	unsigned int perf_pages;	/* perf buffer pages per CPU */
};

extern const struct variant variant;

#endif /* VARIANT_H */
