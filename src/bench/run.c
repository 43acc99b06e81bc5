// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * One run: load the BPF program configured for it, start the consumer and
 * the producers on their CPUs, let them warm up, measure a window, stop the
 * producers, drain the buffer, and check that every record is accounted for.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "run.h"		/* before the skeleton: it defines its types */
#include "bench.skel.h"
#include "clock.h"
#include "perf_sample.h"
#include "ring.h"
#include "stats.h"
#include "ring_set.h"

#define POLL_TIMEOUT_MS		100
#define LATENCY_CAP		(1U << 20)	/* samples kept per run */
/* Busy mode with the perf buffer: as good as never waking the consumer. */
#define PERF_NO_WAKEUP		(1U << 30)

struct producer {
	pthread_t thread;
	struct run *run;
	unsigned int index;
	int cpu;
	unsigned long long triggers;	/* written by the thread only */
} __attribute__((aligned(64)));

struct run {
	const struct bench_opts *opts;
	const struct bench_config *cfg;
	struct bench_bpf *skel;
	struct ring_set topo;		/* the rings, for ring mechanisms */
	struct ring_buffer *lrb;
	struct perf_buffer *pb;
	struct ring *ring;
	pthread_t consumer;
	bool consuming;		/* the consumer thread was started */
	bool stop_producers, stop_consumer, measuring;
	struct producer producers[BENCH_MAX_PRODUCERS];
	/* The consumer thread's own, read by main with relaxed loads. */
	unsigned long long delivered __attribute__((aligned(64)));
	unsigned long long reordered, corrupt;
	unsigned int last_seq[BENCH_MAX_PRODUCERS];
	bool seen[BENCH_MAX_PRODUCERS];
	unsigned long long *latency;
	size_t latency_n;
	unsigned char fill[REC_FILL_SIZE];	/* what follows a record word */
	int err;
};

#define LOAD(x)		__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define STORE(x, v)	__atomic_store_n(&(x), (v), __ATOMIC_RELAXED)

