/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * What the kernel and the process must offer, checked before libbpf can
 * fail on it with a wall of log: each failed check is one line that says
 * what to do.  A probe tells "not supported" from "not permitted": a
 * refusal is never taken for a missing feature.
 */
#ifndef PREFLIGHT_H
#define PREFLIGHT_H

#include <stdbool.h>

/*
 * Prints why this process cannot trace, and returns false, when it lacks
 * the privileges (or has them only inside a user namespace), BPF is
 * forbidden to it, the kernel has no BTF, or lockdown forbids reading
 * kernel memory.  tool names the tool in the message.
 */
bool preflight_ok(const char *tool);

/* False only when the kernel is known to lack BPF_MAP_TYPE_RINGBUF. */
bool kernel_has_ringbuf(void);

/* Whether sched_process_exit tells a process's end from a thread's. */
bool kernel_exit_has_group_dead(void);

#endif /* PREFLIGHT_H */
