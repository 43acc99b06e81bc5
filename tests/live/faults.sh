#!/usr/bin/env bash
# Live tests of what goes wrong: missing privileges, kernels without what the
# tools need, bad options, signals, closed pipes, hostile bytes, and memory
# errors under valgrind.  Needs root.
source "$(dirname "$0")/lib.sh"

TOOL=ringbuf-reserve-submit

# run_fault NAME EXPECTED_RC REGEX COMMAND...: one line on stderr matching
# REGEX, nothing on stdout, exit status EXPECTED_RC.
run_fault() {
	local name=$1 want_rc=$2 regex=$3 rc

	"${@:4}" >"$WORK/fault.out" 2>"$WORK/fault.err" </dev/null
	rc=$?
	check "$name: exit $want_rc" [ "$rc" -eq "$want_rc" ]
	[ "$(wc -l <"$WORK/fault.err")" -eq 1 ] &&
		has_line "$(cat "$WORK/fault.err")" "$regex"
	check "$name: says so in one line" [ $? -eq 0 ]
	check "$name: prints no events" [ ! -s "$WORK/fault.out" ]
}

test_privileges() {
	local v

	for v in perfbuf-output ringbuf-output ringbuf-reserve-submit \
		 ringbuf-reserve-dynptr; do
		run_fault "$v as an ordinary user" 1 'not enough privilege.*run as root' \
			setpriv --reuid 65534 --regid 65534 --clear-groups "$TOOLS_DIR/$v"
	done
	run_fault "$TOOL as root without CAP_BPF, CAP_PERFMON, CAP_SYS_ADMIN" 1 \
		'not enough privilege' setpriv --inh-caps=-all \
		--bounding-set=-bpf,-perfmon,-sys_admin "$TOOLS_DIR/$TOOL"
	# A rootless container: every capability, none of them the host's.
	# It is a missing privilege, never a missing kernel feature.
	for v in ringbuf-reserve-submit perfbuf-output; do
		run_fault "$v as root of a user namespace" 1 \
			"not enough privilege.*user namespace.*not enough" \
			unshare --user --map-root-user "$TOOLS_DIR/$v" -T 1
	done
	# The same where no /proc tells the namespace (a chroot, a scratch
	# image): the message must not rule the user namespace out.  The plain
	# build only: the sanitizers' runtime cannot run without /proc.
	[ "$TOOLS_DIR" = "$ROOT" ] &&
		run_fault "$TOOL as root of a user namespace without /proc" 1 \
			"not permitted to use BPF.*or, as /proc cannot tell, this is a user namespace" \
			unshare --user --map-root-user --mount sh -c \
			'mount -t tmpfs none /proc && exec "$0" -T 1' "$TOOLS_DIR/$TOOL"
	# Capabilities, but bpf() forbidden, as by a seccomp profile.
	for v in ringbuf-output ringbuf-reserve-submit ringbuf-reserve-dynptr \
		 perfbuf-output; do
		run_fault "$v where seccomp forbids bpf()" 1 \
			"not permitted to use BPF.*seccomp" \
			"$ROOT/.output/deny-bpf" "$TOOLS_DIR/$v" -T 1
		check "$v where seccomp forbids bpf(): no word of a missing ring buffer" \
			[ "$(grep -c 'ring buffer' "$WORK/fault.err")" -eq 0 ]
	done
}

test_kernel_faults() {
	local lockdown=$WORK/lockdown

	# Missing in sysfs: the kernel has none.
	run_fault "$TOOL on a kernel without BTF" 1 \
		'no BTF \(/sys/kernel/nonexistent/vmlinux is missing\).*CONFIG_DEBUG_INFO_BTF' \
		env TRACER_TEST_BTF=/sys/kernel/nonexistent/vmlinux "$TOOLS_DIR/$TOOL"
	# Hidden: a tmpfs over /sys/kernel, as some containers have it.
	run_fault "$TOOL with /sys/kernel hidden" 1 \
		"^$TOOL: cannot see the kernel's BTF, /sys/kernel/btf/vmlinux: sysfs is not there \(hidden or not mounted\): mount sysfs on /sys, or expose /sys/kernel/btf to the container$" \
		unshare --mount --propagation private sh -c \
		'mount -t tmpfs none /sys/kernel && exec "$0" -T 1' "$TOOLS_DIR/$TOOL"
	touch "$WORK/btf" && chmod 000 "$WORK/btf"
	run_fault "$TOOL with BTF it may not read" 1 \
		"cannot read the kernel's BTF, $WORK/btf: Permission denied" \
		setpriv --inh-caps=-dac_override,-dac_read_search \
		--bounding-set=-dac_override,-dac_read_search \
		env TRACER_TEST_BTF="$WORK/btf" "$TOOLS_DIR/$TOOL"
	echo 'none integrity [confidentiality]' >"$lockdown"
	run_fault "$TOOL under lockdown=confidentiality" 1 \
		'lockdown is in confidentiality mode.*lockdown=integrity' \
		env TRACER_TEST_LOCKDOWN="$lockdown" "$TOOLS_DIR/$TOOL"
	echo 'none [integrity] confidentiality' >"$lockdown"
	TRACER_TEST_LOCKDOWN=$lockdown "$TOOLS_DIR/$TOOL" -T 1 >/dev/null 2>&1
	check "$TOOL under lockdown=integrity: runs" [ $? -eq 0 ]
}

# Where /sys is not sysfs (a scratch root, a container without it), libbpf
# cannot read the possible CPUs: without -v, the tool alone speaks, in one
# line, although parsing the options asks libbpf before -v is known.
test_no_sysfs() {
	run_fault "$TOOL without sysfs" 1 \
		"^$TOOL: cannot see the kernel's BTF, /sys/kernel/btf/vmlinux: sysfs is not there" \
		unshare --mount --propagation private sh -c \
		'mount -t tmpfs none /sys && exec "$0" -T 1' "$TOOLS_DIR/$TOOL"
}