/* A thread on cpu (-1: anywhere); fails at once if the CPU is not there. */
static int start_thread(pthread_t *t, int cpu, void *(*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	cpu_set_t set;
	int err;

	err = pthread_attr_init(&attr);
	if (err)
		return err;
	if (cpu >= 0) {
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		err = pthread_attr_setaffinity_np(&attr, sizeof(set), &set);
	}
	if (!err)
		err = pthread_create(t, &attr, fn, arg);
	pthread_attr_destroy(&attr);
	return err;
}

/*
 * Whether a record is whole and filled as every mechanism must fill it.  A
 * perf sample may carry padding after it: only the record's size counts.
 */
static bool intact(const struct run *r, const char *data, size_t size)
{
	size_t n = r->cfg->size;

	return size >= n && !memcmp(data + BENCH_MIN_RECORD, r->fill,
				    n - BENCH_MIN_RECORD);
}

/*
 * The consumer's work per record: count, check order; now and then, check
 * the contents and time it.
 */
static void handle(struct run *r, const void *data, size_t size)
{
	unsigned long long w;
	unsigned int p, seq;

	/* The kernel's benchmark's consumer: it counts, nothing else. */
	if (r->cfg->harness == HARNESS_COUNT) {
		STORE(r->delivered, r->delivered + 1);
		return;
	}
	if (size < sizeof(w))	/* cannot happen: BENCH_MIN_RECORD */
		return;
	/* memcpy: a perf sample is only 4-byte aligned. */
	memcpy(&w, data, sizeof(w));
	p = rec_producer(w);
	seq = rec_seq(w);
	/* After a gap left by drops, any later number is in order. */
	if (r->seen[p] && !rec_gap(w) &&
	    seq != ((r->last_seq[p] + 1) & REC_SEQ_MASK))
		r->reordered++;
	r->seen[p] = true;
	r->last_seq[p] = seq;
	STORE(r->delivered, r->delivered + 1);
	/*
	 * Only these records carry their own submit time (see bench.bpf.c),
	 * and only these are checked, so that the consumer's cost per record
	 * stays that of reading it.
	 */
	if (seq & (r->opts->latency_every - 1))
		return;
	if (!intact(r, data, size))
		r->corrupt++;
	if (LOAD(r->measuring) && r->latency_n < LATENCY_CAP)
		r->latency[r->latency_n++] =
			(clock_ns(CLOCK_MONOTONIC) - rec_ts(w)) & REC_TS_MASK;
}

static int on_ring_record(void *ctx, void *data, size_t size)
{
	handle(ctx, data, size);
	return 0;
}

static void on_custom_record(void *ctx, const void *data, size_t size)
{
	handle(ctx, data, size);
}

static enum bpf_perf_event_ret on_perf_event(void *ctx, int cpu,
					     struct perf_event_header *e)
{
	const struct perf_sample *s = perf_sample_of(e);

	(void)cpu;
	if (s)
		handle(ctx, s->data, s->size);
	return LIBBPF_PERF_EVENT_CONT;
}

static int consume(struct run *r, int timeout_ms)
{
	if (r->ring)
		return timeout_ms ? ring_poll(r->ring, timeout_ms) :
				    ring_consume(r->ring);
	if (r->lrb)
		return timeout_ms ? ring_buffer__poll(r->lrb, timeout_ms) :
				    ring_buffer__consume(r->lrb);
	return timeout_ms ? perf_buffer__poll(r->pb, timeout_ms) :
			    perf_buffer__consume(r->pb);
}

static void *consumer_main(void *arg)
{
	struct run *r = arg;
	int timeout = r->cfg->wakeup == WAKEUP_BUSY ? 0 : POLL_TIMEOUT_MS;
	int err = 0;

	while (!LOAD(r->stop_consumer)) {
		err = consume(r, timeout);
		if (err < 0 && err != -EINTR)
			break;
		err = 0;
	}
	/* The producers are done: whatever is left is the final drain. */
	if (!err)
		err = consume(r, 0);
	r->err = err < 0 ? err : 0;
	return NULL;
}

static void *producer_main(void *arg)
{
	struct producer *p = arg;
	unsigned long long n = 0;

	/* getpgid(0) ignores its second argument: the BPF side reads it. */
	do {
		syscall(__NR_getpgid, 0, p->index);
		STORE(p->triggers, ++n);
	} while (!p->run->opts->burst && !LOAD(p->run->stop_producers));
	return NULL;
}

/* Says what failed; returns -err, for the caller to pass on. */
static int report_error(const char *what, int err)
{
	fprintf(stderr, "ringbuf-bench: %s: %s\n", what, strerror(err));
	return -err;
}

/*
 * Rings that the free memory cannot hold would not fail with ENOMEM: the
 * kernel would make room by killing a process, this one or another.
 */
static int check_memory(int count, unsigned long long size)
{
	unsigned long long want = count * size;
	unsigned long long free = (unsigned long long)sysconf(_SC_AVPHYS_PAGES) *
				  getpagesize();

	if (want <= free)
		return 0;
	fprintf(stderr, "ringbuf-bench: %d ring%s of %llu bytes take %llu MiB, "
		"more than the %llu MiB free (lower --buffer-size or --rings)\n",
		count, count > 1 ? "s" : "", size, want >> 20, free >> 20);
	return -ENOMEM;
}

/*
 * The shared ring gets --buffer-size when it is the topology, else a page,
 * and the array of rings a slot per ring of the topology.
 */
static int size_rings(struct run *r)
{
	const struct bench_config *cfg = r->cfg;
	struct bench_bpf *s = r->skel;
	unsigned int page = getpagesize();
	bool shared = mech_has_rings(cfg->mech) && cfg->rings == RINGS_SHARED;
	int count = ring_set_count(cfg->rings), err;

	if (count < 0)
		return report_error("counting the possible CPUs", -count);
	if (mech_has_rings(cfg->mech)) {
		err = check_memory(count, r->opts->ring_size);
		if (err)
			return err;
	}
	err = bpf_map__set_max_entries(s->maps.rb, shared ? r->opts->ring_size :
				       page);
	if (!err)
		err = bpf_map__set_max_entries(s->maps.ring_array, count);
	if (!err)
		err = bpf_map__set_max_entries(s->maps.ring_lines, count);
	return err ? report_error("sizing the ring buffers", -err) : 0;
}

/*
 * Loads the object, the array of rings made after a template of ours, a
 * one-page ring: libbpf's own (bpf_map__inner_map()) cannot be sized in
 * libbpf 1.7, whose bpf_map__set_max_entries() crashes on it.  The array
 * keeps what it needs of the template, which can go once loaded.
 */
static int load_with_template(struct bench_bpf *s)
{
	int fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "bench_template", 0, 0,
				getpagesize(), NULL);
	int err;

	if (fd < 0)
		return report_error("creating the rings' template", errno);
	err = bpf_map__set_inner_map_fd(s->maps.ring_array, fd);
	if (err) {
		close(fd);
		return report_error("giving the rings' template", -err);
	}
	err = bench_bpf__load(s);
	close(fd);
	return err ? report_error("loading the BPF program", -err) : 0;
}

