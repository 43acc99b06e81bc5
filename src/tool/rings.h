/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * --rings, before load: which ring an event goes to (src/rings.bpf.h), the
 * variant's own map `events` or the rings of src/ring_set.c, made after.
 */
#ifndef RINGS_H
#define RINGS_H

#include "config.h"
#include "options.h"

struct bpf_object;

/* Sets the rings' part of cfg: 0, or -errno. */
int rings_config(const struct options *opts, struct config *cfg);
/* Before load, sizes the ring variants' maps as cfg says: 0, or -errno. */
int rings_size_maps(struct bpf_object *obj, const struct options *opts,
		    const struct config *cfg);
/*
 * A ring is a file open in this process, and many distributions allow
 * 1024 at first: the soft limit is raised to the hard one, as any process
 * may, and if the rings would still not fit, the tool says so before it
 * makes any.  0, or the exit status once tool has said why.
 */
int rings_fit_open_files(const struct options *opts, const char *tool);

#endif /* RINGS_H */
