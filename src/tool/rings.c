// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A ring buffer is a map like any other: user space can make as many as it
 * wants and hand them to the BPF side in an array of maps.  Made after
 * load, each ring gets its size then: the array's template only says what
 * kind of map goes in it.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "rings.h"

unsigned int rings_count(const struct options *opts)
{
	int cpus;

	if (opts->rings != RINGS_PER_CPU)
		return opts->rings;
	/* Possible, not online: a CPU brought up later has its ring. */
	cpus = libbpf_num_possible_cpus();
	return cpus > 0 ? cpus : 0;
}

int rings_configure(struct tracer_bpf *bpf, const struct options *opts)
{
	unsigned int n = rings_count(opts);
	unsigned long page = sysconf(_SC_PAGESIZE);
	int err;

	if (opts->rings == RINGS_PER_CPU && !n)
		return -ENOENT;		/* no list of possible CPUs */
	*bpf->ring_count = n;
	*bpf->rings_per_cpu = opts->rings == RINGS_PER_CPU;
	err = bpf_map__set_max_entries(bpf->rings, n ? n : 1);
	/* Unused, events takes the least a ring can: a page. */
	if (!err)
		err = bpf_map__set_max_entries(bpf->events,
					       n ? page : opts->ring_size);
	return err;
}

/* Ring i of r, made and put in the BPF side's array: 0, or -errno. */
static int ring_add(struct tracer_bpf *bpf, unsigned long long size,
		    struct rings *r, const char **what)
{
	__u32 key = r->n;
	int fd;

	fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "ring", 0, 0, size, NULL);
	if (fd < 0) {
		*what = "making a ring buffer for --rings";
		return -errno;
	}
	r->fds[r->n++] = fd;
	if (bpf_map_update_elem(bpf_map__fd(bpf->rings), &key, &fd, BPF_ANY)) {
		*what = "handing a ring buffer to the BPF programs";
		return -errno;
	}
	return 0;
}

int rings_make(struct tracer_bpf *bpf, const struct options *opts,
	       struct rings *r, const char **what)
{
	unsigned int n = rings_count(opts);
	int err = 0;

	*r = (struct rings){ .fds = calloc(n ? n : 1, sizeof(*r->fds)) };
	*what = "making the ring buffers";
	if (!r->fds)
		return -ENOMEM;
	if (!n) {
		r->fds[r->n++] = bpf_map__fd(bpf->events);
		return 0;
	}
	r->made = true;
	for (unsigned int i = 0; i < n && !err; i++)
		err = ring_add(bpf, opts->ring_size, r, what);
	return err;
}

void rings_free(struct rings *r)
{
	for (unsigned int i = 0; r->made && i < r->n; i++)
		close(r->fds[i]);
	free(r->fds);
	*r = (struct rings){};
}
