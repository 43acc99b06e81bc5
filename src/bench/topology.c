// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The ring topologies of ringbuf-bench: the map `rb` alone, or ring buffers
 * created here, one per possible CPU or a pool of N, in the BPF object's
 * ARRAY_OF_MAPS, where the program picks one.  The array holds its own
 * reference to each: ours go at the end of the run, theirs with the object.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "bench.h"
#include "topology.h"

int topology_count(unsigned int rings)
{
	if (rings == RINGS_SHARED)
		return 1;
	if (rings == RINGS_PER_CPU)
		return libbpf_num_possible_cpus();
	return rings;
}

/* A new ring at index i of the array: 0 or -errno. */
static int add_ring(struct topology *t, __u32 i, int array_fd,
		    unsigned long long size)
{
	int fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "bench_ring", 0, 0, size,
				NULL);

	if (fd < 0)
		return -errno;
	t->fds[t->n++] = fd;
	return bpf_map_update_elem(array_fd, &i, &fd, BPF_ANY) ? -errno : 0;
}

int topology_open(struct topology *t, unsigned int rings, int shared_fd,
		  int array_fd, unsigned long long size)
{
	int count = topology_count(rings), err = 0;

	t->rings = rings;
	t->n = 0;
	t->fds = NULL;
	if (count < 0)
		return count;
	t->fds = calloc(count, sizeof(*t->fds));
	if (!t->fds)
		return -ENOMEM;
	if (rings == RINGS_SHARED) {
		t->fds[t->n++] = shared_fd;
		return 0;
	}
	for (int i = 0; i < count && !err; i++)
		err = add_ring(t, i, array_fd, size);
	return err;
}

/* The memlock line of a map's fdinfo: its pages, as the kernel counts. */
static unsigned long long memlock(int fd)
{
	unsigned long long bytes = 0;
	char path[64], line[128];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "memlock: %llu", &bytes) == 1)
			break;
	fclose(f);
	return bytes;
}

unsigned long long topology_bytes(const struct topology *t)
{
	unsigned long long bytes = 0;

	for (unsigned int i = 0; i < t->n; i++)
		bytes += memlock(t->fds[i]);
	return bytes;
}

void topology_close(struct topology *t)
{
	for (unsigned int i = 0; t->rings != RINGS_SHARED && i < t->n; i++)
		close(t->fds[i]);
	free(t->fds);
	t->fds = NULL;
	t->n = 0;
}
