/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * How big each part of an exec record may be, and so how large a record
 * can be: every buffer must hold the largest.  Included by event.h.
 */
#ifndef RECORD_SIZES_H
#define RECORD_SIZES_H

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

#endif /* RECORD_SIZES_H */
