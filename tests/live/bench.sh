#!/usr/bin/env bash
# Live tests of ringbuf-bench: every mechanism and consumer delivers, every
# record is accounted for (produced = delivered + dropped, exactly), drops
# are counted when the buffer is far too small, each ring topology, the
# producers without consumer and the kernel benchmark's counting harness
# account for every record too, every mechanism fills the records checked
# alike, bad values and write errors end it with a reason,
# bench/ordering finds a reordered EXIT, and make bench's scripts on the real
# tracers (tracing-cost, wakeup-losses, bpf-cost) account for every event,
# and, interrupted, end what they started and keep the last results.
# No timing assertions: speed is the benchmark's business.
#
# Usage: bench.sh [--list]
#
# ONLY=REGEX (as tracers.sh takes it) runs only the tests whose whole name
# it matches, e.g. ONLY=test_topologies; --list prints the names of the
# tests it would run, and runs none.  BENCH_TEST_SKIP_TRACERS=1 leaves out
# the tests of make bench's scripts on the real tracers: their exec storms
# load the whole machine.
set -u
. "$(dirname "$0")/lib.sh"
BENCH=$ROOT/ringbuf-bench
ORDERING=$ROOT/bench/ordering
# The comms of the tracers the bench scripts start (ringbuf-reserve-*'s cut
# to 15 characters).
BENCH_TRACERS='^(floor|perfbuf-output|ringbuf-output|ringbuf-reserve)$'

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
	progs=$(bpftool -j prog show | python3 -c '
import json, sys
ours = set(sys.argv[1].split())
print(" ".join(str(p["id"]) for p in json.load(sys.stdin) if str(p["id"]) in ours))
' "$INT_PROGS")
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


# csv_check FILE AWK-CONDITION: every line of FILE satisfies it (and one does).
csv_check() {
	awk -F, -v cond="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		{ n++ }
		cond == "delivered" && !($col["delivered"] > 0) { bad++ }
		cond == "exact" && !($col["produced"] == $col["delivered"] + $col["dropped"] &&
				     $col["exact"] == 1) { bad++ }
		cond == "dropped" && !($col["dropped"] > 0) { bad++ }
		cond == "in-order" && $col["reordered"] != 0 { bad++ }
		cond == "intact" && !(("corrupt" in col) && $col["corrupt"] == 0 &&
				      $col["delivered"] > 0) { bad++ }
		cond == "unread" && !($col["consumer"] == "none" &&
				      $col["wakeup"] == "-" &&
				      $col["events_per_s"] == "") { bad++ }
		END { exit !(n > 0 && !bad) }' "$1"
}

# Every mechanism, consumer and notification delivers every record it
# produced, each producer's in order.
test_mechanisms() {
	local normal=$WORK/normal.csv

	"$BENCH" -m perfbuf,rb-output,rb-reserve --consumer libbpf,custom \
		-W per-event,batched,busy -b 1,20 --duration 0.2 -w 0.05 --threshold 16 \
		--csv "$normal" >"$WORK/normal.txt" 2>&1
	check "ringbuf-bench runs every mechanism, consumer and notification" \
		test "$(($(wc -l <"$normal") - 1))" -eq 30
	check "every configuration delivers records" csv_check "$normal" delivered
	check "produced = delivered + dropped, exactly" csv_check "$normal" exact
	check "each producer's records arrive in order" csv_check "$normal" in-order
}

# --harness check,count: each configuration with our records and with the
# kernel benchmark's one value, check then count; the counting consumer
# accounts for every record as exactly, and neither times nor checks any.
test_harness() {
	local harness=$WORK/harness.csv

	"$BENCH" -m perfbuf,rb-output,rb-reserve --consumer libbpf,custom -W batched \
		-b 20 --threshold 16 --harness check,count --duration 0.2 -w 0.05 \
		--csv "$harness" >"$WORK/harness.txt" 2>&1
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		{ n++; want = n % 2 ? "check" : "count"
		  key = $col["mechanism"] "," $col["consumer"] "," $col["wakeup"] }
		$col["harness"] != want || (want == "count" && key != last) { bad++ }
		want == "check" && $col["latency_p50_us"] == "" { bad++ }
		want == "count" && ($col["latency_p50_us"] != "" ||
				    $col["corrupt"] != 0 || $col["reordered"] != 0) { bad++ }
		!($col["producer_cpu_ns_per_trigger"] > 0 &&
		  $col["consumer_cpu_ns_per_record"] > 0) { bad++ }
		{ last = key }
		END { exit !(n == 10 && !bad) }' "$harness"
	check "--harness check,count: each configuration in both, the count untimed" [ $? -eq 0 ]
	check "--harness count: produced = delivered + dropped, exactly" \
		csv_check "$harness" exact
	check "--harness count: every configuration delivers records" \
		csv_check "$harness" delivered
}

# first_cpus: the first two online CPUs (or the one), as a list "A,B".
first_cpus() {
	awk -F, '{ for (i = 1; i <= NF; i++) {
		n = split($i, r, "-"); for (c = r[1]; c <= r[n]; c++) print c } }' \
		/sys/devices/system/cpu/online | head -n 2 | paste -sd, -
}

