# shellcheck shell=bash
# What the bench/ scripts share: where things are, a run that ends what it
# started and replaces its results only when complete, an exec storm, and
# starting and stopping a tracer.  Sourced, not run.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck disable=SC2034 # these two are for the scripts that source us
BENCH=$ROOT/ringbuf-bench
# shellcheck disable=SC2034
TRACERS="perfbuf-output ringbuf-output ringbuf-reserve-submit ringbuf-reserve-dynptr"
# shellcheck disable=SC2034
STORM=$ROOT/.output/bench/exec-storm
# shellcheck disable=SC2034
STORM_CHILD=$ROOT/.output/bench/storm-child
NCPUS=$(nproc)
# Where the scripts write their CSV files: bench/, or the tests' folder.
# shellcheck disable=SC2034
RESULTS=${BENCH_RESULTS:-$ROOT/bench}

# usage: this script's header comment, from after its #! line to the
# first line that is not a comment: what it does, ending with its usage.
usage() {
	sed -n '2,/^[^#]/{/^[^#]/q;/SPDX\|shellcheck/d;s/^# \{0,1\}//;p}' "$0"
}

# bad_usage WHY: one line and exit 2, before the script has done anything.
bad_usage() {
	echo "${0##*/}: $1 (--help says what it takes)" >&2
	exit 2
}

# need_value OPTION ARG...: OPTION's value is there, or bad_usage.
need_value() {
	[ $# -ge 2 ] || bad_usage "$1 needs a value"
}

# counts_only MAX ARG...: what a script takes after its options: --help
# prints the usage and exits 0; anything but at most MAX whole numbers above
# 0 is bad_usage.
counts_only() {
	local max=$1 a

	shift
	for a in "$@"; do
		case $a in
		-h | --help) usage; exit 0 ;;
		-*) bad_usage "unknown option $a" ;;
		esac
		[[ $a =~ ^[1-9][0-9]*$ ]] ||
			bad_usage "'$a' is not a whole number above 0"
	done
	[ $# -le "$max" ] || bad_usage "too many arguments: $*"
}

