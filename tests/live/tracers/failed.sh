# shellcheck shell=bash
# Failed execs (-x): each once with its error, none for the threads an
# exec race kills, the 32-bit system calls, and losses.
# Sourced by tests/live/tracers.sh, which says where each test runs.

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
			check "without -x: no failed exec" \
				[ "$(count_lines "$OUT" 'EXECFAIL')" -eq 0 ]
			check "without -x: the summary as it was" \
				has_line "$(cat "$ERR")" 'events \(4 exec, 3 exit\), 0 lost'"$PEAK_FILL\$"
			continue
		fi
		for i in 0 1 2; do
			pid=${pids[$i]}
			if [ "$fmt" = text ]; then
				got=$(event_fields "$OUT" EXECFAIL "$pid")
				check "text -x: ${want_text[$i]%% *}, filename and arguments as passed" \
					[ "$got" = "$name $$ 0 0 ${want_text[$i]}" ]
			else
				got=$(python3 "$ROOT/tests/live/json_event.py" "$OUT" EXECFAIL "$pid" 2>&1 |
				      grep -E '^(errno|filename|args|args_truncated)=' | sort | tr '\n' ' ')
				check "json -x: ${want_text[$i]%% *}" \
					[ "$got" = "$(failed_json "$i")" ]
			fi
		done
		check "$fmt -x: each failure once, and a success is none" \
			[ "$(count_lines "$OUT" 'EXECFAIL')" -eq 3 ]
		check "$fmt -x: the summary counts 3 failed" \
			has_line "$(cat "$ERR")" 'events \(4 exec, 3 exit, 3 failed\), 0 lost'"$PEAK_FILL\$"
	done
}

failed_json() {	# failed_json N: json_event.py's sorted lines for case N
	case $1 in
	0) echo "args=['x', 'b c', ''] args_truncated=false errno=ENOENT filename=$WORK/none/x " ;;
	1) echo "args=['noexec', 'x'] args_truncated=false errno=EACCES filename=$WORK/fail/noexec " ;;
	2) echo "args=['junk', 'y'] args_truncated=false errno=ENOEXEC filename=$WORK/fail/junk " ;;
	esac
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
	check "-x race: $rounds rounds of 3 threads exec /bin/true" [ "$rc" -eq 0 ]
	check "-x race: no thread killed in its exec is a failed exec" \
		[ "$(count_lines "$OUT" 'EXECFAIL')" -eq 1 ]
	check "-x race: the one real failure is there" \
		has_line "$(cat "$OUT")" "EXECFAIL +$name .* error=ENOENT $WORK/none/x x\$"
	check "-x race: the summary counts 1 failed" \
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
	check "-x compat: execve's error, filename and arguments" \
		[ "$got" = "$name $$ 0 0 error=ENOENT $WORK/none/x x 'b c' ''" ]
	got=$(event_fields "$OUT" EXECFAIL "${pids[1]}")
	check "-x compat: execveat's error, dirfd, filename and arguments" \
		[ "$got" = "$name $$ 0 0 error=ENOENT,dirfd=3 none y" ]
	check "-x compat: a success runs, and is an EXEC" \
		[ "$rc" -eq 0 ]
	check "-x compat: the success's EXEC" \
		grep -qx "true $$ 0 0 /bin/true true" <<<"$(event_fields "$OUT" EXEC "$ok")"
	check "-x compat: no other failed exec" \
		[ "$(count_lines "$OUT" 'EXECFAIL')" -eq 2 ]
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
	check "-x losses: the first SIGINT stops it, exit 0" [ "$TRACER_RC" -eq 0 ]
	printed=$(count_lines "$OUT" " $name ")
	lost=$(summary_field "$ERR" lost)
	check "-x losses: printed $printed + lost ${lost:-?} = $((3 * n)) events" \
		[ $((printed + ${lost:-0})) -eq $((3 * n)) ]
	check "-x losses: some were lost with the smallest buffer" [ "${lost:-0}" -gt 0 ]
}
