/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The contract between the BPF programs and user space: the record every
 * variant hands over and the filters user space sets before load.  Included
 * from both sides, so it uses plain C types only.
 */
#ifndef EVENT_H
#define EVENT_H

#define TASK_COMM_LEN		16
/*
 * Large enough for real paths, and large enough that struct event does not
 * fit the 512-byte BPF stack: the output variants must build it in a per-CPU
 * scratch buffer, while reserve/submit builds it in the ring itself.
 */
#define MAX_FILENAME_LEN	512

enum event_type {
	EVENT_EXEC = 1,
	EVENT_EXIT = 2,
};

struct event {
	unsigned long long ts_ns;	/* bpf_ktime_get_ns(), CLOCK_MONOTONIC */
	unsigned long long duration_ns;	/* EXIT: lifetime since fork */
	unsigned int type;		/* enum event_type */
	int pid;			/* thread group id */
	int ppid;
	unsigned int uid;
	int exit_code;			/* EXIT: task->exit_code, a wait status */
	char comm[TASK_COMM_LEN];
	char filename[MAX_FILENAME_LEN];	/* EXEC only */
};

/* Filters, set into .rodata before load so the verifier prunes unused ones. */
struct filter {
	int pid;			/* 0: any */
	unsigned int uid;		/* FILTER_ANY_UID: any */
	char comm[TASK_COMM_LEN];	/* "": any */
	unsigned long long min_duration_ns;	/* >0: exits only */
};

#define FILTER_ANY_UID	((unsigned int)-1)

#endif /* EVENT_H */