# --rings N makes N rings, each a file open in the tracer.  With the hard
# limit of open files too low, it says so at once, with the number; with
# the soft limit low (1024, many distributions' default) and the hard one
# higher, it raises the soft one and starts, in about a second: the rings
# go into the array of maps in one batch, not a grace period each.
test_rings_open_files() {
	local v=ringbuf-output started need

	run_fault "$v --rings 1024 with 1024 open files at most" 1 \
		"^$v: --rings 1024 needs ([0-9]+) open files \(one a ring, and [0-9]+ more\), but this process may have 1024: raise the limit \(ulimit -n \1, as root; LimitNOFILE= for a systemd service\), or use fewer rings\$" \
		prlimit --nofile=1024:1024 "$TOOLS_DIR/$v" --rings 1024 \
		--buffer-size 64K -T 1
	need=$(grep -oE 'needs [0-9]+' "$WORK/fault.err" | cut -d' ' -f2)
	check "$v --rings 1024: needs more than 1024 files (${need:-?})" \
		[ "${need:-0}" -gt 1024 ]
	started=$(date +%s%N)
	start_command prlimit --nofile=1024:4096 "$TOOLS_DIR/$v" --rings 1024 \
		--buffer-size 64K -c nothing-named-so || return
	started=$((($(date +%s%N) - started) / 1000000))
	check "$v --rings 1024 under ulimit -n 1024 (hard 4096): started in ${started} ms, under 3 s" \
		[ "$started" -lt 3000 ]
	has_line "$(head -n 1 "$ERR")" "^$v: tracing exec and exit into 1024 rings of 64 KiB \(64 MiB\);"
	check "$v --rings 1024: says its 1024 rings" [ $? -eq 0 ]
	stop_tracer
	[ "$TRACER_RC" -eq 0 ] && has_line "$(tail -n 1 "$ERR")" \
		"^$v: 0 events \(0 exec, 0 exit\), 0 lost$PEAK_FILL\$"
	check "$v --rings 1024: stops with its summary, exit 0" [ $? -eq 0 ]
}

# More rings than half the memory are refused, naming the machine's memory
# and the half of it (MemTotal is what sysconf counts).
test_rings_memory() {
	local kib all half

	kib=$(awk '$1 == "MemTotal:" { print $2 }' /proc/meminfo)
	all=$(awk -v k="$kib" 'BEGIN { printf "%.1f", k / 1048576 }')
	half=$(awk -v k="$kib" 'BEGIN { printf "%.1f", k / 2097152 }')
	"$TOOLS_DIR/$TOOL" --rings 1024 --buffer-size 1G >"$WORK/bad.out" \
		2>"$WORK/bad.err"
	[ $? -eq 2 ] && has_line "$(head -n 1 "$WORK/bad.err")" \
		"^$TOOL: 1024 rings of --buffer-size 1G take 1024G, more than half \($half GiB\) of this machine's $all GiB of memory: fewer --rings or a smaller --buffer-size\$"
	check "$TOOL --rings 1024 --buffer-size 1G: exit 2, the memory ($all GiB) and its half ($half GiB)" \
		[ $? -eq 0 ]
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
	[ "$(event_fields "$OUT" EXEC "$pid")" = \
	  "${PROG##*/} $$ 0 0 $PROG $PROG 0 exit 5" ] &&
		has_line "$(event_fields "$OUT" EXIT "$pid")" "^${PROG##*/} $$ 0 0 exit=5 "
	check "$desc: EXEC and EXIT printed" [ $? -eq 0 ]
	check "$desc: exit 0" [ "$TRACER_RC" -eq 0 ]
}

test_environment() {
	local v

	# Without the ring buffer, a ring buffer tool names the one that works.
	for v in ringbuf-output ringbuf-reserve-submit ringbuf-reserve-dynptr; do
		run_fault "$v without a ring buffer" 1 \
			"^$v: this kernel has no BPF ring buffer \(Linux 5.8 added it\).*: perfbuf-output traces the same" \
			env TRACER_TEST_NO_RINGBUF=1 "$TOOLS_DIR/$v" -T 1
	done
	# The dynptr variant needs kernel functions of 6.16 and 6.17.
	for kfunc in bpf_probe_read_user_dynptr bpf_strnlen; do
		run_fault "ringbuf-reserve-dynptr without $kfunc()" 1 \
			"no $kfunc\(\) \(Linux 6.1[67] added it\).*ringbuf-output does the same" \
			env TRACER_TEST_NO_KFUNC=$kfunc \
			"$TOOLS_DIR/ringbuf-reserve-dynptr" -T 1
	done
	# -x calls bpf_get_current_task_btf(), which Linux 5.11 added: said
	# before loading, not in the verifier's log; without -x, no need.
	for v in perfbuf-output "$TOOL"; do
		run_fault "$v -x without bpf_get_current_task_btf()" 1 \
			"^$v: -x needs bpf_get_current_task_btf\(\), which this kernel lacks \(Linux 5.11 added it\): trace without -x" \
			env TRACER_TEST_NO_HELPER=bpf_get_current_task_btf \
			"$TOOLS_DIR/$v" -x -T 1
	done
	traces_one_process "$TOOL without bpf_get_current_task_btf(), no -x" \
		"$TOOL" env TRACER_TEST_NO_HELPER=bpf_get_current_task_btf
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
		# The hint is argp's, which wraps at 79 columns.
		[ "$rc" -eq 2 ] && [ ! -s "$WORK/bad.out" ] &&
			has_line "$(head -n 1 "$WORK/bad.err")" "^$TOOL: [^ ]" &&
			[ "$(tail -n +2 "$WORK/bad.err" | tr '\n' ' ')" = \
			  "Try \`$TOOL --help' or \`$TOOL --usage' for more information. " ]
		check "$TOOL $args: exit 2, the problem, then the usage hint" [ $? -eq 0 ]
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
		-Q
		-x -d 5
		--env A=B
		--cwd=x
	EOF
}

