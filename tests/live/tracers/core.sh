# shellcheck shell=bash
# The core events: what an EXEC and an EXIT say of a process (its ids,
# names, arguments, end and duration), in text and JSON, whatever ran
# and however it ended.
# Sourced by tests/live/tracers.sh, which says where each test runs.

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
	check "text: EXEC shows comm, ppid, uid, filename, arguments" \
		[ "$exec_line" = "$name $$ 0 0 $PROG $PROG 150 exit 7" ]
	check "text: EXIT shows comm, ppid, uid, exit code" \
		has_line "$exit_line" "^$name $$ 0 0 exit=7 duration="
	dur=$(duration_ms "$exit_line")
	[ "${dur:-0}" -ge 150 ] && [ "${dur:-0}" -lt 5000 ]
	check "text: duration ${dur}ms is plausible for a 150ms life" [ $? -eq 0 ]
	check "text: EXIT of a killed process names the signal" \
		has_line "$(event_fields "$OUT" EXIT "$killed")" \
		"^$name $$ 0 0 signal=SIGTERM duration="
	check "text: PCOMM is this shell's name, in EXEC and EXIT" \
		[ "$(awk -v p="$pid" '$4 == p { print $6 }' "$OUT" | tr '\n' ' ')" = \
		  "$(cat /proc/$$/comm) $(cat /proc/$$/comm) " ]
	check "text: header comes first" \
		has_line "$(head -n 1 "$OUT")" '^TIME +EVENT +COMM +PID +PPID +PCOMM +UID'
	check "text: exits 0 on SIGINT" [ "$TRACER_RC" -eq 0 ]
	check "text: summary counts 2 exec, 2 exit, 0 lost" \
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
	check "json: EXEC has comm, ppid, uid, filename" \
		has_line "$(grep -E '^(comm|ppid|uid|filename)=' <<<"$exec_json" | sort | tr '\n' ' ')" \
		"^comm=${PROG##*/} filename=$PROG ppid=$$ uid=0 $"
	check "json: EXIT says killed by signal 9, no core" \
		has_line "$(grep -E '^(signal|core_dumped|exit_code)=' <<<"$exit_json" | sort | tr '\n' ' ')" \
		'^core_dumped=false exit_code=0 signal=9 $'
	check "json: EXIT duration_ns is plausible for a 50ms life" \
		awk -F= '$1 == "duration_ns" { exit !($2 >= 50e6 && $2 < 5e9) }' <<<"$exit_json"
	check "json: exits 0 on SIGTERM" [ "$TRACER_RC" -eq 0 ]
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
	check "json: pcomm is the parent's name, ${parent##*/}" \
		[ "$(head -n 2 <<<"$ids" | cut -d' ' -f1,2 | tr '\n' ' ')" = \
		  "EXEC ${parent##*/} EXIT ${parent##*/} " ]
	check "json: start_ns $first is /proc/$child/stat's $ticks ticks" \
		[ "$((${first:-0} / tick_ns))" = "$ticks" ]
	want="EXEC $child:$first EXIT $child:$first "
	check "json: process_key $child:$first in its EXEC and EXIT" \
		[ "$(head -n 2 <<<"$ids" | cut -d' ' -f1,4 | tr '\n' ' ')" = "$want" ]
	check "json: pid $child reused: another key, the same in both events" \
		python3 "$REUSED_PID" <<<"$ids"
	check "json: a thread's exec keeps the process's key: 2 EXEC, 1 EXIT, 1 key" \
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
		check "$fmt: a script: its name as given, the interpreter's command line" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "${pids[0]}" 4096 \
			./plain.sh /bin/sh -e ./plain.sh a
		check "$fmt: an interpreter named with an escape and invalid UTF-8, exactly" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "${pids[1]}" 4096 \
			./hostile.sh "$hostile" ./hostile.sh
		check "$fmt: a memfd's program, named for its fd" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "${pids[2]}" 4096 \
			/dev/fd/9 x 0 exit 0
		check "$fmt: a deleted program, named for its fd" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "${pids[3]}" 4096 \
			/dev/fd/9 y 0 exit 0
		[ "$fmt" = json ] || continue
		check "json: a script's interpreter, and its name on disk" \
			[ "$(last_exec "$OUT" "${pids[0]}" comm interp interp_truncated \
			     no_name_on_disk)" = "plain.sh /bin/sh false false" ]
		check "json: a hostile interpreter's bytes in interp_hex" \
			[ "$(last_exec "$OUT" "${pids[1]}" interp_hex interp_truncated)" = \
			  "$(printf %s "$hostile" | od -An -tx1 | tr -d ' \n') false" ]
		# Its comm: its memfd's name (older kernels: "9", the fd's).
		memfd=memfd:${PROG##*/}
		check "json: a memfd's program: no name on disk, no interpreter" \
			has_line "$(last_exec "$OUT" "${pids[2]}" comm filename interp \
				    no_name_on_disk)" \
			"^(${memfd:0:15}|9) /dev/fd/9 null true\$"
		check "json: a program deleted, then run through its fd: no name on disk" \
			has_line "$(last_exec "$OUT" "${pids[3]}" comm filename interp \
				    no_name_on_disk)" \
			"^${PROG##*/} /dev/fd/9 null true\$"
		check "json: a program run from its file: a name on disk, no interpreter" \
			[ "$(last_exec "$OUT" "${pids[4]}" filename interp no_name_on_disk)" = \
			  "$PROG null false" ]
	done
	rm -f "$WORK/go"
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
		check "$fmt: the arguments exactly, args_count right" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "$pid" 4096 \
			"$PROG" "$PROG" "${args[@]}"
		check "$fmt: a command line past 4096 bytes is cut, and marked" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "$long_pid" 4096 \
			"$PROG" "$PROG" 0 exit 0 "$long"
	done
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
	check "$mode: a process that ran 4 threads has one EXIT, exit=0" [ $? -eq 0 ]
	# Without group_dead, the main thread's end stands for the process's.
	want="exit=9 duration=(1[0-9]{2}\.|[2-9][0-9]{2}\.|[0-9.]+s)"
	what="the process's (exit=9, after >= 100ms)"
	if [ "$mode" = leader ]; then
		want="exit=0 duration="
		what="the main thread's (exit=0)"
	fi
	[ "$(count_lines "$OUT" "EXIT +$name +$first ")" -eq 1 ] &&
		has_line "$(event_fields "$OUT" EXIT "$first")" " $want"
	check "$mode: main thread ends first: one EXIT, $what" [ $? -eq 0 ]
	[ "$(count_lines "$OUT" "EXEC +$name +$execd ")" -eq 2 ] &&
		[ "$(count_lines "$OUT" "EXIT +$name +$execd ")" -eq 1 ] &&
		has_line "$(event_fields "$OUT" EXIT "$execd")" " exit=4 "
	check "$mode: a thread's exec goes on as the process: one EXIT, exit=4" [ $? -eq 0 ]
	[ "$(count_lines "$OUT" "EXIT +$name +$tkill ")" -eq 1 ] &&
		has_line "$(event_fields "$OUT" EXIT "$tkill")" " signal=SIGTERM duration="
	check "$mode: a thread signals its process: one EXIT, SIGTERM" [ $? -eq 0 ]
	if grep -q '^|' /proc/sys/kernel/core_pattern; then
		echo "     (core dumps go to a program here: core-dumped not checked)"
		return
	fi
	check "$mode: a core dump is reported" \
		has_line "$(event_fields "$OUT" EXIT "$cored")" \
		" signal=SIGABRT core-dumped duration="
	# The other threads leave before the dump marks the group's status.
	check "$mode: a thread's core dump is reported, as wait() gets it" \
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
	check "threads renamed, other uid: EXIT is the process's (name, uid 0, exit=5)" \
		has_line "$(event_fields "$OUT" EXIT "$pid")" "^$name $$ 0 0 exit=5 "
	check "last thread ends alone: EXIT says what wait() said (exit=$status)" \
		has_line "$(event_fields "$OUT" EXIT "$first")" "^$name $$ 0 0 exit=$status "
	start_tracer "$v" -u 65534 || return
	"$PROG" 0 renamed-threads 0 &
	pid=$!
	wait "$pid"	# its EXIT is in the buffer now: the tracer drains at stop
	stop_tracer
	check "-u: a root process whose threads ran as nobody is not reported" \
		[ "$(count_lines "$OUT" " $pid ")" -eq 0 ]
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
	check "-u 0: a setuid-root program run by nobody, UID 65534 EUID 0" \
		[ $? -eq 0 ]
	start_tracer "$v" --json -U 65534 -c "$name" || return
	run_setuid
	stop_tracer
	check "-U 65534 json: uid 65534, euid 0" \
		[ "$(python3 "$ROOT/tests/live/json_event.py" "$OUT" EXIT "$pid" |
		     grep -E '^e?uid=' | sort | tr '\n' ' ')" = "euid=0 uid=65534 " ]
	start_tracer "$v" -U 0 -c "$name" || return
	run_setuid
	stop_tracer
	check "-U 0: not the program that nobody ran" \
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
	check "an empty name is '', the fields stay in place" \
		[ "$(awk -v p="$pid" '$2 == "EXIT" && $4 == p { print NF, $3, $9 }' \
		     "$OUT")" = "10 '' exit=3" ]
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
	check "in a PID namespace: the host's pid $host_pid and ppid $shell (not $ns_pid)" \
		[ $? -eq 0 ]
}
