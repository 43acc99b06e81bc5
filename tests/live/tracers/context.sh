# shellcheck shell=bash
# The exec context: --cwd and --env, in JSON and text, at the walk's
# limit, and nothing of theirs in the program the kernel runs without
# them.
# Sourced by tests/live/tracers.sh, which says where each test runs.

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
	check "--cwd: a script's cwd is the directory it ran from" \
		ctx_is "$OUT" "$p_script" cwd "$(hex "$known")"
	check "--env: LD_PRELOAD as set, other names null" \
		[ "$(python3 "$EXEC_CONTEXT" "$OUT" "$p_script" | grep '^env' |
		     tr '\n' ' ')" = "env.LD_PRELOAD=$(hex "$WORK/none.so") env.V1=null env.V2=null env.CUT=null env.PAST=null env.UNSET=null env_truncated= env_unknown= " ]
	check "--cwd: deeper than 32 steps, its last 32 names, marked cut" \
		[ "$(python3 "$EXEC_CONTEXT" "$OUT" "$p_deep" | sed -n 1,2p |
		     tr '\n' ' ')" = "cwd=$(hex "$(printf '/d%.0s' {1..32})") cwd_truncated=true " ]
	check "--cwd: controls and bytes not UTF-8, every byte kept" \
		ctx_is "$OUT" "$p_odd" cwd "$(hex "$odd")"
	check "--cwd: on a tmpfs mounted below, the whole path" \
		ctx_is "$OUT" "$p_mnt" cwd "$(hex "$mnt/sub")"
	check "--cwd: removed, its path and a mark" \
		[ "$(python3 "$EXEC_CONTEXT" "$OUT" "$p_gone" | sed -n 1,3p |
		     tr '\n' ' ')" = "cwd=$(hex "$WORK/gone") cwd_truncated=false cwd_deleted=true " ]
	check "--cwd: in a chroot, the path inside it" \
		ctx_is "$OUT" "$p_jail" cwd "$(hex /etc)"
	check "--env: a newline and bytes not UTF-8 in values, exact" \
		[ "$(python3 "$EXEC_CONTEXT" "$OUT" "$p_vals" | grep -E '^env\.V' |
		     tr '\n' ' ')" = "env.V1=$(hex $'a\nb') env.V2=fffe " ]
	check "--env: a value past 4K cut and marked, a name after it unknown" \
		[ "$(python3 "$EXEC_CONTEXT" "$OUT" "$p_cut" | grep -E '^env(.CUT|_)' |
		     tr '\n' ' ')" = "env.CUT=$(hex "${big:0:4092}") env_truncated=CUT env_unknown=LD_PRELOAD,V1,V2,PAST,UNSET " ]
	check "--env: an environment rewritten once running: the exec's" \
		ctx_is "$OUT" "$p_rw" env.V1 "$(hex before)"
	check "--env: ... which the program did rewrite" \
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
		check "--cwd: $n steps up to the root, whole and not marked cut" \
			[ "$(python3 "$EXEC_CONTEXT" "$OUT" "${pids[$n]}" |
			     sed -n 1,2p | tr '\n' ' ')" = "cwd=$(hex "$dir") cwd_truncated=false " ]
	done
	dir=$base$(printf '/d%.0s' $(seq $((33 - steps))))
	want=$(walk_tail "$dir" 32)
	check "--cwd: 33 steps, what its last 32 reached, marked cut" \
		[ "$(python3 "$EXEC_CONTEXT" "$OUT" "${pids[33]}" |
		     sed -n 1,2p | tr '\n' ' ')" = "cwd=$(hex "$want") cwd_truncated=true " ]
	start_tracer "$v" --cwd -P $$ || return
	dir=$base$(printf '/d%.0s' $(seq $((32 - steps))))
	(cd "$dir" && exec /bin/true) &
	p=$!
	wait $p
	wait_for "$OUT" "EXIT .* $p " 10
	stop_tracer
	check "--cwd text: 32 steps, the path with no cut mark" \
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
	check "--cwd text: header names the CWD column" \
		has_line "$(head -n 1 "$OUT")" ' EUID +CWD FILENAME '
	check "--cwd text: CWD is field 9, the filename after it" \
		[ "$(awk -v p="$p" '$2 == "EXEC" && $4 == p { print $9, $10 }' "$OUT")" = "$known /bin/true" ]
	check "--cwd text: an odd name stays one escaped word" \
		[ "$(awk -v p="$q" '$4 == p { print NF, $9 }' "$OUT" | tr '\n' ' ')" = \
		  '11 '"$WORK"'/odd\x0a\x09\x01\xff\x20dir 11 - ' ]
	start_tracer "$v" --json -P $$ || return
	/bin/true &
	p=$!
	wait $p
	wait_for "$OUT" "\"EXIT\".*\"pid\":$p," 10
	stop_tracer
	check "without --cwd and --env, no field of theirs" \
		no_line "$OUT" '"(cwd|env)'
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
			check "without --cwd, --env, --json and --cgroup-id, its exec program reads none of theirs" \
				[ $? -eq 0 ] ;;
		--json | --cgroup-id)
			check "$opts: its exec program reads the cgroup id" \
				grep -q "$cgroup" <<<"$prog" ;;
		*)
			check "$opts: its exec program reads it" \
				grep -qE "$reads" <<<"$prog" ;;
		esac
	done
}