# Each ring topology, with both ring mechanisms and both consumers, and
# both batched rules (the kernel benchmark's and the tracers' crossing,
# which keeps a slot per ring): two producers, pinned to the first two
# online CPUs (or both to the one), so that each producer's records stay
# in one ring, in order.
test_topologies() {
	local topo=$WORK/topo.csv possible

	"$BENCH" -m rb-output,rb-reserve --rings shared,per-cpu,2 \
		--consumer libbpf,custom -W per-event,batched,crossing -b 20 \
		--threshold 16 --producers 2 --producer-cpus "$(first_cpus)" \
		--consumer-cpu -1 --duration 0.2 -w 0.05 --csv "$topo" \
		>"$WORK/topo.txt" 2>&1
	check "ringbuf-bench runs each topology with each ring mechanism, consumer and wakeup" \
		test "$(($(wc -l <"$topo") - 1))" -eq 36
	check "every topology delivers records" csv_check "$topo" delivered
	check "every topology: produced = delivered + dropped, exactly" \
		csv_check "$topo" exact
	check "every topology keeps each producer's records in order" \
		csv_check "$topo" in-order
	# The memory of a topology: a ring of --buffer-size per possible CPU, or N.
	possible=$(awk -F, '{ for (i = 1; i <= NF; i++) {
			n = split($i, r, "-"); k += r[n] - r[1] + 1 } } END { print k }' \
		/sys/devices/system/cpu/possible)
	awk -F, -v cpus="$possible" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		{ b[$col["rings"]] = $col["buffer_bytes"] }
		END { exit !(b["shared"] > 0 && b["2"] == 2 * b["shared"] &&
			     b["per-cpu"] == cpus * b["shared"]) }' "$topo"
	check "--rings 2 takes two rings' memory, per-cpu one per possible CPU ($possible)" [ $? -eq 0 ]
}

# No consumer: the producers fill the buffer, then every attempt is a
# drop; what the buffer held is read at the end.  One line per mechanism
# and topology, whatever --wakeup lists.
test_no_consumer() {
	local none=$WORK/none.csv

	"$BENCH" -m perfbuf,rb-output,rb-reserve --rings shared,per-cpu,2 \
		--consumer none -W per-event,batched -b 100 --producers 2 \
		--producer-cpus "$(first_cpus)" --buffer-size 64K --pages 4 \
		--duration 0.2 -w 0.05 --csv "$none" >"$WORK/none.txt" 2>&1
	check "--consumer none: one line per mechanism and topology" \
		test "$(($(wc -l <"$none") - 1))" -eq 7
	check "--consumer none: no wakeup, no delivery rate" csv_check "$none" unread
	check "--consumer none: the full buffer drops records" csv_check "$none" dropped
	check "--consumer none: what the buffer held is read at the end" \
		csv_check "$none" delivered
	check "--consumer none: produced = delivered + dropped, exactly" \
		csv_check "$none" exact
}

