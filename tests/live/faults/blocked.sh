# shellcheck shell=bash
# An output that blocks: a pipe nobody reads (at Ctrl-C, SIGTERM and -T,
# in a storm, with --ordered), a terminal paused with Ctrl-S, and a
# non-blocking standard output with a slow reader.
# Sourced by tests/live/faults.sh, which says where each test runs.

# ms_since NS: milliseconds from a `date +%s%N` reading to now.
ms_since() {
	echo $((($(date +%s%N) - $1) / 1000000))
}

# start_blocked_tracer ARGS...: the tool writes into a pipe that nobody
# reads until $WORK/go exists; then the pipe's reader saves it all in $OUT.
start_blocked_tracer() {
	NRUN=$((NRUN + 1))
	OUT=$WORK/out.$NRUN
	ERR=$WORK/err.$NRUN
	rm -f "$WORK/go" "$WORK/pipe"
	mkfifo "$WORK/pipe"
	(until [ -e "$WORK/go" ]; do sleep 0.05; done; exec cat >"$OUT") \
		<"$WORK/pipe" &
	READER_PID=$!
	"$TOOLS_DIR/$TOOL" "${TRACER_OPTS[@]}" "$@" >"$WORK/pipe" 2>"$ERR" &
	TRACER_PID=$!
	wait_for "$ERR" 'tracing exec and exit' 30
}

# What a blocked output does not change: the tool ends soon after it is
# told to, exits 0, and printed + lost + not written = what happened.
check_blocked_stop() {	# check_blocked_stop DESCRIPTION EVENTS STARTED_NS
	local desc=$1 n=$2 printed lost unwritten ms

	wait_tracer
	ms=$(ms_since "$3")
	touch "$WORK/go"
	wait "$READER_PID"
	printed=$(summary_field "$ERR" events)
	lost=$(summary_field "$ERR" lost)
	unwritten=$(grep -oE '[0-9]+ not written' "$ERR" | cut -d' ' -f1)
	[ "$ms" -lt 2500 ] && [ "$TRACER_RC" -eq 0 ] &&
		! grep -q 'Interrupted' "$ERR"
	check "$desc: ends in ${ms}ms, exit 0, no error" [ $? -eq 0 ]
	check "$desc: printed ${printed:-?} = lines in the output" \
		[ "${printed:--1}" -eq "$(tail -n +2 "$OUT" | wc -l)" ]
	check "$desc: printed ${printed:-?} + lost ${lost:-?} + not written ${unwritten:-0} = $n" \
		[ $((${printed:-0} + ${lost:-0} + ${unwritten:-0})) -eq "$n" ]
	check "$desc: some were not written (the pipe holds 64 KiB)" \
		[ "${unwritten:-0}" -gt 0 ]
}

# Ctrl-C, SIGTERM or --timeout while stdout is blocked by a reader that
# does not read: no error, a bounded stop and every event accounted for.
test_blocked_output() {
	local sig n=600 i t0

	for sig in INT TERM; do
		new_program
		start_blocked_tracer -c "${PROG##*/}" || return
		for ((i = 0; i < n; i++)); do
			"$PROG" 0 exit 0
		done
		t0=$(date +%s%N)
		kill -"$sig" "$TRACER_PID"
		check_blocked_stop "$TOOL, output blocked, SIG$sig" $((2 * n)) "$t0"
	done
	# Long enough for all the processes to run before it ends, even on a
	# loaded machine under the sanitizers: it counts only what it saw.
	new_program
	t0=$(date +%s%N)
	start_blocked_tracer -T 6 -c "${PROG##*/}" || return
	for ((i = 0; i < n; i++)); do
		"$PROG" 0 exit 0
	done
	check_blocked_stop "$TOOL -T 6, output blocked" $((2 * n)) \
		$((t0 + 6000000000))
}

# Stopped while its output is blocked and a storm goes on: the events the
# BPF side keeps handing over must not hold the stop.  With a long
# --max-delay each drain holds more than one flush, so the stop comes in
# the middle of one, where each record's flush waited for the next tick
# while the storm kept the drain going (56 s instead of 1 before the fix).
test_blocked_output_storm() {
	local sig storm t0 ms

	for sig in TERM INT; do
		new_program
		start_blocked_tracer --max-delay 2000 -c "${PROG##*/}" || return
		(end=$((SECONDS + 30))
		 while [ "$SECONDS" -lt "$end" ]; do "$PROG" 0 exit 0; done) &
		storm=$!
		sleep 3
		t0=$(date +%s%N)
		kill -"$sig" "$TRACER_PID"
		wait_tracer
		ms=$(ms_since "$t0")
		kill "$storm" 2>/dev/null
		wait "$storm" 2>/dev/null
		touch "$WORK/go"
		wait "$READER_PID"
		[ "$ms" -lt 5000 ] && [ "$TRACER_RC" -eq 0 ]
		check "$TOOL, output blocked in a storm, SIG$sig: ends in ${ms}ms, exit 0" \
			[ $? -eq 0 ]
		check "$TOOL, output blocked in a storm, SIG$sig: some not written, counted" \
			grep -qE '[1-9][0-9]* not written' "$ERR"
	done
}

