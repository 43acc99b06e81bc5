// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Escaping, exit decoding and the exact text and JSON lines. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <time.h>
#include "check.h"
#include "escape.h"
#include "format.h"
#include "record.h"

#define MAX_SRC		64

/*
 * src is read up to max bytes or its NUL; text and json are the expected
 * outputs, json with its quotes.  Hex escapes are split into separate
 * literals where a hex digit follows, or C would read them as one escape.
 */
struct escape_case {
	const char *src;
	size_t max;
	const char *text;
	const char *json;
};

static const struct escape_case escape_cases[] = {
	{ "ls -la /tmp", MAX_SRC, "ls -la /tmp", "\"ls -la /tmp\"" },
	{ "", MAX_SRC, "", "\"\"" },
	{ "a\\b", MAX_SRC, "a\\\\b", "\"a\\\\b\"" },
	{ "say \"hi\"", MAX_SRC, "say \"hi\"", "\"say \\\"hi\\\"\"" },
	/* Controls: nothing may reach a terminal or split a line. */
	{ "\x1b[2J", MAX_SRC, "\\x1b[2J", "\"\\u001b[2J\"" },
	{ "a\nb", MAX_SRC, "a\\x0ab", "\"a\\u000ab\"" },
	{ "a\tb", MAX_SRC, "a\\x09b", "\"a\\u0009b\"" },
	{ "a\rb", MAX_SRC, "a\\x0db", "\"a\\u000db\"" },
	{ "\x01", MAX_SRC, "\\x01", "\"\\u0001\"" },
	{ "\x7f", MAX_SRC, "\\x7f", "\"\\u007f\"" },
	/* Valid UTF-8 passes unchanged. */
	{ "caf\xc3\xa9", MAX_SRC, "caf\xc3\xa9", "\"caf\xc3\xa9\"" },
	{ "\xe6\x97\xa5\xe6\x9c\xac", MAX_SRC, "\xe6\x97\xa5\xe6\x9c\xac",
	  "\"\xe6\x97\xa5\xe6\x9c\xac\"" },
	{ "\xc2\xa0", MAX_SRC, "\xc2\xa0", "\"\xc2\xa0\"" },
	{ "\xf0\x9f\x98\x80", MAX_SRC, "\xf0\x9f\x98\x80",
	  "\"\xf0\x9f\x98\x80\"" },
	{ "\xf4\x8f\xbf\xbf", MAX_SRC, "\xf4\x8f\xbf\xbf",
	  "\"\xf4\x8f\xbf\xbf\"" },
	/* Invalid UTF-8: every byte of it escaped, or U+FFFD in JSON. */
	{ "a\xff" "b", MAX_SRC, "a\\xff" "b", "\"a\\ufffd" "b\"" },
	{ "ab\xc3", MAX_SRC, "ab\\xc3", "\"ab\\ufffd\"" },
	{ "\xc3" "A", MAX_SRC, "\\xc3" "A", "\"\\ufffd" "A\"" },
	{ "\xa9", MAX_SRC, "\\xa9", "\"\\ufffd\"" },
	{ "\xc0\xaf", MAX_SRC, "\\xc0\\xaf", "\"\\ufffd\\ufffd\"" },
	{ "\xe0\x80\xaf", MAX_SRC, "\\xe0\\x80\\xaf",
	  "\"\\ufffd\\ufffd\\ufffd\"" },
	{ "\xed\xa0\x80", MAX_SRC, "\\xed\\xa0\\x80",
	  "\"\\ufffd\\ufffd\\ufffd\"" },
	{ "\xf4\x90\x80\x80", MAX_SRC, "\\xf4\\x90\\x80\\x80",
	  "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" },
	{ "\xf8\x88\x80\x80\x80", MAX_SRC, "\\xf8\\x88\\x80\\x80\\x80",
	  "\"\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"" },
	/*
	 * Valid, but they steer a terminal: C1 controls (U+0085, U+009B is
	 * CSI), bidi overrides (U+202E), line separators (U+2028).  JSON
	 * escapes them too, since JSON is read on terminals as well.
	 */
	{ "\xc2\x85", MAX_SRC, "\\xc2\\x85", "\"\\u0085\"" },
	{ "\xc2\x9b" "2J", MAX_SRC, "\\xc2\\x9b" "2J", "\"\\u009b" "2J\"" },
	{ "a\xe2\x80\xae" "b", MAX_SRC, "a\\xe2\\x80\\xae" "b",
	  "\"a\\u202e" "b\"" },
	{ "\xe2\x81\xa6", MAX_SRC, "\\xe2\\x81\\xa6", "\"\\u2066\"" },
	{ "\xe2\x80\xa8", MAX_SRC, "\\xe2\\x80\\xa8", "\"\\u2028\"" },
	/*
	 * Every format character (Unicode category Cf) is invisible or steers
	 * the text around it: the Arabic letter mark, zero width space, soft
	 * hyphen, byte order mark, and past the BMP a language tag, which
	 * JSON writes as a surrogate pair.
	 */
	{ "a\xd8\x9c" "b", MAX_SRC, "a\\xd8\\x9c" "b", "\"a\\u061c" "b\"" },
	{ "\xe2\x80\x8b", MAX_SRC, "\\xe2\\x80\\x8b", "\"\\u200b\"" },
	{ "\xc2\xad", MAX_SRC, "\\xc2\\xad", "\"\\u00ad\"" },
	{ "\xef\xbb\xbf", MAX_SRC, "\\xef\\xbb\\xbf", "\"\\ufeff\"" },
	{ "\xf3\xa0\x80\x81", MAX_SRC, "\\xf3\\xa0\\x80\\x81",
	  "\"\\udb40\\udc01\"" },
	/* Their neighbours are ordinary text. */
	{ "\xd8\xa7", MAX_SRC, "\xd8\xa7", "\"\xd8\xa7\"" },
	{ "\xe2\x80\x90", MAX_SRC, "\xe2\x80\x90", "\"\xe2\x80\x90\"" },
	/* max bounds the read, even in the middle of a sequence. */
	{ "abcdef", 3, "abc", "\"abc\"" },
	{ "abcdef", 0, "", "\"\"" },
	{ "caf\xc3\xa9", 4, "caf\\xc3", "\"caf\\ufffd\"" },
	{ "a\\b", 2, "a\\\\", "\"a\\\\\"" },
};

/* Escapes into a fresh buffer, as a string; also checks the length returned. */
static char *escaped(size_t (*escape)(struct buf *, const char *, size_t),
		     const char *src, size_t len)
{
	struct buf b = {};
	size_t n = escape(&b, src, len);

	CHECK_UINT_EQ(n, b.len);
	buf_putc(&b, '\0');
	return b.data;
}

static size_t escape_plain(struct buf *out, const char *src, size_t len)
{
	return escape_text(out, src, len, 0);
}

static void check_escape(const struct escape_case *c)
{
	size_t len = strnlen(c->src, c->max);
	char *text = escaped(escape_plain, c->src, len);
	char *json = escaped(escape_json, c->src, len);

	if (!CHECK_STR_EQ(text, c->text))
		fputs("  escape_text\n", stderr);
	if (!CHECK_STR_EQ(json, c->json))
		fputs("  escape_json\n", stderr);
	free(text);
	free(json);
}

static void test_escape(void)
{
	char *s;

	for (size_t i = 0; i < sizeof(escape_cases) / sizeof(escape_cases[0]);
	     i++)
		check_escape(&escape_cases[i]);

	/* The length is the length: a NUL inside is a byte, shown as one. */
	s = escaped(escape_plain, "a\0b", 3);
	CHECK_STR_EQ(s, "a\\x00b");
	free(s);
	s = escaped(escape_json, "a\0b", 3);
	CHECK_STR_EQ(s, "\"a\\u0000b\"");
	free(s);
}

static void test_decode_exit(void)
{
	static const struct {
		int exit_code;
		struct exit_info expected;
	} cases[] = {
		{ 0, { .status = 0 } },
		{ 3 << 8, { .status = 3 } },
		{ 255 << 8, { .status = 255 } },
		{ 9, { .signal = 9 } },
		{ 11 | 0x80, { .signal = 11, .core_dumped = true } },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct exit_info x = decode_exit(cases[i].exit_code);

		CHECK_INT_EQ(x.status, cases[i].expected.status);
		CHECK_INT_EQ(x.signal, cases[i].expected.signal);
		CHECK_INT_EQ(x.core_dumped, cases[i].expected.core_dumped);
	}
}

/*
 * ts_ns 1234567890 with this offset is 1700000001.234567890 s since the
 * epoch, 2023-11-14 22:13:21.234567890 UTC.
 */
#define WALL_OFFSET_NS	(1700000000LL * 1000000000LL)
#define TS_NS		1234567890ULL

/* Not const: a format keeps the last second's time. */
static struct format text_format = { .wall_offset_ns = WALL_OFFSET_NS };
static struct format json_format = {
	.json = true,
	.wall_offset_ns = WALL_OFFSET_NS,
};

/* A record as a mechanism delivers one, with room for the largest. */
struct record {
	_Alignas(8) char bytes[RECORD_MAX];
	size_t size;
};

/*
 * An exec record, as the BPF side builds it: args holds args_len bytes,
 * each argument with its NUL (the last one's perhaps cut off).
 */
static const struct event_header *exec_record(struct record *r,
					       const char *comm,
					       const char *filename,
					       const char *args,
					       size_t args_len,
					       unsigned int argc,
					       unsigned short flags)
{
	struct exec_event *e = (struct exec_event *)r->bytes;

	memset(r->bytes, 0, sizeof(r->bytes));
	*e = (struct exec_event){
		.hdr = {
			.ts_ns = TS_NS,
			.type = EVENT_EXEC,
			.pid = 1234,
			.ppid = 1,
			/* A setuid-root program that user 1000 ran. */
			.uid = 1000,
			.euid = 0,
			.cgroup_id = 4242,
			.start_ns = 5000000000ULL,
			.pcomm = "sh",
		},
		.args_count = argc,
		.args_len = args_len,
		.filename_len = strlen(filename),
		.flags = flags,
	};
	memcpy(e->hdr.comm, comm, strnlen(comm, TASK_COMM_LEN));
	memcpy(e->data, filename, e->filename_len);
	memcpy(e->data + e->filename_len, args, args_len);
	r->size = sizeof(*e) + e->filename_len + args_len;
	return &e->hdr;
}

/* "ls -l", as /usr/bin/ls received it. */
static const struct event_header *ls_record(struct record *r)
{
	return exec_record(r, "ls", "/usr/bin/ls", "ls\0-l", 6, 2, 0);
}

/*
 * The exec record in r given an interpreter of len bytes, between its
 * filename and its arguments, and flags too, as the BPF side builds it.
 */
static void add_interp(struct record *r, const char *interp, size_t len,
		       unsigned short flags)
{
	struct exec_event *e = (struct exec_event *)r->bytes;
	char *at = e->data + e->filename_len;

	memmove(at + len, at, e->args_len);
	memcpy(at, interp, len);
	e->interp_len = len;
	e->flags |= flags;
	r->size += len;
}

/* ./s.sh, whose #! line names /bin/sh: the kernel runs "/bin/sh ./s.sh". */
static const struct event_header *script_record(struct record *r)
{
	const struct event_header *e;

	e = exec_record(r, "s.sh", "./s.sh", "/bin/sh\0./s.sh\0", 15, 2, 0);
	add_interp(r, "/bin/sh", 7, 0);
	return e;
}

static struct exit_event exit_record(int exit_code,
				     unsigned long long duration_ns)
{
	return (struct exit_event){
		.hdr = {
			.ts_ns = TS_NS,
			.type = EVENT_EXIT,
			.pid = 4321,
			.ppid = 1234,
			.uid = 1000,
			.euid = 1000,
			.cgroup_id = 1,
			.start_ns = 6000000000ULL,
			.comm = "sleep",
			.pcomm = "bash",
		},
		.duration_ns = duration_ns,
		.exit_code = exit_code,
	};
}

/* What format_event writes, as a string for the caller to free. */
static char *render(struct format *f, const struct event_header *e)
{
	struct buf b = {};

	if (e)
		format_event(&b, f, e);
	else
		format_header(&b, f);
	buf_putc(&b, '\0');
	return b.data;
}

static bool check_render(struct format *f, const struct event_header *e,
			 const char *expected, const char *file, int line)
{
	char *actual = render(f, e);
	bool ok = check_str_eq(actual, expected, file, line, "rendered line");

	free(actual);
	return ok;
}

#define CHECK_RENDER(f, e, expected) \
	check_render((f), (e), (expected), __FILE__, __LINE__)

/* Column pieces below include the space that separates them. */
#define TEXT_TIME	"22:13:21.234 "
#define TEXT_EXEC(comm)	TEXT_TIME "EXEC  " comm "1234    1       " \
			"sh               1000   0      "

static void test_print_text(void)
{
	struct record r;
	const struct event_header *e = ls_record(&r);

	CHECK_RENDER(&text_format, NULL,
		     "TIME         EVENT COMM             PID     PPID    "
		     "PCOMM            UID    EUID   FILENAME ARGS / EXIT\n");
	CHECK_RENDER(&text_format, e,
		     TEXT_EXEC("ls               ") "/usr/bin/ls ls -l\n");

	/* Milliseconds are zero-padded, not "22:13:20.5". */
	((struct event_header *)r.bytes)->ts_ns = 5000000;
	CHECK_RENDER(&text_format, e,
		     "22:13:20.005 EXEC  " "ls               " "1234    "
		     "1       " "sh               " "1000   " "0      "
		     "/usr/bin/ls ls -l\n");

	/* A hostile filename cannot clear the screen or forge a line. */
	e = exec_record(&r, "ls", "/tmp/\x1b[2J\nfake", "", 0, 0, 0);
	CHECK_RENDER(&text_format, e,
		     TEXT_EXEC("ls               ") "/tmp/\\x1b[2J\\x0afake\n");

	/*
	 * A name with spaces (even no-break ones) stays one column: awk and
	 * str.split() see the same eight fields.
	 */
	e = exec_record(&r, "x  EXIT  1 1", "/usr/bin/ls", "", 0, 0, 0);
	CHECK_RENDER(&text_format, e,
		     TEXT_EXEC("x\\x20\\x20EXIT\\x20\\x201\\x201 ")
		     "/usr/bin/ls\n");
	e = exec_record(&r, "a\xc2\xa0" "b", "/usr/bin/ls", "", 0, 0, 0);
	CHECK_RENDER(&text_format, e,
		     TEXT_EXEC("a\\xc2\\xa0" "b       ") "/usr/bin/ls\n");

	/*
	 * An empty name (prctl(PR_SET_NAME, "")) is '', so the columns stay
	 * put; a quote in a name is escaped, so '' means only that.
	 */
	e = exec_record(&r, "", "/usr/bin/ls", "", 0, 0, 0);
	CHECK_RENDER(&text_format, e, TEXT_EXEC("''               ") "/usr/bin/ls\n");
	e = exec_record(&r, "''", "/usr/bin/ls", "", 0, 0, 0);
	CHECK_RENDER(&text_format, e,
		     TEXT_EXEC("\\'\\'             ") "/usr/bin/ls\n");

	/* A full comm has no NUL: the filename after it is not part of it. */
	e = exec_record(&r, "abcdefghijklmnop", "/bin/x", "", 0, 0, 0);
	CHECK_RENDER(&text_format, e,
		     TEXT_EXEC("abcdefghijklmnop ") "/bin/x\n");
}

/*
 * The command line: a word in quotes when it would not read back as
 * itself bare; quotes and backslashes escaped inside; "..." after a cut.
 */
static void test_print_text_args(void)
{
	static const char args[] = "echo\0" "my file\0" "\0" "it's\0"
				   "a\\b\0" "\"q\"\0" "...\0" "x\ny\0"
				   "a\xc2\xa0" "b\0" "caf\xc3\xa9\0";
	struct record r;
	const struct event_header *e;

	e = exec_record(&r, "echo", "/bin/echo", args, sizeof(args) - 1, 10, 0);
	CHECK_RENDER(&text_format, e,
		     TEXT_EXEC("echo             ") "/bin/echo echo 'my file' "
		     "'' 'it\\'s' 'a\\\\b' '\"q\"' '...' x\\x0ay "
		     "'a\xc2\xa0" "b' caf\xc3\xa9\n");

	/* Cut in the middle of an argument: that one, quoted, then "...". */
	e = exec_record(&r, "cat", "/bin/cat", "cat\0long", 8, 2,
			EXEC_ARGS_CUT);
	CHECK_RENDER(&text_format, e,
		     TEXT_EXEC("cat              ") "/bin/cat cat 'long'...\n");
	/* Cut in the middle, and more after it: both marks. */
	e = exec_record(&r, "cat", "/bin/cat", "cat\0long", 8, 4,
			EXEC_ARGS_CUT);
	CHECK_RENDER(&text_format, e,
		     TEXT_EXEC("cat              ") "/bin/cat cat 'long'... ...\n");
	/* Cut between two arguments: a "..." of its own. */
	e = exec_record(&r, "cat", "/bin/cat", "cat\0a\0", 6, 5, EXEC_ARGS_CUT);
	CHECK_RENDER(&text_format, e,
		     TEXT_EXEC("cat              ") "/bin/cat cat a ...\n");
	/* No room for arguments at all (--max-args-bytes 0). */
	e = exec_record(&r, "cat", "/bin/cat", "", 0, 1, EXEC_ARGS_CUT);
	CHECK_RENDER(&text_format, e,
		     TEXT_EXEC("cat              ") "/bin/cat ...\n");
	/* A cut filename is quoted, then marked. */
	e = exec_record(&r, "x", "/dev/fd/9/aa", "x", 2, 1,
			EXEC_FILENAME_CUT);
	CHECK_RENDER(&text_format, e,
		     TEXT_EXEC("x                ") "'/dev/fd/9/aa'... x\n");
	/* An argument without its NUL, yet not cut: shown as it is. */
	e = exec_record(&r, "x", "/bin/x", "x\0y", 3, 2, 0);
	CHECK_RENDER(&text_format, e,
		     TEXT_EXEC("x                ") "/bin/x x y\n");
}

/* How put_word shows a word of one byte c: by the rules, byte by byte. */
static void expected_word(struct buf *b, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";

	buf_putc(b, ' ');
	if (c == ' ' || c == '"') {
		buf_putc(b, '\'');
		buf_putc(b, c);
		buf_putc(b, '\'');
	} else if (c == '\'' || c == '\\') {
		buf_puts(b, c == '\'' ? "'\\''" : "'\\\\'");
	} else if (c > ' ' && c < 0x7f) {
		buf_putc(b, c);
	} else {
		/* Controls, DEL, and a lone byte >= 0x80: no valid UTF-8. */
		buf_puts(b, "\\x");
		buf_putc(b, hex[c >> 4]);
		buf_putc(b, hex[c & 0xf]);
	}
}

/* Every byte as an argument of its own: the lookup table against the rules. */
static void test_print_text_every_byte(void)
{
	char args[255 * 2];
	struct buf want = {};
	struct record r;
	const struct event_header *e;

	buf_puts(&want, TEXT_EXEC("x                ") "/bin/x");
	for (int c = 1; c < 256; c++) {
		args[(c - 1) * 2] = c;
		args[(c - 1) * 2 + 1] = '\0';
		expected_word(&want, c);
	}
	buf_puts(&want, "\n");
	buf_putc(&want, '\0');
	e = exec_record(&r, "x", "/bin/x", args, sizeof(args), 255, 0);
	CHECK_RENDER(&text_format, e, want.data);
	buf_free(&want);
}

/* Numbers of every length, the digit pairs' edges: 9, 10, 99, 100... */
static void test_print_text_numbers(void)
{
	static const struct {
		unsigned long long v;
		const char *text;
	} cases[] = {
		{ 0, "0        " }, { 9, "9        " }, { 10, "10       " },
		{ 99, "99       " }, { 100, "100      " }, { 101, "101      " },
		{ 1009, "1009     " }, { 12345, "12345    " },
		{ 10000000, "10000000 " }, { 4294967296ULL, "4294967296 " },
	};
	struct format f = { .wall_offset_ns = WALL_OFFSET_NS,
			    .cgroup_column = true };
	struct buf want = {};
	struct record r;
	const struct event_header *e;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		e = ls_record(&r);
		((struct event_header *)r.bytes)->cgroup_id = cases[i].v;
		buf_clear(&want);
		buf_puts(&want, TEXT_EXEC("ls               "));
		buf_puts(&want, cases[i].text);
		buf_puts(&want, "/usr/bin/ls ls -l\n");
		buf_putc(&want, '\0');
		CHECK_RENDER(&f, e, want.data);
	}
	buf_free(&want);
}

