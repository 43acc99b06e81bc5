#!/usr/bin/env bash
# Live tests of ringbuf-bench: every mechanism and consumer delivers, every
# record is accounted for (produced = delivered + dropped, exactly), drops
# are counted when the buffer is far too small, each ring topology, the
# producers without consumer and the kernel benchmark's counting harness
# account for every record too, every mechanism fills the records checked
# alike, bad values and write errors end it with a reason,
# bench/ordering finds a reordered EXIT, and make bench's scripts on the real
# tracers (tracing-cost, wakeup-losses, bpf-cost) account for every event,
# and, interrupted, end what they started and keep the last results.
# No timing assertions: speed is the benchmark's business.
#
# Usage: bench.sh [--list]
#
# The tests live in tests/live/bench/: ringbuf-bench.sh holds ringbuf-bench's
# own, scripts.sh the bench/ scripts'.  The list at the end runs them.
#
# ONLY=REGEX (as tracers.sh takes it) runs only the tests whose whole name
# it matches, e.g. ONLY=test_topologies; --list prints the names of the
# tests it would run, and runs none.  BENCH_TEST_SKIP_TRACERS=1 leaves out
# the tests of make bench's scripts on the real tracers: their exec storms
# load the whole machine.
set -u
. "$(dirname "$0")/lib.sh"
BENCH=$ROOT/ringbuf-bench
. "$ROOT/tests/live/bench/ringbuf-bench.sh"
. "$ROOT/tests/live/bench/scripts.sh"

# The tests, in the order they run: ringbuf-bench's own, then the bench/
# scripts'; TRACER_TESTS run the scripts on the real tracers.
TESTS=(test_mechanisms test_harness test_topologies test_no_consumer
	test_burst_drops test_fill test_baselines test_refused_values
	test_refused_cpus test_short_windows test_unwritable_results
	test_csv_appends test_help test_ordering_counter test_script_calls
	test_reader_calls)
TRACER_TESTS=(test_tracing_cost test_wakeup_losses test_bpf_cost_and_parts
	test_container test_bpf_cost_no_configs test_memory_interrupted
	test_run_matrix_interrupted test_bpf_cost_terminated)
[ -n "${BENCH_TEST_SKIP_TRACERS:-}" ] || TESTS+=("${TRACER_TESTS[@]}")

if [ "${1:-}" = --list ]; then
	for t in "${TESTS[@]}"; do
		[ -z "${ONLY:-}" ] || grep -qE -- "^($ONLY)\$" <<<"$t" && echo "$t"
	done
	exit 0
fi
for t in "${TESTS[@]}"; do
	run_test "$t"
done
finish
