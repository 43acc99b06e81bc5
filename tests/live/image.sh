#!/usr/bin/env bash
# Live tests of the container image (make image) as docs/operations.md
# ("Across a fleet") runs it: with Podman, rootful, the host's user
# namespace, CAP_BPF, CAP_PERFMON and dist/seccomp.json; then the
# DaemonSet's pod template played by `podman kube play`; then its log
# through the rsyslog configuration that names the fields as ECS does.
# Needs root and `make image` first (make test builds it).
source "$(dirname "$0")/../../tools/container-env.sh"
engine_enter "$0" "$@"
source "$(dirname "$0")/lib.sh"

VERSION=$(sed -n 's/^VERSION := //p' "$ROOT/Makefile")
IMAGE=localhost/ringbuf-tracers:$VERSION
SECCOMP=$ROOT/dist/seccomp.json
# What docs/operations.md tells a user to run (a test checks it says so).
RUN_OPTS=(--cap-add BPF --cap-add PERFMON --security-opt "seccomp=$SECCOMP")
CTR=ringbuf-image-test-$$
POD=exec-tracer-$$
# After lib.sh's: this one removes its WORK too, and whatever the tests
# left running when one was cut short.
trap 'podman rm -f -i "$CTR" >/dev/null 2>&1
      podman pod rm -f -i "$POD" >/dev/null 2>&1
      engine_leave; rm -rf "$WORK"' EXIT

# json_events FILE PID: the events of PID in a log of JSON lines, sorted.
json_events() {
	python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    try:
        e = json.loads(line)
    except ValueError:
        continue
    if e.get("pid") == int(sys.argv[2]):
        print(e["event"], e["comm"], e.get("exit_code", ""))
' "$1" "$2" | sort
}

# wait_logs NAME REGEX SECONDS: until the container's log has a match.
wait_logs() {
	local deadline=$((SECONDS + $3))

	until podman logs "$1" 2>&1 | grep -qE -- "$2"; do
		[ "$SECONDS" -ge "$deadline" ] && return 1
		sleep 0.2
	done
}

# A host process with a name of its own, that exits 3: its host pid.
host_process() {
	new_program
	"$PROG" 0 exit 3 &
	HOST_PID=$!
	wait "$HOST_PID"
}

test_contents() {
	local files cmd ctr

	cmd=$(podman image inspect --format '{{json .Config.Cmd}}' "$IMAGE")
	check "image: the default command is ringbuf-reserve-submit --json" \
		[ "$cmd" = '["ringbuf-reserve-submit","--json"]' ]
	ctr=$(podman create "$IMAGE")
	files=$(podman export "$ctr" | tar -t | grep -v '/$' | sort | tr '\n' ' ')
	podman rm "$ctr" >/dev/null
	check "image: the four tools and their licences, nothing else" \
		[ "$files" = "usr/bin/perfbuf-output usr/bin/ringbuf-output usr/bin/ringbuf-reserve-dynptr usr/bin/ringbuf-reserve-submit usr/share/licenses/ringbuf-tracers/libbpf-LICENSE usr/share/licenses/ringbuf-tracers/libbpf-LICENSE.BSD-2-Clause usr/share/licenses/ringbuf-tracers/libbpf-LICENSE.LGPL-2.1 usr/share/licenses/ringbuf-tracers/libc6 usr/share/licenses/ringbuf-tracers/libelf1 usr/share/licenses/ringbuf-tracers/ringbuf-tracers usr/share/licenses/ringbuf-tracers/zlib1g " ]
	check "image: tagged with the tools' version" \
		[ "$(podman run --rm "$IMAGE" ringbuf-output --version | cut -d' ' -f2)" = "$VERSION" ]
	check "docs: operations.md runs the image with the options tested here" \
		grep -qF -- "podman run --cap-add BPF --cap-add PERFMON --security-opt seccomp=dist/seccomp.json $IMAGE" \
		"$ROOT/docs/operations.md"
}

