// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A ring buffer is a map like any other: user space can make as many as it
 * wants and hand them to the BPF side in an array of maps, where a program
 * picks one.  Made after load, each ring gets its size then: the array's
 * template only says what kind of map goes in it.  The array holds its own
 * reference to each: ours go when the set is closed, its with the object.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "ring_set.h"

int ring_set_count(unsigned int rings)
{
	if (rings == RINGS_SHARED)
		return 1;
	if (rings == RINGS_PER_CPU)
		return libbpf_num_possible_cpus();
	return rings;
}

/*
 * What a kernel without batch updates for arrays of maps (before 5.19)
 * answers: the kernel's "not supported", not among user space's errnos.
 */
#define ENOTSUPP	524

/* One ring at a time: a grace period each.  0 or -errno. */
static int update_each(int array_fd, const int *fds, __u32 n)
{
	for (__u32 i = 0; i < n; i++)
		if (bpf_map_update_elem(array_fd, &i, &fds[i], BPF_ANY))
			return -errno;
	return 0;
}

/*
 * Puts fds[i] at index i of the array of maps.  After each update of an
 * array of maps, the kernel waits for an RCU grace period (13 ms here),
 * so that no program still runs with the old value: a ring at a time,
 * --rings 1024 took 13 s to start.  A batch waits once.  0 or -errno.
 */
static int fill_array(int array_fd, const int *fds, __u32 n)
{
	__u32 *keys = calloc(n, sizeof(*keys)), count = n;
	int err = 0;

	if (!keys)
		return -ENOMEM;
	for (__u32 i = 0; i < n; i++)
		keys[i] = i;
	if (bpf_map_update_batch(array_fd, keys, fds, &count, NULL))
		err = -errno;
	free(keys);
	return err == -ENOTSUPP ? update_each(array_fd, fds, n) : err;
}

int ring_set_open(struct ring_set *t, unsigned int rings, int shared_fd,
		  int array_fd, unsigned long long size)
{
	int count = ring_set_count(rings), fd;

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
	while (t->n < (unsigned int)count) {
		fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "ring", 0, 0, size,
				    NULL);
		if (fd < 0)
			return -errno;
		t->fds[t->n++] = fd;
	}
	return fill_array(array_fd, t->fds, t->n);
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

unsigned long long ring_set_bytes(const struct ring_set *t)
{
	unsigned long long bytes = 0;

	for (unsigned int i = 0; i < t->n; i++)
		bytes += memlock(t->fds[i]);
	return bytes;
}

void ring_set_close(struct ring_set *t)
{
	for (unsigned int i = 0; t->rings != RINGS_SHARED && i < t->n; i++)
		close(t->fds[i]);
	free(t->fds);
	t->fds = NULL;
	t->n = 0;
}