/*
 * The parent's name is a column escaped as COMM is, so the line keeps its
 * fields whatever the parent calls itself; '' when it cleared its name.
 */
static void test_print_text_parent(void)
{
	struct record r;
	const struct event_header *e = ls_record(&r);
	struct event_header *h = (struct event_header *)r.bytes;

	memset(h->pcomm, 0, sizeof(h->pcomm));
	memcpy(h->pcomm, "a b'\x1b\xff", 6);
	CHECK_RENDER(&text_format, e,
		     TEXT_TIME "EXEC  ls               1234    1       "
		     "a\\x20b\\'\\x1b\\xff 1000   0      /usr/bin/ls ls -l\n");
	memset(h->pcomm, 0, sizeof(h->pcomm));
	CHECK_RENDER(&text_format, e,
		     TEXT_TIME "EXEC  ls               1234    1       "
		     "''               1000   0      /usr/bin/ls ls -l\n");
	/* All 16 bytes, no NUL: UID is not read as part of it. */
	memcpy(h->pcomm, "abcdefghijklmnop", sizeof(h->pcomm));
	CHECK_RENDER(&text_format, e,
		     TEXT_TIME "EXEC  ls               1234    1       "
		     "abcdefghijklmnop 1000   0      /usr/bin/ls ls -l\n");
}

