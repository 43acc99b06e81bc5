// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The text line: fixed columns, then the command line or how the process
 * ended.  Each word reads back as the bytes it stands for.
 */
#include <fcntl.h>
#include <string.h>
#include "escape.h"
#include "format.h"
#include "record.h"
#include "unicode.h"

#define COMM_WIDTH	16
#define UID_WIDTH	6
#define CGROUP_WIDTH	8

/* Spaces after a column len bytes wide, up to width. */
static void pad(struct buf *out, size_t len, size_t width)
{
	static const char spaces[] = "                ";

	if (len < width)
		buf_put(out, spaces, width - len);
}

static void put_int_column(struct buf *out, long long v, size_t width)
{
	size_t start = out->len;

	buf_put_int(out, v);
	pad(out, out->len - start, width);
}

static void put_uint_column(struct buf *out, unsigned long long v,
			    size_t width)
{
	size_t start = out->len;

	buf_put_uint(out, v);
	pad(out, out->len - start, width);
}

/* ns as milliseconds, or seconds from 999.9995ms on, to three decimals. */
static void put_duration(struct buf *out, unsigned long long ns)
{
	unsigned long long thousandths;
	bool seconds = ns >= NSEC_PER_SEC - 500;

	/* Rounded to the nearest thousandth, as "%.3f" would. */
	if (seconds)
		thousandths = (ns + NSEC_PER_MSEC / 2) / NSEC_PER_MSEC;
	else
		thousandths = (ns + 500) / 1000;
	buf_put_uint(out, thousandths / 1000);
	buf_putc(out, '.');
	buf_put_fraction(out, thousandths % 1000, 3);
	buf_puts(out, seconds ? "s" : "ms");
}

static void put_exit_text(struct buf *out, const struct exit_event *e)
{
	struct exit_info x = decode_exit(e->exit_code);
	const char *name = x.signal ? sigabbrev_np(x.signal) : NULL;

	if (!x.signal) {
		buf_puts(out, "exit=");
		buf_put_int(out, x.status);
	} else if (name) {
		buf_puts(out, "signal=SIG");
		buf_puts(out, name);
	} else {
		buf_puts(out, "signal=");
		buf_put_int(out, x.signal);
	}
	if (x.core_dumped)
		buf_puts(out, " core-dumped");
	buf_puts(out, " duration=");
	put_duration(out, e->duration_ns);
}

void format_header(struct buf *out, const struct format *f)
{
	if (f->json)
		return;
	buf_printf(out, "%-12s %-5s %-*s %-7s %-7s %-*s %-*s %-*s ", "TIME",
		   "EVENT", COMM_WIDTH, "COMM", "PID", "PPID", COMM_WIDTH,
		   "PCOMM", UID_WIDTH, "UID", UID_WIDTH, "EUID");
	if (f->cgroup_column)
		buf_printf(out, "%-*s ", CGROUP_WIDTH, "CGROUP");
	if (f->cwd)
		buf_puts(out, "CWD ");
	buf_puts(out, "FILENAME ARGS / EXIT\n");
}

/*
 * A column of text: escaped, a space and a quote in it too, so that it
 * stays one word and '' can stand for empty; then padded to width.
 */
static void put_column(struct buf *out, const char *s, size_t len,
		       size_t width)
{
	if (!len) {
		buf_puts(out, "''");
		pad(out, 2, width);
		return;
	}
	pad(out, escape_text(out, s, len, ESCAPE_SPACE | ESCAPE_QUOTE), width);
}

/*
 * Whether a word of the command line goes in quotes: when it would not
 * read back as itself, one word, bare (empty, a space, a quote or a
 * backslash in it, or the cut mark's own "...").
 */
static bool needs_quotes(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned int cp;
	size_t n;

	if (!len || (len == 3 && !memcmp(s, "...", 3)))
		return true;
	for (size_t i = 0; i < len; i += n) {
		n = 1;
		if (u[i] < 0x80) {
			if (u[i] == ' ' || u[i] == '\'' || u[i] == '"' ||
			    u[i] == '\\')
				return true;
			continue;
		}
		n = utf8_sequence(u + i, len - i, &cp);
		if (!n)
			n = 1;
		else if (is_space(cp))
			return true;
	}
	return false;
}

/*
 * One word of the command line, after a space: escaped, quoted when
 * needed, and when it was cut, quoted and followed by "...".  Most words
 * are bare, and copied as they are.
 */
