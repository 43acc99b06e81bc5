// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Text and JSON output.  comm and filename come from arbitrary processes:
 * nothing of theirs reaches the output unescaped.
 */
#include <string.h>
#include <time.h>
#include "format.h"

#define NSEC_PER_SEC	1000000000LL
#define NSEC_PER_MSEC	1000000LL

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

/*
 * Length of the valid UTF-8 sequence at s (at most n bytes), or 0 if it is
 * not one: overlong forms, surrogates and code points past U+10FFFF are not.
 */
static size_t utf8_sequence(const unsigned char *s, size_t n, unsigned int *cp)
{
	static const unsigned int min_cp[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 0;
	unsigned int c;

	if (!len || s[0] > 0xf4 || len > n)
		return 0;
	c = s[0] & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min_cp[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/*
 * Code points past ASCII that act on a terminal: C1 controls (U+009B is
 * CSI), and those that reorder text or break lines.
 */
static bool is_terminal_control(unsigned int cp)
{
	return cp < 0xa0 || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0x200e || cp == 0x200f;
}

static char *put_hex_escape(char *d, unsigned char c)
{
	*d++ = '\\';
	*d++ = 'x';
	*d++ = hex_digits[c >> 4];
	*d++ = hex_digits[c & 0xf];
	return d;
}

size_t escape_text(char *dst, const char *src, size_t max)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t n = strnlen(src, max);
	unsigned int cp;
	char *d = dst;

	for (size_t i = 0; i < n; i++) {
		size_t len;

		if (s[i] == '\\') {
			*d++ = '\\';
			*d++ = '\\';
		} else if (s[i] >= 0x20 && s[i] < 0x7f) {
			*d++ = s[i];
		} else if (s[i] >= 0x80 &&
			   (len = utf8_sequence(s + i, n - i, &cp)) &&
			   !is_terminal_control(cp)) {
			memcpy(d, s + i, len);
			d += len;
			i += len - 1;
		} else {
			d = put_hex_escape(d, s[i]);
		}
	}
	*d = '\0';
	return d - dst;
}

size_t escape_json(char *dst, const char *src, size_t max)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t n = strnlen(src, max);
	unsigned int cp;
	char *d = dst;

	*d++ = '"';
	for (size_t i = 0; i < n; i++) {
		size_t len;

		if (s[i] == '"' || s[i] == '\\') {
			*d++ = '\\';
			*d++ = s[i];
		} else if (s[i] < 0x20 || s[i] == 0x7f) {
			d += sprintf(d, "\\u%04x", s[i]);
		} else if (s[i] < 0x80) {
			*d++ = s[i];
		} else if ((len = utf8_sequence(s + i, n - i, &cp))) {
			/* Valid JSON raw, but a terminal showing it obeys them. */
			if (is_terminal_control(cp)) {
				d += sprintf(d, "\\u%04x", cp);
			} else {
				memcpy(d, s + i, len);
				d += len;
			}
			i += len - 1;
		} else {
			/* JSON cannot carry the byte: mark it as not UTF-8. */
			d += sprintf(d, "\\ufffd");
		}
	}
	*d++ = '"';
	*d = '\0';
	return d - dst;
}

bool is_valid_utf8(const char *src, size_t max)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t n = strnlen(src, max), len;
	unsigned int cp;

	for (size_t i = 0; i < n; i += len) {
		len = s[i] < 0x80 ? 1 : utf8_sequence(s + i, n - i, &cp);
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
static void put_wall_time(FILE *out, const struct format *f,
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
		fprintf(out, "\"%s.%06lluZ\"", buf, frac / 1000);
	else
		fprintf(out, "%s.%03llu", buf, frac / NSEC_PER_MSEC);
}

static void put_duration(FILE *out, unsigned long long ns)
{
	/* Below 999.9995ms, "%.3fms" does not round up to "1000.000ms". */
	if (ns < NSEC_PER_SEC - 500)
		fprintf(out, "%.3fms", (double)ns / NSEC_PER_MSEC);
	else
		fprintf(out, "%.3fs", (double)ns / NSEC_PER_SEC);
}

static void put_exit_text(FILE *out, const struct event *e)
{
	struct exit_info x = decode_exit(e->exit_code);
	const char *name = x.signal ? sigabbrev_np(x.signal) : NULL;

	if (!x.signal)
		fprintf(out, "exit=%d", x.status);
	else if (name)
		fprintf(out, "signal=SIG%s", name);
	else
		fprintf(out, "signal=%d", x.signal);
	if (x.core_dumped)
		fputs(" core-dumped", out);
	fputs(" duration=", out);
	put_duration(out, e->duration_ns);
}

void print_header(FILE *out, const struct format *f)
{
	if (f->json)
		return;
	fprintf(out, "%-12s %-5s %-16s %-7s %-7s %-6s %s\n", "TIME", "EVENT",
		"COMM", "PID", "PPID", "UID", "FILENAME/EXIT");
}

static void print_text(FILE *out, const struct format *f, const struct event *e)
{
	char comm[ESCAPED_SIZE(TASK_COMM_LEN)];
	char filename[ESCAPED_SIZE(MAX_FILENAME_LEN)];

	escape_text(comm, e->comm, sizeof(e->comm));
	put_wall_time(out, f, e->ts_ns, false);
	fprintf(out, " %-5s %-16s %-7d %-7d %-6u ",
		e->type == EVENT_EXEC ? "EXEC" : "EXIT", comm, e->pid, e->ppid,
		e->uid);
	if (e->type == EVENT_EXEC) {
		escape_text(filename, e->filename, sizeof(e->filename));
		fputs(filename, out);
	} else {
		put_exit_text(out, e);
	}
	putc('\n', out);
}

/*
 * A string field; when its bytes are not UTF-8, which JSON cannot carry,
 * also "<key>_hex" with every byte, so nothing is lost.
 */
static void put_json_field(FILE *out, const char *key, const char *s,
			   size_t max)
{
	char buf[ESCAPED_SIZE(MAX_FILENAME_LEN)];
	size_t n = strnlen(s, max);

	escape_json(buf, s, n);
	fprintf(out, ",\"%s\":%s", key, buf);
	if (is_valid_utf8(s, n))
		return;
	fprintf(out, ",\"%s_hex\":\"", key);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%02x", (unsigned char)s[i]);
	putc('"', out);
}

static void print_json(FILE *out, const struct format *f, const struct event *e)
{
	fprintf(out, "{\"event\":\"%s\",\"time\":",
		e->type == EVENT_EXEC ? "EXEC" : "EXIT");
	put_wall_time(out, f, e->ts_ns, true);
	fprintf(out, ",\"timestamp_ns\":%llu", e->ts_ns);
	put_json_field(out, "comm", e->comm, sizeof(e->comm));
	fprintf(out, ",\"pid\":%d,\"ppid\":%d,\"uid\":%u", e->pid, e->ppid,
		e->uid);
	if (e->type == EVENT_EXEC) {
		put_json_field(out, "filename", e->filename, sizeof(e->filename));
	} else {
		struct exit_info x = decode_exit(e->exit_code);

		fprintf(out, ",\"exit_code\":%d,\"signal\":%d,"
			"\"core_dumped\":%s,\"duration_ns\":%llu", x.status,
			x.signal, x.core_dumped ? "true" : "false",
			e->duration_ns);
	}
	fputs("}\n", out);
}

void print_event(FILE *out, const struct format *f, const struct event *e)
{
	if (f->json)
		print_json(out, f, e);
	else
		print_text(out, f, e);
}