static int load_program(struct run *r)
{
	const struct bench_config *cfg = r->cfg;
	struct bench_bpf *s;
	int err;

	s = r->skel = bench_bpf__open();
	if (!s)
		return report_error("opening the BPF object", errno);
	s->rodata->target_tgid = getpid();
	s->rodata->trigger_nr = __NR_getpgid;
	s->rodata->mech = cfg->mech;
	s->rodata->wakeup = cfg->wakeup;
	s->rodata->rings = cfg->rings;
	s->rodata->record_size = cfg->size;
	s->rodata->batch = cfg->batch;
	s->rodata->harness = cfg->harness;
	s->rodata->latency_mask = r->opts->latency_every - 1;
	for (unsigned int i = 0; i < REC_FILL_SIZE; i++)
		s->rodata->rec_fill[i] = r->fill[i];
	/* As the ring holds them: an 8-byte header, then 8-byte aligned. */
	s->rodata->wakeup_bytes = (unsigned long long)r->opts->threshold *
				  (((cfg->size + 7) & ~7U) + 8);
	err = size_rings(r);
	if (!err)
		err = load_with_template(s);
	if (err)
		return err;
	/* In place before the first record. */
	if (mech_has_rings(cfg->mech)) {
		err = ring_set_open(&r->topo, cfg->rings,
				    bpf_map__fd(s->maps.rb),
				    bpf_map__fd(s->maps.ring_array),
				    r->opts->ring_size);
		if (err)
			return report_error("creating the ring buffers", -err);
	}
	err = bench_bpf__attach(s);
	if (err)
		return report_error("attaching the BPF program", -err);
	return 0;
}

static int open_perf_buffer(struct run *r)
{
	struct perf_event_attr attr = perf_sample_attr();

	if (r->cfg->wakeup == WAKEUP_BATCHED)
		attr.wakeup_events = r->opts->threshold;
	else if (r->cfg->wakeup == WAKEUP_BUSY)
		attr.wakeup_events = PERF_NO_WAKEUP;
	r->pb = perf_buffer__new_raw(bpf_map__fd(r->skel->maps.pb),
				     r->opts->perf_pages, &attr, on_perf_event,
				     r, NULL);
	return r->pb ? 0 : report_error("setting up the perf buffer", errno);
}

/* One consumer for every ring of the topology. */
static int open_consumer(struct run *r)
{
	const int *fds = r->topo.fds;
	size_t size = r->opts->ring_size;
	int err = 0;

	if (r->cfg->mech == MECH_PERFBUF)
		return open_perf_buffer(r);
	if (r->cfg->consumer == CONSUMER_CUSTOM)
		r->ring = ring_new(fds[0], size, on_custom_record, r);
	else
		r->lrb = ring_buffer__new(fds[0], on_ring_record, r, NULL);
	if (!r->ring && !r->lrb)
		return report_error("setting up the ring buffer", errno);
	for (unsigned int i = 1; i < r->topo.n && !err; i++)
		err = r->ring ? ring_add(r->ring, fds[i], size) :
				ring_buffer__add(r->lrb, fds[i],
						 on_ring_record, r);
	return err ? report_error("adding a ring buffer", -err) : 0;
}

/* What the kernel holds for this run's buffers. */
static unsigned long long buffer_bytes(const struct run *r)
{
	if (r->pb)
		return (unsigned long long)perf_buffer__buffer_cnt(r->pb) *
		       (r->opts->perf_pages + 1) * getpagesize();
	if (!r->ring && !r->lrb)
		return 0;
	return ring_set_bytes(&r->topo);
}

struct snapshot {
	unsigned long long ns, triggers, delivered, dropped, consumer_ns;
	unsigned long long producer_ns;
};

static bool has_consumer(const struct run *r)
{
	return r->ring || r->lrb || r->pb;
}

