// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* ringbuf-bench's command line: lists, sizes, ranges and defaults. */
#include <argp.h>
#include <unistd.h>
#include "bench_tests.h"
#include "options.h"

#define PARSE_FLAGS	(ARGP_NO_EXIT | ARGP_NO_ERRS)

/*
 * Parses a NULL-terminated argument list on a machine with the CPUs online
 * listed (the kernel's way): 0 or argp's error.
 */
static int parse_on(const char *online, struct bench_opts *o, char **args)
{
	char *argv[32] = { "ringbuf-bench" };
	struct online_cpus cpus;
	int argc = 1;

	if (!CHECK_STR_EQ(parse_online_cpus(online, &cpus), NULL))
		return -1;
	while (*args && argc < 31)
		argv[argc++] = *args++;
	return bench_options_parse(argc, argv, PARSE_FLAGS, &cpus, o);
}

/* Four CPUs, whatever the machine running the tests has. */
#define PARSE(o, ...)	parse_on("0-3", (o), (char *[]){ __VA_ARGS__, NULL })
#define PARSE_ON(online, o, ...) \
	parse_on((online), (o), (char *[]){ __VA_ARGS__, NULL })

static void test_defaults(void)
{
	struct bench_opts o;

	CHECK_INT_EQ(parse_on("0-3", &o, (char *[]){ NULL }), 0);
	CHECK_UINT_EQ(o.mechs.n, 5);
	CHECK_UINT_EQ(o.mechs.v[0], MECH_BARE);
	CHECK_UINT_EQ(o.mechs.v[4], MECH_RB_RESERVE);
	CHECK_UINT_EQ(o.rings.n, 1);
	CHECK_UINT_EQ(o.rings.v[0], RINGS_SHARED);
	CHECK_UINT_EQ(o.consumers.v[0], CONSUMER_LIBBPF);
	CHECK_UINT_EQ(o.wakeups.v[0], WAKEUP_PER_EVENT);
	CHECK_UINT_EQ(o.sizes.v[0], 8);
	CHECK_UINT_EQ(o.batches.v[0], 1);
	CHECK_UINT_EQ(o.threshold, 500);
	CHECK_UINT_EQ(o.producers, 1);
	CHECK_UINT_EQ(o.duration_ms, 2000);
	CHECK_UINT_EQ(o.repeat, 1);
	CHECK_UINT_EQ(o.ring_size, 512 * 1024);
	CHECK_UINT_EQ(o.perf_pages, 128);
	CHECK(o.csv_path == NULL);
	CHECK_UINT_EQ(o.latency_every, 64);
	CHECK_UINT_EQ(o.harnesses.n, 1);
	CHECK_UINT_EQ(o.harnesses.v[0], HARNESS_CHECK);
	CHECK(!o.burst);
}

/* --harness: ours, the kernel benchmark's, or both, in the order given. */
static void test_harness(void)
{
	char why[OPT_WHY_SIZE];
	struct bench_opts o;

	CHECK_INT_EQ(PARSE(&o, "--harness", "count,check"), 0);
	CHECK_UINT_EQ(o.harnesses.n, 2);
	CHECK_UINT_EQ(o.harnesses.v[0], HARNESS_COUNT);
	CHECK_UINT_EQ(o.harnesses.v[1], HARNESS_CHECK);
	CHECK(PARSE(&o, "--harness", "none") != 0);
	CHECK(PARSE(&o, "--harness", "check,") != 0);
	CHECK_STR_EQ(parse_name_list("full", harness_names, 2, &o.harnesses,
				     why),
		     "'full' is not one of check, count");
}

static void test_lists(void)
{
	struct bench_opts o;

	CHECK_INT_EQ(PARSE(&o, "-m", "rb-reserve,perfbuf",
			   "--consumer", "custom,libbpf",
			   "--notify=sampled,busy,per-event", "-b", "1,50,500",
			   "-s", "8,4096"), 0);
	CHECK_UINT_EQ(o.mechs.n, 2);
	CHECK_UINT_EQ(o.mechs.v[0], MECH_RB_RESERVE);
	CHECK_UINT_EQ(o.mechs.v[1], MECH_PERFBUF);
	CHECK_UINT_EQ(o.consumers.n, 2);
	CHECK_UINT_EQ(o.consumers.v[0], CONSUMER_CUSTOM);
	CHECK_UINT_EQ(o.consumers.v[1], CONSUMER_LIBBPF);
	CHECK_UINT_EQ(o.wakeups.n, 3);
	CHECK_UINT_EQ(o.wakeups.v[0], WAKEUP_BATCHED);
	CHECK_UINT_EQ(o.wakeups.v[2], WAKEUP_PER_EVENT);
	CHECK_UINT_EQ(o.batches.n, 3);
	CHECK_UINT_EQ(o.batches.v[2], 500);
	CHECK_UINT_EQ(o.sizes.v[1], 4096);
}

