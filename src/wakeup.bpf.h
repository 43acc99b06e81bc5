/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Batched wakeups (--wakeup batched, the default): which submission wakes
 * user space.  Per event, every submission may (flags 0, the kernel's
 * adaptive wakeup); batched, one each time another quarter of the ring has
 * been written (cfg.wakeup_bytes), as the perf buffer's wakeup_watermark
 * does.
 */
#ifndef WAKEUP_BPF_H
#define WAKEUP_BPF_H

#include "rings.bpf.h"

/*
 * Per ring, the multiples of cfg.wakeup_bytes that its producer position has
 * passed and that a wakeup was forced for.  User space gives it a slot per
 * ring, as it does `rings`.
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} wakeup_lines SEC(".maps");

/*
 * The producer position counts every record with its header and padding,
 * other CPUs' too, and another CPU may move it between our reservation and
 * our reading it.  So whichever producer first sees it past the next
 * multiple claims that multiple, with a compare-and-exchange, and forces
 * the wakeup; the others find it claimed.  Each multiple then gets one
 * wakeup, whoever's record crossed it.  Without the instruction, a plain
 * store claims it: two producers may then both force one, but none is
 * missed.  The bytes pending would also read the consumer's position, a
 * cache line that user space writes.  ahead is what a record not yet in
 * the ring will add to the position.
 */
static __always_inline __u64 wakeup_at(void *ring, struct task_struct *task,
				       __u64 ahead)
{
	__u32 key = ring_key(task);
	__u64 *claimed, line, seen;

	if (!cfg.wakeup_bytes)
		return 0;
	claimed = bpf_map_lookup_elem(&wakeup_lines, &key);
	if (!claimed)	/* cannot happen: a slot per ring */
		return BPF_RB_NO_WAKEUP;
	line = (bpf_ringbuf_query(ring, BPF_RB_PROD_POS) + ahead) / cfg.wakeup_bytes;
	seen = *(volatile __u64 *)claimed;
	if (line <= seen)
		return BPF_RB_NO_WAKEUP;
	if (!cfg.have_cmpxchg)
		*claimed = line;
	else if (__sync_val_compare_and_swap(claimed, seen, line) != seen)
		return BPF_RB_NO_WAKEUP;
	__sync_fetch_and_add(&counters.wakeups_forced, 1);
	return BPF_RB_FORCE_WAKEUP;
}
/* A reserved record's: the reservation has moved the position past it. */
#define wakeup_flags(ring, task)	wakeup_at(ring, task, 0)
/* bpf_ringbuf_output()'s: its header and len bytes, rounded up to 8. */
#define output_wakeup(ring, task, len) \
	wakeup_at(ring, task, ((len) + BPF_RINGBUF_HDR_SZ + 7) & ~7ULL)

#endif /* WAKEUP_BPF_H */
