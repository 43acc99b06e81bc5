// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Escaping, exit decoding and the exact text and JSON lines. */
#include <stdlib.h>
#include <time.h>
#include "check.h"
#include "format.h"

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
		     const char *src, size_t max)
{
	struct buf b = {};
	size_t len = escape(&b, src, max);

	CHECK_UINT_EQ(len, b.len);
	buf_putc(&b, '\0');
	return b.data;
}

static size_t escape_plain(struct buf *out, const char *src, size_t max)
{
	return escape_text(out, src, max, 0);
}

static void check_escape(const struct escape_case *c)
{
	char *text = escaped(escape_plain, c->src, c->max);
	char *json = escaped(escape_json, c->src, c->max);

	if (!CHECK_STR_EQ(text, c->text))
		fputs("  escape_text\n", stderr);
	if (!CHECK_STR_EQ(json, c->json))
		fputs("  escape_json\n", stderr);
	free(text);
	free(json);
}

static void test_escape(void)
{
	/* A comm of exactly TASK_COMM_LEN bytes has no NUL. */
	struct {
		char comm[4];
		char after[4];
	} raw = { { 'a', 'b', 'c', 'd' }, { 'X', 'Y', 'Z', '\0' } };
	char *s;

	for (size_t i = 0; i < sizeof(escape_cases) / sizeof(escape_cases[0]);
	     i++)
		check_escape(&escape_cases[i]);

	s = escaped(escape_plain, raw.comm, sizeof(raw.comm));
	CHECK_STR_EQ(s, "abcd");
	free(s);
	s = escaped(escape_json, raw.comm, sizeof(raw.comm));
	CHECK_STR_EQ(s, "\"abcd\"");
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

static const struct format text_format = { .wall_offset_ns = WALL_OFFSET_NS };
static const struct format json_format = {
	.json = true,
	.wall_offset_ns = WALL_OFFSET_NS,
};

static struct event exec_event(void)
{
	return (struct event){
		.ts_ns = TS_NS,
		.type = EVENT_EXEC,
		.pid = 1234,
		.ppid = 1,
		.uid = 0,
		.comm = "ls",
		.filename = "/usr/bin/ls",
	};
}

static struct event exit_event(int exit_code, unsigned long long duration_ns)
{
	return (struct event){
		.ts_ns = TS_NS,
		.duration_ns = duration_ns,
		.type = EVENT_EXIT,
		.pid = 4321,
		.ppid = 1234,
		.uid = 1000,
		.exit_code = exit_code,
		.comm = "sleep",
	};
}

/* What format_event writes, as a string for the caller to free. */
static char *render(const struct format *f, const struct event *e)
{
	struct buf b = {};

	if (e)
		format_event(&b, f, e);
	else
		format_header(&b, f);
	buf_putc(&b, '\0');
	return b.data;
}

static bool check_render(const struct format *f, const struct event *e,
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

static void test_print_text(void)
{
	struct event e = exec_event();

	CHECK_RENDER(&text_format, NULL,
		     "TIME         EVENT COMM             PID     PPID    "
		     "UID    FILENAME/EXIT\n");
	CHECK_RENDER(&text_format, &e,
		     TEXT_TIME "EXEC  " "ls               " "1234    "
		     "1       " "0      " "/usr/bin/ls\n");

	/* Milliseconds are zero-padded, not "22:13:20.5". */
	e.ts_ns = 5000000;
	CHECK_RENDER(&text_format, &e,
		     "22:13:20.005 EXEC  " "ls               " "1234    "
		     "1       " "0      " "/usr/bin/ls\n");

	/* A hostile filename cannot clear the screen or forge a line. */
	e = exec_event();
	strcpy(e.filename, "/tmp/\x1b[2J\nfake");
	CHECK_RENDER(&text_format, &e,
		     TEXT_TIME "EXEC  " "ls               " "1234    "
		     "1       " "0      " "/tmp/\\x1b[2J\\x0afake\n");

	/*
	 * A name with spaces (even no-break ones) stays one column: awk and
	 * str.split() see the same seven fields.
	 */
	e = exec_event();
	strcpy(e.comm, "x  EXIT  1 1");
	CHECK_RENDER(&text_format, &e,
		     TEXT_TIME "EXEC  " "x\\x20\\x20EXIT\\x20\\x201\\x201 "
		     "1234    " "1       " "0      " "/usr/bin/ls\n");
	strcpy(e.comm, "a\xc2\xa0" "b");
	CHECK_RENDER(&text_format, &e,
		     TEXT_TIME "EXEC  " "a\\xc2\\xa0" "b       " "1234    "
		     "1       " "0      " "/usr/bin/ls\n");

	/* A full comm has no NUL: the filename after it is not part of it. */
	e = exec_event();
	strcpy(e.filename, "/tmp/\x1b[2J\nfake");
	memcpy(e.comm, "abcdefghijklmnop", TASK_COMM_LEN);
	CHECK_RENDER(&text_format, &e,
		     TEXT_TIME "EXEC  " "abcdefghijklmnop " "1234    "
		     "1       " "0      " "/tmp/\\x1b[2J\\x0afake\n");
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
		struct event e = exit_event(cases[i].exit_code,
					    cases[i].duration_ns);

		snprintf(expected, sizeof(expected), "%s%s\n",
			 TEXT_TIME "EXIT  " "sleep            " "4321    "
			 "1234    " "1000   ", cases[i].how);
		CHECK_RENDER(&text_format, &e, expected);
	}
}

#define JSON_HEAD(event) \
	"{\"event\":\"" event "\",\"time\":\"2023-11-14T22:13:21.234567Z\"," \
	"\"timestamp_ns\":1234567890,"

static void test_print_json(void)
{
	struct event e = exec_event();

	CHECK_RENDER(&json_format, NULL, "");
	CHECK_RENDER(&json_format, &e,
		     JSON_HEAD("EXEC") "\"comm\":\"ls\",\"pid\":1234,"
		     "\"ppid\":1,\"uid\":0,\"filename\":\"/usr/bin/ls\"}\n");

	/* Microseconds are zero-padded too. */
	e.ts_ns = 5000000;
	CHECK_RENDER(&json_format, &e,
		     "{\"event\":\"EXEC\",\"time\":\"2023-11-14T22:13:20.005000Z\","
		     "\"timestamp_ns\":5000000,\"comm\":\"ls\",\"pid\":1234,"
		     "\"ppid\":1,\"uid\":0,\"filename\":\"/usr/bin/ls\"}\n");

	e = exit_event(3 << 8, 2500000);
	CHECK_RENDER(&json_format, &e,
		     JSON_HEAD("EXIT") "\"comm\":\"sleep\",\"pid\":4321,"
		     "\"ppid\":1234,\"uid\":1000,\"exit_code\":3,\"signal\":0,"
		     "\"core_dumped\":false,\"duration_ns\":2500000}\n");

	e = exit_event(11 | 0x80, 1500000000);
	CHECK_RENDER(&json_format, &e,
		     JSON_HEAD("EXIT") "\"comm\":\"sleep\",\"pid\":4321,"
		     "\"ppid\":1234,\"uid\":1000,\"exit_code\":0,\"signal\":11,"
		     "\"core_dumped\":true,\"duration_ns\":1500000000}\n");

	/*
	 * Whatever bytes a process names itself with, the line stays JSON;
	 * bytes that are not UTF-8 are kept, in hex, beside the string.
	 */
	e = exec_event();
	strcpy(e.comm, "a\"b\\c\nd\xff");
	strcpy(e.filename, "/tmp/\x1b\"x");
	CHECK_RENDER(&json_format, &e,
		     JSON_HEAD("EXEC") "\"comm\":\"a\\\"b\\\\c\\u000ad\\ufffd\","
		     "\"comm_hex\":\"6122625c630a64ff\","
		     "\"pid\":1234,\"ppid\":1,\"uid\":0,"
		     "\"filename\":\"/tmp/\\u001b\\\"x\"}\n");

	memcpy(e.comm, "abcdefghijklmnop", TASK_COMM_LEN);
	strcpy(e.filename, "/bin/x");
	CHECK_RENDER(&json_format, &e,
		     JSON_HEAD("EXEC") "\"comm\":\"abcdefghijklmnop\","
		     "\"pid\":1234,\"ppid\":1,\"uid\":0,"
		     "\"filename\":\"/bin/x\"}\n");
}

static void test_is_valid_utf8(void)
{
	CHECK(is_valid_utf8("plain", 16));
	CHECK(is_valid_utf8("caf\xc3\xa9", 16));
	CHECK(is_valid_utf8("", 16));
	CHECK(!is_valid_utf8("a\xff", 16));
	CHECK(!is_valid_utf8("\xc0\xaf", 16));
	/* max cuts the sequence short: what is read is not valid. */
	CHECK(!is_valid_utf8("caf\xc3\xa9", 4));
	CHECK(is_valid_utf8("a\xff", 1));
}

static void test_event_from_record(void)
{
	struct event e = exec_event();
	char padded[sizeof(e) + 8] = {};

	CHECK(event_from_record(&e, sizeof(e)) == &e);
	memcpy(padded, &e, sizeof(e));
	CHECK(event_from_record(padded, sizeof(padded)) == (void *)padded);
	CHECK(event_from_record(&e, sizeof(e) - 1) == NULL);
	CHECK(event_from_record(&e, 0) == NULL);
	e.type = 0;
	CHECK(event_from_record(&e, sizeof(e)) == NULL);
	e.type = EVENT_EXIT + 1;
	CHECK(event_from_record(&e, sizeof(e)) == NULL);
	e.type = EVENT_EXIT;
	CHECK(event_from_record(&e, sizeof(e)) == &e);
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
	test_print_text_exit();
	test_print_json();
}
