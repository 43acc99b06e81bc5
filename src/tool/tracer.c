// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The steps of a tracer's life that the four variants share, which each
 * variant's main() calls around its own skeleton (tracer.h): parse the
 * command line, check the kernel, configure the BPF side, set up the
 * consumer, poll until told to stop, drain, and say what was seen and
 * lost, and how full the buffer got.  Where the lines go is output.c's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "cgroup.h"
#include "clock.h"
#include "consumer.h"
#include "exec_calls.h"
#include "fill.h"
#include "fill_sample.h"
#include "libbpf_log.h"
#include "options.h"
#include "order.h"
#include "output.h"
#include "preflight.h"
#include "record.h"
#include "reorder.h"
#include "ring_set.h"
#include "rings.h"
#include "stop.h"
#include "tracer.h"
#include "variant.h"

/* How long a poll waits per event: the bound on noticing a closed pipe. */
#define POLL_TIMEOUT_MS		100
/*
 * Batched wakeups come each time this fraction of the buffer has been
 * written: little enough that a consumer short of CPU still has three
 * quarters to catch up in (bench/wakeup-losses), large enough that
 * wakeups stay rare: each is an interrupt on the traced CPU and a context
 * switch for the tracer (bench/bpf-parts' forced wakeups).
 */
#define WAKEUP_FRACTION		4
#define LOSS_REPORT_INTERVAL_NS	1000000000ULL

struct tracer {
	struct options opts;		/* the command line's */
	struct config cfg;		/* the BPF side's .rodata */
	int cgroup_fd;			/* --cgroup's directory, until set */
	struct consumer *consumer;
	struct output output;
	struct latency latency;		/* with --latency */
	const volatile struct counters *counters;	/* the BPF side's */
	struct fill fill;		/* how full the buffer got */
	struct fill_sampler *fill_sampler;
	bool fill_sampled;		/* by this poll or drain */
	struct ring_set rings;		/* a ring buffer's: --rings */
	/* A ring buffer's: bytes read from each ring, headers and padding. */
	unsigned long long *ring_read;
	bool ordered;			/* records held: see in_time_order() */
	struct reorder order;
	unsigned long long window_ns;	/* how old a record goes out */
	bool fill_warned;
	unsigned long long malformed;
	unsigned long long lost_reported, last_loss_report_ns;
};

/* One line, with what to do about it when we know; returns the exit status. */
static int fail(const char *what, int err)
{
	fprintf(stderr, "%s: %s: %s\n", variant.name, what, strerror(err));
	return 1;
}

/* A libbpf call failed: its log, silenced without -v, says why. */
static int fail_bpf(const struct options *opts, const char *what, int err)
{
	fprintf(stderr, "%s: %s: %s%s\n", variant.name, what, strerror(err),
		opts->verbose ? "" : " (-v shows libbpf's log)");
	return 1;
}

/* A record ordering held, in its turn now; checked when it came. */
static void release_record(void *ctx, const void *data, size_t size)
{
	(void)size;
	output_event(ctx, data);
}

/*
 * -x on an architecture whose exec system call numbers the BPF side does
 * not know (src/exec_calls.h): it would see nothing.
 */
static bool no_failed_here(void)
{
	fprintf(stderr, "%s: -x is not supported on this architecture: this "
		"build knows the exec system call numbers of x86 and arm64 "
		"only; trace without -x\n", variant.name);
	return false;
}

/* Whether this kernel and this build have what the options need. */
static bool kernel_can(const struct options *opts)
{
	if (variant.mechanism == MECHANISM_RINGBUF &&
	    !kernel_has_ringbuf(variant.name))
		return false;
	if (!kernel_has_kfuncs(variant.name, variant.kfuncs))
		return false;
	if (!opts->failed)
		return true;
	if (!EXEC_CALLS_KNOWN)
		return no_failed_here();
	return kernel_has_helper(variant.name, "-x",
				 "bpf_get_current_task_btf", "5.11");
}

