#!/usr/bin/env bash
# The four tools print the same lines for the same workload: they differ in
# how events reach user space, never in what they say.  All four trace one
# workload at once (processes with hostile arguments, long and cut command
# lines, exits by code and by signal, a thread's exec, a script through its
# #! line, programs from a memfd and from a deleted file, a failed exec), in
# text and in
# JSON; their lines are compared field by field, the time aside, in order
# for the ring buffer tools and as a set for the perf buffer (per-CPU
# buffers reorder).  Needs root.
# shellcheck source=tests/live/lib.sh
source "$(dirname "$0")/lib.sh"

VARIANTS=(perfbuf-output ringbuf-output ringbuf-reserve-submit
	  ringbuf-reserve-dynptr)

# The workload: each process a child of the shell that runs it, so that
# -P keeps only their events.
workload() {
	local long

	printf -v long 'x%.0s' {1..5000}	# a fork here would be an EXIT
	"$PROG" 0 exit 3 "" "my file" $'new\nline\e[2J' $'in\xffvalid' "it's"
	"$PROG" 0 exit 0 "$long"
	"$PROG" 0 exit 0 a b c
	{ "$PROG" 0 signal 15; } 2>/dev/null	# bash would announce the kill
	"$PROG" 0 thread-exec 4
	"$PROG" 10 threads 3
	(cd "$WORK" && exec env ./script.sh arg)
	"$ROOT/.output/fdexec" memfd "$PROG" x 0 exit 0
	"$ROOT/.output/fdexec" unlinked "$PROG" y 0 exit 0
	# A failed exec (-x): its EXEC, its EXECFAIL, its EXIT.
	"$ROOT/.output/execve" "$WORK/none" none 'a b' 2>/dev/null
}

# Without the time: the rest of each line, or of each JSON object.
without_time() {	# without_time FORMAT FILE
	if [ "$1" = json ]; then
		python3 "$ROOT/tests/live/json_without_time.py" "$2"
	else
		# TIME, and duration= whose value is each tool's own measure.
		tail -n +2 "$2" | cut -d' ' -f2- | sed -E 's/ duration=[0-9.]+m?s$//'
	fi
}

test_same_output() {	# test_same_output FORMAT
	local fmt=$1 v pids=() outs=() errs=() i ref rc parent

	new_program
	printf '#!/bin/sh\nexit 0\n' >"$WORK/script.sh"
	chmod 755 "$WORK/script.sh"
	rm -f "$WORK/go"
	mkfifo "$WORK/go"
	(read -r _ <"$WORK/go"; workload; exit 0) &
	parent=$!
	for v in "${VARIANTS[@]}"; do
		start_tracer "$v" -x -P "$parent" \
			$([ "$fmt" = json ] && echo --json) ||
			return
		pids+=("$TRACER_PID")
		outs+=("$OUT")
		errs+=("$ERR")
	done
	echo go >"$WORK/go"
	wait "$parent"
	for i in "${!VARIANTS[@]}"; do
		TRACER_PID=${pids[$i]}
		stop_tracer
	done
	ref=$WORK/ref.$fmt
	without_time "$fmt" "${outs[1]}" >"$ref"
	check "$fmt: ringbuf-output saw the whole workload (25 events)" \
		[ "$(wc -l <"$ref")" -eq 25 ]
	for i in "${!VARIANTS[@]}"; do
		v=${VARIANTS[$i]}
		check "$fmt: $v lost nothing" \
			[ "$(summary_field "${errs[$i]}" lost)" = 0 ]
		[ "$i" -eq 1 ] && continue	# the reference
		without_time "$fmt" "${outs[$i]}" >"$WORK/got.$fmt"
		if [ "$v" = perfbuf-output ]; then
			sort "$ref" >"$WORK/ref.sorted"
			sort "$WORK/got.$fmt" >"$WORK/got.sorted"
			cmp -s "$WORK/ref.sorted" "$WORK/got.sorted"
		else
			cmp -s "$ref" "$WORK/got.$fmt"
		fi
		rc=$?
		check "$fmt: $v prints what ringbuf-output prints" [ $rc -eq 0 ]
		[ $rc -eq 0 ] || diff "$ref" "$WORK/got.$fmt" | head -n 6
	done
}

run_test test_same_output text
run_test test_same_output json
finish