/* --cgroup-id: a column of its own after UID, in the header too. */
static void test_print_text_cgroup(void)
{
	struct format f = { .wall_offset_ns = WALL_OFFSET_NS,
			    .cgroup_column = true };
	const struct event_header *e;
	struct record r;

	CHECK_RENDER(&f, NULL,
		     "TIME         EVENT COMM             PID     PPID    "
		     "PCOMM            UID    EUID   CGROUP   FILENAME ARGS / EXIT\n");
	CHECK_RENDER(&f, ls_record(&r),
		     TEXT_EXEC("ls               ") "4242     "
		     "/usr/bin/ls ls -l\n");
	/* Wider than the column: still one word, unsigned. */
	e = ls_record(&r);
	((struct event_header *)r.bytes)->cgroup_id = 18446744073709551615ULL;
	CHECK_RENDER(&f, e,
		     TEXT_EXEC("ls               ") "18446744073709551615 "
		     "/usr/bin/ls ls -l\n");
}

static void test_print_text_exit(void)
{
	static const struct {
		int exit_code;
		unsigned long long duration_ns;
		const char *how;
	} cases[] = {
		{ 0, 0, "exit=0 duration=0.000ms" },
		{ 3 << 8, 2500000, "exit=3 duration=2.500ms" },
		{ 9, 1500000000, "signal=SIGKILL duration=1.500s" },
		{ 11 | 0x80, 1000, "signal=SIGSEGV core-dumped duration=0.001ms" },
		{ 15, 3600000000000ULL, "signal=SIGTERM duration=3600.000s" },
		{ 255 << 8, 999000000, "exit=255 duration=999.000ms" },
		/* Would round to "1000.000ms": shown in the larger unit. */
		{ 0, 999999999, "exit=0 duration=1.000s" },
		{ 0, 999999499, "exit=0 duration=999.999ms" },
	};
	char expected[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct exit_event e = exit_record(cases[i].exit_code,
						  cases[i].duration_ns);

		snprintf(expected, sizeof(expected), "%s%s\n",
			 TEXT_TIME "EXIT  " "sleep            " "4321    "
			 "1234    " "bash             " "1000   " "1000   ",
			 cases[i].how);
		CHECK_RENDER(&text_format, &e.hdr, expected);
	}
}

