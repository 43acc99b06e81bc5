// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The number of rings is a constant of .rodata: shared, the verifier prunes
 * the array of rings away, and the default pays nothing for --rings.
 */
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include "preflight.h"
#include "ring_set.h"
#include "rings.h"

/*
 * The files the tool has open besides its rings (the standard ones, maps,
 * programs, BTF, epoll: about 25), with room to spare.
 */
#define OTHER_FILES	64

static struct bpf_map *find_map(struct bpf_object *obj, const char *name)
{
	return bpf_object__find_map_by_name(obj, name);
}

int rings_config(const struct options *opts, struct config *cfg)
{
	int n = 0;

	if (opts->rings != RINGS_SHARED)
		n = ring_set_count(opts->rings);
	if (n < 0)
		return n;
	cfg->ring_count = n;
	cfg->rings_per_cpu = opts->rings == RINGS_PER_CPU;
	cfg->have_cmpxchg = kernel_has_cmpxchg();
	return 0;
}

int rings_size_maps(struct bpf_object *obj, const struct options *opts,
		    const struct config *cfg)
{
	unsigned int n = cfg->ring_count;
	unsigned long page = sysconf(_SC_PAGESIZE);
	int err;

	err = bpf_map__set_max_entries(find_map(obj, "rings"), n ? n : 1);
	if (!err)
		err = bpf_map__set_max_entries(find_map(obj, "wakeup_lines"),
					       n ? n : 1);
	/* Unused, events takes the least a ring can: a page. */
	if (!err)
		err = bpf_map__set_max_entries(find_map(obj, "events"),
					       n ? page : opts->ring_size);
	return err;
}

/* The soft limit of open files raised to the hard one; the limit now. */
static rlim_t raise_file_limit(void)
{
	struct rlimit lim;

	if (getrlimit(RLIMIT_NOFILE, &lim))
		return RLIM_INFINITY;	/* not known: let the kernel say */
	if (lim.rlim_cur == lim.rlim_max)
		return lim.rlim_cur;
	lim.rlim_cur = lim.rlim_max;
	if (!setrlimit(RLIMIT_NOFILE, &lim))
		return lim.rlim_cur;
	/* A hard limit above the kernel's nr_open: the soft one stays. */
	getrlimit(RLIMIT_NOFILE, &lim);
	return lim.rlim_cur;
}

int rings_fit_open_files(const struct options *opts, const char *tool)
{
	int n = opts->rings == RINGS_SHARED ? 0 : ring_set_count(opts->rings);
	rlim_t limit = raise_file_limit();
	unsigned long long need = (unsigned long long)n + OTHER_FILES;
	char rings[16];

	if (n <= 0 || limit == RLIM_INFINITY || need <= limit)
		return 0;
	if (opts->rings == RINGS_PER_CPU)
		snprintf(rings, sizeof(rings), "per-cpu");
	else
		snprintf(rings, sizeof(rings), "%u", opts->rings);
	fprintf(stderr, "%s: --rings %s needs %llu open files (one a ring, "
		"and %d more), but this process may have %llu: raise the "
		"limit (ulimit -n %llu, as root; LimitNOFILE= for a systemd "
		"service), or use fewer rings\n", tool, rings, need,
		OTHER_FILES, (unsigned long long)limit, need);
	return 1;
}
