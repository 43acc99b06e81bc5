# shellcheck shell=bash
# Output and signals: --output and SIGHUP under a storm, -n and -T,
# --help, --version, -v, and bad options.
# Sourced by tests/live/tracers.sh, which says where each test runs.

# --output FILE under an exec storm: logrotate moves FILE, then SIGHUP;
# every event is then in exactly one of the two files, no line is split.
test_output_rotation() {
	local v=$1 file=$WORK/trace.json n=4000 storm

	start_tracer "$v" --json --output "$file" -c "${STORM_CHILD##*/}" || return
	"$STORM" -n $((n / 2)) -j 2 "$STORM_CHILD" >/dev/null &
	storm=$!
	sleep 0.1
	mv "$file" "$file.1"
	kill -HUP "$TRACER_PID"
	wait "$storm"
	stop_tracer
	[ -s "$file.1" ] && [ -s "$file" ]
	check "--output: SIGHUP reopened it, both files have events" [ $? -eq 0 ]
	check "--output: each of the $((2 * n)) events in exactly one file, whole" \
		python3 "$ROTATED_JSON" $((2 * n)) "$file.1" "$file"
	[ "$(summary_field "$ERR" events)" -eq $((2 * n)) ] &&
		[ "$(summary_field "$ERR" lost)" -eq 0 ]
	check "--output: the summary counts them all, 0 lost" [ $? -eq 0 ]
	rm -f "$file" "$file.1"
}

test_stop_conditions() {	# -n and -T end the tracer by themselves
	local v=$1

	new_program
	start_tracer "$v" -n 1 -c "${PROG##*/}" || return
	"$PROG" 0 exit 0
	wait_tracer
	check "-n 1: stops by itself, exit 0" [ "$TRACER_RC" -eq 0 ]
	check "-n 1: printed exactly one event" \
		[ "$(tail -n +2 "$OUT" | wc -l)" -eq 1 ]
	start_tracer "$v" -T 1 -c nothing-named-so || return
	wait_tracer
	check "-T 1: stops by itself, exit 0" [ "$TRACER_RC" -eq 0 ]
}

test_cli() {	# --help explains, --version says, -v shows libbpf's log
	local v=$1 help opt buffer_opt=--buffer-size

	[ "$v" = perfbuf-output ] && buffer_opt=--pages
	help=$("$TOOLS_DIR/$v" --help)
	check "--help: exit 0" [ $? -eq 0 ]
	for opt in --pid --ppid --uid --comm --min-duration --json --timeout \
		   --max-events --max-args-bytes "$buffer_opt" --verbose \
		   Examples:; do
		check "--help: explains $opt" has_line "$help" "$opt"
	done
	check "--help: says its buffer's default size" \
		has_line "$(tr '\n' ' ' <<<"$help")" "$buffer_opt=[^-]*default"
	check "--version: name, version, and which libbpf" \
		has_line "$("$TOOLS_DIR/$v" --version)" \
		"^$v [0-9]+\.[0-9]+\.[0-9]+ \(libbpf [0-9]+\.[0-9]+, (bundled|system)\)$"
	"$TOOLS_DIR/$v" -v -T 1 >/dev/null 2>"$WORK/verbose.err"
	check "-v: shows libbpf's log" grep -q '^libbpf: ' "$WORK/verbose.err"
	"$TOOLS_DIR/$v" -T 1 >/dev/null 2>"$WORK/quiet.err"
	check "without -v: no libbpf log" \
		[ "$(grep -c '^libbpf: ' "$WORK/quiet.err")" -eq 0 ]
}

test_bad_options() {	# refused with a message and exit 2
	local v=$1 args rc

	# More rings than half the memory: refused before the kernel is asked.
	for args in "--pages 3" "--buffer-size 5000" "-p abc" "-u -1" "--bogus" \
		    "-T" "extra" "--rings 1024 --buffer-size 1G" "--rings 3"; do
		[ "$v" = perfbuf-output ] && [ "$args" = "--buffer-size 5000" ] &&
			args="--pages 100"
		[ "$v" = perfbuf-output ] && [ "${args#--rings}" != "$args" ] &&
			args="--rings per-cpu"
		[ "$v" != perfbuf-output ] && [ "$args" = "--pages 3" ] &&
			args="--buffer-size 3K"
		# shellcheck disable=SC2086
		"$TOOLS_DIR/$v" $args >"$WORK/bad.out" 2>"$WORK/bad.err"
		rc=$?
		[ "$rc" -eq 2 ] && [ -s "$WORK/bad.err" ] && [ ! -s "$WORK/bad.out" ]
		check "$args: exit 2 with a message" [ $? -eq 0 ]
	done
}