# Traces the host from the container: real pids, no hostPID, no tracefs;
# podman stop drains and writes the summary, exit status 0.
test_traces_host() {
	local pid logs

	podman run -d --name "$CTR" --log-driver k8s-file "${RUN_OPTS[@]}" \
		"$IMAGE" >/dev/null
	if ! wait_logs "$CTR" 'tracing exec and exit' 30; then
		check "image: starts tracing" false
		podman logs "$CTR" 2>&1 | sed 's/^/     /'
		return
	fi
	host_process
	wait_logs "$CTR" "\"EXIT\".*\"pid\":$HOST_PID," 10
	podman logs "$CTR" 2>/dev/null >"$WORK/ctr.out"
	check "image: a host process, its host pid, EXEC and EXIT with its code" \
		[ "$(json_events "$WORK/ctr.out" "$HOST_PID" | tr '\n' ' ')" = "EXEC ${PROG##*/}  EXIT ${PROG##*/} 3 " ]
	check "image: without hostPID" \
		[ "$(podman inspect --format '{{.HostConfig.PidMode}}' "$CTR")" != host ]
	pid=$(podman inspect --format '{{.State.Pid}}' "$CTR")
	check "image: no tracefs in the container" \
		[ "$(grep -c ' - tracefs ' "/proc/$pid/mountinfo")" -eq 0 ]
	podman stop -t 30 "$CTR" >/dev/null
	logs=$(podman logs "$CTR" 2>&1 >/dev/null)
	check "image: podman stop drains, then the summary, nothing lost" \
		has_line "$logs" '^ringbuf-reserve-submit: [0-9]+ events \(.*\), 0 lost'
	check "image: exit status 0 after podman stop" \
		[ "$(podman inspect --format '{{.State.ExitCode}}' "$CTR")" -eq 0 ]
	podman rm "$CTR" >/dev/null
}

# refused NAME REGEX PODMAN_RUN_OPTIONS...: one line, exit 1, no event.
refused() {
	local name=$1 regex=$2 rc

	podman run --rm "${@:3}" "$IMAGE" >"$WORK/r.out" 2>"$WORK/r.err"
	rc=$?
	check "image $name: exit 1" [ "$rc" -eq 1 ]
	[ "$(wc -l <"$WORK/r.err")" -eq 1 ] && grep -qE -- "$regex" "$WORK/r.err"
	check "image $name: says so in one line" [ $? -eq 0 ]
	check "image $name: prints no events" [ ! -s "$WORK/r.out" ]
}

# Each capability is needed, and so is the profile; a user namespace's
# root is not the host's.
test_refusals() {
	refused "without CAP_BPF" 'not enough privilege' \
		--cap-add PERFMON --security-opt "seccomp=$SECCOMP"
	refused "without CAP_PERFMON" 'not enough privilege' \
		--cap-add BPF --security-opt "seccomp=$SECCOMP"
	refused "with Podman's default seccomp profile" 'seccomp' \
		--cap-add BPF --cap-add PERFMON
	refused "in a user namespace" 'user namespace' \
		--uidmap 0:100000:65536 "${RUN_OPTS[@]}"
}

# The cgroup v2 directory the container's processes are in, as the
# container sees it: its /sys/fs/cgroup when cgroup v2 alone is mounted
# there (its own cgroup namespace).  Beside v1 (this VM), v2 is not in
# the container: the test mounts the container's parent there itself.
test_own_cgroup() {
	local parent=ringbuf-image-test-$$ v2 mnt=() logs host

	if v2=$(hybrid_v2); then
		mkdir "$v2/$parent"
		mnt=(--cgroup-parent "/$parent" -v "$v2/$parent:/sys/fs/cgroup:ro")
	fi
	podman run -d --name "$CTR" "${mnt[@]}" "${RUN_OPTS[@]}" "$IMAGE" \
		ringbuf-reserve-submit --cgroup /sys/fs/cgroup >/dev/null
	if ! wait_logs "$CTR" 'tracing exec and exit' 30; then
		check "image --cgroup /sys/fs/cgroup: starts tracing" false
		podman logs "$CTR" 2>&1 | sed 's/^/     /'
	else
		host_process
		host=$HOST_PID
		podman exec "$CTR" ringbuf-output --version >/dev/null
		wait_logs "$CTR" 'EXIT +ringbuf-output' 10
		podman stop -t 30 "$CTR" >/dev/null
		logs=$(podman logs "$CTR" 2>/dev/null)
		check "image --cgroup /sys/fs/cgroup: a process run in the container" \
			has_line "$logs" 'EXEC +ringbuf-output .* ringbuf-output --version$'
		check "image --cgroup /sys/fs/cgroup: no host process" \
			[ "$(awk -v p="$host" '$4 == p' <<<"$logs" | wc -l)" -eq 0 ]
	fi
	podman rm -f "$CTR" >/dev/null
	[ -n "$v2" ] && rmdir "$v2/$parent"
}

