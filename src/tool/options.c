// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* argp front end and the validation of every value it accepts. */
#include <argp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include "options.h"
#include "order.h"
#include "sizing.h"

#define PID_MAX_LIMIT	(4 * 1024 * 1024)	/* the kernel's, on 64 bits */

enum {
	OPT_RING_SIZE = 0x100,	/* long-only options */
	OPT_PERF_PAGES,
	OPT_MAX_ARGS,
	OPT_WAKEUP,
	OPT_MAX_DELAY,
	OPT_LATENCY,
	OPT_CGROUP,
	OPT_CGROUP_ID,
	OPT_ORDERED,
	OPT_UNORDERED,
	OPT_RINGS,
	OPT_CWD,
	OPT_ENV,
};

/* Not const: the buffer options' text is the variant's (see set_buffer_docs). */
static struct argp_option option_table[] = {
	{ NULL, 0, NULL, 0, "Filters (applied in the kernel):", 1 },
	{ "pid", 'p', "PID", 0, "Only the process PID (its thread group id)", 1 },
	{ "ppid", 'P', "PID", 0,
	  "Only the children of the process PID: processes whose parent it is "
	  "at the event (an orphan's parent is the process that adopted it)",
	  1 },
	{ "uid", 'u', "UID", 0,
	  "Only processes whose effective user id is UID: running with that "
	  "user's rights (a setuid program's owner), as ps -u", 1 },
	{ "real-uid", 'U', "UID", 0,
	  "Only processes whose real user id is UID: started by that user, "
	  "as ps -U", 1 },
	{ "comm", 'c', "NAME", 0,
	  "Only processes whose command name is NAME (the kernel keeps its "
	  "first 15 characters)", 1 },
	{ "min-duration", 'd', "MS", 0,
	  "Only exits of processes that lived at least MS milliseconds; "
	  "no exec events", 1 },
	{ "cgroup", OPT_CGROUP, "PATH", 0,
	  "Only processes in the cgroup (v2) at PATH, or below it: a "
	  "container's, a service's", 1 },
	{ NULL, 0, NULL, 0, "Output:", 2 },
	{ "failed", 'x', NULL, 0,
	  "Also execs that failed (EXECFAIL): the error, and the filename and "
	  "arguments as the caller passed them (x86 and arm64 only).  Costs "
	  "every system call on the machine: the kernel's tracing work on its "
	  "way in and out, and a check at its return, some 50 ns (see "
	  "docs/operations.md)", 2 },
	{ "json", 'j', NULL, 0, "One JSON object per line instead of text", 2 },
	{ "output", 'o', "FILE", 0,
	  "Append the lines to FILE instead of standard output; SIGHUP "
	  "reopens FILE (after logrotate moved it) instead of stopping", 2 },
	{ "cgroup-id", OPT_CGROUP_ID, NULL, 0,
	  "Text: a CGROUP column, each process's cgroup v2 id (JSON always "
	  "has cgroup_id)", 2 },
	{ "timeout", 'T', "SECONDS", 0, "Stop after SECONDS", 2 },
	{ "max-events", 'n', "N", 0, "Stop after N events", 2 },
	{ "max-args-bytes", OPT_MAX_ARGS, "SIZE", 0,
	  "Argument bytes an exec event carries at most; more are cut, and "
	  "marked as cut (default 4K, at most 16K)", 2 },
	{ "cwd", OPT_CWD, NULL, 0,
	  "Exec events: the working directory, as the process sees it (in a "
	  "container, the container's path); a longer or deeper one than "
	  "4096 bytes or 32 steps up is cut, and marked as cut", 2 },
	{ "env", OPT_ENV, "NAME[,NAME...]", 0,
	  "Exec events, JSON: these environment variables of the new "
	  "program (at most 16 names), from the first 4K of its "
	  "environment; a value cut, or a name not found in a cut area, is "
	  "marked so", 2 },
	{ "latency", OPT_LATENCY, NULL, 0,
	  "Also say in the summary how long events took from the kernel to "
	  "the write of their line (p50, p99, max)", 2 },
	{ NULL, 0, NULL, 0, "Buffers and wakeups:", 3 },
	{ "buffer-size", OPT_RING_SIZE, "BYTES", 0, NULL, 3 },
	{ "pages", OPT_PERF_PAGES, "N", 0, NULL, 3 },
	{ "wakeup", OPT_WAKEUP, "MODE", 0,
	  "How this tool is woken to read events: batched (the default), "
	  "each time a quarter of the buffer has been written, and at least "
	  "every --max-delay; or per-event, for every event, which costs "
	  "the traced machine more", 3 },
	{ "max-delay", OPT_MAX_DELAY, "MS", 0,
	  "The longest an event waits before it is printed (default 50): "
	  "batched, in the buffer; in time order, held for the events of "
	  "other buffers", 3 },
	{ "rings", OPT_RINGS, "HOW", 0, NULL, 3 },
	{ "ordered", OPT_ORDERED, NULL, 0,
	  "Print events in the order they happened, across buffers: each is "
	  "held until a tenth of --max-delay has passed since it happened, "
	  "and every buffer has been read since, so that events read later "
	  "from other buffers can go before it; the summary counts any that "
	  "came too late.  The default where the "
	  "buffers are per CPU (the perf buffer, --rings per-cpu)", 3 },
	{ "unordered", OPT_UNORDERED, NULL, 0,
	  "Print events as they are read, at once, from several buffers "
	  "(the perf buffer, --rings per-cpu or N): a process's exit can "
	  "come before its exec", 3 },
	{ NULL, 0, NULL, 0, "Other:", 4 },
	{ "verbose", 'v', NULL, 0, "Show libbpf's debug log; at the end, the "
	  "batched wakeups of a ring buffer, forced and due", 4 },
	{},
};

