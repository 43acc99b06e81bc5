// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Which buffers need their events put back in time order, and the window. */
#include "order.h"

/*
 * In time order, a record read is held until it is this fraction of
 * --max-delay old (5 ms by default): a record read later is older only if
 * its program was held up that long between its timestamp and handing it
 * over.  Small, because every event waits it (bench/ordering-storm counts
 * none late with it).
 */
#define ORDER_WINDOW_FRACTION	10

/*
 * Per-CPU buffers are read one after the other: a process's EXIT read from
 * one can come before its EXEC, still in another.  Merged by time, they
 * are not, unless asked (bench/tracing-cost measures what it costs).
 */
bool in_time_order(const struct options *opts, enum mechanism m)
{
	if (opts->order != ORDER_DEFAULT)
		return opts->order == ORDER_TIME;
	return m == MECHANISM_PERFBUF || opts->rings == RINGS_PER_CPU;
}

unsigned long long order_window_ns(const struct options *opts)
{
	return opts->max_delay_ms * 1000000ULL / ORDER_WINDOW_FRACTION;
}
