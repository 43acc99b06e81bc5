/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * -x: the record of a failed exec, as src/failed.bpf.h writes it and user
 * space reads it.  Included by event.h, which it follows.
 */
#ifndef FAILED_H
#define FAILED_H

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

#endif /* FAILED_H */
