# shellcheck shell=bash
# What the live tests share: start and stop a tracer, make processes with
# known lives, and count checks.  Sourced by tests/live/*.sh.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# The tools under test: the build's, or another build's (the sanitizers').
TOOLS_DIR=$(cd "${TOOLS_DIR:-$ROOT}" && pwd)
LABEL=${LABEL:+$LABEL }
LIFECYCLE=$ROOT/.output/lifecycle
WORK=$(mktemp -d /tmp/tracer-test.XXXXXX)
# Programs run as another user in the uid test must be reachable.
chmod 755 "$WORK"
trap 'rm -rf "$WORK"' EXIT
PASSED=0
FAILED=0
NPROG=0
NRUN=0

# check DESCRIPTION COMMAND...: one check, passed when COMMAND succeeds.
# Its line names it LABEL (the build's), then CELL (the test's, when set:
# see tests/live/tracers.sh), then DESCRIPTION.
# For several conditions, run them first and check their status:
#	[ "$rc" -eq 0 ] && has_line "$out" x
#	check "DESCRIPTION" [ $? -eq 0 ]
# (written `check DESC [ a ] && [ b ]`, only [ a ] would be checked).
check() {
	if "${@:2}"; then
		PASSED=$((PASSED + 1))
		echo "ok   $LABEL${CELL:+$CELL: }$1"
	else
		FAILED=$((FAILED + 1))
		echo "FAIL $LABEL${CELL:+$CELL: }$1"
	fi
}

has_line() {	# has_line TEXT REGEX
	grep -qE -- "$2" <<<"$1"
}

wait_for() {	# wait_for FILE REGEX SECONDS: until a line of FILE matches
	local deadline=$((SECONDS + $3))

	until grep -qE -- "$2" "$1" 2>/dev/null; do
		[ "$SECONDS" -ge "$deadline" ] && return 1
		sleep 0.05
	done
}

# Options every tracer started by start_tracer gets (a wakeup mode).
TRACER_OPTS=()

# start_tracer VARIANT ARGS...: sets TRACER_PID, OUT and ERR; waits until
# the tracer says it is attached.
start_tracer() {
	start_command "$TOOLS_DIR/$1" "${TRACER_OPTS[@]}" "${@:2}"
}

# start_command COMMAND...: the same for a tracer that COMMAND runs (as
# another user, in another root...) and that keeps COMMAND's pid.
start_command() {
	NRUN=$((NRUN + 1))
	OUT=$WORK/out.$NRUN
	ERR=$WORK/err.$NRUN
	"$@" >"$OUT" 2>"$ERR" &
	TRACER_PID=$!
	if ! wait_for "$ERR" 'tracing exec and exit' 30; then
		# The test that wanted it cannot check anything: a failure.
		check "${1##*/} ${*:2}: starts" false
		echo "     $(cat "$ERR")"
		return 1
	fi
}

# stop_tracer [SIGNAL]: stops it (SIGINT by default), sets TRACER_RC.
stop_tracer() {
	kill -"${1:-INT}" "$TRACER_PID" 2>/dev/null
	wait_tracer
}

# wait_tracer [SECONDS]: waits at most SECONDS (20) for the tracer to end,
# then kills it; sets TRACER_RC.
wait_tracer() {
	local i

	for ((i = 0; i < ${1:-20} * 10; i++)); do
		kill -0 "$TRACER_PID" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$TRACER_PID" 2>/dev/null && kill -KILL "$TRACER_PID"
	wait "$TRACER_PID"
	TRACER_RC=$?
}

# new_program [VAR]: a copy of lifecycle with a unique comm; its path goes
# in VAR (PROG by default).
new_program() {
	local path

	NPROG=$((NPROG + 1))
	path=$WORK/lt$$_$NPROG
	cp "$LIFECYCLE" "$path"
	printf -v "${1:-PROG}" '%s' "$path"
}

# Fields of the text line for EVENT of PID: COMM PPID UID EUID DETAILS...
# (PCOMM, the sixth column, aside: parent_name has it).
event_fields() {	# event_fields FILE EVENT PID
	awk -v ev="$2" -v pid="$3" '$2 == ev && $4 == pid {
		out = $3 " " $5 " " $7
		for (i = 8; i <= NF; i++)
			out = out " " $i
		print out
	}' "$1"
}

count_lines() {	# count_lines FILE REGEX
	grep -cE -- "$2" "$1"
}

# summary_field FILE WORD: N from the summary's "N WORD" (the summary is
# "NAME: N events (...", not a loss report's "NAME: lost N events (...").
summary_field() {
	grep -E -- '^[^:]+: [0-9]+ events \(' "$1" | tail -n 1 |
		grep -oE "[0-9]+ $2" | cut -d' ' -f1
}

# How the summary ends (a regex): what was late, for a tool that puts its
# events in time order, and how full the buffer got.
PEAK_FILL='(, [0-9]+ delivered out of order)?; peak buffer use [0-9]+% of [0-9]+ [KMG]iB( per (CPU|ring))?'

# run_test NAME ARGS...: runs the test function NAME, unless ONLY (an
# extended regex, e.g. ONLY='test_pipes|test_json') leaves it out.
run_test() {
	[ -n "${ONLY:-}" ] && ! grep -qE -- "^($ONLY)\$" <<<"$1" && return
	"$@"
}

# The cells of a matrix (tracers.sh, faults.sh): which ONLY runs, and how.
# selected LABEL TEST: whether ONLY leaves the cell in.
selected() {
	[ -z "${ONLY:-}" ] || [ "$1" = "$ONLY" ] || [[ $1 =~ ^($ONLY)$ ]] ||
		[[ $2 =~ ^($ONLY)$ ]]
}

# run_cell LABEL COMMAND...: one cell, its checks' lines led by LABEL; with
# CELL_TIMES set, appends "SECONDS<TAB>LABEL" to that file.
run_cell() {
	local start=${EPOCHREALTIME/./} ms

	CELL=$1
	"${@:2}"
	CELL=
	ms=$(((${EPOCHREALTIME/./} - start) / 1000))
	[ -n "${CELL_TIMES:-}" ] &&
		printf '%d.%03d\t%s\n' $((ms / 1000)) $((ms % 1000)) "$1" \
			>>"$CELL_TIMES"
}

# trim VAR...: each VAR without the spaces around it.
trim() {
	local var

	for var; do
		read -r "${var?}" <<<"${!var}"
	done
}

finish() {
	echo "live: $PASSED passed, $FAILED failed"
	[ "$FAILED" -eq 0 ]
}
