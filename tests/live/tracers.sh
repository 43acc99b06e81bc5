#!/usr/bin/env bash
# Live tests of the tracers: real BPF programs, real processes, and what
# the tool printed.  Needs root.
#
# Usage: tracers.sh [--list] [FEATURE...] [VARIANT...]
#
# The tests live in tests/live/tracers/, a file per FEATURE (core,
# filters, limits, context, failed, order, rings, output); the matrix
# below says which run for which tool, in which mode.  A cell is one test
# of one tool in one mode, and its label, "TOOL [MODE] TEST [ARGS]", starts
# each of its checks' lines: e.g. "ringbuf-output [--rings 4] test_losses".
# ONLY=REGEX runs the cells whose whole label, or whose test's name, REGEX
# matches (or whose label it is, as printed):
#	ONLY='ringbuf-output \[--rings 4\] test_losses'	one cell
#	ONLY='test_losses'	that test in every mode, of every tool
# --list prints the labels of the cells it would run, and runs none.
source "$(dirname "$0")/lib.sh"

VARIANTS=(perfbuf-output ringbuf-output ringbuf-reserve-submit
	  ringbuf-reserve-dynptr)
FEATURES=(core filters limits context failed order rings output)

# The modes: a name, the label its cells carry, the tools it is for (all;
# rings: the three ring buffer tools) and the options every tracer started
# in it gets.  The default mode is batched wakeups, with the perf buffer or
# one shared ring.
MODES='
default   |                   | all   |
per-event | [per-event]       | all   | --wakeup per-event
per-cpu   | [--rings per-cpu] | rings | --rings per-cpu
rings-4   | [--rings 4]       | rings | --rings 4
'

# The matrix: each test, with its arguments, the tools it is for (all,
# perfbuf: perfbuf-output, rings) and the modes it runs in.  Everything
# runs in the default mode; again with a wakeup per event, what must not
# depend on the wakeup mode; again with each ring topology, the events,
# losses, fill, stops, bursts and order.
MATRIX='
core    | test_text                      | all     | default per-event per-cpu rings-4
core    | test_json                      | all     | default per-event per-cpu rings-4
core    | test_process_identity          | all     | default
core    | test_exec_sources              | all     | default
core    | test_args                      | all     | default
core    | test_process_ends_both         | all     | default
core    | test_exit_describes_process    | all     | default
core    | test_user_ids                  | all     | default
core    | test_empty_comm                | all     | default
core    | test_pid_namespace             | all     | default
filters | test_comm_filter               | all     | default
filters | test_pid_filter                | all     | default
filters | test_ppid_filter               | all     | default
filters | test_uid_filter                | all     | default
filters | test_min_duration              | all     | default
filters | test_min_duration_zero         | all     | default
filters | test_cgroup                    | all     | default
limits  | test_args_limit                | all     | default
limits  | test_long_filename             | all     | default
limits  | test_losses                    | all     | default per-event per-cpu rings-4
limits  | test_fill_warning              | all     | default per-event per-cpu rings-4
limits  | test_fill_small                | all     | default
limits  | test_default_burst             | all     | default per-event per-cpu rings-4
limits  | test_start_in_storm            | all     | default per-event
context | test_exec_context              | all     | default
context | test_cwd_depth                 | all     | default
context | test_exec_context_text         | all     | default
context | test_opt_ins_pruned            | all     | default
failed  | test_failed                    | all     | default
failed  | test_failed_race               | all     | default
failed  | test_failed_compat             | all     | default
failed  | test_failed_losses             | all     | default
order   | test_lone_event                | all     | default
order   | test_in_order                  | perfbuf | default
order   | test_in_order --json           | all     | default per-event per-cpu rings-4
order   | test_in_order --json --ordered | perfbuf | default
order   | test_in_order --json --ordered | rings   | per-cpu rings-4
order   | test_ordered_stop              | perfbuf | default
order   | test_ordered_stop --ordered    | rings   | per-cpu rings-4
order   | test_unordered                 | perfbuf | default
order   | test_ordered_refused           | rings   | default
rings   | test_wakeup_options            | all     | default
rings   | test_batched_wakeup            | all     | default
rings   | test_wakeup_count              | rings   | default
rings   | test_no_stale_bytes            | rings   | default
output  | test_output_rotation           | all     | default
output  | test_stop_conditions           | all     | default per-event per-cpu rings-4
output  | test_cli                       | all     | default
output  | test_bad_options               | all     | default
'