# burst_text_check FILE PRODUCED: a burst's text table shows what became of
# each record, and it adds up.
burst_text_check() {
	awk -v want="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		{ n++ }
		!(("produced" in col) && ("delivered" in col) && ("dropped" in col) &&
		  $col["produced"] == want && $col["dropped"] > 0 &&
		  $col["produced"] == $col["delivered"] + $col["dropped"]) { bad++ }
		END { exit !(n > 0 && !bad) }' "$1"
}

# A burst of 500 records while the consumer waits cannot fit one page:
# drops are certain, not a matter of timing.
test_burst_drops() {
	local tiny=$WORK/tiny.csv

	"$BENCH" -m perfbuf,rb-output,rb-reserve --consumer libbpf,custom -b 500 --burst \
		--buffer-size 4K --pages 1 --csv "$tiny" >"$WORK/tiny.txt" 2>&1
	check "a tiny buffer drops records" csv_check "$tiny" dropped
	check "drops are counted exactly" csv_check "$tiny" exact
	check "a burst's text shows produced = delivered + dropped" \
		burst_text_check "$WORK/tiny.txt" 500
}

# Every mechanism writes the whole record, the same bytes: the consumer
# checks each one (--latency-every 1 times, so checks, every record).
# With the default sampling, only the records the consumer checks are
# filled: those must be whole.
test_fill() {
	local fill=$WORK/fill.csv sampled=$WORK/sampled.csv

	"$BENCH" -m perfbuf,rb-output,rb-reserve --consumer libbpf,custom -s 64,4096 \
		--duration 0.2 -w 0.05 --latency-every 1 --csv "$fill" >"$WORK/fill.txt" 2>&1
	check "every mechanism runs at 64 and 4096 bytes" \
		test "$(($(wc -l <"$fill") - 1))" -eq 10
	check "every mechanism fills its records with the same bytes" \
		csv_check "$fill" intact
	"$BENCH" -m rb-output,rb-reserve --consumer libbpf -s 4096 -b 100 \
		--duration 0.2 -w 0.05 --csv "$sampled" >"$WORK/sampled.txt" 2>&1
	check "the records checked, one in 64, are filled at 4096 bytes" \
		csv_check "$sampled" intact
}

# The baselines, with no buffer at all, run.
test_baselines() {
	check "the baselines run without a buffer" \
		bash -c "'$BENCH' -m bare,empty --duration 0.1 -w 0 >/dev/null"
}

# fails STATUS LINE ARGS...: ringbuf-bench ARGS exits STATUS, and the first
# line on stderr is LINE (argp adds a hint after its own errors).
fails() {
	local err rc

	err=$("$BENCH" "${@:3}" 2>&1 >/dev/null)
	rc=$?
	[ "$rc" -eq "$1" ] && [ "$(head -n 1 <<<"$err")" = "$2" ] && return 0
	echo "     status $rc: $err"
	return 1
}