# A buffer that cannot hold the largest exec record the options allow
# loses such execs whatever the consumer does (the reserve variants reserve
# that much for every exec): refused, naming the smallest that can.
test_small_buffers() {
	local v opt least given more rc

	while read -r v opt least given more; do
		# shellcheck disable=SC2086
		"$TOOLS_DIR/$v" "$opt" "$given" $more -T 1 -c nothing-named-so \
			>"$WORK/bad.out" 2>"$WORK/bad.err"
		rc=$?
		[ "$rc" -eq 2 ] && [ ! -s "$WORK/bad.out" ] &&
			has_line "$(head -n 1 "$WORK/bad.err")" \
			"^$v: $opt $given .*cannot hold an exec event of [0-9]+ bytes \(with --max-args-bytes (4|16)K\): use at least $opt $least\$"
		check "$v $opt $given $more: exit 2, use at least $opt $least" [ $? -eq 0 ]
		# shellcheck disable=SC2086
		"$TOOLS_DIR/$v" "$opt" "$least" $more -T 1 -c nothing-named-so \
			>/dev/null 2>&1
		check "$v $opt $least $more: accepted, runs" [ $? -eq 0 ]
	done <<-'EOF'
		ringbuf-reserve-submit --buffer-size 16K 4K
		ringbuf-reserve-submit --buffer-size 16K 8K
		ringbuf-output --buffer-size 16K 8K
		ringbuf-reserve-dynptr --buffer-size 32K 16K --max-args-bytes 16K
		perfbuf-output --pages 4 1
		perfbuf-output --pages 8 4 --max-args-bytes 16K
	EOF
}

# -p above pid_max can never match: refused, naming this machine's limit,
# or the kernel's own where /proc cannot tell.
test_pid_limit() {
	local pid_max

	pid_max=$(cat /proc/sys/kernel/pid_max)
	"$TOOLS_DIR/$TOOL" -p "$pid_max" -T 1 >"$WORK/bad.out" 2>"$WORK/bad.err"
	[ $? -eq 2 ] && [ ! -s "$WORK/bad.out" ] &&
		has_line "$(head -n 1 "$WORK/bad.err")" \
		"^$TOOL: invalid PID '$pid_max': no process has it, the largest here is $((pid_max - 1)) \(/proc/sys/kernel/pid_max less one\)$"
	check "$TOOL -p $pid_max (pid_max): exit 2, names the limit" [ $? -eq 0 ]
	"$TOOLS_DIR/$TOOL" -p $((pid_max - 1)) -T 1 -c nothing-named-so \
		>/dev/null 2>&1
	check "$TOOL -p $((pid_max - 1)): accepted, runs" [ $? -eq 0 ]
	# The plain build only: the sanitizers' runtime cannot run without /proc.
	[ "$TOOLS_DIR" = "$ROOT" ] || return
	unshare --mount --propagation private sh -c \
		'mount -t tmpfs none /proc && exec "$0" -p 4194304 -T 1' \
		"$TOOLS_DIR/$TOOL" >/dev/null 2>"$WORK/bad.err"
	[ $? -eq 2 ] && has_line "$(head -n 1 "$WORK/bad.err")" \
		"^$TOOL: invalid PID '4194304': .* the largest here is 4194303 "
	check "$TOOL -p 4194304 without /proc: exit 2, the kernel's limit" [ $? -eq 0 ]
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
	[ "$TRACER_RC" -eq 0 ] && [ "$(grep -vc -e 'tracing exec' -e ' events (' "$ERR")" -eq 0 ]
	check "$TOOL after SIGTSTP and SIGCONT: no error, exit 0" [ $? -eq 0 ]
}

test_pipes() {
	local i status mode

	# head takes the header and leaves: the tool must end by itself.
	for mode in batched per-event; do
		rm -f "$WORK/pipe.rc"
		("$TOOLS_DIR/$TOOL" --wakeup "$mode" 2>"$WORK/pipe.err"
		 echo $? >"$WORK/pipe.rc") | head -n 1 >"$WORK/pipe.out"
		for ((i = 0; i < 100; i++)); do
			[ -s "$WORK/pipe.rc" ] && break
			sleep 0.05
		done
		status=$(cat "$WORK/pipe.rc" 2>/dev/null)
		check "$TOOL --wakeup $mode | head -1: ends by itself with exit 0" \
			[ "${status:-none}" = 0 ]
		check "$TOOL --wakeup $mode | head -1: no error message" \
			[ "$(grep -vc 'tracing exec' "$WORK/pipe.err")" -eq 0 ]
	done
	"$TOOLS_DIR/$TOOL" -T 5 >/dev/full 2>"$WORK/full.err"
	status=$?
	[ "$status" -eq 1 ] &&
		has_line "$(cat "$WORK/full.err")" \
			"^$TOOL: writing output: No space left on device$" &&
		has_line "$(tail -n 1 "$WORK/full.err")" \
			"^$TOOL: [0-9]+ events .*, [0-9]+ not written \(the output failed\)$PEAK_FILL\$"
	check "$TOOL > /dev/full: exit 1 with the reason, then the summary" [ $? -eq 0 ]
}

# ms_since NS: milliseconds from a `date +%s%N` reading to now.
ms_since() {
	echo $((($(date +%s%N) - $1) / 1000000))
}

# start_blocked_tracer ARGS...: the tool writes into a pipe that nobody
# reads until $WORK/go exists; then the pipe's reader saves it all in $OUT.
start_blocked_tracer() {
	NRUN=$((NRUN + 1))
	OUT=$WORK/out.$NRUN
	ERR=$WORK/err.$NRUN
	rm -f "$WORK/go" "$WORK/pipe"
	mkfifo "$WORK/pipe"
	(until [ -e "$WORK/go" ]; do sleep 0.05; done; exec cat >"$OUT") \
		<"$WORK/pipe" &
	READER_PID=$!
	"$TOOLS_DIR/$TOOL" "${TRACER_OPTS[@]}" "$@" >"$WORK/pipe" 2>"$ERR" &
	TRACER_PID=$!
	wait_for "$ERR" 'tracing exec and exit' 30
}

