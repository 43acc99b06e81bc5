/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The perf buffer as perf_buffer__new_raw() opens it, for the tracers'
 * consumer and for ringbuf-bench's: the events it opens, and the samples
 * it hands over.
 */
#ifndef PERF_SAMPLE_H
#define PERF_SAMPLE_H

#include <linux/perf_event.h>
#include <linux/types.h>

/*
 * The perf event of each CPU: bpf_perf_event_output()'s, one sample per
 * call, a wakeup per sample (what perf_buffer__new() sets) unless the
 * caller asks for fewer.
 */
static inline struct perf_event_attr perf_sample_attr(void)
{
	return (struct perf_event_attr) {
		.type = PERF_TYPE_SOFTWARE,
		.config = PERF_COUNT_SW_BPF_OUTPUT,
		.sample_type = PERF_SAMPLE_RAW,
		.sample_period = 1,
		.wakeup_events = 1,
	};
}

/*
 * A sample: the record's header, the size of the BPF program's data, then
 * the data, only 4-byte aligned.
 */
struct perf_sample {
	struct perf_event_header header;
	__u32 size;
	char data[];
};

/*
 * The sample a perf_buffer__new_raw() callback is handed, or NULL for a
 * PERF_RECORD_LOST, which needs nothing: the BPF side counted each loss.
 */
static inline const struct perf_sample *
perf_sample_of(const struct perf_event_header *e)
{
	return e->type == PERF_RECORD_SAMPLE ? (const void *)e : NULL;
}

#endif /* PERF_SAMPLE_H */
