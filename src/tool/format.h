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

#define NSEC_PER_SEC	1000000000LL
#define NSEC_PER_MSEC	1000000LL

void format_init(struct format *f, bool json, bool cgroup_column);
/* Each appends whole lines to out; f keeps the time of the last one. */
void format_header(struct buf *out, const struct format *f);
void format_event(struct buf *out, struct format *f,
		  const struct event_header *e);

/*
 * For text.c and json.c: the wall-clock time of a kernel timestamp, as
 * each format prints it; and each format's line.
 */
void format_time(struct buf *out, struct format *f, unsigned long long ts_ns);
void format_text(struct buf *out, struct format *f,
		 const struct event_header *h);
void format_json(struct buf *out, struct format *f,
		 const struct event_header *h);

#endif /* FORMAT_H */
