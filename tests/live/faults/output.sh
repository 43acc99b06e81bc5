# shellcheck shell=bash
# Where the output goes and how writing it fails: | head -1 and
# /dev/full, closed standard fds, --output's header and reopening, a file
# size limit, a full disk, and a FIFO whose reader leaves.
# Sourced by tests/live/faults.sh, which says where each test runs.

test_pipes() {
	local i status mode

	# head takes the header and leaves: the tool must end by itself.
	for mode in batched per-event; do
		rm -f "$WORK/pipe.rc"
		("$TOOLS_DIR/$TOOL" --wakeup "$mode" 2>"$WORK/pipe.err"
		 echo $? >"$WORK/pipe.rc") | head -n 1 >"$WORK/pipe.out"
		for ((i = 0; i < 100; i++)); do
			[ -s "$WORK/pipe.rc" ] && break
			sleep 0.05
		done
		status=$(cat "$WORK/pipe.rc" 2>/dev/null)
		check "$TOOL --wakeup $mode | head -1: ends by itself with exit 0" \
			[ "${status:-none}" = 0 ]
		check "$TOOL --wakeup $mode | head -1: no error message" \
			[ "$(grep -vc 'tracing exec' "$WORK/pipe.err")" -eq 0 ]
	done
	"$TOOLS_DIR/$TOOL" -T 5 >/dev/full 2>"$WORK/full.err"
	status=$?
	[ "$status" -eq 1 ] &&
		has_line "$(cat "$WORK/full.err")" \
			"^$TOOL: writing output: No space left on device$" &&
		has_line "$(tail -n 1 "$WORK/full.err")" \
			"^$TOOL: [0-9]+ events .*, [0-9]+ not written \(the output failed\)$PEAK_FILL\$"
	check "$TOOL > /dev/full: exit 1 with the reason, then the summary" [ $? -eq 0 ]
}

# Started with 0, 1 or 2 closed, the tool's own files must not take
# those numbers, and a closed stdout is said to be closed.
test_closed_std_fds() {
	local pid

	run_fault "$TOOL with stdout closed" 1 \
		'standard output is closed.*redirect it to a file' \
		sh -c 'exec "$0" -T 1 >&-' "$TOOLS_DIR/$TOOL"
	new_program
	NRUN=$((NRUN + 1))
	OUT=$WORK/out.$NRUN
	"$TOOLS_DIR/$TOOL" -T 2 -c "${PROG##*/}" <&- 2>&- >"$OUT" &
	TRACER_PID=$!
	sleep 1
	"$PROG" 0 exit 4 &
	pid=$!
	wait "$pid"
	wait_tracer
	[ "$TRACER_RC" -eq 0 ] &&
		has_line "$(event_fields "$OUT" EXIT "$pid")" " exit=4 "
	check "$TOOL with stdin and stderr closed: traces, exit 0" [ $? -eq 0 ]
}

# --output appends, and the text header heads a file only when it is new:
# one header after two runs, one at the top of the file a rotation makes.
test_output_header() {
	local log=$WORK/header.log

	"$TOOLS_DIR/$TOOL" --output "$log" -T 1 2>/dev/null
	"$TOOLS_DIR/$TOOL" --output "$log" -T 1 2>/dev/null
	check "$TOOL --output twice: one header" [ "$(grep -c '^TIME ' "$log")" -eq 1 ]
	start_tracer "$TOOL" --output "$log" -c nothing-named-so || return
	mv "$log" "$log.1"
	kill -HUP "$TRACER_PID"
	wait_for "$log" '^TIME ' 10
	stop_tracer
	check "$TOOL --output rotated: the new file starts with the header" \
		has_line "$(head -n 1 "$log")" '^TIME +EVENT +COMM'
	check "$TOOL --output rotated: the old one has no second header" \
		[ "$(grep -c '^TIME ' "$log.1")" -eq 1 ]
}

