#!/usr/bin/env bash
# The documentation cannot drift: its generated regions are current
# (tools/gen-docs --check), the facts and tables they quote are what the
# benchmark's CSV files give (bench/facts.py check), README.md stays
# short, the path of one event (tools/reading-path) has at most 600 lines
# and docs/mechanisms.md at most 450, every relative link in README.md, docs/*.md and
# tests/README.md resolves (a #anchor to a heading of its file), each
# variant's BPF side is under BPF_LINES (an opt-in feature's header, under
# FEATURE_LINES), and each built tool carries only its own BPF object.
# Needs the four tools built (make); no root.  Ends with "docs: N passed,
# M failed".
set -u
cd "$(dirname "$0")/.." || exit 1
TOOLS_DIR=${TOOLS_DIR:-.}
PASSED=0
FAILED=0

check() {	# check DESC COMMAND...: one test
	if "${@:2}"; then
		echo "ok   $1"
		PASSED=$((PASSED + 1))
	else
		echo "FAIL $1"
		FAILED=$((FAILED + 1))
	fi
}

out=$(tools/gen-docs --check 2>&1)
rc=$?
check "tools/gen-docs --check: every generated region is current" [ "$rc" -eq 0 ]
[ "$rc" -eq 0 ] || echo "$out"

out=$(python3 bench/facts.py check 2>&1)
rc=$?
check "bench/facts.py check: each bench/*.facts and bench/*.table.csv is what bench/'s results give" [ "$rc" -eq 0 ]
[ "$rc" -eq 0 ] || echo "$out"

