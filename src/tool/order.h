/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* The ordering policy: when events are put back in time order, and how. */
#ifndef ORDER_H
#define ORDER_H

#include <stdbool.h>
#include "options.h"

/*
 * Ordered, the most bytes of records held back: past it the oldest go
 * early.  Far more than a window holds: the buffers themselves hold less.
 */
#define REORDER_MAX_BYTES	(64 << 20)

/* Whether events are put in time order, on mechanism m. */
bool in_time_order(const struct options *opts, enum mechanism m);

/* In time order, how old a record read must be before it goes out. */
unsigned long long order_window_ns(const struct options *opts);

#endif /* ORDER_H */
