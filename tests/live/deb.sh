#!/usr/bin/env bash
# The Debian package: `make deb` builds it against the system's libbpf,
# lintian finds no error in it, it installs, its tool traces a real process
# from /usr/sbin, its man page renders, and removed, it leaves nothing.
# Needs root, and the package's build dependencies (tools/install-deps
# --tests).
# shellcheck source=tests/live/lib.sh
source "$(dirname "$0")/lib.sh"

PACKAGE=ringbuf-tracers
# The make that ran us must not hand its jobserver to the make we run.
unset MAKEFLAGS MFLAGS MAKELEVEL

# The package's files, as dpkg lists them (folders left out: /usr is one).
package_files() {
	dpkg -L "$PACKAGE" | while read -r f; do
		[ -d "$f" ] || echo "$f"
	done
}

test_deb() {
	local deb files pid

	if dpkg -s "$PACKAGE" >/dev/null 2>&1; then
		check "$PACKAGE is not installed before the test" false
		return
	fi
	make -s -C "$ROOT" deb >"$WORK/make" 2>&1
	check "make deb: builds the package" [ $? -eq 0 ]
	deb=$(ls "$ROOT"/.output/deb/${PACKAGE}_*.deb 2>/dev/null)
	[ -n "$deb" ] || { cat "$WORK/make"; return; }
	lintian "$deb" >"$WORK/lintian" 2>&1
	check "lintian: no error in the package" \
		[ "$(grep -c '^E: ' "$WORK/lintian")" -eq 0 ]
	grep '^E: ' "$WORK/lintian"
	dpkg-deb -I "$deb" >"$WORK/info"
	check "the package depends on the system's libbpf" \
		grep -qE '^ Depends:.*libbpf1' "$WORK/info"

	dpkg -i "$deb" >"$WORK/dpkg" 2>&1
	check "dpkg -i: installs" [ $? -eq 0 ]
	files=$(package_files)
	new_program
	NRUN=$((NRUN + 1))
	OUT=$WORK/out.$NRUN
	ERR=$WORK/err.$NRUN
	/usr/sbin/ringbuf-reserve-submit -c "${PROG##*/}" >"$OUT" 2>"$ERR" &
	TRACER_PID=$!
	wait_for "$ERR" 'tracing exec and exit' 30
	"$PROG" 0 exit 6 &
	pid=$!
	wait "$pid"
	wait_for "$OUT" "EXIT .* $pid " 10
	stop_tracer
	[ "$TRACER_RC" -eq 0 ] &&
		[ "$(event_fields "$OUT" EXIT "$pid" | cut -d' ' -f1,4,5)" = \
		  "${PROG##*/} 0 exit=6" ]
	check "/usr/sbin/ringbuf-reserve-submit: traces a process, exit 0" [ $? -eq 0 ]
	check "/usr/sbin/ringbuf-reserve-submit --version: the system's libbpf" \
		grep -q ', system)$' <(/usr/sbin/ringbuf-reserve-submit --version)
	MANWIDTH=200 man 8 ringbuf-reserve-submit >"$WORK/man" 2>&1
	grep -q 'ringbuf-reserve-submit - trace process exec and exit' \
		"$WORK/man" && grep -q -- '--max-args-bytes' "$WORK/man"
	check "man 8 ringbuf-reserve-submit: renders its name and options" \
		[ $? -eq 0 ]

	dpkg --purge "$PACKAGE" >"$WORK/dpkg" 2>&1
	check "dpkg --purge: removes it" [ $? -eq 0 ]
	local left=0 f n
	for f in $files; do
		[ -e "$f" ] && { echo "     left behind: $f"; left=$((left + 1)); }
	done
	n=$(wc -w <<<"$files")
	[ "$left" -eq 0 ] && [ "$n" -gt 0 ]
	check "removed: none of its $n files is left" [ $? -eq 0 ]
}

run_test test_deb
finish
