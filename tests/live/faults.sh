#!/usr/bin/env bash
# Live tests of what goes wrong: missing privileges, kernels without what the
# tools need, bad options, signals, closed pipes, hostile bytes, and memory
# errors under valgrind.  Needs root.
source "$(dirname "$0")/lib.sh"

TOOL=ringbuf-reserve-submit

has_line() {	# has_line TEXT REGEX
	grep -qE -- "$2" <<<"$1"
}

# run_fault NAME EXPECTED_RC REGEX COMMAND...: one line on stderr matching
# REGEX, nothing on stdout, exit status EXPECTED_RC.
run_fault() {
	local name=$1 want_rc=$2 regex=$3 rc

	"${@:4}" >"$WORK/fault.out" 2>"$WORK/fault.err" </dev/null
	rc=$?
	check "$name: exit $want_rc" [ "$rc" -eq "$want_rc" ]
	check "$name: says so in one line" \
		[ "$(wc -l <"$WORK/fault.err")" -eq 1 ] &&
		has_line "$(cat "$WORK/fault.err")" "$regex"
	check "$name: prints no events" [ ! -s "$WORK/fault.out" ]
}

test_privileges() {
	local v

	for v in perfbuf-output ringbuf-output ringbuf-reserve-submit; do
		run_fault "$v as an ordinary user" 1 'not enough privilege.*run as root' \
			setpriv --reuid 65534 --regid 65534 --clear-groups "$TOOLS_DIR/$v"
	done
	run_fault "$TOOL as root without CAP_BPF, CAP_PERFMON, CAP_SYS_ADMIN" 1 \
		'not enough privilege' setpriv --inh-caps=-all \
		--bounding-set=-bpf,-perfmon,-sys_admin "$TOOLS_DIR/$TOOL"
}

test_kernel_faults() {
	local lockdown=$WORK/lockdown

	run_fault "$TOOL on a kernel without BTF" 1 \
		'no BTF \(/nonexistent/vmlinux is missing\).*CONFIG_DEBUG_INFO_BTF' \
		env TRACER_TEST_BTF=/nonexistent/vmlinux "$TOOLS_DIR/$TOOL"
	echo 'none integrity [confidentiality]' >"$lockdown"
	run_fault "$TOOL under lockdown=confidentiality" 1 \
		'lockdown is in confidentiality mode.*lockdown=integrity' \
		env TRACER_TEST_LOCKDOWN="$lockdown" "$TOOLS_DIR/$TOOL"
	echo 'none [integrity] confidentiality' >"$lockdown"
	TRACER_TEST_LOCKDOWN=$lockdown "$TOOLS_DIR/$TOOL" -T 1 >/dev/null 2>&1
	check "$TOOL under lockdown=integrity: runs" [ $? -eq 0 ]
}

# The tool, started through WRAPPER (env, unshare...), traces one process.
traces_one_process() {	# traces_one_process DESCRIPTION VARIANT WRAPPER...
	local desc=$1 v=$2 pid

	new_program
	NRUN=$((NRUN + 1))
	OUT=$WORK/out.$NRUN
	ERR=$WORK/err.$NRUN
	"${@:3}" "$TOOLS_DIR/$v" -c "${PROG##*/}" >"$OUT" 2>"$ERR" &
	TRACER_PID=$!
	wait_for "$ERR" 'tracing exec and exit' 30
	"$PROG" 0 exit 5 &
	pid=$!
	wait "$pid"
	wait_for "$OUT" "EXIT .* $pid " 10
	stop_tracer
	check "$desc: EXEC and EXIT printed" \
		[ "$(event_fields "$OUT" EXEC "$pid")" = "${PROG##*/} $$ 0 $PROG" ] &&
		has_line "$(event_fields "$OUT" EXIT "$pid")" "^${PROG##*/} $$ 0 exit=5 "
	check "$desc: exit 0" [ "$TRACER_RC" -eq 0 ]
}

test_environment() {
	local v

	for v in ringbuf-output ringbuf-reserve-submit; do
		traces_one_process "$v without a ring buffer" "$v" \
			env TRACER_TEST_NO_RINGBUF=1
		check "$v without a ring buffer: says it falls back" \
			has_line "$(cat "$ERR")" 'no BPF ring buffer.*falling back to the perf buffer'
	done
	traces_one_process "$TOOL with tracefs unmounted" "$TOOL" \
		unshare --mount --propagation private sh -c \
		'for m in $(awk "\$3 == \"tracefs\" { print \$2 }" /proc/mounts); do
			umount "$m"; done; exec "$@"' sh
	traces_one_process "$TOOL with RLIMIT_MEMLOCK 0" "$TOOL" \
		prlimit --memlock=0:0
}

# The problem, then argp's usage hint; exit 2.
test_bad_options() {
	local args rc

	while read -r args; do
		# shellcheck disable=SC2086
		"$TOOLS_DIR/$TOOL" $args >"$WORK/bad.out" 2>"$WORK/bad.err"
		rc=$?
		check "$TOOL $args: exit 2, the problem and the usage hint" \
			[ "$rc" -eq 2 ] && [ ! -s "$WORK/bad.out" ] &&
			[ "$(wc -l <"$WORK/bad.err")" -eq 2 ] &&
			has_line "$(head -n 1 "$WORK/bad.err")" "^$TOOL: " &&
			has_line "$(tail -n 1 "$WORK/bad.err")" "^Try .$TOOL --help"
	done <<-'EOF'
		-p 99999999999999999999
		-p -3
		-u 4294967295
		-d 18446744073709551615
		-n
		-T 1.5
		--buffer-size 2G
		--buffer-size 99999999999999999999K
		--buffer-size 4097
		--buffer-size 0
		--json=yes
		-x
	EOF
}

