/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* libbpf's log, with -v: all of it to stderr, as libbpf words it. */
#ifndef LIBBPF_LOG_H
#define LIBBPF_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <bpf/libbpf.h>

static int print_libbpf_log(enum libbpf_print_level level, const char *fmt,
			    va_list args)
{
	(void)level;
	return vfprintf(stderr, fmt, args);
}

/* Without -v, nothing: the tools say what failed in their own words. */
static inline void show_libbpf_log(bool verbose)
{
	libbpf_set_print(verbose ? print_libbpf_log : NULL);
}

#endif /* LIBBPF_LOG_H */