# SIGHUP with --output, but the file cannot be made again: the tool says
# so, goes on writing to the file it has, and ends as usual.
test_reopen_fails() {
	local dir=$WORK/logs pid

	mkdir "$dir"
	new_program
	start_tracer "$TOOL" --output "$dir/log" -c "${PROG##*/}" || return
	rm -rf "$dir"
	kill -HUP "$TRACER_PID"
	wait_for "$ERR" 'reopening' 10
	"$PROG" 0 exit 0 &
	pid=$!
	wait "$pid"
	stop_tracer
	has_line "$(cat "$ERR")" \
		"^$TOOL: reopening $dir/log: No such file or directory; still writing to the old file$" &&
		[ "$TRACER_RC" -eq 0 ] &&
		has_line "$(cat "$ERR")" 'events \(1 exec, 1 exit\), 0 lost'"$PEAK_FILL\$"
	check "$TOOL --output, reopen fails: said, kept writing, exit 0" [ $? -eq 0 ]
}

# ends_cut FILE: whether FILE's last byte is not a newline.
ends_cut() {
	[ "$(tail -c 1 "$1" | od -An -tx1 | tr -d ' ')" != 0a ]
}

# check_failed_summary DESCRIPTION ERR FILE REASON: the summary comes last,
# counts the whole lines of FILE as printed, says REASON for what was not
# written, and that the last line is cut exactly when FILE ends cut.
check_failed_summary() {
	local desc=$1 err=$2 file=$3 why=$4 printed mark=

	printed=$(summary_field "$err" events)
	ends_cut "$file" && mark='; its last line is cut short'
	has_line "$(tail -n 1 "$err")" \
		"^$TOOL: [0-9]+ events .*, [0-9]+ not written \($why$mark\)$PEAK_FILL\$"
	check "$desc: the summary last, with what was not written${mark:+ and the cut}" [ $? -eq 0 ]
	check "$desc: printed ${printed:-?} = whole lines written" \
		[ "${printed:--1}" -eq $(($(wc -l <"$file") - $(grep -c '^TIME ' "$file"))) ]
}

# Past the file size limit, a write fails with EFBIG: an error to report,
# not a signal (SIGXFSZ) that kills the tool without a word; then the
# summary.  Run again appending (>>), the tool ends the cut line first.
test_file_size_limit() {
	local i pid

	new_program
	NRUN=$((NRUN + 1))
	OUT=$WORK/out.$NRUN
	ERR=$WORK/err.$NRUN
	prlimit --fsize=1000 "$TOOLS_DIR/$TOOL" -c "${PROG##*/}" >"$OUT" 2>"$ERR" &
	TRACER_PID=$!
	wait_for "$ERR" 'tracing exec and exit' 30
	for ((i = 0; i < 20; i++)); do
		"$PROG" 0 exit 0
	done
	wait_for "$ERR" 'writing output' 10
	wait_tracer
	[ "$TRACER_RC" -eq 1 ] &&
		has_line "$(cat "$ERR")" "^$TOOL: writing output: File too large$"
	check "$TOOL past its file size limit: exit 1 with the reason" [ $? -eq 0 ]
	check_failed_summary "$TOOL past its file size limit" "$ERR" "$OUT" \
		'the output failed'
	"$TOOLS_DIR/$TOOL" -c "${PROG##*/}" >>"$OUT" 2>"$ERR" &
	TRACER_PID=$!
	wait_for "$ERR" 'tracing exec and exit' 30
	"$PROG" 0 exit 0 &
	pid=$!
	wait "$pid"
	wait_for "$OUT" "EXIT .* $pid " 10
	stop_tracer
	[ "$TRACER_RC" -eq 0 ] && [ "$(grep -cE '^TIME +EVENT' "$OUT")" -eq 2 ] &&
		[ -n "$(event_fields "$OUT" EXIT "$pid")" ]
	check "$TOOL >> the cut file: its lines start on a line of their own" [ $? -eq 0 ]
}