# perfbuf-output --ordered, stopped with every event still held (a window
# of 5 s) and its output blocked: all are released, and each is printed or
# counted as not written.
test_blocked_ordered() {
	local n=600 i t0

	new_program
	start_blocked_tracer --ordered --max-delay 10000 -c "${PROG##*/}" ||
		return
	for ((i = 0; i < n; i++)); do
		"$PROG" 0 exit 0
	done
	t0=$(date +%s%N)
	kill -INT "$TRACER_PID"
	check_blocked_stop "$TOOL --ordered, events held, output blocked" \
		$((2 * n)) "$t0"
	check "$TOOL --ordered, output blocked: the summary says none was late" \
		grep -q ', 0 delivered out of order; ' "$ERR"
}

# start_wrapped SCRIPT PIDFILE ARGS...: the tool, with ARGS, under
# tests/live/SCRIPT, which stands between it and $OUT (a terminal, a pipe)
# and writes the tool's pid to PIDFILE; sets OUT, ERR and READER_PID.
start_wrapped() {
	NRUN=$((NRUN + 1))
	OUT=$WORK/out.$NRUN
	ERR=$WORK/err.$NRUN
	rm -f "$2"
	python3 "$ROOT/tests/live/$1" "$2" "$OUT" "$TOOLS_DIR/$TOOL" "${@:3}" \
		2>"$ERR" &
	READER_PID=$!
	wait_for "$ERR" 'tracing exec and exit' 30
}

# A terminal paused with Ctrl-S blocks every write to it: Ctrl-C from
# elsewhere still ends the tool at once, and says what it could not write.
test_paused_terminal() {
	local n=200 i t0 ms printed unwritten

	new_program
	start_wrapped paused_tty.py "$WORK/tty.pid" -c "${PROG##*/}"
	for ((i = 0; i < n; i++)); do
		"$PROG" 0 exit 0
	done
	t0=$(date +%s%N)
	kill -INT "$(cat "$WORK/tty.pid")"
	wait "$READER_PID"
	TRACER_RC=$?
	ms=$(ms_since "$t0")
	printed=$(summary_field "$ERR" events)
	unwritten=$(grep -oE '[0-9]+ not written' "$ERR" | cut -d' ' -f1)
	[ "$ms" -lt 2500 ] && [ "$TRACER_RC" -eq 0 ]
	check "$TOOL on a paused terminal, SIGINT: ends in ${ms}ms, exit 0" [ $? -eq 0 ]
	[ "${printed:--1}" -eq "$(tail -n +2 "$OUT" | wc -l)" ] &&
		[ $((${printed:-0} + ${unwritten:-0})) -eq $((2 * n)) ]
	check "$TOOL on a paused terminal: printed ${printed:-?} + not written ${unwritten:-?} = $((2 * n))" \
		[ $? -eq 0 ]
}

# A standard output left non-blocking by the parent (Node.js, some CI
# runners) says EAGAIN when its slow reader lags: the tool must wait for the
# reader as on a blocking pipe, and lose nothing.
test_nonblocking_stdout() {
	local n=3000 i pid printed lost

	new_program
	start_wrapped nonblocking_pipe.py "$WORK/nb.pid" -c "${PROG##*/}"
	for ((i = 0; i < n; i++)); do
		"$PROG" 0 exit 0
	done
	"$PROG" 0 exit 0 &
	pid=$!
	wait "$pid"
	wait_for "$OUT" "EXIT .* $pid " 20
	kill -INT "$(cat "$WORK/nb.pid")" 2>/dev/null
	wait "$READER_PID"
	TRACER_RC=$?
	n=$((n + 1))
	printed=$(summary_field "$ERR" events)
	lost=$(summary_field "$ERR" lost)
	[ "$TRACER_RC" -eq 0 ] && [ "$(grep -vc -e 'tracing exec' -e ' events (' "$ERR")" -eq 0 ]
	check "$TOOL, non-blocking stdout, slow reader: exit 0, no error" [ $? -eq 0 ]
	check "$TOOL, non-blocking stdout: all $((2 * n)) events reached the reader" \
		[ "$(count_lines "$OUT" " ${PROG##*/} ")" -eq $((2 * n)) ]
	[ "${printed:-0}" -eq $((2 * n)) ] && [ "${lost:--1}" -eq 0 ] &&
		! grep -q 'not written' "$ERR"
	check "$TOOL, non-blocking stdout: the summary counts ${printed:-?} of $((2 * n)), ${lost:-?} lost" \
		[ $? -eq 0 ]
}