/* What the fill is a share of: the ring, each ring, or each CPU's buffer. */
static struct fill empty_fill(const struct options *opts)
{
	if (variant.mechanism == MECHANISM_RINGBUF)
		return (struct fill){
			.size = opts->ring_size,
			.each = ring_set_count(opts->rings) > 1 ? "ring" : NULL,
		};
	return (struct fill){
		.size = (unsigned long long)opts->perf_pages *
			sysconf(_SC_PAGESIZE),
		.each = "CPU",
	};
}

/* The BPF side's settings, from the options: 0, or the exit status. */
static int make_config(struct tracer *t)
{
	const struct options *opts = &t->opts;
	int err;

	t->cfg = (struct config){
		.filter = opts->filter,
		.max_args_bytes = opts->max_args_bytes,
		.env_bytes = opts->env.count ? ENV_BYTES : 0,
		.want_cwd = opts->cwd,
		/* A helper call per event, for a field only these print. */
		.want_cgroup_id = opts->json || opts->cgroup_column,
		.exit_has_group_dead = kernel_exit_has_group_dead(),
	};
	if (opts->wakeup == WAKEUP_BATCHED)
		t->cfg.wakeup_bytes = opts->ring_size / WAKEUP_FRACTION;
	if (variant.mechanism != MECHANISM_RINGBUF)
		return 0;
	err = rings_config(opts, &t->cfg);
	return err ? fail_bpf(opts, "sizing the ring buffer", -err) : 0;
}

/* The options, where the lines go, the --cgroup directory, the kernel. */
static int prepare(int argc, char **argv, struct tracer *t)
{
	bool stdout_closed = claim_standard_fds();
	struct options *opts = &t->opts;

	/*
	 * Quiet until -v is known: libbpf's default log prints its warnings,
	 * and parsing asks it for the CPUs (a root without /sys has none).
	 */
	show_libbpf_log(false);
	options_parse(argc, argv, &variant, opts);
	hup_reopens(opts->output_path);
	show_libbpf_log(opts->verbose);
	if (output_open(&t->output, opts, stdout_closed,
			opts->latency ? &t->latency : NULL))
		return 1;
	if (opts->cgroup_path &&
	    (t->cgroup_fd = open_cgroup(variant.name, opts->cgroup_path)) < 0)
		return 1;
	if (!preflight_ok(variant.name))
		return 1;
	if (rings_fit_open_files(opts, variant.name))
		return 1;
	if (!kernel_can(opts))
		return 1;
	reorder_init(&t->order, REORDER_MAX_BYTES, release_record, &t->output);
	t->window_ns = order_window_ns(opts);
	t->ordered = in_time_order(opts, variant.mechanism);
	t->fill = empty_fill(opts);
	return make_config(t);
}

int tracer_prepare(struct tracer **tp, int argc, char **argv)
{
	struct tracer *t;

	/* First: a stop at any moment ends the tool through its exit path. */
	stop_on_signals();
	t = *tp = calloc(1, sizeof(*t));
	if (!t)
		return fail("starting", ENOMEM);
	t->cgroup_fd = -1;
	return prepare(argc, argv, t);
}

const struct config *tracer_config(const struct tracer *t)
{
	return &t->cfg;
}

int tracer_configure(struct tracer *t, struct bpf_object *obj)
{
	struct bpf_program *exec_fail =
		bpf_object__find_program_by_name(obj, "handle_exec_fail");
	int err;

	/* Without -x, not even loaded: it would run on every system call. */
	if (!t->opts.failed)
		bpf_program__set_autoload(exec_fail, false);
	if (variant.mechanism != MECHANISM_RINGBUF)
		return 0;
	err = rings_size_maps(obj, &t->opts, &t->cfg);
	return err ? fail_bpf(&t->opts, "sizing the ring buffer", -err) : 0;
}

int tracer_bpf_error(const struct tracer *t, const char *what, int err)
{
	return fail_bpf(&t->opts, what, -err);
}

/*
 * A ring's next record, if there is one, was most likely written on
 * another CPU: its header and first bytes are asked for now, to come
 * while this one is formatted; reserve/submit's records are 8 KiB apart,
 * each a miss (bench/tracing-cost, the tracer's CPU per event).  A
 * prefetch never faults, wherever it points.
 */
