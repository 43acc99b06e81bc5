// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The benchmark's producer side: on each trigger syscall made by one of the
 * benchmark's own threads, write `batch` records of `record_size` bytes
 * through the mechanism under test, and count every record refused.  The
 * records are the harness's (--harness): ours, a word for the consumer to
 * check (and the sampled ones filled), or the kernel's benchmark's one value;
 * the output mechanisms copy the whole record, which is their real cost.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bench.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* Set before load: the verifier sees constants and prunes the rest. */
const volatile int target_tgid;
const volatile long trigger_nr;
const volatile enum bench_mech mech;
const volatile enum wakeup wakeup;
const volatile enum bench_harness harness;
const volatile __u32 rings = RINGS_SHARED;	/* see bench.h */
const volatile __u32 record_size = BENCH_MIN_RECORD;
const volatile __u32 batch = 1;
const volatile __u64 wakeup_bytes;
const volatile __u32 latency_mask;	/* timed records: seq & mask == 0 */
const volatile __u8 rec_fill[REC_FILL_SIZE];	/* see rec_fill_byte() */

/* What a record adds to a ring's position: an 8-byte header, 8-aligned. */
#define RECORD_BYTES	(((record_size + 7) & ~7ULL) + BPF_RINGBUF_HDR_SZ)

struct bench_slot slots[BENCH_MAX_PRODUCERS];

/* Sized by user space; a page when the perf buffer is under test. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} rb SEC(".maps");

/*
 * The other topologies: rings that user space creates, each --buffer-size,
 * and puts here after load.  It sizes the array, and gives it a template:
 * a ring of one page, the least any ring can be.
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__type(key, __u32);
	__array(values, struct {
		__uint(type, BPF_MAP_TYPE_RINGBUF);
	});
} ring_array SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} pb SEC(".maps");

/*
 * --wakeup crossing: per ring, the multiples of wakeup_bytes its producer
 * position has passed that a wakeup was forced for; sized as ring_array.
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
} ring_lines SEC(".maps");

/* Where the output variants build a record before copying it. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, char[BENCH_MAX_RECORD]);
} scratch SEC(".maps");

/*
 * The ring a producer writes to.  The CPU cannot change under a running
 * program, nor the producer: one pick serves a whole trigger, and each
 * producer's records stay in one ring, in order, when producers are pinned.
 * The bench's producers are numbered from 0: the number spreads them evenly
 * over a pool, where a tracer would hash the tgid and meet collisions.
 */
static __always_inline void *pick_ring(__u32 producer, __u32 *key)
{
	*key = 0;
	if (rings == RINGS_SHARED)
		return &rb;
	if (rings == RINGS_PER_CPU)
		*key = bpf_get_smp_processor_id();
	else
		*key = producer & (rings - 1);
	return bpf_map_lookup_elem(&ring_array, key);
}

/*
 * The tracers' rule (src/wakeup.bpf.h): a wakeup each time the producer
 * position of ring key passes another multiple of wakeup_bytes, claimed by
 * the first producer that sees it past, with a compare-and-exchange.
 * ahead: what a record not yet in the ring will add to the position.  A
 * global function, verified once: inlined into a batch of 500 records,
 * its branches took the verifier past its million instructions.  It finds
 * the ring again by its key: a global function takes no map pointer.
 */
__noinline __u64 crossing_flags(__u32 key, __u64 ahead)
{
	__u64 *claimed = bpf_map_lookup_elem(&ring_lines, &key);
	void *ring = &rb;
	__u64 line, seen;

	/* Pruned unless asked for: compare-and-exchange needs Linux 5.12. */
	if (wakeup != WAKEUP_CROSSING)
		return BPF_RB_NO_WAKEUP;
	if (rings != RINGS_SHARED)
		ring = bpf_map_lookup_elem(&ring_array, &key);
	if (!claimed || !ring)	/* cannot happen: a slot per ring */
		return BPF_RB_NO_WAKEUP;
	line = (bpf_ringbuf_query(ring, BPF_RB_PROD_POS) + ahead) / wakeup_bytes;
	seen = *(volatile __u64 *)claimed;
	if (line <= seen ||
	    __sync_val_compare_and_swap(claimed, seen, line) != seen)
		return BPF_RB_NO_WAKEUP;
	return BPF_RB_FORCE_WAKEUP;
}

