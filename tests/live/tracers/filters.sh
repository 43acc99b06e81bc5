# shellcheck shell=bash
# The filters: -c, -p, -P, -u, -d and --cgroup leave out what they
# should, in the kernel, and nothing else.
# Sourced by tests/live/tracers.sh, which says where each test runs.

test_comm_filter() {	# a process of another name is not reported
	local v=$1 wanted other

	new_program wanted
	new_program other
	start_tracer "$v" -c "${wanted##*/}" || return
	"$other" 0 exit 0
	"$wanted" 0 exit 0
	wait_for "$OUT" "EXIT +${wanted##*/} " 10
	stop_tracer
	check "-c: the named process is reported" \
		[ "$(count_lines "$OUT" " ${wanted##*/} ")" -eq 2 ]
	check "-c: another name is not" \
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
	check "-p: that pid's exec and exit, nothing else" \
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
	check "-P: the children's exec and exit, nothing else" \
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
	check "-u: the user's process is reported with its uid" \
		has_line "$(grep " ${nobody_prog##*/} " "$OUT")" ' 65534 +exit=0 '
	check "-u: root's is not" \
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
	check "-d: the long-lived process's exit is reported" \
		[ "$(count_lines "$OUT" "EXIT +${long##*/} ")" -eq 1 ]
	check "-d: the short one's is not" \
		[ "$(count_lines "$OUT" " ${short##*/} ")" -eq 0 ]
	check "-d: no exec events" [ "$(count_lines "$OUT" ' EXEC ')" -eq 0 ]
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
	check "-d 0: the exit, and no exec" \
		[ "$(tail -n +2 "$OUT" | awk '{ print $2, $4 }')" = "EXIT $pid" ]
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
			check "--cgroup: the cgroup's process, cgroup_id $id" \
				[ "$(python3 "$ROOT/tests/live/json_event.py" "$OUT" EXIT "$pid" |
				     grep -E '^(cgroup_id|exit_code)=' | sort | tr '\n' ' ')" = \
				  "cgroup_id=$id exit_code=3 " ]
		else
			check "--cgroup-id: the CGROUP column says $id" \
				[ "$(awk -v p="$pid" '$4 == p { print $9 }' "$OUT" |
				     sort -u)" = "$id" ]
		fi
		check "--cgroup $fmt: a process outside it is not reported" \
			[ "$(count_lines "$OUT" "${outer##*/}")" -eq 0 ]
	done
}
