# shellcheck shell=bash
# Hostile input: a program named with escape sequences and a newline, in
# a folder whose name is not UTF-8.
# Sourced by tests/live/faults.sh, which says where each test runs.

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