#define JSON_HEAD(event) \
	"{\"event\":\"" event "\",\"time\":\"2023-11-14T22:13:21.234567Z\"," \
	"\"timestamp_ns\":1234567890,"
#define JSON_EXEC(comm) \
	JSON_HEAD("EXEC") "\"comm\":" comm ",\"pid\":1234,\"ppid\":1," \
	"\"pcomm\":\"sh\",\"uid\":1000,\"euid\":0,\"cgroup_id\":4242," \
	"\"start_ns\":5000000000,\"process_key\":\"1234:5000000000\","
/* What follows the filename of a program that ran by itself, from a file. */
#define JSON_NO_INTERP \
	"\"interp\":null,\"interp_truncated\":false,\"no_name_on_disk\":false,"

static void test_print_json(void)
{
	struct record r;
	const struct event_header *e = ls_record(&r);
	struct exit_event x;

	CHECK_RENDER(&json_format, NULL, "");
	CHECK_RENDER(&json_format, e,
		     JSON_EXEC("\"ls\"") "\"filename\":\"/usr/bin/ls\","
		     "\"filename_truncated\":false," JSON_NO_INTERP
		     "\"args\":[\"ls\",\"-l\"],"
		     "\"args_count\":2,\"args_truncated\":false,"
		     "\"last_arg_truncated\":false}\n");

	/* Microseconds are zero-padded too. */
	((struct event_header *)r.bytes)->ts_ns = 5000000;
	CHECK_RENDER(&json_format, e,
		     "{\"event\":\"EXEC\",\"time\":\"2023-11-14T22:13:20.005000Z\","
		     "\"timestamp_ns\":5000000,\"comm\":\"ls\",\"pid\":1234,"
		     "\"ppid\":1,\"pcomm\":\"sh\",\"uid\":1000,\"euid\":0,"
		     "\"cgroup_id\":4242,\"start_ns\":5000000000,"
		     "\"process_key\":\"1234:5000000000\","
		     "\"filename\":\"/usr/bin/ls\","
		     "\"filename_truncated\":false," JSON_NO_INTERP
		     "\"args\":[\"ls\",\"-l\"],"
		     "\"args_count\":2,\"args_truncated\":false,"
		     "\"last_arg_truncated\":false}\n");

	x = exit_record(3 << 8, 2500000);
	CHECK_RENDER(&json_format, &x.hdr,
		     JSON_HEAD("EXIT") "\"comm\":\"sleep\",\"pid\":4321,"
		     "\"ppid\":1234,\"pcomm\":\"bash\",\"uid\":1000,\"euid\":1000,"
		     "\"cgroup_id\":1,\"start_ns\":6000000000,"
		     "\"process_key\":\"4321:6000000000\","
		     "\"exit_code\":3,\"signal\":0,"
		     "\"core_dumped\":false,\"duration_ns\":2500000}\n");

	x = exit_record(11 | 0x80, 1500000000);
	CHECK_RENDER(&json_format, &x.hdr,
		     JSON_HEAD("EXIT") "\"comm\":\"sleep\",\"pid\":4321,"
		     "\"ppid\":1234,\"pcomm\":\"bash\",\"uid\":1000,\"euid\":1000,"
		     "\"cgroup_id\":1,\"start_ns\":6000000000,"
		     "\"process_key\":\"4321:6000000000\","
		     "\"exit_code\":0,\"signal\":11,"
		     "\"core_dumped\":true,\"duration_ns\":1500000000}\n");

	/*
	 * Whatever bytes a process names itself with, the line stays JSON;
	 * bytes that are not UTF-8 are kept, in hex, beside the string.
	 */
	e = exec_record(&r, "a\"b\\c\nd\xff", "/tmp/\x1b\"x", "", 0, 0, 0);
	CHECK_RENDER(&json_format, e,
		     JSON_EXEC("\"a\\\"b\\\\c\\u000ad\\ufffd\","
			       "\"comm_hex\":\"6122625c630a64ff\"")
		     "\"filename\":\"/tmp/\\u001b\\\"x\","
		     "\"filename_truncated\":false," JSON_NO_INTERP
		     "\"args\":[],"
		     "\"args_count\":0,\"args_truncated\":false,"
		     "\"last_arg_truncated\":false}\n");

	e = exec_record(&r, "abcdefghijklmnop", "/bin/x", "", 0, 0, 0);
	CHECK_RENDER(&json_format, e,
		     JSON_EXEC("\"abcdefghijklmnop\"") "\"filename\":\"/bin/x\","
		     "\"filename_truncated\":false," JSON_NO_INTERP
		     "\"args\":[],"
		     "\"args_count\":0,\"args_truncated\":false,"
		     "\"last_arg_truncated\":false}\n");
}

