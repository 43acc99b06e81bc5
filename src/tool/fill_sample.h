/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * How full the buffers are, read from their positions: the producer's less
 * the consumer's, in the fullest ring or the fullest CPU's perf buffer.
 */
#ifndef FILL_SAMPLE_H
#define FILL_SAMPLE_H

struct perf_buffer;
struct ring_buffer;
struct fill_sampler;

/* Samples the CPUs' buffers of pb.  NULL with errno set on failure. */
struct fill_sampler *fill_sampler_perf(struct perf_buffer *pb);
/*
 * Samples the n rings of rb, whose fds (in the order they were added to
 * rb) the position pages are mapped from with a libbpf before 1.3.
 */
struct fill_sampler *fill_sampler_rings(struct ring_buffer *rb,
					const int *fds, unsigned int n);
/*
 * Samples now, and returns the most bytes seen pending at once in one
 * buffer so far.  Best called just before records are consumed: that is
 * when the buffer is fullest.
 */
unsigned long long fill_sample(struct fill_sampler *s);
void fill_sampler_free(struct fill_sampler *s);

#endif /* FILL_SAMPLE_H */
