// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The kernel's facts come from fixed paths; the TRACER_TEST_* variables
 * point the checks elsewhere, so the tests can show every message on a
 * machine that passes them all.
 */
#include <errno.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "preflight.h"

#ifndef CAP_PERFMON
#define CAP_PERFMON	38
#endif
#ifndef CAP_BPF
#define CAP_BPF		39
#endif

static const char *path_or_test(const char *test_var, const char *path)
{
	const char *p = getenv(test_var);

	return p ? p : path;
}

static bool has_cap(const struct __user_cap_data_struct caps[2], int cap)
{
	return caps[cap / 32].effective & (1U << (cap % 32));
}

/* CAP_BPF and CAP_PERFMON since 5.8, CAP_SYS_ADMIN before and always. */
static bool has_tracing_caps(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct caps[2] = {};

	if (syscall(SYS_capget, &hdr, caps))
		return true;	/* unknown: let the kernel decide */
	return has_cap(caps, CAP_SYS_ADMIN) ||
	       (has_cap(caps, CAP_BPF) && has_cap(caps, CAP_PERFMON));
}

enum user_ns {
	USER_NS_INITIAL,
	USER_NS_OTHER,
	USER_NS_UNKNOWN,	/* no /proc to tell */
};

/*
 * The kernel honours CAP_BPF and CAP_PERFMON only in the initial user
 * namespace, whose uid_map maps every id to itself; in any other (a
 * rootless container, `unshare -U -r`) root holds every capability, and
 * none of them counts for BPF.
 */
static enum user_ns which_user_ns(void)
{
	unsigned long long inside, outside, count;
	FILE *f = fopen("/proc/self/uid_map", "r");
	int fields;

	if (!f)
		return USER_NS_UNKNOWN;
	fields = fscanf(f, "%llu %llu %llu", &inside, &outside, &count);
	fclose(f);
	if (fields != 3)
		return USER_NS_UNKNOWN;
	if (inside == 0 && outside == 0 && count == 4294967295ULL)
		return USER_NS_INITIAL;
	return USER_NS_OTHER;
}

/*
 * Creates a map of type: 1 if the kernel made it, 0 if it does not know
 * the type (EINVAL), or -errno: -EPERM when it refused.
 */
static int probe_map(enum bpf_map_type type, unsigned int key_size,
		     unsigned int value_size, unsigned int max_entries)
{
	int fd = bpf_map_create(type, NULL, key_size, value_size, max_entries,
				NULL);

	if (fd >= 0) {
		close(fd);
		return 1;
	}
	return errno == EINVAL ? 0 : -errno;
}

static bool lockdown_forbids_reads(void)
{
	const char *path = path_or_test("TRACER_TEST_LOCKDOWN",
					"/sys/kernel/security/lockdown");
	char mode[128] = "";
	FILE *f = fopen(path, "r");

	if (!f)
		return false;	/* no lockdown LSM: nothing forbidden */
	if (!fgets(mode, sizeof(mode), f))
		mode[0] = '\0';
	fclose(f);
	return strstr(mode, "[confidentiality]");
}

/*
 * Whether the deepest folder of path that exists is in sysfs: only there
 * does a missing file say the kernel lacks it.  Elsewhere (a tmpfs over
 * /sys/kernel, a container without /sys) the kernel's file is hidden.
 */
static bool in_sysfs(const char *path)
{
	char dir[PATH_MAX];
	struct statfs fs;
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	while ((slash = strrchr(dir, '/')) && slash != dir) {
		*slash = '\0';
		if (!statfs(dir, &fs))
			return fs.f_type == SYSFS_MAGIC;
	}
	return !statfs("/", &fs) && fs.f_type == SYSFS_MAGIC;
}

bool preflight_ok(const char *tool)
{
	const char *btf = path_or_test("TRACER_TEST_BTF", "/sys/kernel/btf/vmlinux");
	enum user_ns user_ns = which_user_ns();
	int err;

	if (user_ns == USER_NS_OTHER) {
		fprintf(stderr, "%s: not enough privilege to trace: this is a "
			"user namespace (a rootless container?), whose root is "
			"not enough: run as root, or with CAP_BPF and "
			"CAP_PERFMON, on the host\n", tool);
		return false;
	}
	if (!has_tracing_caps()) {
		fprintf(stderr, "%s: not enough privilege to trace: run as root, "
			"or with CAP_BPF and CAP_PERFMON\n", tool);
		return false;
	}
	/* An array map exists on every kernel with BPF: only a refusal fails. */
	err = probe_map(BPF_MAP_TYPE_ARRAY, 4, 4, 1);
	if (err == -EPERM || err == -EACCES) {
		fprintf(stderr, "%s: not permitted to use BPF (%s) although the "
			"capabilities are there: a seccomp filter or a security "
			"module forbids bpf() here; in a container, allow it%s\n",
			tool, strerror(-err), user_ns == USER_NS_UNKNOWN ?
			" (or, as /proc cannot tell, this is a user namespace, "
			"whose root is not enough: run on the host)" : "");
		return false;
	}
	if (access(btf, R_OK) && errno == ENOENT && !in_sysfs(btf)) {
		fprintf(stderr, "%s: cannot see the kernel's BTF, %s: sysfs is "
			"not there (hidden or not mounted): mount sysfs on /sys, "
			"or expose /sys/kernel/btf to the container\n", tool, btf);
		return false;
	}
	if (access(btf, R_OK) && errno == ENOENT) {
		fprintf(stderr, "%s: this kernel has no BTF (%s is missing): it "
			"needs a kernel built with CONFIG_DEBUG_INFO_BTF=y\n",
			tool, btf);
		return false;
	}
	if (access(btf, R_OK)) {
		fprintf(stderr, "%s: cannot read the kernel's BTF, %s: %s\n",
			tool, btf, strerror(errno));
		return false;
	}
	if (lockdown_forbids_reads()) {
		fprintf(stderr, "%s: kernel lockdown is in confidentiality mode, "
			"which forbids BPF from reading kernel memory: boot with "
			"lockdown=integrity to trace\n", tool);
		return false;
	}
	return true;
}