EXEC_LINE=$ROOT/tests/live/exec_line.py
JSON_FIELDS=$ROOT/tests/live/json_fields.py
EXEC_CONTEXT=$ROOT/tests/live/exec_context.py
RING_RECORDS=$ROOT/tests/live/ring_records.py
REUSED_PID=$ROOT/tests/live/reused_pid.py
ROTATED_JSON=$ROOT/tests/live/rotated_json.py
TIMES_DOWN=$ROOT/tests/live/times_down.py
FDEXEC=$ROOT/.output/fdexec
REWRITE_ENV=$ROOT/.output/rewrite-env
STORM=$ROOT/.output/bench/exec-storm
# The storms' children get a name of this run's, so that no other storm
# (of another part of the suite, at the same time) adds to what the
# tracer counts of them.  (make bench-test builds the storm.)
STORM_CHILD=$WORK/storm$$
[ -x "$ROOT/.output/bench/storm-child" ] &&
	cp "$ROOT/.output/bench/storm-child" "$STORM_CHILD"

# fmt_opts FORMAT: the option that selects FORMAT (text or json).
fmt_opts() {
	[ "$1" = json ] && echo --json
}

for feature in "${FEATURES[@]}"; do
	source "$ROOT/tests/live/tracers/$feature.sh"
done

# The arguments: features and variants, each list all of them if empty.
LIST=false
features=()
variants=()
for arg; do
	if [ "$arg" = --list ]; then
		LIST=true
	elif [ -f "$ROOT/tests/live/tracers/$arg.sh" ]; then
		features+=("$arg")
	else
		variants+=("$arg")
	fi
done
[ ${#features[@]} -gt 0 ] && FEATURES=("${features[@]}")
[ ${#variants[@]} -gt 0 ] && VARIANTS=("${variants[@]}")

# is_for TOOL KIND: whether a row for KIND (all, perfbuf, rings) is TOOL's.
is_for() {
	case $2 in
	all) true ;;
	perfbuf) [ "$1" = perfbuf-output ] ;;
	rings) [ "$1" != perfbuf-output ] ;;
	*) false ;;
	esac
}

# The cells to run, in order: for each tool, each mode, each row; their
# labels in LABELS, the options of their mode in OPTS, their commands in
# COMMANDS (read before any runs: a test may read its standard input).
LABELS=()
OPTS=()
COMMANDS=()
for v in "${VARIANTS[@]}"; do
	while IFS='|' read -r mode mode_label mode_tools mode_opts; do
		trim mode mode_label mode_tools mode_opts
		[ -n "$mode" ] && is_for "$v" "$mode_tools" || continue
		while IFS='|' read -r feature test tools modes; do
			trim feature test tools
			[ -n "$feature" ] || continue
			[[ " ${FEATURES[*]} " == *" $feature "* ]] || continue
			[[ " $modes " == *" $mode "* ]] || continue
			is_for "$v" "$tools" || continue
			label="$v ${mode_label:+$mode_label }$test"
			selected "$label" "${test%% *}" || continue
			LABELS+=("$label")
			OPTS+=("$mode_opts")
			COMMANDS+=("${test%% *} $v${test#"${test%% *}"}")
		done <<<"$MATRIX"
	done <<<"$MODES"
done

for i in "${!LABELS[@]}"; do
	if $LIST; then
		echo "${LABELS[$i]}"
		continue
	fi
	read -ra TRACER_OPTS <<<"${OPTS[$i]}"
	read -ra command <<<"${COMMANDS[$i]}"
	run_cell "${LABELS[$i]}" "${command[@]}"
done
TRACER_OPTS=()
$LIST || finish
