# shellcheck shell=bash
# Signals: Ctrl-Z and fg, SIGHUP and SIGQUIT, stop signals blocked by the
# parent, and a stop at any moment of startup.
# Sourced by tests/live/faults.sh, which says where each test runs.

test_signals() {
	local pid

	new_program
	start_tracer "$TOOL" -c "${PROG##*/}" || return
	kill -TSTP "$TRACER_PID"
	sleep 0.3
	kill -CONT "$TRACER_PID"
	"$PROG" 0 exit 0 &
	pid=$!
	wait "$pid"
	wait_for "$OUT" "EXIT .* $pid " 10
	check "$TOOL after SIGTSTP and SIGCONT: still tracing" \
		[ -n "$(event_fields "$OUT" EXIT "$pid")" ]
	stop_tracer
	[ "$TRACER_RC" -eq 0 ] && [ "$(grep -vc -e 'tracing exec' -e ' events (' "$ERR")" -eq 0 ]
	check "$TOOL after SIGTSTP and SIGCONT: no error, exit 0" [ $? -eq 0 ]
}

# SIGHUP (the terminal went away) and SIGQUIT stop the tool as SIGTERM does.
test_stop_signals() {
	local sig pid

	for sig in HUP QUIT; do
		new_program
		start_tracer "$TOOL" -c "${PROG##*/}" || return
		"$PROG" 0 exit 0 &
		pid=$!
		wait "$pid"
		stop_tracer "$sig"
		[ "$TRACER_RC" -eq 0 ] &&
			has_line "$(cat "$ERR")" 'events \(1 exec, 1 exit\), 0 lost'"$PEAK_FILL\$"
		check "$TOOL SIG$sig: stops with its summary, exit 0" [ $? -eq 0 ]
	done
}

# A signal mask is inherited across exec: a tracer started by a program
# that blocked the stop signals (a Python thread that did) must unblock
# them, or Ctrl-C, SIGTERM and -T would not end it.  The tool, started with
# every signal it relies on blocked, is stopped by each of them and by -T.
BLOCK_STOP_SIGNALS=$ROOT/tests/live/block_stop_signals.py

test_inherited_blocked_signals() {
	local sig summary

	summary="^$TOOL: 0 events \(0 exec, 0 exit\), 0 lost$PEAK_FILL\$"
	for sig in INT TERM HUP QUIT; do
		start_command python3 "$BLOCK_STOP_SIGNALS" \
			"$TOOLS_DIR/$TOOL" -c nothing-named-so || continue
		kill -"$sig" "$TRACER_PID"
		wait_tracer 5
		[ "$TRACER_RC" -eq 0 ] && has_line "$(tail -n 1 "$ERR")" "$summary"
		check "$TOOL with the stop signals blocked: SIG$sig stops it, summary, exit 0 (exit $TRACER_RC)" \
			[ $? -eq 0 ]
	done
	start_command python3 "$BLOCK_STOP_SIGNALS" \
		"$TOOLS_DIR/$TOOL" -T 1 -c nothing-named-so || return
	wait_tracer 5
	[ "$TRACER_RC" -eq 0 ] && has_line "$(tail -n 1 "$ERR")" "$summary"
	check "$TOOL with SIGALRM blocked: -T 1 ends it, summary, exit 0 (exit $TRACER_RC)" \
		[ $? -eq 0 ]
}

# wait_for_catch PID SIGNUM: waits (a few seconds at most) until PID catches or holds
# SIG, from which moment on a stop must end it cleanly; before, the
# default action (death) is all there is.
wait_for_catch() {
	local mask m i

	for ((i = 0; i < 5000; i++)); do
		read -r -a mask < <(awk '$1 == "SigCgt:" || $1 == "SigBlk:" {
			print $2 }' "/proc/$1/status" 2>/dev/null | tr '\n' ' ')
		for m in "${mask[@]}"; do
			(((0x$m >> ($2 - 1)) & 1)) && return
		done
	done
}

# A stop at any moment of startup, parsing the options, checking the
# kernel, while the verifier runs, ends the tool as any stop does: its
# summary, exit 0, no error.
test_stop_during_start() {
	local sig delay bad

	for sig in INT TERM QUIT; do
		bad=
		for delay in 0 0.005 0.01 0.015 0.02 0.03 0.04 0.05 \
			     0.07 0.1 0.15 0.2 0.3; do
			NRUN=$((NRUN + 1))
			ERR=$WORK/err.$NRUN
			"$TOOLS_DIR/$TOOL" -c nothing-named-so >/dev/null 2>"$ERR" &
			TRACER_PID=$!
			wait_for_catch "$TRACER_PID" "$(kill -l "$sig")"
			sleep "$delay"
			kill -"$sig" "$TRACER_PID"
			wait_tracer
			[ "$TRACER_RC" -eq 0 ] &&
				has_line "$(tail -n 1 "$ERR")" \
				"^$TOOL: [0-9]+ events \([0-9]+ exec, [0-9]+ exit\), [0-9]+ lost$PEAK_FILL\$" &&
				[ "$(grep -vc -e 'tracing exec' -e ' events (' "$ERR")" -eq 0 ] ||
				bad="$bad ${delay}s: exit $TRACER_RC, $(head -n 1 "$ERR");"
		done
		check "$TOOL SIG$sig at any moment of startup: summary, exit 0${bad:+ (not after$bad)}" \
			[ -z "$bad" ]
	done
}
