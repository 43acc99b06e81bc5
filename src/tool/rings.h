/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * --rings, before load: which ring an event goes to (src/rings.bpf.h), the
 * variant's own map `events` or the rings of src/ring_set.c, made after.
 */
#ifndef RINGS_H
#define RINGS_H

#include "options.h"
#include "variant.h"

/* Tells the BPF side, and sizes the maps: 0, or -errno. */
int rings_configure(struct tracer_bpf *bpf, const struct options *opts);

#endif /* RINGS_H */