static void prefetch_next_record(const void *data, size_t size)
{
	const char *next = (const char *)data + ((size + 7) & ~(size_t)7);

	__builtin_prefetch(next);
	__builtin_prefetch(next + 64);
}

/* What the consumer calls for each record, source its CPU or its ring. */
static void handle_record(void *ctx, unsigned int source, const void *data,
			  size_t size)
{
	const struct event_header *e = event_from_record(data, size);
	struct tracer *t = ctx;

	if (t->ring_read) {
		t->ring_read[source] += ring_record_bytes(size);
		prefetch_next_record(data, size);
	}
	/* Before the first record is consumed: libbpf moves on after each. */
	if (!t->fill_sampled) {
		fill_sample(t->fill_sampler);
		t->fill_sampled = true;
	}
	if (output_counted_all(&t->output))
		return;
	if (!e) {
		t->malformed++;
		return;
	}
	/* Only what it uses: reserve/submit's records are mostly room. */
	if (t->ordered)
		reorder_add(&t->order, source, e->ts_ns, data,
			    event_used_bytes(e));
	else
		output_event(&t->output, e);
}

/* Batched, the perf buffer wakes user space once this much is pending. */
static unsigned long perf_watermark(const struct options *opts)
{
	if (opts->wakeup != WAKEUP_BATCHED)
		return 0;
	return opts->perf_pages * sysconf(_SC_PAGESIZE) / WAKEUP_FRACTION;
}

/*
 * libbpf's consumer, and what samples its fill.  The perf buffer's per-CPU
 * events enter the map only when the consumer is made, and --rings' rings
 * theirs when they are.  Returns 0, or the exit status.
 */
static int open_consumer(struct tracer *t, struct bpf_object *obj)
{
	struct bpf_map *events = bpf_object__find_map_by_name(obj, "events");
	const struct options *opts = &t->opts;
	struct consumer *c;
	int err;

	if (variant.mechanism == MECHANISM_PERFBUF) {
		c = consumer_new_perf(events, opts->perf_pages,
				      perf_watermark(opts), handle_record, t);
		if (c)
			t->fill_sampler = fill_sampler_perf(
				consumer_perf_buffer(c));
	} else {
		err = ring_set_open(&t->rings, opts->rings, bpf_map__fd(events),
				    bpf_map__fd(bpf_object__find_map_by_name(
					    obj, "rings")),
				    opts->ring_size);
		if (err)
			return fail_bpf(opts, "making the rings of --rings", -err);
		t->ring_read = calloc(t->rings.n, sizeof(*t->ring_read));
		if (!t->ring_read)
			return fail("setting up the event buffer", ENOMEM);
		c = consumer_new_rings(t->rings.fds, t->rings.n, handle_record,
				       t);
		if (c)
			t->fill_sampler = fill_sampler_rings(
				consumer_ring_buffer(c), t->rings.fds,
				t->rings.n);
	}
	t->consumer = c;
	if (!t->fill_sampler)
		return fail_bpf(opts, "setting up the event buffer", errno);
	return 0;
}

/* Puts --cgroup's directory in the filter map; its fd is done then. */
static int set_cgroup_filter(struct tracer *t, struct bpf_object *obj)
{
	struct bpf_map *filter =
		bpf_object__find_map_by_name(obj, "cgroup_filter");
	__u32 zero = 0;
	int err;

	err = bpf_map_update_elem(bpf_map__fd(filter), &zero, &t->cgroup_fd,
				  BPF_ANY);
	close(t->cgroup_fd);
	t->cgroup_fd = -1;
	return err ? fail_bpf(&t->opts, "setting the --cgroup filter", -err) : 0;
}

int tracer_start(struct tracer *t, struct bpf_object *obj,
		 const volatile struct counters *counters)
{
	t->counters = counters;
	if (t->cgroup_fd >= 0 && set_cgroup_filter(t, obj))
		return 1;
	return open_consumer(t, obj);
}

