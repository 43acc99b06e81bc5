/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Turning an event into a text line or a JSON object, safely. */
#ifndef FORMAT_H
#define FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "event.h"

struct format {
	bool json;
	long long wall_offset_ns;	/* CLOCK_REALTIME - CLOCK_MONOTONIC */
};

/* How a process ended, decoded from the wait status in exit_code. */
struct exit_info {
	int status;	/* exit(status), when signal is 0 */
	int signal;	/* the signal that killed it, or 0 */
	bool core_dumped;
};

void format_init(struct format *f, bool json);
/* The event in a record as the mechanism delivered it, or NULL if malformed. */
const struct event *event_from_record(const void *data, size_t size);
void print_header(FILE *out, const struct format *f);
void print_event(FILE *out, const struct format *f, const struct event *e);

struct exit_info decode_exit(int exit_code);
/* Room for escaping up to max bytes: at most six bytes out for one in. */
#define ESCAPED_SIZE(max)	(6 * (max) + 3)

/*
 * Both read at most max bytes of src, stop at a NUL, write a NUL-terminated
 * string to dst (ESCAPED_SIZE(max) bytes) and return its length.
 * escape_text: \xHH for controls, invalid UTF-8 and bidi overrides, so that
 * nothing can move a terminal's cursor or forge a line; \\ for a backslash.
 * escape_json: a quoted JSON string, valid whatever bytes src holds.
 */
size_t escape_text(char *dst, const char *src, size_t max);
size_t escape_json(char *dst, const char *src, size_t max);
/* Whether the first max bytes of src, up to a NUL, are all valid UTF-8. */
bool is_valid_utf8(const char *src, size_t max);

#endif /* FORMAT_H */
