// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The value parsers and checks, and options_parse end to end. */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"
#include "options.h"

#define NOT_A_NUMBER	"not a non-negative whole number"
#define TOO_LARGE	"too large"
#define PAGE_SIZE	4096UL

#define RING_DEFAULT	(2ULL << 20)
#define PAGES_DEFAULT	32

static const struct variant ringbuf_variant = {
	.name = "test-variant",
	.how = "test",
	.mechanism = MECHANISM_RINGBUF,
	.ring_size = RING_DEFAULT,
};

static const struct variant perfbuf_variant = {
	.name = "test-variant",
	.how = "test",
	.mechanism = MECHANISM_PERFBUF,
	.perf_pages = PAGES_DEFAULT,
};

/* err is NULL when the input must be accepted as value. */
struct number_case {
	const char *input;
	unsigned long long max;
	unsigned long long value;
	const char *err;
};

static void test_parse_number(void)
{
	static const struct number_case cases[] = {
		{ "0", ULLONG_MAX, 0, NULL },
		{ "7", ULLONG_MAX, 7, NULL },
		{ "0042", ULLONG_MAX, 42, NULL },
		{ "18446744073709551615", ULLONG_MAX, ULLONG_MAX, NULL },
		{ "100", 100, 100, NULL },
		{ "101", 100, 0, TOO_LARGE },
		{ "18446744073709551616", ULLONG_MAX, 0, TOO_LARGE },
		/* strtoull would take all of these. */
		{ "-1", ULLONG_MAX, 0, NOT_A_NUMBER },
		{ "+7", ULLONG_MAX, 0, NOT_A_NUMBER },
		{ " 7", ULLONG_MAX, 0, NOT_A_NUMBER },
		{ "", ULLONG_MAX, 0, NOT_A_NUMBER },
		{ "12x", ULLONG_MAX, 0, NOT_A_NUMBER },
		{ "7 ", ULLONG_MAX, 0, NOT_A_NUMBER },
		{ "abc", ULLONG_MAX, 0, NOT_A_NUMBER },
		{ "0x10", ULLONG_MAX, 0, NOT_A_NUMBER },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct number_case *c = &cases[i];
		unsigned long long v = 12345;

		if (!CHECK_STR_EQ(parse_number(c->input, c->max, &v), c->err))
			fprintf(stderr, "  input: \"%s\"\n", c->input);
		/* A refused value must leave *out alone. */
		CHECK_UINT_EQ(v, c->err ? 12345 : c->value);
	}
}

static void test_parse_size(void)
{
	static const struct number_case cases[] = {
		{ "4096", 0, 4096, NULL },
		{ "4K", 0, 4096, NULL },
		{ "4k", 0, 4096, NULL },
		{ "256K", 0, 256 * 1024, NULL },
		{ "1M", 0, 1 << 20, NULL },
		{ "1m", 0, 1 << 20, NULL },
		{ "1G", 0, 1 << 30, NULL },
		{ "16777215G", 0, 16777215ULL << 30, NULL },
		{ "K", 0, 0, "not a size" },
		{ "", 0, 0, "not a size" },
		{ "1.5M", 0, 0, NOT_A_NUMBER },
		{ "-4K", 0, 0, NOT_A_NUMBER },
		{ "4KB", 0, 0, NOT_A_NUMBER },
		{ "4T", 0, 0, NOT_A_NUMBER },
		{ " 4K", 0, 0, NOT_A_NUMBER },
		/* The shift must not wrap: 2^34 G is 2^64. */
		{ "17179869184G", 0, 0, TOO_LARGE },
		{ "99999999999999999999G", 0, 0, TOO_LARGE },
		{ "18446744073709551616", 0, 0, TOO_LARGE },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct number_case *c = &cases[i];
		unsigned long long v = 12345;

		if (!CHECK_STR_EQ(parse_size(c->input, &v), c->err))
			fprintf(stderr, "  input: \"%s\"\n", c->input);
		CHECK_UINT_EQ(v, c->err ? 12345 : c->value);
	}
}

struct limit_case {
	unsigned long long value;
	const char *err;
};