/* ahead: as crossing_flags()'s. */
static __always_inline __u64 wakeup_flags(void *ring, __u32 key, __u64 ahead)
{
	if (wakeup == WAKEUP_PER_EVENT)
		return 0;
	if (wakeup == WAKEUP_BUSY)
		return BPF_RB_NO_WAKEUP;
	if (wakeup == WAKEUP_CROSSING)
		return crossing_flags(key, ahead);
	/*
	 * Batched, the kernel's benchmark's rule: a wakeup for every record
	 * written while wakeup_bytes or more are pending.
	 */
	if (bpf_ringbuf_query(ring, BPF_RB_AVAIL_DATA) + ahead >= wakeup_bytes)
		return BPF_RB_FORCE_WAKEUP;
	return BPF_RB_NO_WAKEUP;
}

/*
 * Every record gets its word (producer, sequence, whether the last one was
 * dropped): the consumer counts it and checks its order.  Only the records
 * the consumer times and checks, one in --latency-every (the same rule on
 * both sides), carry a time and the filling: bpf_ktime_get_ns() costs about
 * as much as a whole ring buffer record on this kind of VM, and filling a
 * record nobody reads is the harness's work, not the mechanism's.  The
 * output mechanisms still copy the whole record.  The filling is copied
 * from .rodata, whose size the verifier knows: a constant.
 */
static __always_inline void fill(void *r, struct bench_slot *slot,
				 __u32 producer)
{
	bool timed = !(slot->produced & latency_mask);

	/*
	 * The kernel's benchmark's record: one 8-byte value (its own is a
	 * constant; the count is already at hand, and costs the same store).
	 */
	if (harness == HARNESS_COUNT) {
		*(__u64 *)r = slot->produced;
		return;
	}
	*(__u64 *)r = rec_pack(timed ? bpf_ktime_get_ns() : 0, slot->gap,
			       producer, slot->produced);
	if (timed && record_size > BENCH_MIN_RECORD)
		bpf_probe_read_kernel(r + BENCH_MIN_RECORD,
				      record_size - BENCH_MIN_RECORD,
				      (const void *)rec_fill);
}

/* Returns whether the mechanism took the record, filled in place. */
static __always_inline bool reserve_submit(void *ring, __u32 key,
					   struct bench_slot *slot,
					   __u32 producer)
{
	void *r;

	r = bpf_ringbuf_reserve(ring, record_size, 0);
	if (!r)
		return false;
	fill(r, slot, producer);
	bpf_ringbuf_submit(r, wakeup_flags(ring, key, 0));
	return true;
}

/* The same, filled in the scratch record, then copied. */
static __always_inline bool copy_out(void *ctx, void *ring, __u32 key,
				     void *r, struct bench_slot *slot,
				     __u32 producer)
{
	fill(r, slot, producer);
	if (mech == MECH_PERFBUF)
		return !bpf_perf_event_output(ctx, &pb, BPF_F_CURRENT_CPU, r,
					      record_size);
	return !bpf_ringbuf_output(ring, r, record_size,
				   wakeup_flags(ring, key, RECORD_BYTES));
}

SEC("tp_btf/sys_enter")
int BPF_PROG(on_sys_enter, struct pt_regs *regs, long id)
{
	void *scratch_rec = NULL, *ring;
	struct bench_slot *slot;
	__u32 zero = 0, producer, key;
	bool ok;

	if (id != trigger_nr || bpf_get_current_pid_tgid() >> 32 != target_tgid)
		return 0;
	if (mech == MECH_EMPTY)
		return 0;
	/* Producers pass their index as the trigger's (ignored) 2nd argument. */
	producer = PT_REGS_PARM2(regs);
	if (producer >= BENCH_MAX_PRODUCERS)
		return 0;
	slot = &slots[producer];
	if (mech != MECH_RB_RESERVE) {
		scratch_rec = bpf_map_lookup_elem(&scratch, &zero);
		if (!scratch_rec)	/* cannot happen: the array has its slot */
			return 0;
	}
	ring = pick_ring(producer, &key);
	for (__u32 i = 0; i < batch && i < BENCH_MAX_BATCH; i++) {
		/* No ring in the slot (user space fills them all): a drop. */
		if (!ring)
			ok = false;
		else if (mech == MECH_RB_RESERVE)
			ok = reserve_submit(ring, key, slot, producer);
		else
			ok = copy_out(ctx, ring, key, scratch_rec, slot,
				      producer);
		slot->produced++;
		slot->dropped += !ok;
		slot->gap = !ok;
	}
	return 0;
}