/*
 * In JSON the parent's name is a string like comm, its bytes in hex beside
 * it when not UTF-8; process_key is the pid and the start time, the same
 * for a process's EXEC and EXIT, another for the next process of that pid.
 */
static void test_print_json_process(void)
{
	struct record r;
	const struct event_header *e = ls_record(&r);
	struct event_header *h = (struct event_header *)r.bytes;
	struct exit_event x = exit_record(0, 0);
	char *line;

	memcpy(h->pcomm, "a\"\n\xff", 4);
	line = render(&json_format, e);
	CHECK(strstr(line, ",\"ppid\":1,\"pcomm\":\"a\\\"\\u000a\\ufffd\","
			   "\"pcomm_hex\":\"61220aff\",\"uid\":1000,") != NULL);
	free(line);

	x.hdr.pid = 1234;
	x.hdr.start_ns = 5000000000ULL;
	line = render(&json_format, &x.hdr);
	CHECK(strstr(line, ",\"start_ns\":5000000000,"
			   "\"process_key\":\"1234:5000000000\",") != NULL);
	free(line);
	x.hdr.start_ns++;
	line = render(&json_format, &x.hdr);
	CHECK(strstr(line, ",\"process_key\":\"1234:5000000001\",") != NULL);
	free(line);
	/* Whatever a record says, the key stays one JSON string. */
	x.hdr.pid = -1;
	x.hdr.start_ns = 18446744073709551615ULL;
	line = render(&json_format, &x.hdr);
	CHECK(strstr(line, ",\"process_key\":\"-1:18446744073709551615\",") !=
	      NULL);
	free(line);
}

/*
 * A script's interpreter, in JSON only (text has the command line, which
 * starts with it); escaped like the filename, its bytes in hex beside it
 * when not UTF-8; cut, or unreadable ("" then: an interpreter is never
 * empty), and marked.  A program with no name on disk is marked.
 */
static void test_print_json_interp(void)
{
	char cut[INTERP_ROOM - 1];
	struct record r;
	const struct event_header *e = script_record(&r);
	char *line;

	CHECK_RENDER(&json_format, e,
		     JSON_EXEC("\"s.sh\"") "\"filename\":\"./s.sh\","
		     "\"filename_truncated\":false,\"interp\":\"/bin/sh\","
		     "\"interp_truncated\":false,\"no_name_on_disk\":false,"
		     "\"args\":[\"/bin/sh\",\"./s.sh\"],\"args_count\":2,"
		     "\"args_truncated\":false,\"last_arg_truncated\":false}\n");
	CHECK_RENDER(&text_format, e,
		     TEXT_EXEC("s.sh             ") "./s.sh /bin/sh ./s.sh\n");

	e = exec_record(&r, "x", "/dev/fd/3", "x\0", 2, 1, EXEC_NO_NAME);
	add_interp(&r, "/tmp/\x1b[2J\n\xff", 11, 0);
	CHECK_RENDER(&json_format, e,
		     JSON_EXEC("\"x\"") "\"filename\":\"/dev/fd/3\","
		     "\"filename_truncated\":false,"
		     "\"interp\":\"/tmp/\\u001b[2J\\u000a\\ufffd\","
		     "\"interp_hex\":\"2f746d702f1b5b324a0aff\","
		     "\"interp_truncated\":false,\"no_name_on_disk\":true,"
		     "\"args\":[\"x\"],\"args_count\":1,"
		     "\"args_truncated\":false,\"last_arg_truncated\":false}\n");

	memset(cut, 'i', sizeof(cut));
	e = exec_record(&r, "x", "/bin/x", "x\0", 2, 1, 0);
	add_interp(&r, cut, sizeof(cut), EXEC_INTERP_CUT);
	line = render(&json_format, e);
	CHECK(strstr(line, "\",\"interp_truncated\":true,"
			   "\"no_name_on_disk\":false,\"args\":[\"x\"],") != NULL);
	free(line);
	e = exec_record(&r, "x", "/bin/x", "x\0", 2, 1, EXEC_INTERP_CUT);
	line = render(&json_format, e);
	CHECK(strstr(line, ",\"interp\":\"\",\"interp_truncated\":true,") !=
	      NULL);
	free(line);
}

