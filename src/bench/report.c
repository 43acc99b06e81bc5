// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Turns runs into the figures the benchmark promises, then prints them. */
#include <math.h>
#include "report.h"
#include "stats.h"

#define MAX_RUNS	1000

static bool has_consumer(enum bench_mech m)
{
	return m != MECH_BARE && m != MECH_EMPTY;
}

/* The totals every run has, measured window or burst. */
static void add_totals(struct report_line *line, const struct run_result *r)
{
	line->buffer_bytes = r->buffer_bytes;
	line->reordered += r->reordered;
	line->corrupt += r->corrupt;
	line->produced += r->produced_total;
	line->delivered += r->delivered_total;
	line->dropped += r->dropped_total;
	if (r->produced_total != r->delivered_total + r->dropped_total)
		line->exact = false;
}

static void set_no_rates(struct report_line *line)
{
	line->events_per_s = line->events_sd = line->drops_per_s = NAN;
	line->consumer_cpu_pct = line->p50_us = NAN;
	line->p99_us = line->p999_us = line->added_ns_per_record = NAN;
	line->consumer_cpu_ns_per_record = NAN;
}

void report_fold(struct report_line *line, const struct bench_opts *opts,
		 const struct bench_config *cfg, const struct run_result *runs,
		 unsigned int n, double empty_ns)
{
	double eps[MAX_RUNS], sum_drops = 0, sum_ns = 0, sum_cpu = 0;
	double sum_pcpu = 0, sum_ccpu = 0;
	double p50 = 0, p99 = 0, p999 = 0;
	unsigned int w = 0;	/* runs with a measured window */
	unsigned int timed = 0;	/* of those, runs with latency samples */

	*line = (struct report_line){
		.cfg = *cfg,
		.threshold = opts->threshold,
		.producers = opts->producers,
		.runs = n,
		.exact = true,
		.burst = opts->burst,
	};
	for (unsigned int i = 0; i < n && i < MAX_RUNS; i++) {
		const struct run_result *r = &runs[i];

		add_totals(line, r);
		if (!r->seconds)	/* a burst: totals only */
			continue;
		if (!r->triggers) {
			line->unmeasured++;
			continue;
		}
		eps[w++] = r->delivered / r->seconds;
		sum_drops += r->dropped / r->seconds;
		/* Producers run side by side: each one's time per trigger. */
		sum_ns += r->seconds * 1e9 * opts->producers / r->triggers;
		sum_cpu += r->consumer_cpu;
		sum_pcpu += r->producer_cpu_ns / r->triggers;
		/* Nothing delivered: no figure (inf or NAN), never a 0. */
		sum_ccpu += r->consumer_cpu * r->seconds * 1e9 / r->delivered;
		/* No record timed (all dropped, say): no latency, not 0. */
		if (isnan(r->p50_ns))
			continue;
		timed++;
		p50 += r->p50_ns;
		p99 += r->p99_ns;
		p999 += r->p999_ns;
	}
	/*
	 * A window without a trigger has no time per trigger, and a mean of
	 * the others would flatter them (they too were cut short): no figure.
	 */
	if (line->unmeasured)
		w = 0;
	line->ns_per_trigger = w ? sum_ns / w : NAN;
	line->producer_cpu_ns_per_trigger = w ? sum_pcpu / w : NAN;
	/* The empty program is its own baseline. */
	if (cfg->mech == MECH_EMPTY)
		empty_ns = line->ns_per_trigger;
	line->ratio = line->ns_per_trigger / empty_ns;
	line->added_ns_per_record = (line->ns_per_trigger - empty_ns) /
				    cfg->batch;
	if (!w || !has_consumer(cfg->mech)) {
		set_no_rates(line);
		return;
	}
	line->events_per_s = mean(eps, w);
	line->events_sd = stddev(eps, w);
	line->drops_per_s = sum_drops / w;
	line->consumer_cpu_pct = 100 * sum_cpu / w;
	line->consumer_cpu_ns_per_record = sum_ccpu / w;
	line->p50_us = timed ? p50 / timed / 1e3 : NAN;
	line->p99_us = timed ? p99 / timed / 1e3 : NAN;
	line->p999_us = timed ? p999 / timed / 1e3 : NAN;
	/* Nothing read in the window: no delivery rate, no consumer. */
	if (cfg->consumer == CONSUMER_NONE)
		line->events_per_s = line->events_sd = line->consumer_cpu_pct =
			line->consumer_cpu_ns_per_record = NAN;
}

static const char *consumer_label(const struct bench_config *cfg)
{
	return has_consumer(cfg->mech) ? consumer_names[cfg->consumer] : "-";
}

/* Without a consumer, nobody is woken. */
static const char *wakeup_label(const struct bench_config *cfg)
{
	return has_consumer(cfg->mech) && cfg->consumer != CONSUMER_NONE ?
	       wakeup_names[cfg->wakeup] : "-";
}

/* The baselines write no record, so have no harness. */
static const char *harness_label(const struct bench_config *cfg)
{
	return has_consumer(cfg->mech) ? harness_names[cfg->harness] : "-";
}

/* Perf buffer is per CPU by nature, the baselines have no buffer. */
static const char *rings_label(const struct bench_config *cfg, char *buf)
{
	return mech_has_rings(cfg->mech) ? rings_name(cfg->rings, buf) : "-";
}

static void text_config_header(FILE *f)
{
	fprintf(f, "%-10s %-6s %-9s %-7s %-7s %5s %5s", "mechanism", "cons",
		"wakeup", "rings", "harness", "size", "batch");
}

