// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * ringbuf-bench: runs every combination of the listed mechanisms,
 * consumers, notification modes, record sizes and batches, each `repeat`
 * times, and prints one line per combination.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <bpf/libbpf.h>
#include "report.h"

struct bench {
	const struct bench_opts *opts;
	FILE *csv;
	double empty_ns;	/* the empty program's time per trigger */
	bool baseline_done[MECH_EMPTY + 1];
	bool failed;
};

static int print_libbpf_log(enum libbpf_print_level level, const char *fmt,
			    va_list args)
{
	(void)level;
	return vfprintf(stderr, fmt, args);
}

/*
 * Baselines have no buffer, so consumer, notification, size and batch mean
 * nothing to them: each is measured once.  Only ring buffers have a custom
 * consumer.
 */
static bool worth_running(struct bench *b, const struct bench_config *cfg)
{
	if (cfg->mech <= MECH_EMPTY) {
		if (b->baseline_done[cfg->mech])
			return false;
		b->baseline_done[cfg->mech] = true;
		return true;
	}
	return !(cfg->mech == MECH_PERFBUF && cfg->consumer == CONSUMER_CUSTOM);
}

static void run_line(struct bench *b, const struct bench_config *cfg)
{
	const struct bench_opts *o = b->opts;
	struct run_result *runs = calloc(o->repeat, sizeof(*runs));
	struct report_line line;

	if (!runs) {
		b->failed = true;
		return;
	}
	for (unsigned int i = 0; i < o->repeat; i++) {
		if (run_config(o, cfg, &runs[i])) {
			b->failed = true;
			free(runs);
			return;
		}
	}
	report_fold(&line, o, cfg, runs, o->repeat, b->empty_ns);
	if (cfg->mech == MECH_EMPTY)
		b->empty_ns = line.ns_per_trigger;
	if (!line.exact)
		b->failed = true;
	report_text(stdout, &line);
	fflush(stdout);
	if (b->csv) {
		report_csv(b->csv, &line);
		fflush(b->csv);
	}
	free(runs);
}

static bool listed(const struct opt_list *l, unsigned int v)
{
	for (unsigned int i = 0; i < l->n; i++)
		if (l->v[i] == v)
			return true;
	return false;
}

static void run_all(struct bench *b)
{
	const struct bench_opts *o = b->opts;
	struct bench_config cfg = {
		.mech = MECH_EMPTY,
		.size = o->sizes.v[0],
		.batch = o->batches.v[0],
	};

	/* The baseline first, so that every other line can be compared. */
	if (listed(&o->mechs, MECH_EMPTY) && worth_running(b, &cfg))
		run_line(b, &cfg);
	for (unsigned int m = 0; m < o->mechs.n; m++)
	for (unsigned int c = 0; c < o->consumers.n; c++)
	for (unsigned int n = 0; n < o->notifies.n; n++)
	for (unsigned int s = 0; s < o->sizes.n; s++)
	for (unsigned int k = 0; k < o->batches.n; k++) {
		cfg = (struct bench_config){
			.mech = o->mechs.v[m],
			.consumer = o->consumers.v[c],
			.notify = o->notifies.v[n],
			.size = o->sizes.v[s],
			.batch = o->batches.v[k],
		};
		if (worth_running(b, &cfg))
			run_line(b, &cfg);
	}
}

/* Appends to path; a header first when the file is new or empty. */
static FILE *open_csv(const char *path)
{
	struct stat st;
	FILE *f = fopen(path, "a");

	if (f && (fstat(fileno(f), &st) || st.st_size == 0))
		report_csv_header(f);
	return f;
}

int main(int argc, char **argv)
{
	struct bench_opts opts;
	struct bench b = { .opts = &opts, .empty_ns = NAN };

	bench_options_parse(argc, argv, 0, &opts);
	libbpf_set_print(opts.verbose ? print_libbpf_log : NULL);
	if (opts.csv_path) {
		b.csv = open_csv(opts.csv_path);
		if (!b.csv) {
			fprintf(stderr, "ringbuf-bench: %s: %m\n", opts.csv_path);
			return 1;
		}
	}
	report_text_header(stdout);
	run_all(&b);
	if (b.csv)
		fclose(b.csv);
	return b.failed;
}
