// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Text and JSON output.  Names, filename and arguments come from arbitrary
 * processes: nothing of theirs reaches the output unescaped, and nothing
 * of theirs is cut without a mark.
 */
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include "format.h"
#include "unicode.h"

#define NSEC_PER_SEC	1000000000LL
#define NSEC_PER_MSEC	1000000LL
#define COMM_WIDTH	16
#define UID_WIDTH	6
#define CGROUP_WIDTH	8

static const char hex_digits[] = "0123456789abcdef";

void format_init(struct format *f, bool json, bool cgroup_column)
{
	struct timespec wall, mono;

	clock_gettime(CLOCK_REALTIME, &wall);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	*f = (struct format){
		.json = json,
		.cgroup_column = cgroup_column,
		.wall_offset_ns = (wall.tv_sec - mono.tv_sec) * NSEC_PER_SEC +
				  (wall.tv_nsec - mono.tv_nsec),
	};
}

/*
 * Numbers by hand, two digits a step: a line has several, and printf's
 * machinery would cost more than all the rest of the line.
 */
static void put_uint(struct buf *out, unsigned long long v)
{
	static const char pairs[] =
		"00010203040506070809101112131415161718192021222324"
		"25262728293031323334353637383940414243444546474849"
		"50515253545556575859606162636465666768697071727374"
		"75767778798081828384858687888990919293949596979899";
	char digits[20];
	size_t n = 0;

	for (; v >= 100; v /= 100) {
		n += 2;
		memcpy(digits + sizeof(digits) - n, pairs + v % 100 * 2, 2);
	}
	if (v >= 10) {
		n += 2;
		memcpy(digits + sizeof(digits) - n, pairs + v * 2, 2);
	} else {
		digits[sizeof(digits) - ++n] = '0' + v;
	}
	buf_put(out, digits + sizeof(digits) - n, n);
}

static void put_int(struct buf *out, long long v)
{
	if (v < 0)
		buf_putc(out, '-');
	put_uint(out, v < 0 ? -(unsigned long long)v : (unsigned long long)v);
}

/* v, which is less than 10^digits, with its leading zeros. */
static void put_fraction(struct buf *out, unsigned long long v, int digits)
{
	char d[9];

	for (int i = digits - 1; i >= 0; i--) {
		d[i] = '0' + v % 10;
		v /= 10;
	}
	buf_put(out, d, digits);
}

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

	put_int(out, v);
	pad(out, out->len - start, width);
}

static void put_uint_column(struct buf *out, unsigned long long v,
			    size_t width)
{
	size_t start = out->len;

	put_uint(out, v);
	pad(out, out->len - start, width);
}

struct exit_info decode_exit(int exit_code)
{
	return (struct exit_info){
		.status = (exit_code >> 8) & 0xff,
		.signal = exit_code & 0x7f,
		.core_dumped = exit_code & 0x80,
	};
}

static void put_hex_escape(struct buf *out, unsigned char c)
{
	char esc[4] = { '\\', 'x', hex_digits[c >> 4], hex_digits[c & 0xf] };

	buf_put(out, esc, sizeof(esc));
}

/*
 * What each byte is in text, looked up a run of bytes at a time: the
 * per-byte tests cost more than the rest of a line.
 */
enum {
	TEXT_PLAIN = 0x1,	/* stands for itself */
	TEXT_SPACE = 0x2,	/* ' ': itself, unless ESCAPE_SPACE */
	TEXT_QUOTE = 0x4,	/* '\'': itself, unless ESCAPE_QUOTE */
	WORD_BARE = 0x8,	/* and goes in a bare word (put_word) */
};

static const unsigned char text_class[256] = {
	[' '] = TEXT_SPACE,
	['!'] = TEXT_PLAIN | WORD_BARE,
	['"'] = TEXT_PLAIN,
	['#' ... '&'] = TEXT_PLAIN | WORD_BARE,
	['\''] = TEXT_QUOTE,
	['(' ... '['] = TEXT_PLAIN | WORD_BARE,
	[']' ... '~'] = TEXT_PLAIN | WORD_BARE,
};

/* The classes of the bytes that stand for themselves, per flags. */
static unsigned char plain_classes(unsigned int flags)
{
	return TEXT_PLAIN | (flags & ESCAPE_SPACE ? 0 : TEXT_SPACE) |
	       (flags & ESCAPE_QUOTE ? 0 : TEXT_QUOTE);
}

size_t escape_text(struct buf *out, const char *src, size_t n,
		   unsigned int flags)
{
	const unsigned char *s = (const unsigned char *)src;
	unsigned char plain = plain_classes(flags);
	size_t start = out->len, len;
	unsigned int cp;

	for (size_t i = 0; i < n; i += len) {
		/* Most bytes are plain ASCII: copy them a run at a time. */
		for (len = 0; i + len < n && (text_class[s[i + len]] & plain);
		     len++)
			;
		if (len) {
			buf_put(out, s + i, len);
			continue;
		}
		len = utf8_sequence(s + i, n - i, &cp);
		if (s[i] == '\\') {
			buf_put(out, "\\\\", 2);
		} else if (s[i] == '\'' && (flags & ESCAPE_QUOTE)) {
			buf_put(out, "\\'", 2);
		} else if (len && !steers_terminal(cp) &&
			   !((flags & ESCAPE_SPACE) && is_space(cp))) {
			buf_put(out, s + i, len);
		} else {
			/* Every byte of it, so the bytes can be read back. */
			len = len ? len : 1;
			for (size_t j = 0; j < len; j++)
				put_hex_escape(out, s[i + j]);
		}
	}
	return out->len - start;
}

