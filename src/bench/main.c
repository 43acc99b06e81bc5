// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * ringbuf-bench: runs every combination of the listed mechanisms,
 * consumers, wakeup modes, record sizes and batches, each `repeat`
 * times, and prints one line per combination.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <bpf/libbpf.h>
#include "libbpf_log.h"
#include "report.h"

struct bench {
	const struct bench_opts *opts;
	FILE *csv;
	double empty_ns;	/* the empty program's time per trigger */
	bool baseline_done[MECH_EMPTY + 1];
	bool failed;
	bool write_failed;	/* results are being lost: stop */
};

/* Reports a failed write once: the first is the one to fix. */
static void write_failed(struct bench *b, const char *name)
{
	if (!b->write_failed)
		fprintf(stderr, "ringbuf-bench: writing %s: %s\n", name,
			strerror(errno ? errno : EIO));
	b->write_failed = true;
}

/* Each line out at once, so that a failed write is found at once. */
static void flush(struct bench *b, FILE *f, const char *name)
{
	errno = 0;
	if (fflush(f) || ferror(f))
		write_failed(b, name);
}

static void close_output(struct bench *b, FILE *f, const char *name)
{
	errno = 0;
	if (fclose(f))
		write_failed(b, name);
}

/*
 * No run is worth its time once results cannot be written.  Baselines have
 * no buffer, so consumer, wakeup, size, batch and harness mean nothing to
 * them: each is measured once.  Only ring buffers have a custom consumer
 * and a topology, and the crossing wakeup rule, and only a consumer is
 * woken: the others run for the
 * first of --rings and --wakeup (rings_i, wakeup_i: the places in them).
 * options.c made sure that perfbuf is left libbpf's or none.
 */
static bool worth_running(struct bench *b, const struct bench_config *cfg,
			  unsigned int rings_i, unsigned int wakeup_i)
{
	if (b->write_failed)
		return false;
	if (rings_i && !mech_has_rings(cfg->mech))
		return false;
	if (wakeup_i && cfg->consumer == CONSUMER_NONE)
		return false;
	if (cfg->mech <= MECH_EMPTY) {
		if (b->baseline_done[cfg->mech])
			return false;
		b->baseline_done[cfg->mech] = true;
		return true;
	}
	if (cfg->mech == MECH_PERFBUF && cfg->wakeup == WAKEUP_CROSSING)
		return false;	/* a ring buffer's rule */
	return !(cfg->mech == MECH_PERFBUF && cfg->consumer == CONSUMER_CUSTOM);
}

/* Folds a line's runs, and prints it. */
static void report_line(struct bench *b, const struct bench_config *cfg,
			const struct run_result *runs)
{
	const struct bench_opts *o = b->opts;
	struct report_line line;

	report_fold(&line, o, cfg, runs, o->repeat, b->empty_ns);
	if (cfg->mech == MECH_EMPTY)
		b->empty_ns = line.ns_per_trigger;
	if (!line.exact || line.corrupt)
		b->failed = true;
	report_text(stdout, &line);
	flush(b, stdout, "standard output");
	/* Its figures are "-": say why, or it looks like a broken table. */
	if (line.unmeasured) {
		fprintf(stderr, "ringbuf-bench: %s: no trigger in %u of %u runs: "
			"%g s is too short to measure (raise --duration)\n",
			mech_names[cfg->mech], line.unmeasured, line.runs,
			o->duration_ms / 1000.0);
		b->failed = true;
	}
	if (b->csv) {
		report_csv(b->csv, &line);
		flush(b, b->csv, o->csv_path);
	}
}

/*
 * n configurations that differ only in their wakeup mode or harness: their
 * runs alternate, so that the machine's drift over the line's time weighs
 * on each alike, and their difference is the mode's, or the harness's.
 */
static void run_lines(struct bench *b, const struct bench_config *cfgs,
		      unsigned int n)
{
	const struct bench_opts *o = b->opts;
	struct run_result *runs = calloc((size_t)n * o->repeat, sizeof(*runs));

	if (!runs) {
		fprintf(stderr, "ringbuf-bench: allocating: %m\n");
		b->failed = true;
		return;
	}
	for (unsigned int i = 0; i < o->repeat; i++) {
		for (unsigned int h = 0; h < n; h++) {
			if (run_config(o, &cfgs[h], &runs[h * o->repeat + i])) {
				b->failed = true;
				free(runs);
				return;
			}
		}
	}
	for (unsigned int h = 0; h < n; h++)
		report_line(b, &cfgs[h], &runs[h * o->repeat]);
	free(runs);
}

