/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * How full the event buffer got: the one figure that can say, before
 * anything is lost, that the buffer is too small.  What the summary and
 * the warning say of it.
 */
#ifndef FILL_H
#define FILL_H

#include <stdbool.h>
#include "buf.h"

/* Past this much in use, a consumer that falls further behind loses events. */
#define FILL_WARN_PERCENT	75

struct fill {
	unsigned long long size;	/* bytes of the buffer, or of each */
	unsigned long long peak;	/* the most seen pending in one at once */
	const char *each;	/* NULL: one buffer; "CPU", "ring": the fullest */
};

/* used as a whole percentage of size, rounded down: it never overstates. */
unsigned int fill_percent(unsigned long long used, unsigned long long size);
/* "16 MiB", "512 KiB", or "4000 bytes": exact, in the largest unit. */
void size_text_iec(struct buf *out, unsigned long long bytes);
/* Whether the peak passed FILL_WARN_PERCENT. */
bool fill_warns(const struct fill *f);
/* "peak buffer use 12% of 16 MiB", "... of 512 KiB per CPU" (or ring). */
void fill_summary(struct buf *out, const struct fill *f);
/*
 * "the buffer is 81% full (of 16 KiB): events will be lost if ...; a larger
 * OPTION helps", OPTION being what sizes the buffer.  With lost events
 * (counted when the fill was sampled, or after), it says how many instead:
 * a burst can fill the buffer and overflow it between two samples.
 */
void fill_warning(struct buf *out, const struct fill *f,
		  unsigned long long lost, const char *option);

#endif /* FILL_H */
