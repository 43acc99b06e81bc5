/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * A perf buffer sample as perf_buffer__new_raw() hands it over, to the
 * tracers' consumer and to ringbuf-bench's: the record's header, the
 * size of the BPF program's data, then the data, only 4-byte aligned.
 */
#ifndef PERF_SAMPLE_H
#define PERF_SAMPLE_H

#include <linux/perf_event.h>
#include <linux/types.h>

struct perf_sample {
	struct perf_event_header header;
	__u32 size;
	char data[];
};

#endif /* PERF_SAMPLE_H */
