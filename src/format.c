// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Text and JSON output.  comm and filename come from arbitrary processes:
 * nothing of theirs reaches the output unescaped.
 */
#include <string.h>
#include <time.h>
#include "format.h"
#include "unicode.h"

#define NSEC_PER_SEC	1000000000LL
#define NSEC_PER_MSEC	1000000LL
#define COMM_WIDTH	16

static const char hex_digits[] = "0123456789abcdef";

void format_init(struct format *f, bool json)
{
	struct timespec wall, mono;

	clock_gettime(CLOCK_REALTIME, &wall);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	f->json = json;
	f->wall_offset_ns = (wall.tv_sec - mono.tv_sec) * NSEC_PER_SEC +
			    (wall.tv_nsec - mono.tv_nsec);
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

size_t escape_text(struct buf *out, const char *src, size_t max,
		   unsigned int flags)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t n = strnlen(src, max), start = out->len, len;
	unsigned int cp;

	for (size_t i = 0; i < n; i += len) {
		len = utf8_sequence(s + i, n - i, &cp);
		if (s[i] == '\\') {
			buf_put(out, "\\\\", 2);
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

size_t escape_json(struct buf *out, const char *src, size_t max)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t n = strnlen(src, max), start = out->len, len;
	unsigned int cp;

	buf_putc(out, '"');
	for (size_t i = 0; i < n; i += len) {
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

bool is_valid_utf8(const char *src, size_t max)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t n = strnlen(src, max), len;
	unsigned int cp;

	for (size_t i = 0; i < n; i += len) {
		len = utf8_sequence(s + i, n - i, &cp);
		if (!len)
			return false;
	}
	return true;
}

const struct event *event_from_record(const void *data, size_t size)
{
	const struct event *e = data;

	/* The perf buffer pads records to 8 bytes: longer is fine. */
	if (size < sizeof(*e))
		return NULL;
	if (e->type != EVENT_EXEC && e->type != EVENT_EXIT)
		return NULL;
	return e;
}

/*
 * The wall-clock time of a kernel timestamp: local HH:MM:SS.mmm for text,
 * a quoted UTC ISO 8601 time to the microsecond for JSON.  Unsigned, so a
 * nonsense timestamp wraps instead of overflowing.
 */
static void put_wall_time(struct buf *out, const struct format *f,
			  unsigned long long ts_ns, bool utc)
{
	unsigned long long wall = ts_ns + (unsigned long long)f->wall_offset_ns;
	unsigned long long frac = wall % NSEC_PER_SEC;
	time_t sec = wall / NSEC_PER_SEC;
	char buf[32] = "?";
	struct tm tm;

	if (utc ? gmtime_r(&sec, &tm) : localtime_r(&sec, &tm))
		strftime(buf, sizeof(buf),
			 utc ? "%Y-%m-%dT%H:%M:%S" : "%H:%M:%S", &tm);
	if (utc)
		buf_printf(out, "\"%s.%06lluZ\"", buf, frac / 1000);
	else
		buf_printf(out, "%s.%03llu", buf, frac / NSEC_PER_MSEC);
}

static void put_duration(struct buf *out, unsigned long long ns)
{
	/* Below 999.9995ms, "%.3fms" does not round up to "1000.000ms". */
	if (ns < NSEC_PER_SEC - 500)
		buf_printf(out, "%.3fms", (double)ns / NSEC_PER_MSEC);
	else
		buf_printf(out, "%.3fs", (double)ns / NSEC_PER_SEC);
}

static void put_exit_text(struct buf *out, const struct event *e)
{
	struct exit_info x = decode_exit(e->exit_code);
	const char *name = x.signal ? sigabbrev_np(x.signal) : NULL;

	if (!x.signal)
		buf_printf(out, "exit=%d", x.status);
	else if (name)
		buf_printf(out, "signal=SIG%s", name);
	else
		buf_printf(out, "signal=%d", x.signal);
	if (x.core_dumped)
		buf_puts(out, " core-dumped");
	buf_puts(out, " duration=");
	put_duration(out, e->duration_ns);
}

void format_header(struct buf *out, const struct format *f)
{
	if (f->json)
		return;
	buf_printf(out, "%-12s %-5s %-16s %-7s %-7s %-6s %s\n", "TIME",
		   "EVENT", "COMM", "PID", "PPID", "UID", "FILENAME/EXIT");
}

/* A column: escaped, a space in it too, then padded to width. */
static void put_column(struct buf *out, const char *s, size_t max,
		       size_t width)
{
	size_t len = escape_text(out, s, max, ESCAPE_SPACE);

	for (; len < width; len++)
		buf_putc(out, ' ');
}

static void format_text(struct buf *out, const struct format *f,
			const struct event *e)
{
	put_wall_time(out, f, e->ts_ns, false);
	buf_printf(out, " %-5s ", e->type == EVENT_EXEC ? "EXEC" : "EXIT");
	put_column(out, e->comm, sizeof(e->comm), COMM_WIDTH);
	buf_printf(out, " %-7d %-7d %-6u ", e->pid, e->ppid, e->uid);
	if (e->type == EVENT_EXEC)
		escape_text(out, e->filename, sizeof(e->filename), 0);
	else
		put_exit_text(out, e);
	buf_putc(out, '\n');
}

/*
 * A string field; when its bytes are not UTF-8, which JSON cannot carry,
 * also "<key>_hex" with every byte, so nothing is lost.
 */
static void put_json_field(struct buf *out, const char *key, const char *s,
			   size_t max)
{
	size_t n = strnlen(s, max);

	buf_printf(out, ",\"%s\":", key);
	escape_json(out, s, n);
	if (is_valid_utf8(s, n))
		return;
	buf_printf(out, ",\"%s_hex\":\"", key);
	for (size_t i = 0; i < n; i++) {
		buf_putc(out, hex_digits[(unsigned char)s[i] >> 4]);
		buf_putc(out, hex_digits[s[i] & 0xf]);
	}
	buf_putc(out, '"');
}

static void format_json(struct buf *out, const struct format *f,
			const struct event *e)
{
	buf_printf(out, "{\"event\":\"%s\",\"time\":",
		   e->type == EVENT_EXEC ? "EXEC" : "EXIT");
	put_wall_time(out, f, e->ts_ns, true);
	buf_printf(out, ",\"timestamp_ns\":%llu", e->ts_ns);
	put_json_field(out, "comm", e->comm, sizeof(e->comm));
	buf_printf(out, ",\"pid\":%d,\"ppid\":%d,\"uid\":%u", e->pid, e->ppid,
		   e->uid);
	if (e->type == EVENT_EXEC) {
		put_json_field(out, "filename", e->filename,
			       sizeof(e->filename));
	} else {
		struct exit_info x = decode_exit(e->exit_code);

		buf_printf(out, ",\"exit_code\":%d,\"signal\":%d,"
			   "\"core_dumped\":%s,\"duration_ns\":%llu", x.status,
			   x.signal, x.core_dumped ? "true" : "false",
			   e->duration_ns);
	}
	buf_puts(out, "}\n");
}

void format_event(struct buf *out, const struct format *f,
		  const struct event *e)
{
	if (f->json)
		format_json(out, f, e);
	else
		format_text(out, f, e);
}