struct parse_state {
	struct options *opts;
	const struct variant *variant;
	bool ring_size_set, perf_pages_set, max_delay_set, rings_set;
};

/* Reports a refused value the way argp reports its own errors: exit 2. */
static void check(struct argp_state *state, const char *err, const char *what,
		  const char *arg)
{
	if (err)
		argp_error(state, "invalid %s '%s': %s", what, arg, err);
}

/*
 * The largest process id on this machine, one less than pid_max; where
 * /proc cannot tell, the kernel's own limit (PID_MAX_LIMIT, 2^22).
 */
static unsigned long long largest_pid(void)
{
	unsigned long long pid_max = 0;
	FILE *f = fopen("/proc/sys/kernel/pid_max", "r");

	if (f) {
		if (fscanf(f, "%llu", &pid_max) != 1)
			pid_max = 0;
		fclose(f);
	}
	if (pid_max < 2 || pid_max > PID_MAX_LIMIT)
		pid_max = PID_MAX_LIMIT;
	return pid_max - 1;
}

/* A process id that some process can have: -p's, -P's. */
static int parse_pid(char *arg, struct argp_state *state)
{
	unsigned long long v = 0;

	check(state, parse_number(arg, INT_MAX, &v), "PID", arg);
	check(state, v ? NULL : "not a process id", "PID", arg);
	if (v > largest_pid())
		argp_error(state, "invalid PID '%s': no process has it, the "
			   "largest here is %llu (/proc/sys/kernel/pid_max less "
			   "one)", arg, largest_pid());
	return v;
}

static void parse_filter(int key, char *arg, struct argp_state *state)
{
	struct parse_state *ps = state->input;
	struct filter *f = &ps->opts->filter;
	unsigned long long v = 0;

	switch (key) {
	case 'p':
		f->pid = parse_pid(arg, state);
		break;
	case 'P':
		f->ppid = parse_pid(arg, state);
		break;
	case 'u':
		check(state, parse_number(arg, FILTER_ANY_UID - 1, &v), "UID", arg);
		f->euid = v;
		break;
	case 'U':
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
		f->exits_only = 1;
		break;
	case OPT_CGROUP:
		check(state, *arg ? NULL : "empty", "--cgroup", arg);
		ps->opts->cgroup_path = arg;
		f->in_cgroup = 1;
		break;
	}
}