/* What is traced, and into what when it is not the one ring or perf buffer. */
static void say_tracing(const struct tracer *t)
{
	struct buf line = {};

	buf_printf(&line, "%s: tracing exec and exit%s", variant.name,
		   t->opts.failed ? ", and failed execs" : "");
	if (t->rings.n > 1) {
		buf_printf(&line, " into %u rings of ", t->rings.n);
		size_text_iec(&line, t->opts.ring_size);
		buf_puts(&line, " (");
		size_text_iec(&line, t->rings.n * t->opts.ring_size);
		buf_puts(&line, ")");
	}
	buf_puts(&line, "; Ctrl-C to stop\n");
	if (!buf_failed(&line))
		fwrite(line.data, 1, line.len, stderr);
	buf_free(&line);
}

/* What sizes the buffer. */
static const char *size_option(void)
{
	return variant.mechanism == MECHANISM_PERFBUF ? "--pages" :
	       "--buffer-size";
}

/* What makes room for more: that, or for one shared ring, more rings. */
static const char *more_room(const struct tracer *t)
{
	if (variant.mechanism == MECHANISM_RINGBUF &&
	    t->opts.rings == RINGS_SHARED)
		return "--buffer-size (or --rings per-cpu)";
	return size_option();
}

/*
 * Samples the fill, and past three quarters full warns, once: before
 * anything is lost if a sample caught the fill on its way up, else with
 * what was lost.  The loss counter is read after the sample, so that a
 * loss before the sample is never missed by the warning.  Called before
 * report_losses(), so that a consumer resumed after a stop says the
 * buffer is full before it reports the losses.
 */
static void check_fill(struct tracer *t)
{
	struct buf line = {};

	t->fill.peak = fill_sample(t->fill_sampler);
	if (t->fill_warned || !fill_warns(&t->fill))
		return;
	t->fill_warned = true;
	buf_printf(&line, "%s: ", variant.name);
	fill_warning(&line, &t->fill, t->counters->lost_events, more_room(t));
	buf_putc(&line, '\n');
	if (!buf_failed(&line))
		fwrite(line.data, 1, line.len, stderr);
	buf_free(&line);
}

/* Reports new losses at once, but at most once a second. */
static void report_losses(struct tracer *t)
{
	unsigned long long lost = t->counters->lost_events, now;

	if (lost == t->lost_reported)
		return;
	now = now_ns();
	if (now - t->last_loss_report_ns < LOSS_REPORT_INTERVAL_NS)
		return;
	fprintf(stderr, "%s: lost %llu events (%llu in all): the consumer fell "
		"behind; a larger %s helps\n", variant.name,
		lost - t->lost_reported, lost, size_option());
	t->lost_reported = lost;
	t->last_loss_report_ns = now;
}

/*
 * Reads every buffer.  Ordered, what happened a window before the reading
 * began can then go out: a record read later is older only if its program
 * took longer than the window between its timestamp and its output.
 */
static int drain(struct tracer *t, struct consumer *c)
{
	unsigned long long start = now_ns();
	int err;

	t->fill_sampled = false;
	err = c->drain(c);
	if (err >= 0 && t->ordered)
		reorder_release(&t->order, start - t->window_ns);
	return err;
}

/*
 * Batched, the BPF side wakes this loop only once enough has been
 * written: what is less waits for the poll's timeout, then is drained.  Half of
 * --max-delay, so that with the time to read and write it, no event waits
 * longer than --max-delay.  In time order, an event read by one round goes
 * out at the latest with the next: half of --max-delay later at most, and
 * by then it is older than its window.  No round is added for it: each
 * costs a wakeup and a write, and those are most of the tracer's work.
 */
int tracer_run(struct tracer *t)
{
	bool batched = t->opts.wakeup == WAKEUP_BATCHED;
	struct consumer *c = t->consumer;
	int timeout = POLL_TIMEOUT_MS;
	int err;

	format_init(&t->output.format, t->opts.json, t->opts.cgroup_column);
	t->output.format.cwd = t->opts.cwd;
	t->output.format.env = &t->opts.env;
	say_tracing(t);
	output_header(&t->output);
	if (batched || t->ordered)
		timeout = t->opts.max_delay_ms > 1 ? t->opts.max_delay_ms / 2 : 1;
	stop_after(t->opts.timeout_s);
	while (!stop_requested() && !t->output.done) {
		t->fill_sampled = false;
		err = c->poll(c, timeout);
		if (err >= 0 && (batched || t->ordered))
			err = drain(t, c);
		if (err < 0 && err != -EINTR)
			return fail("polling events", -err);
		/* Idle or not, what was formatted goes out now: one write. */
		output_flush(&t->output);
		output_reopen_if_asked(&t->output);
		check_fill(t);
		report_losses(t);
		output_check_closed(&t->output);
	}
	return 0;
}

