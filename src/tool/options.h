/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* The command line shared by all the tracers. */
#ifndef OPTIONS_H
#define OPTIONS_H

#include <stdbool.h>
#include "config.h"
#include "env.h"
#include "parse.h"
#include "variant.h"
#include "wakeup.h"

#define DEFAULT_MAX_DELAY_MS	50

/* Which order events are printed in. */
enum order {
	ORDER_DEFAULT,	/* time order where the buffers are per CPU */
	ORDER_TIME,	/* --ordered: time order, merged across buffers */
	ORDER_ARRIVAL,	/* --unordered: as read, buffer after buffer */
};
#define MAX_MAX_DELAY_MS	10000

struct options {
	struct filter filter;
	unsigned long long ring_size;	/* ring buffer bytes */
	unsigned int perf_pages;	/* perf buffer pages per CPU */
	unsigned int max_args_bytes;	/* argument bytes an exec carries */
	enum wakeup wakeup;		/* per-event or batched (the default) */
	unsigned int max_delay_ms;	/* batched: the longest an event waits */
	bool latency;			/* delivery latency in the summary */
	bool failed;			/* -x: failed execs too */
	unsigned int rings;		/* RINGS_SHARED, RINGS_PER_CPU, or N */
	enum order order;
	const char *output_path;	/* NULL: standard output */
	const char *cgroup_path;	/* NULL: every cgroup */
	bool cgroup_column;		/* text: the CGROUP column */
	bool cwd;			/* --cwd: an exec's working directory */
	struct env_names env;		/* --env: the variables shown */
	bool json;
	bool verbose;
	unsigned long long timeout_s;	/* 0: until signalled */
	unsigned long long max_events;	/* 0: no limit */
};

/* Parses argv for variant v; prints the problem and exits 2 on bad input. */
void options_parse(int argc, char **argv, const struct variant *v,
		   struct options *opts);

#endif /* OPTIONS_H */
