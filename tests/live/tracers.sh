#!/usr/bin/env bash
# Live tests of the tracers: real BPF programs, real processes, and
# what the tool printed.  Needs root.  Usage: tracers.sh [VARIANT...]
source "$(dirname "$0")/lib.sh"

VARIANTS=(perfbuf-output ringbuf-output ringbuf-reserve-submit
	  ringbuf-reserve-dynptr)
EXEC_LINE=$ROOT/tests/live/exec_line.py
JSON_FIELDS=$ROOT/tests/live/json_fields.py
FDEXEC=$ROOT/.output/fdexec
REWRITE_ENV=$ROOT/.output/rewrite-env
EXEC_CONTEXT=$ROOT/tests/live/exec_context.py
RING_RECORDS=$ROOT/tests/live/ring_records.py
STORM=$ROOT/.output/bench/exec-storm
STORM_CHILD=$ROOT/.output/bench/storm-child
[ $# -gt 0 ] && VARIANTS=("$@")

has_line() {	# has_line TEXT REGEX
	grep -qE -- "$2" <<<"$1"
}

# A duration in ms from "duration=12.345ms" or "duration=1.2s".
duration_ms() {
	sed -nE 's/.*duration=([0-9.]+)(ms|s).*/\1 \2/p' <<<"$1" |
		awk '{ printf "%d", $2 == "s" ? $1 * 1000 : $1 }'
}

test_text() {	# exec and exit of processes with known lives, as text
	local v=$1 name pid killed exec_line exit_line dur

	new_program
	name=${PROG##*/}
	start_tracer "$v" -c "$name" || return
	"$PROG" 150 exit 7 &
	pid=$!
	wait "$pid"
	"$PROG" 0 signal 15 &
	killed=$!
	{ wait "$killed"; } 2>/dev/null	# bash would announce the kill
	wait_for "$OUT" "EXIT +$name +$killed " 10
	stop_tracer
	exec_line=$(event_fields "$OUT" EXEC "$pid")
	exit_line=$(event_fields "$OUT" EXIT "$pid")
	check "$v text: EXEC shows comm, ppid, uid, filename, arguments" \
		[ "$exec_line" = "$name $$ 0 0 $PROG $PROG 150 exit 7" ]
	check "$v text: EXIT shows comm, ppid, uid, exit code" \
		has_line "$exit_line" "^$name $$ 0 0 exit=7 duration="
	dur=$(duration_ms "$exit_line")
	[ "${dur:-0}" -ge 150 ] && [ "${dur:-0}" -lt 5000 ]
	check "$v text: duration ${dur}ms is plausible for a 150ms life" [ $? -eq 0 ]
	check "$v text: EXIT of a killed process names the signal" \
		has_line "$(event_fields "$OUT" EXIT "$killed")" \
		"^$name $$ 0 0 signal=SIGTERM duration="
	check "$v text: PCOMM is this shell's name, in EXEC and EXIT" \
		[ "$(awk -v p="$pid" '$4 == p { print $6 }' "$OUT" | tr '\n' ' ')" = \
		  "$(cat /proc/$$/comm) $(cat /proc/$$/comm) " ]
	check "$v text: header comes first" \
		has_line "$(head -n 1 "$OUT")" '^TIME +EVENT +COMM +PID +PPID +PCOMM +UID'
	check "$v text: exits 0 on SIGINT" [ "$TRACER_RC" -eq 0 ]
	check "$v text: summary counts 2 exec, 2 exit, 0 lost" \
		has_line "$(cat "$ERR")" 'events \(2 exec, 2 exit\), 0 lost'"$PEAK_FILL\$"
}

test_json() {	# the same through --json, and a process killed by a signal
	local v=$1 pid exec_json exit_json

	new_program
	start_tracer "$v" --json -c "${PROG##*/}" || return
	"$PROG" 50 signal 9 &
	pid=$!
	{ wait "$pid"; } 2>/dev/null	# bash would announce the kill
	wait_for "$OUT" "\"EXIT\".*\"pid\":$pid," 10
	stop_tracer TERM
	exec_json=$(python3 "$ROOT/tests/live/json_event.py" "$OUT" EXEC "$pid" 2>&1)
	exit_json=$(python3 "$ROOT/tests/live/json_event.py" "$OUT" EXIT "$pid" 2>&1)
	check "$v json: EXEC has comm, ppid, uid, filename" \
		has_line "$(grep -E '^(comm|ppid|uid|filename)=' <<<"$exec_json" | sort | tr '\n' ' ')" \
		"^comm=${PROG##*/} filename=$PROG ppid=$$ uid=0 $"
	check "$v json: EXIT says killed by signal 9, no core" \
		has_line "$(grep -E '^(signal|core_dumped|exit_code)=' <<<"$exit_json" | sort | tr '\n' ' ')" \
		'^core_dumped=false exit_code=0 signal=9 $'
	check "$v json: EXIT duration_ns is plausible for a 50ms life" \
		awk -F= '$1 == "duration_ns" { exit !($2 >= 50e6 && $2 < 5e9) }' <<<"$exit_json"
	check "$v json: exits 0 on SIGTERM" [ "$TRACER_RC" -eq 0 ]
}

# Who a process is: its parent's name (a shell under a name of its own),
# its start (what /proc/PID/stat says, in ticks, while it lives), and its
# key, the same in its EXEC and EXIT, after another thread's exec too, and
# another for the next process given its pid (by clone3's set_tid).
test_process_identity() {
	local v=$1 parent sh_pid child ticks tick_ns execd ids want first

	new_program
	new_program parent
	cp /bin/sh "$parent"
	rm -f "$WORK/child"
	start_tracer "$v" --json -c "${PROG##*/}" || return
	"$parent" -c '"$1" 300 exit 0 & echo $! >"$2"; wait' sh "$PROG" \
		"$WORK/child" &
	sh_pid=$!
	wait_for "$WORK/child" . 10
	child=$(cat "$WORK/child")
	ticks=$(awk '{ print $22 }' "/proc/$child/stat")
	wait "$sh_pid"
	"$ROOT/.output/with-pid" "$child" "$PROG" "$PROG" 0 exit 0
	"$PROG" 0 thread-exec 4 &
	execd=$!
	wait "$execd"
	stop_tracer
	ids=$(python3 "$JSON_FIELDS" "$OUT" "$child" event pcomm start_ns \
	      process_key)
	read -r _ _ first _ <<<"$ids"
	tick_ns=$((1000000000 / $(getconf CLK_TCK)))
	check "$v json: pcomm is the parent's name, ${parent##*/}" \
		[ "$(head -n 2 <<<"$ids" | cut -d' ' -f1,2 | tr '\n' ' ')" = \
		  "EXEC ${parent##*/} EXIT ${parent##*/} " ]
	check "$v json: start_ns $first is /proc/$child/stat's $ticks ticks" \
		[ "$((${first:-0} / tick_ns))" = "$ticks" ]
	want="EXEC $child:$first EXIT $child:$first "
	check "$v json: process_key $child:$first in its EXEC and EXIT" \
		[ "$(head -n 2 <<<"$ids" | cut -d' ' -f1,4 | tr '\n' ' ')" = "$want" ]
	check "$v json: pid $child reused: another key, the same in both events" \
		python3 -c 'import sys
rows = [l.split() for l in sys.stdin.read().splitlines()]
assert [r[0] for r in rows] == ["EXEC", "EXIT", "EXEC", "EXIT"], rows
assert rows[2][1] == "with-pid", rows
assert rows[2][3] == rows[3][3] != rows[0][3], rows
assert int(rows[2][2]) > int(rows[0][2]), rows' <<<"$ids"
	check "$v json: a thread's exec keeps the process's key: 2 EXEC, 1 EXIT, 1 key" \
		has_line "$(python3 "$JSON_FIELDS" "$OUT" "$execd" event process_key |
			    sort | uniq -c | awk '{ printf "%s %s %s ", $1, $2, $3 }')" \
		"^2 EXEC $execd:([0-9]+) 1 EXIT $execd:\\1 \$"
}

# last_exec FILE PID FIELD...: the fields of the last EXEC of PID in JSON
# output (what it ran in the end: after env or fdexec, the program).
last_exec() {
	python3 "$JSON_FIELDS" "$1" "$2" event "${@:3}" | grep '^EXEC ' |
		tail -n 1 | cut -d' ' -f2-
}

# What ran, from where: scripts run by a name relative to their folder,
# through their #! line, one whose interpreter takes an argument, one whose
# interpreter's name holds an escape sequence and a byte that is not UTF-8;
# a program run from a memfd, and one deleted before it runs through its
# open file, both with no name on disk; a program run from its file.  Each
# from a subshell, which -P keeps the children of.
test_exec_sources() {
	local v=$1 dir hostile fmt parent pids memfd

	new_program
	dir=$WORK/from$NPROG
	hostile=$dir/$'sh\e[2J\xff'
	mkdir "$dir" && cp /bin/sh "$hostile"
	printf '#!/bin/sh -e\nexit 0\n' >"$dir/plain.sh"
	printf '#!%s\nexit 0\n' "$hostile" >"$dir/hostile.sh"
	chmod 755 "$dir/plain.sh" "$dir/hostile.sh"
	run() {	# COMMAND...: its pid in pids, then its end
		"$@" &
		echo $! >>"$WORK/pids"
		wait $!
	}
	for fmt in json text; do
		rm -f "$WORK/go" "$WORK/pids"
		mkfifo "$WORK/go"
		(read -r _ <"$WORK/go"; cd "$dir" || exit
		 run env ./plain.sh a
		 run env ./hostile.sh
		 run "$FDEXEC" memfd "$PROG" x 0 exit 0
		 run "$FDEXEC" unlinked "$PROG" y 0 exit 0
		 run "$PROG" 0 exit 0) &
		parent=$!
		# shellcheck disable=SC2046
		start_tracer "$v" $(fmt_opts "$fmt") -P "$parent" || return
		echo go >"$WORK/go"
		wait "$parent"
		stop_tracer
		mapfile -t pids <"$WORK/pids"
		check "$v $fmt: a script: its name as given, the interpreter's command line" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "${pids[0]}" 4096 \
			./plain.sh /bin/sh -e ./plain.sh a
		check "$v $fmt: an interpreter named with an escape and invalid UTF-8, exactly" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "${pids[1]}" 4096 \
			./hostile.sh "$hostile" ./hostile.sh
		check "$v $fmt: a memfd's program, named for its fd" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "${pids[2]}" 4096 \
			/dev/fd/9 x 0 exit 0
		check "$v $fmt: a deleted program, named for its fd" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "${pids[3]}" 4096 \
			/dev/fd/9 y 0 exit 0
		[ "$fmt" = json ] || continue
		check "$v json: a script's interpreter, and its name on disk" \
			[ "$(last_exec "$OUT" "${pids[0]}" comm interp interp_truncated \
			     no_name_on_disk)" = "plain.sh /bin/sh false false" ]
		check "$v json: a hostile interpreter's bytes in interp_hex" \
			[ "$(last_exec "$OUT" "${pids[1]}" interp_hex interp_truncated)" = \
			  "$(printf %s "$hostile" | od -An -tx1 | tr -d ' \n') false" ]
		# Its comm: its memfd's name (older kernels: "9", the fd's).
		memfd=memfd:${PROG##*/}
		check "$v json: a memfd's program: no name on disk, no interpreter" \
			has_line "$(last_exec "$OUT" "${pids[2]}" comm filename interp \
				    no_name_on_disk)" \
			"^(${memfd:0:15}|9) /dev/fd/9 null true\$"
		check "$v json: a program deleted, then run through its fd: no name on disk" \
			has_line "$(last_exec "$OUT" "${pids[3]}" comm filename interp \
				    no_name_on_disk)" \
			"^${PROG##*/} /dev/fd/9 null true\$"
		check "$v json: a program run from its file: a name on disk, no interpreter" \
			[ "$(last_exec "$OUT" "${pids[4]}" filename interp no_name_on_disk)" = \
			  "$PROG null false" ]
	done
	rm -f "$WORK/go"
}

# fmt_opts FORMAT: the option that selects FORMAT (text or json).
fmt_opts() {
	[ "$1" = json ] && echo --json
}

# The arguments as the process received them, exactly, in text and JSON:
# an empty one, spaces, a newline and an escape sequence, bytes that are
# not UTF-8, a quote, a backslash, the cut mark's own "..."; and one
# longer than the default limit (4096 bytes of arguments), cut and marked.
test_args() {
	local v=$1 fmt pid long long_pid
	local args=(0 exit 0 "" "my file" $'new\nline\e[2J' $'in\xffvalid'
		    "it's" 'a\b' '...')

	long=$(printf 'w%.0s' {1..5000})
	for fmt in text json; do
		new_program
		# shellcheck disable=SC2046
		start_tracer "$v" $(fmt_opts "$fmt") -c "${PROG##*/}" || return
		"$PROG" "${args[@]}" &
		pid=$!
		wait "$pid"
		"$PROG" 0 exit 0 "$long" &
		long_pid=$!
		wait "$long_pid"
		stop_tracer
		check "$v $fmt: the arguments exactly, args_count right" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "$pid" 4096 \
			"$PROG" "$PROG" "${args[@]}"
		check "$v $fmt: a command line past 4096 bytes is cut, and marked" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "$long_pid" 4096 \
			"$PROG" "$PROG" 0 exit 0 "$long"
	done
}

# --max-args-bytes: cut inside an argument (the last, or with more after
# it), cut between two, a command line that just fits (not cut).
test_args_limit() {
	local v=$1 fmt base limit mid more between fits a19 a30

	a19=$(printf 'a%.0s' {1..19})
	a30=$(printf 'b%.0s' {1..30})
	for fmt in text json; do
		new_program
		# The program's own argument bytes: "PROG\0" "0\0" "exit\0" "0\0".
		base=$((${#PROG} + 1 + 2 + 5 + 2))
		limit=$((base + 20))
		# shellcheck disable=SC2046
		start_tracer "$v" $(fmt_opts "$fmt") --max-args-bytes "$limit" \
			-c "${PROG##*/}" || return
		"$PROG" 0 exit 0 "$a30" & mid=$!; wait "$mid"
		"$PROG" 0 exit 0 "$a30" third fourth & more=$!; wait "$more"
		"$PROG" 0 exit 0 "$a19" z & between=$!; wait "$between"
		"$PROG" 0 exit 0 "$a19" & fits=$!; wait "$fits"
		stop_tracer
		check "$v $fmt --max-args-bytes: cut inside an argument" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "$mid" "$limit" \
			"$PROG" "$PROG" 0 exit 0 "$a30"
		check "$v $fmt --max-args-bytes: cut inside one, more after it: both marks" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "$more" "$limit" \
			"$PROG" "$PROG" 0 exit 0 "$a30" third fourth
		check "$v $fmt --max-args-bytes: cut between two arguments" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "$between" "$limit" \
			"$PROG" "$PROG" 0 exit 0 "$a19" z
		check "$v $fmt --max-args-bytes: just fits, not cut" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "$fits" "$limit" \
			"$PROG" "$PROG" 0 exit 0 "$a19"
	done
}

# A filename of 4095 bytes (PATH_MAX with its NUL) is whole; one longer is
# cut, and marked.  execveat() names the program /dev/fd/9/PATH, which
# can be longer than any path execve() takes.
LONG_DIR=
make_long_dir() {	# sets LONG_DIR and LONG_REL, 4016 bytes of dirs deep
	local seg i

	[ -n "$LONG_DIR" ] && return
	LONG_DIR=$WORK/deep
	seg=$(printf 'd%.0s' {1..250})
	LONG_REL=
	mkdir "$LONG_DIR"
	(cd "$LONG_DIR" && for ((i = 0; i < 16; i++)); do
		mkdir "$seg" && cd "$seg" || exit 1
	done)
	for ((i = 0; i < 16; i++)); do
		LONG_REL+=$seg/
	done
}

test_long_filename() {
	local v=$1 fmt name whole cut pad rel

	make_long_dir
	for fmt in text json; do
		new_program
		name=${PROG##*/}
		pad=$(printf 'p%.0s' {1..100})
		# /dev/fd/9/ is 10 bytes: names of 4095 and 4100 bytes.
		rel=$LONG_REL$name
		rel=$rel${pad:0:$((4085 - ${#rel}))}
		(cd "$LONG_DIR/$LONG_REL" && cp "$PROG" "${rel##*/}" &&
		 cp "$PROG" "${rel##*/}xxxxx")
		# Its comm: the first 15 bytes of its name, padding included.
		name=${rel##*/}
		# shellcheck disable=SC2046
		start_tracer "$v" $(fmt_opts "$fmt") -c "${name:0:15}" || return
		"$ROOT/.output/execveat" "$LONG_DIR" "$rel" x 0 exit 0 & whole=$!
		wait "$whole"
		"$ROOT/.output/execveat" "$LONG_DIR" "${rel}xxxxx" x 0 exit 0 & cut=$!
		wait "$cut"
		stop_tracer
		check "$v $fmt: a 4095-byte filename, whole" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "$whole" 4096 \
			"/dev/fd/9/$rel" x 0 exit 0
		check "$v $fmt: a 4100-byte filename, cut and marked" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "$cut" 4096 \
			"/dev/fd/9/${rel}xxxxx" x 0 exit 0
	done
}

# With its default buffer, each tool takes a burst of 1000 processes whose
# command lines are 200 bytes long, all on one CPU (the perf buffer's worst
# case), while its consumer is stopped, and loses nothing.
test_default_burst() {
	local v=$1

	start_tracer "$v" -c storm-child || return
	kill -STOP "$TRACER_PID"
	taskset -c 0 "$STORM" -n 1000 -j 1 -a 200 "$STORM_CHILD" >/dev/null
	kill -CONT "$TRACER_PID"
	stop_tracer
	[ "$(summary_field "$ERR" events)" = 2000 ] &&
		[ "$(summary_field "$ERR" lost)" = 0 ]
	check "$v: a burst of 1000 processes at the default size, none lost" \
		[ $? -eq 0 ]
}

# Started and stopped in the middle of a storm, a tool loses nothing: its
# buffer is ready before its programs run, and they are detached before
# it is drained.
test_start_in_storm() {
	local v=$1 storm rc

	"$STORM" -n 20000 -j 2 "$STORM_CHILD" >/dev/null &
	storm=$!
	sleep 0.2
	start_tracer "$v" -c storm-child || { wait "$storm"; return; }
	sleep 0.2
	stop_tracer
	wait "$storm"
	[ "$(summary_field "$ERR" events)" -gt 0 ] &&
		[ "$(summary_field "$ERR" lost)" = 0 ]
	rc=$?
	check "$v: started and stopped in a storm, none lost" [ $rc -eq 0 ]
	[ $rc -eq 0 ] || echo "     $(tail -n 1 "$ERR")"
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
	check "$v batched: a lone event is printed without more coming" \
		[ "$(count_lines "$OUT" " $pid ")" -eq 2 ]
	stop_tracer
	check "$v batched: the summary counts it" \
		has_line "$(cat "$ERR")" 'events \(1 exec, 1 exit\), 0 lost'"$PEAK_FILL\$"
}

# A storm of 2000 processes on both CPUs, through the tool as it is set
# (TRACER_OPTS, ARGS): every event printed, and no EXIT before its EXEC but
# those the summary counts as late.  In time order (the perf buffer's and
# --rings per-cpu's default, or --ordered) few or none are; with --rings N
# none is: each process's events share one ring.  (The perf buffer with
# --unordered often shows some: chance, not asserted.)
test_in_order() {
	local v=$1 args=("${@:2}") desc procs reordered late rc

	desc="$v ${TRACER_OPTS[*]} ${args[*]}"
	start_tracer "$v" "${args[@]}" -c storm-child || return
	"$STORM" -n 1000 -j 2 "$STORM_CHILD" >/dev/null
	stop_tracer
	read -r procs _ reordered _ < <("$ROOT/bench/ordering" "$OUT")
	late=$(grep -oE '[0-9]+ delivered out of order' "$ERR" | cut -d' ' -f1)
	[ "$(summary_field "$ERR" events)" = 4000 ] &&
		[ "$(summary_field "$ERR" lost)" = 0 ] && [ "$procs" = 2000 ]
	rc=$?
	check "$desc: a storm of 2000 processes, every event printed" \
		[ $rc -eq 0 ]
	[ $rc -eq 0 ] || echo "     $procs processes; $(tail -n 1 "$ERR")"
	check "$desc: $reordered EXIT before EXEC, at most the ${late:-0} counted late" \
		[ "${late:-0}" -ge "$reordered" ]
	[[ " ${args[*]} " == *" --json "* ]] || return
	# JSON has nanoseconds: the lines' times go down only for late events.
	python3 -c 'import json, sys
ts = [json.loads(l)["timestamp_ns"] for l in open(sys.argv[1])]
print(sum(b < a for a, b in zip(ts, ts[1:])))' "$OUT" >"$WORK/down"
	[ -z "$late" ] && return	# not in time order: only per process
	check "$desc: times go down $(cat "$WORK/down") times, at most $late" \
		[ "$(cat "$WORK/down")" -le "$late" ]
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
	check "$v --unordered: an event is printed as it comes" \
		[ "$(count_lines "$OUT" " $pid ")" -eq 2 ]
	stop_tracer
	check "$v --unordered: the summary counts nothing late" \
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
	check "$v --ordered: events held for their window are not printed yet" \
		[ "$(count_lines "$OUT" " $pid ")" -eq 0 ]
	stop_tracer
	check "$v --ordered: stopped, it prints the events it held" \
		[ "$(count_lines "$OUT" " $pid ")" -eq 2 ]
	check "$v --ordered: the summary counts them, none late" \
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
		check "$v $o: refused, exit 2, says why" [ $? -eq 0 ]
	done
}

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
		check "$v $args: refused, exit 2" [ $? -eq 0 ]
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
	check "$v batched: woken by the BPF side, $printed of 600 events printed within 1 s" \
		[ "$printed" -gt 0 ]
	check "$v batched: the rest at the stop, none lost" \
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
# one: none is missed.
test_wakeup_count() {
	local v=$1 rings forced due storm child=$WORK/wk$$ size=64K cmpxchg

	[ "$v" = perfbuf-output ] && return	# the kernel's watermark
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
		check "$v ${rings/no-cmpxchg/without cmpxchg}: $forced wakeups forced, $due due: one a quarter, none missed" \
			[ $? -eq 0 ]
	done
}

# No record carries another event's bytes: a record's bytes past what its
# lengths use are zero, read from the ring itself as any other reader of it
# would (tests/live/ring_records.py).  Long command lines go round the ring
# first, then, the tracer stopped, short ones land where they were.
test_no_stale_bytes() {
	local v=$1 records stale child=$WORK/sb$$

	[ "$v" = perfbuf-output ] && return	# a copy of what is used
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
	check "$v: ${records:-no} records read from the ring, ${stale:-?} bytes of other events in them" \
		[ $? -eq 0 ]
}

# The cgroup v2 hierarchy: /sys/fs/cgroup, or /sys/fs/cgroup/unified beside
# cgroup v1; mounted for the tests (and unmounted after) if nowhere.
CGROUP2=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts)
if [ -z "$CGROUP2" ]; then
	CGROUP2=$WORK/cgroup2
	mkdir -p "$CGROUP2" && mount -t cgroup2 none "$CGROUP2"
	trap 'umount "$CGROUP2"; rm -rf "$WORK"' EXIT
fi

# --cgroup: only processes in that cgroup (or below), decided in the
# kernel; cgroup_id in JSON, and the CGROUP column with --cgroup-id, is
# the cgroup's id (its directory's inode number in cgroup2fs).
test_cgroup() {
	local v=$1 cg inner outer id pid fmt

	for fmt in json text; do
		new_program inner
		new_program outer
		cg=$CGROUP2/tracer-test-$$-$NPROG
		mkdir "$cg" || return
		id=$(stat -c %i "$cg")
		# shellcheck disable=SC2046
		start_tracer "$v" $(fmt_opts "$fmt") --cgroup-id --cgroup "$cg" ||
			return
		"$outer" 0 exit 0
		(echo "$BASHPID" >"$cg/cgroup.procs" && exec "$inner" 0 exit 3) &
		pid=$!
		wait "$pid"
		stop_tracer
		rmdir "$cg"
		if [ "$fmt" = json ]; then
			check "$v --cgroup: the cgroup's process, cgroup_id $id" \
				[ "$(python3 "$ROOT/tests/live/json_event.py" "$OUT" EXIT "$pid" |
				     grep -E '^(cgroup_id|exit_code)=' | sort | tr '\n' ' ')" = \
				  "cgroup_id=$id exit_code=3 " ]
		else
			check "$v --cgroup-id: the CGROUP column says $id" \
				[ "$(awk -v p="$pid" '$4 == p { print $9 }' "$OUT" |
				     sort -u)" = "$id" ]
		fi
		check "$v --cgroup $fmt: a process outside it is not reported" \
			[ "$(count_lines "$OUT" "${outer##*/}")" -eq 0 ]
	done
}

# PIDs are those of the initial PID namespace: a process in a new one is
# reported with its host pid and ppid.
test_pid_namespace() {
	local v=$1 ns_pid shell host_pid ns

	new_program
	rm -f "$WORK/nspid"
	start_tracer "$v" -c "${PROG##*/}" || return
	# In the namespace the shell is pid 1 and the program pid 2.
	unshare --pid --fork --mount-proc sh -c \
		'"$0" 300 exit 0 & echo $! >"$1"; wait' "$PROG" "$WORK/nspid" &
	ns=$!
	wait_for "$WORK/nspid" . 10
	ns_pid=$(cat "$WORK/nspid")
	host_pid=$(pgrep -n -f "^$PROG 300")
	shell=$(awk '{ print $4 }' "/proc/$host_pid/stat")
	wait "$ns"
	stop_tracer
	[ "$(event_fields "$OUT" EXIT "$host_pid" | cut -d' ' -f1-2)" = \
	  "${PROG##*/} $shell" ] && [ "$host_pid" != "$ns_pid" ]
	check "$v in a PID namespace: the host's pid $host_pid and ppid $shell (not $ns_pid)" \
		[ $? -eq 0 ]
}

# --output FILE under an exec storm: logrotate moves FILE, then SIGHUP;
# every event is then in exactly one of the two files, no line is split.
test_output_rotation() {
	local v=$1 file=$WORK/trace.json n=4000 storm

	start_tracer "$v" --json --output "$file" -c storm-child || return
	"$STORM" -n $((n / 2)) -j 2 "$STORM_CHILD" >/dev/null &
	storm=$!
	sleep 0.1
	mv "$file" "$file.1"
	kill -HUP "$TRACER_PID"
	wait "$storm"
	stop_tracer
	[ -s "$file.1" ] && [ -s "$file" ]
	check "$v --output: SIGHUP reopened it, both files have events" [ $? -eq 0 ]
	check "$v --output: each of the $((2 * n)) events in exactly one file, whole" \
		python3 -c '
import json, sys
want, paths = int(sys.argv[1]), sys.argv[2:]
seen = set()
for path in paths:
    with open(path, "rb") as f:
        data = f.read()
    assert data.endswith(b"\n"), f"{path}: its last line is cut"
    for line in data.decode().splitlines():
        e = json.loads(line)
        key = (e["event"], e["pid"])
        assert key not in seen, f"{key} in both files"
        seen.add(key)
assert len(seen) == want, f"{len(seen)} events, not {want}"
' $((2 * n)) "$file.1" "$file"
	[ "$(summary_field "$ERR" events)" -eq $((2 * n)) ] &&
		[ "$(summary_field "$ERR" lost)" -eq 0 ]
	check "$v --output: the summary counts them all, 0 lost" [ $? -eq 0 ]
	rm -f "$file" "$file.1"
}

# Whether this kernel's sched_process_exit says when a process's last
# thread exits (group_dead); the tracers use it when it does.
KERNEL_HAS_GROUP_DEAD=false
bpftool btf dump file /sys/kernel/btf/vmlinux format c |
	grep -q 'btf_trace_sched_process_exit)(void \*, struct task_struct \*, bool)' &&
	KERNEL_HAS_GROUP_DEAD=true

# One EXIT per process whatever its threads, with and without group_dead;
# core dumps; a process that another thread ends, by a signal, a core dump
# or an exec; and the status its parent's wait() gets, in every case.
test_process_ends() {
	local v=$1 mode=$2 name pid first cored want what execd tkill tcore

	new_program
	name=${PROG##*/}
	if [ "$mode" = leader ]; then
		TRACER_TEST_NO_GROUP_DEAD=1 start_tracer "$v" -c "$name" || return
	else
		start_tracer "$v" -c "$name" || return
	fi
	"$PROG" 0 threads 4 &
	pid=$!
	wait "$pid"
	"$PROG" 0 leader-first 9 &
	first=$!
	wait "$first"
	"$PROG" 0 thread-exec 4 &
	execd=$!
	wait "$execd"
	"$PROG" 0 thread-kill 15 &
	tkill=$!
	{ wait "$tkill"; } 2>/dev/null
	(cd "$WORK" && exec "$PROG" 0 thread-core 11) &
	tcore=$!
	{ wait "$tcore"; } 2>/dev/null
	# The core file lands in the working directory (core_pattern "core").
	(cd "$WORK" && exec "$PROG" 0 core 6) &
	cored=$!
	{ wait "$cored"; } 2>/dev/null
	wait_for "$OUT" "EXIT +$name +$tcore " 10
	stop_tracer
	rm -f "$WORK"/core*
	[ "$(count_lines "$OUT" "EXIT +$name +$pid ")" -eq 1 ] &&
		has_line "$(event_fields "$OUT" EXIT "$pid")" " exit=0 "
	check "$v $mode: a process that ran 4 threads has one EXIT, exit=0" [ $? -eq 0 ]
	# Without group_dead, the main thread's end stands for the process's.
	want="exit=9 duration=(1[0-9]{2}\.|[2-9][0-9]{2}\.|[0-9.]+s)"
	what="the process's (exit=9, after >= 100ms)"
	if [ "$mode" = leader ]; then
		want="exit=0 duration="
		what="the main thread's (exit=0)"
	fi
	[ "$(count_lines "$OUT" "EXIT +$name +$first ")" -eq 1 ] &&
		has_line "$(event_fields "$OUT" EXIT "$first")" " $want"
	check "$v $mode: main thread ends first: one EXIT, $what" [ $? -eq 0 ]
	[ "$(count_lines "$OUT" "EXEC +$name +$execd ")" -eq 2 ] &&
		[ "$(count_lines "$OUT" "EXIT +$name +$execd ")" -eq 1 ] &&
		has_line "$(event_fields "$OUT" EXIT "$execd")" " exit=4 "
	check "$v $mode: a thread's exec goes on as the process: one EXIT, exit=4" [ $? -eq 0 ]
	[ "$(count_lines "$OUT" "EXIT +$name +$tkill ")" -eq 1 ] &&
		has_line "$(event_fields "$OUT" EXIT "$tkill")" " signal=SIGTERM duration="
	check "$v $mode: a thread signals its process: one EXIT, SIGTERM" [ $? -eq 0 ]
	if grep -q '^|' /proc/sys/kernel/core_pattern; then
		echo "     (core dumps go to a program here: core-dumped not checked)"
		return
	fi
	check "$v $mode: a core dump is reported" \
		has_line "$(event_fields "$OUT" EXIT "$cored")" \
		" signal=SIGABRT core-dumped duration="
	# The other threads leave before the dump marks the group's status.
	check "$v $mode: a thread's core dump is reported, as wait() gets it" \
		has_line "$(event_fields "$OUT" EXIT "$tcore")" \
		" signal=SIGSEGV core-dumped duration="
}

test_process_ends_both() {
	test_process_ends "$1" leader
	if $KERNEL_HAS_GROUP_DEAD; then
		test_process_ends "$1" group_dead
	else
		echo "     (no group_dead on this kernel: its path not checked)"
	fi
}

# An EXIT describes the process: its main thread's name and user, whatever
# the thread that happens to exit last calls itself or runs as; the exit
# status is the one its parent's wait() returns.
test_exit_describes_process() {
	local v=$1 name pid first status

	new_program
	name=${PROG##*/}
	start_tracer "$v" -c "$name" || return
	"$PROG" 0 renamed-threads 5 &
	pid=$!
	wait "$pid"
	"$PROG" 0 thread-exit 7 &
	first=$!
	wait "$first"
	status=$?
	wait_for "$OUT" "EXIT +$name +$first " 10
	stop_tracer
	check "$v: threads renamed, other uid: EXIT is the process's (name, uid 0, exit=5)" \
		has_line "$(event_fields "$OUT" EXIT "$pid")" "^$name $$ 0 0 exit=5 "
	check "$v: last thread ends alone: EXIT says what wait() said (exit=$status)" \
		has_line "$(event_fields "$OUT" EXIT "$first")" "^$name $$ 0 0 exit=$status "
	start_tracer "$v" -u 65534 || return
	"$PROG" 0 renamed-threads 0 &
	pid=$!
	wait "$pid"	# its EXIT is in the buffer now: the tracer drains at stop
	stop_tracer
	check "$v -u: a root process whose threads ran as nobody is not reported" \
		[ "$(count_lines "$OUT" " $pid ")" -eq 0 ]
}

test_comm_filter() {	# a process of another name is not reported
	local v=$1 wanted other

	new_program wanted
	new_program other
	start_tracer "$v" -c "${wanted##*/}" || return
	"$other" 0 exit 0
	"$wanted" 0 exit 0
	wait_for "$OUT" "EXIT +${wanted##*/} " 10
	stop_tracer
	check "$v -c: the named process is reported" \
		[ "$(count_lines "$OUT" " ${wanted##*/} ")" -eq 2 ]
	check "$v -c: another name is not" \
		[ "$(count_lines "$OUT" " ${other##*/} ")" -eq 0 ]
}

test_pid_filter() {	# only the process with that pid
	local v=$1 pid

	new_program
	mkfifo "$WORK/go"
	# The pid is known before the exec: the subshell waits, then execs.
	(read -r _ <"$WORK/go"; exec "$PROG" 0 exit 3) &
	pid=$!
	start_tracer "$v" -p "$pid" || return
	"$LIFECYCLE" 0 exit 0
	echo go >"$WORK/go"
	wait "$pid"
	wait_for "$OUT" "EXIT .* $pid " 10
	stop_tracer
	rm -f "$WORK/go"
	check "$v -p: that pid's exec and exit, nothing else" \
		[ "$(tail -n +2 "$OUT" | awk '{ print $2, $4 }' | tr '\n' ' ')" = "EXEC $pid EXIT $pid " ]
}

# -P: only the children of that process: not the process itself, nor its
# grandchildren (nor anything else on the machine).
test_ppid_filter() {
	local v=$1 parent

	new_program
	rm -f "$WORK/go"
	mkfifo "$WORK/go"
	# The pid is known before its children are: they wait for the word.
	(read -r _ <"$WORK/go"; "$PROG" 0 exit 3
	 sh -c '"$1" 0 exit 4; exit 0' sh "$PROG"; exit 0) &
	parent=$!
	start_tracer "$v" -P "$parent" || return
	"$LIFECYCLE" 0 exit 0
	echo go >"$WORK/go"
	wait "$parent"
	wait_for "$OUT" "EXIT +sh +[0-9]+ +$parent " 10
	stop_tracer
	rm -f "$WORK/go"
	check "$v -P: the children's exec and exit, nothing else" \
		[ "$(tail -n +2 "$OUT" | awk '{ print $2, $3, $5 }' | tr '\n' ' ')" = \
		  "EXEC ${PROG##*/} $parent EXIT ${PROG##*/} $parent EXEC sh $parent EXIT sh $parent " ]
}

test_uid_filter() {	# only processes of that user
	local v=$1 root_prog nobody_prog

	new_program root_prog
	new_program nobody_prog
	start_tracer "$v" -u 65534 || return
	"$root_prog" 0 exit 0
	setpriv --reuid 65534 --regid 65534 --clear-groups "$nobody_prog" 0 exit 0
	wait_for "$OUT" "EXIT +${nobody_prog##*/} " 10
	stop_tracer
	check "$v -u: the user's process is reported with its uid" \
		has_line "$(grep " ${nobody_prog##*/} " "$OUT")" ' 65534 +exit=0 '
	check "$v -u: root's is not" \
		[ "$(count_lines "$OUT" " ${root_prog##*/} ")" -eq 0 ]
}

test_min_duration() {	# only exits of processes that lived long enough
	local v=$1 short long

	new_program short
	new_program long
	start_tracer "$v" -d 300 || return
	"$short" 0 exit 0
	"$long" 400 exit 0
	wait_for "$OUT" "EXIT +${long##*/} " 10
	stop_tracer
	check "$v -d: the long-lived process's exit is reported" \
		[ "$(count_lines "$OUT" "EXIT +${long##*/} ")" -eq 1 ]
	check "$v -d: the short one's is not" \
		[ "$(count_lines "$OUT" " ${short##*/} ")" -eq 0 ]
	check "$v -d: no exec events" [ "$(count_lines "$OUT" ' EXEC ')" -eq 0 ]
}

# -d 0: every exit, but exits only, as --help says of -d.
test_min_duration_zero() {
	local v=$1 pid

	new_program
	start_tracer "$v" -d 0 -c "${PROG##*/}" || return
	"$PROG" 0 exit 2 &
	pid=$!
	wait "$pid"
	wait_for "$OUT" "EXIT .* $pid " 10
	stop_tracer
	check "$v -d 0: the exit, and no exec" \
		[ "$(tail -n +2 "$OUT" | awk '{ print $2, $4 }')" = "EXIT $pid" ]
}

# A setuid-root program run by nobody: its real uid is nobody's, its
# effective uid root's.  -u matches the effective one (as ps -u does), -U
# the real one (as ps -U).
test_user_ids() {
	local v=$1 name pid

	new_program
	name=${PROG##*/}
	chmod 4755 "$PROG"
	run_setuid() {
		setpriv --reuid 65534 --regid 65534 --clear-groups \
			"$PROG" 0 exit 0 &
		pid=$!
		wait "$pid"
	}
	start_tracer "$v" -u 0 -c "$name" || return
	run_setuid
	wait_for "$OUT" "EXIT +$name +$pid " 10
	stop_tracer
	[ "$(event_fields "$OUT" EXEC "$pid" | cut -d' ' -f1-4)" = \
	  "$name $$ 65534 0" ] &&
		[ "$(event_fields "$OUT" EXIT "$pid" | cut -d' ' -f1-5)" = \
		  "$name $$ 65534 0 exit=0" ]
	check "$v -u 0: a setuid-root program run by nobody, UID 65534 EUID 0" \
		[ $? -eq 0 ]
	start_tracer "$v" --json -U 65534 -c "$name" || return
	run_setuid
	stop_tracer
	check "$v -U 65534 json: uid 65534, euid 0" \
		[ "$(python3 "$ROOT/tests/live/json_event.py" "$OUT" EXIT "$pid" |
		     grep -E '^e?uid=' | sort | tr '\n' ' ')" = "euid=0 uid=65534 " ]
	start_tracer "$v" -U 0 -c "$name" || return
	run_setuid
	stop_tracer
	check "$v -U 0: not the program that nobody ran" \
		[ "$(count_lines "$OUT" " $pid ")" -eq 0 ]
}

# A process that clears its name: '' stands for it in text, so that its
# line has as many fields as any other.
test_empty_comm() {
	local v=$1 pid

	new_program
	rm -f "$WORK/go"
	mkfifo "$WORK/go"
	(read -r _ <"$WORK/go"; exec "$PROG" 0 no-name 3) &
	pid=$!
	start_tracer "$v" -p "$pid" || return
	echo go >"$WORK/go"
	wait "$pid"
	wait_for "$OUT" "EXIT .* $pid " 10
	stop_tracer
	rm -f "$WORK/go"
	check "$v: an empty name is '', the fields stay in place" \
		[ "$(awk -v p="$pid" '$2 == "EXIT" && $4 == p { print NF, $3, $9 }' \
		     "$OUT")" = "10 '' exit=3" ]
}

test_stop_conditions() {	# -n and -T end the tracer by themselves
	local v=$1

	new_program
	start_tracer "$v" -n 1 -c "${PROG##*/}" || return
	"$PROG" 0 exit 0
	wait_tracer
	check "$v -n 1: stops by itself, exit 0" [ "$TRACER_RC" -eq 0 ]
	check "$v -n 1: printed exactly one event" \
		[ "$(tail -n +2 "$OUT" | wc -l)" -eq 1 ]
	start_tracer "$v" -T 1 -c nothing-named-so || return
	wait_tracer
	check "$v -T 1: stops by itself, exit 0" [ "$TRACER_RC" -eq 0 ]
}

# A stalled consumer and the smallest buffer the tool accepts (one that
# holds the largest exec, see test_small_buffers in faults.sh): what is
# printed and what is reported lost add up to what happened.
test_losses() {
	local v=$1 n=200 i printed lost size_opt

	# Several rings of 16K hold more: enough processes to fill them all.
	[[ " ${TRACER_OPTS[*]} " == *" --rings "* ]] && n=800
	size_opt=(--buffer-size 16K)
	[ "$v" = perfbuf-output ] && size_opt=(--pages 4)
	new_program
	start_tracer "$v" "${size_opt[@]}" -c "${PROG##*/}" || return
	kill -STOP "$TRACER_PID"
	for ((i = 0; i < n; i++)); do
		"$PROG" 0 exit 0
	done
	kill -CONT "$TRACER_PID"
	sleep 0.5
	stop_tracer
	printed=$(count_lines "$OUT" " ${PROG##*/} ")
	lost=$(summary_field "$ERR" lost)
	check "$v losses: printed $printed + lost ${lost:-?} = $((2 * n)) events" \
		[ $((printed + ${lost:-0})) -eq $((2 * n)) ]
	check "$v losses: some were lost with the smallest buffer" [ "${lost:-0}" -gt 0 ]
	check "$v losses: reported on stderr as they happened" \
		has_line "$(cat "$ERR")" 'lost [0-9]+ events \([0-9]+ in all\)'
}

# fill_case DESC OPTION SIZE COMMAND...: the tracer COMMAND runs, with
# the smallest buffer (OPTION is what sizes it, SIZE how the tool names
# it), stopped while processes come: the buffer fills and overflows, and
# once resumed the tool says so once, with how many events were lost (as
# many as the first loss report says), before that report; its summary
# says the peak.
fill_case() {
	local desc=$1 opt=$2 size=$3 i warning warn_at lost_at peak n=200
	local warned_lost first_lost

	# Several rings of 16K hold more: enough processes to fill them all.
	[[ " $* " == *" --rings "* ]] && n=800
	new_program
	start_command "${@:4}" -c "${PROG##*/}" || return
	kill -STOP "$TRACER_PID"
	for ((i = 0; i < n; i++)); do
		"$PROG" 0 exit 0
	done
	kill -CONT "$TRACER_PID"
	wait_for "$ERR" 'lost [0-9]+ events' 10
	stop_tracer
	warning="^${desc%% *}: the buffer is (7[6-9]|[89][0-9]|100)% full \\(of $size\\),"
	warning+=" and ([0-9]+) events have been lost already;"
	warning+=" a larger $opt helps\$"
	warn_at=$(grep -nE "$warning" "$ERR" | cut -d: -f1)
	warned_lost=$(grep -E "$warning" "$ERR" | sed -nE 's/.*, and ([0-9]+) events .*/\1/p')
	lost_at=$(grep -nE "^${desc%% *}: lost [0-9]+ events" "$ERR" | head -n 1 | cut -d: -f1)
	first_lost=$(grep -m 1 -E "^${desc%% *}: lost [0-9]+ events" "$ERR" |
		sed -nE 's/.* \(([0-9]+) in all\).*/\1/p')
	check "$desc: warns of the fill once" \
		[ "$(grep -c 'the buffer is' "$ERR")" -eq 1 ]
	[ -n "$warn_at" ] && [ -n "$lost_at" ] && [ "$warn_at" -lt "$lost_at" ]
	check "$desc: the warning (line ${warn_at:-none}) comes before the first loss (line ${lost_at:-none})" \
		[ $? -eq 0 ]
	[ -n "$warned_lost" ] && [ "$warned_lost" = "$first_lost" ]
	check "$desc: the warning says the ${warned_lost:-?} events lost already, as the loss report does (${first_lost:-?})" \
		[ $? -eq 0 ]
	peak=$(grep -E '^[^:]+: [0-9]+ events \(' "$ERR" |
		sed -nE "s/.* lost(, .*)?; peak buffer use ([0-9]+)% of $size\$/\2/p")
	check "$desc: the summary's peak, ${peak:-none}%, is near full" \
		[ "${peak:-0}" -ge 90 ]
}

test_fill_warning() {
	local v=$1 kib

	if [ "$v" = perfbuf-output ]; then
		kib=$(($(getconf PAGESIZE) * 4 / 1024))
		fill_case "$v fill" --pages "$kib KiB per CPU" \
			"$TOOLS_DIR/$v" "${TRACER_OPTS[@]}" --pages 4
		return
	fi
	if [[ " ${TRACER_OPTS[*]} " == *" --rings "* ]]; then
		fill_case "$v fill" --buffer-size "16 KiB per ring" \
			"$TOOLS_DIR/$v" "${TRACER_OPTS[@]}" --buffer-size 16K
	else
		fill_case "$v fill" '--buffer-size \(or --rings per-cpu\)' \
			"16 KiB" "$TOOLS_DIR/$v" "${TRACER_OPTS[@]}" \
			--buffer-size 16K
	fi
}

# At its default size, a handful of processes hardly fill the buffer: the
# summary says so, and nothing warns.
test_fill_small() {
	local v=$1 size i

	case $v in
	perfbuf-output) size="512 KiB per CPU" ;;
	ringbuf-reserve-submit) size="16 MiB" ;;
	*) size="1 MiB" ;;
	esac
	new_program
	start_tracer "$v" -c "${PROG##*/}" || return
	for ((i = 0; i < 5; i++)); do
		"$PROG" 0 exit 0
	done
	wait_for "$OUT" "EXIT .*exit=0" 10
	stop_tracer
	check "$v small fill: the summary says a peak of 0% of $size" \
		has_line "$(cat "$ERR")" \
		"^$v: 10 events \(5 exec, 5 exit\), 0 lost(, 0 delivered out of order)?; peak buffer use 0% of $size\$"
	check "$v small fill: no warning" \
		[ "$(grep -c 'the buffer is' "$ERR")" -eq 0 ]
}

test_cli() {	# --help explains, --version says, -v shows libbpf's log
	local v=$1 help opt buffer_opt=--buffer-size

	[ "$v" = perfbuf-output ] && buffer_opt=--pages
	help=$("$TOOLS_DIR/$v" --help)
	check "$v --help: exit 0" [ $? -eq 0 ]
	for opt in --pid --ppid --uid --comm --min-duration --json --timeout \
		   --max-events --max-args-bytes "$buffer_opt" --verbose \
		   Examples:; do
		check "$v --help: explains $opt" has_line "$help" "$opt"
	done
	check "$v --help: says its buffer's default size" \
		has_line "$(tr '\n' ' ' <<<"$help")" "$buffer_opt=[^-]*default"
	check "$v --version: name, version, and which libbpf" \
		has_line "$("$TOOLS_DIR/$v" --version)" \
		"^$v [0-9]+\.[0-9]+\.[0-9]+ \(libbpf [0-9]+\.[0-9]+, (bundled|system)\)$"
	"$TOOLS_DIR/$v" -v -T 1 >/dev/null 2>"$WORK/verbose.err"
	check "$v -v: shows libbpf's log" grep -q '^libbpf: ' "$WORK/verbose.err"
	"$TOOLS_DIR/$v" -T 1 >/dev/null 2>"$WORK/quiet.err"
	check "$v without -v: no libbpf log" \
		[ "$(grep -c '^libbpf: ' "$WORK/quiet.err")" -eq 0 ]
}

test_bad_options() {	# refused with a message and exit 2
	local v=$1 args rc

	# More rings than half the memory: refused before the kernel is asked.
	for args in "--pages 3" "--buffer-size 5000" "-p abc" "-u -1" "--bogus" \
		    "-T" "extra" "--rings 1024 --buffer-size 1G" "--rings 3"; do
		[ "$v" = perfbuf-output ] && [ "$args" = "--buffer-size 5000" ] &&
			args="--pages 100"
		[ "$v" = perfbuf-output ] && [ "${args#--rings}" != "$args" ] &&
			args="--rings per-cpu"
		[ "$v" != perfbuf-output ] && [ "$args" = "--pages 3" ] &&
			args="--buffer-size 3K"
		# shellcheck disable=SC2086
		"$TOOLS_DIR/$v" $args >"$WORK/bad.out" 2>"$WORK/bad.err"
		rc=$?
		[ "$rc" -eq 2 ] && [ -s "$WORK/bad.err" ] && [ ! -s "$WORK/bad.out" ]
		check "$v $args: exit 2 with a message" [ $? -eq 0 ]
	done
}

no_line() {	# no_line FILE REGEX
	! grep -qE -- "$2" "$1"
}

hex() {	# hex STRING: its bytes in hex, as exec_context.py prints them
	printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n'
}

# ctx_is FILE PID KEY VALUE: what exec_context.py says of KEY for PID.
ctx_is() {
	[ "$(python3 "$EXEC_CONTEXT" "$1" "$2" | sed -n "s/^$3=//p")" = "$4" ]
}

# --cwd and --env, JSON: a #! script run from a known directory with
# LD_PRELOAD set; directories deeper than the walk goes, with controls
# and bytes not UTF-8 in a name, on another mount, removed, in a chroot
# (the path inside it, as a container's); values with a newline,
# not UTF-8, cut, past the part read, unset; and an environment the
# program rewrites once running, which the EXEC must not see.
test_exec_context() {
	local v=$1 known=$WORK/known mnt=$WORK/mnt script=$WORK/ctx.sh
	local odd=$WORK/$'odd\n\t\x01\xff dir' deep=$WORK/cwd-deep big p
	local p_script p_deep p_odd p_mnt p_vals p_cut p_rw p_gone p_jail
	local jail=$WORK/jail

	rm -rf "$known" "$odd" "$deep"
	deep=$deep$(printf '/d%.0s' {1..40})
	mkdir -p "$known" "$odd" "$deep" "$mnt" "$jail"
	mountpoint -q "$mnt" || mount -t tmpfs none "$mnt"
	mkdir -p "$mnt/sub"
	printf '#!/bin/sh\nexit 0\n' >"$script"
	chmod +x "$script"
	big=$(head -c 4100 /dev/zero | tr '\0' a)
	start_tracer "$v" --json --cwd --env LD_PRELOAD,V1,V2,CUT,PAST,UNSET \
		-P $$ || return
	(cd "$known" && LD_PRELOAD=$WORK/none.so exec "$script") 2>/dev/null &
	p_script=$!
	(cd "$deep" && exec /bin/true) &
	p_deep=$!
	(cd "$odd" && exec /bin/true) &
	p_odd=$!
	(cd "$mnt/sub" && exec /bin/true) &
	p_mnt=$!
	env -i V1=$'a\nb' V2=$'\xff\xfe' /bin/true &
	p_vals=$!
	env -i CUT="$big" PAST=x /bin/true &
	p_cut=$!
	env -i V1=before "$REWRITE_ENV" "$WORK/environ.after" &
	p_rw=$!
	(mkdir "$WORK/gone" && cd "$WORK/gone" && rmdir "$WORK/gone" &&
		exec /bin/true) &
	p_gone=$!
	# The machine's root, bound in a mount namespace of its own as the
	# jail's: its /etc is the machine's, seen from inside.
	unshare -m --propagation private sh -c 'mount --bind / "$1" &&
		exec chroot "$1" /bin/sh -c "cd /etc && exec /bin/true"' sh "$jail" &
	p_jail=$!
	wait $p_script $p_deep $p_odd $p_mnt $p_vals $p_cut $p_rw $p_gone $p_jail
	for p in $p_script $p_deep $p_odd $p_mnt $p_vals $p_cut $p_rw $p_gone \
		 $p_jail; do
		wait_for "$OUT" "\"EXIT\".*\"pid\":$p," 10
	done
	stop_tracer
	umount "$mnt"
	check "$v --cwd: a script's cwd is the directory it ran from" \
		ctx_is "$OUT" "$p_script" cwd "$(hex "$known")"
	check "$v --env: LD_PRELOAD as set, other names null" \
		[ "$(python3 "$EXEC_CONTEXT" "$OUT" "$p_script" | grep '^env' |
		     tr '\n' ' ')" = "env.LD_PRELOAD=$(hex "$WORK/none.so") env.V1=null env.V2=null env.CUT=null env.PAST=null env.UNSET=null env_truncated= env_unknown= " ]
	check "$v --cwd: deeper than 32 steps, its last 32 names, marked cut" \
		[ "$(python3 "$EXEC_CONTEXT" "$OUT" "$p_deep" | sed -n 1,2p |
		     tr '\n' ' ')" = "cwd=$(hex "$(printf '/d%.0s' {1..32})") cwd_truncated=true " ]
	check "$v --cwd: controls and bytes not UTF-8, every byte kept" \
		ctx_is "$OUT" "$p_odd" cwd "$(hex "$odd")"
	check "$v --cwd: on a tmpfs mounted below, the whole path" \
		ctx_is "$OUT" "$p_mnt" cwd "$(hex "$mnt/sub")"
	check "$v --cwd: removed, its path and a mark" \
		[ "$(python3 "$EXEC_CONTEXT" "$OUT" "$p_gone" | sed -n 1,3p |
		     tr '\n' ' ')" = "cwd=$(hex "$WORK/gone") cwd_truncated=false cwd_deleted=true " ]
	check "$v --cwd: in a chroot, the path inside it" \
		ctx_is "$OUT" "$p_jail" cwd "$(hex /etc)"
	check "$v --env: a newline and bytes not UTF-8 in values, exact" \
		[ "$(python3 "$EXEC_CONTEXT" "$OUT" "$p_vals" | grep -E '^env\.V' |
		     tr '\n' ' ')" = "env.V1=$(hex $'a\nb') env.V2=fffe " ]
	check "$v --env: a value past 4K cut and marked, a name after it unknown" \
		[ "$(python3 "$EXEC_CONTEXT" "$OUT" "$p_cut" | grep -E '^env(.CUT|_)' |
		     tr '\n' ' ')" = "env.CUT=$(hex "${big:0:4092}") env_truncated=CUT env_unknown=LD_PRELOAD,V1,V2,PAST,UNSET " ]
	check "$v --env: an environment rewritten once running: the exec's" \
		ctx_is "$OUT" "$p_rw" env.V1 "$(hex before)"
	check "$v --env: ... which the program did rewrite" \
		grep -qa '^V1=XXXXXX' "$WORK/environ.after"
}

# walk_steps DIR: the steps --cwd's walk takes from DIR up to /: one per
# name, and one per mount whose top it crosses.
walk_steps() {
	local dir=$1 steps=0

	while [ "$dir" != / ]; do
		steps=$((steps + 1))
		mountpoint -q "$dir" && steps=$((steps + 1))
		dir=$(dirname "$dir")
	done
	echo "$steps"
}

# walk_tail DIR STEPS: what the walk keeps of DIR in STEPS steps up.
walk_tail() {
	local dir=$1 steps=$2 tail=

	while [ "$steps" -gt 0 ]; do
		if mountpoint -q "$dir"; then
			steps=$((steps - 1))
			[ "$steps" -eq 0 ] && break
		fi
		tail=/${dir##*/}$tail
		dir=$(dirname "$dir")
		steps=$((steps - 1))
	done
	echo "$tail"
}

# --cwd at the walk's limit: 31 and 32 steps up to the root are whole (the
# last step allowed may reach it), 33 keep their last 32 names, cut.
test_cwd_depth() {
	local v=$1 base=$WORK/depth n p dir want steps
	local -A pids=()

	rm -rf "$base"
	mkdir -p "$base"
	steps=$(walk_steps "$base")
	start_tracer "$v" --json --cwd -P $$ || return
	for n in 31 32 33; do
		dir=$base$(printf '/d%.0s' $(seq $((n - steps))))
		mkdir -p "$dir"
		(cd "$dir" && exec /bin/true) &
		pids[$n]=$!
		wait "${pids[$n]}"
	done
	wait_for "$OUT" "\"EXIT\".*\"pid\":${pids[33]}," 10
	stop_tracer
	for n in 31 32; do
		dir=$base$(printf '/d%.0s' $(seq $((n - steps))))
		check "$v --cwd: $n steps up to the root, whole and not marked cut" \
			[ "$(python3 "$EXEC_CONTEXT" "$OUT" "${pids[$n]}" |
			     sed -n 1,2p | tr '\n' ' ')" = "cwd=$(hex "$dir") cwd_truncated=false " ]
	done
	dir=$base$(printf '/d%.0s' $(seq $((33 - steps))))
	want=$(walk_tail "$dir" 32)
	check "$v --cwd: 33 steps, what its last 32 reached, marked cut" \
		[ "$(python3 "$EXEC_CONTEXT" "$OUT" "${pids[33]}" |
		     sed -n 1,2p | tr '\n' ' ')" = "cwd=$(hex "$want") cwd_truncated=true " ]
	start_tracer "$v" --cwd -P $$ || return
	dir=$base$(printf '/d%.0s' $(seq $((32 - steps))))
	(cd "$dir" && exec /bin/true) &
	p=$!
	wait $p
	wait_for "$OUT" "EXIT .* $p " 10
	stop_tracer
	check "$v --cwd text: 32 steps, the path with no cut mark" \
		[ "$(awk -v p="$p" '$2 == "EXEC" && $4 == p { print $9 }' "$OUT")" = "$dir" ]
}

# --cwd in text: one more column, one word, that the line still splits
# at; without the options, JSON has none of their fields.
test_exec_context_text() {
	local v=$1 known=$WORK/known odd=$WORK/$'odd\n\t\x01\xff dir' p q

	mkdir -p "$known" "$odd"
	start_tracer "$v" --cwd -P $$ || return
	(cd "$known" && exec /bin/true) &
	p=$!
	(cd "$odd" && exec /bin/true) &
	q=$!
	wait $p $q
	wait_for "$OUT" "EXIT .* $q " 10
	stop_tracer
	check "$v --cwd text: header names the CWD column" \
		has_line "$(head -n 1 "$OUT")" ' EUID +CWD FILENAME '
	check "$v --cwd text: CWD is field 9, the filename after it" \
		[ "$(awk -v p="$p" '$2 == "EXEC" && $4 == p { print $9, $10 }' "$OUT")" = "$known /bin/true" ]
	check "$v --cwd text: an odd name stays one escaped word" \
		[ "$(awk -v p="$q" '$4 == p { print NF, $9 }' "$OUT" | tr '\n' ' ')" = \
		  '11 '"$WORK"'/odd\x0a\x09\x01\xff\x20dir 11 - ' ]
	start_tracer "$v" --json -P $$ || return
	/bin/true &
	p=$!
	wait $p
	wait_for "$OUT" "\"EXIT\".*\"pid\":$p," 10
	stop_tracer
	check "$v: without --cwd and --env, no field of theirs" \
		no_line "$OUT" '"(cwd|env)'
}

# -x: execs that fail, each once, with its error's name and what the caller
# passed (a missing file, one without the execute bit, one of bytes that
# are no format the kernel runs), run by execve() itself, not by a shell
# that would run the last one as a script; an exec that succeeds is not
# one; another program's failure is left out by -c; without -x, none, and
# the summary as it always was.
test_failed() {
	local v=$1 fmt dir helper name other pids=() ok pid got i
	local want_text=("error=ENOENT $WORK/none/x x 'b c' ''"
			 "error=EACCES $WORK/fail/noexec noexec x"
			 "error=ENOEXEC $WORK/fail/junk junk y")

	dir=$WORK/fail
	mkdir -p "$dir"
	printf '\x01\x02\x03 no format' >"$dir/junk"
	chmod 755 "$dir/junk"
	echo 'exit 0' >"$dir/noexec"
	chmod 644 "$dir/noexec"
	for fmt in text json nox; do
		NPROG=$((NPROG + 1))
		name=xf$$_$NPROG
		helper=$WORK/$name
		other=$WORK/other$NPROG
		cp "$ROOT/.output/execve" "$helper"
		cp "$ROOT/.output/execve" "$other"
		# shellcheck disable=SC2046
		start_tracer "$v" $([ "$fmt" != nox ] && echo -x) \
			$(fmt_opts "$fmt") -c "$name" || return
		pids=()
		"$helper" "$WORK/none/x" x 'b c' '' 2>/dev/null & pids+=($!)
		"$helper" "$dir/noexec" noexec x 2>/dev/null & pids+=($!)
		"$helper" "$dir/junk" junk y 2>/dev/null & pids+=($!)
		"$helper" /bin/true true & ok=$!
		"$other" "$WORK/none/y" y 2>/dev/null
		wait "${pids[@]}" "$ok"
		stop_tracer
		if [ "$fmt" = nox ]; then
			check "$v without -x: no failed exec" \
				[ "$(count_lines "$OUT" 'EXECFAIL')" -eq 0 ]
			check "$v without -x: the summary as it was" \
				has_line "$(cat "$ERR")" 'events \(4 exec, 3 exit\), 0 lost'"$PEAK_FILL\$"
			continue
		fi
		for i in 0 1 2; do
			pid=${pids[$i]}
			if [ "$fmt" = text ]; then
				got=$(event_fields "$OUT" EXECFAIL "$pid")
				check "$v text -x: ${want_text[$i]%% *}, filename and arguments as passed" \
					[ "$got" = "$name $$ 0 0 ${want_text[$i]}" ]
			else
				got=$(python3 "$ROOT/tests/live/json_event.py" "$OUT" EXECFAIL "$pid" 2>&1 |
				      grep -E '^(errno|filename|args|args_truncated)=' | sort | tr '\n' ' ')
				check "$v json -x: ${want_text[$i]%% *}" \
					[ "$got" = "$(failed_json "$i")" ]
			fi
		done
		check "$v $fmt -x: each failure once, and a success is none" \
			[ "$(count_lines "$OUT" 'EXECFAIL')" -eq 3 ]
		check "$v $fmt -x: the summary counts 3 failed" \
			has_line "$(cat "$ERR")" 'events \(4 exec, 3 exit, 3 failed\), 0 lost'"$PEAK_FILL\$"
	done
}

# -x and threads that exec at once: one wins, the kernel kills the others
# in the middle of theirs, and none of those is a failed exec (it was
# reported with a restart code, 513 or 514, or E2BIG).  A real failure of
# the same name in the same run shows that -x was watching.
test_failed_race() {
	local v=$1 rounds=200 name race failer rc

	NPROG=$((NPROG + 1))
	name=xr$$_$NPROG
	race=$WORK/$name
	failer=$WORK/race$NPROG/$name
	mkdir -p "${failer%/*}"
	cp "$ROOT/.output/exec-race" "$race"
	cp "$ROOT/.output/execve" "$failer"
	start_tracer "$v" -x -c "$name" || return
	"$race" "$rounds" /bin/true
	rc=$?
	"$failer" "$WORK/none/x" x 2>/dev/null
	stop_tracer
	check "$v -x race: $rounds rounds of 3 threads exec /bin/true" [ "$rc" -eq 0 ]
	check "$v -x race: no thread killed in its exec is a failed exec" \
		[ "$(count_lines "$OUT" 'EXECFAIL')" -eq 1 ]
	check "$v -x race: the one real failure is there" \
		has_line "$(cat "$OUT")" "EXECFAIL +$name .* error=ENOENT $WORK/none/x x\$"
	check "$v -x race: the summary counts 1 failed" \
		has_line "$(cat "$ERR")" ', 1 failed\), 0 lost'
}

# -x and the 32-bit system calls: a 64-bit program's int $0x80 with the
# i386 numbers (its own registers, 4-byte pointers), execve and execveat,
# fails as seen as any other; one that succeeds is an EXEC (of the name
# of the program it runs: filtered by the parent, this shell, not by -c).
# x86_64 with IA32 emulation only: elsewhere, or without it, skipped.
test_failed_compat() {
	local v=$1 name helper pids=() ok rc got

	if [ "$(uname -m)" != x86_64 ]; then
		echo "skip $v -x compat: int \$0x80 is x86_64's"
		return
	fi
	"$ROOT/.output/exec32" /bin/true true 2>/dev/null
	rc=$?
	if [ "$rc" -eq 77 ]; then
		echo "skip $v -x compat: this kernel has no IA32 emulation"
		return
	fi
	NPROG=$((NPROG + 1))
	name=x3$$_$NPROG
	helper=$WORK/$name
	cp "$ROOT/.output/exec32" "$helper"
	mkdir -p "$WORK/fail"
	start_tracer "$v" -x -P $$ || return
	"$helper" "$WORK/none/x" x 'b c' '' 2>/dev/null & pids+=($!)
	"$helper" --at "$WORK/fail" none y 2>/dev/null & pids+=($!)
	"$helper" /bin/true true & ok=$!
	wait "${pids[@]}" "$ok"
	rc=$?
	stop_tracer
	got=$(event_fields "$OUT" EXECFAIL "${pids[0]}")
	check "$v -x compat: execve's error, filename and arguments" \
		[ "$got" = "$name $$ 0 0 error=ENOENT $WORK/none/x x 'b c' ''" ]
	got=$(event_fields "$OUT" EXECFAIL "${pids[1]}")
	check "$v -x compat: execveat's error, dirfd, filename and arguments" \
		[ "$got" = "$name $$ 0 0 error=ENOENT,dirfd=3 none y" ]
	check "$v -x compat: a success runs, and is an EXEC" \
		[ "$rc" -eq 0 ]
	check "$v -x compat: the success's EXEC" \
		grep -qx "true $$ 0 0 /bin/true true" <<<"$(event_fields "$OUT" EXEC "$ok")"
	check "$v -x compat: no other failed exec" \
		[ "$(count_lines "$OUT" 'EXECFAIL')" -eq 2 ]
}

# The BPF code the kernel runs for TRACER_PID's exec program: its
# instructions, each source line above its own.
exec_program() {
	local id

	for id in $(awk '$1 == "prog_id:" { print $2 }' /proc/"$TRACER_PID"/fdinfo/*); do
		bpftool prog dump xlated id "$id" |
			grep -q '^int handle_exec(' || continue
		bpftool prog dump xlated id "$id"
		return
	done
}

# What --cwd and --env read, and the cgroup id that only --json and
# --cgroup-id print, every exec pays for unless the verifier prunes it:
# without them, none of it is in the program the kernel runs.
test_opt_ins_pruned() {
	local v=$1 opts prog reads='^; .*(fs, (pwd|root)\.|env_start)'
	local cgroup='call bpf_get_current_cgroup_id'

	for opts in "" "--cwd" "--env HOME" "--json" "--cgroup-id"; do
		# shellcheck disable=SC2086 # the options are words
		start_tracer "$v" $opts -c nothing-named-so || return
		prog=$(exec_program)
		stop_tracer
		case $opts in
		"")
			[ -n "$prog" ] && ! grep -qE "$reads|$cgroup" <<<"$prog"
			check "$v: without --cwd, --env, --json and --cgroup-id, its exec program reads none of theirs" \
				[ $? -eq 0 ] ;;
		--json | --cgroup-id)
			check "$v $opts: its exec program reads the cgroup id" \
				grep -q "$cgroup" <<<"$prog" ;;
		*)
			check "$v $opts: its exec program reads it" \
				grep -qE "$reads" <<<"$prog" ;;
		esac
	done
}

# A stalled consumer with -x: failed execs are lost and counted like the
# rest, and the tool still stops on the first signal.
test_failed_losses() {
	local v=$1 n=200 i name helper printed lost size_opt

	size_opt=(--buffer-size 16K)
	[ "$v" = perfbuf-output ] && size_opt=(--pages 4)
	NPROG=$((NPROG + 1))
	name=xl$$_$NPROG
	helper=$WORK/$name
	cp "$ROOT/.output/execve" "$helper"
	start_tracer "$v" -x "${size_opt[@]}" -c "$name" || return
	kill -STOP "$TRACER_PID"
	for ((i = 0; i < n; i++)); do
		"$helper" "$WORK/none/x" x 2>/dev/null
	done
	kill -CONT "$TRACER_PID"
	sleep 0.5
	stop_tracer
	check "$v -x losses: the first SIGINT stops it, exit 0" [ "$TRACER_RC" -eq 0 ]
	printed=$(count_lines "$OUT" " $name ")
	lost=$(summary_field "$ERR" lost)
	check "$v -x losses: printed $printed + lost ${lost:-?} = $((3 * n)) events" \
		[ $((printed + ${lost:-0})) -eq $((3 * n)) ]
	check "$v -x losses: some were lost with the smallest buffer" [ "${lost:-0}" -gt 0 ]
}

failed_json() {	# failed_json N: json_event.py's sorted lines for case N
	case $1 in
	0) echo "args=['x', 'b c', ''] args_truncated=false errno=ENOENT filename=$WORK/none/x " ;;
	1) echo "args=['noexec', 'x'] args_truncated=false errno=EACCES filename=$WORK/fail/noexec " ;;
	2) echo "args=['junk', 'y'] args_truncated=false errno=ENOEXEC filename=$WORK/fail/junk " ;;
	esac
}

for v in "${VARIANTS[@]}"; do
	for t in test_text test_json test_process_identity test_exec_sources \
		 test_args test_args_limit test_long_filename \
		 test_process_ends_both \
		 test_exit_describes_process test_comm_filter test_pid_filter \
		 test_ppid_filter test_uid_filter test_user_ids test_empty_comm \
		 test_min_duration test_min_duration_zero test_stop_conditions \
		 test_losses test_default_burst test_start_in_storm \
		 test_lone_event test_fill_warning test_fill_small \
		 test_wakeup_options test_batched_wakeup test_wakeup_count \
		 test_no_stale_bytes \
		 test_cgroup \
		 test_pid_namespace \
		 test_output_rotation test_cli test_bad_options \
		 test_exec_context test_cwd_depth test_exec_context_text test_failed \
		 test_failed_race test_failed_compat test_failed_losses \
		 test_opt_ins_pruned; do
		run_test "$t" "$v"
	done
	if [ "$v" = perfbuf-output ]; then
		run_test test_in_order "$v"
		run_test test_in_order "$v" --json
		run_test test_in_order "$v" --json --ordered
		run_test test_ordered_stop "$v"
		run_test test_unordered "$v"
	else
		run_test test_in_order "$v" --json
		run_test test_ordered_refused "$v"
	fi
	# Batched is the default: what must not depend on the mode, again
	# with a wakeup per event.
	TRACER_OPTS=(--wakeup per-event)
	LABEL="${LABEL}[per-event] "
	for t in test_text test_json test_stop_conditions test_losses \
		 test_fill_warning test_default_burst test_start_in_storm; do
		run_test "$t" "$v"
	done
	run_test test_in_order "$v" --json
	TRACER_OPTS=()
	LABEL=${LABEL%"[per-event] "}
	[ "$v" = perfbuf-output ] && continue
	# The ring topologies: the same events, losses, fill and order.
	for rings in per-cpu 4; do
		TRACER_OPTS=(--rings "$rings")
		LABEL="${LABEL}[--rings $rings] "
		for t in test_text test_json test_stop_conditions test_losses \
			 test_fill_warning test_default_burst; do
			run_test "$t" "$v"
		done
		run_test test_ordered_stop "$v" --ordered
		run_test test_in_order "$v" --json
		run_test test_in_order "$v" --json --ordered
		TRACER_OPTS=()
		LABEL=${LABEL%"[--rings $rings] "}
	done
done
finish
