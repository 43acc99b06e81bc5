# shellcheck shell=bash
# The bench/ scripts' tests: the ordering counter, each script's --help and
# wrong calls, and make bench's scripts on the real tracers, small, in full
# and interrupted.  Sourced by tests/live/bench.sh, which sets BENCH.

ORDERING=$ROOT/bench/ordering
# The comms of the tracers the bench scripts start (ringbuf-reserve-*'s cut
# to 15 characters).
BENCH_TRACERS='^(floor|perfbuf-output|ringbuf-output|ringbuf-reserve)$'

# The ordering counter, on input reordered on purpose.
test_ordering_counter() {
	cat >"$WORK/reordered.json" <<'JSON'
{"event":"EXEC","timestamp_ns":100,"pid":5}
{"event":"EXIT","timestamp_ns":300,"pid":6}
{"event":"EXEC","timestamp_ns":200,"pid":6}
{"event":"EXIT","timestamp_ns":400,"pid":5}
{"event":"EXEC","timestamp_ns":500,"pid":5}
JSON
	check "ordering counts an EXIT delivered before its EXEC" \
		test "$("$ORDERING" "$WORK/reordered.json")" = \
		"2 processes, 1 exit before exec"
	grep -v '"pid":6' "$WORK/reordered.json" >"$WORK/ordered.json"
	check "ordering counts nothing in order (a reused pid is not reordered)" \
		test "$("$ORDERING" "$WORK/ordered.json")" = \
		"1 processes, 0 exit before exec"
	cat >"$WORK/reordered.txt" <<'TEXT'
TIME         EVENT COMM             PID     PPID    PCOMM            UID    EUID   FILENAME ARGS / EXIT
16:20:21.844 EXEC  ls               5087    5078    bash             0      0      /usr/bin/ls ls
16:20:21.846 EXIT  my\x20prog       5088    5078    bash             0      0      exit=0 duration=0.794ms
16:20:21.845 EXEC  my\x20prog       5088    5078    bash             0      0      '/usr/bin/my prog' 'my prog'
16:20:21.847 EXIT  ls               5087    5078    bash             0      0      exit=0 duration=1.922ms
16:20:21.848 EXEC  123              5089    5078    my\x20shell      0      0      /usr/bin/123 123
16:20:21.849 EXIT  123              5089    5078    42               0      0      exit=0 duration=1.001ms
TEXT
	check "ordering reads the text format too" \
		test "$("$ORDERING" "$WORK/reordered.txt")" = \
		"3 processes, 1 exit before exec"
}

# bad_call_is_one_line RC COMMAND...: COMMAND exits RC, with one line on
# standard error that names the script, and nothing on standard output.
bad_call_is_one_line() {
	local rc=$1 err out

	shift
	out=$("$@" 2>"$WORK/err")
	[ $? -eq "$rc" ] && [ -z "$out" ] && [ "$(wc -l <"$WORK/err")" -eq 1 ] &&
		grep -q "^${1##*/}: " "$WORK/err"
}

# Every bench/ script: --help is its usage, exit 0; a wrong call is one line
# and exit 2, before it runs anything or writes into its results folder.
test_script_calls() {
	local s

	mkdir -p "$WORK/untouched"
	for s in bpf-cost bpf-parts tracing-cost wakeup-losses memory ordering-storm \
		 container run-matrix plot-data; do
		check "bench/$s --help: its usage, exit 0" \
			eval '"$ROOT/bench/$s" --help | grep -q "^Usage:.*bench/$s"'
		BENCH_RESULTS=$WORK/untouched check "bench/$s --bogus: one line, exit 2" \
			bad_call_is_one_line 2 "$ROOT/bench/$s" --bogus
		check "bench/$s 1 2 3: too many arguments, one line, exit 2" \
			bad_call_is_one_line 2 "$ROOT/bench/$s" 1 2 3
	done
	check "bench/tracing-cost x: not a number, one line, exit 2" \
		bad_call_is_one_line 2 "$ROOT/bench/tracing-cost" x
	check "bench/bpf-cost --rounds (no value): one line, exit 2" \
		bad_call_is_one_line 2 "$ROOT/bench/bpf-cost" --rounds
	check "bench/bpf-cost --rounds 0: one line, exit 2" \
		bad_call_is_one_line 2 "$ROOT/bench/bpf-cost" --rounds 0
	check "bench/bpf-cost --configs (no such file): one line, exit 2" \
		bad_call_is_one_line 2 "$ROOT/bench/bpf-cost" --configs "$WORK/no-such-file"
	check "bench/memory --mix (no such file): one line, exit 2" \
		bad_call_is_one_line 2 "$ROOT/bench/memory" --mix "$WORK/no-such-file"
	check "a wrong call wrote nothing into the results folder" \
		[ -z "$(ls -A "$WORK/untouched")" ]
}

