/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * A per-CPU scratch buffer, where the variants that copy their records
 * build one before the copy: an exec record is too big for the BPF stack.
 */
#ifndef SCRATCH_BPF_H
#define SCRATCH_BPF_H

#include "tracer.bpf.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, char[RECORD_MAX]);	/* any record fits */
} scratch SEC(".maps");

/* This CPU's scratch buffer; never NULL, as the array has its one slot. */
static __always_inline void *scratch_record(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&scratch, &zero);
}

#endif /* SCRATCH_BPF_H */