# dist/daemonset.yaml's pod template, as a Pod that kube play runs.
pod_of_daemonset() {
	python3 -c '
import sys, yaml
ds = yaml.safe_load(open(sys.argv[1]))
tpl = ds["spec"]["template"]
meta = dict(tpl["metadata"], name=sys.argv[2])
yaml.safe_dump({"apiVersion": "v1", "kind": "Pod", "metadata": meta,
                "spec": tpl["spec"]}, sys.stdout)
' "$ROOT/dist/daemonset.yaml" "$1"
}

# The manifest's limits, the profile it names, the host traced; then its
# log through dist/rsyslog-ecs.conf: every event of a storm once, renamed.
test_daemonset() {
	local pod=$POD ctr profiles=$WORK/seccomp yaml=$WORK/pod.yaml
	local log logs limit

	mkdir -p "$profiles"
	cp "$SECCOMP" "$profiles/ringbuf-tracers.json"
	pod_of_daemonset "$pod" >"$yaml"
	ctr=$pod-exec-tracer
	podman kube play --replace --log-driver k8s-file \
		--seccomp-profile-root "$profiles" "$yaml" >/dev/null
	if ! wait_logs "$ctr" 'tracing exec and exit' 30; then
		check "kube play: the DaemonSet's pod starts tracing" false
		podman logs "$ctr" 2>&1 | sed 's/^/     /'
		podman kube down "$yaml" >/dev/null
		return
	fi
	limit=$(python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["memory"])' "$ROOT/dist/daemonset.yaml")
	check "kube play: the pod's memory limit is the manifest's ($limit)" \
		[ "$(podman inspect --format '{{.HostConfig.Memory}}' "$ctr")" -eq $((${limit%Mi} << 20)) ]
	check "kube play: its capabilities are CAP_BPF and CAP_PERFMON alone" \
		[ "$(podman inspect --format '{{.EffectiveCaps}}' "$ctr")" = "[CAP_BPF CAP_PERFMON]" ]
	log=$(podman inspect --format '{{.HostConfig.LogConfig.Path}}' "$ctr")
	start_shipper "$log"
	host_process
	run_storm
	wait_logs "$ctr" "\"EXIT\".*\"pid\":$LAST_STORM_PID," 30
	check "kube play: its memory peaked below the manifest's limit" \
		[ "$(memory_peak "$(podman inspect --format '{{.State.Pid}}' "$ctr")")" -lt $((${limit%Mi} << 20)) ]
	podman pod stop -t 30 "$pod" >/dev/null
	logs=$(podman logs "$ctr" 2>&1 >/dev/null)
	check "kube play: stopped, the summary, nothing lost" \
		has_line "$logs" '^ringbuf-reserve-submit: [0-9]+ events \(.*\), 0 lost'
	check "kube play: exit status 0 once stopped" \
		[ "$(podman inspect --format '{{.State.ExitCode}}' "$ctr")" -eq 0 ]
	stop_shipper
	check_shipped "$log"
	podman kube down "$yaml" >/dev/null
}

# rsyslog with dist/rsyslog-ecs.conf, reading the container's log file as
# a node's agent reads /var/log/containers, writing what it ships to a file.
start_shipper() {
	mkdir -p "$WORK/rsyslog"
	cat >"$WORK/rsyslog/rsyslog.conf" <<-EOF
	global(workDirectory="$WORK/rsyslog" maxMessageSize="256k")
	module(load="imfile")
	include(file="$ROOT/dist/rsyslog-ecs.conf")
	ruleset(name="exec_tracer_output") {
		action(type="omfile" file="$WORK/shipped.json"
		       template="exec_tracer_ecs")
	}
	input(type="imfile" file="$1" tag="exec-tracer"
	      ruleset="exec_tracer" endmsg.regex="^[^ ]+ stdout F "
	      escapeLF="off")
	EOF
	rsyslogd -n -f "$WORK/rsyslog/rsyslog.conf" -i "$WORK/rsyslog/pid" \
		2>"$WORK/rsyslog.err" &
	SHIPPER_PID=$!
}

