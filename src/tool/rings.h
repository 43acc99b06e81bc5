/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * --rings, before load: which ring an event goes to (src/rings.bpf.h), the
 * variant's own map `events` or the rings of src/ring_set.c, made after.
 */
#ifndef RINGS_H
#define RINGS_H

#include "options.h"
#include "variant.h"

/* Sets the rings' part of cfg, and sizes the maps: 0, or -errno. */
int rings_configure(struct tracer_bpf *bpf, const struct options *opts,
		    struct config *cfg);
/*
 * A ring is a file open in this process, and many distributions allow
 * 1024 at first: the soft limit is raised to the hard one, as any process
 * may, and if the rings would still not fit, the tool says so before it
 * makes any.  0, or the exit status once tool has said why.
 */
int rings_fit_open_files(const struct options *opts, const char *tool);

#endif /* RINGS_H */
