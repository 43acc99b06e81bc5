# shellcheck shell=bash
# Memory errors and leaks that only valgrind sees, in one tracer's life.
# Sourced by tests/live/faults.sh, which says where each test runs.

# valgrind runs the plain build: the sanitized one has its own checks.
test_valgrind() {
	local log=$WORK/valgrind.log pid

	[ "$TOOLS_DIR" = "$ROOT" ] || return
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
