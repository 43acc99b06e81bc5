// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The life of a tracer, the same for all three variants: parse the command
 * line, open the variant's BPF object, set its filters and buffer size, load,
 * attach, poll until told to stop, drain, and say what was seen and lost.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include "consumer.h"
#include "format.h"
#include "options.h"
#include "preflight.h"
#include "variant.h"

/* How long a poll waits: the bound on noticing a signal or a closed pipe. */
#define POLL_TIMEOUT_MS		100
#define LOSS_REPORT_INTERVAL_NS	1000000000ULL

struct tracer {
	const struct options *opts;
	enum mechanism mechanism;	/* the variant's, or the fallback */
	struct format format;
	const volatile __u64 *lost_events;
	unsigned long long exec_count, exit_count, malformed;
	unsigned long long lost_reported, last_loss_report_ns;
	bool output_is_pipe;
	bool output_gone;	/* nobody reads it: end, and quietly */
	bool done;		/* --max-events reached, or output_gone */
};

static volatile sig_atomic_t stop_requested;

static void request_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static int print_libbpf_log(enum libbpf_print_level level, const char *fmt,
			    va_list args)
{
	(void)level;
	return vfprintf(stderr, fmt, args);
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

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

static void handle_record(void *ctx, const void *data, size_t size)
{
	const struct event *e = event_from_record(data, size);
	struct tracer *t = ctx;

	if (t->done)
		return;
	if (!e) {
		t->malformed++;
		return;
	}
	print_event(stdout, &t->format, e);
	if (e->type == EVENT_EXEC)
		t->exec_count++;
	else
		t->exit_count++;
	if (t->opts->max_events &&
	    t->exec_count + t->exit_count >= t->opts->max_events)
		t->done = true;
}

/* Reports new losses at once, but at most once a second. */
static void report_losses(struct tracer *t)
{
	unsigned long long lost = *t->lost_events, now;

	if (lost == t->lost_reported)
		return;
	now = now_ns();
	if (now - t->last_loss_report_ns < LOSS_REPORT_INTERVAL_NS)
		return;
	fprintf(stderr, "%s: lost %llu events (%llu in all): the consumer fell "
		"behind; a larger %s helps\n", variant.name,
		lost - t->lost_reported, lost,
		t->mechanism == MECHANISM_PERFBUF ? "--pages" : "--buffer-size");
	t->lost_reported = lost;
	t->last_loss_report_ns = now;
}

/*
 * A closed pipe shows only when a write fails, which may be long after the
 * reader left if no event comes; poll says so at once.
 */
static bool output_closed(const struct tracer *t)
{
	struct pollfd pfd = { .fd = STDOUT_FILENO };

	return t->output_is_pipe && poll(&pfd, 1, 0) == 1 &&
	       (pfd.revents & (POLLERR | POLLHUP));
}

/* 0, or -errno for a write error other than a closed pipe. */
static int flush_output(struct tracer *t)
{
	if (fflush(stdout) == 0)
		return 0;
	t->done = true;
	t->output_gone = errno == EPIPE;
	return t->output_gone ? 0 : -errno;
}

static int run(struct tracer *t, struct consumer *c)
{
	unsigned long long deadline = 0;
	int err;

	if (t->opts->timeout_s)
		deadline = now_ns() + t->opts->timeout_s * 1000000000ULL;
	while (!stop_requested && !t->done) {
		err = consumer_poll(c, POLL_TIMEOUT_MS);
		if (err < 0 && err != -EINTR)
			return fail("polling events", -err);
		/* Idle or not, what was formatted goes out now: one write. */
		err = flush_output(t);
		if (err)
			return fail("writing output", -err);
		report_losses(t);
		if (output_closed(t))
			t->done = t->output_gone = true;
		if (deadline && now_ns() >= deadline)
			break;
	}
	return 0;
}

static int finish(struct tracer *t, struct tracer_bpf *bpf,
		  struct consumer *c)
{
	int err;

	/* Detached, the BPF side adds nothing more: drain what is buffered. */
	bpf_object__detach_skeleton(bpf->skeleton);
	if (t->output_gone)
		return 0;	/* like `head`'s writer: end without a word */
	consumer_drain(c);
	err = flush_output(t);
	fprintf(stderr, "%s: %llu events (%llu exec, %llu exit), %llu lost",
		variant.name, t->exec_count + t->exit_count, t->exec_count,
		t->exit_count, (unsigned long long)*t->lost_events);
	if (t->malformed)
		fprintf(stderr, ", %llu malformed", t->malformed);
	fputc('\n', stderr);
	return err ? fail("writing output", -err) : 0;
}

static void handle_signals(void)
{
	struct sigaction sa = { .sa_handler = request_stop };

	/* No SA_RESTART: the poll must return so the loop sees the flag. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* A closed pipe is a write error to handle, not a way to die. */
	signal(SIGPIPE, SIG_IGN);
}

static int load_and_attach(const struct options *opts, struct tracer_bpf *bpf,
			   enum mechanism mechanism)
{
	int err;

	*bpf->filter = opts->filter;
	*bpf->exit_has_group_dead = kernel_exit_has_group_dead();
	if (mechanism == MECHANISM_RINGBUF) {
		err = bpf_map__set_max_entries(bpf->events, opts->ring_size);
		if (err)
			return fail_bpf(opts, "sizing the ring buffer", -err);
	}
	err = bpf_object__load_skeleton(bpf->skeleton);
	if (err)
		return fail_bpf(opts, "loading BPF programs", -err);
	err = bpf_object__attach_skeleton(bpf->skeleton);
	if (err)
		return fail_bpf(opts, "attaching BPF programs", -err);
	return 0;
}

/*
 * The variant's BPF object, or on a kernel without the ring buffer (before
 * 5.8) the perf buffer's, as bcc's libbpf-tools do, with as much memory as
 * the ring would have had.
 */
static int open_bpf(struct options *opts, struct tracer_bpf *bpf,
		    enum mechanism *mechanism)
{
	*mechanism = variant.mechanism;
	if (variant.mechanism == MECHANISM_RINGBUF && !kernel_has_ringbuf()) {
		int cpus = libbpf_num_possible_cpus();

		opts->perf_pages = perf_pages_for_ring(opts->ring_size,
						       sysconf(_SC_PAGESIZE),
						       cpus > 0 ? cpus : 1);
		fprintf(stderr, "%s: this kernel has no BPF ring buffer (Linux "
			"5.8 added it): falling back to the perf buffer, %u "
			"pages per CPU\n", variant.name, opts->perf_pages);
		*mechanism = MECHANISM_PERFBUF;
		return perfbuf_output_open(bpf, NULL);
	}
	return variant.open(bpf, NULL);
}

int main(int argc, char **argv)
{
	static char out_buf[1 << 16];
	struct tracer_bpf bpf = {};
	struct consumer *c = NULL;
	struct options opts;
	struct tracer t = { .opts = &opts };
	struct stat st;
	int err;

	options_parse(argc, argv, &variant, &opts);
	libbpf_set_print(opts.verbose ? print_libbpf_log : NULL);
	if (!preflight_ok(variant.name))
		return 1;
	/* From here on, Ctrl-C ends the tool through its normal exit path. */
	handle_signals();
	/* Written when the poll loop goes idle, not once per event. */
	setvbuf(stdout, out_buf, _IOFBF, sizeof(out_buf));
	t.output_is_pipe = fstat(STDOUT_FILENO, &st) == 0 && S_ISFIFO(st.st_mode);

	err = open_bpf(&opts, &bpf, &t.mechanism);
	if (err)
		return fail_bpf(&opts, "opening BPF object", -err);
	err = load_and_attach(&opts, &bpf, t.mechanism);
	if (err)
		goto out;
	c = consumer_new(bpf.events, opts.perf_pages, handle_record, &t);
	if (!c) {
		err = fail_bpf(&opts, "setting up the event buffer", errno);
		goto out;
	}
	t.lost_events = bpf.lost_events;
	format_init(&t.format, opts.json);
	fprintf(stderr, "%s: tracing exec and exit; Ctrl-C to stop\n",
		variant.name);
	print_header(stdout, &t.format);
	err = run(&t, c);
	if (!err)
		err = finish(&t, &bpf, c);
out:
	consumer_free(c);
	bpf.destroy(bpf.skel);
	return err;
}
