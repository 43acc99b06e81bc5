// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* ringbuf-bench's command line, parsed with argp, checked before any run. */
#include <argp.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "options.h"
#include "parse.h"

const char *const mech_names[] = {
	[MECH_BARE] = "bare",
	[MECH_EMPTY] = "empty",
	[MECH_PERFBUF] = "perfbuf",
	[MECH_RB_OUTPUT] = "rb-output",
	[MECH_RB_RESERVE] = "rb-reserve",
};

const char *const consumer_names[] = {
	[CONSUMER_LIBBPF] = "libbpf",
	[CONSUMER_CUSTOM] = "custom",
};

const char *const notify_names[] = {
	[NOTIFY_ADAPTIVE] = "adaptive",
	[NOTIFY_SAMPLED] = "sampled",
	[NOTIFY_BUSY] = "busy",
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

enum {
	OPT_THRESHOLD = 256,
	OPT_PRODUCER_CPUS,
	OPT_CONSUMER_CPU,
	OPT_LATENCY_EVERY,
	OPT_RING_SIZE,
	OPT_PAGES,
	OPT_CSV,
	OPT_BURST,
	/*
	 * Long-only, since the tracers' -c, -d and -p filter by comm,
	 * duration and pid: one letter, one meaning, across the project.
	 */
	OPT_CONSUMER,
	OPT_PRODUCERS,
	OPT_DURATION,
};

static const char doc[] =
"Measures how fast BPF programs hand records to user space: perf buffer,\n"
"ring buffer output and ring buffer reserve/submit, each with libbpf's\n"
"consumer or (ring buffer) a batched one that reads the mmapped ring.\n"
"\n"
"Producer threads, pinned to CPUs, call getpgid() in a loop; a BPF program on\n"
"sys_enter writes BATCH records of SIZE bytes per call.  Lists (a,b,c) are\n"
"all measured, one line per combination.  `empty` in the mechanisms runs\n"
"first: it is the baseline of the ratio and added-cost columns.\n"
"\n"
"MECHANISMS: bare (no program), empty (program that only filters), perfbuf,\n"
"rb-output, rb-reserve.  CONSUMERS: libbpf, custom (ring buffer only).\n"
"NOTIFY: adaptive (ring: kernel decides; perf: wakeup every record),\n"
"sampled (one wakeup per THRESHOLD records), busy (no wakeups, consumer\n"
"spins).\n"
"\v"
"EXAMPLES:\n"
"  ringbuf-bench                              # all mechanisms, 1 record of 8 B\n"
"  ringbuf-bench -m empty,rb-reserve --consumer custom -N sampled -b 500\n"
"  ringbuf-bench -m empty,perfbuf -N adaptive,sampled -b 1,50,500 -r 3\n"
"  ringbuf-bench --producers 2 --producer-cpus 0,1 --consumer-cpu -1 --csv out.csv\n"
"  ringbuf-bench -m rb-reserve -s 564 -b 400 --buffer-size 256K --burst";

static const struct argp_option options[] = {
	{ "mechanism", 'm', "LIST", 0, "Mechanisms (default: all five)", 0 },
	{ "consumer", OPT_CONSUMER, "LIST", 0, "Consumers (default: libbpf)", 0 },
	{ "notify", 'N', "LIST", 0, "Notification modes (default: adaptive)", 0 },
	{ "threshold", OPT_THRESHOLD, "RECORDS", 0,
	  "Sampled mode: records pending per wakeup (default: 500)", 0 },
	{ "size", 's', "LIST", 0, "Record sizes in bytes, 8 to 4096 (default: 8)", 0 },
	{ "batch", 'b', "LIST", 0, "Records per trigger, 1 to 1000 (default: 1)", 0 },
	{ "producers", OPT_PRODUCERS, "N", 0, "Producer threads (default: 1)", 0 },
	{ "producer-cpus", OPT_PRODUCER_CPUS, "LIST", 0,
	  "CPUs for producers, round robin (default: 0)", 0 },
	{ "consumer-cpu", OPT_CONSUMER_CPU, "CPU", 0,
	  "CPU for the consumer, -1 for none (default: 1, or none on one CPU)", 0 },
	{ "duration", OPT_DURATION, "SECONDS", 0, "Measured time per run (default: 2)", 0 },
	{ "warmup", 'w', "SECONDS", 0, "Unmeasured time before it (default: 0.5)", 0 },
	{ "repeat", 'r', "N", 0, "Runs per line: mean and spread (default: 1)", 0 },
	{ "latency-every", OPT_LATENCY_EVERY, "N", 0,
	  "Time one record in N, a power of two, for latency (default: 64)",
	  0 },
	{ "buffer-size", OPT_RING_SIZE, "BYTES", 0,
	  "Ring buffer size: a power of two and of pages, at most 1G, K/M/G "
	  "suffixes (default: 512K)", 0 },
	{ "pages", OPT_PAGES, "N", 0,
	  "Perf buffer pages per CPU, power of two (default: 128)", 0 },
	{ "csv", OPT_CSV, "FILE", 0, "Also append CSV lines to FILE", 0 },
	{ "burst", OPT_BURST, NULL, 0,
	  "Capacity test: each producer triggers once (BATCH records) while "
	  "the consumer waits, then the consumer drains; see what was dropped",
	  0 },
	{ "verbose", 'v', NULL, 0, "libbpf's debug log", 0 },
	{},
};

static int parse_u32(const char *s, unsigned int min, unsigned int max,
		     unsigned int *out)
{
	unsigned long long v;

	if (parse_number(s, max, &v) || v < min)
		return -EINVAL;
	*out = v;
	return 0;
}

/* Splits s at commas and hands each item to fn. */
static int parse_list(const char *s, struct opt_list *list,
		      int (*fn)(const char *item, const void *arg,
				unsigned int *out),
		      const void *arg)
{
	char buf[256], *item, *save;

	if (strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	list->n = 0;
	/* strtok_r would skip empty items; "a,,b" is a typo, not two items. */
	for (item = buf; item; item = save) {
		save = strchr(item, ',');
		if (save)
			*save++ = '\0';
		if (list->n == OPT_MAX_LIST || fn(item, arg, &list->v[list->n]))
			return -EINVAL;
		list->n++;
	}
	return 0;
}

struct range {
	unsigned int min, max;
};

static int u32_item(const char *item, const void *arg, unsigned int *out)
{
	const struct range *r = arg;

	return parse_u32(item, r->min, r->max, out);
}

int parse_u32_list(const char *s, unsigned int min, unsigned int max,
		   struct opt_list *list)
{
	struct range r = { min, max };

	return parse_list(s, list, u32_item, &r);
}

struct names {
	const char *const *names;
	unsigned int count;
};

static int name_item(const char *item, const void *arg, unsigned int *out)
{
	const struct names *n = arg;

	for (unsigned int i = 0; i < n->count; i++) {
		if (!strcmp(item, n->names[i])) {
			*out = i;
			return 0;
		}
	}
	return -EINVAL;
}

int parse_name_list(const char *s, const char *const *names,
		    unsigned int count, struct opt_list *list)
{
	struct names n = { names, count };

	return parse_list(s, list, name_item, &n);
}

/* Seconds with up to three decimals, as milliseconds. */
static int parse_seconds(const char *s, unsigned int min_ms,
			 unsigned int *ms)
{
	double v;
	char *end;

	if (!*s || *s == '-' || *s == '+')
		return -EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || v * 1000 < min_ms || v > 3600)
		return -EINVAL;
	*ms = (unsigned int)(v * 1000 + 0.5);
	return 0;
}

static int parse_cpu(const char *s, int *cpu)
{
	unsigned int v;

	if (!strcmp(s, "-1")) {
		*cpu = -1;
		return 0;
	}
	if (parse_u32(s, 0, 4095, &v))
		return -EINVAL;
	*cpu = v;
	return 0;
}

static const char *option_name(int key)
{
	const struct argp_option *o;

	for (o = options; o->name; o++)
		if (o->key == key)
			return o->name;
	return "?";
}

static int parse_opt(int key, char *arg, struct argp_state *state)
{
	struct bench_opts *o = state->input;
	int err = 0;

	switch (key) {
	case 'm':
		err = parse_name_list(arg, mech_names, ARRAY_SIZE(mech_names),
				      &o->mechs);
		break;
	case OPT_CONSUMER:
		err = parse_name_list(arg, consumer_names,
				      ARRAY_SIZE(consumer_names), &o->consumers);
		break;
	case 'N':
		err = parse_name_list(arg, notify_names,
				      ARRAY_SIZE(notify_names), &o->notifies);
		break;
	case OPT_THRESHOLD:
		err = parse_u32(arg, 1, 1 << 24, &o->threshold);
		break;
	case 's':
		err = parse_u32_list(arg, BENCH_MIN_RECORD, BENCH_MAX_RECORD,
				     &o->sizes);
		break;
	case 'b':
		err = parse_u32_list(arg, 1, BENCH_MAX_BATCH, &o->batches);
		break;
	case OPT_PRODUCERS:
		err = parse_u32(arg, 1, BENCH_MAX_PRODUCERS, &o->producers);
		break;
	case OPT_PRODUCER_CPUS:
		err = parse_u32_list(arg, 0, 4095, &o->producer_cpus);
		break;
	case OPT_CONSUMER_CPU:
		err = parse_cpu(arg, &o->consumer_cpu);
		break;
	case OPT_DURATION:
		err = parse_seconds(arg, 1, &o->duration_ms);
		break;
	case 'w':
		err = parse_seconds(arg, 0, &o->warmup_ms);
		break;
	case 'r':
		err = parse_u32(arg, 1, 1000, &o->repeat);
		break;
	case OPT_LATENCY_EVERY:
		err = parse_u32(arg, 1, 1 << 16, &o->latency_every);
		if (!err && !is_power_of_2(o->latency_every))
			err = -EINVAL;
		break;
	case OPT_RING_SIZE:
		if (parse_size(arg, &o->ring_size) ||
		    check_ring_size(o->ring_size, getpagesize()))
			err = -EINVAL;
		break;
	case OPT_PAGES:
		err = parse_u32(arg, 1, MAX_PERF_PAGES, &o->perf_pages);
		if (!err && check_perf_pages(o->perf_pages))
			err = -EINVAL;
		break;
	case OPT_CSV:
		o->csv_path = arg;
		break;
	case OPT_BURST:
		o->burst = true;
		break;
	case 'v':
		o->verbose = true;
		break;
	case ARGP_KEY_ARG:
		argp_error(state, "unexpected argument: %s", arg);
		return EINVAL;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	if (err) {
		argp_error(state, "invalid value for --%s: %s",
			   option_name(key), arg);
		return EINVAL;
	}
	return 0;
}

static void set_defaults(struct bench_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->mechs.n = 5;
	for (unsigned int i = 0; i < 5; i++)
		o->mechs.v[i] = i;
	o->consumers = (struct opt_list){ 1, { CONSUMER_LIBBPF } };
	o->notifies = (struct opt_list){ 1, { NOTIFY_ADAPTIVE } };
	o->sizes = (struct opt_list){ 1, { 8 } };
	o->batches = (struct opt_list){ 1, { 1 } };
	o->producer_cpus = (struct opt_list){ 1, { 0 } };
	o->threshold = 500;
	o->producers = 1;
	o->consumer_cpu = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 1 : -1;
	o->duration_ms = 2000;
	o->warmup_ms = 500;
	o->repeat = 1;
	o->latency_every = 64;
	o->ring_size = 512 * 1024;
	o->perf_pages = 128;
}

int bench_options_parse(int argc, char **argv, unsigned int argp_flags,
			struct bench_opts *opts)
{
	const struct argp argp = { options, parse_opt, NULL, doc, NULL, NULL,
				   NULL };

	set_defaults(opts);
	argp_program_version = "ringbuf-bench " VERSION;
	argp_err_exit_status = 2;
	return argp_parse(&argp, argc, argv, argp_flags, NULL, opts);
}