bool kernel_has_ringbuf(const char *tool)
{
	/*
	 * Only EINVAL says the kernel does not know the type.  Anything else
	 * (a refusal after all, no memory) tells nothing: try, and let
	 * loading say what is wrong.
	 */
	if (!getenv("TRACER_TEST_NO_RINGBUF") &&
	    probe_map(BPF_MAP_TYPE_RINGBUF, 0, 0, getpagesize()) != 0)
		return true;
	fprintf(stderr, "%s: this kernel has no BPF ring buffer (Linux 5.8 "
		"added it), which this tool needs: perfbuf-output traces the "
		"same through the perf buffer, on this kernel too\n", tool);
	return false;
}

bool kernel_has_kfuncs(const char *tool, const struct kfunc_need *k)
{
	const char *pretend = getenv("TRACER_TEST_NO_KFUNC");
	struct btf *btf;
	bool has = true;

	if (!k || !k->name)
		return true;
	btf = btf__load_vmlinux_btf();
	if (!btf)
		return true;	/* unknown: let loading say */
	for (; has && k->name; k++) {
		has = btf__find_by_name_kind(btf, k->name, BTF_KIND_FUNC) > 0 &&
		      !(pretend && !strcmp(pretend, k->name));
		if (!has)
			fprintf(stderr, "%s: this kernel has no %s() (Linux %s "
				"added it), which this tool calls: "
				"ringbuf-output does the same with a copy, on "
				"any kernel with the ring buffer\n", tool,
				k->name, k->since);
	}
	btf__free(btf);
	return has;
}

/* Whether the enum named type in btf has an enumerator named name. */
static bool btf_enum_has(const struct btf *btf, const char *type,
			 const char *name)
{
	int id = btf__find_by_name_kind(btf, type, BTF_KIND_ENUM);
	const struct btf_type *t;
	const struct btf_enum *e;
	int i;

	if (id <= 0)
		return true;	/* no such enum: unknown, let loading say */
	t = btf__type_by_id(btf, id);
	e = btf_enum(t);
	for (i = 0; i < btf_vlen(t); i++, e++)
		if (!strcmp(btf__name_by_offset(btf, e->name_off), name))
			return true;
	return false;
}

bool kernel_has_helper(const char *tool, const char *option,
		       const char *name, const char *since)
{
	const char *pretend = getenv("TRACER_TEST_NO_HELPER");
	char func[128];
	struct btf *btf;
	bool has;

	btf = btf__load_vmlinux_btf();
	if (!btf)
		return true;	/* unknown: let loading say */
	snprintf(func, sizeof(func), "BPF_FUNC_%s", name + strlen("bpf_"));
	has = btf_enum_has(btf, "bpf_func_id", func) &&
	      !(pretend && !strcmp(pretend, name));
	btf__free(btf);
	if (!has)
		fprintf(stderr, "%s: %s needs %s(), which this kernel lacks "
			"(Linux %s added it): trace without %s, or on Linux %s "
			"or later\n", tool, option, name, since, option, since);
	return has;
}

bool kernel_has_cmpxchg(void)
{
	/* *(u64 *)(r10 - 8) = 0; r0 = 0; r1 = 1; cmpxchg on that; exit */
	const struct bpf_insn insns[] = {
		{ .code = BPF_ST | BPF_MEM | BPF_DW, .dst_reg = BPF_REG_10,
		  .off = -8 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_1,
		  .imm = 1 },
		{ .code = BPF_STX | BPF_ATOMIC | BPF_DW, .dst_reg = BPF_REG_10,
		  .src_reg = BPF_REG_1, .off = -8, .imm = BPF_CMPXCHG },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	int fd;

	if (getenv("TRACER_TEST_NO_CMPXCHG"))
		return false;
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", insns,
			   sizeof(insns) / sizeof(insns[0]), NULL);
	if (fd >= 0)
		close(fd);
	/* As for the ring buffer: only EINVAL says the kernel cannot. */
	return fd >= 0 || errno != EINVAL;
}

bool kernel_exit_has_group_dead(void)
{
	const struct btf_type *t;
	struct btf *btf;
	bool has = false;
	int id;

	if (getenv("TRACER_TEST_NO_GROUP_DEAD"))
		return false;
	btf = btf__load_vmlinux_btf();
	if (!btf)
		return false;
	/* typedef void (*btf_trace_X)(void *, struct task_struct *, bool) */
	id = btf__find_by_name_kind(btf, "btf_trace_sched_process_exit",
				    BTF_KIND_TYPEDEF);
	t = id > 0 ? btf__type_by_id(btf, btf__type_by_id(btf, id)->type) : NULL;
	if (t && btf_is_ptr(t)) {
		t = btf__type_by_id(btf, t->type);
		has = btf_is_func_proto(t) && btf_vlen(t) >= 3;
	}
	btf__free(btf);
	return has;
}
