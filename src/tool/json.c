// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The JSON object: one per line, every field always there, and each
 * string's bytes kept in "<key>_hex" when they are not UTF-8.
 */
#include <string.h>
#include "escape.h"
#include "format.h"
#include "record.h"

/*
 * A string field; when its bytes are not UTF-8, which JSON cannot carry,
 * also "<key>_hex" with every byte, so nothing is lost.
 */
static void put_json_field(struct buf *out, const char *key, const char *s,
			   size_t len)
{
	buf_puts(out, ",\"");
	buf_puts(out, key);
	buf_puts(out, "\":");
	escape_json(out, s, len);
	if (is_valid_utf8(s, len))
		return;
	buf_puts(out, ",\"");
	buf_puts(out, key);
	buf_puts(out, "_hex\":");
	escape_hex(out, s, len);
}

/*
 * "args", an array of strings; when one of them is not UTF-8, also
 * "args_hex", every argument in hex.  Returns whether the last one lacks
 * its NUL: cut short.
 */
static bool put_json_args(struct buf *out, const struct command *c)
{
	struct args_reader r = args_of(c);
	bool whole = true, all_utf8 = true;
	const char *arg;
	size_t len, n = 0;

	buf_puts(out, ",\"args\":[");
	while (next_arg(&r, &arg, &len, &whole)) {
		if (n++)
			buf_putc(out, ',');
		escape_json(out, arg, len);
		all_utf8 &= is_valid_utf8(arg, len);
	}
	buf_putc(out, ']');
	if (all_utf8)
		return !whole;
	buf_puts(out, ",\"args_hex\":[");
	r = args_of(c);
	for (n = 0; next_arg(&r, &arg, &len, &whole); n++) {
		if (n)
			buf_putc(out, ',');
		escape_hex(out, arg, len);
	}
	buf_putc(out, ']');
	return !whole;
}

static void put_json_bool(struct buf *out, const char *key, bool value)
{
	buf_puts(out, ",\"");
	buf_puts(out, key);
	buf_puts(out, value ? "\":true" : "\":false");
}

/*
 * "interp", the interpreter a #! line (or binfmt_misc) named, null when
 * the program ran by itself; "" and interp_truncated when it could not be
 * read (an interpreter is never empty).
 */
static void put_json_interp(struct buf *out, const struct exec_event *e)
{
	bool cut = e->flags & EXEC_INTERP_CUT;

	if (e->interp_len || cut)
		put_json_field(out, "interp", e->data + e->filename_len,
			       e->interp_len);
	else
		buf_puts(out, ",\"interp\":null");
	put_json_bool(out, "interp_truncated", cut);
}

/* "cwd", null when it could not be read; cut, when its start is missing. */
static void put_json_cwd(struct buf *out, const struct exec_event *e)
{
	if (e->cwd_len)
		put_json_field(out, "cwd", cwd_of(e), e->cwd_len);
	else
		buf_puts(out, ",\"cwd\":null");
	put_json_bool(out, "cwd_truncated", e->flags & EXEC_CWD_CUT);
	put_json_bool(out, "cwd_deleted", e->flags & EXEC_CWD_DELETED);
}

/* What the environment area says of the i-th name of --env. */
static enum env_found env_value(const struct exec_event *e,
				const struct env_names *env, unsigned int i,
				const char **value, size_t *len)
{
	return env_lookup(cwd_of(e) + e->cwd_len, e->env_len,
			  e->flags & EXEC_ENV_CUT, env->name[i], env->len[i],
			  value, len);
}

/* Whether the i-th name of --env has a value in e, whole or cut. */
static bool env_has(const struct exec_event *e, const struct env_names *env,
		    unsigned int i, const char **value, size_t *len)
{
	enum env_found found = env_value(e, env, i, value, len);

	return found == ENV_WHOLE || found == ENV_CUT;
}

/*
 * key, then {"NAME":value,...}: each value a string, null when none; in
 * hex, only the values that are not UTF-8.
 */
static void put_json_env_values(struct buf *out, const char *key,
				const struct exec_event *e,
				const struct env_names *env, bool hex)
{
	const char *value;
	size_t len, n = 0;
	bool has;

	buf_puts(out, key);
	for (unsigned int i = 0; i < env->count; i++) {
		has = env_has(e, env, i, &value, &len);
		if (hex && (!has || is_valid_utf8(value, len)))
			continue;
		if (n++)
			buf_putc(out, ',');
		escape_json(out, env->name[i], env->len[i]);
		buf_putc(out, ':');
		if (!has)
			buf_puts(out, "null");
		else if (hex)
			escape_hex(out, value, len);
		else
			escape_json(out, value, len);
	}
	buf_putc(out, '}');
}

/* key, then ["NAME",...]: the names of which the area says which. */
static void put_json_env_names(struct buf *out, const char *key,
			       const struct exec_event *e,
			       const struct env_names *env,
			       enum env_found which)
{
	const char *value;
	size_t len, n = 0;

	buf_puts(out, key);
	for (unsigned int i = 0; i < env->count; i++) {
		if (env_value(e, env, i, &value, &len) != which)
			continue;
		if (n++)
			buf_putc(out, ',');
		escape_json(out, env->name[i], env->len[i]);
	}
	buf_putc(out, ']');
}

/*
 * "env", the variables of --env, null for one the program did not get;
 * "env_hex" when a value is not UTF-8; "env_truncated", those whose value
 * is only the start; "env_unknown", those null because the part of the
 * environment read did not hold them.  Never any other variable.
 */
