/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The contract between the BPF programs and user space: the records every
 * variant hands over (config.h holds what user space sets before load).
 * Included from both sides, so it uses plain C types only.
 *
 * Records vary in length: an exec's carries its filename, its interpreter
 * and its arguments, as many bytes as they take, after a fixed header; an
 * exit's is small and fixed.  A record says how long each of its parts is, and
 * user space trusts none of those lengths (record.c checks them all).
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

/* How big the parts of an exec record may be. */
/*
 * Room for a filename: PATH_MAX, the longest path execve() takes, with
 * its NUL.  Longer names exist (execveat() with a relative path makes
 * "/dev/fd/N/path") and are cut, and marked as cut.
 */
#define FILENAME_ROOM		4096
#define FILENAME_MAX_LEN	(FILENAME_ROOM - 1)
/*
 * Room for an interpreter: a #! line's is in the 256 bytes the kernel reads
 * of a script (BINPRM_BUF_SIZE), so it fits whole; a longer one, which
 * binfmt_misc can register, is cut and marked as cut.
 */
#define INTERP_ROOM		256
/* Argument bytes read by default, and at most (--max-args-bytes). */
#define DEFAULT_ARGS_BYTES	4096
#define MAX_ARGS_BYTES		16384
/*
 * --cwd: room for the working directory, PATH_MAX as for a filename, of
 * at most CWD_DEPTH steps up (a name, or a mount crossed); a longer or
 * deeper one keeps its end, and is marked as cut.
 */
#define CWD_ROOM		4096
#define CWD_DEPTH		32
/* --env: the bytes read of the environment area, its start; more are cut. */
#define ENV_BYTES		4096

/*
 * The largest exec record with at most args_bytes of arguments: header,
 * the longest filename and interpreter, and the arguments; --cwd adds
 * CWD_ROOM to it, --env ENV_BYTES.  Every buffer must hold one.
 */
#define EXEC_EVENT_SIZE(args_bytes)	(sizeof(struct exec_event) + \
					 FILENAME_ROOM + INTERP_ROOM + \
					 (args_bytes))
#define EXEC_EVENT_MAX	(EXEC_EVENT_SIZE(MAX_ARGS_BYTES) + CWD_ROOM + ENV_BYTES)

/* -x, a failed exec's record: a feature a first reading may skip. */
#define EXEC_COUNT_CUT		0x4	/* args_count counts only the first */
#define EXEC_FAIL_COUNT_MAX	4096	/* argv pointers a failed exec counts */
#define EXEC_FAIL_STRINGS_MAX	128	/* argv strings it reads at most */
/* Argument bytes it carries: --max-args-bytes, up to 8K. */
#define EXEC_FAIL_ARGS(args_bytes)	((args_bytes) < 8192 ? (args_bytes) : 8192)

/*
 * An exec that failed, as its caller asked for it: the arguments of the
 * system call, read from the caller's memory when it returns.  Most execs
 * fail with the old image still there; one that fails after the point of
 * no return (rare: out of memory) has already put the new image's memory
 * in its place, where those reads fail (an empty filename, marked cut; no
 * arguments, marked cut) or find what the new image has there, and the
 * process is then killed.  data[] holds filename_len bytes of the
 * filename as passed (no NUL), then args_len bytes of the argv strings,
 * each followed by a NUL, the last one perhaps cut short.
 */
struct exec_fail_event {
	struct event_header hdr;
	int error;			/* what the call returned: -errno */
	int dirfd;			/* execveat()'s; AT_FDCWD for execve() */
	unsigned int at_flags;		/* execveat()'s flags; 0 for execve() */
	unsigned int args_count;	/* argv's strings, counted */
	unsigned int args_len;
	unsigned short filename_len;
	unsigned short flags;		/* EXEC_FILENAME_CUT, _ARGS_CUT, _COUNT_CUT */
	char data[];
};

/* The largest failed-exec record with --max-args-bytes args_bytes. */
#define EXEC_FAIL_SIZE(args_bytes)	(sizeof(struct exec_fail_event) + \
					 FILENAME_ROOM + EXEC_FAIL_ARGS(args_bytes))
/*
 * The room the BPF side fills one in: its argument bytes twice, for the
 * verifier sees each string's offset and size apart (failed.bpf.h).
 */
#define EXEC_FAIL_ROOM(args_bytes)	(EXEC_FAIL_SIZE(args_bytes) + \
					 EXEC_FAIL_ARGS(args_bytes))
/* The largest record any variant hands over. */
#define RECORD_MAX	(EXEC_EVENT_MAX > EXEC_FAIL_ROOM(MAX_ARGS_BYTES) ? \
			 EXEC_EVENT_MAX : EXEC_FAIL_ROOM(MAX_ARGS_BYTES))

#endif /* EVENT_H */