static void run_all(struct bench *b)
{
	const struct bench_opts *o = b->opts;
	struct bench_config cfg = {
		.mech = MECH_EMPTY,
		.size = o->sizes.v[0],
		.batch = o->batches.v[0],
	}, cfgs[OPT_MAX_LIST * OPT_MAX_LIST];
	unsigned int n;

	/* The baseline first, so that every other line can be compared. */
	if (opt_listed(&o->mechs, MECH_EMPTY) && worth_running(b, &cfg, 0, 0))
		run_lines(b, &cfg, 1);
	for (unsigned int m = 0; m < o->mechs.n; m++)
	for (unsigned int t = 0; t < o->rings.n; t++)
	for (unsigned int c = 0; c < o->consumers.n; c++)
	for (unsigned int s = 0; s < o->sizes.n; s++)
	for (unsigned int k = 0; k < o->batches.n; k++) {
		n = 0;
		for (unsigned int w = 0; w < o->wakeups.n; w++)
		for (unsigned int h = 0; h < o->harnesses.n; h++) {
			cfg = (struct bench_config){
				.mech = o->mechs.v[m],
				.consumer = o->consumers.v[c],
				/* Without a consumer, nobody to wake. */
				.wakeup = o->consumers.v[c] == CONSUMER_NONE ?
					  WAKEUP_BUSY : o->wakeups.v[w],
				.rings = mech_has_rings(o->mechs.v[m]) ?
					 o->rings.v[t] : RINGS_SHARED,
				.size = o->sizes.v[s],
				.batch = o->batches.v[k],
				.harness = o->harnesses.v[h],
			};
			if (worth_running(b, &cfg, t, w))
				cfgs[n++] = cfg;
		}
		if (n)
			run_lines(b, cfgs, n);
	}
}

/* Whether a file's first line is the header this version writes. */
static bool same_columns(const char *path)
{
	char line[512];	/* longer than ours: not ours */
	FILE *f = fopen(path, "r");
	bool same = false;

	if (!f)
		return false;
	if (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		same = !strcmp(line, report_csv_columns);
	}
	fclose(f);
	return same;
}

/* Whether the last byte of a file is not a newline: a run cut it short. */
static bool ends_cut(const char *path, off_t size)
{
	FILE *f = fopen(path, "r");
	bool cut;

	if (!f)
		return false;
	cut = !fseeko(f, size - 1, SEEK_SET) && fgetc(f) != '\n';
	fclose(f);
	return cut;
}

/*
 * Appends to path; a header first when the file is new or empty.  A file
 * with lines already must have the same columns, or they would not line up;
 * its last line, if a full disk cut it short, is ended first, so that no
 * line is glued to it.
 */
static FILE *open_csv(struct bench *b, const char *path)
{
	struct stat st;
	FILE *f = fopen(path, "a");

	if (!f) {
		fprintf(stderr, "ringbuf-bench: %s: %m\n", path);
		return NULL;
	}
	if (fstat(fileno(f), &st) || st.st_size == 0) {
		report_csv_header(f);
		flush(b, f, path);
	} else if (S_ISREG(st.st_mode) && !same_columns(path)) {
		fprintf(stderr, "ringbuf-bench: %s: not the columns this "
			"version writes (start a new file)\n", path);
		fclose(f);
		return NULL;
	} else if (S_ISREG(st.st_mode) && ends_cut(path, st.st_size)) {
		fputc('\n', f);
	}
	return f;
}

#define ONLINE_PATH	"/sys/devices/system/cpu/online"

/* The CPUs online, kept in list (size bytes): 0, or -1 having said why not. */
static int read_online(char *list, int size, struct online_cpus *cpus)
{
	FILE *f = fopen(ONLINE_PATH, "r");
	const char *err = NULL;

	if (!f) {
		fprintf(stderr, "ringbuf-bench: %s: %m\n", ONLINE_PATH);
		return -1;
	}
	/* Without its newline, the line was cut short: not all of them. */
	if (!fgets(list, size, f) || !strchr(list, '\n'))
		err = "not one whole line";
	fclose(f);
	if (!err) {
		list[strcspn(list, "\n")] = '\0';
		err = parse_online_cpus(list, cpus);
	}
	if (err)
		fprintf(stderr, "ringbuf-bench: %s: %s\n", ONLINE_PATH, err);
	return err ? -1 : 0;
}

int main(int argc, char **argv)
{
	/* Room for the longest list of CPUs an option can name, 0,2,...,4094. */
	static char online_list[16384];
	struct online_cpus online;
	struct bench_opts opts;
	struct bench b = { .opts = &opts, .empty_ns = NAN };

	if (read_online(online_list, sizeof(online_list), &online))
		return 1;
	bench_options_parse(argc, argv, 0, &online, &opts);
	show_libbpf_log(opts.verbose);
	if (opts.csv_path) {
		b.csv = open_csv(&b, opts.csv_path);
		if (!b.csv)
			return 1;
	}
	report_text_header(stdout, opts.burst);
	flush(&b, stdout, "standard output");
	run_all(&b);
	if (b.csv)
		close_output(&b, b.csv, opts.csv_path);
	close_output(&b, stdout, "standard output");
	return b.failed || b.write_failed;
}
