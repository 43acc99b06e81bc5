// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Text and JSON output.  Names, filename and arguments come from arbitrary
 * processes: nothing of theirs reaches the output unescaped, and nothing
 * of theirs is cut without a mark.  text.c writes the one, json.c the
 * other; this file what both share: the clock.
 */
#include <string.h>
#include <time.h>
#include "format.h"

void format_init(struct format *f, bool json, bool cgroup_column)
{
	struct timespec wall, mono;

	clock_gettime(CLOCK_REALTIME, &wall);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	*f = (struct format){
		.json = json,
		.cgroup_column = cgroup_column,
		.wall_offset_ns = (wall.tv_sec - mono.tv_sec) * NSEC_PER_SEC +
				  (wall.tv_nsec - mono.tv_nsec),
	};
}

/*
 * The wall-clock time of a kernel timestamp: local HH:MM:SS.mmm for text,
 * a quoted UTC ISO 8601 time to the microsecond for JSON.  Unsigned, so a
 * nonsense timestamp wraps instead of overflowing.  The date and time are
 * worked out once a second: events come many to a second.
 */
void format_time(struct buf *out, struct format *f,
			  unsigned long long ts_ns)
{
	unsigned long long wall = ts_ns + (unsigned long long)f->wall_offset_ns;
	unsigned long long frac = wall % NSEC_PER_SEC;
	time_t sec = wall / NSEC_PER_SEC;
	struct tm tm;

	if (!f->cached_len || f->cached_sec != (long long)sec) {
		if (f->json ? gmtime_r(&sec, &tm) : localtime_r(&sec, &tm))
			f->cached_len = strftime(f->cached, sizeof(f->cached),
						 f->json ? "%Y-%m-%dT%H:%M:%S" :
						 "%H:%M:%S", &tm);
		else
			f->cached_len = 0;
		if (!f->cached_len)
			f->cached_len = strlen(strcpy(f->cached, "?"));
		f->cached_sec = sec;
	}
	if (f->json)
		buf_putc(out, '"');
	buf_put(out, f->cached, f->cached_len);
	buf_putc(out, '.');
	if (f->json) {
		buf_put_fraction(out, frac / 1000, 6);
		buf_puts(out, "Z\"");
	} else {
		buf_put_fraction(out, frac / NSEC_PER_MSEC, 3);
	}
}

void format_event(struct buf *out, struct format *f,
		  const struct event_header *h)
{
	if (f->json)
		format_json(out, f, h);
	else
		format_text(out, f, h);
}
