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

struct ring {
	unsigned long *consumer_pos;		/* read-write page */
	const unsigned long *producer_pos;	/* read-only, then the data */
	const char *data;
	unsigned long mask;
	size_t page_size, size;
	int epoll_fd;
	ring_record_fn fn;
	void *ctx;
};

struct ring *ring_new(int map_fd, size_t size, ring_record_fn fn, void *ctx)
{
	struct epoll_event ev = { .events = EPOLLIN };
	struct ring *r = calloc(1, sizeof(*r));
	void *p;
	int err;

	if (!r)
		return NULL;
	r->page_size = getpagesize();
	r->size = size;
	r->mask = size - 1;
	r->fn = fn;
	r->ctx = ctx;
	r->epoll_fd = -1;
	p = mmap(NULL, r->page_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		 map_fd, 0);
	if (p == MAP_FAILED)
		goto fail;
	r->consumer_pos = p;
	p = mmap(NULL, r->page_size + 2 * size, PROT_READ, MAP_SHARED, map_fd,
		 r->page_size);
	if (p == MAP_FAILED)
		goto fail;
	r->producer_pos = p;
	r->data = (const char *)p + r->page_size;
	r->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	if (r->epoll_fd < 0 ||
	    epoll_ctl(r->epoll_fd, EPOLL_CTL_ADD, map_fd, &ev))
		goto fail;
	return r;
fail:
	err = errno;
	ring_free(r);
	errno = err;
	return NULL;
}

long ring_consume(struct ring *r)
{
	unsigned long cons = *r->consumer_pos, prod;	/* only we write it */
	bool busy = false;
	long n = 0;

	while (!busy &&
	       (prod = __atomic_load_n(r->producer_pos, __ATOMIC_ACQUIRE)) > cons) {
		while (cons < prod) {
			const __u32 *hdr = (const void *)(r->data +
							  (cons & r->mask));
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
		__atomic_store_n(r->consumer_pos, cons, __ATOMIC_RELEASE);
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
	if (r->producer_pos)
		munmap((void *)r->producer_pos, r->page_size + 2 * r->size);
	if (r->consumer_pos)
		munmap(r->consumer_pos, r->page_size);
	free(r);
}