static void test_numbers_and_sizes(void)
{
	struct bench_opts o;

	CHECK_INT_EQ(PARSE(&o, "--duration", "0.25", "-w", "0", "-r", "3", "--producers", "2",
			   "--producer-cpus", "1,0", "--consumer-cpu", "-1",
			   "--buffer-size", "4M", "--pages", "64",
			   "--threshold", "50", "--csv", "x.csv",
			   "--latency-every", "1024", "--burst"), 0);
	CHECK_UINT_EQ(o.duration_ms, 250);
	CHECK_UINT_EQ(o.warmup_ms, 0);
	CHECK_UINT_EQ(o.repeat, 3);
	CHECK_UINT_EQ(o.producers, 2);
	CHECK_UINT_EQ(o.producer_cpus.n, 2);
	CHECK_UINT_EQ(o.producer_cpus.v[0], 1);
	CHECK_INT_EQ(o.consumer_cpu, -1);
	CHECK_UINT_EQ(o.ring_size, 4 << 20);
	CHECK_UINT_EQ(o.perf_pages, 64);
	CHECK_UINT_EQ(o.threshold, 50);
	CHECK_STR_EQ(o.csv_path, "x.csv");
	CHECK_UINT_EQ(o.latency_every, 1024);
	CHECK(o.burst);
	CHECK_INT_EQ(PARSE(&o, "--buffer-size", "64K"), 0);
	CHECK_UINT_EQ(o.ring_size, 65536);
	CHECK_INT_EQ(PARSE(&o, "--buffer-size", "1G"), 0);
	CHECK_UINT_EQ(o.ring_size, 1ULL << 30);
}

static void test_rejects(void)
{
	char why[OPT_WHY_SIZE];
	struct bench_opts o;
	struct opt_list l;

	CHECK(PARSE(&o, "-m", "ringbuf") != 0);
	CHECK(PARSE(&o, "-m", "perfbuf,") != 0);
	CHECK(PARSE(&o, "-m", "perfbuf,,empty") != 0);
	CHECK(PARSE(&o, "--consumer", "") != 0);
	CHECK(PARSE(&o, "-b", "0") != 0);
	CHECK(PARSE(&o, "-b", "1001") != 0);
	CHECK(PARSE(&o, "-s", "4") != 0);
	CHECK(PARSE(&o, "-s", "8,4097") != 0);
	CHECK(PARSE(&o, "--producers", "65") != 0);
	CHECK(PARSE(&o, "--producers", "-1") != 0);
	CHECK(PARSE(&o, "--duration", "0") != 0);
	CHECK(PARSE(&o, "--duration", "abc") != 0);
	CHECK(PARSE(&o, "-r", "0") != 0);
	CHECK(PARSE(&o, "--buffer-size", "3000") != 0);
	CHECK(PARSE(&o, "--buffer-size", "2G") != 0);
	CHECK(PARSE(&o, "--pages", "3") != 0);
	CHECK(PARSE(&o, "--consumer-cpu", "-2") != 0);
	/* Both sides pick the timed records with a mask. */
	CHECK(PARSE(&o, "--latency-every", "100") != 0);
	CHECK(PARSE(&o, "stray") != 0);
	CHECK(parse_u32_list("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17",
			     0, 100, &l, why) != NULL);
	CHECK(PARSE(&o, "--buffer-size", "12X") != 0);
	CHECK(PARSE(&o, "--buffer-size", "") != 0);
	CHECK(PARSE(&o, "--buffer-size", "-4K") != 0);
}