# A full disk (a 64 KiB tmpfs) under 2 x N events: exit 1 with the reason,
# and a summary where printed + lost + not written = 2 x N.  Restarted with
# room made, as Restart=on-failure does, the tool ends the cut line before
# its own: every line but the cut one is valid JSON.
test_full_disk() {
	local n=300 dir=$WORK/disk ns i log pid printed lost unwritten cut=-1

	mkdir "$dir"
	unshare -m --propagation private sh -c \
		'mount -t tmpfs -o size=64k none "$0" && exec sleep 600' "$dir" &
	ns=$!
	wait_for "/proc/$ns/mounts" " $dir tmpfs " 10
	log=/proc/$ns/root$dir/log
	new_program
	start_command nsenter -t "$ns" -m "$TOOLS_DIR/$TOOL" --json \
		--output "$dir/log" -c "${PROG##*/}" || return
	# Stopped, the tool sees them all before it meets the full disk.
	kill -STOP "$TRACER_PID"
	for ((i = 0; i < n; i++)); do
		"$PROG" 0 exit 0
	done
	kill -CONT "$TRACER_PID"
	wait_tracer
	printed=$(summary_field "$ERR" events)
	lost=$(summary_field "$ERR" lost)
	unwritten=$(grep -oE '[0-9]+ not written' "$ERR" | cut -d' ' -f1)
	[ "$TRACER_RC" -eq 1 ] &&
		has_line "$(cat "$ERR")" "^$TOOL: writing output: No space left on device$"
	check "$TOOL on a full disk: exit 1 with the reason" [ $? -eq 0 ]
	check_failed_summary "$TOOL on a full disk" "$ERR" "$log" 'the output failed'
	check "$TOOL on a full disk: printed ${printed:-?} + lost ${lost:-?} + not written ${unwritten:-?} = $((2 * n))" \
		[ $((${printed:-0} + ${lost:-0} + ${unwritten:-0})) -eq $((2 * n)) ]
	ends_cut "$log" && cut=$(wc -l <"$log")
	nsenter -t "$ns" -m mount -o remount,size=1m "$dir"
	start_command nsenter -t "$ns" -m "$TOOLS_DIR/$TOOL" --json \
		--output "$dir/log" -c "${PROG##*/}" || return
	"$PROG" 0 exit 0 &
	pid=$!
	wait "$pid"
	wait_for "$log" "\"EXIT\".*\"pid\":$pid," 10
	stop_tracer
	check "$TOOL restarted on the cut file: exit 0" [ "$TRACER_RC" -eq 0 ]
	check "$TOOL restarted on the cut file: every other line is valid JSON, the new ones whole" \
		python3 "$ROOT/tests/live/check_appended.py" "$log" "$cut" "$pid"
	kill "$ns"
	wait "$ns" 2>/dev/null
}

# --output to a FIFO whose reader (a log shipper) leaves: a fault, said in
# one line, with exit 1 for a service manager to restart the tool, and the
# events it could not write counted.  Idle, the tool sees it as soon.
test_fifo_reader_leaves() {
	local fifo=$WORK/ship n i lost unwritten errors

	rm -f "$fifo"
	mkfifo "$fifo"
	for n in 100 0; do
		# Read-write, the reader's open() does not wait for a writer.
		cat <>"$fifo" >/dev/null &
		READER_PID=$!
		until [ "$(readlink "/proc/$READER_PID/fd/0")" = "$fifo" ]; do
			sleep 0.05
		done
		new_program
		start_tracer "$TOOL" --output "$fifo" -c "${PROG##*/}" || return
		kill -STOP "$TRACER_PID"
		for ((i = 0; i < n; i++)); do
			"$PROG" 0 exit 0
		done
		kill "$READER_PID"
		wait "$READER_PID" 2>/dev/null
		kill -CONT "$TRACER_PID"
		wait_tracer
		lost=$(summary_field "$ERR" lost)
		unwritten=$(grep -oE '[0-9]+ not written' "$ERR" | cut -d' ' -f1)
		errors=$(grep -v -e 'tracing exec' -e ' events (' "$ERR")
		[ "$TRACER_RC" -eq 1 ] &&
			[ "$errors" = "$TOOL: writing output: the reader of $fifo closed it" ]
		check "$TOOL --output FIFO, $n processes, its reader leaves: exit 1, said in one line" \
			[ $? -eq 0 ]
		has_line "$(tail -n 1 "$ERR")" \
			"^$TOOL: 0 events \(0 exec, 0 exit\), [0-9]+ lost, [0-9]+ not written \(its reader left\)$PEAK_FILL\$" &&
			[ $((${lost:-0} + ${unwritten:-0})) -eq $((2 * n)) ]
		check "$TOOL --output FIFO, its reader left: the summary counts ${unwritten:-?} not written + ${lost:-?} lost = $((2 * n))" \
			[ $? -eq 0 ]
	done
}