static void snap(struct run *r, struct snapshot *s)
{
	clockid_t cpu_clock;

	s->ns = clock_ns(CLOCK_MONOTONIC);
	s->triggers = s->delivered = s->dropped = s->consumer_ns = 0;
	s->producer_ns = 0;
	for (unsigned int i = 0; i < r->opts->producers; i++) {
		s->triggers += LOAD(r->producers[i].triggers);
		/*
		 * Their CPU time, not the window's: a producer that waits for
		 * its CPU (the machine is shared) costs nothing meanwhile.
		 * Only while they run: a joined thread has no clock.
		 */
		if (!LOAD(r->stop_producers) &&
		    !pthread_getcpuclockid(r->producers[i].thread, &cpu_clock))
			s->producer_ns += clock_ns(cpu_clock);
		if (r->skel)
			s->dropped += LOAD(r->skel->bss->slots[i].dropped);
	}
	s->delivered = LOAD(r->delivered);
	if (r->consuming && !pthread_getcpuclockid(r->consumer, &cpu_clock))
		s->consumer_ns = clock_ns(cpu_clock);
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static int start_producers(struct run *r)
{
	const struct opt_list *cpus = &r->opts->producer_cpus;
	int err;

	for (unsigned int i = 0; i < r->opts->producers; i++) {
		struct producer *p = &r->producers[i];

		p->run = r;
		p->index = i;
		p->cpu = cpus->v[i % cpus->n];
		err = start_thread(&p->thread, p->cpu, producer_main, p);
		if (err) {
			STORE(r->stop_producers, true);
			while (i--)
				pthread_join(r->producers[i].thread, NULL);
			return report_error("starting producers on their CPUs", err);
		}
	}
	return 0;
}

static void stop_producers(struct run *r)
{
	STORE(r->stop_producers, true);
	for (unsigned int i = 0; i < r->opts->producers; i++)
		pthread_join(r->producers[i].thread, NULL);
}

static void summarize(struct run *r, const struct snapshot *a,
		      const struct snapshot *b, struct run_result *res)
{
	res->seconds = (b->ns - a->ns) / 1e9;
	res->triggers = b->triggers - a->triggers;
	res->delivered = b->delivered - a->delivered;
	res->dropped = b->dropped - a->dropped;
	res->consumer_cpu = (b->consumer_ns - a->consumer_ns) /
			    (double)(b->ns - a->ns);
	res->producer_cpu_ns = b->producer_ns - a->producer_ns;
	if (r->latency_n)
		sort_u64(r->latency, r->latency_n);
	res->p50_ns = percentile(r->latency, r->latency_n, 50);
	res->p99_ns = percentile(r->latency, r->latency_n, 99);
	res->p999_ns = percentile(r->latency, r->latency_n, 99.9);
	res->buffer_bytes = buffer_bytes(r);
	res->delivered_total = r->delivered;
	res->reordered = r->reordered;
	res->corrupt = r->corrupt;
	for (unsigned int i = 0; r->skel && i < r->opts->producers; i++) {
		res->produced_total += r->skel->bss->slots[i].produced;
		res->dropped_total += r->skel->bss->slots[i].dropped;
	}
}

/* Reads whatever the buffers hold, once the producers are done. */
static int drain(struct run *r)
{
	int n = has_consumer(r) ? consume(r, 0) : 0;

	return n < 0 ? report_error("consuming records", -n) : 0;
}

/*
 * The measured part, once the program and the consumer are ready.  With
 * --consumer none, nobody reads until the producers are done: what the
 * buffers hold then is drained, so that every record is accounted for.
 */
static int measure(struct run *r, struct run_result *res)
{
	struct snapshot a, b;
	int err;

	if (has_consumer(r) && r->cfg->consumer != CONSUMER_NONE) {
		err = start_thread(&r->consumer, r->opts->consumer_cpu,
				   consumer_main, r);
		if (err)
			return report_error("starting the consumer on its CPU", err);
		r->consuming = true;
	}
	err = start_producers(r);
	if (!err) {
		sleep_ms(r->opts->warmup_ms);
		snap(r, &a);
		STORE(r->measuring, true);
		sleep_ms(r->opts->duration_ms);
		snap(r, &b);
		STORE(r->measuring, false);
		stop_producers(r);
	}
	if (r->consuming) {
		STORE(r->stop_consumer, true);
		pthread_join(r->consumer, NULL);
		if (!err && r->err)
			err = report_error("consuming records", -r->err);
	} else if (!err) {
		err = drain(r);
	}
	if (!err)
		summarize(r, &a, &b, res);
	return err;
}

/*
 * Capacity alone: every producer's one trigger lands while nobody reads,
 * then the consumer drains.  What was dropped did not fit the buffer.
 */
static int burst(struct run *r, struct run_result *res)
{
	struct snapshot a = {}, b;
	int err;

	err = start_producers(r);
	if (err)
		return err;
	stop_producers(r);
	err = drain(r);
	if (err)
		return err;
	snap(r, &b);
	b.ns = a.ns;	/* no window: no rates */
	summarize(r, &a, &b, res);
	return 0;
}

int run_config(const struct bench_opts *opts, const struct bench_config *cfg,
	       struct run_result *res)
{
	struct run *r = calloc(1, sizeof(*r));
	int err = 0;

	if (!r)
		return report_error("allocating", ENOMEM);
	memset(res, 0, sizeof(*res));
	r->opts = opts;
	r->cfg = cfg;
	for (unsigned int i = 0; i < REC_FILL_SIZE; i++)
		r->fill[i] = rec_fill_byte(i);
	if (cfg->mech != MECH_BARE)
		err = load_program(r);
	if (!err && cfg->mech != MECH_BARE && cfg->mech != MECH_EMPTY) {
		err = open_consumer(r);
		r->latency = malloc(LATENCY_CAP * sizeof(*r->latency));
		if (!err && !r->latency)
			err = report_error("allocating", ENOMEM);
	}
	if (!err)
		err = opts->burst ? burst(r, res) : measure(r, res);
	ring_free(r->ring);
	ring_buffer__free(r->lrb);
	perf_buffer__free(r->pb);
	ring_set_close(&r->topo);
	bench_bpf__destroy(r->skel);
	free(r->latency);
	free(r);
	return err;
}