/* --rings: shared, per-cpu, or a power of two no larger than the producers. */
static void test_rings(void)
{
	char buf[RINGS_NAME_SIZE];
	struct bench_opts o;

	CHECK_INT_EQ(PARSE(&o, "--rings", "shared,per-cpu,1,2,4,64"), 0);
	CHECK_UINT_EQ(o.rings.n, 6);
	CHECK_UINT_EQ(o.rings.v[0], RINGS_SHARED);
	CHECK_UINT_EQ(o.rings.v[1], RINGS_PER_CPU);
	CHECK_UINT_EQ(o.rings.v[2], 1);
	CHECK_UINT_EQ(o.rings.v[3], 2);
	CHECK_UINT_EQ(o.rings.v[4], 4);
	CHECK_UINT_EQ(o.rings.v[5], 64);
	CHECK_INT_EQ(PARSE(&o, "--rings", "per-cpu"), 0);
	CHECK_UINT_EQ(o.rings.n, 1);
	CHECK_UINT_EQ(o.rings.v[0], RINGS_PER_CPU);
	CHECK(PARSE(&o, "--rings", "3") != 0);
	CHECK(PARSE(&o, "--rings", "0") != 0);
	CHECK(PARSE(&o, "--rings", "128") != 0);
	CHECK(PARSE(&o, "--rings", "junk") != 0);
	CHECK(PARSE(&o, "--rings", "Shared") != 0);
	CHECK(PARSE(&o, "--rings", "percpu") != 0);
	CHECK(PARSE(&o, "--rings", "shared,") != 0);
	CHECK(PARSE(&o, "--rings", "2,,4") != 0);
	CHECK(PARSE(&o, "--rings", "") != 0);
	CHECK(PARSE(&o, "--rings", "1,2,4,8,16,32,64,1,2,4,8,16,32,64,1,2,4") != 0);
	CHECK_INT_EQ(PARSE(&o, "--rings", "1,2,4,8,16,32,64,1,2,4,8,16,32,64,1,2"),
		     0);
	/* As --rings takes them, for the table and the CSV. */
	CHECK_STR_EQ(rings_name(RINGS_SHARED, buf), "shared");
	CHECK_STR_EQ(rings_name(RINGS_PER_CPU, buf), "per-cpu");
	CHECK_STR_EQ(rings_name(64, buf), "64");
}

/* --consumer none: the producers alone, any mechanism. */
static void test_consumer_none(void)
{
	char why[OPT_WHY_SIZE];
	struct bench_opts o;
	struct opt_list l;

	CHECK_INT_EQ(PARSE(&o, "--consumer", "none"), 0);
	CHECK_UINT_EQ(o.consumers.n, 1);
	CHECK_UINT_EQ(o.consumers.v[0], CONSUMER_NONE);
	CHECK_INT_EQ(PARSE(&o, "--consumer", "libbpf,none,custom",
			   "-m", "rb-reserve"), 0);
	CHECK_UINT_EQ(o.consumers.n, 3);
	CHECK_UINT_EQ(o.consumers.v[1], CONSUMER_NONE);
	/* Nothing reads the perf buffer while it runs: nothing has to. */
	CHECK_INT_EQ(PARSE(&o, "-m", "perfbuf", "--consumer", "none"), 0);
	CHECK_INT_EQ(PARSE(&o, "-m", "perfbuf", "--consumer", "custom,none"),
		     0);
	CHECK(PARSE(&o, "--consumer", "None") != 0);
	CHECK(PARSE(&o, "--consumer", "none,") != 0);
	CHECK_STR_EQ(parse_name_list("nothing", consumer_names, 3, &l, why),
		     "'nothing' is not one of libbpf, custom, none");
}

/* strtod and friends take all of these; no option may. */
static char *const not_numbers[] = {
	"nan", "NaN", "inf", "infinity", "-inf", "0x1p3", "0x10", "1e3",
	"-1", "+1", "", " 1", "1 ", "1.", ".5", "1,", "1..2",
};

static void test_no_option_takes_a_non_number(void)
{
	static char *const numeric[] = {
		"--threshold", "--size", "--batch", "--producers",
		"--producer-cpus", "--consumer-cpu", "--duration", "--warmup",
		"--repeat", "--latency-every", "--buffer-size", "--pages",
		"--rings",
	};
	struct bench_opts o;

	for (size_t i = 0; i < sizeof(numeric) / sizeof(numeric[0]); i++) {
		for (size_t j = 0; j < sizeof(not_numbers) /
				       sizeof(not_numbers[0]); j++) {
			char *v = not_numbers[j];

			/* -1 is the one CPU number that means "anywhere". */
			if (!strcmp(numeric[i], "--consumer-cpu") &&
			    !strcmp(v, "-1"))
				continue;
			if (!CHECK(PARSE(&o, numeric[i], v) != 0))
				fprintf(stderr, "  %s '%s'\n", numeric[i], v);
		}
	}
}