# What a blocked output does not change: the tool ends soon after it is
# told to, exits 0, and printed + lost + not written = what happened.
check_blocked_stop() {	# check_blocked_stop DESCRIPTION EVENTS STARTED_NS
	local desc=$1 n=$2 printed lost unwritten ms

	wait_tracer
	ms=$(ms_since "$3")
	touch "$WORK/go"
	wait "$READER_PID"
	printed=$(summary_field "$ERR" events)
	lost=$(summary_field "$ERR" lost)
	unwritten=$(grep -oE '[0-9]+ not written' "$ERR" | cut -d' ' -f1)
	[ "$ms" -lt 2500 ] && [ "$TRACER_RC" -eq 0 ] &&
		! grep -q 'Interrupted' "$ERR"
	check "$desc: ends in ${ms}ms, exit 0, no error" [ $? -eq 0 ]
	check "$desc: printed ${printed:-?} = lines in the output" \
		[ "${printed:--1}" -eq "$(tail -n +2 "$OUT" | wc -l)" ]
	check "$desc: printed ${printed:-?} + lost ${lost:-?} + not written ${unwritten:-0} = $n" \
		[ $((${printed:-0} + ${lost:-0} + ${unwritten:-0})) -eq "$n" ]
	check "$desc: some were not written (the pipe holds 64 KiB)" \
		[ "${unwritten:-0}" -gt 0 ]
}

# Ctrl-C, SIGTERM or --timeout while stdout is blocked by a reader that
# does not read: no error, a bounded stop and every event accounted for.
test_blocked_output() {
	local sig n=600 i t0

	for sig in INT TERM; do
		new_program
		start_blocked_tracer -c "${PROG##*/}" || return
		for ((i = 0; i < n; i++)); do
			"$PROG" 0 exit 0
		done
		t0=$(date +%s%N)
		kill -"$sig" "$TRACER_PID"
		check_blocked_stop "$TOOL, output blocked, SIG$sig" $((2 * n)) "$t0"
	done
	# Long enough for all the processes to run before it ends, even on a
	# loaded machine under the sanitizers: it counts only what it saw.
	new_program
	t0=$(date +%s%N)
	start_blocked_tracer -T 6 -c "${PROG##*/}" || return
	for ((i = 0; i < n; i++)); do
		"$PROG" 0 exit 0
	done
	check_blocked_stop "$TOOL -T 6, output blocked" $((2 * n)) \
		$((t0 + 6000000000))
}

# Stopped while its output is blocked and a storm goes on: the events the
# BPF side keeps handing over must not hold the stop.  With a long
# --max-delay each drain holds more than one flush, so the stop comes in
# the middle of one, where each record's flush waited for the next tick
# while the storm kept the drain going (56 s instead of 1 before the fix).
test_blocked_output_storm() {
	local TOOL=$1 sig storm t0 ms

	for sig in TERM INT; do
		new_program
		start_blocked_tracer --max-delay 2000 -c "${PROG##*/}" || return
		(end=$((SECONDS + 30))
		 while [ "$SECONDS" -lt "$end" ]; do "$PROG" 0 exit 0; done) &
		storm=$!
		sleep 3
		t0=$(date +%s%N)
		kill -"$sig" "$TRACER_PID"
		wait_tracer
		ms=$(ms_since "$t0")
		kill "$storm" 2>/dev/null
		wait "$storm" 2>/dev/null
		touch "$WORK/go"
		wait "$READER_PID"
		[ "$ms" -lt 5000 ] && [ "$TRACER_RC" -eq 0 ]
		check "$TOOL, output blocked in a storm, SIG$sig: ends in ${ms}ms, exit 0" \
			[ $? -eq 0 ]
		check "$TOOL, output blocked in a storm, SIG$sig: some not written, counted" \
			grep -qE '[1-9][0-9]* not written' "$ERR"
	done
}

# perfbuf-output --ordered, stopped with every event still held (a window
# of 5 s) and its output blocked: all are released, and each is printed or
# counted as not written.
test_blocked_ordered() {
	local TOOL=perfbuf-output n=600 i t0

	new_program
	start_blocked_tracer --ordered --max-delay 10000 -c "${PROG##*/}" ||
		return
	for ((i = 0; i < n; i++)); do
		"$PROG" 0 exit 0
	done
	t0=$(date +%s%N)
	kill -INT "$TRACER_PID"
	check_blocked_stop "$TOOL --ordered, events held, output blocked" \
		$((2 * n)) "$t0"
	check "$TOOL --ordered, output blocked: the summary says none was late" \
		grep -q ', 0 delivered out of order; ' "$ERR"
}

# start_wrapped SCRIPT PIDFILE ARGS...: the tool, with ARGS, under
# tests/live/SCRIPT, which stands between it and $OUT (a terminal, a pipe)
# and writes the tool's pid to PIDFILE; sets OUT, ERR and READER_PID.
start_wrapped() {
	NRUN=$((NRUN + 1))
	OUT=$WORK/out.$NRUN
	ERR=$WORK/err.$NRUN
	rm -f "$2"
	python3 "$ROOT/tests/live/$1" "$2" "$OUT" "$TOOLS_DIR/$TOOL" "${@:3}" \
		2>"$ERR" &
	READER_PID=$!
	wait_for "$ERR" 'tracing exec and exit' 30
}

# A terminal paused with Ctrl-S blocks every write to it: Ctrl-C from
# elsewhere still ends the tool at once, and says what it could not write.
test_paused_terminal() {
	local n=200 i t0 ms printed unwritten

	new_program
	start_wrapped paused_tty.py "$WORK/tty.pid" -c "${PROG##*/}"
	for ((i = 0; i < n; i++)); do
		"$PROG" 0 exit 0
	done
	t0=$(date +%s%N)
	kill -INT "$(cat "$WORK/tty.pid")"
	wait "$READER_PID"
	TRACER_RC=$?
	ms=$(ms_since "$t0")
	printed=$(summary_field "$ERR" events)
	unwritten=$(grep -oE '[0-9]+ not written' "$ERR" | cut -d' ' -f1)
	[ "$ms" -lt 2500 ] && [ "$TRACER_RC" -eq 0 ]
	check "$TOOL on a paused terminal, SIGINT: ends in ${ms}ms, exit 0" [ $? -eq 0 ]
	[ "${printed:--1}" -eq "$(tail -n +2 "$OUT" | wc -l)" ] &&
		[ $((${printed:-0} + ${unwritten:-0})) -eq $((2 * n)) ]
	check "$TOOL on a paused terminal: printed ${printed:-?} + not written ${unwritten:-?} = $((2 * n))" \
		[ $? -eq 0 ]
}

