/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* A clock's time in nanoseconds: the tools', the benchmark's, the storm's. */
#ifndef CLOCK_H
#define CLOCK_H

#include <time.h>

static inline unsigned long long clock_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* CLOCK_MONOTONIC: bpf_ktime_get_ns()'s clock, the events' timestamps'. */
static inline unsigned long long now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

#endif /* CLOCK_H */
