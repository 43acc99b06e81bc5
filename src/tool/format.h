/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Turning an event into a text line or a JSON object, safely. */
#ifndef FORMAT_H
#define FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include "buf.h"
#include "env.h"
#include "event.h"

struct format {
	bool json;
	bool cgroup_column;		/* text: the CGROUP column */
	bool cwd;			/* --cwd: the CWD column, "cwd" */
	const struct env_names *env;	/* --env, JSON: "env"; NULL: none */
	long long wall_offset_ns;	/* CLOCK_REALTIME - CLOCK_MONOTONIC */
	/* The last second's date and time as text: most events share it. */
	long long cached_sec;
	char cached[32];
	size_t cached_len;		/* 0: nothing cached */
};

/* How a process ended, decoded from the wait status in exit_code. */
struct exit_info {
	int status;	/* exit(status), when signal is 0 */
	int signal;	/* the signal that killed it, or 0 */
	bool core_dumped;
};

void format_init(struct format *f, bool json, bool cgroup_column);
/*
 * The event in a record as the mechanism delivered it, every length it
 * declares checked against the record's size; NULL if malformed.
 */
const struct event_header *event_from_record(const void *data, size_t size);
/*
 * The bytes an event from event_from_record() uses: less than its record
 * when reserve/submit reserved room for the largest.
 */
size_t event_used_bytes(const struct event_header *e);
/* Each appends whole lines to out; f keeps the time of the last one. */
void format_header(struct buf *out, const struct format *f);
void format_event(struct buf *out, struct format *f,
		  const struct event_header *e);

struct exit_info decode_exit(int exit_code);

/* escape_text: also escape spaces, so that a column stays one word. */
#define ESCAPE_SPACE	0x1
/* escape_text: also escape ' as \', for a word in single quotes. */
#define ESCAPE_QUOTE	0x2

/*
 * Both append the len bytes of src to out, escaped, and return how many
 * bytes they appended.
 * escape_text: \xHH for controls (NUL too), invalid UTF-8 and the
 * characters that steer a terminal (C1 controls, line separators, format
 * characters such as bidi overrides), so that nothing can move a cursor,
 * hide text or forge a line; \\ for a backslash.
 * escape_json: a quoted JSON string, valid whatever bytes src holds.
 */
size_t escape_text(struct buf *out, const char *src, size_t len,
		   unsigned int flags);
size_t escape_json(struct buf *out, const char *src, size_t len);
bool is_valid_utf8(const char *src, size_t len);

#endif /* FORMAT_H */