/* Arguments: an array, exact bytes in hex beside it when not UTF-8. */
static void test_print_json_args(void)
{
	static const char args[] = "x\0" "my file\0" "\0" "a\nb\xff\0";
	struct record r;
	const struct event_header *e;

	e = exec_record(&r, "x", "/bin/x", args, sizeof(args) - 1, 4, 0);
	CHECK_RENDER(&json_format, e,
		     JSON_EXEC("\"x\"") "\"filename\":\"/bin/x\","
		     "\"filename_truncated\":false," JSON_NO_INTERP
		     "\"args\":[\"x\",\"my file\",\"\",\"a\\u000ab\\ufffd\"],"
		     "\"args_hex\":[\"78\",\"6d792066696c65\",\"\",\"610a62ff\"],"
		     "\"args_count\":4,\"args_truncated\":false,"
		     "\"last_arg_truncated\":false}\n");

	/* args_count is what the process received, not what fit. */
	e = exec_record(&r, "x", "/bin/x", "x\0ab", 4, 3,
			EXEC_ARGS_CUT | EXEC_FILENAME_CUT);
	CHECK_RENDER(&json_format, e,
		     JSON_EXEC("\"x\"") "\"filename\":\"/bin/x\","
		     "\"filename_truncated\":true," JSON_NO_INTERP
		     "\"args\":[\"x\",\"ab\"],"
		     "\"args_count\":3,\"args_truncated\":true,"
		     "\"last_arg_truncated\":true}\n");
	/* Cut between two arguments: the last one shown is whole. */
	e = exec_record(&r, "x", "/bin/x", "x\0ab\0", 5, 3, EXEC_ARGS_CUT);
	CHECK_RENDER(&json_format, e,
		     JSON_EXEC("\"x\"") "\"filename\":\"/bin/x\","
		     "\"filename_truncated\":false," JSON_NO_INTERP
		     "\"args\":[\"x\",\"ab\"],"
		     "\"args_count\":3,\"args_truncated\":true,"
		     "\"last_arg_truncated\":false}\n");
	/* Without its NUL, yet not cut (as text shows it): whole. */
	e = exec_record(&r, "x", "/bin/x", "x\0y", 3, 2, 0);
	CHECK_RENDER(&json_format, e,
		     JSON_EXEC("\"x\"") "\"filename\":\"/bin/x\","
		     "\"filename_truncated\":false," JSON_NO_INTERP
		     "\"args\":[\"x\",\"y\"],"
		     "\"args_count\":2,\"args_truncated\":false,"
		     "\"last_arg_truncated\":false}\n");
}

static void test_is_valid_utf8(void)
{
	CHECK(is_valid_utf8("plain", 5));
	CHECK(is_valid_utf8("caf\xc3\xa9", 5));
	CHECK(is_valid_utf8("", 0));
	CHECK(!is_valid_utf8("a\xff", 2));
	CHECK(!is_valid_utf8("\xc0\xaf", 2));
	/* The length cuts the sequence short: what is read is not valid. */
	CHECK(!is_valid_utf8("caf\xc3\xa9", 4));
	CHECK(is_valid_utf8("a\xff", 1));
}

/* Every length a record declares is checked against its size. */
static void test_event_from_record(void)
{
	struct record r;
	const struct event_header *e = ls_record(&r);
	struct exec_event *x = (struct exec_event *)r.bytes;
	struct exit_event exit = exit_record(0, 0);
	char padded[sizeof(struct exit_event) + 8] = {};

	CHECK(event_from_record(r.bytes, r.size) == e);
	CHECK_UINT_EQ(event_used_bytes(e), r.size);
	/* A script's record holds its interpreter too: all of it is used. */
	e = script_record(&r);
	CHECK(event_from_record(r.bytes, r.size) == e);
	CHECK_UINT_EQ(event_used_bytes(e), r.size);
	e = ls_record(&r);
	/* The perf buffer pads records: longer is fine. */
	CHECK(event_from_record(r.bytes, r.size + 8) == e);
	CHECK_UINT_EQ(event_used_bytes(e), r.size);
	CHECK(event_from_record(r.bytes, r.size - 1) == NULL);
	CHECK(event_from_record(r.bytes, sizeof(struct event_header)) == NULL);
	CHECK(event_from_record(r.bytes, 0) == NULL);
	x->filename_len = FILENAME_MAX_LEN + 1;
	CHECK(event_from_record(r.bytes, sizeof(r.bytes)) == NULL);
	x->filename_len = 0;
	x->args_len = MAX_ARGS_BYTES + 1;
	CHECK(event_from_record(r.bytes, sizeof(r.bytes)) == NULL);
	/* Lengths that would wrap around must not. */
	x->args_len = 0xffffffff;
	CHECK(event_from_record(r.bytes, sizeof(r.bytes)) == NULL);
	x->hdr.type = 0;
	CHECK(event_from_record(r.bytes, sizeof(r.bytes)) == NULL);

	/* The interpreter: between filename and arguments, counted too. */
	e = script_record(&r);
	CHECK(event_from_record(r.bytes, r.size) == e);
	CHECK(event_from_record(r.bytes, r.size - 1) == NULL);
	x->interp_len = INTERP_ROOM - 1;
	CHECK(event_from_record(r.bytes, sizeof(r.bytes)) == e);
	CHECK(event_from_record(r.bytes, r.size) == NULL);
	x->interp_len = INTERP_ROOM;
	CHECK(event_from_record(r.bytes, sizeof(r.bytes)) == NULL);
	x->interp_len = 0xffff;
	CHECK(event_from_record(r.bytes, sizeof(r.bytes)) == NULL);
	/* The largest record there can be is valid, and EXEC_EVENT_MAX long. */
	x->filename_len = FILENAME_MAX_LEN;
	x->interp_len = INTERP_ROOM - 1;
	x->args_len = MAX_ARGS_BYTES;
	CHECK(event_from_record(r.bytes, EXEC_EVENT_MAX) == e);

	CHECK(event_from_record(&exit, sizeof(exit)) == &exit.hdr);
	CHECK_UINT_EQ(event_used_bytes(&exit.hdr), sizeof(exit));
	CHECK(event_from_record(&exit, sizeof(exit) - 1) == NULL);
	memcpy(padded, &exit, sizeof(exit));
	CHECK(event_from_record(padded, sizeof(padded)) == (void *)padded);
	exit.hdr.type = EVENT_EXEC_FAIL + 1;
	CHECK(event_from_record(&exit, sizeof(exit)) == NULL);
}

