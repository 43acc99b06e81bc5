// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* argp front end and the validation of every value it accepts. */
#include <argp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "options.h"

enum {
	OPT_RING_SIZE = 0x100,	/* long-only options */
	OPT_PERF_PAGES,
};

static const struct argp_option option_table[] = {
	{ NULL, 0, NULL, 0, "Filters (applied in the kernel):", 1 },
	{ "pid", 'p', "PID", 0, "Only the process PID (its thread group id)", 1 },
	{ "uid", 'u', "UID", 0, "Only processes running as user id UID", 1 },
	{ "comm", 'c', "NAME", 0,
	  "Only processes whose command name is NAME (the kernel keeps its "
	  "first 15 characters)", 1 },
	{ "min-duration", 'd', "MS", 0,
	  "Only exits of processes that lived at least MS milliseconds; "
	  "no exec events", 1 },
	{ NULL, 0, NULL, 0, "Output:", 2 },
	{ "json", 'j', NULL, 0, "One JSON object per line instead of text", 2 },
	{ "timeout", 'T', "SECONDS", 0, "Stop after SECONDS", 2 },
	{ "max-events", 'n', "N", 0, "Stop after N events", 2 },
	{ NULL, 0, NULL, 0, "Buffers:", 3 },
	{ "buffer-size", OPT_RING_SIZE, "BYTES", 0,
	  "Ring buffer size, shared by all CPUs: a power of two and a "
	  "multiple of the page size; K, M, G suffixes (ring buffer "
	  "variants; default 256K)", 3 },
	{ "pages", OPT_PERF_PAGES, "N", 0,
	  "Perf buffer pages per CPU, a power of two (perfbuf-output; "
	  "default 64)", 3 },
	{ NULL, 0, NULL, 0, "Other:", 4 },
	{ "verbose", 'v', NULL, 0, "Show libbpf's debug log", 4 },
	{},
};

struct parse_state {
	struct options *opts;
	const struct variant *variant;
	bool ring_size_set, perf_pages_set;
};

unsigned int perf_pages_for_ring(unsigned long long ring_size,
				 unsigned long page_size, unsigned int cpus)
{
	unsigned long long pages = ring_size / page_size / (cpus ? cpus : 1);
	unsigned int p = 1;

	while (p < MAX_PERF_PAGES && 2ULL * p <= pages)
		p *= 2;
	return p;
}

/* Reports a refused value the way argp reports its own errors: exit 2. */
static void check(struct argp_state *state, const char *err, const char *what,
		  const char *arg)
{
	if (err)
		argp_error(state, "invalid %s '%s': %s", what, arg, err);
}

static void parse_filter(int key, char *arg, struct argp_state *state)
{
	struct filter *f = &((struct parse_state *)state->input)->opts->filter;
	unsigned long long v = 0;

	switch (key) {
	case 'p':
		check(state, parse_number(arg, INT_MAX, &v), "PID", arg);
		check(state, v ? NULL : "not a process id", "PID", arg);
		f->pid = v;
		break;
	case 'u':
		check(state, parse_number(arg, FILTER_ANY_UID - 1, &v), "UID", arg);
		f->uid = v;
		break;
	case 'c':
		/* The kernel truncates comm the same way. */
		memset(f->comm, 0, sizeof(f->comm));
		strncpy(f->comm, arg, sizeof(f->comm) - 1);
		check(state, *arg ? NULL : "empty", "NAME", arg);
		break;
	case 'd':
		check(state, parse_number(arg, ULLONG_MAX / 1000000, &v),
		      "MS", arg);
		f->min_duration_ns = v * 1000000;
		break;
	}
}

static error_t parse_option(int key, char *arg, struct argp_state *state)
{
	struct parse_state *ps = state->input;
	struct options *opts = ps->opts;
	unsigned long long v = 0;

	switch (key) {
	case 'p': case 'u': case 'c': case 'd':
		parse_filter(key, arg, state);
		break;
	case 'j':
		opts->json = true;
		break;
	case 'T':
		check(state, parse_number(arg, UINT_MAX, &v), "SECONDS", arg);
		check(state, v ? NULL : "must be at least 1", "SECONDS", arg);
		opts->timeout_s = v;
		break;
	case 'n':
		check(state, parse_number(arg, ULLONG_MAX, &v), "N", arg);
		check(state, v ? NULL : "must be at least 1", "N", arg);
		opts->max_events = v;
		break;
	case OPT_RING_SIZE:
		check(state, parse_size(arg, &v), "--buffer-size", arg);
		check(state, check_ring_size(v, sysconf(_SC_PAGESIZE)),
		      "--buffer-size", arg);
		opts->ring_size = v;
		ps->ring_size_set = true;
		break;
	case OPT_PERF_PAGES:
		check(state, parse_number(arg, ULLONG_MAX, &v), "--pages", arg);
		check(state, check_perf_pages(v), "--pages", arg);
		opts->perf_pages = v;
		ps->perf_pages_set = true;
		break;
	case 'v':
		opts->verbose = true;
		break;
	case ARGP_KEY_ARG:
		argp_error(state, "unexpected argument '%s'", arg);
		break;
	case ARGP_KEY_END:
		if (ps->variant->mechanism == MECHANISM_PERFBUF && ps->ring_size_set)
			argp_error(state, "--buffer-size sizes a ring buffer; "
				   "the perf buffer takes --pages");
		if (ps->variant->mechanism == MECHANISM_RINGBUF && ps->perf_pages_set)
			argp_error(state, "--pages sizes a perf buffer; "
				   "the ring buffer takes --buffer-size");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const char doc_format[] =
	"Trace every process exec and exit on this machine.\n"
	"Events reach user space through the %2$s.\n"
	"\v"
	"Output: one line per event, TIME EVENT COMM PID PPID UID and then the "
	"filename for EXEC, or the exit code (or the signal that killed it) and "
	"how long the process lived for EXIT.  Ctrl-C stops, prints what is "
	"still buffered and a summary of events seen and lost on stderr.\n"
	"\n"
	"Examples:\n"
	"  %1$s               # every exec and exit\n"
	"  %1$s -c bash       # processes named bash\n"
	"  %1$s -u 1000 -j    # user 1000's, as JSON\n"
	"  %1$s -d 1000       # exits after >= 1 s\n"
	"  %1$s -T 10 > log   # ten seconds, to a file\n";

void options_parse(int argc, char **argv, const struct variant *v,
		   struct options *opts)
{
	static char doc[sizeof(doc_format) + 512];
	static char version[128];
	struct parse_state ps = { .opts = opts, .variant = v };
	const struct argp argp = {
		.options = option_table,
		.parser = parse_option,
		.doc = doc,
	};

	*opts = (struct options){
		.filter.uid = FILTER_ANY_UID,
		.ring_size = DEFAULT_RING_SIZE,
		.perf_pages = DEFAULT_PERF_PAGES,
	};
	snprintf(doc, sizeof(doc), doc_format, v->name, v->how);
	snprintf(version, sizeof(version), "%s %s", v->name, VERSION);
	argp_program_version = version;
	argp_err_exit_status = 2;
	/* getopt's own messages name argv[0]: the tool's name, not its path. */
	argv[0] = (char *)v->name;
	argp_parse(&argp, argc, argv, 0, NULL, &ps);
}