# The scripts that read a tracer's output (ordering, event-bytes): --help
# says what they read, exit 0; a wrong call or input is one line.
test_reader_calls() {
	local s

	for s in ordering event-bytes; do
		check "bench/$s --help: what it reads and prints, exit 0" \
			eval '[ "$("$ROOT/bench/$s" --help | wc -l)" -gt 3 ]'
		check "bench/$s -q: one line, exit 2" \
			bad_call_is_one_line 2 "$ROOT/bench/$s" -q
		check "bench/$s on a missing file: one line, exit 2" \
			bad_call_is_one_line 2 "$ROOT/bench/$s" "$WORK/no-such-file"
	done
	echo 'not JSON' >"$WORK/not.json"
	check "bench/event-bytes on a line that is not an event: one line, exit 1" \
		bad_call_is_one_line 1 "$ROOT/bench/event-bytes" "$WORK/not.json"
}

# make bench's scripts on the real tracers, small, into a folder of ours:
# their tables are complete and every event is accounted for (no timing).

# tracing-cost, small, measures each tracer in each wakeup mode and --rev
# HEAD's four tools, and captures every event.
test_tracing_cost() {
	local -x BENCH_RESULTS=$WORK
	local worktrees rc err

	worktrees=$(git -C "$ROOT" worktree list | wc -l)
	"$ROOT/bench/tracing-cost" --rev HEAD 300 2 >"$WORK/cost.txt" 2>&1
	# Our tracers' rows: every event of two rounds of 600 processes captured
	# (an EXEC and an EXIT each), none lost.
	awk -F, 'NR > 1 && $1 ~ /-output$|-submit$|-dynptr$/ { n++
			if (!($8 == $9 && $9 == 2 * 2 * $3 && $10 == 0)) bad++ }
		END { exit !(n == 8 && !bad) }' "$WORK/tracing-cost.csv"
	rc=$?
	check "tracing-cost: each tracer in each wakeup mode captures every event" [ $rc -eq 0 ]
	[ $rc -eq 0 ] || cat "$WORK/cost.txt"
	# The slowdown is the median of the rounds' ratios, between their quartiles.
	awk -F, 'NR > 1 && $1 ~ /-output$|-submit$|-dynptr$/ { n++
			if (!($13 <= $5 && $5 <= $14 && $13 > 0)) bad++ }
		END { exit !(n == 8 && !bad) }' "$WORK/tracing-cost.csv"
	check "tracing-cost: each slowdown lies between its quartiles" [ $? -eq 0 ]
	# --rev: that revision's four tools, batched, in the same rounds, each
	# capturing every event, its worktree gone after.
	awk -F, -v rev="@$(git -C "$ROOT" rev-parse --short=7 HEAD)" 'NR > 1 &&
		substr($1, length($1) - 7) == rev { n++
			if (!($2 == "batched" && $8 == $9 && $9 == 2 * 2 * $3 && $10 == 0)) bad++ }
		END { exit !(n == 4 && !bad) }' "$WORK/tracing-cost.csv"
	check "tracing-cost --rev: the revision's four tools, every event captured" [ $? -eq 0 ]
	check "tracing-cost --rev: its worktree removed" \
		[ "$(git -C "$ROOT" worktree list | wc -l)" -eq "$worktrees" ]
	err=$("$ROOT/bench/tracing-cost" --rev no-such-rev 10 1 2>&1 >/dev/null)
	[ $? -eq 2 ] && [ "$(wc -l <<<"$err")" -eq 1 ] &&
		grep -q '^tracing-cost: --rev no-such-rev: no such commit' <<<"$err"
	check "tracing-cost --rev no-such-rev: one line that names it, exit 2" [ $? -eq 0 ]
}

