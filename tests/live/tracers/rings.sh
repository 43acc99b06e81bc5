# shellcheck shell=bash
# The rings and their wakeups: --wakeup and --max-delay, the wakeups the
# BPF side forces, and records that carry no other event's bytes.
# Sourced by tests/live/tracers.sh, which says where each test runs.

# --wakeup's and --max-delay's refusals; the last, out of time order: the
# perf buffer with --unordered, one shared ring as it is.
test_wakeup_options() {
	local v=$1 args unordered="--unordered "

	[ "$v" = perfbuf-output ] || unordered=
	for args in "--wakeup sometimes" "--max-delay 0" "--max-delay 10001" \
		    "--wakeup per-event ${unordered}--max-delay 10"; do
		# shellcheck disable=SC2086
		"$TOOLS_DIR/$v" $args >/dev/null 2>"$WORK/wk.err"
		[ $? -eq 2 ] && has_line "$(head -n 1 "$WORK/wk.err")" "^$v: "
		check "$args: refused, exit 2" [ $? -eq 0 ]
	done
}

# Batched, the BPF side wakes the tool each time a quarter of the buffer
# has been written: with the poll's own timeout 5 s away (--max-delay 10 s),
# a burst that writes more than that is printed before it.
test_batched_wakeup() {
	local v=$1 i printed size_opt=(--buffer-size 256K)

	# Not held for time order (a tenth of --max-delay) either.
	[ "$v" = perfbuf-output ] && size_opt=(--pages 8 --unordered)
	new_program
	start_tracer "$v" "${size_opt[@]}" --max-delay 10000 -c "${PROG##*/}" ||
		return
	for ((i = 0; i < 300; i++)); do
		"$PROG" 0 exit 0
	done
	sleep 1
	printed=$(count_lines "$OUT" " ${PROG##*/} ")
	stop_tracer
	check "batched: woken by the BPF side, $printed of 600 events printed within 1 s" \
		[ "$printed" -gt 0 ]
	check "batched: the rest at the stop, none lost" \
		[ "$(count_lines "$OUT" " ${PROG##*/} ")" -eq 600 ]
}

# Batched, one wakeup is forced each time a ring's producer position passes
# another quarter of it, whichever CPU's record crossed it, and whatever
# headers and padding the records took: a storm of two pinned loops, one
# per CPU (-v's count of the wakeups forced and due, from the records
# read), with the one ring and a ring per CPU.  Reserve/submit's 8 KiB
# records get a ring of 1 MiB: in a smaller one, another CPU may write a
# quarter while one record is filled, and its one wakeup then covers two.
# Without compare-and-exchange (before Linux 5.12), two CPUs may both force
# one: none is missed.  (The ring buffer tools': the perf buffer's wakeups
# are the kernel's watermark.)
test_wakeup_count() {
	local v=$1 rings forced due storm child=$WORK/wk$$ size=64K cmpxchg

	[ "$v" = ringbuf-reserve-submit ] && size=1M
	cp "$STORM_CHILD" "$child"
	for rings in shared per-cpu no-cmpxchg; do
		cmpxchg=()
		[ $rings = no-cmpxchg ] && cmpxchg=(env TRACER_TEST_NO_CMPXCHG=1)
		start_command "${cmpxchg[@]}" "$TOOLS_DIR/$v" -v \
			--rings "${rings/no-cmpxchg/shared}" --buffer-size $size \
			-c "${child##*/}" || return
		taskset -c 0 "$STORM" -n 1500 -j 1 -a 300 "$child" >/dev/null &
		storm=$!
		taskset -c 1 "$STORM" -n 1500 -j 1 -a 300 "$child" >/dev/null
		wait "$storm"
		stop_tracer
		read -r forced due < <(sed -nE 's/.*: ([0-9]+) batched wakeups forced, ([0-9]+) due .*/\1 \2/p' "$ERR")
		if [ $rings = no-cmpxchg ]; then
			[ "${due:-0}" -gt 50 ] && [ "$forced" -ge "$due" ]
		else
			[ "${due:-0}" -gt 50 ] && [ "$forced" = "$due" ]
		fi
		check "${rings/no-cmpxchg/without cmpxchg}: $forced wakeups forced, $due due: one a quarter, none missed" \
			[ $? -eq 0 ]
	done
}

# No record carries another event's bytes: a record's bytes past what its
# lengths use are zero, read from the ring itself as any other reader of it
# would (tests/live/ring_records.py).  Long command lines go round the ring
# first, then, the tracer stopped, short ones land where they were.  (The
# ring buffer tools': the perf buffer gets a copy of the bytes used alone.)
test_no_stale_bytes() {
	local v=$1 records stale child=$WORK/sb$$

	cp "$STORM_CHILD" "$child"
	start_tracer "$v" --buffer-size 64K -c "${child##*/}" || return
	"$STORM" -n 100 -j 1 -a 4000 "$child" >/dev/null
	sleep 0.5	# read: the ring holds nothing but what is reused
	kill -STOP "$TRACER_PID"
	"$STORM" -n 2 -j 1 "$child" >/dev/null
	read -r records stale < <(python3 "$RING_RECORDS" "$TRACER_PID" \
					"${child##*/}")
	kill -CONT "$TRACER_PID"
	stop_tracer
	[ "${records:-0}" -eq 4 ] && [ "$stale" = 0 ]
	check "${records:-no} records read from the ring, ${stale:-?} bytes of other events in them" \
		[ $? -eq 0 ]
}
