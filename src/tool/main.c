// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The life of a tracer, the same for all four variants: parse the command
 * line, open the variant's BPF object, set its filters and buffer size, load,
 * set up the consumer, attach, poll until told to stop, drain, and say what
 * was seen and lost, and how full the buffer got.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mntent.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <linux/magic.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "clock.h"
#include "consumer.h"
#include "fill.h"
#include "format.h"
#include "libbpf_log.h"
#include "options.h"
#include "order.h"
#include "writer.h"
#include "preflight.h"
#include "record.h"
#include "reorder.h"
#include "ring_set.h"
#include "rings.h"
#include "stop.h"
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
/* Output is written once this much is buffered, or when a poll returns. */
#define FLUSH_BYTES		(64 * 1024)
/* Once told to stop, how long a reader that does not read is waited for. */
#define STOP_GRACE_NS		1000000000ULL

/* The output's counters of lines written. */
enum { KIND_EXEC, KIND_EXIT, KIND_EXEC_FAIL };

struct tracer {
	const struct options *opts;
	struct format format;
	struct writer out;
	struct latency latency;		/* with --latency */
	const volatile __u64 *lost_events;
	const volatile __u64 *wakeups_forced;	/* a ring buffer's */
	struct fill fill;		/* how full the buffer got */
	struct ring_set rings;		/* a ring buffer's: --rings */
	bool ordered;			/* records held: see in_time_order() */
	struct reorder order;
	unsigned long long window_ns;	/* how old a record goes out */
	bool fill_warned;
	unsigned long long events;	/* handed to the output */
	unsigned long long malformed;
	unsigned long long unwritten;	/* given up on: counted, not written */
	unsigned long long lost_reported, last_loss_report_ns;
	unsigned long long give_up_ns;	/* finishing: 0, or when to give up */
	int write_err;			/* a write failed: its errno */
	/* Given up on the output (events are counted, not written): why. */
	const char *unwritten_why;
	bool finishing;			/* draining and summing up */
	bool output_is_pipe;
	bool output_gone;	/* standard output's reader left: end quietly */
	bool cut_line;		/* a line was written only in part */
	bool done;		/* --max-events reached, or the output failed */
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

static void give_up_output(struct tracer *t, const char *why)
{
	bool cut;

	t->unwritten += writer_discard(&t->out, &cut);
	t->cut_line |= cut;
	t->unwritten_why = why;
}

/*
 * The output takes no more.  Standard output's reader gone is how `| head`
 * ends its writer: end without a word.  Anything else is a fault (for a
 * FIFO, a log shipper that died): one line now, exit 1 at the end, and the
 * summary counts what could not be written.
 */
static void output_failed(struct tracer *t, int err)
{
	t->done = true;
	if (err == EPIPE && !t->opts->output_path) {
		t->output_gone = true;
		return;
	}
	t->write_err = err;
	if (err == EPIPE) {
		fprintf(stderr, "%s: writing output: the reader of %s closed "
			"it\n", variant.name, t->opts->output_path);
		give_up_output(t, "its reader left");
		return;
	}
	fail("writing output", err);
	give_up_output(t, "the output failed");
}

/*
 * Writes out what is buffered.  A reader that does not read blocks the
 * write.  While tracing, that is its right: the buffers fill, and the
 * kernel counts what they cannot take.  Once told to stop, the tool waits
 * STOP_GRACE_NS at most, or until a second signal, then counts what it
 * could not write.
 */
static void flush(struct tracer *t)
{
	int err;

	while ((err = writer_write(&t->out)) == -EINTR) {
		if (!stop_requested())
			continue;
		if (!t->finishing)
			return;		/* finish() writes the rest */
		if (!t->give_up_ns)
			t->give_up_ns = now_ns() + STOP_GRACE_NS;
		if (stop_insisted() || now_ns() >= t->give_up_ns) {
			give_up_output(t, "the output was blocked");
			return;
		}
	}
	if (err)
		output_failed(t, -err);
}

/* -n N reached, or standard output's reader gone: no more to count. */
static bool counted_all(const struct tracer *t)
{
	return t->output_gone ||
	       (t->opts->max_events && t->events == t->opts->max_events);
}

static unsigned int line_kind(const struct event_header *e)
{
	if (e->type == EVENT_EXEC_FAIL)
		return KIND_EXEC_FAIL;
	return e->type == EVENT_EXEC ? KIND_EXEC : KIND_EXIT;
}

/* Counts an event, and formats it unless the output was given up on. */
static void write_event(struct tracer *t, const struct event_header *e)
{
	if (counted_all(t))
		return;
	if (++t->events == t->opts->max_events)
		t->done = true;
	if (t->unwritten_why) {
		t->unwritten++;
		return;
	}
	format_event(writer_text(&t->out), &t->format, e);
	writer_line_done(&t->out, line_kind(e), e->ts_ns);
	if (writer_pending(&t->out) >= FLUSH_BYTES)
		flush(t);
}

/* A record ordering held, in its turn now; checked when it came. */
static void release_record(void *ctx, const void *data, size_t size)
{
	(void)size;
	write_event(ctx, data);
}

static void handle_record(void *ctx, unsigned int source, const void *data,
			  size_t size)
{
	const struct event_header *e = event_from_record(data, size);
	struct tracer *t = ctx;

	if (counted_all(t))
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
		write_event(t, e);
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
	    t->opts->rings == RINGS_SHARED)
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
static void check_fill(struct tracer *t, struct consumer *c)
{
	struct buf line = {};

	t->fill.peak = consumer_fill(c);
	if (t->fill_warned || !fill_warns(&t->fill))
		return;
	t->fill_warned = true;
	buf_printf(&line, "%s: ", variant.name);
	fill_warning(&line, &t->fill, *t->lost_events, more_room(t));
	buf_putc(&line, '\n');
	if (!buf_failed(&line))
		fwrite(line.data, 1, line.len, stderr);
	buf_free(&line);
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
		lost - t->lost_reported, lost, size_option());
	t->lost_reported = lost;
	t->last_loss_report_ns = now;
}

