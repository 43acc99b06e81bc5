#!/usr/bin/env bash
# Live tests of what goes wrong: missing privileges, kernels without what the
# tools need, bad options, signals, closed pipes, hostile bytes, and memory
# errors under valgrind.  Needs root.
source "$(dirname "$0")/lib.sh"

TOOL=ringbuf-reserve-submit

# run_fault NAME EXPECTED_RC REGEX COMMAND...: one line on stderr matching
# REGEX, nothing on stdout, exit status EXPECTED_RC.
run_fault() {
	local name=$1 want_rc=$2 regex=$3 rc

	"${@:4}" >"$WORK/fault.out" 2>"$WORK/fault.err" </dev/null
	rc=$?
	check "$name: exit $want_rc" [ "$rc" -eq "$want_rc" ]
	[ "$(wc -l <"$WORK/fault.err")" -eq 1 ] &&
		has_line "$(cat "$WORK/fault.err")" "$regex"
	check "$name: says so in one line" [ $? -eq 0 ]
	check "$name: prints no events" [ ! -s "$WORK/fault.out" ]
}

# The tests, a file per feature.
for feature in kernel limits signals output blocked hostile valgrind; do
	source "$ROOT/tests/live/faults/$feature.sh"
done

run_test test_privileges
run_test test_kernel_faults
run_test test_no_sysfs
run_test test_environment
run_test test_bad_options
run_test test_small_buffers
run_test test_rings_open_files
run_test test_rings_memory
run_test test_pid_limit
run_test test_signals
run_test test_pipes
run_test test_blocked_output
run_test test_blocked_output_storm ringbuf-output
run_test test_blocked_output_storm ringbuf-reserve-submit
run_test test_blocked_ordered
run_test test_paused_terminal
run_test test_nonblocking_stdout
run_test test_stop_signals
run_test test_inherited_blocked_signals
run_test test_stop_during_start
run_test test_closed_std_fds
run_test test_bad_paths
run_test test_other_archs
run_test test_output_header
run_test test_reopen_fails
run_test test_file_size_limit
run_test test_full_disk
run_test test_fifo_reader_leaves
run_test test_hostile_bytes
# The ring topologies end the same way: signals, stops, a blocked output.
for rings in per-cpu 4; do
	TRACER_OPTS=(--rings "$rings")
	LABEL="${LABEL}[--rings $rings] "
	run_test test_signals
	run_test test_stop_signals
	run_test test_blocked_output
	TRACER_OPTS=()
	LABEL=${LABEL%"[--rings $rings] "}
done
# valgrind runs the plain build: the sanitized one has its own checks.
[ "$TOOLS_DIR" = "$ROOT" ] && run_test test_valgrind
finish
