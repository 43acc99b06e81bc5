// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The record word: what the BPF side packs, user space must get back. */
#include "bench_tests.h"
#include "bench.h"

static void test_round_trip(void)
{
	unsigned long long ts = 123456789012345ULL;
	unsigned long long w = rec_pack(ts, 1, 63, 5);

	CHECK_UINT_EQ(rec_ts(w), ts & REC_TS_MASK);
	CHECK_UINT_EQ(rec_gap(w), 1);
	CHECK_UINT_EQ(rec_producer(w), 63);
	CHECK_UINT_EQ(rec_seq(w), 5);
	w = rec_pack(ts, 0, 0, REC_SEQ_MASK);
	CHECK_UINT_EQ(rec_gap(w), 0);
	CHECK_UINT_EQ(rec_producer(w), 0);
	CHECK_UINT_EQ(rec_seq(w), REC_SEQ_MASK);
}

static void test_fields_do_not_overlap(void)
{
	/* Each field at its maximum leaves the others zero. */
	CHECK_UINT_EQ(rec_seq(rec_pack(~0ULL, 0, 0, 0)), 0);
	CHECK_UINT_EQ(rec_producer(rec_pack(~0ULL, 1, 0, REC_SEQ_MASK)), 0);
	CHECK_UINT_EQ(rec_ts(rec_pack(0, 1, 63, REC_SEQ_MASK)), 0);
	/* The sequence number wraps instead of spilling into nothing. */
	CHECK_UINT_EQ(rec_seq(rec_pack(0, 0, 0, REC_SEQ_MASK + 2)), 1);
}

void test_bench_record(void)
{
	test_round_trip();
	test_fields_do_not_overlap();
}
