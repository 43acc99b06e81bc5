// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Buffer sizes: what the options need, and what the machine can give. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include "sizing.h"

/* "16M", "256K" or "4096": bytes, in the largest unit that divides them. */
static void size_text(char *buf, size_t len, unsigned long long bytes)
{
	static const char units[] = "KMG";
	int u = -1;

	while (u < 2 && bytes && bytes % 1024 == 0) {
		bytes /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, len, "%llu", bytes);
	else
		snprintf(buf, len, "%llu%c", bytes, units[u]);
}

unsigned long long exec_record_max(const struct options *opts)
{
	return EXEC_EVENT_SIZE(opts->max_args_bytes) +
	       (opts->cwd ? CWD_ROOM : 0) + (opts->env.count ? ENV_BYTES : 0);
}

/*
 * A buffer must hold the largest exec record the options allow: the
 * reserve variants reserve that much for every exec, and a record larger
 * than the buffer is lost whatever the consumer does.  With -x, a failed
 * exec's room too (reserve/submit reserves it whole).
 */
bool buffer_fits(const struct options *opts, enum mechanism m, char *msg,
		 size_t len)
{
	unsigned long long record = exec_record_max(opts);
	unsigned long page_size = sysconf(_SC_PAGESIZE);
	char size[32], args[64], least[32];

	if (opts->failed && EXEC_FAIL_ROOM(opts->max_args_bytes) > record)
		record = EXEC_FAIL_ROOM(opts->max_args_bytes);
	size_text(args, sizeof(args), opts->max_args_bytes);
	if (opts->cwd)
		strcat(args, ", --cwd");
	if (opts->env.count)
		strcat(args, ", --env");
	if (m == MECHANISM_RINGBUF &&
	    ring_record_bytes(record) >= opts->ring_size) {
		size_text(size, sizeof(size), opts->ring_size);
		size_text(least, sizeof(least),
			  smallest_ring_size(record, page_size));
		snprintf(msg, len, "--buffer-size %s cannot hold an exec event "
			 "of %llu bytes (with --max-args-bytes %s): use at "
			 "least --buffer-size %s", size, record, args, least);
		return false;
	}
	if (m == MECHANISM_PERFBUF &&
	    perf_record_bytes(record) >=
	    (unsigned long long)opts->perf_pages * page_size) {
		size_text(size, sizeof(size), opts->perf_pages * page_size);
		snprintf(msg, len, "--pages %u (%s per CPU) cannot hold an exec "
			 "event of %llu bytes (with --max-args-bytes %s): use "
			 "at least --pages %u", opts->perf_pages, size, record,
			 args, smallest_perf_pages(record, page_size));
		return false;
	}
	return true;
}

/*
 * --rings times --buffer-size is memory the kernel allocates at once, and
 * cannot swap out: more than half of the machine's is refused before it
 * is taken, rather than found out by the OOM killer.
 */
bool rings_fit_memory(const struct options *opts, char *msg, size_t len)
{
	unsigned long long n = opts->rings, total, memory;
	char size[32], all[32];

	if (opts->rings == RINGS_PER_CPU) {
		int cpus = libbpf_num_possible_cpus();

		n = cpus > 0 ? cpus : 1;
	}
	total = n * opts->ring_size;
	memory = (unsigned long long)sysconf(_SC_PHYS_PAGES) *
		 sysconf(_SC_PAGESIZE);
	if (total <= memory / 2)
		return true;
	size_text(size, sizeof(size), opts->ring_size);
	size_text(all, sizeof(all), total);
	snprintf(msg, len, "%llu rings of --buffer-size %s take %s, more than "
		 "half (%.1f GiB) of this machine's %.1f GiB of memory: "
		 "fewer --rings or a smaller --buffer-size", n, size, all,
		 memory / 2 / 1073741824.0, memory / 1073741824.0);
	return false;
}

/*
 * The buffer options' text says each default, and the least size that
 * holds the largest exec of the default --max-args-bytes.
 */
struct buffer_docs buffer_docs(const struct variant *v)
{
	static char ring_doc[320], pages_doc[256], rings_doc[480];
	int cpus = libbpf_num_possible_cpus();
	unsigned long long record = EXEC_EVENT_SIZE(DEFAULT_ARGS_BYTES);
	unsigned long page_size = sysconf(_SC_PAGESIZE);
	char size[32], least[32];

	size_text(size, sizeof(size), v->ring_size);
	size_text(least, sizeof(least), smallest_ring_size(record, page_size));
	snprintf(ring_doc, sizeof(ring_doc), "Size of the ring buffer, or of "
		 "each ring (default %s): a power of two and a multiple of the page "
		 "size, with room for the largest exec event (at least %s, more "
		 "with a larger --max-args-bytes, --cwd, --env); K, M, G suffixes", size,
		 least);
	snprintf(rings_doc, sizeof(rings_doc), "How many ring buffers, each "
		 "of --buffer-size: shared (the default), one for all CPUs; "
		 "per-cpu, one per CPU (%d here: %d times the memory); or N, a "
		 "power of two, each process's events in the one its pid picks, "
		 "in order.  Across rings, time order needs --ordered.  Each "
		 "ring is an open file: the soft ulimit -n is raised to the "
		 "hard one", cpus, cpus);
	size_text(size, sizeof(size), v->perf_pages * page_size);
	snprintf(pages_doc, sizeof(pages_doc), "Perf buffer pages per CPU "
		 "(default %u, %s per CPU), a power of two, with room for the "
		 "largest exec event (at least %u, more with a larger "
		 "--max-args-bytes, --cwd, --env)", v->perf_pages, size,
		 smallest_perf_pages(record, page_size));
	return (struct buffer_docs){
		.ring_size = ring_doc, .perf_pages = pages_doc,
		.rings = rings_doc,
	};
}