# begin_run: the run's scratch folder TMP, and NEW, where it writes its
# results: a folder beside the old ones in RESULTS, which publish puts in
# their place once the run is complete.  Whatever ends the script first
# (an error, Ctrl-C, SIGTERM) ends the tracers it started, runs its own
# cleanup function if it has one, and removes both folders: the old
# results stay as they were.
begin_run() {
	TMP=$(mktemp -d)
	NEW=$(mktemp -d "$RESULTS/.new.XXXXXX")
	trap end_run EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

# publish: the run is complete; each of its results replaces the old one
# (a rename: no reader sees a file half written).
publish() {
	find "$NEW" -mindepth 1 -maxdepth 1 ! -name '.*' \
		-exec mv -f -t "$RESULTS" {} +
}

# write_facts GROUP...: the figures the docs quote from this run's results
# (bench/facts.py: GROUP.facts and its tables), written beside them in NEW
# for publish to put in place with them; the inputs are read from NEW, then
# from RESULTS; every group when none is named.  What cannot be computed
# is left out with a warning, and the results are published all the same.
write_facts() {
	python3 "$ROOT/bench/facts.py" write --in "$NEW" --in "$RESULTS" "$@" ||
		echo "${0##*/}: no facts written: run bench/facts.py write" >&2
}

# end_run: the EXIT trap.  It goes on past a failure, and a second Ctrl-C
# does not cut it short.
end_run() {
	local rc=$?

	set +e
	trap '' INT TERM
	end_tracers
	declare -F cleanup >/dev/null && cleanup
	rm -rf "$TMP" "$NEW"
	exit "$rc"
}

# stat_of PID: "STATE STARTTIME" of process PID (the third and 22nd fields
# of /proc/PID/stat), or nothing once it has gone.
stat_of() {
	local s f

	s=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
	read -ra f <<<"${s##*) }"
	echo "${f[0]} ${f[19]}"
}

# started PID: a tracer to end should the run end first, written to a file,
# as a tracer may be started in a subshell, $(...).  Its start time tells
# it from a later process given the same pid.
started() {
	local s

	s=$(stat_of "$1")
	echo "$1 ${s#* }" >>"$TMP/started"
}

# alive PID STARTTIME: whether that process still runs (not a zombie).
alive() {
	local s

	s=$(stat_of "$1")
	[ -n "$s" ] && [ "${s#* }" = "$2" ] && [ "${s%% *}" != Z ]
}

# end_tracers: each tracer started and still running, ended as Ctrl-C ends
# it, continued first (stopped, it would never see the SIGINT), or killed
# after 5 s.
end_tracers() {
	local pid when i

	[ -f "$TMP/started" ] || return 0
	while read -r pid when; do
		alive "$pid" "$when" || continue
		kill -CONT "$pid"
		kill -INT "$pid"
		for ((i = 0; i < 100; i++)); do
			alive "$pid" "$when" || break
			sleep 0.05
		done
		alive "$pid" "$when" && kill -KILL "$pid"
		wait "$pid" 2>/dev/null
	done <"$TMP/started"
}

now_ns() {
	date +%s%N
}

# storm N [taskset]: N short-lived processes from each of NCPUS loops.  With
# "taskset", each process is exec'd on one CPU and moved to the next before
# it exits, so its EXEC and EXIT are written on different CPUs.
storm() {
	local n=$1 mode=${2:-} i j pids=()

	for ((i = 0; i < NCPUS; i++)); do
		(
			for ((j = 0; j < n; j++)); do
				if [ "$mode" = taskset ]; then
					taskset -c $(((i + j) % NCPUS)) /bin/true
				else
					/bin/true
				fi
			done
		) &
		pids+=($!)
	done
	wait "${pids[@]}"	# not the tracer, also a child of ours
}

# build_rev REV DIR: that revision's tools, in a git worktree at DIR with
# its own .output (and the libbpf this tree built), leaving this tree
# alone; remove_rev DIR takes the worktree away again.
build_rev() {
	if ! git -C "$ROOT" rev-parse -q --verify "$1^{commit}" >/dev/null; then
		echo "${0##*/}: --rev $1: no such commit in this tree" >&2
		exit 2
	fi
	git -C "$ROOT" worktree add -q --detach "$2" "$1"
	make -s -C "$2" -j"$NCPUS" LIBBPF=bundled \
		DEPS_OUTPUT="$ROOT/.output/deps" >"$2.log" 2>&1 || {
		echo "${0##*/}: building $1 failed:" >&2
		tail -n 20 "$2.log" >&2
		exit 1
	}
}

remove_rev() {
	git -C "$ROOT" worktree remove --force "$1" 2>/dev/null || true
}

# start_tracer NAME OUTFILE ARGS...: sets TRACER_PID; waits until attached.
# NAME: a path from the top of the tree, or an absolute one.
start_tracer() {
	local name=$1 out=$2 i bin=$1

	[[ $bin == /* ]] || bin=$ROOT/$bin
	# Or a line left by the last run would say attached before this one is.
	: >"$out.err"
	${TRACER_NICE:+nice -n "$TRACER_NICE"} "$bin" "${@:3}" \
		>"$out" 2>"$out.err" &
	TRACER_PID=$!
	started "$TRACER_PID"
	for ((i = 0; i < 300; i++)); do
		grep -q 'tracing exec and exit' "$out.err" 2>/dev/null && return 0
		sleep 0.05
	done
	echo "$name did not start: $(cat "$out.err")" >&2
	return 1
}

# stop_tracer OUTFILE: SIGINT, wait; prints the number of lost events.  In
# the shell that started the tracer: in a $(...) of its own, the wait could
# not wait for the tracer, and the summary might not be written yet.
stop_tracer() {
	kill -INT "$TRACER_PID"
	wait "$TRACER_PID"
	grep -oE '[0-9]+ lost' "$1.err" | tail -n 1 | cut -d' ' -f1
}

# The peers' one-line bpftrace exec tracer.
BPFTRACE_EXEC='tracepoint:sched:sched_process_exec { printf("%d %s\n", pid, comm); }'

# start_peer NAME OUTFILE: NAME with tracefs mounted for it alone, in a
# private mount namespace; sets TRACER_PID (unshare and sh exec it, so the
# pid is its own) once it has printed its first line (the header, or
# bpftrace's "Attaching"), then gives it time to finish attaching, as
# nothing it prints says when it has.
start_peer() {
	local i cmd=("$1")

	[ "$1" = bpftrace ] && cmd=(bpftrace -e "$BPFTRACE_EXEC")
	(exec unshare --mount --propagation private sh -c \
		'mount -t tracefs nodev /sys/kernel/tracing && exec "$@"' sh \
		"${cmd[@]}") >"$2" 2>/dev/null &
	TRACER_PID=$!
	started "$TRACER_PID"
	for ((i = 0; i < 600; i++)); do
		[ -s "$2" ] && break
		sleep 0.05
	done
	sleep 0.5
}