/* ls_record's, with --cwd's and --env's bytes after it, as BPF appends them. */
static const struct event_header *context_record(struct record *r,
						  const char *cwd,
						  size_t cwd_len,
						  const char *env,
						  size_t env_len,
						  unsigned short flags)
{
	const struct event_header *h = ls_record(r);
	struct exec_event *e = (struct exec_event *)r->bytes;
	char *at = e->data + e->filename_len + e->args_len;

	memcpy(at, cwd, cwd_len);
	memcpy(at + cwd_len, env, env_len);
	e->cwd_len = cwd_len;
	e->env_len = env_len;
	e->flags |= flags;
	r->size += cwd_len + env_len;
	return h;
}

static bool rendered_has(struct format *f, const struct event_header *e,
			 const char *part)
{
	char *line = render(f, e);
	bool ok = strstr(line, part) != NULL;

	if (!ok)
		fprintf(stderr, "no %s in %s", part, line);
	free(line);
	return ok;
}

static void test_env_names(void)
{
	struct env_names names = {}, bad = {};
	const char *value;
	size_t len;

	CHECK(!parse_env_names("A,B_2", &names));
	CHECK(!parse_env_names("A", &names));	/* already there */
	CHECK_UINT_EQ(names.count, 2);
	CHECK(parse_env_names("A,,B", &bad));
	CHECK(parse_env_names("", &bad));
	CHECK(parse_env_names("A=1", &bad));
	CHECK(parse_env_names("A B", &bad));
	CHECK(parse_env_names("A,B,C,D,E,F,G,H,I,J,K,L,M,N,O,P,Q", &bad));
	/* NAME= at the start of an entry only; the first one wins. */
	CHECK_INT_EQ(env_lookup("XA=1\0A=2\0A=3", 12, false, "A", 1, &value,
				&len), ENV_WHOLE);
	CHECK(len == 1 && *value == '2');
	CHECK_INT_EQ(env_lookup("AB=1", 5, false, "A", 1, &value, &len),
		     ENV_UNSET);
	CHECK_INT_EQ(env_lookup("A=12", 4, true, "A", 1, &value, &len),
		     ENV_CUT);
	CHECK_INT_EQ(env_lookup("A=1\0B", 5, true, "B", 1, &value, &len),
		     ENV_UNKNOWN);
	CHECK_INT_EQ(env_lookup("", 0, false, "B", 1, &value, &len), ENV_UNSET);
}

static void test_print_context(void)
{
	struct format text = text_format, json = json_format;
	struct env_names names = {};
	const struct event_header *e;
	struct exec_event *x;
	struct exit_event ex;
	struct record r;
	char *line;

	parse_env_names("A,B_2", &names);
	text.cwd = json.cwd = true;
	json.env = &names;
	CHECK(rendered_has(&text, NULL, " EUID   CWD FILENAME "));
	e = context_record(&r, "/a b", 4, "B_2=x\nyz\0A=\xff\0", 13, 0);
	CHECK(event_from_record(r.bytes, r.size) == e);
	CHECK_UINT_EQ(event_used_bytes(e), r.size);
	/* A script's: time order keeps its interpreter's bytes too. */
	e = ls_record(&r);
	add_interp(&r, "/bin/sh", 7, 0);
	CHECK_UINT_EQ(event_used_bytes(e), r.size);
	e = context_record(&r, "/a b", 4, "B_2=x\nyz\0A=\xff\0", 13, 0);
	CHECK(rendered_has(&text, e, " 0      /a\\x20b /usr/bin/ls ls -l\n"));
	CHECK(rendered_has(&json, e, ",\"cwd\":\"/a b\",\"cwd_truncated\":false,"
			   "\"cwd_deleted\":false,\"env\":{\"A\":\"\\ufffd\","
			   "\"B_2\":\"x\\u000ayz\"},\"env_hex\":{\"A\":\"ff\"},"
			   "\"env_truncated\":[],\"env_unknown\":[]}"));
	/* Cut: the path's start, a value, and a name perhaps past the end. */
	e = context_record(&r, "/c", 2, "A=ab", 4, EXEC_CWD_CUT | EXEC_ENV_CUT);
	CHECK(rendered_has(&text, e, " .../c /usr/bin/ls"));
	CHECK(rendered_has(&json, e, "\"cwd\":\"/c\",\"cwd_truncated\":true,"
			   "\"cwd_deleted\":false,\"env\":{\"A\":\"ab\","
			   "\"B_2\":null},\"env_truncated\":[\"A\"],"
			   "\"env_unknown\":[\"B_2\"]}"));
	/* Unreadable. */
	e = context_record(&r, "", 0, "", 0, EXEC_CWD_CUT | EXEC_CWD_DELETED);
	CHECK(rendered_has(&text, e, " ? /usr/bin/ls"));
	CHECK(rendered_has(&json, e, "\"cwd\":null,\"cwd_truncated\":true,"
			   "\"cwd_deleted\":true,\"env\":{\"A\":null,"
			   "\"B_2\":null},\"env_truncated\":[],"
			   "\"env_unknown\":[]}"));
	ex = exit_record(0, 0);
	CHECK(rendered_has(&text, &ex.hdr, " - exit=0 "));
	/* Lengths that lie: past their bound, or past the record. */
	e = context_record(&r, "/", 1, "", 0, 0);
	x = (struct exec_event *)r.bytes;
	x->cwd_len = CWD_ROOM + 1;
	CHECK(!event_from_record(r.bytes, sizeof(r.bytes)));
	x->cwd_len = 1;
	x->env_len = ENV_BYTES + 1;
	CHECK(!event_from_record(r.bytes, sizeof(r.bytes)));
	x->env_len = 1;
	CHECK(!event_from_record(r.bytes, r.size));
	/* Without the options, the same record prints as it always did. */
	line = render(&json_format, e);
	CHECK(!strstr(line, "cwd") && !strstr(line, "env"));
	free(line);
}

