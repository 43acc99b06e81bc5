/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The contract between the BPF programs and user space: the records every
 * variant hands over, included by both sides (plain C types only).  An
 * exec's record carries its filename, interpreter and arguments, as many
 * bytes as they take, after a fixed header; an exit's is fixed.  User
 * space trusts none of the lengths a record gives (record.c checks them).
 */
#ifndef EVENT_H
#define EVENT_H

#define TASK_COMM_LEN		16

enum event_type {
	EVENT_EXEC = 1,
	EVENT_EXIT = 2,
	EVENT_EXEC_FAIL = 3,	/* -x: an execve() or execveat() that failed */
};

/* What every record starts with. */
struct event_header {
	unsigned long long ts_ns;	/* bpf_ktime_get_ns(), CLOCK_MONOTONIC */
	unsigned int type;		/* enum event_type */
	int pid;			/* thread group id, initial PID namespace */
	int ppid;
	unsigned int uid;		/* real: who started it */
	unsigned int euid;		/* effective: whose rights it has */
	unsigned int pad;
	unsigned long long cgroup_id;	/* cgroup v2 id; 0 unless printed */
	/*
	 * When the process started, in ns since boot (what /proc/PID/stat
	 * counts in ticks): with pid, a key no other process of this boot has.
	 */
	unsigned long long start_ns;
	char comm[TASK_COMM_LEN];	/* the main thread's */
	char pcomm[TASK_COMM_LEN];	/* the parent's main thread's */
};

#define EXEC_FILENAME_CUT	0x1	/* the filename did not fit */
#define EXEC_ARGS_CUT		0x2	/* not all the arguments fit */
#define EXEC_INTERP_CUT		0x4	/* the interpreter did not fit */
/*
 * The file the kernel loaded, /proc/PID/exe (a script's interpreter, not
 * the script), had no name on disk: a memfd, an O_TMPFILE, one deleted.
 */
#define EXEC_NO_NAME		0x8
/* --cwd: the start of the path did not fit; none (0 bytes): unreadable. */
#define EXEC_CWD_CUT		0x10
#define EXEC_CWD_DELETED	0x20	/* the directory was removed */
/* --env: the environment area did not fit; none (0 bytes): unreadable. */
#define EXEC_ENV_CUT		0x40

/*
 * data[] holds filename_len bytes of filename (no NUL), then interp_len
 * bytes of interpreter (no NUL), then args_len bytes of the argument area
 * as the new program received it: each argument followed by a NUL, the
 * last one perhaps cut short.  The interpreter is the one a #! line (or
 * binfmt_misc) named, the filename then being the script; none when the
 * program ran by itself.  An interpreter is never empty: 0 bytes without
 * EXEC_INTERP_CUT mean none, and with it one that could not be read.
 */
struct exec_event {
	struct event_header hdr;
	unsigned int args_count;	/* argc: the arguments received */
	unsigned int args_len;
	unsigned short filename_len;
	unsigned short interp_len;
	unsigned short flags;		/* EXEC_*_CUT, EXEC_NO_NAME, ... */
	unsigned short cwd_len;
	unsigned short env_len;
	unsigned short pad;
	unsigned int pad2;
	char data[];
};

struct exit_event {
	struct event_header hdr;
	unsigned long long duration_ns;	/* lifetime since fork */
	int exit_code;			/* the wait status the parent gets */
	unsigned int pad;
};

/*
 * What the BPF side counts in its .bss, which user space reads while it
 * runs: the events the buffer had no room for, and the batched wakeups
 * that src/wakeup.bpf.h forced.
 */
struct counters {
	unsigned long long lost_events;
	unsigned long long wakeups_forced;
};

/* How big each part of an exec record may be, which a reading may skip. */
#include "record_sizes.h"
/* -x's record of a failed exec, which a first reading may skip. */
#include "failed.h"

#endif /* EVENT_H */
