# shellcheck shell=bash
# ringbuf-bench's own tests: what it delivers and drops in each mechanism,
# consumer, notification and topology, the records it fills, and the values
# and results it refuses.  Sourced by tests/live/bench.sh, which sets BENCH.

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