/*
 * A closed pipe shows only when a write fails, which may be long after the
 * reader left if no event comes; poll says so at once.
 */
static bool output_closed(const struct tracer *t)
{
	struct pollfd pfd = { .fd = t->out.fd };

	return t->output_is_pipe && poll(&pfd, 1, 0) == 1 &&
	       (pfd.revents & (POLLERR | POLLHUP));
}

/*
 * Non-blocking, so that a FIFO nobody reads fails at once (ENXIO) rather
 * than hanging here, where neither a signal nor -T could end the wait;
 * writes then block as they do on standard output.
 */
static int open_output_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
		      O_NONBLOCK, 0644);

	if (fd >= 0 && fcntl(fd, F_SETFL, O_APPEND)) {
		close(fd);
		return -1;
	}
	return fd;
}

static const char *open_error(int err)
{
	if (err == ENXIO)
		return "a FIFO that nobody reads: start its reader first";
	return strerror(err);
}

/*
 * Whether fd appends to a regular file whose last byte is not a newline:
 * a run that a full disk ended left its last line cut.  fd may be
 * write-only: the byte is read through /proc (without it, as in a bare
 * chroot, the file is taken to end whole).
 */
static bool appends_to_cut_line(int fd)
{
	int flags = fcntl(fd, F_GETFL);
	char path[32], last;
	struct stat st;
	bool cut;
	int rfd;

	if (flags < 0 || !(flags & O_APPEND) || fstat(fd, &st) ||
	    !S_ISREG(st.st_mode) || !st.st_size)
		return false;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	rfd = open(path, O_RDONLY | O_CLOEXEC);
	if (rfd < 0)
		return false;
	cut = pread(rfd, &last, 1, st.st_size - 1) == 1 && last != '\n';
	close(rfd);
	return cut;
}

/*
 * A cut line is ended first, so that no line is glued to it.  The text
 * header heads the output, and a file only when it is new.
 */