static void test_seconds(void)
{
	struct bench_opts o;

	CHECK_INT_EQ(PARSE(&o, "--duration", "1.5", "-w", "0.001"), 0);
	CHECK_UINT_EQ(o.duration_ms, 1500);
	CHECK_UINT_EQ(o.warmup_ms, 1);
	CHECK_INT_EQ(PARSE(&o, "--duration", "3600", "-w", "3600"), 0);
	CHECK_UINT_EQ(o.duration_ms, 3600000);
	CHECK(PARSE(&o, "--duration", "0") != 0);
	CHECK(PARSE(&o, "--duration", "0.000") != 0);
	CHECK(PARSE(&o, "--duration", "0.0004") != 0);
	CHECK(PARSE(&o, "--duration", "3600.001") != 0);
	CHECK(PARSE(&o, "-w", "3601") != 0);
	CHECK(PARSE(&o, "-w", "1e1") != 0);
}

/* Why a value was refused: the item at fault, and what was wanted. */
static void test_reasons(void)
{
	char why[OPT_WHY_SIZE];
	struct opt_list l;

	CHECK_STR_EQ(parse_u32_list("1,0", 1, 1000, &l, why),
		     "'0' is not a whole number from 1 to 1000");
	CHECK_STR_EQ(parse_u32_list("8,nan", 8, 4096, &l, why),
		     "'nan' is not a whole number from 8 to 4096");
	CHECK_STR_EQ(parse_u32_list("1,,2", 1, 9, &l, why),
		     "'' is not a whole number from 1 to 9");
	CHECK_STR_EQ(parse_u32_list("1,2,3,4,5,6,7,8,9,1,2,3,4,5,6,7,8",
				    0, 100, &l, why), "more than 16 values");
	CHECK_STR_EQ(parse_u32_list("1,2", 1, 9, &l, why), NULL);
	CHECK_UINT_EQ(l.n, 2);
	CHECK_STR_EQ(parse_name_list("empty,ringbuf", mech_names, 5, &l, why),
		     "'ringbuf' is not one of bare, empty, perfbuf, rb-output, "
		     "rb-reserve");
}

/* Lists that leave a mechanism nothing it can do are refused. */
static void test_combinations(void)
{
	struct bench_opts o;

	/* The custom consumer reads only ring buffers. */
	CHECK(PARSE(&o, "-m", "perfbuf", "--consumer", "custom") != 0);
	CHECK(PARSE(&o, "--consumer", "custom") != 0);
	CHECK_INT_EQ(PARSE(&o, "-m", "perfbuf,rb-reserve",
			   "--consumer", "libbpf,custom"), 0);
	CHECK_INT_EQ(PARSE(&o, "-m", "bare,empty,rb-output",
			   "--consumer", "custom"), 0);
	if (getpagesize() != 4096)
		return;
	/* A record must leave a buffer some room: kernel rules. */
	CHECK(PARSE(&o, "-m", "rb-reserve", "-s", "8,4096",
		    "--buffer-size", "4K") != 0);
	CHECK(PARSE(&o, "-m", "rb-output", "-s", "4081",
		    "--buffer-size", "4K") != 0);
	CHECK_INT_EQ(PARSE(&o, "-m", "rb-output", "-s", "4080",
			   "--buffer-size", "4K"), 0);
	CHECK(PARSE(&o, "-m", "perfbuf", "-s", "4077", "--pages", "1") != 0);
	CHECK_INT_EQ(PARSE(&o, "-m", "perfbuf", "-s", "4076", "--pages", "1"),
		     0);
	/* Each buffer matters only to its own mechanisms. */
	CHECK_INT_EQ(PARSE(&o, "-m", "perfbuf", "-s", "4096",
			   "--buffer-size", "4K"), 0);
	CHECK_INT_EQ(PARSE(&o, "-m", "rb-reserve", "-s", "4096",
			   "--pages", "1"), 0);
}