# wakeup-losses, small, writes every row and loses nothing at the default
# sizes.
test_wakeup_losses() {
	local -x BENCH_RESULTS=$WORK

	"$ROOT/bench/wakeup-losses" 2000 >"$WORK/losses.txt" 2>&1
	awk -F, 'NR > 1 { n++ } $2 == "default" && ($3 != 0 || $4 != 0) { bad++ }
		END { exit !(n == 16 && !bad) }' "$WORK/wakeup-losses.csv"
	check "wakeup-losses: 16 rows, nothing lost at the default sizes" [ $? -eq 0 ]
}

# bpf-cost, and bpf-parts that runs it on builds without each part: a cost
# for each program and each part, and kernel.bpf_stats_enabled, which
# bpf-cost turns on to measure, as it was after both.
test_bpf_cost_and_parts() {
	local -x BENCH_RESULTS=$WORK
	local stats_were trees want t

	stats_were=$(sysctl -n kernel.bpf_stats_enabled)
	BPF_COST_CONFIGS="ringbuf-output -x" "$ROOT/bench/bpf-cost" --rounds 3 1000 \
		>"$WORK/bpf-cost.txt" 2>&1
	awk -F, '$1 ~ /^(perfbuf|ringbuf)-[a-z-]+$/ && $2 > 0 && $3 > 0 &&
			$5 <= $4 && $4 <= $6 && $7 == 3 { n++ } END { exit n != 4 }' "$WORK/bpf-cost.csv"
	check "bpf-cost: each tracer's exec and exit programs, a median of 3 rounds in its range" [ $? -eq 0 ]
	awk -F, '$1 == "ringbuf-output -x" && $9 ~ /^sys_exit [0-9]+ns x[0-9.]+$/ { n++ }
		END { exit n != 1 }' "$WORK/bpf-cost.csv"
	check "bpf-cost: -x's program on every system call, apart, with its runs per process" [ $? -eq 0 ]
	awk -F, '$1 ~ /^floor / && $4 > 0 && $8 > 0 { n++ }
		$1 == "floor nop" && $8 != "1.0" { bad++ }
		END { exit !(n == 4 && !bad) }' "$WORK/bpf-cost.csv"
	check "bpf-cost: the four floors, each cost over doing nothing's" [ $? -eq 0 ]
	# Every part removed in turn, one round: built, measured, a row each.
	trees=$(git -C "$ROOT" worktree list | wc -l)
	"$ROOT/bench/bpf-parts" --rounds 1 300 >"$WORK/bpf-parts.txt" 2>&1
	want=0
	for t in ringbuf-reserve-submit ringbuf-output; do
		want=$((want + $(python3 "$ROOT/bench/parts.py" list "$t" | wc -l)))
	done
	awk -F, 'NR > 1 && $3 ~ /^-?[0-9]+$/ && $6 > 0 && $7 > 0 { n++ }
		END { print n + 0 }' "$WORK/bpf-parts.csv" >"$WORK/parts.n"
	check "bpf-parts: a cost for each of the $want parts of the two tools" \
		[ "$(cat "$WORK/parts.n")" -eq "$want" ]
	[ -d "$ROOT/.output/bench/parts" ] &&
		[ "$(git -C "$ROOT" worktree list | wc -l)" -eq "$trees" ]
	check "bpf-parts: its worktree removed, its builds left under .output" [ $? -eq 0 ]
	check "bpf-cost: leaves kernel.bpf_stats_enabled as it was" \
		[ "$(sysctl -n kernel.bpf_stats_enabled)" = "$stats_were" ]
}

# The pod of the DaemonSet under a small storm: every event of it
# written, a memory peak and a CPU time, the manifest's resources beside.
test_container() {
	local -x BENCH_RESULTS=$WORK
	local rc

	"$ROOT/bench/container" 300 1 >"$WORK/container.txt" 2>&1
	awk -F, 'NR == 2 && $3 == 600 && $5 == 1200 && $6 == 1200 && $7 > 0 &&
		$8 > 0 && $10 != "" { n++ } END { exit n != 1 }' "$WORK/container.csv"
	rc=$?
	check "container: the pod wrote every event of the storm; its peak memory and CPU" \
		[ $rc -eq 0 ]
	[ $rc -eq 0 ] || cat "$WORK/container.txt"
}