/* How the events come: buffer size and wakeups. */
static void parse_buffer_option(int key, char *arg, struct argp_state *state)
{
	struct parse_state *ps = state->input;
	struct options *opts = ps->opts;
	unsigned long long v = 0;

	switch (key) {
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
	case OPT_WAKEUP:
		if (!strcmp(arg, "batched"))
			opts->wakeup = WAKEUP_BATCHED;
		else if (!strcmp(arg, "per-event"))
			opts->wakeup = WAKEUP_PER_EVENT;
		else
			check(state, "not batched or per-event", "--wakeup", arg);
		break;
	case OPT_RINGS:
		check(state, parse_rings(arg, MAX_RINGS, &opts->rings) ?
		      "not shared, per-cpu, or a power of two up to 1024" :
		      NULL, "--rings", arg);
		ps->rings_set = true;
		break;
	case OPT_MAX_DELAY:
		check(state, parse_number(arg, MAX_MAX_DELAY_MS, &v),
		      "--max-delay", arg);
		check(state, v ? NULL : "must be at least 1", "--max-delay", arg);
		opts->max_delay_ms = v;
		ps->max_delay_set = true;
		break;
	}
}

/* Where the lines go, what they hold, and when the tool stops. */
static void parse_output_option(int key, char *arg, struct argp_state *state)
{
	struct options *opts = ((struct parse_state *)state->input)->opts;
	unsigned long long v = 0;

	switch (key) {
	case 'o':
		check(state, *arg ? NULL : "empty", "FILE", arg);
		opts->output_path = arg;
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
	case OPT_MAX_ARGS:
		check(state, parse_size(arg, &v), "--max-args-bytes", arg);
		check(state, v > MAX_ARGS_BYTES ? "more than 16K" : NULL,
		      "--max-args-bytes", arg);
		opts->max_args_bytes = v;
		break;
	case OPT_CWD:
		opts->cwd = true;
		break;
	case OPT_ENV:
		check(state, parse_env_names(arg, &opts->env), "--env", arg);
		break;
	}
}

/* What no single option says wrong: they are checked together, last. */
static void check_together(struct argp_state *state)
{
	struct parse_state *ps = state->input;
	enum mechanism mechanism = ps->variant->mechanism;
	char msg[320];

	if (mechanism == MECHANISM_PERFBUF && ps->ring_size_set)
		argp_error(state, "--buffer-size sizes a ring buffer; "
			   "the perf buffer takes --pages");
	if (ps->opts->failed && ps->opts->filter.exits_only)
		argp_error(state, "-x adds failed execs; -d reports exits only");
	if (mechanism == MECHANISM_RINGBUF && ps->perf_pages_set)
		argp_error(state, "--pages sizes a perf buffer; "
			   "the ring buffer takes --buffer-size");
	if (mechanism == MECHANISM_PERFBUF && ps->rings_set)
		argp_error(state, "--rings chooses the ring buffers; the perf "
			   "buffer has one per CPU already");
	/* Order is a choice only between several buffers: refuse both. */
	if (mechanism == MECHANISM_RINGBUF && ps->opts->rings == RINGS_SHARED &&
	    ps->opts->order == ORDER_TIME)
		argp_error(state, "--ordered merges several buffers (--rings "
			   "per-cpu or N); one shared ring is in order already");
	if (mechanism == MECHANISM_RINGBUF && ps->opts->rings == RINGS_SHARED &&
	    ps->opts->order == ORDER_ARRIVAL)
		argp_error(state, "--unordered reads several buffers as they "
			   "come (--rings per-cpu or N); one shared ring is in "
			   "order already");
	if (ps->opts->wakeup == WAKEUP_PER_EVENT && ps->max_delay_set &&
	    !in_time_order(ps->opts, mechanism))
		argp_error(state, "--max-delay bounds batched wakeups and time "
			   "order; per-event wakeups out of time order have no "
			   "delay to bound");
	if (!buffer_fits(ps->opts, mechanism, msg, sizeof(msg)) ||
	    (mechanism == MECHANISM_RINGBUF &&
	     !rings_fit_memory(ps->opts, msg, sizeof(msg))))
		argp_error(state, "%s", msg);
}

