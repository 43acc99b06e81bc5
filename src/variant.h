/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * What tells the tracers apart in user space, besides the skeleton that
 * each tool's main() opens: which mechanism carries the events, and the
 * buffer's default size.  Each tool's src/<name>.c defines `variant`.
 */
#ifndef VARIANT_H
#define VARIANT_H

enum mechanism {
	MECHANISM_PERFBUF,	/* BPF_MAP_TYPE_PERF_EVENT_ARRAY, per-CPU buffers */
	MECHANISM_RINGBUF,	/* BPF_MAP_TYPE_RINGBUF, one shared buffer */
};

/* A kernel function a BPF side calls, and the Linux release that added it. */
struct kfunc_need {
	const char *name;
	const char *since;
};

struct variant {
	const char *name;
	const char *how;	/* how the BPF side hands events over */
	enum mechanism mechanism;
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
