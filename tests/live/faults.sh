#!/usr/bin/env bash
# Live tests of what goes wrong: missing privileges, kernels without what the
# tools need, bad options, signals, closed pipes, hostile bytes, and memory
# errors under valgrind.  Needs root.
#
# Usage: faults.sh [--list] [FEATURE...]
#
# The tests live in tests/live/faults/, a file per FEATURE (kernel,
# limits, signals, output, blocked, hostile, valgrind); the matrix below
# says which run for which tool, in which mode.  A cell is one test of one
# tool in one mode, and its label, "TOOL [MODE] TEST", starts each of its
# checks' lines: e.g. "ringbuf-reserve-submit [--rings 4] test_signals".
# A test that goes through the tools itself is of no tool, and its label
# is its name alone: e.g. "test_privileges".
# ONLY=REGEX runs the cells whose whole label, or whose test's name, REGEX
# matches (or whose label it is, as printed):
#	ONLY='ringbuf-reserve-submit [--rings 4] test_signals'	one cell
#	ONLY='test_signals'	that test in every mode
# --list prints the labels of the cells it would run, and runs none.
source "$(dirname "$0")/lib.sh"

VARIANTS=(perfbuf-output ringbuf-output ringbuf-reserve-submit
	  ringbuf-reserve-dynptr)
FEATURES=(kernel limits signals output blocked hostile valgrind)

# The modes: a name, the label its cells carry and the options every
# tracer started in it gets.  The default mode is batched wakeups, with the
# perf buffer or one shared ring.
MODES='
default |                   |
per-cpu | [--rings per-cpu] | --rings per-cpu
rings-4 | [--rings 4]       | --rings 4
'

# The matrix: each test, the modes it runs in and the tools it is for (all:
# the four; -: none, for a test that goes through the tools itself and
# takes ringbuf-reserve-submit where it needs one).  Most faults are the
# same in every tool, and one tool meets them; the ring topologies end
# the same way: signals, stops, a blocked output.
MATRIX='
kernel   | test_privileges                | default                 | -
kernel   | test_kernel_faults             | default                 | ringbuf-reserve-submit
kernel   | test_no_sysfs                  | default                 | ringbuf-reserve-submit
kernel   | test_environment               | default                 | -
kernel   | test_other_archs               | default                 | -
limits   | test_bad_options               | default                 | ringbuf-reserve-submit
limits   | test_small_buffers             | default                 | -
limits   | test_pid_limit                 | default                 | ringbuf-reserve-submit
limits   | test_rings_open_files          | default                 | ringbuf-output
limits   | test_rings_memory              | default                 | ringbuf-reserve-submit
limits   | test_bad_paths                 | default                 | ringbuf-reserve-submit
signals  | test_signals                   | default per-cpu rings-4 | ringbuf-reserve-submit
signals  | test_stop_signals              | default per-cpu rings-4 | ringbuf-reserve-submit
signals  | test_inherited_blocked_signals | default                 | all
signals  | test_stop_during_start         | default                 | perfbuf-output ringbuf-output
output   | test_pipes                     | default                 | ringbuf-reserve-submit
output   | test_closed_std_fds            | default                 | ringbuf-reserve-submit
output   | test_output_header             | default                 | ringbuf-reserve-submit
output   | test_reopen_fails              | default                 | ringbuf-reserve-submit
output   | test_file_size_limit           | default                 | ringbuf-reserve-submit
output   | test_full_disk                 | default                 | ringbuf-reserve-submit
output   | test_fifo_reader_leaves        | default                 | ringbuf-reserve-submit
blocked  | test_blocked_output            | default per-cpu rings-4 | ringbuf-reserve-submit
blocked  | test_blocked_output_storm      | default                 | ringbuf-output ringbuf-reserve-submit
blocked  | test_blocked_ordered           | default                 | perfbuf-output
blocked  | test_paused_terminal           | default                 | ringbuf-reserve-submit
blocked  | test_nonblocking_stdout        | default                 | ringbuf-reserve-submit
hostile  | test_hostile_bytes             | default                 | ringbuf-reserve-submit
valgrind | test_valgrind                  | default                 | ringbuf-reserve-submit
'

# The tool of a cell of no tool, where its test needs one.
ONE_TOOL=ringbuf-reserve-submit

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

for feature in "${FEATURES[@]}"; do
	source "$ROOT/tests/live/faults/$feature.sh"
done

# The arguments: features, all of them if none.
LIST=false
features=()
for arg; do
	if [ "$arg" = --list ]; then
		LIST=true
	elif [ -f "$ROOT/tests/live/faults/$arg.sh" ]; then
		features+=("$arg")
	else
		echo "faults.sh: no feature $arg (${FEATURES[*]})" >&2
		exit 2
	fi
done
[ ${#features[@]} -gt 0 ] && FEATURES=("${features[@]}")

# The cells to run, in order: for each row, each of its tools, each of its
# modes; their labels in LABELS, their tools in TOOLS, the options of their
# mode in OPTS and their tests in TESTS.
LABELS=()
TOOLS=()
OPTS=()
TESTS=()
while IFS='|' read -r feature test modes tools; do
	trim feature test modes tools
	[ -n "$feature" ] || continue
	[[ " ${FEATURES[*]} " == *" $feature "* ]] || continue
	[ "$tools" = all ] && tools=${VARIANTS[*]}
	for tool in $tools; do
		[ "$tool" = - ] && tool=
		while IFS='|' read -r mode mode_label mode_opts; do
			trim mode mode_label mode_opts
			[ -n "$mode" ] || continue
			[[ " $modes " == *" $mode "* ]] || continue
			label="${tool:+$tool }${mode_label:+$mode_label }$test"
			selected "$label" "$test" || continue
			LABELS+=("$label")
			TOOLS+=("${tool:-$ONE_TOOL}")
			OPTS+=("$mode_opts")
			TESTS+=("$test")
		done <<<"$MODES"
	done
done <<<"$MATRIX"

for i in "${!LABELS[@]}"; do
	if $LIST; then
		echo "${LABELS[$i]}"
		continue
	fi
	TOOL=${TOOLS[$i]}
	read -ra TRACER_OPTS <<<"${OPTS[$i]}"
	run_cell "${LABELS[$i]}" "${TESTS[$i]}"
done
TRACER_OPTS=()
$LIST || finish
