#!/usr/bin/env bash
# What ships: `make install` and `make uninstall` into a temporary folder, the
# man pages against --help, the systemd unit checked by systemd-analyze and
# its capabilities tried, and the static build run where nothing but the
# binary and /sys is.  Needs root; run from `make test`, which builds the
# static tools and the man pages first.
# shellcheck source=tests/live/lib.sh
source "$(dirname "$0")/lib.sh"

VARIANTS=(perfbuf-output ringbuf-output ringbuf-reserve-submit
	  ringbuf-reserve-dynptr)
UNIT=lib/systemd/system/ringbuf-reserve-submit.service
# The make that ran us must not hand its jobserver to the makes we run.
unset MAKEFLAGS MFLAGS MAKELEVEL

run_make() {	# run_make TARGET VAR=VALUE...: quiet; its output in $WORK/make
	make -s -C "$ROOT" "$@" >"$WORK/make" 2>&1
}

# The files of a folder, relative to it, sorted.
files_in() {
	(cd "$1" && find . -type f | sed 's|^\./||' | sort)
}

expected_files() {	# expected_files PREFIX (without its leading /)
	local v

	for v in "${VARIANTS[@]}"; do
		echo "$1/sbin/$v"
		echo "$1/share/man/man8/$v.8"
	done
	echo "$1/share/doc/ringbuf-tracers/README.md"
	for d in "$ROOT"/docs/*.md; do
		echo "$1/share/doc/ringbuf-tracers/${d##*/}"
	done
	echo "$1/$UNIT"
}

# trace_one CODE COMMAND...: COMMAND runs a tracer (with --json); a process
# with a known life exits with CODE under it; then the tracer is stopped.
# Succeeds when the tracer reported its EXEC with its arguments and its EXIT
# with CODE, and ended with status 0.
trace_one() {
	local pid

	new_program
	if start_command "${@:2}"; then
		"$PROG" 0 exit "$1" &
		pid=$!
		wait "$pid"
		wait_for "$OUT" "\"EXIT\".*\"pid\":$pid," 20
	fi
	stop_tracer
	[ "$TRACER_RC" -eq 0 ] || { cat "$ERR"; return 1; }
	grep -q "\"EXEC\".*\"pid\":$pid,.*\"args\":\[\"$PROG\",\"0\",\"exit\",\"$1\"\]" "$OUT" &&
		grep -q "\"EXIT\".*\"pid\":$pid,.*\"exit_code\":$1," "$OUT"
}

test_install() {
	local dest=$WORK/dest got want

	run_make install DESTDIR="$dest"
	check "make install DESTDIR: succeeds" [ $? -eq 0 ]
	got=$(files_in "$dest")
	want=$(expected_files usr/local | sort)
	check "make install DESTDIR: the tools into sbin, a page each into man8, the README and docs, the unit" \
		[ "$got" = "$want" ]
	[ "$got" = "$want" ] || diff <(echo "$want") <(echo "$got")
	[ "$(stat -c %a "$dest/usr/local/sbin/ringbuf-output")" = 755 ] &&
		[ "$(stat -c %a "$dest/usr/local/share/man/man8/ringbuf-output.8")" = 644 ]
	check "make install: tools 755, pages 644" [ $? -eq 0 ]
	pushd / >/dev/null || return
	trace_one 7 "$dest/usr/local/sbin/ringbuf-reserve-submit" -j
	check "installed ringbuf-reserve-submit, run from /: traces a process" [ $? -eq 0 ]
	popd >/dev/null || return
	grep -qx 'ExecStart=/usr/local/sbin/ringbuf-reserve-submit --json' \
		"$dest/usr/local/$UNIT"
	check "the unit runs the tool where PREFIX put it, not under DESTDIR" [ $? -eq 0 ]

	# Something of the user's own in a folder install shares must stay.
	touch "$dest/usr/local/sbin/mine"
	run_make uninstall DESTDIR="$dest"
	check "make uninstall: succeeds" [ $? -eq 0 ]
	check "make uninstall: removes exactly what install put there" \
		[ "$(files_in "$dest")" = usr/local/sbin/mine ]
	check "make uninstall: no folder of ours left" \
		[ ! -e "$dest/usr/local/share/doc/ringbuf-tracers" ]
	run_make uninstall DESTDIR="$dest"
	check "make uninstall again, with nothing installed: succeeds" [ $? -eq 0 ]
}

