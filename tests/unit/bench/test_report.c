// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Runs folded into a report line, then printed: a figure nothing measured
 * shows as "-" in text and as an empty CSV field, never as a 0.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "bench_tests.h"
#include "report.h"
#include "stats.h"

#define MAX_FIELDS	32

static const struct bench_config rb_reserve = {
	.mech = MECH_RB_RESERVE,
	.size = 8,
	.batch = 1,
};

/* A measured second as run.c's summarize() leaves it: n latency samples. */
static struct run_result measured(const unsigned long long *ns, size_t n)
{
	return (struct run_result){
		.seconds = 1,
		.triggers = 1000,
		.delivered = 1000,
		.produced_total = 1000,
		.delivered_total = 1000,
		.p50_ns = percentile(ns, n, 50),
		.p99_ns = percentile(ns, n, 99),
		.p999_ns = percentile(ns, n, 99.9),
	};
}

/* What one of the report functions prints, as a string to free. */
static char *printed(void (*print)(FILE *f, const struct report_line *l),
		     const struct report_line *l)
{
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	if (f) {
		print(f, l);
		fclose(f);
	}
	return buf;
}

/* Splits s in place at sep (runs of it when spaces): the field count. */
static int split(char *s, const char *sep, char **fields)
{
	int n = 0;
	char *tok;

	s[strcspn(s, "\n")] = '\0';
	if (!strcmp(sep, " ")) {
		for (tok = strtok(s, " "); tok && n < MAX_FIELDS;
		     tok = strtok(NULL, " "))
			fields[n++] = tok;
		return n;
	}
	while ((tok = strsep(&s, sep)) && n < MAX_FIELDS)
		fields[n++] = tok;
	return n;
}

/* The field of line under the header's column name, or NULL. */
static const char *column(char *header, char *line, const char *sep,
			  const char *name)
{
	char *h[MAX_FIELDS], *v[MAX_FIELDS];
	int nh = split(header, sep, h), nv = split(line, sep, v);

	for (int i = 0; i < nh && i < nv; i++)
		if (!strcmp(h[i], name))
			return v[i];
	return NULL;
}

static void text_header(FILE *f, const struct report_line *l)
{
	report_text_header(f, l->burst);
}

static void csv_header(FILE *f, const struct report_line *l)
{
	(void)l;
	report_csv_header(f);
}

/* Checks that name shows as text in the text table and csv in the CSV. */
static void check_shown(const struct report_line *l, const char *name,
			const char *text, const char *csv_name, const char *csv)
{
	char *th = printed(text_header, l), *tl = printed(report_text, l);
	char *ch = printed(csv_header, l), *cl = printed(report_csv, l);

	if (th && tl && !CHECK_STR_EQ(column(th, tl, " ", name), text))
		fprintf(stderr, "  column %s\n", name);
	if (ch && cl && !CHECK_STR_EQ(column(ch, cl, ",", csv_name), csv))
		fprintf(stderr, "  column %s\n", csv_name);
	free(th);
	free(tl);
	free(ch);
	free(cl);
}

static void fold(struct report_line *l, const struct run_result *runs,
		 unsigned int n, bool burst)
{
	struct bench_opts opts = { .producers = 1, .burst = burst };

	report_fold(l, &opts, &rb_reserve, runs, n, 100);
}

/* Every record dropped, or none timed: no latency at all. */
static void test_no_latency_sample(void)
{
	struct run_result runs[] = { measured(NULL, 0), measured(NULL, 0) };
	struct report_line l;

	fold(&l, runs, 2, false);
	CHECK(isnan(l.p50_us));
	CHECK(isnan(l.p999_us));
	check_shown(&l, "p50us", "-", "latency_p50_us", "");
	check_shown(&l, "p99us", "-", "latency_p99_us", "");
	check_shown(&l, "p99.9us", "-", "latency_p999_us", "");
	/* What was measured still shows. */
	check_shown(&l, "events/s", "0.00M", "events_per_s", "1000");
}

/* The latency of the runs that have one, not diluted by those without. */
static void test_latency_of_runs_with_samples(void)
{
	unsigned long long ns[] = { 2000, 2000, 2000, 2000 };
	struct run_result runs[] = { measured(NULL, 0), measured(ns, 4) };
	struct report_line l;

	fold(&l, runs, 2, false);
	CHECK(fabs(l.p50_us - 2.0) < 1e-9);
	check_shown(&l, "p50us", "2.0", "latency_p50_us", "2.00");
}

/* One run has no spread to show. */
static void test_one_run_has_no_spread(void)
{
	struct run_result runs[] = { measured(NULL, 0) };
	struct report_line l;

	fold(&l, runs, 1, false);
	check_shown(&l, "+-", "-", "events_per_s_sd", "");
	fold(&l, (struct run_result[]){ runs[0], runs[0] }, 2, false);
	check_shown(&l, "+-", "0.00M", "events_per_s_sd", "0");
}

/* A burst has no rates: its text shows what became of each record. */
static void test_burst_shows_totals(void)
{
	struct run_result run = {
		.produced_total = 500,
		.delivered_total = 320,
		.dropped_total = 180,
	};
	struct report_line l;

	fold(&l, &run, 1, true);
	check_shown(&l, "produced", "500", "produced", "500");
	check_shown(&l, "delivered", "320", "delivered", "320");
	check_shown(&l, "dropped", "180", "dropped", "180");
	check_shown(&l, "exact", "yes", "exact", "1");
}