static error_t parse_option(int key, char *arg, struct argp_state *state)
{
	struct options *opts = ((struct parse_state *)state->input)->opts;

	switch (key) {
	case 'p': case 'P': case 'u': case 'U': case 'c': case 'd':
	case OPT_CGROUP:
		parse_filter(key, arg, state);
		break;
	case OPT_RING_SIZE: case OPT_PERF_PAGES: case OPT_WAKEUP:
	case OPT_MAX_DELAY: case OPT_RINGS:
		parse_buffer_option(key, arg, state);
		break;
	case 'o': case 'T': case 'n': case OPT_MAX_ARGS: case OPT_CWD:
	case OPT_ENV:
		parse_output_option(key, arg, state);
		break;
	case 'j':
		opts->json = true;
		break;
	case OPT_CGROUP_ID:
		opts->cgroup_column = true;
		break;
	case OPT_LATENCY:
		opts->latency = true;
		break;
	case 'x':
		opts->failed = true;
		break;
	case OPT_ORDERED: case OPT_UNORDERED:
		if (opts->order != ORDER_DEFAULT)
			argp_error(state, "--ordered and --unordered: one or "
				   "the other");
		opts->order = key == OPT_ORDERED ? ORDER_TIME : ORDER_ARRIVAL;
		break;
	case 'v':
		opts->verbose = true;
		break;
	case ARGP_KEY_ARG:
		argp_error(state, "unexpected argument '%s'", arg);
		break;
	case ARGP_KEY_END:
		check_together(state);
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
	"Output: one line per event, TIME EVENT COMM PID PPID PCOMM UID EUID "
	"(PCOMM the parent's name; the real and effective user ids; '' for "
	"an empty name), then for "
	"EXEC the filename and the arguments, argv[0] first (a word in quotes "
	"when it holds a space, a quote or a backslash; \\xHH for bytes that "
	"would act on a terminal; a word cut short in quotes and followed by "
	"..., and a word ... of its own for arguments that did not fit at "
	"all, after a cut word too), for EXIT the exit "
	"code (or the signal that killed it) and how long the process lived; "
	"with -x, for EXECFAIL error=NAME then the filename and arguments as "
	"passed.  "
	"PIDs are those of the initial PID namespace.  Ctrl-C stops, writes "
	"what is still buffered and a summary of events seen and lost on "
	"stderr.\n"
	"\n"
	"Examples:\n"
	"  %1$s               # every exec and exit\n"
	"  %1$s -c bash       # processes named bash\n"
	"  %1$s -P 1234       # the children of process 1234\n"
	"  %1$s -u 1000 -j    # user 1000's, as JSON\n"
	"  %1$s -U 1000 -u 0  # user 1000's setuid-root programs\n"
	"  %1$s -d 1000       # exits after >= 1 s\n"
	"  %1$s -x            # failed execs too\n"
	"  %1$s -T 10 > log   # ten seconds, to a file\n";

/*
 * The buffer option of this variant's mechanism, with its default; the
 * other one, which it refuses with a reason, is not listed, nor is
 * --rings where there is no ring buffer.
 */
static void set_buffer_docs(const struct variant *v)
{
	struct buffer_docs d = buffer_docs(v);

	for (struct argp_option *o = option_table; o->name || o->doc; o++) {
		if (o->key == OPT_RING_SIZE) {
			o->doc = d.ring_size;
			o->flags = v->mechanism == MECHANISM_RINGBUF ?
				   0 : OPTION_HIDDEN;
		} else if (o->key == OPT_PERF_PAGES) {
			o->doc = d.perf_pages;
			o->flags = v->mechanism == MECHANISM_PERFBUF ?
				   0 : OPTION_HIDDEN;
		} else if (o->key == OPT_RINGS) {
			o->doc = d.rings;
			o->flags = v->mechanism == MECHANISM_RINGBUF ?
				   0 : OPTION_HIDDEN;
		}
	}
}

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
		.filter.euid = FILTER_ANY_UID,
		.ring_size = v->ring_size,
		.perf_pages = v->perf_pages,
		.max_args_bytes = DEFAULT_ARGS_BYTES,
		.wakeup = WAKEUP_BATCHED,
		.max_delay_ms = DEFAULT_MAX_DELAY_MS,
	};
	snprintf(doc, sizeof(doc), doc_format, v->name, v->how);
	/* Which libbpf: the build's choice (libbpf.mk), its release at run time. */
	snprintf(version, sizeof(version), "%s %s (libbpf %u.%u, %s)", v->name,
		 VERSION, libbpf_major_version(), libbpf_minor_version(),
		 LIBBPF_ORIGIN);
	set_buffer_docs(v);
	argp_program_version = version;
	argp_err_exit_status = 2;
	/* getopt's own messages name argv[0]: the tool's name, not its path. */
	argv[0] = (char *)v->name;
	argp_parse(&argp, argc, argv, 0, NULL, &ps);
}