# Every long option --help gives is in the page; the page has the sections
# people look for and renders without a warning.
test_man_pages() {
	local v page opts missing section warnings

	for v in "${VARIANTS[@]}"; do
		page=$ROOT/.output/man/$v.8
		opts=$("$TOOLS_DIR/$v" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u)
		missing=""
		for o in $opts; do
			grep -qF -- "${o//-/\\-}" "$page" || missing="$missing $o"
		done
		check "man $v: every option of --help ($(wc -w <<<"$opts")) is there${missing:+, not:$missing}" \
			[ -z "$missing" ]
		missing=""
		for section in NAME SYNOPSIS DESCRIPTION OPTIONS '"OUTPUT FIELDS"' \
			       '"EXIT STATUS"' SIGNALS ENVIRONMENT FILES EXAMPLES \
			       '"SEE ALSO"'; do
			grep -qx ".SH $section" "$page" || missing="$missing $section"
		done
		check "man $v: has its sections${missing:+, not:$missing}" [ -z "$missing" ]
		warnings=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
		check "man $v: renders without a warning" [ -z "$warnings" ]
		[ -z "$warnings" ] || echo "$warnings" | head -n 5
	done
	MANWIDTH=200 man -l "$ROOT/.output/man/ringbuf-reserve-submit.8" |
		tr -s ' ' >"$WORK/page"
	grep -qF 'ringbuf-reserve-submit - trace process exec and exit through the BPF ring buffer, bpf_ringbuf_reserve()/bpf_ringbuf_submit()' \
		"$WORK/page"
	check "man ringbuf-reserve-submit: names its mechanism" [ $? -eq 0 ]
	grep -q "^OPTIONS" "$WORK/page" && grep -q "^ Filters (applied in the kernel)" "$WORK/page"
	check "man ringbuf-reserve-submit: options in their groups" [ $? -eq 0 ]
}

# The unit as installed with a real PREFIX: systemd-analyze finds its
# program and its man page, and says nothing against it.
test_unit() {
	local prefix=$WORK/usr unit log

	run_make install PREFIX="$prefix"
	check "make install PREFIX: succeeds" [ $? -eq 0 ]
	unit=$prefix/$UNIT
	log=$(MANPATH=$prefix/share/man systemd-analyze verify "$unit" 2>&1) &&
		[ -z "$log" ]
	check "systemd-analyze verify: the unit is valid, not a warning" [ $? -eq 0 ]
	[ -z "$log" ] || echo "$log" | head -n 5
	for key in NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes \
		   DynamicUser=yes Restart=on-failure StandardOutput=journal; do
		grep -qx "$key" "$unit"
		check "the unit: $key" [ $? -eq 0 ]
	done
	sed 's/^Restart=on-failure/Restart=sometimes/' "$unit" >"$WORK/bad.service"
	log=$(MANPATH=$prefix/share/man systemd-analyze verify "$WORK/bad.service" 2>&1)
	check "systemd-analyze verify: a bad unit does not pass this test" [ -n "$log" ]
	run_make uninstall PREFIX="$prefix"
}

# The unit's capabilities, and nothing else, as a user that is not root: the
# tracer must still load, attach and trace.
test_unit_capabilities() {
	local caps v

	caps=$(sed -n 's/^CapabilityBoundingSet=//p' "$ROOT/dist/ringbuf-reserve-submit.service.in" |
		tr 'A-Z ' 'a-z\n' | sed 's/^cap_/+/' | paste -sd,)
	check "the unit names its capabilities ($caps)" [ -n "$caps" ]
	for v in ringbuf-reserve-submit perfbuf-output; do
		trace_one 3 setpriv --reuid=65534 --regid=65534 --clear-groups \
			--no-new-privs --inh-caps=-all,"$caps" \
			--ambient-caps=-all,"$caps" --bounding-set=-all,"$caps" \
			"$TOOLS_DIR/$v" -j
		check "$v as nobody with only $caps and no new privileges: traces" [ $? -eq 0 ]
	done
}

# One file, no shared library: in a root holding only the binary and /sys,
# it traces a process outside, with its arguments, and ends cleanly.
test_static() {
	local bin=$ROOT/.output/static/bin/ringbuf-reserve-submit root=$WORK/root

	[ -x "$bin" ] && ! readelf -d "$bin" | grep -q NEEDED
	check "make STATIC=1: a statically linked binary" [ $? -eq 0 ]
	mkdir -p "$root"
	trace_one 4 unshare --mount --propagation private sh -c '
		mount -t tmpfs none "$1" && cp "$2" "$1/tracer" &&
		mkdir "$1/sys" && mount --rbind /sys "$1/sys" &&
		exec chroot "$1" /tracer -j' sh "$root" "$bin"
	check "static ringbuf-reserve-submit in a root of only itself and /sys: traces, exits 0" \
		[ $? -eq 0 ]
	check "static ringbuf-reserve-submit there: its summary, nothing lost" \
		[ "$(summary_field "$ERR" lost)" = 0 ]
	check "static ringbuf-reserve-submit there: the root is left empty" \
		[ -z "$(ls -A "$root")" ]
}

run_test test_install
run_test test_man_pages
run_test test_unit
run_test test_unit_capabilities
run_test test_static
finish
