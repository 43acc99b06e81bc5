/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The record, as user space receives it: event_from_record() checks every
 * length it declares against its size; the readers below then find its
 * parts, and trust those lengths only once they are checked.
 */
#ifndef RECORD_H
#define RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "event.h"

/* How a process ended, decoded from the wait status in exit_code. */
struct exit_info {
	int status;	/* exit(status), when signal is 0 */
	int signal;	/* the signal that killed it, or 0 */
	bool core_dumped;
};

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

struct exit_info decode_exit(int exit_code);

/*
 * What an exec and a failed exec both carry: a filename, arguments, each
 * one ending with a NUL but perhaps the last, and what of them was cut.
 */
struct command {
	const char *filename, *args;
	size_t filename_len, args_len;
	unsigned int args_count, flags;		/* EXEC_*_CUT */
	bool count_cut;		/* args_count is only the least there are */
};

static inline struct command command_of_exec(const struct exec_event *e)
{
	return (struct command){
		.filename = e->data, .filename_len = e->filename_len,
		/* After the interpreter, when a #! line named one. */
		.args = e->data + e->filename_len + e->interp_len,
		.args_len = e->args_len,
		.args_count = e->args_count, .flags = e->flags,
	};
}

static inline struct command command_of_fail(const struct exec_fail_event *e)
{
	return (struct command){
		.filename = e->data, .filename_len = e->filename_len,
		.args = e->data + e->filename_len, .args_len = e->args_len,
		.args_count = e->args_count, .flags = e->flags,
		.count_cut = e->flags & EXEC_COUNT_CUT,
	};
}

struct args_reader {
	const char *next, *end;
};

static inline struct args_reader args_of(const struct command *c)
{
	return (struct args_reader){ c->args, c->args + c->args_len };
}

/* The next argument, and whether it has its NUL (is whole); false at the end. */
static inline bool next_arg(struct args_reader *r, const char **arg,
			    size_t *len, bool *whole)
{
	if (r->next >= r->end)
		return false;
	*arg = r->next;
	*len = strnlen(r->next, r->end - r->next);
	*whole = *len < (size_t)(r->end - r->next);
	r->next += *len + *whole;
	return true;
}

/* The working directory of an exec, where the path starts. */
static inline const char *cwd_of(const struct exec_event *e)
{
	return e->data + e->filename_len + e->interp_len + e->args_len;
}

/* The name of the errno in a negative return value (ENOENT), or NULL. */
static inline const char *errno_name(int ret)
{
	return ret < 0 && ret > -4096 ? strerrorname_np(-ret) : NULL;
}

#endif /* RECORD_H */