# A standard output left non-blocking by the parent (Node.js, some CI
# runners) says EAGAIN when its slow reader lags: the tool must wait for the
# reader as on a blocking pipe, and lose nothing.
test_nonblocking_stdout() {
	local n=3000 i pid printed lost

	new_program
	start_wrapped nonblocking_pipe.py "$WORK/nb.pid" -c "${PROG##*/}"
	for ((i = 0; i < n; i++)); do
		"$PROG" 0 exit 0
	done
	"$PROG" 0 exit 0 &
	pid=$!
	wait "$pid"
	wait_for "$OUT" "EXIT .* $pid " 20
	kill -INT "$(cat "$WORK/nb.pid")" 2>/dev/null
	wait "$READER_PID"
	TRACER_RC=$?
	n=$((n + 1))
	printed=$(summary_field "$ERR" events)
	lost=$(summary_field "$ERR" lost)
	[ "$TRACER_RC" -eq 0 ] && [ "$(grep -vc -e 'tracing exec' -e ' events (' "$ERR")" -eq 0 ]
	check "$TOOL, non-blocking stdout, slow reader: exit 0, no error" [ $? -eq 0 ]
	check "$TOOL, non-blocking stdout: all $((2 * n)) events reached the reader" \
		[ "$(count_lines "$OUT" " ${PROG##*/} ")" -eq $((2 * n)) ]
	[ "${printed:-0}" -eq $((2 * n)) ] && [ "${lost:--1}" -eq 0 ] &&
		! grep -q 'not written' "$ERR"
	check "$TOOL, non-blocking stdout: the summary counts ${printed:-?} of $((2 * n)), ${lost:-?} lost" \
		[ $? -eq 0 ]
}

# SIGHUP (the terminal went away) and SIGQUIT stop the tool as SIGTERM does.
test_stop_signals() {
	local sig pid

	for sig in HUP QUIT; do
		new_program
		start_tracer "$TOOL" -c "${PROG##*/}" || return
		"$PROG" 0 exit 0 &
		pid=$!
		wait "$pid"
		stop_tracer "$sig"
		[ "$TRACER_RC" -eq 0 ] &&
			has_line "$(cat "$ERR")" 'events \(1 exec, 1 exit\), 0 lost'"$PEAK_FILL\$"
		check "$TOOL SIG$sig: stops with its summary, exit 0" [ $? -eq 0 ]
	done
}

# A signal mask is inherited across exec: a tracer started by a program
# that blocked the stop signals (a Python thread that did) must unblock
# them, or Ctrl-C, SIGTERM and -T would not end it.  Each tool, started with
# every signal it relies on blocked, is stopped by each of them and by -T.
BLOCK_STOP_SIGNALS=$ROOT/tests/live/block_stop_signals.py

test_inherited_blocked_signals() {
	local v sig summary

	for v in perfbuf-output ringbuf-output ringbuf-reserve-submit \
		 ringbuf-reserve-dynptr; do
		summary="^$v: 0 events \(0 exec, 0 exit\), 0 lost$PEAK_FILL\$"
		for sig in INT TERM HUP QUIT; do
			start_command python3 "$BLOCK_STOP_SIGNALS" \
				"$TOOLS_DIR/$v" -c nothing-named-so || continue
			kill -"$sig" "$TRACER_PID"
			wait_tracer 5
			[ "$TRACER_RC" -eq 0 ] && has_line "$(tail -n 1 "$ERR")" "$summary"
			check "$v with the stop signals blocked: SIG$sig stops it, summary, exit 0 (exit $TRACER_RC)" \
				[ $? -eq 0 ]
		done
		start_command python3 "$BLOCK_STOP_SIGNALS" \
			"$TOOLS_DIR/$v" -T 1 -c nothing-named-so || continue
		wait_tracer 5
		[ "$TRACER_RC" -eq 0 ] && has_line "$(tail -n 1 "$ERR")" "$summary"
		check "$v with SIGALRM blocked: -T 1 ends it, summary, exit 0 (exit $TRACER_RC)" \
			[ $? -eq 0 ]
	done
}

# wait_for_catch PID SIGNUM: waits (a few seconds at most) until PID catches or holds
# SIG, from which moment on a stop must end it cleanly; before, the
# default action (death) is all there is.
wait_for_catch() {
	local mask m i

	for ((i = 0; i < 5000; i++)); do
		read -r -a mask < <(awk '$1 == "SigCgt:" || $1 == "SigBlk:" {
			print $2 }' "/proc/$1/status" 2>/dev/null | tr '\n' ' ')
		for m in "${mask[@]}"; do
			(((0x$m >> ($2 - 1)) & 1)) && return
		done
	done
}

# A stop at any moment of startup, parsing the options, checking the
# kernel, while the verifier runs, ends the tool as any stop does: its
# summary, exit 0, no error.
test_stop_during_start() {
	local v sig delay bad

	for v in perfbuf-output ringbuf-output; do
		for sig in INT TERM QUIT; do
			bad=
			for delay in 0 0.005 0.01 0.015 0.02 0.03 0.04 0.05 \
				     0.07 0.1 0.15 0.2 0.3; do
				NRUN=$((NRUN + 1))
				ERR=$WORK/err.$NRUN
				"$TOOLS_DIR/$v" -c nothing-named-so >/dev/null 2>"$ERR" &
				TRACER_PID=$!
				wait_for_catch "$TRACER_PID" "$(kill -l "$sig")"
				sleep "$delay"
				kill -"$sig" "$TRACER_PID"
				wait_tracer
				[ "$TRACER_RC" -eq 0 ] &&
					has_line "$(tail -n 1 "$ERR")" \
					"^$v: [0-9]+ events \([0-9]+ exec, [0-9]+ exit\), [0-9]+ lost$PEAK_FILL\$" &&
					[ "$(grep -vc -e 'tracing exec' -e ' events (' "$ERR")" -eq 0 ] ||
					bad="$bad ${delay}s: exit $TRACER_RC, $(head -n 1 "$ERR");"
			done
			check "$v SIG$sig at any moment of startup: summary, exit 0${bad:+ (not after$bad)}" \
				[ -z "$bad" ]
		done
	done
}

# Started with 0, 1 or 2 closed, the tool's own files must not take
# those numbers, and a closed stdout is said to be closed.
test_closed_std_fds() {
	local pid

	run_fault "$TOOL with stdout closed" 1 \
		'standard output is closed.*redirect it to a file' \
		sh -c 'exec "$0" -T 1 >&-' "$TOOLS_DIR/$TOOL"
	new_program
	NRUN=$((NRUN + 1))
	OUT=$WORK/out.$NRUN
	"$TOOLS_DIR/$TOOL" -T 2 -c "${PROG##*/}" <&- 2>&- >"$OUT" &
	TRACER_PID=$!
	sleep 1
	"$PROG" 0 exit 4 &
	pid=$!
	wait "$pid"
	wait_tracer
	[ "$TRACER_RC" -eq 0 ] &&
		has_line "$(event_fields "$OUT" EXIT "$pid")" " exit=4 "
	check "$TOOL with stdin and stderr closed: traces, exit 0" [ $? -eq 0 ]
}

# Built for an architecture whose exec system call numbers -x does not
# know, the tools trace as ever and refuse -x in one line; built for arm64,
# the BPF side reads arm64's registers for -x (make other-archs builds
# both).  The plain build only: the others build no such trees.
test_other_archs() {
	local dir=$ROOT/.output/no-exec-calls/bin arm64=$ROOT/.output/arm64
	local v btf pid

	[ "$TOOLS_DIR" = "$ROOT" ] || return
	if [ ! -x "$dir/$TOOL" ] || [ ! -e "$arm64/$TOOL.bpf.o" ]; then
		check "other architectures: built (make other-archs)" false
		return
	fi
	for v in perfbuf-output ringbuf-output ringbuf-reserve-submit \
		 ringbuf-reserve-dynptr; do
		run_fault "$v -x without its exec numbers" 1 \
			"^$v: -x is not supported on this architecture: .*; trace without -x\$" \
			"$dir/$v" -x
		btf=$(bpftool btf dump file "$arm64/$v.bpf.o")
		grep -q "'syscallno'" <<<"$btf" && ! grep -q "'orig_ax'" <<<"$btf"
		check "$v for arm64: -x reads arm64's registers, no x86 one" \
			[ $? -eq 0 ]
	done
	new_program
	TOOLS_DIR=$dir start_tracer "$TOOL" -c "${PROG##*/}" || return
	"$PROG" 0 exit 3 &
	pid=$!
	wait "$pid"
	wait_for "$OUT" "EXIT .* $pid " 10
	stop_tracer
	[ "$TRACER_RC" -eq 0 ] && [ -n "$(event_fields "$OUT" EXEC "$pid")" ] &&
		has_line "$(event_fields "$OUT" EXIT "$pid")" " exit=3 "
	check "$TOOL without its exec numbers: traces without -x" [ $? -eq 0 ]
}

# --output and --cgroup refused at start, in one line each.
test_bad_paths() {
	run_fault "$TOOL --output in a folder that is not there" 1 \
		"cannot open $WORK/none/log: No such file or directory" \
		"$TOOLS_DIR/$TOOL" --output "$WORK/none/log"
	run_fault "$TOOL --output a folder" 1 \
		"cannot open $WORK: Is a directory" "$TOOLS_DIR/$TOOL" --output "$WORK"
	# A FIFO nobody reads would block open() where no signal ends it.
	mkfifo "$WORK/fifo"
	run_fault "$TOOL --output a FIFO that nobody reads" 1 \
		"cannot open $WORK/fifo: a FIFO that nobody reads: start its reader first" \
		timeout 10 "$TOOLS_DIR/$TOOL" --output "$WORK/fifo" -T 1
	# A reader first, for sure: read-write, open() does not wait.  Not
	# the tool's (3<&-), and of no event: it reads only the header.
	local rc line
	exec 3<>"$WORK/fifo"
	timeout 10 "$TOOLS_DIR/$TOOL" --output "$WORK/fifo" -T 1 -c no-such-comm \
		2>/dev/null 3<&-
	rc=$?
	read -r -t 1 line <&3
	exec 3<&-
	[ "$rc" -eq 0 ] && [ "${line%% *}" = TIME ]
	check "$TOOL --output a FIFO with its reader: writes to it, exit 0" [ $? -eq 0 ]
	run_fault "$TOOL --cgroup that is not there" 1 \
		"--cgroup $WORK/none: No such file or directory" \
		"$TOOLS_DIR/$TOOL" --cgroup "$WORK/none"
	run_fault "$TOOL --cgroup of a folder that is not a cgroup" 1 \
		"--cgroup $WORK: not a cgroup v2 directory" \
		"$TOOLS_DIR/$TOOL" --cgroup "$WORK"
	# cgroup v1 and v2 side by side: the refusal names where v2 is.
	run_fault "$TOOL --cgroup of cgroup v1, v2 beside it" 1 \
		"^$TOOL: --cgroup /sys/fs/cgroup: not a cgroup v2 directory \(cgroup v2 is mounted at /sys/fs/cgroup/unified here\)$" \
		unshare --mount --propagation private sh -c '
		mount -t tmpfs none /sys/fs/cgroup &&
		mkdir /sys/fs/cgroup/x /sys/fs/cgroup/unified &&
		mount -t cgroup -o none,name=tracertest cgroup /sys/fs/cgroup/x &&
		mount -t cgroup2 none /sys/fs/cgroup/unified &&
		exec "$0" --cgroup /sys/fs/cgroup -T 1' "$TOOLS_DIR/$TOOL"
	run_fault "$TOOL --cgroup where no cgroup v2 is mounted" 1 \
		"^$TOOL: --cgroup /sys/fs/cgroup: not a cgroup v2 directory, and no cgroup v2 is mounted here: mount -t cgroup2 none /sys/fs/cgroup$" \
		unshare --mount --propagation private sh -c '
		for m in $(awk "\$3 == \"cgroup2\" { print \$2 }" /proc/mounts); do
			umount "$m"; done
		mount -t tmpfs none /sys/fs/cgroup &&
		exec "$0" --cgroup /sys/fs/cgroup -T 1' "$TOOLS_DIR/$TOOL"
}

# --output appends, and the text header heads a file only when it is new:
# one header after two runs, one at the top of the file a rotation makes.
test_output_header() {
	local log=$WORK/header.log

	"$TOOLS_DIR/$TOOL" --output "$log" -T 1 2>/dev/null
	"$TOOLS_DIR/$TOOL" --output "$log" -T 1 2>/dev/null
	check "$TOOL --output twice: one header" [ "$(grep -c '^TIME ' "$log")" -eq 1 ]
	start_tracer "$TOOL" --output "$log" -c nothing-named-so || return
	mv "$log" "$log.1"
	kill -HUP "$TRACER_PID"
	wait_for "$log" '^TIME ' 10
	stop_tracer
	check "$TOOL --output rotated: the new file starts with the header" \
		has_line "$(head -n 1 "$log")" '^TIME +EVENT +COMM'
	check "$TOOL --output rotated: the old one has no second header" \
		[ "$(grep -c '^TIME ' "$log.1")" -eq 1 ]
}

# SIGHUP with --output, but the file cannot be made again: the tool says
# so, goes on writing to the file it has, and ends as usual.
test_reopen_fails() {
	local dir=$WORK/logs pid

	mkdir "$dir"
	new_program
	start_tracer "$TOOL" --output "$dir/log" -c "${PROG##*/}" || return
	rm -rf "$dir"
	kill -HUP "$TRACER_PID"
	wait_for "$ERR" 'reopening' 10
	"$PROG" 0 exit 0 &
	pid=$!
	wait "$pid"
	stop_tracer
	has_line "$(cat "$ERR")" \
		"^$TOOL: reopening $dir/log: No such file or directory; still writing to the old file$" &&
		[ "$TRACER_RC" -eq 0 ] &&
		has_line "$(cat "$ERR")" 'events \(1 exec, 1 exit\), 0 lost'"$PEAK_FILL\$"
	check "$TOOL --output, reopen fails: said, kept writing, exit 0" [ $? -eq 0 ]
}

# ends_cut FILE: whether FILE's last byte is not a newline.
ends_cut() {
	[ "$(tail -c 1 "$1" | od -An -tx1 | tr -d ' ')" != 0a ]
}

# check_failed_summary DESCRIPTION ERR FILE REASON: the summary comes last,
# counts the whole lines of FILE as printed, says REASON for what was not
# written, and that the last line is cut exactly when FILE ends cut.
check_failed_summary() {
	local desc=$1 err=$2 file=$3 why=$4 printed mark=

	printed=$(summary_field "$err" events)
	ends_cut "$file" && mark='; its last line is cut short'
	has_line "$(tail -n 1 "$err")" \
		"^$TOOL: [0-9]+ events .*, [0-9]+ not written \($why$mark\)$PEAK_FILL\$"
	check "$desc: the summary last, with what was not written${mark:+ and the cut}" [ $? -eq 0 ]
	check "$desc: printed ${printed:-?} = whole lines written" \
		[ "${printed:--1}" -eq $(($(wc -l <"$file") - $(grep -c '^TIME ' "$file"))) ]
}

# Past the file size limit, a write fails with EFBIG: an error to report,
# not a signal (SIGXFSZ) that kills the tool without a word; then the
# summary.  Run again appending (>>), the tool ends the cut line first.
test_file_size_limit() {
	local i pid

	new_program
	NRUN=$((NRUN + 1))
	OUT=$WORK/out.$NRUN
	ERR=$WORK/err.$NRUN
	prlimit --fsize=1000 "$TOOLS_DIR/$TOOL" -c "${PROG##*/}" >"$OUT" 2>"$ERR" &
	TRACER_PID=$!
	wait_for "$ERR" 'tracing exec and exit' 30
	for ((i = 0; i < 20; i++)); do
		"$PROG" 0 exit 0
	done
	wait_for "$ERR" 'writing output' 10
	wait_tracer
	[ "$TRACER_RC" -eq 1 ] &&
		has_line "$(cat "$ERR")" "^$TOOL: writing output: File too large$"
	check "$TOOL past its file size limit: exit 1 with the reason" [ $? -eq 0 ]
	check_failed_summary "$TOOL past its file size limit" "$ERR" "$OUT" \
		'the output failed'
	"$TOOLS_DIR/$TOOL" -c "${PROG##*/}" >>"$OUT" 2>"$ERR" &
	TRACER_PID=$!
	wait_for "$ERR" 'tracing exec and exit' 30
	"$PROG" 0 exit 0 &
	pid=$!
	wait "$pid"
	wait_for "$OUT" "EXIT .* $pid " 10
	stop_tracer
	[ "$TRACER_RC" -eq 0 ] && [ "$(grep -cE '^TIME +EVENT' "$OUT")" -eq 2 ] &&
		[ -n "$(event_fields "$OUT" EXIT "$pid")" ]
	check "$TOOL >> the cut file: its lines start on a line of their own" [ $? -eq 0 ]
}

# A full disk (a 64 KiB tmpfs) under 2 x N events: exit 1 with the reason,
# and a summary where printed + lost + not written = 2 x N.  Restarted with
# room made, as Restart=on-failure does, the tool ends the cut line before
# its own: every line but the cut one is valid JSON.
test_full_disk() {
	local n=300 dir=$WORK/disk ns i log pid printed lost unwritten cut=-1

	mkdir "$dir"
	unshare -m --propagation private sh -c \
		'mount -t tmpfs -o size=64k none "$0" && exec sleep 600' "$dir" &
	ns=$!
	wait_for "/proc/$ns/mounts" " $dir tmpfs " 10
	log=/proc/$ns/root$dir/log
	new_program
	start_command nsenter -t "$ns" -m "$TOOLS_DIR/$TOOL" --json \
		--output "$dir/log" -c "${PROG##*/}" || return
	# Stopped, the tool sees them all before it meets the full disk.
	kill -STOP "$TRACER_PID"
	for ((i = 0; i < n; i++)); do
		"$PROG" 0 exit 0
	done
	kill -CONT "$TRACER_PID"
	wait_tracer
	printed=$(summary_field "$ERR" events)
	lost=$(summary_field "$ERR" lost)
	unwritten=$(grep -oE '[0-9]+ not written' "$ERR" | cut -d' ' -f1)
	[ "$TRACER_RC" -eq 1 ] &&
		has_line "$(cat "$ERR")" "^$TOOL: writing output: No space left on device$"
	check "$TOOL on a full disk: exit 1 with the reason" [ $? -eq 0 ]
	check_failed_summary "$TOOL on a full disk" "$ERR" "$log" 'the output failed'
	check "$TOOL on a full disk: printed ${printed:-?} + lost ${lost:-?} + not written ${unwritten:-?} = $((2 * n))" \
		[ $((${printed:-0} + ${lost:-0} + ${unwritten:-0})) -eq $((2 * n)) ]
	ends_cut "$log" && cut=$(wc -l <"$log")
	nsenter -t "$ns" -m mount -o remount,size=1m "$dir"
	start_command nsenter -t "$ns" -m "$TOOLS_DIR/$TOOL" --json \
		--output "$dir/log" -c "${PROG##*/}" || return
	"$PROG" 0 exit 0 &
	pid=$!
	wait "$pid"
	wait_for "$log" "\"EXIT\".*\"pid\":$pid," 10
	stop_tracer
	check "$TOOL restarted on the cut file: exit 0" [ "$TRACER_RC" -eq 0 ]
	check "$TOOL restarted on the cut file: every other line is valid JSON, the new ones whole" \
		python3 "$ROOT/tests/live/check_appended.py" "$log" "$cut" "$pid"
	kill "$ns"
	wait "$ns" 2>/dev/null
}

# --output to a FIFO whose reader (a log shipper) leaves: a fault, said in
# one line, with exit 1 for a service manager to restart the tool, and the
# events it could not write counted.  Idle, the tool sees it as soon.
test_fifo_reader_leaves() {
	local fifo=$WORK/ship n i lost unwritten errors

	rm -f "$fifo"
	mkfifo "$fifo"
	for n in 100 0; do
		# Read-write, the reader's open() does not wait for a writer.
		cat <>"$fifo" >/dev/null &
		READER_PID=$!
		until [ "$(readlink "/proc/$READER_PID/fd/0")" = "$fifo" ]; do
			sleep 0.05
		done
		new_program
		start_tracer "$TOOL" --output "$fifo" -c "${PROG##*/}" || return
		kill -STOP "$TRACER_PID"
		for ((i = 0; i < n; i++)); do
			"$PROG" 0 exit 0
		done
		kill "$READER_PID"
		wait "$READER_PID" 2>/dev/null
		kill -CONT "$TRACER_PID"
		wait_tracer
		lost=$(summary_field "$ERR" lost)
		unwritten=$(grep -oE '[0-9]+ not written' "$ERR" | cut -d' ' -f1)
		errors=$(grep -v -e 'tracing exec' -e ' events (' "$ERR")
		[ "$TRACER_RC" -eq 1 ] &&
			[ "$errors" = "$TOOL: writing output: the reader of $fifo closed it" ]
		check "$TOOL --output FIFO, $n processes, its reader leaves: exit 1, said in one line" \
			[ $? -eq 0 ]
		has_line "$(tail -n 1 "$ERR")" \
			"^$TOOL: 0 events \(0 exec, 0 exit\), [0-9]+ lost, [0-9]+ not written \(its reader left\)$PEAK_FILL\$" &&
			[ $((${lost:-0} + ${unwritten:-0})) -eq $((2 * n)) ]
		check "$TOOL --output FIFO, its reader left: the summary counts ${unwritten:-?} not written + ${lost:-?} lost = $((2 * n))" \
			[ $? -eq 0 ]
	done
}

# A name with ESC sequences and a newline, in a folder whose name is not
# UTF-8: nothing raw reaches the text output, and JSON carries it exactly.
test_hostile_bytes() {
	local dir=$WORK/$'bad\xff' name=$'x\e[2J\nFAKE' pid

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
	[ "$(grep -c 'FAKE' "$OUT")" -eq 2 ] && [ "$(grep -c '^FAKE' "$OUT")" -eq 0 ]
	check "hostile name, text: no forged line" [ $? -eq 0 ]
	check "hostile name, text: shown escaped" \
		grep -qF 'bad\xff/x\x1b[2J\x0aFAKE' "$OUT"

	start_tracer "$TOOL" --json -c "${name:0:15}" || return
	"$dir/$name" 0 exit 0 &
	pid=$!
	wait "$pid"
	wait_for "$OUT" "\"EXIT\".*\"pid\":$pid," 10
	stop_tracer
	check "hostile name, json: valid JSON that keeps every byte" \
		python3 "$ROOT/tests/live/hostile_json.py" "$OUT" "$pid" "$dir/$name"
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
	[ "$TRACER_RC" -eq 0 ] && [ -n "$(event_fields "$OUT" EXIT "$pid")" ]
	check "$TOOL under valgrind: traced, exit 0" [ $? -eq 0 ]
	check "$TOOL under valgrind: no errors, no leaks" \
		grep -q 'ERROR SUMMARY: 0 errors' "$log"
	[ "$TRACER_RC" -eq 0 ] || tail -n 30 "$log"
}

run_test test_privileges
run_test test_kernel_faults
run_test test_no_sysfs
run_test test_environment
run_test test_bad_options
run_test test_small_buffers
run_test test_rings_open_files
run_test test_rings_memory
run_test test_pid_limit
run_test test_signals
run_test test_pipes
run_test test_blocked_output
run_test test_blocked_output_storm ringbuf-output
run_test test_blocked_output_storm ringbuf-reserve-submit
run_test test_blocked_ordered
run_test test_paused_terminal
run_test test_nonblocking_stdout
run_test test_stop_signals
run_test test_inherited_blocked_signals
run_test test_stop_during_start
run_test test_closed_std_fds
run_test test_bad_paths
run_test test_other_archs
run_test test_output_header
run_test test_reopen_fails
run_test test_file_size_limit
run_test test_full_disk
run_test test_fifo_reader_leaves
run_test test_hostile_bytes
# The ring topologies end the same way: signals, stops, a blocked output.
for rings in per-cpu 4; do
	TRACER_OPTS=(--rings "$rings")
	LABEL="${LABEL}[--rings $rings] "
	run_test test_signals
	run_test test_stop_signals
	run_test test_blocked_output
	TRACER_OPTS=()
	LABEL=${LABEL%"[--rings $rings] "}
done
# valgrind runs the plain build: the sanitized one has its own checks.
[ "$TOOLS_DIR" = "$ROOT" ] && run_test test_valgrind
finish