# Bad options and values are refused, exit 2, saying why.
test_refused_values() {
	"$BENCH" -m nosuch >/dev/null 2>&1
	check "a bad option exits 2" test $? -eq 2
	check "--duration nan is refused, saying why" fails 2 \
		"ringbuf-bench: invalid value for --duration 'nan': not a number of seconds (e.g. 1.5)" \
		--duration nan
	check "-w inf is refused, saying why" fails 2 \
		"ringbuf-bench: invalid value for --warmup 'inf': not a number of seconds (e.g. 1.5)" \
		-w inf
	check "--duration 0 is refused, saying why" fails 2 \
		"ringbuf-bench: invalid value for --duration '0': out of range (0.001 to 3600 seconds)" \
		--duration 0
	check "a list names the item at fault" fails 2 \
		"ringbuf-bench: invalid value for --batch '1,0x10': '0x10' is not a whole number from 1 to 1000" \
		-b 1,0x10
	check "--threshold 1e3 is refused, saying why" fails 2 \
		"ringbuf-bench: invalid value for --threshold '1e3': not a whole number from 1 to 16777216" \
		--threshold 1e3
	check "--consumer-cpu nan is refused, saying why" fails 2 \
		"ringbuf-bench: invalid value for --consumer-cpu 'nan': not a CPU number (0 to 4095) or -1" \
		--consumer-cpu nan
	check "perfbuf with only the custom consumer is refused" fails 2 \
		"ringbuf-bench: perfbuf has no consumer to read it: custom reads only ring buffers (add libbpf to --consumer)" \
		-m perfbuf --consumer custom
	check "--rings 3 is refused, saying why" fails 2 \
		"ringbuf-bench: invalid value for --rings '3': '3' is not shared, per-cpu, nor a power of two from 1 to 64" \
		--rings 3
	check "a record that never fits the ring buffer is refused" fails 2 \
		"ringbuf-bench: a 4096-byte record never fits a 4096-byte ring buffer (raise --buffer-size or lower --size)" \
		-m rb-reserve -s 4096 --buffer-size 4K
}

# A CPU past the last one online: refused before any run, in one line.
test_refused_cpus() {
	local online offline

	online=$(cat /sys/devices/system/cpu/online)
	offline=$(($(tr ',-' '\n' <<<"$online" | sort -n | tail -n 1) + 1))
	check "a producer CPU that is not online is refused up front" fails 2 \
		"ringbuf-bench: invalid value for --producer-cpus '0,$offline': '$offline' is not an online CPU (online: $online)" \
		--producer-cpus "0,$offline" --duration 0.01 -w 0
	check "a consumer CPU that is not online is refused up front" fails 2 \
		"ringbuf-bench: invalid value for --consumer-cpu '$offline': not an online CPU (online: $online)" \
		--consumer-cpu "$offline" --duration 0.01 -w 0
	check "a refused CPU runs nothing" test -z \
		"$("$BENCH" --consumer-cpu "$offline" --duration 0.01 -w 0 2>/dev/null)"
}

# Windows too short to see a trigger: a producer can wait longer than 1 ms
# for its CPU.  A real-time busy loop on the producer's CPU (the kernel
# leaves other tasks 5% of each second) makes that likely, not certain: so
# whichever happened, the line must say it.  With an empty window, the line
# says so, once, exits 1, and the CSV keeps its columns with nothing in
# them; without one, its figures are there and it exits 0.
test_short_windows() {
	local short=$WORK/short.csv cpu hog rc figures

	cpu=$(tr ',-' '\n' </sys/devices/system/cpu/online | sort -n | tail -n 1)
	timeout 30 chrt -f 10 taskset -c "$cpu" sh -c 'while :; do :; done' &
	hog=$!
	"$BENCH" -m empty --duration 0.001 -w 0 -r 100 --producer-cpus "$cpu" \
		--csv "$short" >"$WORK/short.txt" 2>"$WORK/short.err"
	rc=$?
	kill "$hog"
	wait "$hog" 2>/dev/null
	if [ -s "$WORK/short.err" ]; then
		grep -qE '^ringbuf-bench: empty: no trigger in [0-9]+ of 100 runs: 0\.001 s is too short to measure \(raise --duration\)$' \
			"$WORK/short.err" && [ "$(wc -l <"$WORK/short.err")" -eq 1 ] &&
			[ $rc -eq 1 ]
		check "a run too short to measure says so, once, and exits 1" [ $? -eq 0 ]
		[ $rc -eq 1 ] || cat "$WORK/short.err"
		figures='$col["ns_per_trigger"] != ""'
	else
		echo "     (every 1 ms window saw a trigger: the measured path checked)"
		check "a run whose windows all saw triggers exits 0" [ $rc -eq 0 ]
		figures='$col["ns_per_trigger"] == ""'
	fi
	awk -F, 'NR == 1 { n = NF; for (i = 1; i <= NF; i++) col[$i] = i; next }
		NF != n || /nan|inf/ || '"$figures"' { bad++ }
		END { exit !(NR == 2 && !bad) }' "$short"
	check "its CSV line has every column, and figures only if measured" [ $? -eq 0 ]
}

