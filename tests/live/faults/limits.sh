# shellcheck shell=bash
# Options and limits refused at start: bad options, buffers too small for
# an exec, -p past pid_max, open files and memory for --rings, and paths
# for --output and --cgroup.
# Sourced by tests/live/faults.sh, which says where each test runs.

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

# --rings N makes N rings, each a file open in the tracer.  With the hard
# limit of open files too low, it says so at once, with the number; with
# the soft limit low (1024, many distributions' default) and the hard one
# higher, it raises the soft one and starts, in about a second: the rings
# go into the array of maps in one batch, not a grace period each.
test_rings_open_files() {
	local started need

	run_fault "$TOOL --rings 1024 with 1024 open files at most" 1 \
		"^$TOOL: --rings 1024 needs ([0-9]+) open files \(one a ring, and [0-9]+ more\), but this process may have 1024: raise the limit \(ulimit -n \1, as root; LimitNOFILE= for a systemd service\), or use fewer rings\$" \
		prlimit --nofile=1024:1024 "$TOOLS_DIR/$TOOL" --rings 1024 \
		--buffer-size 64K -T 1
	need=$(grep -oE 'needs [0-9]+' "$WORK/fault.err" | cut -d' ' -f2)
	check "$TOOL --rings 1024: needs more than 1024 files (${need:-?})" \
		[ "${need:-0}" -gt 1024 ]
	started=$(date +%s%N)
	start_command prlimit --nofile=1024:4096 "$TOOLS_DIR/$TOOL" --rings 1024 \
		--buffer-size 64K -c nothing-named-so || return
	started=$((($(date +%s%N) - started) / 1000000))
	check "$TOOL --rings 1024 under ulimit -n 1024 (hard 4096): started in ${started} ms, under 3 s" \
		[ "$started" -lt 3000 ]
	has_line "$(head -n 1 "$ERR")" "^$TOOL: tracing exec and exit into 1024 rings of 64 KiB \(64 MiB\);"
	check "$TOOL --rings 1024: says its 1024 rings" [ $? -eq 0 ]
	stop_tracer
	[ "$TRACER_RC" -eq 0 ] && has_line "$(tail -n 1 "$ERR")" \
		"^$TOOL: 0 events \(0 exec, 0 exit\), 0 lost$PEAK_FILL\$"
	check "$TOOL --rings 1024: stops with its summary, exit 0" [ $? -eq 0 ]
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