stop_shipper() {
	local n

	# Until it has read the whole log: its last line is the tracer's.
	for ((n = 0; n < 100; n++)); do
		grep -q "\"pid\": $LAST_STORM_PID," "$WORK/shipped.json" \
			2>/dev/null && grep -q '"type": "end".*"pid": '"$LAST_STORM_PID" \
			"$WORK/shipped.json" && break
		sleep 0.1
	done
	kill "$SHIPPER_PID"
	wait "$SHIPPER_PID"
}

# STORM processes of one name, one after another; the first with an
# argument of 3000 bytes 0xff, whose JSON line (its args_hex too) is
# longer than the engine reads at once: its log has it in pieces.
STORM=300
run_storm() {
	local i

	new_program STORM_PROG
	"$STORM_PROG" 0 exit 0 "$(head -c 3000 /dev/zero | tr '\0' '\377')" &
	LONG_PID=$!
	wait "$LONG_PID"
	for ((i = 1; i < STORM; i++)); do
		"$STORM_PROG" 0 exit 0
	done
	"$STORM_PROG" 0 exit 0 &
	LAST_STORM_PID=$!
	wait "$LAST_STORM_PID"
}

# What rsyslog shipped from the container's log (in $1): each of the
# storm's processes once as a start and once as an end, under the ECS
# names, and the host process's exit code.
check_shipped() {
	python3 - "$WORK/shipped.json" "${STORM_PROG##*/}" "$HOST_PID" \
		"$LONG_PID" >"$WORK/shipped.check" <<-'EOF'
	import collections, json, sys
	path, comm, host_pid, long_pid = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
	seen = collections.Counter()
	host = None
	long_arg = None
	for line in open(path, encoding="utf-8"):
	    d = json.loads(line)
	    p = d["process"]
	    if p["name"] == comm:
	        seen[(p["pid"], d["event"]["type"])] += 1
	    if p["pid"] == long_pid and d["event"]["type"] == "start":
	        long_arg = d["exec_tracer"]["args_hex"][4] == "ff" * 3000
	    if p["pid"] == host_pid and d["event"]["type"] == "end":
	        host = (p["exit_code"], d["event"]["category"], "@timestamp" in d,
	                "event" in d["exec_tracer"], "pid" in d["exec_tracer"])
	starts = sum(1 for (_, t) in seen if t == "start")
	ends = sum(1 for (_, t) in seen if t == "end")
	print(starts, ends, max(seen.values(), default=0), host, long_arg)
	EOF
	check "rsyslog: every process of the storm shipped once as start and end, renamed" \
		[ "$(cat "$WORK/shipped.check")" = "$((STORM + 1)) $((STORM + 1)) 1 (3, 'process', True, True, False) True" ]
	check "rsyslog: ... the long line among them, which the log has in pieces" \
		grep -qE '^[^ ]+ stdout P \{"event":"EXEC",.*"pid":'"$LONG_PID"',' "$1"
	grep -qx "$((STORM + 1)) $((STORM + 1)) 1 (3, 'process', True, True, False) True" \
		"$WORK/shipped.check" ||
		echo "     shipped: $(cat "$WORK/shipped.check")"
	[ -s "$WORK/rsyslog.err" ] && sed 's/^/     rsyslog: /' "$WORK/rsyslog.err"
}

if ! engine_ready; then
	if [ -n "${CI:-}" ]; then
		check "a container engine runs here ($ENGINE_WHY)" false
	else
		echo "skip: no container can start here: $ENGINE_WHY"
	fi
	finish
	exit
fi
if ! podman image exists "$IMAGE"; then
	check "$IMAGE is built: make image" false
	finish
	exit
fi
run_test test_contents
run_test test_traces_host
run_test test_refusals
run_test test_own_cgroup
run_test test_daemonset
finish