test_signals() {
	local pid

	new_program
	start_tracer "$TOOL" -c "${PROG##*/}" || return
	kill -TSTP "$TRACER_PID"
	sleep 0.3
	kill -CONT "$TRACER_PID"
	"$PROG" 0 exit 0 &
	pid=$!
	wait "$pid"
	wait_for "$OUT" "EXIT .* $pid " 10
	check "$TOOL after SIGTSTP and SIGCONT: still tracing" \
		[ -n "$(event_fields "$OUT" EXIT "$pid")" ]
	stop_tracer
	check "$TOOL after SIGTSTP and SIGCONT: no error, exit 0" \
		[ "$TRACER_RC" -eq 0 ] && [ "$(grep -vc -e 'tracing exec' -e ' events (' "$ERR")" -eq 0 ]
}

test_pipes() {
	local i status

	# head takes the header and leaves: the tool must end by itself.
	("$TOOLS_DIR/$TOOL" 2>"$WORK/pipe.err"; echo $? >"$WORK/pipe.rc") |
		head -n 1 >"$WORK/pipe.out"
	for ((i = 0; i < 100; i++)); do
		[ -s "$WORK/pipe.rc" ] && break
		sleep 0.05
	done
	status=$(cat "$WORK/pipe.rc" 2>/dev/null)
	check "$TOOL | head -1: ends by itself with exit 0" [ "${status:-none}" = 0 ]
	check "$TOOL | head -1: no error message" \
		[ "$(grep -vc 'tracing exec' "$WORK/pipe.err")" -eq 0 ]
	"$TOOLS_DIR/$TOOL" -T 5 >/dev/full 2>"$WORK/full.err"
	status=$?
	check "$TOOL > /dev/full: exit 1 with the reason" \
		[ "$status" -eq 1 ] &&
		has_line "$(tail -n 1 "$WORK/full.err")" \
			"^$TOOL: writing output: No space left on device$"
}

# A name with ESC sequences and a newline, in a folder whose name is not
# UTF-8: nothing raw reaches the text output, and JSON carries it exactly.
test_hostile_bytes() {
	local dir=$WORK/$'bad\xff' name=$'x\e[2J\nFAKE' pid check_json

	mkdir -p "$dir"
	chmod 755 "$dir"
	cp "$LIFECYCLE" "$dir/$name"
	start_tracer "$TOOL" -c "${name:0:15}" || return
	"$dir/$name" 0 exit 0 &
	pid=$!
	wait "$pid"
	wait_for "$OUT" "EXIT .* $pid " 10
	stop_tracer
	check "hostile name, text: no raw control byte in the output" \
		[ "$(tr -d '\n' <"$OUT" | LC_ALL=C grep -c $'[\x01-\x1f\x7f]')" -eq 0 ]
	check "hostile name, text: no forged line" \
		[ "$(grep -c 'FAKE' "$OUT")" -eq 2 ] && [ "$(grep -c '^FAKE' "$OUT")" -eq 0 ]
	check "hostile name, text: shown escaped" \
		grep -qF 'bad\xff/x\x1b[2J\x0aFAKE' "$OUT"

	start_tracer "$TOOL" --json -c "${name:0:15}" || return
	"$dir/$name" 0 exit 0 &
	pid=$!
	wait "$pid"
	wait_for "$OUT" "\"EXIT\".*\"pid\":$pid," 10
	stop_tracer
	check_json='
import json, os, sys
out, pid, path = sys.argv[1], int(sys.argv[2]), os.fsencode(sys.argv[3])
events = [json.loads(line) for line in open(out, encoding="utf-8")]
ex = [e for e in events if e["event"] == "EXEC" and e["pid"] == pid][0]
assert bytes.fromhex(ex["filename_hex"]) == path, ex
assert ex["comm"] == os.fsdecode(path).rsplit("/", 1)[1][:15], ex
assert "comm_hex" not in ex, ex
'
	check "hostile name, json: valid JSON that keeps every byte" \
		python3 -c "$check_json" "$OUT" "$pid" "$dir/$name"
}

test_valgrind() {
	local log=$WORK/valgrind.log pid

	new_program
	NRUN=$((NRUN + 1))
	OUT=$WORK/out.$NRUN
	ERR=$WORK/err.$NRUN
	valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=99 --log-file="$log" \
		--suppressions="$ROOT/tests/live/valgrind.supp" \
		"$ROOT/$TOOL" -c "${PROG##*/}" >"$OUT" 2>"$ERR" &
	TRACER_PID=$!
	wait_for "$ERR" 'tracing exec and exit' 60
	"$PROG" 0 exit 0 &
	pid=$!
	wait "$pid"
	wait_for "$OUT" "EXIT .* $pid " 20
	stop_tracer
	check "$TOOL under valgrind: traced, exit 0" \
		[ "$TRACER_RC" -eq 0 ] && [ -n "$(event_fields "$OUT" EXIT "$pid")" ]
	check "$TOOL under valgrind: no errors, no leaks" \
		grep -q 'ERROR SUMMARY: 0 errors' "$log"
	[ "$TRACER_RC" -eq 0 ] || tail -n 30 "$log"
}

test_privileges
test_kernel_faults
test_environment
test_bad_options
test_signals
test_pipes
test_hostile_bytes
# valgrind runs the plain build: the sanitized one has its own checks.
[ "$TOOLS_DIR" = "$ROOT" ] && test_valgrind
finish
