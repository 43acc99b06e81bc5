/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Where the lines go: standard output or --output FILE, and what became
 * of each event handed over: written, or counted as not written, and why.
 */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stdbool.h>
#include "format.h"
#include "latency.h"
#include "options.h"
#include "writer.h"

/* The output's counters of lines written. */
enum { KIND_EXEC, KIND_EXIT, KIND_EXEC_FAIL };

struct output {
	const struct options *opts;
	struct format format;
	struct writer writer;
	unsigned long long events;	/* handed to the output */
	unsigned long long unwritten;	/* given up on: counted, not written */
	unsigned long long give_up_ns;	/* finishing: 0, or when to give up */
	int write_err;			/* a write failed: its errno */
	/* Given up on the output (events are counted, not written): why. */
	const char *unwritten_why;
	bool finishing;			/* draining and summing up */
	bool is_pipe;
	bool gone;		/* standard output's reader left: end quietly */
	bool cut_line;		/* a line was written only in part */
	bool done;		/* --max-events reached, or the output failed */
};

/*
 * Opens /dev/null on each of 0, 1 and 2 that is closed, so that no file of
 * ours (epoll, maps, BTF) takes its number and gets what is meant for a
 * terminal.  Returns whether standard output was closed.
 */
bool claim_standard_fds(void);
/*
 * Opens where the lines go, timing each line into latency if not NULL.
 * Returns 0, or the exit status once it has said why it cannot.
 */
int output_open(struct output *o, const struct options *opts,
		bool stdout_closed, struct latency *latency);
/* The text header, once the format is set; a cut last line ended first. */
void output_header(struct output *o);
/* -n N reached, or standard output's reader gone: no more to count. */
bool output_counted_all(const struct output *o);
/* Counts an event, and formats it unless the output was given up on. */
void output_event(struct output *o, const struct event_header *e);
/* Writes out what is buffered; once finishing, waits a grace time at most. */
void output_flush(struct output *o);
/* Told to stop: from now on a blocked write is waited for a while only. */
void output_finishing(struct output *o, bool stop_requested);
/* After SIGHUP, --output FILE is opened again (logrotate moved it away). */
void output_reopen_if_asked(struct output *o);
/* A pipe whose reader left ends the output now, without waiting for a write. */
void output_check_closed(struct output *o);
void output_free(struct output *o);

#endif /* OUTPUT_H */