# Every figure of the docs has its source: a value is a fact of a
# bench/*.facts file (a line with how it was computed), a bench table is
# one of the bench/*.table.csv files bench/facts.py writes.
bad=$(grep -ho '<!-- gen: table [^ ]*' README.md docs/*.md |
	awk '$4 != "reading-path" && $4 !~ /^bench\/.*\.table\.csv$/ { print $4 }')
check "every table of figures is a bench/*.table.csv${bad:+ (not: $bad)}" [ -z "$bad" ]

bad=$(python3 tests/check_gen_docs.py 2>&1)
check "tools/gen-docs: functions, their diffs, the reading path, figures (stale: exit 1, unknown: exit 2) and facts.py's formats, on a tree of its own" [ -z "$bad" ]
[ -z "$bad" ] || echo "$bad"

lines=$(wc -l <README.md)
check "README.md has at most 250 lines ($lines)" [ "$lines" -le 250 ]

# The lesson reads in an evening: the files on the path of one event
# through ringbuf-reserve-submit, both sides, without the opt-ins.
lines=$(tools/gen-docs --count reading-path)
check "the path of one event (tools/reading-path) has at most 600 lines ($lines)" \
	[ "${lines:-601}" -le 600 ]
lines=$(wc -l <docs/mechanisms.md)
check "docs/mechanisms.md has at most 450 lines ($lines)" [ "$lines" -le 450 ]

bad=$(python3 tests/check_links.py README.md docs/*.md tests/README.md)
check "every relative link in README.md, docs/*.md, tests/README.md resolves" [ -z "$bad" ]
[ -z "$bad" ] || echo "$bad"

# A variant's BPF side reads at one sitting: its file and the project
# headers it includes, and theirs (the record contract, src/event.h, and
# the settings, src/config.h, aside): src/tracer.bpf.h, and for a variant
# that builds its records apart src/scratch.bpf.h.  The budget is the
# least the largest (the dynptr variant's) needs: 350 until -P took 2
# lines more, reading the interpreter and marking a binary with no name on
# disk 29 more, -x's third program 38 more, the --cwd and --env reads 68
# more, batched wakeups on the producer position 12 more (their rule since
# in src/wakeup.bpf.h: 13 fewer), zeroing what a record does not use, with
# why a reservation fails, 30 more, and the CO-RE flavour that reads
# 5.17's group_exec_task from any vmlinux.h 9 more: 527.  Since issue 28
# every variant's mechanism is its own reserve() and submit(), and its
# programs the same text; the dynptr variant fills its records through
# the same fill_exec() as the others, which writes through a struct record
# (plain memory or a dynptr): its file went from 138 lines to 88,
# src/tracer.bpf.h from 338 to 394 (the writer and the measuring in, the
# filters out), src/scratch.bpf.h is 26, and --rings (src/rings.bpf.h,
# 48) is read apart: 508.  An opt-in feature's code is a header of its
# own, read apart, each under FEATURE_LINES: -x (src/failed.bpf.h and its
# system calls, src/exec_calls.bpf.h), --cwd (src/cwd.bpf.h), --env
# (src/env.bpf.h), the filters (src/filters.bpf.h), --rings
# (src/rings.bpf.h) and the batched wakeups' rule (src/wakeup.bpf.h), each
# reached through the same calls in every variant.
BPF_LINES=509
FEATURES=(src/failed.bpf.h src/exec_calls.bpf.h src/cwd.bpf.h src/env.bpf.h
	  src/filters.bpf.h src/rings.bpf.h src/wakeup.bpf.h)
FEATURE_LINES=200
declare -A SEEN
bpf_headers() {	# bpf_headers FILE: the src/*.bpf.h FILE includes, deeply
	local h

	for h in $(sed -nE 's/^#include "([a-z]+\.bpf\.h)"/\1/p' "$1"); do
		[ -n "${SEEN[$h]:-}" ] && continue
		SEEN[$h]=1
		# A feature is read apart, but what it includes is on the path.
		[[ " ${FEATURES[*]} " == *" src/$h "* ]] || echo "src/$h"
		bpf_headers "src/$h"
	done
}
for bpf in src/*.bpf.c; do
	SEEN=()
	files=("$bpf" $(bpf_headers "$bpf" | sort -u))
	n=$(cat "${files[@]}" | wc -l)
	check "${files[*]}: under $BPF_LINES lines ($n)" [ "$n" -lt "$BPF_LINES" ]
done
for f in "${FEATURES[@]}"; do
	n=$(wc -l <"$f")
	check "$f, an opt-in feature read apart: under $FEATURE_LINES lines ($n)" \
		[ "$n" -lt "$FEATURE_LINES" ]
done

# Each diff between two variants' BPF sides is the mechanism alone: the
# opt-ins are reached through the same calls in every variant (issue 28).
for pair in "perfbuf-output ringbuf-output 8" \
	    "ringbuf-output ringbuf-reserve-submit 20" \
	    "ringbuf-reserve-submit ringbuf-reserve-dynptr 40"; do
	read -r from to most <<<"$pair"
	n=$(diff "src/$from.bpf.c" "src/$to.bpf.c" | grep -c '^[<>]')
	check "src/$from.bpf.c -> src/$to.bpf.c: at most $most changed lines ($n)" \
		[ "$n" -le "$most" ]
done

# What user space sets before load is one struct config (src/config.h),
# set in one assignment: no other .rodata value.
n=$(grep -h '^const volatile' src/*.bpf.[ch] | grep -vc 'struct config cfg = ')
check "the BPF side's .rodata settings are one struct config ($n others)" \
	[ "$n" -eq 0 ]

# Each tool's main() shows libbpf's skeleton idiom in plain code: its own
# skeleton opened, its .rodata set in one assignment, loaded, attached.
for v in perfbuf-output ringbuf-output ringbuf-reserve-submit \
	 ringbuf-reserve-dynptr; do
	s=${v//-/_}_bpf
	n=$(grep -c -e "= ${s}__open();" -e 'skel->rodata->cfg = ' \
		-e "= ${s}__load(skel);" -e "= ${s}__attach(skel);" "src/$v.c")
	check "src/$v.c opens, sets, loads and attaches its skeleton ($n of 4)" \
		[ "$n" -eq 4 ]
done

# bench/bpf-parts removes parts by their text: still in the sources.
out=$(python3 bench/parts.py check . 2>&1)
check "bench/parts.py: every part's text is in the sources" [ $? -eq 0 ]
[ -z "$out" ] || echo "$out"

# Each tool's strings: the objects (and the dynptr kernel function) it
# must not carry.
OBJECTS=(perfbuf_output_bpf ringbuf_output_bpf ringbuf_reserve_submit_bpf
	 ringbuf_reserve_dynptr_bpf)
for tool in perfbuf-output ringbuf-output ringbuf-reserve-submit \
	    ringbuf-reserve-dynptr; do
	if [ ! -x "$TOOLS_DIR/$tool" ]; then
		check "$tool is built (make)" false
		continue
	fi
	own=${tool//-/_}_bpf
	strings "$TOOLS_DIR/$tool" >"${TMPDIR:-/tmp}/docs-strings.$$"
	extra=""
	for o in "${OBJECTS[@]}"; do
		[ "$o" = "$own" ] && continue
		grep -qF "$o" "${TMPDIR:-/tmp}/docs-strings.$$" && extra="$extra $o"
	done
	if [ "$tool" != ringbuf-reserve-dynptr ] &&
	   grep -qF bpf_strnlen "${TMPDIR:-/tmp}/docs-strings.$$"; then
		extra="$extra bpf_strnlen"
	fi
	grep -qF "$own" "${TMPDIR:-/tmp}/docs-strings.$$" || extra="$extra (not its own $own)"
	rm -f "${TMPDIR:-/tmp}/docs-strings.$$"
	check "strings $tool: its own object only${extra:+, but:$extra}" [ -z "$extra" ]
done

echo "docs: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
