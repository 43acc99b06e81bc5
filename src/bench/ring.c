// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The kernel's ring buffer layout, as mmap() shows it: a page holding the
 * consumer position (the only thing user space writes), a page holding the
 * producer position, then the data, mapped twice in a row so that a record
 * that wraps around the end can be read in one piece.
 *
 * Each record starts with an 8-byte header: its length, with a busy bit set
 * while the producer still writes it and a discard bit for records to skip,
 * then the record padded to 8 bytes.  The producer publishes a record by
 * clearing the busy bit with a release store, so reading the header with an
 * acquire load makes the record's contents visible.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/bpf.h>
#include "ring.h"

/* One ring's two mappings. */
struct ring_map {
	unsigned long *consumer_pos;		/* read-write page */
	const unsigned long *producer_pos;	/* read-only, then the data */
	const char *data;
	unsigned long mask;
	size_t size;
};

struct ring {
	struct ring_map *maps;
	unsigned int n;
	size_t page_size;
	int epoll_fd;
	ring_record_fn fn;
	void *ctx;
};

struct ring *ring_new(int map_fd, size_t size, ring_record_fn fn, void *ctx)
{
	struct ring *r = calloc(1, sizeof(*r));
	int err;

	if (!r)
		return NULL;
	r->page_size = getpagesize();
	r->fn = fn;
	r->ctx = ctx;
	r->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	err = r->epoll_fd < 0 ? -errno : ring_add(r, map_fd, size);
	if (err) {
		ring_free(r);
		errno = -err;
		return NULL;
	}
	return r;
}

static void unmap(struct ring_map *m, size_t page_size)
{
	if (m->producer_pos)
		munmap((void *)m->producer_pos, page_size + 2 * m->size);
	if (m->consumer_pos)
		munmap(m->consumer_pos, page_size);
}

int ring_add(struct ring *r, int map_fd, size_t size)
{
	struct epoll_event ev = { .events = EPOLLIN };
	struct ring_map m = { .size = size, .mask = size - 1 };
	struct ring_map *maps = realloc(r->maps, (r->n + 1) * sizeof(*maps));
	void *p;
	int err;

	if (!maps)
		return -ENOMEM;
	r->maps = maps;
	p = mmap(NULL, r->page_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		 map_fd, 0);
	if (p == MAP_FAILED)
		return -errno;
	m.consumer_pos = p;
	p = mmap(NULL, r->page_size + 2 * size, PROT_READ, MAP_SHARED, map_fd,
		 r->page_size);
	if (p == MAP_FAILED)
		goto fail;
	m.producer_pos = p;
	m.data = (const char *)p + r->page_size;
	if (epoll_ctl(r->epoll_fd, EPOLL_CTL_ADD, map_fd, &ev))
		goto fail;
	r->maps[r->n++] = m;
	return 0;
fail:
	err = -errno;
	unmap(&m, r->page_size);
	return err;
}

static long consume_map(struct ring *r, struct ring_map *m)
{
	unsigned long cons = *m->consumer_pos, prod;	/* only we write it */
	bool busy = false;
	long n = 0;

	while (!busy &&
	       (prod = __atomic_load_n(m->producer_pos, __ATOMIC_ACQUIRE)) > cons) {
		while (cons < prod) {
			const __u32 *hdr = (const void *)(m->data +
							  (cons & m->mask));
			__u32 len = __atomic_load_n(hdr, __ATOMIC_ACQUIRE);

			/* Still being written: the records after it wait. */
			if (len & BPF_RINGBUF_BUSY_BIT) {
				busy = true;
				break;
			}
			if (!(len & BPF_RINGBUF_DISCARD_BIT)) {
				r->fn(r->ctx, hdr + 2, len);
				n++;
			}
			len &= ~BPF_RINGBUF_DISCARD_BIT;
			cons += (len + BPF_RINGBUF_HDR_SZ + 7) & ~7UL;
		}
		/*
		 * Once per pass, not per record: the release store orders our
		 * reads of the records before producers reuse their space.
		 */
		__atomic_store_n(m->consumer_pos, cons, __ATOMIC_RELEASE);
		/*
		 * A producer wakes us only if it sees the consumer position
		 * at its record: either it sees our store, or the next load
		 * of the producer position sees its record.  Without a full
		 * barrier both could miss (store then load may reorder), and
		 * we would sleep with data pending.
		 */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
	}
	return n;
}

long ring_consume(struct ring *r)
{
	long n = 0;

	for (unsigned int i = 0; i < r->n; i++)
		n += consume_map(r, &r->maps[i]);
	return n;
}

/*
 * Every ring, whichever woke us, and after a timeout too: with batched
 * wakeups, records below the threshold are read at least every timeout.
 */
long ring_poll(struct ring *r, int timeout_ms)
{
	struct epoll_event ev;

	if (epoll_wait(r->epoll_fd, &ev, 1, timeout_ms) < 0)
		return -errno;
	return ring_consume(r);
}

void ring_free(struct ring *r)
{
	if (!r)
		return;
	if (r->epoll_fd >= 0)
		close(r->epoll_fd);
	for (unsigned int i = 0; i < r->n; i++)
		unmap(&r->maps[i], r->page_size);
	free(r->maps);
	free(r);
}