static void test_check_ring_size(void)
{
	static const struct limit_case cases[] = {
		{ 4096, NULL },
		{ 256 * 1024, NULL },
		{ 1ULL << 30, NULL },
		{ 2ULL << 30, "too large (the limit is 1G)" },
		{ ULLONG_MAX, "too large (the limit is 1G)" },
		{ 3 * 4096, "not a power of two" },
		/* 1.5 pages: refused, whichever reason is given first. */
		{ 6144, "not a multiple of the page size" },
		{ 2048, "not a multiple of the page size" },
		{ 1, "not a multiple of the page size" },
		{ 0, "not a power of two" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct limit_case *c = &cases[i];

		if (!CHECK_STR_EQ(check_ring_size(c->value, PAGE_SIZE), c->err))
			fprintf(stderr, "  size: %llu\n", c->value);
	}
	/* A 64K-page machine refuses what a 4K-page one takes. */
	CHECK_STR_EQ(check_ring_size(4096, 65536),
		     "not a multiple of the page size");
	CHECK_STR_EQ(check_ring_size(65536, 65536), NULL);
}

static void test_check_perf_pages(void)
{
	static const struct limit_case cases[] = {
		{ 1, NULL },
		{ 64, NULL },
		{ 65536, NULL },
		{ 0, "not a power of two" },
		{ 3, "not a power of two" },
		{ 100, "not a power of two" },
		{ 131072, "too large (the limit is 65536)" },
		{ ULLONG_MAX, "too large (the limit is 65536)" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct limit_case *c = &cases[i];

		if (!CHECK_STR_EQ(check_perf_pages(c->value), c->err))
			fprintf(stderr, "  pages: %llu\n", c->value);
	}
}

#define MAX_ARGS	24

/*
 * Builds argv from a NULL-terminated args list.  argp permutes the pointers
 * but never writes through them, so the literals can be cast; argv[0] is a
 * real array all the same, as a program's would be.
 */
static int make_argv(char **argv, const char *const *args)
{
	static char prog[] = "unit-tests";
	int argc = 0;

	argv[argc++] = prog;
	while (*args && argc < MAX_ARGS)
		argv[argc++] = (char *)*args++;
	argv[argc] = NULL;
	return argc;
}

static void parse_args(const struct variant *v, const char *const *args,
		       struct options *opts)
{
	char *argv[MAX_ARGS + 1];
	int argc = make_argv(argv, args);

	options_parse(argc, argv, v, opts);
}

/*
 * options_parse exits on bad input, so try it in a child: returns the
 * child's exit status, 0 if options_parse returned, or -1 if it crashed.
 */
static int parse_status(const struct variant *v, const char *const *args)
{
	struct options opts;
	int status, null_fd;
	pid_t pid;

	/* Or the child's exit would write our buffered output a second time. */
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		null_fd = open("/dev/null", O_WRONLY);
		dup2(null_fd, STDOUT_FILENO);
		dup2(null_fd, STDERR_FILENO);
		parse_args(v, args, &opts);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

struct exit_case {
	const struct variant *variant;
	const char *args[8];
	int status;
};

static void test_options_parse_exit(void)
{
	static const struct exit_case cases[] = {
		/* Controls: valid input returns, so the child exits 0. */
		{ &ringbuf_variant, { NULL }, 0 },
		{ &ringbuf_variant, { "--buffer-size", "16K" }, 0 },
		{ &perfbuf_variant, { "--pages", "8" }, 0 },
		{ &ringbuf_variant, { "--version" }, 0 },
		/* Each sizes the other variant's buffer. */
		{ &ringbuf_variant, { "--pages", "8" }, 2 },
		{ &perfbuf_variant, { "--buffer-size", "4K" }, 2 },
		{ &ringbuf_variant, { "--bogus" }, 2 },
		{ &ringbuf_variant, { "-X" }, 2 },
		/* -x adds failed execs; -d reports exits only. */
		{ &ringbuf_variant, { "-x" }, 0 },
		{ &perfbuf_variant, { "--failed", "-c", "sh" }, 0 },
		{ &ringbuf_variant, { "-x", "-d", "5" }, 2 },
		{ &ringbuf_variant, { "-p", "abc" }, 2 },
		{ &ringbuf_variant, { "-p", "0" }, 2 },
		{ &ringbuf_variant, { "-p", "-1" }, 2 },
		{ &ringbuf_variant, { "-p", "2147483648" }, 2 },
		/* Above any pid_max the kernel allows (2^22). */
		{ &ringbuf_variant, { "-p", "4194304" }, 2 },
		{ &ringbuf_variant, { "-p" }, 2 },
		/* -P takes a pid as -p does. */
		{ &ringbuf_variant, { "-P", "1" }, 0 },
		{ &ringbuf_variant, { "--ppid", "1" }, 0 },
		{ &ringbuf_variant, { "-P", "abc" }, 2 },
		{ &ringbuf_variant, { "-P", "0" }, 2 },
		{ &ringbuf_variant, { "-P", "-1" }, 2 },
		{ &ringbuf_variant, { "-P", "1x" }, 2 },
		{ &ringbuf_variant, { "-P", "4194304" }, 2 },
		{ &ringbuf_variant, { "-P" }, 2 },
		/* The "any user" sentinel must not be a user. */
		{ &ringbuf_variant, { "-u", "4294967295" }, 2 },
		{ &ringbuf_variant, { "-c", "" }, 2 },
		{ &ringbuf_variant, { "-d", "1.5" }, 2 },
		{ &ringbuf_variant, { "-d", "18446744073710" }, 2 },
		{ &ringbuf_variant, { "-T", "0" }, 2 },
		{ &ringbuf_variant, { "-T", "4294967296" }, 2 },
		{ &ringbuf_variant, { "-n", "0" }, 2 },
		{ &ringbuf_variant, { "--buffer-size", "6144" }, 2 },
		{ &ringbuf_variant, { "--buffer-size", "2G" }, 2 },
		{ &ringbuf_variant, { "--buffer-size", "K" }, 2 },
		/* Too small for the largest exec, whatever the order. */
		{ &ringbuf_variant, { "--buffer-size", "4K" }, 2 },
		{ &ringbuf_variant, { "--buffer-size", "8K" }, 2 },
		{ &ringbuf_variant, { "--buffer-size", "16K",
				      "--max-args-bytes", "16K" }, 2 },
		{ &ringbuf_variant, { "--max-args-bytes", "16K",
				      "--buffer-size", "16K" }, 2 },
		{ &ringbuf_variant, { "--buffer-size", "32K",
				      "--max-args-bytes", "16K" }, 0 },
		{ &ringbuf_variant, { "--buffer-size", "4K",
				      "--max-args-bytes", "0" }, 2 },
		{ &ringbuf_variant, { "--buffer-size", "8K",
				      "--max-args-bytes", "0" }, 0 },
		{ &perfbuf_variant, { "--pages", "1" }, 2 },
		{ &perfbuf_variant, { "--pages", "2" }, 2 },
		{ &perfbuf_variant, { "--pages", "4" }, 0 },
		{ &perfbuf_variant, { "--pages", "4",
				      "--max-args-bytes", "16K" }, 2 },
		{ &perfbuf_variant, { "--pages", "8",
				      "--max-args-bytes", "16K" }, 0 },
		{ &perfbuf_variant, { "--pages", "3" }, 2 },
		{ &perfbuf_variant, { "--pages", "0" }, 2 },
		{ &ringbuf_variant, { "--max-args-bytes", "0" }, 0 },
		{ &ringbuf_variant, { "--max-args-bytes", "16K" }, 0 },
		{ &ringbuf_variant, { "--max-args-bytes", "16385" }, 2 },
		{ &ringbuf_variant, { "--max-args-bytes", "-1" }, 2 },
		{ &ringbuf_variant, { "--max-args-bytes", "1M" }, 2 },
		{ &ringbuf_variant, { "--max-args-bytes", "nan" }, 2 },
		{ &ringbuf_variant, { "extra" }, 2 },
		/*
		 * One ring is in order already, so neither order is a choice
		 * there; --rings are not.
		 */
		{ &perfbuf_variant, { "--ordered" }, 0 },
		{ &perfbuf_variant, { "--unordered" }, 0 },
		{ &perfbuf_variant, { "--ordered", "--unordered" }, 2 },
		{ &perfbuf_variant, { "--unordered", "--ordered" }, 2 },
		{ &ringbuf_variant, { "--ordered" }, 2 },
		{ &ringbuf_variant, { "--ordered", "--rings", "shared" }, 2 },
		{ &ringbuf_variant, { "--ordered", "--rings", "per-cpu" }, 0 },
		{ &ringbuf_variant, { "--rings", "4", "--ordered" }, 0 },
		{ &ringbuf_variant, { "--unordered" }, 2 },
		{ &ringbuf_variant, { "--unordered", "--rings", "shared" }, 2 },
		{ &ringbuf_variant, { "--rings", "per-cpu", "--unordered" }, 0 },
		{ &ringbuf_variant, { "--rings", "4", "--unordered" }, 0 },
		/* --rings: what it takes, and only where there are rings. */
		{ &ringbuf_variant, { "--rings", "shared" }, 0 },
		{ &ringbuf_variant, { "--rings", "1" }, 0 },
		{ &ringbuf_variant, { "--rings", "1024" }, 0 },
		{ &ringbuf_variant, { "--rings", "2048" }, 2 },
		{ &ringbuf_variant, { "--rings", "3" }, 2 },
		{ &ringbuf_variant, { "--rings", "0" }, 2 },
		{ &ringbuf_variant, { "--rings", "-4" }, 2 },
		{ &ringbuf_variant, { "--rings", "4k" }, 2 },
		{ &ringbuf_variant, { "--rings", "per-CPU" }, 2 },
		{ &ringbuf_variant, { "--rings", "" }, 2 },
		{ &perfbuf_variant, { "--rings", "per-cpu" }, 2 },
		/* --max-delay bounds batched wakeups and time order. */
		{ &ringbuf_variant, { "--max-delay", "10" }, 0 },
		{ &ringbuf_variant, { "--wakeup", "per-event",
				      "--max-delay", "10" }, 2 },
		{ &ringbuf_variant, { "--wakeup", "per-event", "--rings",
				      "per-cpu", "--max-delay", "10" }, 0 },
		{ &ringbuf_variant, { "--wakeup", "per-event", "--rings", "4",
				      "--max-delay", "10" }, 2 },
		{ &ringbuf_variant, { "--wakeup", "per-event", "--rings", "4",
				      "--ordered", "--max-delay", "10" }, 0 },
		{ &perfbuf_variant, { "--wakeup", "per-event",
				      "--max-delay", "10" }, 0 },
		{ &perfbuf_variant, { "--wakeup", "per-event", "--unordered",
				      "--max-delay", "10" }, 2 },
		{ &ringbuf_variant, { "-j", "extra" }, 2 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct exit_case *c = &cases[i];

		if (!CHECK_INT_EQ(parse_status(c->variant, c->args), c->status)) {
			fputs("  args:", stderr);
			for (const char *const *a = c->args; *a; a++)
				fprintf(stderr, " '%s'", *a);
			putc('\n', stderr);
		}
	}
}

static void test_options_parse_values(void)
{
	static const char *const all[] = {
		"-p", "42", "-P", "41", "-u", "1000", "-U", "1001", "-c", "bash",
		"-d", "250", "-j",
		"-T", "5", "-n", "7", "--buffer-size", "1M",
		"--max-args-bytes", "1K", NULL,
	};
	static const char *const none[] = { NULL };
	static const char *const long_comm[] = {
		"--comm", "abcdefghijklmnopqrst", NULL,
	};
	static const char *const pages[] = { "--pages", "128", "-v", NULL };
	static const char *const min_duration_0[] = { "-d", "0", NULL };
	static const char *const ordered[] = { "--ordered", NULL };
	static const char *const per_cpu[] = { "--rings", "per-cpu",
					       "--unordered", NULL };
	static const char *const four_rings[] = { "--rings", "4", NULL };
	static const char *const failed[] = { "-x", NULL };
	struct options o;

	parse_args(&ringbuf_variant, all, &o);
	CHECK_INT_EQ(o.filter.pid, 42);
	CHECK_INT_EQ(o.filter.ppid, 41);
	/* -u is the effective user id, as ps -u; -U the real one. */
	CHECK_UINT_EQ(o.filter.euid, 1000);
	CHECK_UINT_EQ(o.filter.uid, 1001);
	CHECK_STR_EQ(o.filter.comm, "bash");
	CHECK_UINT_EQ(o.filter.min_duration_ns, 250000000);
	CHECK(o.filter.exits_only);
	CHECK(o.json);
	CHECK(!o.verbose);
	CHECK_UINT_EQ(o.timeout_s, 5);
	CHECK_UINT_EQ(o.max_events, 7);
	CHECK_UINT_EQ(o.ring_size, 1048576);
	CHECK_UINT_EQ(o.max_args_bytes, 1024);

	parse_args(&ringbuf_variant, none, &o);
	CHECK_INT_EQ(o.filter.pid, 0);
	CHECK_INT_EQ(o.filter.ppid, 0);
	CHECK_UINT_EQ(o.filter.uid, FILTER_ANY_UID);
	CHECK_UINT_EQ(o.filter.euid, FILTER_ANY_UID);
	CHECK_STR_EQ(o.filter.comm, "");
	CHECK_UINT_EQ(o.filter.min_duration_ns, 0);
	CHECK(!o.filter.exits_only);
	CHECK(!o.failed);
	CHECK(!o.json);
	CHECK(!o.verbose);
	CHECK_UINT_EQ(o.timeout_s, 0);
	CHECK_UINT_EQ(o.max_events, 0);
	/* Each variant's defaults are its own. */
	CHECK_UINT_EQ(o.ring_size, RING_DEFAULT);
	CHECK_UINT_EQ(o.max_args_bytes, DEFAULT_ARGS_BYTES);
	parse_args(&perfbuf_variant, none, &o);
	CHECK_UINT_EQ(o.perf_pages, PAGES_DEFAULT);

	/* -d 0: every exit, and exits only, as -d says. */
	parse_args(&ringbuf_variant, min_duration_0, &o);
	CHECK_UINT_EQ(o.filter.min_duration_ns, 0);
	CHECK(o.filter.exits_only);

	/* The kernel keeps 15 characters of comm: a longer name must match. */
	parse_args(&ringbuf_variant, long_comm, &o);
	CHECK_STR_EQ(o.filter.comm, "abcdefghijklmno");

	parse_args(&perfbuf_variant, pages, &o);
	CHECK_UINT_EQ(o.perf_pages, 128);
	CHECK(o.verbose);
	CHECK_INT_EQ(o.order, ORDER_DEFAULT);
	CHECK_UINT_EQ(o.rings, RINGS_SHARED);
	parse_args(&perfbuf_variant, ordered, &o);
	CHECK_INT_EQ(o.order, ORDER_TIME);
	parse_args(&ringbuf_variant, per_cpu, &o);
	CHECK_UINT_EQ(o.rings, RINGS_PER_CPU);
	CHECK_INT_EQ(o.order, ORDER_ARRIVAL);
	parse_args(&ringbuf_variant, four_rings, &o);
	CHECK_UINT_EQ(o.rings, 4);
	parse_args(&perfbuf_variant, failed, &o);
	CHECK(o.failed);
}

/* The default --max-args-bytes 4K: 96 + 4096 + 256 + 4096 bytes. */
#define EXEC_4K		EXEC_EVENT_SIZE(4096)

/* What a record takes in each buffer, headers and padding included. */
static void test_record_bytes(void)
{
	CHECK_UINT_EQ(ring_record_bytes(0), 8);
	CHECK_UINT_EQ(ring_record_bytes(1), 16);
	CHECK_UINT_EQ(ring_record_bytes(8), 16);
	CHECK_UINT_EQ(ring_record_bytes(9), 24);
	CHECK_UINT_EQ(perf_record_bytes(4), 16);
	CHECK_UINT_EQ(perf_record_bytes(5), 24);
	CHECK_UINT_EQ(perf_record_bytes(8256), 8272);
}

/*
 * The smallest buffer that holds a record: a record must take less than
 * the whole buffer, so one that takes exactly a page needs two.
 */
static void test_smallest_buffers(void)
{
	CHECK_UINT_EQ(smallest_ring_size(8, 4096), 4096);
	CHECK_UINT_EQ(smallest_ring_size(4080, 4096), 4096);
	CHECK_UINT_EQ(smallest_ring_size(4081, 4096), 8192);
	CHECK_UINT_EQ(smallest_ring_size(EXEC_4K, 4096), 16384);
	CHECK_UINT_EQ(smallest_ring_size(EXEC_EVENT_MAX, 4096), 32768);
	CHECK_UINT_EQ(smallest_ring_size(EXEC_EVENT_MAX, 65536), 65536);
	CHECK_UINT_EQ(smallest_perf_pages(8, 4096), 1);
	CHECK_UINT_EQ(smallest_perf_pages(4076, 4096), 1);
	CHECK_UINT_EQ(smallest_perf_pages(4077, 4096), 2);
	CHECK_UINT_EQ(smallest_perf_pages(EXEC_4K, 4096), 4);
	CHECK_UINT_EQ(smallest_perf_pages(EXEC_EVENT_MAX, 4096), 8);
	CHECK_UINT_EQ(smallest_perf_pages(EXEC_EVENT_MAX, 65536), 1);
}

void test_options(void)
{
	test_parse_number();
	test_parse_size();
	test_check_ring_size();
	test_check_perf_pages();
	test_record_bytes();
	test_smallest_buffers();
	test_options_parse_exit();
	test_options_parse_values();
}
