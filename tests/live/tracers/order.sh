# shellcheck shell=bash
# Order: storms printed whole with each EXEC before its EXIT, or counted
# late; events held for time order, --ordered and --unordered; a lone
# event brought out by the timer.
# Sourced by tests/live/tracers.sh, which says where each test runs.

# A storm of 2000 processes on both CPUs, through the tool as it is set
# (TRACER_OPTS, ARGS): every event printed, and no EXIT before its EXEC but
# those the summary counts as late.  In time order (the perf buffer's and
# --rings per-cpu's default, or --ordered) few or none are; with --rings N
# none is: each process's events share one ring.  (The perf buffer with
# --unordered often shows some: chance, not asserted.)
test_in_order() {
	local v=$1 args=("${@:2}") procs reordered late rc down

	start_tracer "$v" "${args[@]}" -c "${STORM_CHILD##*/}" || return
	"$STORM" -n 1000 -j 2 "$STORM_CHILD" >/dev/null
	stop_tracer
	read -r procs _ reordered _ < <("$ROOT/bench/ordering" "$OUT")
	late=$(grep -oE '[0-9]+ delivered out of order' "$ERR" | cut -d' ' -f1)
	[ "$(summary_field "$ERR" events)" = 4000 ] &&
		[ "$(summary_field "$ERR" lost)" = 0 ] && [ "$procs" = 2000 ]
	rc=$?
	check "a storm of 2000 processes, every event printed" \
		[ $rc -eq 0 ]
	[ $rc -eq 0 ] || echo "     $procs processes; $(tail -n 1 "$ERR")"
	check "$reordered EXIT before EXEC, at most the ${late:-0} counted late" \
		[ "${late:-0}" -ge "$reordered" ]
	[[ " ${args[*]} " == *" --json "* ]] || return
	# JSON has nanoseconds: the lines' times go down only for late events.
	down=$(python3 "$TIMES_DOWN" "$OUT")
	[ -z "$late" ] && return	# not in time order: only per process
	check "times go down $down times, at most $late" \
		[ "$down" -le "$late" ]
}

# --unordered: each event is printed as soon as it is read, and nothing
# is counted late (nothing is held).
test_unordered() {
	local v=$1 pid

	new_program
	start_tracer "$v" --unordered --wakeup per-event -c "${PROG##*/}" ||
		return
	"$PROG" 0 exit 3 &
	pid=$!
	wait "$pid"
	wait_for "$OUT" "EXIT .* $pid .*exit=3" 5
	check "--unordered: an event is printed as it comes" \
		[ "$(count_lines "$OUT" " $pid ")" -eq 2 ]
	stop_tracer
	check "--unordered: the summary counts nothing late" \
		has_line "$(cat "$ERR")" 'events \(1 exec, 1 exit\), 0 lost; peak '
}

# Stopped while its events are held (a window of 5 s): it prints them all.
# In time order by default, or by the options it is given.
test_ordered_stop() {
	local v=$1 pid

	new_program
	start_tracer "$v" "${@:2}" --max-delay 10000 -c "${PROG##*/}" || return
	"$PROG" 0 exit 3 &
	pid=$!
	wait "$pid"
	sleep 0.5
	check "--ordered: events held for their window are not printed yet" \
		[ "$(count_lines "$OUT" " $pid ")" -eq 0 ]
	stop_tracer
	check "--ordered: stopped, it prints the events it held" \
		[ "$(count_lines "$OUT" " $pid ")" -eq 2 ]
	check "--ordered: the summary counts them, none late" \
		has_line "$(cat "$ERR")" 'events \(1 exec, 1 exit\), 0 lost, 0 delivered out of order'"$PEAK_FILL\$"
}

# With one shared ring, a ring buffer tool refuses --ordered and
# --unordered alike, in one line: it is in order already.  (-T 1: a tool
# that took one would trace, and end.)
test_ordered_refused() {
	local v=$1 o

	for o in --ordered --unordered; do
		"$TOOLS_DIR/$v" "$o" -T 1 >"$WORK/ord.out" 2>"$WORK/ord.err"
		[ $? -eq 2 ] && [ ! -s "$WORK/ord.out" ] &&
			has_line "$(head -n 1 "$WORK/ord.err")" \
			"^$v: $o .*; one shared ring is in order already$"
		check "$o: refused, exit 2, says why" [ $? -eq 0 ]
	done
}

# Batched (the default), nothing wakes the tracer for a lone event: the
# drain every --max-delay / 2 must bring it out, and bring it whole.
test_lone_event() {
	local v=$1 pid

	new_program
	start_tracer "$v" --max-delay 100 -c "${PROG##*/}" || return
	"$PROG" 0 exit 6 &
	pid=$!
	wait "$pid"
	wait_for "$OUT" "EXIT .* $pid .*exit=6" 10
	check "batched: a lone event is printed without more coming" \
		[ "$(count_lines "$OUT" " $pid ")" -eq 2 ]
	stop_tracer
	check "batched: the summary counts it" \
		has_line "$(cat "$ERR")" 'events \(1 exec, 1 exit\), 0 lost'"$PEAK_FILL\$"
}