static void put_header(struct tracer *t)
{
	struct stat st;

	if (appends_to_cut_line(t->out.fd))
		buf_putc(writer_text(&t->out), '\n');
	if (t->opts->output_path &&
	    (fstat(t->out.fd, &st) || st.st_size > 0))
		return;
	format_header(writer_text(&t->out), &t->format);
}

/*
 * --output FILE, after SIGHUP (logrotate moved FILE away): lines are in
 * the old file up to the last one written, and from the next one on in a
 * new FILE; none is in both, none is split.
 */
static void reopen_output(struct tracer *t)
{
	int fd = open_output_file(t->opts->output_path);

	if (fd < 0) {
		fprintf(stderr, "%s: reopening %s: %s; still writing to the "
			"old file\n", variant.name, t->opts->output_path,
			open_error(errno));
		return;
	}
	close(t->out.fd);
	t->out.fd = fd;
	put_header(t);
}

/*
 * Reads every buffer.  Ordered, what happened a window before the reading
 * began can then go out: a record read later is older only if its program
 * took longer than the window between its timestamp and its output.
 */
static int drain(struct tracer *t, struct consumer *c)
{
	unsigned long long start = now_ns();
	int err = consumer_drain(c);

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
static int run(struct tracer *t, struct consumer *c)
{
	bool batched = t->opts->wakeup == WAKEUP_BATCHED;
	int timeout = POLL_TIMEOUT_MS;
	int err;

	if (batched || t->ordered)
		timeout = t->opts->max_delay_ms > 1 ? t->opts->max_delay_ms / 2 : 1;
	stop_after(t->opts->timeout_s);
	while (!stop_requested() && !t->done) {
		err = consumer_poll(c, timeout);
		if (err >= 0 && (batched || t->ordered))
			err = drain(t, c);
		if (err < 0 && err != -EINTR)
			return fail("polling events", -err);
		/* Idle or not, what was formatted goes out now: one write. */
		flush(t);
		if (!t->write_err && reopen_requested())
			reopen_output(t);
		check_fill(t, c);
		report_losses(t);
		if (!t->done && output_closed(t))
			output_failed(t, EPIPE);
	}
	return 0;
}

/* One line on stderr: printed + lost + not written = what happened. */
static void print_summary(const struct tracer *t)
{
	unsigned long long exec = t->out.lines_written[KIND_EXEC];
	unsigned long long exit = t->out.lines_written[KIND_EXIT];
	unsigned long long failed = t->out.lines_written[KIND_EXEC_FAIL];
	struct buf line = {};

	buf_printf(&line, "%s: %llu events (%llu exec, %llu exit", variant.name,
		   exec + exit + failed, exec, exit);
	/* Without -x, as it always was: scripts parse it. */
	if (t->opts->failed)
		buf_printf(&line, ", %llu failed", failed);
	buf_printf(&line, "), %llu lost", (unsigned long long)*t->lost_events);
	if (t->unwritten_why)
		buf_printf(&line, ", %llu not written (%s%s)", t->unwritten,
			   t->unwritten_why, t->cut_line ?
			   "; its last line is cut short" : "");
	if (t->malformed)
		buf_printf(&line, ", %llu malformed", t->malformed);
	if (t->ordered)
		buf_printf(&line, ", %llu delivered out of order",
			   t->order.out_of_order);
	buf_puts(&line, "; ");
	fill_summary(&line, &t->fill);
	if (t->opts->latency && !t->latency.n)
		buf_puts(&line, "; latency p50 -, p99 -, max -");
	else if (t->opts->latency)
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
static void print_wakeups(const struct tracer *t, const struct consumer *c)
{
	unsigned long long every = t->opts->ring_size / WAKEUP_FRACTION;
	struct buf line = {};

	if (!t->opts->verbose || t->opts->wakeup != WAKEUP_BATCHED ||
	    variant.mechanism != MECHANISM_RINGBUF)
		return;
	buf_printf(&line, "%s: %llu batched wakeups forced, %llu due (one per ",
		   variant.name, (unsigned long long)*t->wakeups_forced,
		   consumer_multiples(c, every));
	size_text_iec(&line, every);
	buf_puts(&line, " written to a ring)\n");
	if (!buf_failed(&line))
		fwrite(line.data, 1, line.len, stderr);
	buf_free(&line);
}

static int finish(struct tracer *t, struct tracer_bpf *bpf,
		  struct consumer *c)
{
	/* Detached, the BPF side adds nothing more: drain what is buffered. */
	bpf_object__detach_skeleton(bpf->skeleton);
	t->finishing = true;
	if (stop_requested())
		t->give_up_ns = now_ns() + STOP_GRACE_NS;
	if (!t->output_gone) {
		consumer_drain(c);
		reorder_release_all(&t->order);
		flush(t);
	}
	if (t->output_gone)
		return 0;	/* like `head`'s writer: end without a word */
	check_fill(t, c);
	print_summary(t);
	print_wakeups(t, c);
	return t->write_err ? 1 : 0;
}

/*
 * Opens /dev/null on each of 0, 1 and 2 that is closed, so that no file of
 * ours (epoll, maps, BTF) takes its number and gets what is meant for a
 * terminal.  Returns whether standard output was closed.
 */
static bool claim_standard_fds(void)
{
	bool stdout_closed = false;

	for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		stdout_closed |= fd == STDOUT_FILENO;
		/* open() takes the lowest free number: this one. */
		if (open("/dev/null", O_RDWR) < 0)
			open("/", O_RDONLY | O_DIRECTORY);
	}
	return stdout_closed;
}

/*
 * Where the lines go: standard output, or --output FILE, appended to (and
 * created).  Returns a file descriptor, or -1 once it has said why.
 */
static int open_output(const struct options *opts, bool stdout_closed)
{
	int fd;

	if (opts->output_path) {
		fd = open_output_file(opts->output_path);
		if (fd < 0)
			fprintf(stderr, "%s: cannot open %s: %s\n",
				variant.name, opts->output_path,
				open_error(errno));
		return fd;
	}
	if (!stdout_closed)
		return STDOUT_FILENO;
	fprintf(stderr, "%s: standard output is closed: there is nowhere to "
		"write events; redirect it to a file, or use --output\n",
		variant.name);
	return -1;
}

/* Where this mount namespace has cgroup v2, into where: false if nowhere. */
static bool cgroup2_mount(char *where, size_t len)
{
	FILE *f = setmntent("/proc/self/mounts", "r");
	struct mntent *m;
	bool found = false;

	while (f && !found && (m = getmntent(f)))
		if (!strcmp(m->mnt_type, "cgroup2"))
			found = snprintf(where, len, "%s", m->mnt_dir) > 0;
	if (f)
		endmntent(f);
	return found;
}

/* --cgroup PATH: a cgroup v2 directory's fd, or -1 once it has said why. */
static int open_cgroup(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char where[PATH_MAX];
	struct statfs fs;

	if (fd < 0) {
		fprintf(stderr, "%s: --cgroup %s: %s\n", variant.name, path,
			strerror(errno));
		return -1;
	}
	if (fstatfs(fd, &fs) || fs.f_type != CGROUP2_SUPER_MAGIC) {
		if (cgroup2_mount(where, sizeof(where)))
			fprintf(stderr, "%s: --cgroup %s: not a cgroup v2 "
				"directory (cgroup v2 is mounted at %s here)\n",
				variant.name, path, where);
		else
			fprintf(stderr, "%s: --cgroup %s: not a cgroup v2 "
				"directory, and no cgroup v2 is mounted here: "
				"mount -t cgroup2 none /sys/fs/cgroup\n",
				variant.name, path);
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * -x on an architecture whose exec system call numbers the BPF side does
 * not know (src/exec_calls.bpf.h): it would see nothing.
 */
static int no_failed_here(void)
{
	fprintf(stderr, "%s: -x is not supported on this architecture: this "
		"build knows the exec system call numbers of x86 and arm64 "
		"only; trace without -x\n", variant.name);
	return 1;
}

/* cgroup_fd: --cgroup's, or -1; the filter holds from the first event. */
static int load(const struct options *opts, struct tracer_bpf *bpf,
		int cgroup_fd)
{
	__u32 zero = 0;
	int err;

	*bpf->filter = opts->filter;
	*bpf->exit_has_group_dead = kernel_exit_has_group_dead();
	*bpf->max_args_bytes = opts->max_args_bytes;
	*bpf->want_cwd = opts->cwd;
	*bpf->env_bytes = opts->env.count ? ENV_BYTES : 0;
	/* A helper call per event, for a field only these print. */
	*bpf->want_cgroup_id = opts->json || opts->cgroup_column;
	/* Without -x, not even loaded: it would run on every system call. */
	if (!opts->failed)
		bpf_program__set_autoload(bpf->exec_fail, false);
	else if (!*bpf->exec_calls_known)
		return no_failed_here();
	else if (!kernel_has_helper(variant.name, "-x",
				    "bpf_get_current_task_btf", "5.11"))
		return 1;
	if (opts->wakeup == WAKEUP_BATCHED)
		*bpf->wakeup_bytes = opts->ring_size / WAKEUP_FRACTION;
	if (variant.mechanism == MECHANISM_RINGBUF) {
		err = rings_configure(bpf, opts);
		if (err)
			return fail_bpf(opts, "sizing the ring buffer", -err);
	}
	err = bpf_object__load_skeleton(bpf->skeleton);
	if (err)
		return fail_bpf(opts, "loading BPF programs", -err);
	if (cgroup_fd >= 0) {
		err = bpf_map_update_elem(bpf_map__fd(bpf->cgroup_filter),
					  &zero, &cgroup_fd, BPF_ANY);
		if (err)
			return fail_bpf(opts, "setting the --cgroup filter",
					-err);
	}
	return 0;
}

/* Batched, the perf buffer wakes user space once this much is pending. */
static unsigned long perf_watermark(const struct options *opts)
{
	if (opts->wakeup != WAKEUP_BATCHED)
		return 0;
	return opts->perf_pages * sysconf(_SC_PAGESIZE) / WAKEUP_FRACTION;
}

/*
 * The variant's BPF object, once the kernel is known to have what it
 * needs.  Returns 0, or the exit status once it has said why it cannot.
 */
static int open_bpf(const struct options *opts, struct tracer_bpf *bpf)
{
	int err;

	if (variant.mechanism == MECHANISM_RINGBUF &&
	    !kernel_has_ringbuf(variant.name))
		return 1;
	if (!kernel_has_kfuncs(variant.name, variant.kfuncs))
		return 1;
	err = variant.open(bpf, NULL);
	return err ? fail_bpf(opts, "opening BPF object", -err) : 0;
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

/*
 * open_bpf() and load(), with the stop signals held back meanwhile: the
 * verifier gives up (EAGAIN) while a signal is pending.  A stop then comes
 * once they are done.  Returns 0, or the exit status once it has said why.
 */
static int open_and_load(struct tracer *t, const struct options *opts,
			 struct tracer_bpf *bpf, int cgroup_fd)
{
	int err;

	stop_hold();
	err = open_bpf(opts, bpf);
	if (!err) {
		t->ordered = in_time_order(opts, variant.mechanism);
		t->lost_events = bpf->lost_events;
		t->wakeups_forced = bpf->wakeups_forced;
		t->fill = empty_fill(opts);
		err = load(opts, bpf, cgroup_fd);
	}
	stop_release();
	return err;
}

/*
 * Everything before BPF: the options, where the lines go, the --cgroup
 * directory (its fd in *cgroup_fd), and whether this machine can trace.
 * Returns 0, or the exit status once it has said why not.
 */
static int prepare(int argc, char **argv, struct tracer *t,
		   struct options *opts, int *cgroup_fd)
{
	bool stdout_closed = claim_standard_fds();
	struct stat st;
	int out_fd;

	/*
	 * Quiet until -v is known: libbpf's default log prints its warnings,
	 * and parsing asks it for the CPUs (a root without /sys has none).
	 */
	show_libbpf_log(false);
	options_parse(argc, argv, &variant, opts);
	hup_reopens(opts->output_path);
	show_libbpf_log(opts->verbose);
	out_fd = open_output(opts, stdout_closed);
	if (out_fd < 0)
		return 1;
	if (opts->cgroup_path &&
	    (*cgroup_fd = open_cgroup(opts->cgroup_path)) < 0)
		return 1;
	if (!preflight_ok(variant.name))
		return 1;
	if (rings_fit_open_files(opts, variant.name))
		return 1;
	writer_init(&t->out, out_fd, opts->latency ? &t->latency : NULL);
	reorder_init(&t->order, REORDER_MAX_BYTES, release_record, t);
	t->window_ns = order_window_ns(opts);
	t->output_is_pipe = fstat(out_fd, &st) == 0 && S_ISFIFO(st.st_mode);
	return 0;
}

/* What is traced, and into what when it is not the one ring or perf buffer. */
static void say_tracing(const struct tracer *t)
{
	struct buf line = {};

	buf_printf(&line, "%s: tracing exec and exit%s", variant.name,
		   t->opts->failed ? ", and failed execs" : "");
	if (t->rings.n > 1) {
		buf_printf(&line, " into %u rings of ", t->rings.n);
		size_text_iec(&line, t->opts->ring_size);
		buf_puts(&line, " (");
		size_text_iec(&line, t->rings.n * t->opts->ring_size);
		buf_puts(&line, ")");
	}
	buf_puts(&line, "; Ctrl-C to stop\n");
	if (!buf_failed(&line))
		fwrite(line.data, 1, line.len, stderr);
	buf_free(&line);
}

/*
 * The consumer, then the programs: the perf buffer's per-CPU events enter
 * the map only when the consumer is made, and --rings' rings theirs when
 * they are; until they do, every event the programs see is lost.  Returns
 * 0, or the exit status.
 */
static int start_tracing(struct tracer *t, struct tracer_bpf *bpf,
			 struct consumer **c)
{
	const struct options *opts = t->opts;
	int err;

	if (variant.mechanism == MECHANISM_PERFBUF) {
		*c = consumer_new_perf(bpf->events, opts->perf_pages,
				       perf_watermark(opts), handle_record, t);
	} else {
		err = ring_set_open(&t->rings, opts->rings,
				    bpf_map__fd(bpf->events),
				    bpf_map__fd(bpf->rings), opts->ring_size);
		if (err)
			return fail_bpf(opts, "making the rings of --rings", -err);
		*c = consumer_new_rings(t->rings.fds, t->rings.n, handle_record,
					t);
	}
	if (!*c)
		return fail_bpf(opts, "setting up the event buffer", errno);
	err = bpf_object__attach_skeleton(bpf->skeleton);
	if (err)
		return fail_bpf(opts, "attaching BPF programs", -err);
	format_init(&t->format, opts->json, opts->cgroup_column);
	t->format.cwd = opts->cwd;
	t->format.env = &opts->env;
	say_tracing(t);
	put_header(t);
	return 0;
}

int main(int argc, char **argv)
{
	struct tracer_bpf bpf = {};
	struct consumer *c = NULL;
	struct options opts;
	struct tracer t = { .opts = &opts };
	int cgroup_fd = -1, err;

	/* First: a stop at any moment ends the tool through its exit path. */
	stop_on_signals();
	err = prepare(argc, argv, &t, &opts, &cgroup_fd);
	if (err)
		return err;
	err = open_and_load(&t, &opts, &bpf, cgroup_fd);
	/* The filter map holds the cgroup now: its directory's fd is done. */
	if (cgroup_fd >= 0)
		close(cgroup_fd);
	if (err)
		goto out;
	if (stop_requested()) {
		/* Stopped before tracing began: nothing seen, nothing lost. */
		print_summary(&t);
		goto out;
	}
	err = start_tracing(&t, &bpf, &c);
	if (!err)
		err = run(&t, c);
	if (!err)
		err = finish(&t, &bpf, c);
out:
	consumer_free(c);
	ring_set_close(&t.rings);
	reorder_free(&t.order);
	writer_free(&t.out);
	if (bpf.skel)
		bpf.destroy(bpf.skel);
	return err;
}
