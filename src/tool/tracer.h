/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The steps of a tracer's life that are the same for all four variants.
 * Each variant's main() (src/<name>.c) calls them around its own
 * skeleton's open, load, attach and detach, in this order.  Each step
 * returns 0 to go on, or the exit status once it has said why not.
 */
#ifndef TRACER_H
#define TRACER_H

#include "config.h"

struct bpf_object;
struct tracer;

/*
 * Everything before BPF: the stop signals, the command line, where the
 * lines go, and whether this kernel has what the options need.  *t is
 * set even on failure, for tracer_free().
 */
int tracer_prepare(struct tracer **t, int argc, char **argv);
/* What the options ask of the BPF side: its .rodata, set before load. */
const struct config *tracer_config(const struct tracer *t);
/* Before load: the programs to load (-x), and the buffers' sizes. */
int tracer_configure(struct tracer *t, struct bpf_object *obj);
/* A libbpf call failed with -err: one line, its log shown by -v. */
int tracer_bpf_error(const struct tracer *t, const char *what, int err);
/*
 * After load, before attach: the --cgroup filter, and the consumer, which
 * must be there before the first event.  counters is the BPF side's.
 */
int tracer_start(struct tracer *t, struct bpf_object *obj,
		 const volatile struct counters *counters);
/* Attached: prints what it reads until told to stop. */
int tracer_run(struct tracer *t);
/* Detached: reads what is left, and says what was seen and lost. */
int tracer_finish(struct tracer *t);
void tracer_free(struct tracer *t);

#endif /* TRACER_H */