# Results that cannot be written are an error, said once, at once.
test_unwritable_results() {
	local err

	check "a CSV that cannot be written: one line, exit 1" fails 1 \
		"ringbuf-bench: writing /dev/full: No space left on device" \
		-m bare --duration 0.01 -w 0 --csv /dev/full
	err=$("$BENCH" -m bare --duration 0.01 -w 0 2>&1 >/dev/full)
	check "an output that cannot be written: one line, exit 1" \
		test "$?:$err" = "1:ringbuf-bench: writing standard output: No space left on device"
}

# --csv appends to a file of results, which may have another version's
# columns, no room for a line, or a last line cut short.
test_csv_appends() {
	local err

	# Lines appended under another version's header would not line up.
	echo "mechanism,consumer,notify" >"$WORK/other.csv"
	check "a CSV with other columns is refused" fails 1 \
		"ringbuf-bench: $WORK/other.csv: not the columns this version writes (start a new file)" \
		-m bare --duration 0.01 -w 0 --csv "$WORK/other.csv"
	# A CSV with its header and no room for a line: the first line fails.
	"$BENCH" -m bare --duration 0.01 -w 0 --csv "$WORK/fsize.csv" >/dev/null
	truncate -s 1024 "$WORK/fsize.csv"
	err=$(trap '' XFSZ; ulimit -f 1
	      "$BENCH" -m bare --duration 0.01 -w 0 --csv "$WORK/fsize.csv" 2>&1 >/dev/null)
	check "a CSV line that cannot be written: one line, exit 1" \
		test "$?:$err" = "1:ringbuf-bench: writing $WORK/fsize.csv: File too large"
	# A CSV whose last line a full disk cut: the next line starts on its own.
	"$BENCH" -m bare --duration 0.01 -w 0 --csv "$WORK/cut.csv" >/dev/null
	head -c -5 "$WORK/cut.csv" >"$WORK/cut2.csv"
	"$BENCH" -m bare --duration 0.01 -w 0 --csv "$WORK/cut2.csv" >/dev/null
	check "--csv appended to a cut line: the new line is whole, on a line of its own" \
		test "$(tail -n 1 "$WORK/cut2.csv" | tr -cd , | wc -c):$(wc -l <"$WORK/cut2.csv")" = \
		"$(head -n 1 "$WORK/cut.csv" | tr -cd , | wc -c):3"
}

# ringbuf-bench --help shows how it is called.
test_help() {
	check "--help has examples" bash -c "'$BENCH' --help | grep -q EXAMPLES"
}

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

# The tests, in the order they run: ringbuf-bench's own, then the bench/
# scripts'; TRACER_TESTS run the scripts on the real tracers.
TESTS=(test_mechanisms test_harness test_topologies test_no_consumer
	test_burst_drops test_fill test_baselines test_refused_values
	test_refused_cpus test_short_windows test_unwritable_results
	test_csv_appends test_help test_ordering_counter test_script_calls
	test_reader_calls)
TRACER_TESTS=(test_tracing_cost test_wakeup_losses test_bpf_cost_and_parts
	test_container test_bpf_cost_no_configs test_memory_interrupted
	test_run_matrix_interrupted test_bpf_cost_terminated)
[ -n "${BENCH_TEST_SKIP_TRACERS:-}" ] || TESTS+=("${TRACER_TESTS[@]}")

if [ "${1:-}" = --list ]; then
	for t in "${TESTS[@]}"; do
		[ -z "${ONLY:-}" ] || grep -qE -- "^($ONLY)\$" <<<"$t" && echo "$t"
	done
	exit 0
fi
for t in "${TESTS[@]}"; do
	run_test "$t"
done
finish