/* A failed exec's record: "ls -l" that execve() refused with err. */
static const struct event_header *fail_record(struct record *r, int err,
					      const char *filename,
					      const char *args,
					      size_t args_len,
					      unsigned short flags)
{
	struct exec_fail_event *e = (struct exec_fail_event *)r->bytes;

	memset(r->bytes, 0, sizeof(r->bytes));
	*e = (struct exec_fail_event){
		.hdr = {
			.ts_ns = TS_NS,
			.type = EVENT_EXEC_FAIL,
			.pid = 1234,
			.ppid = 1,
			.uid = 1000,
			.euid = 0,
			.cgroup_id = 4242,
			.comm = "sh",
			.pcomm = "bash",
			.start_ns = 5000,
		},
		.error = err,
		.dirfd = AT_FDCWD,
		.args_count = 2,
		.args_len = args_len,
		.filename_len = strlen(filename),
		.flags = flags,
	};
	memcpy(e->data, filename, e->filename_len);
	memcpy(e->data + e->filename_len, args, args_len);
	r->size = sizeof(*e) + e->filename_len + args_len;
	return &e->hdr;
}

#define TEXT_FAIL	TEXT_TIME "EXECFAIL sh               1234    1       " \
			"bash             1000   0      "
#define JSON_FAIL	"{\"event\":\"EXECFAIL\",\"time\":" \
			"\"2023-11-14T22:13:21.234567Z\",\"timestamp_ns\":" \
			"1234567890,\"comm\":\"sh\",\"pid\":1234,\"ppid\":1," \
			"\"pcomm\":\"bash\",\"uid\":1000,\"euid\":0," \
			"\"cgroup_id\":4242,\"start_ns\":5000," \
			"\"process_key\":\"1234:5000\","

/*
 * The errno's name where an exit's status goes, then the command line as
 * the caller passed it, cut and escaped as an exec's; in JSON, errno and
 * error, the exec's fields, and execveat()'s dirfd and flags.
 */
static void test_print_fail(void)
{
	struct record r;
	const struct event_header *e;
	struct exec_fail_event *x = (struct exec_fail_event *)r.bytes;

	e = fail_record(&r, -ENOENT, "/nope/ls", "ls\0-l", 6, 0);
	CHECK_RENDER(&text_format, e, TEXT_FAIL "error=ENOENT /nope/ls ls -l\n");
	CHECK_RENDER(&json_format, e, JSON_FAIL "\"errno\":\"ENOENT\","
		     "\"error\":2,\"filename\":\"/nope/ls\","
		     "\"filename_truncated\":false,\"args\":[\"ls\",\"-l\"],"
		     "\"args_count\":2,\"args_truncated\":false,"
		     "\"last_arg_truncated\":false,"
		     "\"args_count_truncated\":false,\"dirfd\":-100,"
		     "\"at_flags\":0}\n");

	/* execveat(9, "", argv, envp, AT_EMPTY_PATH): one word says so. */
	x->dirfd = 9;
	x->at_flags = AT_EMPTY_PATH;
	x->error = -ENOEXEC;
	CHECK_RENDER(&text_format, e, TEXT_FAIL "error=ENOEXEC,dirfd=9,"
		     "at_flags=0x1000 /nope/ls ls -l\n");

	/* No name: the number; a hostile filename and a cut argument. */
	e = fail_record(&r, -4095, "/t/\x1b[2J\nx", "ls\0-", 4,
			EXEC_ARGS_CUT | EXEC_COUNT_CUT);
	CHECK_RENDER(&text_format, e, TEXT_FAIL "error=4095 "
		     "/t/\\x1b[2J\\x0ax ls '-'... ...\n");
	CHECK_RENDER(&json_format, e, JSON_FAIL "\"errno\":null,"
		     "\"error\":4095,\"filename\":\"/t/\\u001b[2J\\u000ax\","
		     "\"filename_truncated\":false,\"args\":[\"ls\",\"-\"],"
		     "\"args_count\":2,\"args_truncated\":true,"
		     "\"last_arg_truncated\":true,"
		     "\"args_count_truncated\":true,\"dirfd\":-100,"
		     "\"at_flags\":0}\n");
	/* A nonsense error, in either direction, is a number too. */
	x->error = INT_MIN;
	CHECK_RENDER(&text_format, e, TEXT_FAIL "error=2147483648 "
		     "/t/\\x1b[2J\\x0ax ls '-'... ...\n");
	/* Cut, the count whole: both marks when more were not shown. */
	e = fail_record(&r, -E2BIG, "/bin/ls", "ls\0-", 4, EXEC_ARGS_CUT);
	x->args_count = 3;
	CHECK_RENDER(&text_format, e, TEXT_FAIL "error=E2BIG "
		     "/bin/ls ls '-'... ...\n");
	x->args_count = 2;
	CHECK_RENDER(&text_format, e, TEXT_FAIL "error=E2BIG "
		     "/bin/ls ls '-'...\n");
}

/* A failed exec's lengths are checked like an exec's. */
static void test_fail_from_record(void)
{
	struct record r;
	const struct event_header *e = fail_record(&r, -EACCES, "/x", "x", 2, 0);
	struct exec_fail_event *x = (struct exec_fail_event *)r.bytes;

	CHECK(event_from_record(r.bytes, r.size) == e);
	CHECK_UINT_EQ(event_used_bytes(e), r.size);
	CHECK(event_from_record(r.bytes, r.size - 1) == NULL);
	CHECK(event_from_record(r.bytes, sizeof(*x) - 1) == NULL);
	x->filename_len = FILENAME_MAX_LEN + 1;
	CHECK(event_from_record(r.bytes, sizeof(r.bytes)) == NULL);
	x->filename_len = 0;
	x->args_len = 0xffffffff;
	CHECK(event_from_record(r.bytes, sizeof(r.bytes)) == NULL);
}

void test_format(void)
{
	/* Text lines show local time: pin it so the expected lines hold. */
	setenv("TZ", "UTC", 1);
	tzset();

	test_escape();
	test_is_valid_utf8();
	test_event_from_record();
	test_decode_exit();
	test_print_text();
	test_print_text_args();
	test_print_text_every_byte();
	test_print_text_numbers();
	test_print_text_parent();
	test_print_text_cgroup();
	test_print_text_exit();
	test_print_json();
	test_print_json_process();
	test_print_json_interp();
	test_print_json_args();
	test_env_names();
	test_print_context();
	test_print_fail();
	test_fail_from_record();
}
