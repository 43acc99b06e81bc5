# shellcheck shell=bash
# Limits and cuts: command lines and filenames cut at their limits and
# marked; buffers that fill, what is lost and said of it, and bursts
# that the default sizes hold.
# Sourced by tests/live/tracers.sh, which says where each test runs.

# --max-args-bytes: cut inside an argument (the last, or with more after
# it), cut between two, a command line that just fits (not cut).
test_args_limit() {
	local v=$1 fmt base limit mid more between fits a19 a30

	a19=$(printf 'a%.0s' {1..19})
	a30=$(printf 'b%.0s' {1..30})
	for fmt in text json; do
		new_program
		# The program's own argument bytes: "PROG\0" "0\0" "exit\0" "0\0".
		base=$((${#PROG} + 1 + 2 + 5 + 2))
		limit=$((base + 20))
		# shellcheck disable=SC2046
		start_tracer "$v" $(fmt_opts "$fmt") --max-args-bytes "$limit" \
			-c "${PROG##*/}" || return
		"$PROG" 0 exit 0 "$a30" & mid=$!; wait "$mid"
		"$PROG" 0 exit 0 "$a30" third fourth & more=$!; wait "$more"
		"$PROG" 0 exit 0 "$a19" z & between=$!; wait "$between"
		"$PROG" 0 exit 0 "$a19" & fits=$!; wait "$fits"
		stop_tracer
		check "$fmt --max-args-bytes: cut inside an argument" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "$mid" "$limit" \
			"$PROG" "$PROG" 0 exit 0 "$a30"
		check "$fmt --max-args-bytes: cut inside one, more after it: both marks" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "$more" "$limit" \
			"$PROG" "$PROG" 0 exit 0 "$a30" third fourth
		check "$fmt --max-args-bytes: cut between two arguments" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "$between" "$limit" \
			"$PROG" "$PROG" 0 exit 0 "$a19" z
		check "$fmt --max-args-bytes: just fits, not cut" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "$fits" "$limit" \
			"$PROG" "$PROG" 0 exit 0 "$a19"
	done
}

# A filename of 4095 bytes (PATH_MAX with its NUL) is whole; one longer is
# cut, and marked.  execveat() names the program /dev/fd/9/PATH, which
# can be longer than any path execve() takes.
LONG_DIR=
make_long_dir() {	# sets LONG_DIR and LONG_REL, 4016 bytes of dirs deep
	local seg i

	[ -n "$LONG_DIR" ] && return
	LONG_DIR=$WORK/deep
	seg=$(printf 'd%.0s' {1..250})
	LONG_REL=
	mkdir "$LONG_DIR"
	(cd "$LONG_DIR" && for ((i = 0; i < 16; i++)); do
		mkdir "$seg" && cd "$seg" || exit 1
	done)
	for ((i = 0; i < 16; i++)); do
		LONG_REL+=$seg/
	done
}

test_long_filename() {
	local v=$1 fmt name whole cut pad rel

	make_long_dir
	for fmt in text json; do
		new_program
		name=${PROG##*/}
		pad=$(printf 'p%.0s' {1..100})
		# /dev/fd/9/ is 10 bytes: names of 4095 and 4100 bytes.
		rel=$LONG_REL$name
		rel=$rel${pad:0:$((4085 - ${#rel}))}
		(cd "$LONG_DIR/$LONG_REL" && cp "$PROG" "${rel##*/}" &&
		 cp "$PROG" "${rel##*/}xxxxx")
		# Its comm: the first 15 bytes of its name, padding included.
		name=${rel##*/}
		# shellcheck disable=SC2046
		start_tracer "$v" $(fmt_opts "$fmt") -c "${name:0:15}" || return
		"$ROOT/.output/execveat" "$LONG_DIR" "$rel" x 0 exit 0 & whole=$!
		wait "$whole"
		"$ROOT/.output/execveat" "$LONG_DIR" "${rel}xxxxx" x 0 exit 0 & cut=$!
		wait "$cut"
		stop_tracer
		check "$fmt: a 4095-byte filename, whole" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "$whole" 4096 \
			"/dev/fd/9/$rel" x 0 exit 0
		check "$fmt: a 4100-byte filename, cut and marked" \
			python3 "$EXEC_LINE" "$fmt" "$OUT" "$cut" 4096 \
			"/dev/fd/9/${rel}xxxxx" x 0 exit 0
	done
}

# A stalled consumer and the smallest buffer the tool accepts (one that
# holds the largest exec, see test_small_buffers in faults.sh): what is
# printed and what is reported lost add up to what happened.
test_losses() {
	local v=$1 n=200 i printed lost size_opt

	# Several rings of 16K hold more: enough processes to fill them all.
	[[ " ${TRACER_OPTS[*]} " == *" --rings "* ]] && n=800
	size_opt=(--buffer-size 16K)
	[ "$v" = perfbuf-output ] && size_opt=(--pages 4)
	new_program
	start_tracer "$v" "${size_opt[@]}" -c "${PROG##*/}" || return
	kill -STOP "$TRACER_PID"
	for ((i = 0; i < n; i++)); do
		"$PROG" 0 exit 0
	done
	kill -CONT "$TRACER_PID"
	sleep 0.5
	stop_tracer
	printed=$(count_lines "$OUT" " ${PROG##*/} ")
	lost=$(summary_field "$ERR" lost)
	check "losses: printed $printed + lost ${lost:-?} = $((2 * n)) events" \
		[ $((printed + ${lost:-0})) -eq $((2 * n)) ]
	check "losses: some were lost with the smallest buffer" [ "${lost:-0}" -gt 0 ]
	check "losses: reported on stderr as they happened" \
		has_line "$(cat "$ERR")" 'lost [0-9]+ events \([0-9]+ in all\)'
}

# fill_case TOOL OPTION SIZE COMMAND...: the tracer COMMAND runs, with
# the smallest buffer (OPTION is what sizes it, SIZE how the tool names
# it), stopped while processes come: the buffer fills and overflows, and
# once resumed the tool says so once, with how many events were lost (as
# many as the first loss report says), before that report; its summary
# says the peak.
fill_case() {
	local tool=$1 opt=$2 size=$3 i warning warn_at lost_at peak n=200
	local warned_lost first_lost

	# Several rings of 16K hold more: enough processes to fill them all.
	[[ " $* " == *" --rings "* ]] && n=800
	new_program
	start_command "${@:4}" -c "${PROG##*/}" || return
	kill -STOP "$TRACER_PID"
	for ((i = 0; i < n; i++)); do
		"$PROG" 0 exit 0
	done
	kill -CONT "$TRACER_PID"
	wait_for "$ERR" 'lost [0-9]+ events' 10
	stop_tracer
	warning="^$tool: the buffer is (7[6-9]|[89][0-9]|100)% full \\(of $size\\),"
	warning+=" and ([0-9]+) events have been lost already;"
	warning+=" a larger $opt helps\$"
	warn_at=$(grep -nE "$warning" "$ERR" | cut -d: -f1)
	warned_lost=$(grep -E "$warning" "$ERR" | sed -nE 's/.*, and ([0-9]+) events .*/\1/p')
	lost_at=$(grep -nE "^$tool: lost [0-9]+ events" "$ERR" | head -n 1 | cut -d: -f1)
	first_lost=$(grep -m 1 -E "^$tool: lost [0-9]+ events" "$ERR" |
		sed -nE 's/.* \(([0-9]+) in all\).*/\1/p')
	check "fill: warns of the fill once" \
		[ "$(grep -c 'the buffer is' "$ERR")" -eq 1 ]
	[ -n "$warn_at" ] && [ -n "$lost_at" ] && [ "$warn_at" -lt "$lost_at" ]
	check "fill: the warning (line ${warn_at:-none}) comes before the first loss (line ${lost_at:-none})" \
		[ $? -eq 0 ]
	[ -n "$warned_lost" ] && [ "$warned_lost" = "$first_lost" ]
	check "fill: the warning says the ${warned_lost:-?} events lost already, as the loss report does (${first_lost:-?})" \
		[ $? -eq 0 ]
	peak=$(grep -E '^[^:]+: [0-9]+ events \(' "$ERR" |
		sed -nE "s/.* lost(, .*)?; peak buffer use ([0-9]+)% of $size\$/\2/p")
	check "fill: the summary's peak, ${peak:-none}%, is near full" \
		[ "${peak:-0}" -ge 90 ]
}

test_fill_warning() {
	local v=$1 kib

	if [ "$v" = perfbuf-output ]; then
		kib=$(($(getconf PAGESIZE) * 4 / 1024))
		fill_case "$v" --pages "$kib KiB per CPU" \
			"$TOOLS_DIR/$v" "${TRACER_OPTS[@]}" --pages 4
		return
	fi
	if [[ " ${TRACER_OPTS[*]} " == *" --rings "* ]]; then
		fill_case "$v" --buffer-size "16 KiB per ring" \
			"$TOOLS_DIR/$v" "${TRACER_OPTS[@]}" --buffer-size 16K
	else
		fill_case "$v" '--buffer-size \(or --rings per-cpu\)' \
			"16 KiB" "$TOOLS_DIR/$v" "${TRACER_OPTS[@]}" \
			--buffer-size 16K
	fi
}

# At its default size, a handful of processes hardly fill the buffer: the
# summary says so, and nothing warns.
test_fill_small() {
	local v=$1 size i

	case $v in
	perfbuf-output) size="512 KiB per CPU" ;;
	ringbuf-reserve-submit) size="16 MiB" ;;
	*) size="1 MiB" ;;
	esac
	new_program
	start_tracer "$v" -c "${PROG##*/}" || return
	for ((i = 0; i < 5; i++)); do
		"$PROG" 0 exit 0
	done
	wait_for "$OUT" "EXIT .*exit=0" 10
	stop_tracer
	check "small fill: the summary says a peak of 0% of $size" \
		has_line "$(cat "$ERR")" \
		"^$v: 10 events \(5 exec, 5 exit\), 0 lost(, 0 delivered out of order)?; peak buffer use 0% of $size\$"
	check "small fill: no warning" \
		[ "$(grep -c 'the buffer is' "$ERR")" -eq 0 ]
}

# With its default buffer, each tool takes a burst of 1000 processes whose
# command lines are 200 bytes long, all on one CPU (the perf buffer's worst
# case), while its consumer is stopped, and loses nothing.
test_default_burst() {
	local v=$1

	start_tracer "$v" -c "${STORM_CHILD##*/}" || return
	kill -STOP "$TRACER_PID"
	taskset -c 0 "$STORM" -n 1000 -j 1 -a 200 "$STORM_CHILD" >/dev/null
	kill -CONT "$TRACER_PID"
	stop_tracer
	[ "$(summary_field "$ERR" events)" = 2000 ] &&
		[ "$(summary_field "$ERR" lost)" = 0 ]
	check "a burst of 1000 processes at the default size, none lost" \
		[ $? -eq 0 ]
}

# Started and stopped in the middle of a storm, a tool loses nothing: its
# buffer is ready before its programs run, and they are detached before
# it is drained.
test_start_in_storm() {
	local v=$1 storm rc

	# The storm is cut short at the end, and says so on stderr: no check reads it.
	"$STORM" -n 20000 -j 2 "$STORM_CHILD" >/dev/null 2>&1 &
	storm=$!
	sleep 0.2
	start_tracer "$v" -c "${STORM_CHILD##*/}" || { pkill -P "$storm"; wait "$storm"; return; }
	sleep 0.2
	stop_tracer
	# The storm has done its part: its loops end, and it with them.
	pkill -P "$storm"
	wait "$storm"
	[ "$(summary_field "$ERR" events)" -gt 0 ] &&
		[ "$(summary_field "$ERR" lost)" = 0 ]
	rc=$?
	check "started and stopped in a storm, none lost" [ $rc -eq 0 ]
	[ $rc -eq 0 ] || echo "     $(tail -n 1 "$ERR")"
}
