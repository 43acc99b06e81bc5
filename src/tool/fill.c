// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The buffer's fill as text: pure functions, unit-tested. */
#include "fill.h"

unsigned int fill_percent(unsigned long long used, unsigned long long size)
{
	if (!size)
		return 0;
	if (used >= size)
		return 100;
	/* Buffers are far below 2^57 bytes: used * 100 cannot overflow. */
	return used * 100 / size;
}

void size_text_iec(struct buf *out, unsigned long long bytes)
{
	static const char *const units[] = { "KiB", "MiB", "GiB" };
	int u = -1;

	while (u < 2 && bytes && bytes % 1024 == 0) {
		bytes /= 1024;
		u++;
	}
	if (u < 0)
		buf_printf(out, "%llu bytes", bytes);
	else
		buf_printf(out, "%llu %s", bytes, units[u]);
}

bool fill_warns(const struct fill *f)
{
	return fill_percent(f->peak, f->size) > FILL_WARN_PERCENT;
}

/* "16 KiB", or "16 KiB per CPU": what the percentages are of. */
static void fill_of(struct buf *out, const struct fill *f)
{
	size_text_iec(out, f->size);
	if (f->each)
		buf_printf(out, " per %s", f->each);
}

void fill_summary(struct buf *out, const struct fill *f)
{
	buf_printf(out, "peak buffer use %u%% of ",
		   fill_percent(f->peak, f->size));
	fill_of(out, f);
}

void fill_warning(struct buf *out, const struct fill *f,
		  unsigned long long lost, const char *option)
{
	buf_printf(out, "the buffer is %u%% full (of ",
		   fill_percent(f->peak, f->size));
	fill_of(out, f);
	if (lost)
		buf_printf(out, "), and %llu events have been lost already",
			   lost);
	else
		buf_puts(out, "): events will be lost if the consumer falls "
			 "further behind");
	buf_printf(out, "; a larger %s helps", option);
}
