/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The filters user space sets in the BPF side's .rodata, part of struct
 * config, and src/filters.bpf.h applies.  Included by config.h.
 */
#ifndef FILTER_H
#define FILTER_H

#include "event.h"

/* The filters: a process that fails one is not copied at all. */
struct filter {
	int pid;			/* 0: any */
	int ppid;			/* the parent's pid; 0: any */
	unsigned int uid;		/* real; FILTER_ANY_UID: any */
	unsigned int euid;		/* effective; FILTER_ANY_UID: any */
	char comm[TASK_COMM_LEN];	/* "": any */
	unsigned int exits_only;	/* 1: --min-duration, even 0 */
	unsigned long long min_duration_ns;
	unsigned int in_cgroup;		/* 1: only in cgroup_filter's cgroup */
};

#define FILTER_ANY_UID	((unsigned int)-1)

#endif /* FILTER_H */
