# shellcheck shell=bash
# The kernel and its keepers: privileges, capabilities, user namespaces,
# seccomp, BTF, sysfs, lockdown, missing kernel features, tracefs,
# RLIMIT_MEMLOCK, and the tools built for other architectures.
# Sourced by tests/live/faults.sh, which says where each test runs.

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