/* One line on stderr: printed + lost + not written = what happened. */
static void print_summary(const struct tracer *t)
{
	const struct output *o = &t->output;
	unsigned long long exec = o->writer.lines_written[KIND_EXEC];
	unsigned long long exit = o->writer.lines_written[KIND_EXIT];
	unsigned long long failed = o->writer.lines_written[KIND_EXEC_FAIL];
	struct buf line = {};

	buf_printf(&line, "%s: %llu events (%llu exec, %llu exit", variant.name,
		   exec + exit + failed, exec, exit);
	/* Without -x, as it always was: scripts parse it. */
	if (t->opts.failed)
		buf_printf(&line, ", %llu failed", failed);
	buf_printf(&line, "), %llu lost",
		   (unsigned long long)t->counters->lost_events);
	if (o->unwritten_why)
		buf_printf(&line, ", %llu not written (%s%s)", o->unwritten,
			   o->unwritten_why, o->cut_line ?
			   "; its last line is cut short" : "");
	if (t->malformed)
		buf_printf(&line, ", %llu malformed", t->malformed);
	if (t->ordered)
		buf_printf(&line, ", %llu delivered out of order",
			   t->order.out_of_order);
	buf_puts(&line, "; ");
	fill_summary(&line, &t->fill);
	if (t->opts.latency && !t->latency.n)
		buf_puts(&line, "; latency p50 -, p99 -, max -");
	else if (t->opts.latency)
		buf_printf(&line, "; latency p50 %.3fms, p99 %.3fms, max %.3fms",
			   latency_percentile(&t->latency, 50) / 1e6,
			   latency_percentile(&t->latency, 99) / 1e6,
			   t->latency.max / 1e6);
	buf_putc(&line, '\n');
	if (!buf_failed(&line))
		fwrite(line.data, 1, line.len, stderr);
	buf_free(&line);
}

/*
 * -v, batched into a ring buffer: the wakeups the BPF side forced, and how
 * many were due: one each time a ring's records passed another multiple of
 * the batch, counted from the records read.  They differ if one was missed.
 */
static void print_wakeups(const struct tracer *t)
{
	unsigned long long every = t->opts.ring_size / WAKEUP_FRACTION;
	unsigned long long due = 0;
	struct buf line = {};

	if (!t->opts.verbose || t->opts.wakeup != WAKEUP_BATCHED ||
	    variant.mechanism != MECHANISM_RINGBUF)
		return;
	for (unsigned int i = 0; i < t->rings.n && every; i++)
		due += t->ring_read[i] / every;
	buf_printf(&line, "%s: %llu batched wakeups forced, %llu due (one per ",
		   variant.name,
		   (unsigned long long)t->counters->wakeups_forced, due);
	size_text_iec(&line, every);
	buf_puts(&line, " written to a ring)\n");
	if (!buf_failed(&line))
		fwrite(line.data, 1, line.len, stderr);
	buf_free(&line);
}

int tracer_finish(struct tracer *t)
{
	output_finishing(&t->output, stop_requested());
	if (!t->output.gone) {
		t->fill_sampled = false;
		t->consumer->drain(t->consumer);
		reorder_release_all(&t->order);
		output_flush(&t->output);
	}
	if (t->output.gone)
		return 0;	/* like `head`'s writer: end without a word */
	check_fill(t);
	print_summary(t);
	print_wakeups(t);
	return t->output.write_err ? 1 : 0;
}

void tracer_free(struct tracer *t)
{
	if (!t)
		return;
	if (t->cgroup_fd >= 0)
		close(t->cgroup_fd);
	fill_sampler_free(t->fill_sampler);
	if (t->consumer)
		t->consumer->free(t->consumer);
	free(t->ring_read);
	ring_set_close(&t->rings);
	reorder_free(&t->order);
	output_free(&t->output);
	free(t);
}