static void put_word(struct buf *out, const char *s, size_t len, bool cut)
{
	buf_putc(out, ' ');
	if (!cut && bare_word(s, len)) {
		buf_put(out, s, len);
		return;
	}
	if (!cut && !needs_quotes(s, len)) {
		escape_text(out, s, len, 0);
		return;
	}
	buf_putc(out, '\'');
	escape_text(out, s, len, ESCAPE_QUOTE);
	buf_putc(out, '\'');
	if (cut)
		buf_puts(out, "...");
}

/*
 * The filename, then the arguments, argv[0] first.  A cut word ends with
 * "..." after its closing quote; arguments missing whole after the last
 * one shown, with a "..." word of its own: both when both, so that a line
 * reads back one way only.
 */
static void put_exec_text(struct buf *out, const struct command *c)
{
	struct args_reader r = args_of(c);
	bool args_cut = c->flags & EXEC_ARGS_CUT, whole = true;
	unsigned int shown = 0;
	const char *arg;
	size_t len;

	put_word(out, c->filename, c->filename_len,
		 c->flags & EXEC_FILENAME_CUT);
	for (; next_arg(&r, &arg, &len, &whole); shown++)
		put_word(out, arg, len, args_cut && !whole);
	if (args_cut && (whole || shown < c->args_count || c->count_cut))
		buf_puts(out, " ...");
}

/*
 * --cwd, one word: a path starts with '/', so "..." before one says its
 * start is cut, "?" that it could not be read, and "-" (an exit's) none.
 */
static void put_cwd_text(struct buf *out, const struct event_header *h)
{
	const struct exec_event *e = (const void *)h;

	buf_putc(out, ' ');
	if (h->type != EVENT_EXEC) {
		buf_putc(out, '-');
		return;
	}
	if (!e->cwd_len) {
		buf_putc(out, '?');
		return;
	}
	if (e->flags & EXEC_CWD_CUT)
		buf_puts(out, "...");
	escape_text(out, cwd_of(e), e->cwd_len, ESCAPE_SPACE | ESCAPE_QUOTE);
}

/*
 * error=NAME (or its number), then, for an execveat() that is not an
 * execve(), ,dirfd=N and ,at_flags=0xN: one word, which no process writes.
 */
static void put_fail_text(struct buf *out, const struct exec_fail_event *e)
{
	const char *name = errno_name(e->error);
	struct command c = command_of_fail(e);

	buf_puts(out, " error=");
	if (name)
		buf_puts(out, name);
	else
		buf_put_int(out, -(long long)e->error);
	if (e->dirfd != AT_FDCWD) {
		buf_puts(out, ",dirfd=");
		buf_put_int(out, e->dirfd);
	}
	if (e->at_flags)
		buf_printf(out, ",at_flags=0x%x", e->at_flags);
	put_exec_text(out, &c);
}

static const char *const event_words[] = {
	[EVENT_EXEC] = " EXEC  ",
	[EVENT_EXIT] = " EXIT  ",
	[EVENT_EXEC_FAIL] = " EXECFAIL ",
};

void format_text(struct buf *out, struct format *f,
			const struct event_header *h)
{
	struct command c;

	format_time(out, f, h->ts_ns);
	buf_puts(out, event_words[h->type]);
	put_column(out, h->comm, strnlen(h->comm, sizeof(h->comm)),
		   COMM_WIDTH);
	buf_putc(out, ' ');
	put_int_column(out, h->pid, 7);
	buf_putc(out, ' ');
	put_int_column(out, h->ppid, 7);
	buf_putc(out, ' ');
	put_column(out, h->pcomm, strnlen(h->pcomm, sizeof(h->pcomm)),
		   COMM_WIDTH);
	buf_putc(out, ' ');
	put_uint_column(out, h->uid, UID_WIDTH);
	buf_putc(out, ' ');
	put_uint_column(out, h->euid, UID_WIDTH);
	if (f->cgroup_column) {
		buf_putc(out, ' ');
		put_uint_column(out, h->cgroup_id, CGROUP_WIDTH);
	}
	if (f->cwd)
		put_cwd_text(out, h);
	if (h->type == EVENT_EXEC) {
		c = command_of_exec((const struct exec_event *)h);
		put_exec_text(out, &c);
	} else if (h->type == EVENT_EXEC_FAIL) {
		put_fail_text(out, (const struct exec_fail_event *)h);
	} else {
		buf_putc(out, ' ');
		put_exit_text(out, (const struct exit_event *)h);
	}
	buf_putc(out, '\n');
}
