/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The contract between the benchmark's BPF program and user space: the
 * record header, the per-producer counters and the settings user space
 * writes into .rodata before load.  Included from both sides.
 */
#ifndef BENCH_H
#define BENCH_H

#define BENCH_MAX_BATCH		1000
#define BENCH_MIN_RECORD	8	/* room for the record word */
#define BENCH_MAX_RECORD	4096

/* What the BPF program does on each trigger. */
#include "ring_topology.h"
#include "wakeup.h"

enum bench_mech {
	MECH_BARE,		/* no program attached at all */
	MECH_EMPTY,		/* a program that filters and returns */
	MECH_PERFBUF,		/* bpf_perf_event_output() */
	MECH_RB_OUTPUT,		/* bpf_ringbuf_output() */
	MECH_RB_RESERVE,	/* bpf_ringbuf_reserve() + bpf_ringbuf_submit() */
};

/*
 * What the benchmark itself does per record (--harness), so that its own
 * cost can be measured apart from the mechanism's: check, its records
 * (below) and the consumer's checks of them; count, the kernel's benchmark's
 * (tools/testing/selftests/bpf/benchs/bench_ringbufs.c): the record holds
 * one 8-byte value (here the producer's count), the consumer only counts.
 * Both count drops exactly.
 */
enum bench_harness {
	HARNESS_CHECK,
	HARNESS_COUNT,
};

/*
 * Every record starts with one 64-bit word, so that records can be as small
 * as the kernel's own benchmark makes them (8 bytes); the rest, up to the
 * record size, is filled (rec_fill_byte()) in the records the consumer
 * checks.  The word packs, from the low bits: the submit time in those,
 * else 0 (bpf_ktime_get_ns(), CLOCK_MONOTONIC, its low bits: they wrap
 * every 9 minutes, far longer than any latency); a flag saying the
 * producer's previous record was dropped; the producer's index; its
 * sequence number (wraps).  With the flag, the consumer can tell a gap left
 * by drops from a record delivered out of order, however long the gap.
 */
#define REC_TS_BITS		39
#define REC_PRODUCER_BITS	6
#define REC_SEQ_BITS		18
#define REC_TS_MASK		((1ULL << REC_TS_BITS) - 1)
#define REC_GAP_SHIFT		REC_TS_BITS
#define REC_PRODUCER_SHIFT	(REC_GAP_SHIFT + 1)
#define REC_SEQ_SHIFT		(REC_PRODUCER_SHIFT + REC_PRODUCER_BITS)
#define REC_SEQ_MASK		((1U << REC_SEQ_BITS) - 1)
#define BENCH_MAX_PRODUCERS	(1U << REC_PRODUCER_BITS)

/*
 * Where the ring buffer mechanisms write (--rings): the one ring `rb`; a
 * ring per possible CPU, the one the program runs on; or a pool of N, a
 * power of two, keyed by producer.  A pool larger than the producers would
 * leave rings unused.
 */
#define BENCH_MAX_RINGS		BENCH_MAX_PRODUCERS

static inline unsigned long long rec_pack(unsigned long long ts_ns,
					  unsigned int gap,
					  unsigned int producer,
					  unsigned int seq)
{
	return (ts_ns & REC_TS_MASK) |
	       (unsigned long long)(gap & 1) << REC_GAP_SHIFT |
	       (unsigned long long)producer << REC_PRODUCER_SHIFT |
	       (unsigned long long)(seq & REC_SEQ_MASK) << REC_SEQ_SHIFT;
}

static inline unsigned long long rec_ts(unsigned long long w)
{
	return w & REC_TS_MASK;
}

static inline unsigned int rec_gap(unsigned long long w)
{
	return (w >> REC_GAP_SHIFT) & 1;
}

static inline unsigned int rec_producer(unsigned long long w)
{
	return (w >> REC_PRODUCER_SHIFT) & (BENCH_MAX_PRODUCERS - 1);
}

static inline unsigned int rec_seq(unsigned long long w)
{
	return w >> REC_SEQ_SHIFT;
}

/*
 * What follows the word in the records the consumer checks, whatever the
 * mechanism, so that one that delivered less than the record, or moved it,
 * is caught.  The others are not filled: that would be the harness's work,
 * not the mechanism's (the output ones copy the whole record all the same).
 * User space writes the BPF program's copy before load, and checks records
 * against it.  Neither zero nor repeating every 8 or 256 bytes, so that an
 * unfilled or shifted record does not match.
 */
#define REC_FILL_SIZE		(BENCH_MAX_RECORD - BENCH_MIN_RECORD)

static inline unsigned char rec_fill_byte(unsigned int i)
{
	return (i * 131 + (i >> 8) + 1) & 0xff;
}

/*
 * Written only by the BPF program running on behalf of one producer thread,
 * which makes one syscall at a time: exact without atomics.  A cache line
 * each, so producers on different CPUs do not share one.
 */
struct bench_slot {
	unsigned long long produced;	/* records attempted */
	unsigned long long dropped;	/* records the buffer refused */
	unsigned long long gap;		/* 1: the last record was dropped */
	unsigned long long pad[5];
};

#endif /* BENCH_H */