/* The kernel's list of online CPUs, as /sys/devices/system/cpu has it. */
static void test_online_list(void)
{
	struct online_cpus c;

	CHECK_STR_EQ(parse_online_cpus("0", &c), NULL);
	CHECK(cpu_online(&c, 0));
	CHECK(!cpu_online(&c, 1));
	CHECK_STR_EQ(parse_online_cpus("0,2-3,63-64,4095", &c), NULL);
	CHECK(cpu_online(&c, 0));
	CHECK(!cpu_online(&c, 1));
	CHECK(cpu_online(&c, 2));
	CHECK(cpu_online(&c, 3));
	CHECK(!cpu_online(&c, 4));
	CHECK(cpu_online(&c, 63));
	CHECK(cpu_online(&c, 64));
	CHECK(!cpu_online(&c, 65));
	CHECK(cpu_online(&c, 4095));
	CHECK(!cpu_online(&c, 4096));
	CHECK_STR_EQ(c.list, "0,2-3,63-64,4095");
	/* Options cannot name CPUs past 4095: they are no error, just unused. */
	CHECK_STR_EQ(parse_online_cpus("0-8191", &c), NULL);
	CHECK(cpu_online(&c, 4095));
	CHECK_STR_EQ(parse_online_cpus("4096-8191", &c),
		     "no CPU from 0 to 4095");
	CHECK_STR_EQ(parse_online_cpus("", &c), "not a list of CPUs");
	CHECK_STR_EQ(parse_online_cpus("0,", &c), "not a list of CPUs");
	CHECK_STR_EQ(parse_online_cpus("3-2", &c), "not a list of CPUs");
	CHECK_STR_EQ(parse_online_cpus("0-", &c), "not a list of CPUs");
	CHECK_STR_EQ(parse_online_cpus("0-1-2", &c), "not a list of CPUs");
	CHECK_STR_EQ(parse_online_cpus("0 1", &c), "not a list of CPUs");
	CHECK_STR_EQ(parse_online_cpus("0-1\n", &c), "not a list of CPUs");
	CHECK_STR_EQ(parse_online_cpus("123456789012345678901234", &c),
		     "not a list of CPUs");
}

/* CPUs are pinned only if online; the defaults are online ones. */
static void test_cpus_online(void)
{
	struct bench_opts o;

	CHECK_INT_EQ(PARSE_ON("0,2-3", &o, "--producer-cpus", "3,0",
			      "--consumer-cpu", "2"), 0);
	CHECK_UINT_EQ(o.producer_cpus.v[0], 3);
	CHECK_INT_EQ(o.consumer_cpu, 2);
	CHECK(PARSE_ON("0,2-3", &o, "--producer-cpus", "0,1") != 0);
	CHECK(PARSE_ON("0,2-3", &o, "--consumer-cpu", "1") != 0);
	CHECK(PARSE_ON("0-1", &o, "--producer-cpus", "5") != 0);
	CHECK(PARSE_ON("0-1", &o, "--consumer-cpu", "7") != 0);
	CHECK_INT_EQ(PARSE_ON("0-1", &o, "--consumer-cpu", "-1"), 0);
	/* CPU 1 is not the second online CPU of 0,2-3. */
	CHECK_INT_EQ(PARSE_ON("0,2-3", &o, "-r", "1"), 0);
	CHECK_UINT_EQ(o.producer_cpus.n, 1);
	CHECK_UINT_EQ(o.producer_cpus.v[0], 0);
	CHECK_INT_EQ(o.consumer_cpu, 2);
	/* Nor is CPU 0 always there. */
	CHECK_INT_EQ(PARSE_ON("1-2", &o, "-r", "1"), 0);
	CHECK_UINT_EQ(o.producer_cpus.v[0], 1);
	CHECK_INT_EQ(o.consumer_cpu, 2);
	CHECK_INT_EQ(PARSE_ON("5", &o, "-r", "1"), 0);
	CHECK_UINT_EQ(o.producer_cpus.v[0], 5);
	CHECK_INT_EQ(o.consumer_cpu, -1);
}

void test_bench_options(void)
{
	test_defaults();
	test_lists();
	test_harness();
	test_numbers_and_sizes();
	test_rejects();
	test_rings();
	test_consumer_none();
	test_no_option_takes_a_non_number();
	test_seconds();
	test_reasons();
	test_combinations();
	test_online_list();
	test_cpus_online();
}