static void put_json_code_point(struct buf *out, unsigned int cp)
{
	/* Past the BMP, JSON's \u escapes take a UTF-16 surrogate pair. */
	if (cp > 0xffff) {
		cp -= 0x10000;
		buf_printf(out, "\\u%04x\\u%04x", 0xd800 + (cp >> 10),
			   0xdc00 + (cp & 0x3ff));
	} else {
		buf_printf(out, "\\u%04x", cp);
	}
}

/* Bytes that stand for themselves in a JSON string. */
static bool plain_json(unsigned char c)
{
	return c >= ' ' && c < 0x7f && c != '"' && c != '\\';
}

size_t escape_json(struct buf *out, const char *src, size_t n)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t start = out->len, len;
	unsigned int cp;

	buf_putc(out, '"');
	for (size_t i = 0; i < n; i += len) {
		for (len = 0; i + len < n && plain_json(s[i + len]); len++)
			;
		if (len) {
			buf_put(out, s + i, len);
			continue;
		}
		len = utf8_sequence(s + i, n - i, &cp);
		if (!len) {
			/* JSON cannot carry the byte: mark it as not UTF-8. */
			buf_puts(out, "\\ufffd");
			len = 1;
		} else if (cp == '"' || cp == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, cp);
		} else if (steers_terminal(cp)) {
			/* Valid JSON raw, but a terminal showing it obeys them. */
			put_json_code_point(out, cp);
		} else {
			buf_put(out, s + i, len);
		}
	}
	buf_putc(out, '"');
	return out->len - start;
}

bool is_valid_utf8(const char *src, size_t n)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t len;
	unsigned int cp;

	for (size_t i = 0; i < n; i += len) {
		len = utf8_sequence(s + i, n - i, &cp);
		if (!len)
			return false;
	}
	return true;
}

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

/*
 * The wall-clock time of a kernel timestamp: local HH:MM:SS.mmm for text,
 * a quoted UTC ISO 8601 time to the microsecond for JSON.  Unsigned, so a
 * nonsense timestamp wraps instead of overflowing.  The date and time are
 * worked out once a second: events come many to a second.
 */
static void put_wall_time(struct buf *out, struct format *f,
			  unsigned long long ts_ns)
{
	unsigned long long wall = ts_ns + (unsigned long long)f->wall_offset_ns;
	unsigned long long frac = wall % NSEC_PER_SEC;
	time_t sec = wall / NSEC_PER_SEC;
	struct tm tm;

	if (!f->cached_len || f->cached_sec != (long long)sec) {
		if (f->json ? gmtime_r(&sec, &tm) : localtime_r(&sec, &tm))
			f->cached_len = strftime(f->cached, sizeof(f->cached),
						 f->json ? "%Y-%m-%dT%H:%M:%S" :
						 "%H:%M:%S", &tm);
		else
			f->cached_len = 0;
		if (!f->cached_len)
			f->cached_len = strlen(strcpy(f->cached, "?"));
		f->cached_sec = sec;
	}
	if (f->json)
		buf_putc(out, '"');
	buf_put(out, f->cached, f->cached_len);
	buf_putc(out, '.');
	if (f->json) {
		put_fraction(out, frac / 1000, 6);
		buf_puts(out, "Z\"");
	} else {
		put_fraction(out, frac / NSEC_PER_MSEC, 3);
	}
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
	put_uint(out, thousandths / 1000);
	buf_putc(out, '.');
	put_fraction(out, thousandths % 1000, 3);
	buf_puts(out, seconds ? "s" : "ms");
}

