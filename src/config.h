/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * What user space sets in the BPF side's .rodata before load, in one
 * struct that both sides include, so that setting it is one assignment.
 * The verifier sees these values as constants and prunes the code that
 * they turn off.  Plain C types only.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include "event.h"
#include "filter.h"	/* -p, -c, -u, --cgroup...: a reading may skip it */

struct config {
	struct filter filter;
	unsigned int max_args_bytes;	/* --max-args-bytes */
	unsigned int env_bytes;		/* --env: ENV_BYTES; 0: none read */
	unsigned char want_cwd;		/* --cwd */
	unsigned char want_cgroup_id;	/* --json and --cgroup-id print it */
	/* The kernel passes sched_process_exit group_dead (6.16 and later). */
	unsigned char exit_has_group_dead;
	/* BPF's compare-and-exchange (Linux 5.12), which the wakeups use. */
	unsigned char have_cmpxchg;
	/* Batched wakeups: the bytes written per wakeup; 0: every event. */
	unsigned long long wakeup_bytes;
	/* --rings: 0 uses the variant's `events`, else that many in `rings`. */
	unsigned int ring_count;
	unsigned int rings_per_cpu;	/* one ring per CPU, keyed by CPU */
};

/* The defaults: no filter, DEFAULT_ARGS_BYTES, every opt-in off. */
#define CONFIG_DEFAULTS {					\
	.filter = {						\
		.uid = FILTER_ANY_UID,				\
		.euid = FILTER_ANY_UID,				\
	},							\
	.max_args_bytes = DEFAULT_ARGS_BYTES,			\
}

#endif /* CONFIG_H */
