/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * What tells the three tracers apart in user space: which mechanism carries
 * the events, and the glue to the variant's own skeleton.  Each variant's
 * src/<name>.c defines these; everything else is shared.
 */
#ifndef VARIANT_H
#define VARIANT_H

#include <linux/types.h>
#include "event.h"

struct bpf_object_skeleton;
struct bpf_map;

enum mechanism {
	MECHANISM_PERFBUF,	/* BPF_MAP_TYPE_PERF_EVENT_ARRAY, per-CPU buffers */
	MECHANISM_RINGBUF,	/* BPF_MAP_TYPE_RINGBUF, one shared buffer */
};

struct variant {
	const char *name;
	const char *how;	/* how the BPF side hands events over */
	enum mechanism mechanism;
};

/* A variant's BPF object, seen through the parts all variants share. */
struct tracer_bpf {
	struct bpf_object_skeleton *skeleton;
	struct filter *filter;			/* .rodata: set before load */
	const volatile __u64 *lost_events;	/* .bss: read while running */
	struct bpf_map *events;
};

extern const struct variant variant;

/* Opens (does not load) the variant's skeleton and fills in bpf. */
int variant_open(struct tracer_bpf *bpf);
void variant_close(void);

#endif /* VARIANT_H */