void report_text_header(FILE *f, bool burst)
{
	text_config_header(f);
	if (burst)
		fprintf(f, " %9s %9s %9s", "produced", "delivered", "dropped");
	else
		fprintf(f, " %9s %8s %9s %8s %6s %8s %5s %8s %8s %8s",
			"events/s", "+-", "drops/s", "ns/trig", "ratio",
			"+ns/rec", "cpu%", "p50us", "p99us", "p99.9us");
	fprintf(f, " %7s %s\n", "bufKiB", "exact");
}

/* Millions with two decimals, or "-" for what was not measured. */
static void put_m(FILE *f, int width, double v)
{
	if (!isfinite(v))
		fprintf(f, " %*s", width, "-");
	else
		fprintf(f, " %*.2fM", width - 1, v / 1e6);
}

static void put_f(FILE *f, int width, int prec, double v)
{
	if (!isfinite(v))
		fprintf(f, " %*s", width, "-");
	else
		fprintf(f, " %*.*f", width, prec, v);
}

/* A count, or "-" where there is no buffer to count records of. */
static void put_count(FILE *f, int width, bool any, unsigned long long v)
{
	if (any)
		fprintf(f, " %*llu", width, v);
	else
		fprintf(f, " %*s", width, "-");
}

static void text_config(FILE *f, const struct bench_config *c)
{
	char rings[RINGS_NAME_SIZE];

	fprintf(f, "%-10s %-6s %-9s %-7s %-7s", mech_names[c->mech],
		consumer_label(c), wakeup_label(c), rings_label(c, rings),
		harness_label(c));
	if (has_consumer(c->mech))
		fprintf(f, " %5u %5u", c->size, c->batch);
	else
		fprintf(f, " %5s %5s", "-", "-");
}

static void text_rates(FILE *f, const struct report_line *l)
{
	put_m(f, 9, l->events_per_s);
	put_m(f, 8, l->events_sd);
	put_m(f, 9, l->drops_per_s);
	put_f(f, 8, 0, l->ns_per_trigger);
	put_f(f, 6, 2, l->ratio);
	put_f(f, 8, 1, l->added_ns_per_record);
	put_f(f, 5, 0, l->consumer_cpu_pct);
	put_f(f, 8, 1, l->p50_us);
	put_f(f, 8, 1, l->p99_us);
	put_f(f, 8, 1, l->p999_us);
}

static const char *verdict(const struct report_line *l)
{
	if (!has_consumer(l->cfg.mech))
		return "-";
	if (!l->exact)
		return "NO";
	if (l->corrupt)
		return "corrupt";
	return l->reordered ? "reordered" : "yes";
}

void report_text(FILE *f, const struct report_line *l)
{
	bool any = has_consumer(l->cfg.mech);

	text_config(f, &l->cfg);
	if (l->burst) {
		put_count(f, 9, any, l->produced);
		put_count(f, 9, any, l->delivered);
		put_count(f, 9, any, l->dropped);
	} else {
		text_rates(f, l);
	}
	fprintf(f, " %7llu %s\n", l->buffer_bytes / 1024, verdict(l));
}

/*
 * The scripts that read these files find each column by its name in this
 * header: a new column may go anywhere.
 */
const char report_csv_columns[] =
	"mechanism,consumer,wakeup,rings,threshold,size,batch,producers,runs,"
	"events_per_s,events_per_s_sd,drops_per_s,ns_per_trigger,"
	"ratio_vs_empty,added_ns_per_record,consumer_cpu_pct,latency_p50_us,"
	"latency_p99_us,latency_p999_us,buffer_bytes,reordered,corrupt,"
	"produced,delivered,dropped,exact,harness,producer_cpu_ns_per_trigger,"
	"consumer_cpu_ns_per_record";

void report_csv_header(FILE *f)
{
	fprintf(f, "%s\n", report_csv_columns);
}

/* CSV leaves a figure that does not apply, or was not measured, empty. */
static void csv_f(FILE *f, int prec, double v)
{
	if (!isfinite(v))
		fputs(",", f);
	else
		fprintf(f, ",%.*f", prec, v);
}

void report_csv(FILE *f, const struct report_line *l)
{
	const struct bench_config *c = &l->cfg;
	char rings[RINGS_NAME_SIZE];

	fprintf(f, "%s,%s,%s,%s,%u,%u,%u,%u,%u", mech_names[c->mech],
		consumer_label(c), wakeup_label(c), rings_label(c, rings),
		l->threshold, c->size, c->batch, l->producers, l->runs);
	csv_f(f, 0, l->events_per_s);
	csv_f(f, 0, l->events_sd);
	csv_f(f, 0, l->drops_per_s);
	csv_f(f, 1, l->ns_per_trigger);
	csv_f(f, 3, l->ratio);
	csv_f(f, 1, l->added_ns_per_record);
	csv_f(f, 1, l->consumer_cpu_pct);
	csv_f(f, 2, l->p50_us);
	csv_f(f, 2, l->p99_us);
	csv_f(f, 2, l->p999_us);
	fprintf(f, ",%llu,%llu,%llu,%llu,%llu,%llu,%d,%s", l->buffer_bytes,
		l->reordered, l->corrupt, l->produced, l->delivered,
		l->dropped, l->exact ? 1 : 0, harness_label(c));
	csv_f(f, 1, l->producer_cpu_ns_per_trigger);
	csv_f(f, 1, l->consumer_cpu_ns_per_record);
	fputc('\n', f);
}
