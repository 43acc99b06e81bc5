# shellcheck shell=bash
# Sourced by the scripts that run the image (tests/live/image.sh,
# bench/container): makes this machine's container engine able to start
# a container, without changing what the rest of the machine sees.
#
# Two things stop Podman's crun on a machine like the project's VMs, and
# neither is something a user of the image should have to do:
# - cgroups in hybrid mode (v1 hierarchies, and a cgroup v2 hierarchy
#   beside them that holds a controller): crun refuses to start until v2
#   holds none.  Each controller v2 holds is mounted as a v1 hierarchy of
#   its own, in a private mount namespace that ends with the script;
# - hard limits lower than Podman's defaults for a container's open files
#   and processes: crun fails on setrlimit.  A containers.conf of the
#   script's own gives containers lower ones.
#
# engine_enter "$0" "$@" first: it runs the script again in its own mount
# namespace.  Then engine_ready, which returns 1 with the reason in
# ENGINE_WHY when no container can start here.

engine_enter() {
	[ -n "${ENGINE_NS:-}" ] && return 0
	export ENGINE_NS=1
	exec unshare -m --propagation private bash "$@"
}

# The cgroup v2 mount beside v1 hierarchies, if this is a hybrid machine.
hybrid_v2() {
	findmnt -n -t cgroup >/dev/null || return 1
	findmnt -n -t cgroup2 -o TARGET | head -n 1
}

# Moves the controllers v2 holds to v1 hierarchies under $1.
free_v2_controllers() {
	local v2=$1 dir=$2 c

	for c in $(cat "$v2/cgroup.controllers"); do
		mkdir -p "$dir/$c"
		mount -t cgroup -o "$c" none "$dir/$c" || return 1
	done
}

# A containers.conf limit: the hard one, at most MAX.  Processes at most
# 4096: crun could not set this VM's hard limit itself (EPERM above about
# 30000, whatever the shell's limit says), and a tracer needs one.
capped_limit() {	# capped_limit NAME FLAG MAX
	local n

	n=$(ulimit -H "$2")
	[ "$n" = unlimited ] || [ "$n" -gt "$3" ] && n=$3
	printf '"%s=%s:%s"' "$1" "$n" "$n"
}

# Undoes engine_ready's mounts and files (the namespace ends anyway).
engine_leave() {
	[ -n "${ENGINE_DIR:-}" ] || return 0
	umount "$ENGINE_DIR"/cgroup/* 2>/dev/null
	rm -rf "$ENGINE_DIR"
}

engine_ready() {
	local v2 dir limits

	ENGINE_WHY=""
	if ! command -v podman >/dev/null; then
		ENGINE_WHY="no podman: tools/install-deps --image"
		return 1
	fi
	dir=$(mktemp -d /tmp/container-env.XXXXXX)
	ENGINE_DIR=$dir
	if v2=$(hybrid_v2) && [ -n "$(cat "$v2/cgroup.controllers")" ] &&
	   ! free_v2_controllers "$v2" "$dir/cgroup"; then
		ENGINE_WHY="cgroup v2 at $v2 holds controllers and they cannot move to v1"
		return 1
	fi
	limits="$(capped_limit nofile -n 65536), $(capped_limit nproc -u 4096)"
	printf '[containers]\ndefault_ulimits = [%s]\n' "$limits" \
		>"$dir/containers.conf"
	export CONTAINERS_CONF=$dir/containers.conf
	if ! podman info >/dev/null 2>"$dir/info.err"; then
		ENGINE_WHY="podman cannot run here: $(tail -n 1 "$dir/info.err")"
		return 1
	fi
}

# cgroup_file PID V1_CONTROLLER V1_FILE V2_FILE: the file of PID's cgroup
# that holds a figure: v2's where v2 has the controller, else v1's.
cgroup_file() {
	local path v2

	v2=$(findmnt -n -t cgroup2 -o TARGET | head -n 1)
	path=$(sed -n 's/^0:://p' "/proc/$1/cgroup")
	if [ -n "$v2" ] && [ -e "$v2$path/$4" ]; then
		echo "$v2$path/$4"
		return
	fi
	path=$(awk -F: -v c="$2" '$2 ~ "(^|,)" c "(,|$)" { print $3 }' \
		"/proc/$1/cgroup")
	echo "/sys/fs/cgroup/$2$path/$3"
}

# memory_peak PID: the most memory PID's cgroup has held, in bytes.
memory_peak() {
	cat "$(cgroup_file "$1" memory memory.max_usage_in_bytes memory.peak)"
}