static void put_json_env(struct buf *out, const struct exec_event *e,
			 const struct env_names *env)
{
	bool all_utf8 = true;
	const char *value;
	size_t len;

	put_json_env_values(out, ",\"env\":{", e, env, false);
	for (unsigned int i = 0; i < env->count; i++)
		if (env_has(e, env, i, &value, &len))
			all_utf8 &= is_valid_utf8(value, len);
	if (!all_utf8)
		put_json_env_values(out, ",\"env_hex\":{", e, env, true);
	put_json_env_names(out, ",\"env_truncated\":[", e, env, ENV_CUT);
	put_json_env_names(out, ",\"env_unknown\":[", e, env, ENV_UNKNOWN);
}

/*
 * args_truncated: args is not the whole command line; last_arg_truncated:
 * its last element is the start of an argument, not all of it (the text's
 * 'word'...).  Arguments missing whole are args_count minus those shown.
 * e: the exec that succeeded, with what the kernel ran; NULL for one that
 * failed.
 */
static void put_exec_json(struct buf *out, const struct format *f,
			  const struct command *c,
			  const struct exec_event *e)
{
	bool args_cut = c->flags & EXEC_ARGS_CUT, last_cut;

	put_json_field(out, "filename", c->filename, c->filename_len);
	put_json_bool(out, "filename_truncated", c->flags & EXEC_FILENAME_CUT);
	if (e) {	/* an exec that succeeded: what the kernel ran */
		put_json_interp(out, e);
		put_json_bool(out, "no_name_on_disk", e->flags & EXEC_NO_NAME);
	}
	last_cut = put_json_args(out, c);
	buf_puts(out, ",\"args_count\":");
	buf_put_uint(out, c->args_count);
	put_json_bool(out, "args_truncated", args_cut);
	put_json_bool(out, "last_arg_truncated", args_cut && last_cut);
	if (e && f->cwd)
		put_json_cwd(out, e);
	if (e && f->env && f->env->count)
		put_json_env(out, e, f->env);
}

static void put_exit_json(struct buf *out, const struct exit_event *e)
{
	struct exit_info x = decode_exit(e->exit_code);

	buf_puts(out, ",\"exit_code\":");
	buf_put_int(out, x.status);
	buf_puts(out, ",\"signal\":");
	buf_put_int(out, x.signal);
	put_json_bool(out, "core_dumped", x.core_dumped);
	buf_puts(out, ",\"duration_ns\":");
	buf_put_uint(out, e->duration_ns);
}

/*
 * start_ns, and process_key, "PID:START_NS": the same in a process's EXEC
 * and EXIT, and another for a process that has its pid later, so that a
 * pipeline joins events by it without mistaking one process for another.
 */
static void put_process_key(struct buf *out, const struct event_header *h)
{
	buf_puts(out, ",\"start_ns\":");
	buf_put_uint(out, h->start_ns);
	buf_puts(out, ",\"process_key\":\"");
	buf_put_int(out, h->pid);
	buf_putc(out, ':');
	buf_put_uint(out, h->start_ns);
	buf_putc(out, '"');
}

/*
 * errno: the error's name (null if it has none), error: its number; the
 * exec's fields; args_count_truncated: args_count is only the least there
 * are; dirfd and at_flags: execveat()'s (AT_FDCWD and 0 for execve()).
 */
static void put_fail_json(struct buf *out, const struct format *f,
			  const struct exec_fail_event *e)
{
	const char *name = errno_name(e->error);
	struct command c = command_of_fail(e);

	buf_puts(out, ",\"errno\":");
	if (name)
		buf_printf(out, "\"%s\"", name);
	else
		buf_puts(out, "null");
	buf_puts(out, ",\"error\":");
	buf_put_int(out, -(long long)e->error);
	put_exec_json(out, f, &c, NULL);
	put_json_bool(out, "args_count_truncated", e->flags & EXEC_COUNT_CUT);
	buf_puts(out, ",\"dirfd\":");
	buf_put_int(out, e->dirfd);
	buf_puts(out, ",\"at_flags\":");
	buf_put_uint(out, e->at_flags);
}

static const char *const event_names[] = {
	[EVENT_EXEC] = "{\"event\":\"EXEC\",\"time\":",
	[EVENT_EXIT] = "{\"event\":\"EXIT\",\"time\":",
	[EVENT_EXEC_FAIL] = "{\"event\":\"EXECFAIL\",\"time\":",
};

void format_json(struct buf *out, struct format *f,
			const struct event_header *h)
{
	struct command c;

	buf_puts(out, event_names[h->type]);
	format_time(out, f, h->ts_ns);
	buf_puts(out, ",\"timestamp_ns\":");
	buf_put_uint(out, h->ts_ns);
	put_json_field(out, "comm", h->comm, strnlen(h->comm, sizeof(h->comm)));
	buf_puts(out, ",\"pid\":");
	buf_put_int(out, h->pid);
	buf_puts(out, ",\"ppid\":");
	buf_put_int(out, h->ppid);
	put_json_field(out, "pcomm", h->pcomm,
		       strnlen(h->pcomm, sizeof(h->pcomm)));
	buf_puts(out, ",\"uid\":");
	buf_put_uint(out, h->uid);
	buf_puts(out, ",\"euid\":");
	buf_put_uint(out, h->euid);
	buf_puts(out, ",\"cgroup_id\":");
	buf_put_uint(out, h->cgroup_id);
	put_process_key(out, h);
	if (h->type == EVENT_EXEC) {
		c = command_of_exec((const struct exec_event *)h);
		put_exec_json(out, f, &c, (const struct exec_event *)h);
	} else if (h->type == EVENT_EXEC_FAIL) {
		put_fail_json(out, f, (const struct exec_fail_event *)h);
	} else {
		put_exit_json(out, (const struct exit_event *)h);
	}
	buf_puts(out, "}\n");
}
