/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* One measured run of one configuration: producers, BPF program, consumer. */
#ifndef BENCH_RUN_H
#define BENCH_RUN_H

#include <stdbool.h>
#include "options.h"

struct bench_config {
	enum bench_mech mech;
	enum bench_consumer consumer;
	enum wakeup wakeup;
	unsigned int rings;	/* RINGS_SHARED, RINGS_PER_CPU or N */
	unsigned int size, batch;
	enum bench_harness harness;
};

struct run_result {
	double seconds;			/* the measured window */
	unsigned long long triggers;	/* syscalls made in the window */
	unsigned long long delivered;	/* records handed to the callback */
	unsigned long long dropped;	/* records the buffer refused */
	double consumer_cpu;		/* CPU time over the window, 1 = a CPU */
	double producer_cpu_ns;		/* all the producers' CPU time in it */
	double p50_ns, p99_ns, p999_ns;	/* submit to callback; NAN: none timed */
	unsigned long long buffer_bytes;	/* kernel memory of the buffers */
	/* Over the whole run, warm-up and final drain included: */
	unsigned long long produced_total, delivered_total, dropped_total;
	unsigned long long reordered;	/* not next after their producer's last */
	unsigned long long corrupt;	/* timed records not filled as written */
};

/* 0, or -errno with a message already printed. */
int run_config(const struct bench_opts *opts, const struct bench_config *cfg,
	       struct run_result *res);

#endif /* BENCH_RUN_H */
