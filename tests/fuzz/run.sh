#!/usr/bin/env bash
# A short libFuzzer run of fuzz-record, for the suite; longer runs:
#   .output/fuzz-record -max_total_time=600 DIR
# Usage: run.sh [SECONDS]
cd "$(dirname "$0")/../.." || exit 1
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
# Records as the tracers make them, for the fuzzer to start from.
cp tests/fuzz/seeds/* "$corpus"
# A crashing input is kept as .output/fuzz-crash-*, for a rerun.
if .output/fuzz-record -max_total_time="${1:-15}" -print_final_stats=1 \
	-artifact_prefix=.output/fuzz- \
	"$corpus" >"$corpus.log" 2>&1; then
	grep -E '^stat::number_of_executed_units' "$corpus.log"
	echo "fuzz: 1 passed, 0 failed"
else
	tail -n 40 "$corpus.log"
	echo "fuzz: 0 passed, 1 failed"
fi
rm -f "$corpus.log"
