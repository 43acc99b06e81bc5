/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* ringbuf-bench's command line: what to measure, and how long. */
#ifndef BENCH_OPTIONS_H
#define BENCH_OPTIONS_H

#include <stdbool.h>
#include "bench.h"

#define OPT_MAX_LIST	16
#define MAX_CPU		4095
/* Room for why a value was refused, quoting the item at fault. */
#define OPT_WHY_SIZE	384

enum bench_consumer {
	CONSUMER_LIBBPF,	/* ring_buffer__poll() or perf_buffer__poll() */
	CONSUMER_CUSTOM,	/* ring.c: the mmapped ring, one update per batch */
	CONSUMER_NONE,		/* none while producing; libbpf's drains after */
};

/* A comma-separated option: every value is measured, in order. */
struct opt_list {
	unsigned int n;
	unsigned int v[OPT_MAX_LIST];
};

/* The CPUs the kernel lists in /sys/devices/system/cpu/online. */
struct online_cpus {
	const char *list;	/* its text, "0,2-3", for messages */
	unsigned long long mask[(MAX_CPU + 1) / 64];
};

struct bench_opts {
	struct opt_list mechs;		/* enum bench_mech */
	struct opt_list rings;		/* RINGS_SHARED, RINGS_PER_CPU or N */
	struct opt_list consumers;	/* enum bench_consumer */
	struct opt_list wakeups;	/* enum wakeup */
	struct opt_list sizes;		/* record bytes */
	struct opt_list batches;	/* records per trigger */
	struct opt_list harnesses;	/* enum bench_harness */
	struct opt_list producer_cpus;
	unsigned int threshold;		/* batched: records pending per wakeup */
	unsigned int producers;
	int consumer_cpu;		/* -1: not pinned */
	unsigned int duration_ms, warmup_ms, repeat;
	unsigned int latency_every;	/* time one record in this many */
	unsigned long long ring_size;	/* bytes */
	unsigned int perf_pages;	/* per CPU */
	const char *csv_path;
	bool burst;	/* one trigger per producer, consumer stopped */
	bool verbose;
};

/*
 * Fills opts from the command line; the CPUs it names must be online.
 * argp_flags 0 is for main: bad options print a message and exit 2.  Tests
 * pass ARGP_NO_EXIT | ARGP_NO_ERRS and get a non-zero return instead.
 */
int bench_options_parse(int argc, char **argv, unsigned int argp_flags,
			const struct online_cpus *online,
			struct bench_opts *opts);
/*
 * Reads the kernel's list ("0,2-3", no newline) into cpus, which keeps
 * pointing at it: NULL, or why it is not a list of CPUs.
 */
const char *parse_online_cpus(const char *list, struct online_cpus *cpus);
bool cpu_online(const struct online_cpus *cpus, unsigned int cpu);

/*
 * Each returns NULL, or why s was refused: a reason that quotes the item at
 * fault, kept in why (OPT_WHY_SIZE bytes) when it needed formatting.
 */
const char *parse_u32_list(const char *s, unsigned int min, unsigned int max,
			   struct opt_list *list, char *why);
const char *parse_name_list(const char *s, const char *const *names,
			    unsigned int count, struct opt_list *list,
			    char *why);
bool opt_listed(const struct opt_list *l, unsigned int v);

/* Only these write to ring buffers, and so have a topology. */
static inline bool mech_has_rings(enum bench_mech m)
{
	return m == MECH_RB_OUTPUT || m == MECH_RB_RESERVE;
}

/* "shared", "per-cpu" or N, as --rings takes it, written into buf if N. */
#define RINGS_NAME_SIZE	12
const char *rings_name(unsigned int rings, char *buf);

extern const char *const mech_names[];
extern const char *const consumer_names[];
extern const char *const wakeup_names[];
extern const char *const harness_names[];

#endif /* BENCH_OPTIONS_H */
