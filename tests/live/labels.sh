#!/usr/bin/env bash
# The cells of the live tests are addressable: in tracers.sh, faults.sh
# and bench.sh, every label that --list prints is printed once, and
# ONLY set to it selects that cell and no other.  Runs no test.  Ends with
# "live: N passed, M failed".
source "$(dirname "$0")/lib.sh"

# check_labels SCRIPT: its labels, each alone by ONLY.
check_labels() {
	local script=$ROOT/tests/live/$1 labels label got bad= rc

	labels=$(unset ONLY; "$script" --list)
	[ -n "$labels" ] && [ -z "$(sort <<<"$labels" | uniq -d)" ]
	rc=$?
	check "$1 --list: some labels, none twice ($(grep -c . <<<"$labels"))" \
		[ "$rc" -eq 0 ]
	while IFS= read -r label; do
		got=$(ONLY=$label "$script" --list)
		[ "$got" = "$label" ] || bad="$bad '$label' -> '${got//$'\n'/, }';"
	done <<<"$labels"
	check "$1: ONLY set to each label selects its cell alone${bad:+ (not:$bad)}" \
		[ -z "$bad" ]
}

check_labels tracers.sh
check_labels faults.sh
check_labels bench.sh
finish