/*
 * A window that closed before the first trigger (a run of a millisecond,
 * threads barely started) has no time per trigger: not a division by zero,
 * nor a mean without it that would flatter the runs that did see some.
 */
static void test_run_without_trigger(void)
{
	struct run_result runs[] = { measured(NULL, 0), measured(NULL, 0) };
	struct report_line l;
	char *csv;

	runs[1].triggers = 0;
	runs[1].delivered = 0;
	fold(&l, runs, 2, false);
	CHECK(isnan(l.ns_per_trigger));
	CHECK(isnan(l.ratio));
	CHECK(isnan(l.events_per_s));
	check_shown(&l, "ns/trig", "-", "ns_per_trigger", "");
	check_shown(&l, "ratio", "-", "ratio_vs_empty", "");
	check_shown(&l, "events/s", "-", "events_per_s", "");
	/* The totals were counted all the same. */
	CHECK_UINT_EQ(l.produced, 2000);
	CHECK_UINT_EQ(l.unmeasured, 1);
	csv = printed(report_csv, &l);
	if (csv && !CHECK(!strstr(csv, "nan") && !strstr(csv, "inf")))
		fprintf(stderr, "  %s", csv);
	free(csv);
}

/* The topology shows for the ring mechanisms only: perfbuf has none. */
static void test_rings_column(void)
{
	struct run_result run = measured(NULL, 0);
	struct bench_opts opts = { .producers = 1 };
	struct bench_config cfg = rb_reserve;
	struct report_line l;

	cfg.rings = RINGS_PER_CPU;
	report_fold(&l, &opts, &cfg, &run, 1, 100);
	check_shown(&l, "rings", "per-cpu", "rings", "per-cpu");
	cfg.rings = 4;
	report_fold(&l, &opts, &cfg, &run, 1, 100);
	check_shown(&l, "rings", "4", "rings", "4");
	cfg.mech = MECH_PERFBUF;
	report_fold(&l, &opts, &cfg, &run, 1, 100);
	check_shown(&l, "rings", "-", "rings", "-");
}

/*
 * No consumer: nothing is read in the window, so no delivery rate and no
 * consumer CPU, and nobody is woken; the drops and the producer's time are
 * the figures.
 */
static void test_no_consumer(void)
{
	struct run_result run = measured(NULL, 0);
	struct bench_opts opts = { .producers = 1 };
	struct bench_config cfg = rb_reserve;
	struct report_line l;

	cfg.consumer = CONSUMER_NONE;
	cfg.wakeup = WAKEUP_BUSY;
	run.delivered = 0;
	run.dropped = 3000000;
	run.consumer_cpu = 0;
	report_fold(&l, &opts, &cfg, &run, 1, 100);
	check_shown(&l, "cons", "none", "consumer", "none");
	check_shown(&l, "wakeup", "-", "wakeup", "-");
	check_shown(&l, "events/s", "-", "events_per_s", "");
	check_shown(&l, "cpu%", "-", "consumer_cpu_pct", "");
	check_shown(&l, "drops/s", "3.00M", "drops_per_s", "3000000");
	check_shown(&l, "ns/trig", "1000000", "ns_per_trigger", "1000000.0");
	check_shown(&l, "exact", "yes", "exact", "1");
}

/*
 * The harness shows on every line with records, and the CPU time per record
 * is the consumer's over what it delivered, the producers' over their
 * triggers: the window's length does not enter them.
 */
static void test_harness_and_cpu_per_record(void)
{
	struct run_result run = measured(NULL, 0);
	struct bench_opts opts = { .producers = 1 };
	struct bench_config cfg = rb_reserve;
	struct report_line l;

	cfg.harness = HARNESS_COUNT;
	run.seconds = 2;
	run.consumer_cpu = 0.25;	/* 0.5 s for 1000 records */
	run.producer_cpu_ns = 300000;
	report_fold(&l, &opts, &cfg, &run, 1, 100);
	check_shown(&l, "harness", "count", "harness", "count");
	check_shown(&l, "harness", "count", "consumer_cpu_ns_per_record",
		    "500000.0");
	check_shown(&l, "harness", "count", "producer_cpu_ns_per_trigger",
		    "300.0");
	cfg.harness = HARNESS_CHECK;
	report_fold(&l, &opts, &cfg, &run, 1, 100);
	check_shown(&l, "harness", "check", "harness", "check");
	/* Nothing delivered: no figure, not 0 nor infinity. */
	run.delivered = 0;
	report_fold(&l, &opts, &cfg, &run, 1, 100);
	check_shown(&l, "harness", "check", "consumer_cpu_ns_per_record", "");
	/* The baselines write no record. */
	cfg.mech = MECH_EMPTY;
	report_fold(&l, &opts, &cfg, &run, 1, 100);
	check_shown(&l, "harness", "-", "harness", "-");
	check_shown(&l, "harness", "-", "consumer_cpu_ns_per_record", "");
}

void test_bench_report(void)
{
	test_no_latency_sample();
	test_latency_of_runs_with_samples();
	test_one_run_has_no_spread();
	test_burst_shows_totals();
	test_run_without_trigger();
	test_rings_column();
	test_no_consumer();
	test_harness_and_cpu_per_record();
}