static void put_exit_text(struct buf *out, const struct exit_event *e)
{
	struct exit_info x = decode_exit(e->exit_code);
	const char *name = x.signal ? sigabbrev_np(x.signal) : NULL;

	if (!x.signal) {
		buf_puts(out, "exit=");
		put_int(out, x.status);
	} else if (name) {
		buf_puts(out, "signal=SIG");
		buf_puts(out, name);
	} else {
		buf_puts(out, "signal=");
		put_int(out, x.signal);
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

/* A word that reads back as itself bare: printable ASCII, no quote or \\. */
static bool bare_word(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < len && (text_class[u[i]] & WORD_BARE); i++)
		;
	return i == len && len && !(len == 3 && !memcmp(s, "...", 3));
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
 * What an exec and a failed exec both carry: a filename, arguments, each
 * one ending with a NUL but perhaps the last, and what of them was cut.
 */
struct command {
	const char *filename, *args;
	size_t filename_len, args_len;
	unsigned int args_count, flags;		/* EXEC_*_CUT */
	bool count_cut;		/* args_count is only the least there are */
};

static struct command command_of_exec(const struct exec_event *e)
{
	return (struct command){
		.filename = e->data, .filename_len = e->filename_len,
		/* After the interpreter, when a #! line named one. */
		.args = e->data + e->filename_len + e->interp_len,
		.args_len = e->args_len,
		.args_count = e->args_count, .flags = e->flags,
	};
}

static struct command command_of_fail(const struct exec_fail_event *e)
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

static struct args_reader args_of(const struct command *c)
{
	return (struct args_reader){ c->args, c->args + c->args_len };
}

/* The next argument, and whether it has its NUL (is whole); false at the end. */
static bool next_arg(struct args_reader *r, const char **arg, size_t *len,
		     bool *whole)
{
	if (r->next >= r->end)
		return false;
	*arg = r->next;
	*len = strnlen(r->next, r->end - r->next);
	*whole = *len < (size_t)(r->end - r->next);
	r->next += *len + *whole;
	return true;
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

/* The working directory of an exec, where the path starts. */
static const char *cwd_of(const struct exec_event *e)
{
	return e->data + e->filename_len + e->interp_len + e->args_len;
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

/* The name of the errno in a negative return value (ENOENT), or NULL. */
static const char *errno_name(int ret)
{
	return ret < 0 && ret > -4096 ? strerrorname_np(-ret) : NULL;
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
		put_int(out, -(long long)e->error);
	if (e->dirfd != AT_FDCWD) {
		buf_puts(out, ",dirfd=");
		put_int(out, e->dirfd);
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

static void format_text(struct buf *out, struct format *f,
			const struct event_header *h)
{
	struct command c;

	put_wall_time(out, f, h->ts_ns);
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

static void put_hex(struct buf *out, const char *s, size_t len)
{
	buf_putc(out, '"');
	for (size_t i = 0; i < len; i++) {
		buf_putc(out, hex_digits[(unsigned char)s[i] >> 4]);
		buf_putc(out, hex_digits[s[i] & 0xf]);
	}
	buf_putc(out, '"');
}

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
	put_hex(out, s, len);
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
		put_hex(out, arg, len);
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
			put_hex(out, value, len);
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
	put_uint(out, c->args_count);
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
	put_int(out, x.status);
	buf_puts(out, ",\"signal\":");
	put_int(out, x.signal);
	put_json_bool(out, "core_dumped", x.core_dumped);
	buf_puts(out, ",\"duration_ns\":");
	put_uint(out, e->duration_ns);
}

/*
 * start_ns, and process_key, "PID:START_NS": the same in a process's EXEC
 * and EXIT, and another for a process that has its pid later, so that a
 * pipeline joins events by it without mistaking one process for another.
 */
static void put_process_key(struct buf *out, const struct event_header *h)
{
	buf_puts(out, ",\"start_ns\":");
	put_uint(out, h->start_ns);
	buf_puts(out, ",\"process_key\":\"");
	put_int(out, h->pid);
	buf_putc(out, ':');
	put_uint(out, h->start_ns);
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
	put_int(out, -(long long)e->error);
	put_exec_json(out, f, &c, NULL);
	put_json_bool(out, "args_count_truncated", e->flags & EXEC_COUNT_CUT);
	buf_puts(out, ",\"dirfd\":");
	put_int(out, e->dirfd);
	buf_puts(out, ",\"at_flags\":");
	put_uint(out, e->at_flags);
}

static const char *const event_names[] = {
	[EVENT_EXEC] = "{\"event\":\"EXEC\",\"time\":",
	[EVENT_EXIT] = "{\"event\":\"EXIT\",\"time\":",
	[EVENT_EXEC_FAIL] = "{\"event\":\"EXECFAIL\",\"time\":",
};

static void format_json(struct buf *out, struct format *f,
			const struct event_header *h)
{
	struct command c;

	buf_puts(out, event_names[h->type]);
	put_wall_time(out, f, h->ts_ns);
	buf_puts(out, ",\"timestamp_ns\":");
	put_uint(out, h->ts_ns);
	put_json_field(out, "comm", h->comm, strnlen(h->comm, sizeof(h->comm)));
	buf_puts(out, ",\"pid\":");
	put_int(out, h->pid);
	buf_puts(out, ",\"ppid\":");
	put_int(out, h->ppid);
	put_json_field(out, "pcomm", h->pcomm,
		       strnlen(h->pcomm, sizeof(h->pcomm)));
	buf_puts(out, ",\"uid\":");
	put_uint(out, h->uid);
	buf_puts(out, ",\"euid\":");
	put_uint(out, h->euid);
	buf_puts(out, ",\"cgroup_id\":");
	put_uint(out, h->cgroup_id);
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

void format_event(struct buf *out, struct format *f,
		  const struct event_header *h)
{
	if (f->json)
		format_json(out, f, h);
	else
		format_text(out, f, h);
}
