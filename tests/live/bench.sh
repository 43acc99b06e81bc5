#!/usr/bin/env bash
# Live tests of ringbuf-bench: every mechanism and consumer delivers, every
# record is accounted for (produced = delivered + dropped, exactly), drops
# are counted when the buffer is far too small, and bench/ordering finds a
# reordered EXIT.  No timing assertions: speed is the benchmark's business.
set -u
. "$(dirname "$0")/lib.sh"
BENCH=$ROOT/ringbuf-bench
ORDERING=$ROOT/bench/ordering

# csv_check FILE AWK-CONDITION: every line of FILE satisfies it (and one does).
csv_check() {
	awk -F, -v cond="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		{ n++ }
		cond == "delivered" && !($col["delivered"] > 0) { bad++ }
		cond == "exact" && !($col["produced"] == $col["delivered"] + $col["dropped"] &&
				     $col["exact"] == 1) { bad++ }
		cond == "dropped" && !($col["dropped"] > 0) { bad++ }
		cond == "in-order" && $col["reordered"] != 0 { bad++ }
		END { exit !(n > 0 && !bad) }' "$1"
}

normal=$WORK/normal.csv
"$BENCH" -m perfbuf,rb-output,rb-reserve --consumer libbpf,custom \
	-N adaptive,sampled,busy -b 1,20 --duration 0.2 -w 0.05 --threshold 16 \
	--csv "$normal" >"$WORK/normal.txt" 2>&1
check "ringbuf-bench runs every mechanism, consumer and notification" \
	test "$(($(wc -l <"$normal") - 1))" -eq 30
check "every configuration delivers records" csv_check "$normal" delivered
check "produced = delivered + dropped, exactly" csv_check "$normal" exact
check "each producer's records arrive in order" csv_check "$normal" in-order

# A burst of 500 records while the consumer waits cannot fit one page:
# drops are certain, not a matter of timing.
tiny=$WORK/tiny.csv
"$BENCH" -m perfbuf,rb-output,rb-reserve --consumer libbpf,custom -b 500 --burst \
	--buffer-size 4K --pages 1 --csv "$tiny" >"$WORK/tiny.txt" 2>&1
check "a tiny buffer drops records" csv_check "$tiny" dropped
check "drops are counted exactly" csv_check "$tiny" exact
check "the baselines run without a buffer" \
	bash -c "'$BENCH' -m bare,empty --duration 0.1 -w 0 >/dev/null"
"$BENCH" -m nosuch >/dev/null 2>&1
check "a bad option exits 2" test $? -eq 2
check "--help has examples" bash -c "'$BENCH' --help | grep -q EXAMPLES"

# The ordering counter, on input reordered on purpose.
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
TIME         EVENT COMM             PID     PPID    UID    FILENAME/EXIT
16:20:21.844 EXEC  ls               5087    5078    0      /usr/bin/ls
16:20:21.846 EXIT  my prog          5088    5078    0      exit=0 duration=0.794ms
16:20:21.845 EXEC  my prog          5088    5078    0      /usr/bin/my prog
16:20:21.847 EXIT  ls               5087    5078    0      exit=0 duration=1.922ms
TEXT
check "ordering reads the text format too" \
	test "$("$ORDERING" "$WORK/reordered.txt")" = \
	"2 processes, 1 exit before exec"
finish
