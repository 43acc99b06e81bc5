// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* ringbuf-bench's command line, parsed with argp, checked before any run. */
#include <argp.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/libbpf.h>
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
	[CONSUMER_NONE] = "none",
};

/* The words of --notify, before --wakeup had the tracers' words. */
static const char *const wakeup_aliases[] = {
	[WAKEUP_PER_EVENT] = "adaptive",
	[WAKEUP_BATCHED] = "sampled",
	[WAKEUP_BUSY] = NULL,
	[WAKEUP_CROSSING] = NULL,
};

const char *const wakeup_names[] = {
	[WAKEUP_PER_EVENT] = "per-event",
	[WAKEUP_BATCHED] = "batched",
	[WAKEUP_BUSY] = "busy",
	[WAKEUP_CROSSING] = "crossing",
};

const char *const harness_names[] = {
	[HARNESS_CHECK] = "check",
	[HARNESS_COUNT] = "count",
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

const char *rings_name(unsigned int rings, char *buf)
{
	if (rings == RINGS_SHARED)
		return "shared";
	if (rings == RINGS_PER_CPU)
		return "per-cpu";
	snprintf(buf, RINGS_NAME_SIZE, "%u", rings);
	return buf;
}

enum {
	OPT_THRESHOLD = 256,
	OPT_PRODUCER_CPUS,
	OPT_CONSUMER_CPU,
	OPT_LATENCY_EVERY,
	OPT_RING_SIZE,
	OPT_PAGES,
	OPT_CSV,
	OPT_BURST,
	OPT_RINGS,
	/*
	 * Long-only, since the tracers' -c, -d and -p filter by comm,
	 * duration and pid: one letter, one meaning, across the project.
	 */
	OPT_CONSUMER,
	OPT_PRODUCERS,
	OPT_DURATION,
	OPT_HARNESS,
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
"rb-output, rb-reserve.  CONSUMERS: libbpf, custom (ring buffer only), none\n"
"(nothing reads while producers run: the producer side alone, every attempt\n"
"refused once the buffer is full; what it holds at the end is read then,\n"
"and counted as delivered, so that produced = delivered + dropped still).\n"
"WAKEUPS, the tracers' --wakeup: per-event (ring: the kernel's adaptive\n"
"wakeup; perf: a wakeup every record), batched (perf: one wakeup per\n"
"THRESHOLD records; ring: the kernel's benchmark's rule, a wakeup for each\n"
"record written while THRESHOLD records or more are pending), busy (no\n"
"wakeups, the consumer spins); and, ring buffer only, crossing (the\n"
"tracers' batched rule: one wakeup each time THRESHOLD records more have\n"
"been written, whatever is pending).  Once called adaptive and sampled:\n"
"those words still work.  Listed together, their runs alternate, as the\n"
"harnesses' do.\n"
"\n"
"RINGS, where rb-output and rb-reserve write: shared (the one ring), per-cpu\n"
"(an array of rings, one per possible CPU, each program writing its CPU's),\n"
"or N, a power of two to 64 (a pool: producer i writes ring i mod N, as a\n"
"tracer would pick by a hash of the tgid).  Every ring is --buffer-size\n"
"bytes: the topology takes that times its rings (per-cpu: times the possible\n"
"CPUs).  One consumer reads them all; batched wakeups count what is pending\n"
"in the ring written to.  perfbuf (per-CPU by nature) and the baselines have\n"
"no topology (`-`): measured once.\n"
"\n"
"HARNESSES, what the benchmark itself does per record: check (each record\n"
"carries its producer and sequence number, one in --latency-every its time\n"
"and a filling; the consumer checks the order of all, the contents and\n"
"latency of those), or count (the kernel's benchmark's: one 8-byte value,\n"
"and a consumer that only counts).\n"
"Listed together, their runs alternate: the difference, in the same run, is\n"
"what the harness costs.\n"
"\v"
"EXAMPLES:\n"
"  ringbuf-bench                              # all mechanisms, 1 record of 8 B\n"
"  ringbuf-bench -m empty,rb-reserve --consumer custom -W batched -b 500\n"
"  ringbuf-bench -m empty,perfbuf -W per-event,batched -b 1,50,500 -r 3\n"
"  ringbuf-bench --producers 2 --producer-cpus 0,1 --consumer-cpu -1 --csv out.csv\n"
"  ringbuf-bench --rings shared,per-cpu --producers 2 --producer-cpus 0,1\n"
"  ringbuf-bench -m rb-reserve -s 564 -b 400 --buffer-size 256K --burst";

static const struct argp_option options[] = {
	{ "mechanism", 'm', "LIST", 0, "Mechanisms (default: all five)", 0 },
	{ "rings", OPT_RINGS, "LIST", 0,
	  "Ring buffer topologies: shared, per-cpu, or N rings, a power of "
	  "two to 64; each ring is --buffer-size (default: shared)", 0 },
	{ "consumer", OPT_CONSUMER, "LIST", 0, "Consumers (default: libbpf)", 0 },
	{ "wakeup", 'W', "LIST", 0, "Wakeup modes (default: per-event)", 0 },
	{ "notify", 'N', NULL, OPTION_ALIAS, NULL, 0 },
	{ "threshold", OPT_THRESHOLD, "RECORDS", 0,
	  "Batched: records pending per wakeup (default: 500)", 0 },
	{ "size", 's', "LIST", 0, "Record sizes in bytes, 8 to 4096 (default: 8)", 0 },
	{ "batch", 'b', "LIST", 0, "Records per trigger, 1 to 1000 (default: 1)", 0 },
	{ "harness", OPT_HARNESS, "LIST", 0,
	  "What the benchmark does per record: check, count (default: check)",
	  0 },
	{ "producers", OPT_PRODUCERS, "N", 0, "Producer threads (default: 1)", 0 },
	{ "producer-cpus", OPT_PRODUCER_CPUS, "LIST", 0,
	  "Online CPUs for producers, round robin (default: the first online)",
	  0 },
	{ "consumer-cpu", OPT_CONSUMER_CPU, "CPU", 0,
	  "Online CPU for the consumer, -1 for none (default: the second "
	  "online, or none on one CPU)", 0 },
	{ "duration", OPT_DURATION, "SECONDS", 0,
	  "Measured time per run, up to 3 decimals (default: 2)", 0 },
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

#define MAX_SECONDS	3600

/* A whole number from min to max, or why not (written into why). */
static const char *parse_u32(const char *s, unsigned int min, unsigned int max,
			     unsigned int *out, char *why)
{
	unsigned long long v;

	if (parse_number(s, max, &v) || v < min) {
		snprintf(why, OPT_WHY_SIZE, "not a whole number from %u to %u",
			 min, max);
		return why;
	}
	*out = v;
	return NULL;
}

typedef const char *(*item_fn)(const char *item, const void *arg,
			       unsigned int *out, char *why);

/* Splits s at commas and hands each item to fn; the reason quotes it. */
static const char *parse_list(const char *s, struct opt_list *list,
			      item_fn fn, const void *arg, char *why)
{
	char buf[256], item_why[OPT_WHY_SIZE], *item, *next;
	const char *err;

	if (strlen(s) >= sizeof(buf))
		return "too long";
	strcpy(buf, s);
	list->n = 0;
	/* strtok_r would skip empty items; "a,,b" is a typo, not two items. */
	for (item = buf; item; item = next) {
		next = strchr(item, ',');
		if (next)
			*next++ = '\0';
		if (list->n == OPT_MAX_LIST) {
			snprintf(why, OPT_WHY_SIZE, "more than %d values",
				 OPT_MAX_LIST);
			return why;
		}
		err = fn(item, arg, &list->v[list->n], item_why);
		if (err) {
			snprintf(why, OPT_WHY_SIZE, "'%s' is %s", item, err);
			return why;
		}
		list->n++;
	}
	return NULL;
}

struct range {
	unsigned int min, max;
};

static const char *u32_item(const char *item, const void *arg,
			    unsigned int *out, char *why)
{
	const struct range *r = arg;

	return parse_u32(item, r->min, r->max, out, why);
}

const char *parse_u32_list(const char *s, unsigned int min, unsigned int max,
			   struct opt_list *list, char *why)
{
	struct range r = { min, max };

	return parse_list(s, list, u32_item, &r, why);
}

static const char *rings_item(const char *item, const void *arg,
			      unsigned int *out, char *why)
{
	(void)arg;
	if (parse_rings(item, BENCH_MAX_RINGS, out)) {
		snprintf(why, OPT_WHY_SIZE, "not shared, per-cpu, nor a power "
			 "of two from 1 to %u", BENCH_MAX_RINGS);
		return why;
	}
	return NULL;
}

struct names {
	const char *const *names;
	const char *const *aliases;	/* older names, or NULL */
	unsigned int count;
};

static const char *name_item(const char *item, const void *arg,
			     unsigned int *out, char *why)
{
	const struct names *n = arg;
	int len;

	for (unsigned int i = 0; i < n->count; i++) {
		if (!strcmp(item, n->names[i]) ||
		    (n->aliases && n->aliases[i] && !strcmp(item, n->aliases[i]))) {
			*out = i;
			return NULL;
		}
	}
	len = snprintf(why, OPT_WHY_SIZE, "not one of");
	for (unsigned int i = 0; i < n->count && len < OPT_WHY_SIZE; i++)
		len += snprintf(why + len, OPT_WHY_SIZE - len, "%s %s",
				i ? "," : "", n->names[i]);
	return why;
}

const char *parse_name_list(const char *s, const char *const *names,
			    unsigned int count, struct opt_list *list,
			    char *why)
{
	struct names n = { names, NULL, count };

	return parse_list(s, list, name_item, &n, why);
}

static const struct names wakeups = {
	wakeup_names, wakeup_aliases, ARRAY_SIZE(wakeup_names)
};

/* Seconds from min_ms to an hour, as milliseconds. */
static const char *parse_seconds(const char *s, unsigned int min_ms,
				 unsigned int *ms, char *why)
{
	unsigned long long v;
	const char *err = parse_decimal_ms(s, ULLONG_MAX, &v);

	if (err)
		return err;
	if (v < min_ms || v > MAX_SECONDS * 1000) {
		snprintf(why, OPT_WHY_SIZE, "out of range (%g to %u seconds)",
			 min_ms / 1000.0, MAX_SECONDS);
		return why;
	}
	*ms = v;
	return NULL;
}

/* "N" or "N-M" of the kernel's list into the mask: false if neither. */
static bool add_cpu_range(char *item, struct online_cpus *c)
{
	char *dash = strchr(item, '-');
	unsigned long long cpu, last;

	if (dash)
		*dash++ = '\0';
	if (parse_number(item, ULLONG_MAX, &cpu) ||
	    parse_number(dash ? dash : item, ULLONG_MAX, &last) || last < cpu)
		return false;
	/* No option can name a CPU past MAX_CPU: no need to know of it. */
	for (; cpu <= last && cpu <= MAX_CPU; cpu++)
		c->mask[cpu / 64] |= 1ULL << (cpu % 64);
	return true;
}

bool cpu_online(const struct online_cpus *c, unsigned int cpu)
{
	return cpu <= MAX_CPU && (c->mask[cpu / 64] >> (cpu % 64) & 1);
}

/* The first online CPU after cpu (-1: the first of all), or -1. */
static int next_online(const struct online_cpus *c, int cpu)
{
	while (++cpu <= MAX_CPU)
		if (cpu_online(c, cpu))
			return cpu;
	return -1;
}

const char *parse_online_cpus(const char *list, struct online_cpus *c)
{
	const char *p = list;
	char item[24];	/* "4095-4095" and room: longer is no CPU range */
	size_t len;

	memset(c, 0, sizeof(*c));
	c->list = list;
	do {
		len = strcspn(p, ",");
		if (len >= sizeof(item))
			return "not a list of CPUs";
		memcpy(item, p, len);
		item[len] = '\0';
		if (!add_cpu_range(item, c))
			return "not a list of CPUs";
		p += len;
	} while (*p++);
	if (next_online(c, -1) < 0)
		return "no CPU from 0 to 4095";
	return NULL;
}

/*
 * Checked here, once, rather than where a thread is pinned: there, it would
 * fail every run of every line that uses the CPU.
 */
static const char *not_online(const struct online_cpus *c, char *why)
{
	snprintf(why, OPT_WHY_SIZE, "not an online CPU (online: %s)", c->list);
	return why;
}

static const char *cpu_item(const char *item, const void *arg,
			    unsigned int *out, char *why)
{
	const char *err = parse_u32(item, 0, MAX_CPU, out, why);

	if (!err && !cpu_online(arg, *out))
		err = not_online(arg, why);
	return err;
}

static const char *parse_cpu(const char *s, const struct online_cpus *c,
			     int *cpu, char *why)
{
	unsigned long long v;

	if (!strcmp(s, "-1")) {
		*cpu = -1;
		return NULL;
	}
	if (parse_number(s, MAX_CPU, &v))
		return "not a CPU number (0 to 4095) or -1";
	if (!cpu_online(c, v))
		return not_online(c, why);
	*cpu = v;
	return NULL;
}

static const char *parse_pages(const char *s, unsigned int *pages)
{
	unsigned long long v;
	const char *err = parse_number(s, ULLONG_MAX, &v);

	if (!err)
		err = check_perf_pages(v);
	if (!err)
		*pages = v;
	return err;
}

static const char *parse_ring_size(const char *s, unsigned long long *size)
{
	unsigned long long v;
	const char *err = parse_size(s, &v);

	if (!err)
		err = check_ring_size(v, getpagesize());
	if (!err)
		*size = v;
	return err;
}

bool opt_listed(const struct opt_list *l, unsigned int v)
{
	for (unsigned int i = 0; i < l->n; i++)
		if (l->v[i] == v)
			return true;
	return false;
}

static unsigned int largest(const struct opt_list *l)
{
	unsigned int max = 0;

	for (unsigned int i = 0; i < l->n; i++)
		if (l->v[i] > max)
			max = l->v[i];
	return max;
}

/*
 * Refuses lists that leave a listed mechanism unable to deliver anything,
 * which would otherwise run, or be skipped, without a word.
 */
static const char *check_combinations(const struct bench_opts *o, char *why)
{
	bool ring = opt_listed(&o->mechs, MECH_RB_OUTPUT) ||
		    opt_listed(&o->mechs, MECH_RB_RESERVE);
	bool perf = opt_listed(&o->mechs, MECH_PERFBUF);
	unsigned int size = largest(&o->sizes);

	if (perf && !opt_listed(&o->consumers, CONSUMER_LIBBPF) &&
	    !opt_listed(&o->consumers, CONSUMER_NONE))
		return "perfbuf has no consumer to read it: custom reads only "
		       "ring buffers (add libbpf to --consumer)";
	if (ring && ring_record_bytes(size) >= o->ring_size) {
		snprintf(why, OPT_WHY_SIZE, "a %u-byte record never fits a "
			 "%llu-byte ring buffer (raise --buffer-size or lower "
			 "--size)", size, o->ring_size);
		return why;
	}
	if (perf && perf_record_bytes(size) >=
		    (unsigned long long)o->perf_pages * getpagesize()) {
		snprintf(why, OPT_WHY_SIZE, "a %u-byte record never fits a "
			 "perf buffer of %u page%s per CPU (raise --pages or "
			 "lower --size)", size, o->perf_pages,
			 o->perf_pages > 1 ? "s" : "");
		return why;
	}
	return NULL;
}

static const char *option_name(int key)
{
	const struct argp_option *o;

	for (o = options; o->name; o++)
		if (o->key == key)
			return o->name;
	return NULL;
}

/* What argp hands parse_opt: the options, and the CPUs they may name. */
struct parse_state {
	struct bench_opts *opts;
	const struct online_cpus *online;
};

/* The value of option key, parsed into s: NULL, or why it was refused. */
static const char *parse_value(int key, const char *arg,
			       struct parse_state *s, char *why)
{
	struct bench_opts *o = s->opts;
	const char *err;

	switch (key) {
	case 'm':
		return parse_name_list(arg, mech_names, ARRAY_SIZE(mech_names),
				       &o->mechs, why);
	case OPT_RINGS:
		return parse_list(arg, &o->rings, rings_item, NULL, why);
	case OPT_CONSUMER:
		return parse_name_list(arg, consumer_names,
				       ARRAY_SIZE(consumer_names),
				       &o->consumers, why);
	case 'W': case 'N':	/* -N, --notify: its older names */
		return parse_list(arg, &o->wakeups, name_item, &wakeups, why);
	case OPT_THRESHOLD:
		return parse_u32(arg, 1, 1 << 24, &o->threshold, why);
	case 's':
		return parse_u32_list(arg, BENCH_MIN_RECORD, BENCH_MAX_RECORD,
				      &o->sizes, why);
	case 'b':
		return parse_u32_list(arg, 1, BENCH_MAX_BATCH, &o->batches,
				      why);
	case OPT_HARNESS:
		return parse_name_list(arg, harness_names,
				       ARRAY_SIZE(harness_names),
				       &o->harnesses, why);
	case OPT_PRODUCERS:
		return parse_u32(arg, 1, BENCH_MAX_PRODUCERS, &o->producers,
				 why);
	case OPT_PRODUCER_CPUS:
		return parse_list(arg, &o->producer_cpus, cpu_item, s->online,
				  why);
	case OPT_CONSUMER_CPU:
		return parse_cpu(arg, s->online, &o->consumer_cpu, why);
	case OPT_DURATION:
		return parse_seconds(arg, 1, &o->duration_ms, why);
	case 'w':
		return parse_seconds(arg, 0, &o->warmup_ms, why);
	case 'r':
		return parse_u32(arg, 1, 1000, &o->repeat, why);
	case OPT_LATENCY_EVERY:
		/* Both sides pick the timed records with a mask. */
		err = parse_u32(arg, 1, 1 << 16, &o->latency_every, why);
		if (!err && !is_power_of_2(o->latency_every))
			err = "not a power of two";
		return err;
	case OPT_RING_SIZE:
		return parse_ring_size(arg, &o->ring_size);
	case OPT_PAGES:
		return parse_pages(arg, &o->perf_pages);
	}
	return NULL;
}

static int parse_opt(int key, char *arg, struct argp_state *state)
{
	struct parse_state *s = state->input;
	struct bench_opts *o = s->opts;
	const char *name = option_name(key), *err;
	char why[OPT_WHY_SIZE];

	switch (key) {
	case OPT_CSV:
		o->csv_path = arg;
		return 0;
	case OPT_BURST:
		o->burst = true;
		return 0;
	case 'v':
		o->verbose = true;
		return 0;
	case ARGP_KEY_ARG:
		argp_error(state, "unexpected argument: %s", arg);
		return EINVAL;
	case ARGP_KEY_END:
		err = check_combinations(o, why);
		if (err) {
			argp_error(state, "%s", err);
			return EINVAL;
		}
		return 0;
	}
	if (!name)
		return ARGP_ERR_UNKNOWN;
	err = parse_value(key, arg, s, why);
	if (err) {
		argp_error(state, "invalid value for --%s '%s': %s", name, arg,
			   err);
		return EINVAL;
	}
	return 0;
}

static void set_defaults(struct bench_opts *o,
			 const struct online_cpus *online)
{
	int first = next_online(online, -1);

	memset(o, 0, sizeof(*o));
	o->mechs.n = 5;
	for (unsigned int i = 0; i < 5; i++)
		o->mechs.v[i] = i;
	o->rings = (struct opt_list){ 1, { RINGS_SHARED } };
	o->consumers = (struct opt_list){ 1, { CONSUMER_LIBBPF } };
	o->wakeups = (struct opt_list){ 1, { WAKEUP_PER_EVENT } };
	o->sizes = (struct opt_list){ 1, { 8 } };
	o->batches = (struct opt_list){ 1, { 1 } };
	o->harnesses = (struct opt_list){ 1, { HARNESS_CHECK } };
	o->producer_cpus = (struct opt_list){ 1, { first } };
	o->threshold = 500;
	o->producers = 1;
	/* Not the count of CPUs online: with 0,2-3, CPU 1 is not one. */
	o->consumer_cpu = next_online(online, first);
	o->duration_ms = 2000;
	o->warmup_ms = 500;
	o->repeat = 1;
	o->latency_every = 64;
	o->ring_size = 512 * 1024;
	o->perf_pages = 128;
}

int bench_options_parse(int argc, char **argv, unsigned int argp_flags,
			const struct online_cpus *online,
			struct bench_opts *opts)
{
	const struct argp argp = { options, parse_opt, NULL, doc, NULL, NULL,
				   NULL };
	struct parse_state s = { opts, online };
	static char version[128];

	set_defaults(opts, online);
	snprintf(version, sizeof(version), "ringbuf-bench %s (libbpf %u.%u, %s)",
		 VERSION, libbpf_major_version(), libbpf_minor_version(),
		 LIBBPF_ORIGIN);
	argp_program_version = version;
	argp_err_exit_status = 2;
	return argp_parse(&argp, argc, argv, argp_flags, NULL, &s);
}
