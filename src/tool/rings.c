// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The number of rings is a constant of .rodata: shared, the verifier prunes
 * the array of rings away, and the default pays nothing for --rings.
 */
#include <unistd.h>
#include <bpf/libbpf.h>
#include "preflight.h"
#include "ring_set.h"
#include "rings.h"

int rings_configure(struct tracer_bpf *bpf, const struct options *opts)
{
	unsigned long page = sysconf(_SC_PAGESIZE);
	int n = 0, err;

	if (opts->rings != RINGS_SHARED)
		n = ring_set_count(opts->rings);
	if (n < 0)
		return n;
	*bpf->ring_count = n;
	*bpf->rings_per_cpu = opts->rings == RINGS_PER_CPU;
	*bpf->have_cmpxchg = kernel_has_cmpxchg();
	err = bpf_map__set_max_entries(bpf->rings, n ? n : 1);
	if (!err)
		err = bpf_map__set_max_entries(bpf->wakeup_lines, n ? n : 1);
	/* Unused, events takes the least a ring can: a page. */
	if (!err)
		err = bpf_map__set_max_entries(bpf->events,
					       n ? page : opts->ring_size);
	return err;
}
