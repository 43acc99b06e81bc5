/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* One line per configuration, as a text table or as CSV. */
#ifndef BENCH_REPORT_H
#define BENCH_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include "run.h"

/* A configuration's runs, summed up.  NAN where a figure does not apply. */
struct report_line {
	struct bench_config cfg;
	unsigned int threshold, producers, runs;
	unsigned int unmeasured;	/* runs whose window saw no trigger */
	double events_per_s, events_sd;	/* mean and sample spread */
	double drops_per_s;
	double ns_per_trigger;
	double ratio;			/* over the empty program */
	double added_ns_per_record;	/* over the empty program */
	double consumer_cpu_pct;
	/* CPU time, where the machine's other work does not count: */
	double producer_cpu_ns_per_trigger;	/* of each producer */
	double consumer_cpu_ns_per_record;	/* of the consumer */
	double p50_us, p99_us, p999_us;
	unsigned long long buffer_bytes;
	unsigned long long reordered, corrupt;
	/* Totals over all runs, warm-up and drain included. */
	unsigned long long produced, delivered, dropped;
	bool exact;		/* produced = delivered + dropped, every run */
	bool burst;		/* totals only: no window, no rates */
};

/* The CSV header, without its newline. */
extern const char report_csv_columns[];

/* Folds n runs of cfg; empty_ns is the baseline's time per trigger or NAN. */
void report_fold(struct report_line *line, const struct bench_opts *opts,
		 const struct bench_config *cfg, const struct run_result *runs,
		 unsigned int n, double empty_ns);
/* A burst's table shows what became of the records instead of rates. */
void report_text_header(FILE *f, bool burst);
void report_text(FILE *f, const struct report_line *line);
void report_csv_header(FILE *f);
void report_csv(FILE *f, const struct report_line *line);

#endif /* BENCH_REPORT_H */