# tree_sums DIR: every file under DIR with its checksum, and every folder
# (but Python's caches).
tree_sums() {
	(cd "$1" && find . -name __pycache__ -prune -o -type f \
		-exec md5sum {} + | sort &&
		find . -name __pycache__ -prune -o -type d -print | sort)
}

# session_tracers SID: "PID STATE" of each tracer in session SID.
session_tracers() {
	ps -s "$1" -o pid=,stat=,comm= | awk -v re="$BENCH_TRACERS" '$3 ~ re { print $1, $2 }'
}

# interrupt SIGNAL WHO MOMENT COMMAND...: COMMAND in a session of its own
# gets SIGNAL once MOMENT SID succeeds: its whole process group (WHO
# "group"), as a terminal's Ctrl-C or timeout's SIGTERM sends it, or the
# script alone ("script"), as kill does.  Sets INT_RC (COMMAND's status),
# INT_SID, and INT_PROGS: the ids of the BPF programs its tracers held then.
# A shell starts its commands in the background with SIGINT ignored, and a
# script cannot trap a signal ignored when it started: env gives COMMAND
# SIGINT back, as a terminal's command has it.
interrupt() {
	local sig=$1 who=$2 moment=$3 i p

	shift 3
	setsid env --default-signal=INT "$@" >"$WORK/int.out" 2>&1 &
	INT_SID=$!
	for ((i = 0; i < 1200; i++)); do
		"$moment" "$INT_SID" && break
		sleep 0.05
	done
	INT_PROGS=$(for p in $(session_tracers "$INT_SID" | cut -d' ' -f1); do
		cat /proc/"$p"/fdinfo/* 2>/dev/null
	done | awk '$1 == "prog_id:" { print $2 }' | sort -u)
	if [ "$who" = group ]; then
		kill -"$sig" -- -"$INT_SID"
	else
		kill -"$sig" "$INT_SID"
	fi
	# At most a minute for the script to end what it started.
	for ((i = 0; i < 600; i++)); do
		kill -0 "$INT_SID" 2>/dev/null || break
		sleep 0.1
	done
	wait "$INT_SID"
	INT_RC=$?
}

# ended_all NAME: what `interrupt` left: the script ended, with a status
# that is not 0, and nothing it started is left, no process in its session,
# no BPF program its tracers held.
ended_all() {
	local left progs i

	# A process that ended after its parent is reaped by init, in a while.
	for ((i = 0; i < 50; i++)); do
		left=$(ps -s "$INT_SID" -o pid=,stat=,args=)
		[ -z "$left" ] && break
		sleep 0.1
	done
	# The kernel frees a program once its last holder is gone, a moment
	# after (deferred work): a while, too.
	for ((i = 0; i < 30; i++)); do
		progs=$(bpftool -j prog show | python3 -c '
import json, sys
ours = set(sys.argv[1].split())
print(" ".join(str(p["id"]) for p in json.load(sys.stdin) if str(p["id"]) in ours))
' "$INT_PROGS")
		[ -z "$progs" ] && break
		sleep 0.1
	done
	check "$1: the script ends, status $INT_RC" [ "$INT_RC" -ne 0 ]
	check "$1: saw its tracers' BPF programs ($(wc -w <<<"$INT_PROGS"))" \
		[ -n "$INT_PROGS" ]
	check "$1: no process of its own left" [ -z "$left" ]
	[ -z "$left" ] || echo "     left: $left"
	check "$1: none of its BPF programs left" [ -z "$progs" ]
	# What was left: ended, not to disturb the next tests.
	[ -z "$left" ] || kill -CONT -- -"$INT_SID"
	[ -z "$left" ] || kill -KILL -- -"$INT_SID"
}

# old_results DIR: results of a run before, in DIR, as the scripts write
# them; run-matrix checks results.csv's header.
old_results() {
	local f

	mkdir -p "$1"
	"$BENCH" -m bare --duration 0.1 -w 0 --csv "$WORK/header.csv" >/dev/null
	echo "experiment,$(head -n 1 "$WORK/header.csv")" >"$1/results.csv"
	echo "ordering,an old line" >>"$1/results.csv"
	printf '== ordering: an old run\nits table\n\n' >"$1/results.txt"
	for f in memory event-bytes ordering bpf-cost; do
		echo "an old $f" >"$1/$f.csv"
	done
}

tracer_stopped() {	# tracer_stopped SID: one of its tracers is stopped
	session_tracers "$1" | awk '$2 ~ /^T/ { n++ } END { exit !n }'
}

# Ctrl-C during bench/memory's burst, its tracer stopped: the tracer ends,
# and the old results stay.
test_memory_interrupted() {
	local res=$WORK/res-memory before

	old_results "$res"
	before=$(tree_sums "$res")
	echo '{"event":"EXEC","filename":"/bin/true","args":["true"]}' \
		>"$WORK/mix.json"
	BENCH_RESULTS=$res interrupt INT group tracer_stopped \
		"$ROOT/bench/memory" --mix "$WORK/mix.json"
	ended_all "bench/memory, Ctrl-C in a burst"
	check "bench/memory, Ctrl-C in a burst: the old results intact" \
		[ "$(tree_sums "$res")" = "$before" ]
}

# storm_running SID: a tracer and the storm it traces, in session SID.
storm_running() {
	[ -n "$(session_tracers "$1")" ] &&
		ps -s "$1" -o comm= | grep -qxE 'true|taskset|storm-child'
}

# Ctrl-C during the ordering step of run-matrix (its script started by
# run-matrix): the old results of both stay, and it wrote only where told.
test_run_matrix_interrupted() {
	local res=$WORK/res-matrix before tree

	old_results "$res"
	before=$(tree_sums "$res")
	tree=$(tree_sums "$ROOT/bench")
	BENCH_RESULTS=$res ONLY=ordering interrupt INT group storm_running \
		"$ROOT/bench/run-matrix"
	ended_all "ONLY=ordering bench/run-matrix, Ctrl-C"
	check "ONLY=ordering bench/run-matrix, Ctrl-C: the old results intact" \
		[ "$(tree_sums "$res")" = "$before" ]
	check "ONLY=ordering bench/run-matrix, Ctrl-C: bench/ untouched" \
		[ "$(tree_sums "$ROOT/bench")" = "$tree" ]
}

# SIGTERM to bench/bpf-cost alone while it measures: it ends its tracer
# and puts kernel.bpf_stats_enabled back.  Storms long enough to be seen
# at once, and rounds enough that the run is far from its end then: a
# storm first seen in the last round raced the script's own end.
test_bpf_cost_terminated() {
	local res=$WORK/res-cost before stats

	old_results "$res"
	before=$(tree_sums "$res")
	stats=$(sysctl -n kernel.bpf_stats_enabled)
	BENCH_RESULTS=$res interrupt TERM script storm_running \
		"$ROOT/bench/bpf-cost" --no-peers --rounds 5 4000
	ended_all "bench/bpf-cost, SIGTERM"
	check "bench/bpf-cost, SIGTERM: the old results intact" \
		[ "$(tree_sums "$res")" = "$before" ]
	check "bench/bpf-cost, SIGTERM: kernel.bpf_stats_enabled as it was" \
		[ "$(sysctl -n kernel.bpf_stats_enabled)" = "$stats" ]
}

# bench/bpf-cost --configs FILE of comments alone: the four tools, and a
# note that says so.
test_bpf_cost_no_configs() {
	local res=$WORK/res-noconf

	mkdir -p "$res"
	printf '# ringbuf-output --cwd\n# ringbuf-output -x\n' >"$WORK/no-configs"
	BENCH_RESULTS=$res "$ROOT/bench/bpf-cost" --no-peers --rounds 1 \
		--configs "$WORK/no-configs" 300 >"$WORK/noconf.out" 2>&1
	check "bpf-cost --configs FILE of no configuration: runs, exit 0" \
		[ $? -eq 0 ]
	awk -F, 'NR > 1 { n++ } END { exit n != 8 }' "$res/bpf-cost.csv"
	check "bpf-cost --configs FILE of no configuration: the floors and the four tools" \
		[ $? -eq 0 ]
	check "bpf-cost --configs FILE of no configuration: says so" \
		grep -qx "bpf-cost: no configuration in $WORK/no-configs: the four tools alone" \
		"$WORK/noconf.out"
}
