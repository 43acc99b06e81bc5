// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A record as user space receives it, trusted in nothing: each length it
 * declares is checked against its size before any part of it is read.
 */
#include "record.h"

/* The bytes an exec record's header says it uses (the lengths unchecked). */
static unsigned long long exec_bytes(const struct exec_event *e)
{
	return sizeof(*e) + (unsigned long long)e->filename_len +
	       e->interp_len + e->args_len + e->cwd_len + e->env_len;
}

/* Whether a command line of these lengths fits in size after fixed bytes. */
static bool command_fits(size_t fixed, size_t filename_len, size_t args_len,
			 size_t size)
{
	return filename_len <= FILENAME_MAX_LEN && args_len <= MAX_ARGS_BYTES &&
	       fixed + filename_len + args_len <= size;
}

const struct event_header *event_from_record(const void *data, size_t size)
{
	const struct event_header *h = data;
	const struct exec_event *e = data;
	const struct exec_fail_event *x = data;

	/* The perf buffer pads records to 8 bytes: longer is fine. */
	if (size < sizeof(*h))
		return NULL;
	if (h->type == EVENT_EXIT)
		return size >= sizeof(struct exit_event) ? h : NULL;
	if (h->type == EVENT_EXEC_FAIL)
		return size >= sizeof(*x) &&
		       command_fits(sizeof(*x), x->filename_len, x->args_len,
				    size) ? h : NULL;
	if (h->type != EVENT_EXEC || size < sizeof(*e))
		return NULL;
	if (e->filename_len > FILENAME_MAX_LEN ||
	    e->interp_len > INTERP_ROOM - 1 || e->args_len > MAX_ARGS_BYTES ||
	    e->cwd_len > CWD_ROOM || e->env_len > ENV_BYTES ||
	    exec_bytes(e) > size)
		return NULL;
	return h;
}

size_t event_used_bytes(const struct event_header *e)
{
	const struct exec_event *x = (const void *)e;
	const struct exec_fail_event *f = (const void *)e;

	if (e->type == EVENT_EXIT)
		return sizeof(struct exit_event);
	if (e->type == EVENT_EXEC_FAIL)
		return sizeof(*f) + f->filename_len + f->args_len;
	return exec_bytes(x);
}

struct exit_info decode_exit(int exit_code)
{
	return (struct exit_info){
		.status = (exit_code >> 8) & 0xff,
		.signal = exit_code & 0x7f,
		.core_dumped = exit_code & 0x80,
	};
}
