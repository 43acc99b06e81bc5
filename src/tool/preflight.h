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
#include "variant.h"

/*
 * Prints why this process cannot trace, and returns false, when it lacks
 * the privileges (or has them only inside a user namespace), BPF is
 * forbidden to it, the kernel has no BTF, or lockdown forbids reading
 * kernel memory.  tool names the tool in the message.
 */
bool preflight_ok(const char *tool);

/*
 * False only when the kernel is known to lack BPF_MAP_TYPE_RINGBUF; then
 * prints so, and names the tool that works there.
 */
bool kernel_has_ringbuf(const char *tool);

/*
 * Whether the kernel's BTF has every kernel function in k (which ends with
 * an empty entry); prints the first one missing, and what to do.
 */
bool kernel_has_kfuncs(const char *tool, const struct kfunc_need *k);

/*
 * Whether the kernel has the BPF helper name ("bpf_..."), which option
 * needs and Linux since added: its BTF's enum bpf_func_id lists every
 * helper the kernel has.  Prints what is missing, and what to do.
 */
bool kernel_has_helper(const char *tool, const char *option,
		       const char *name, const char *since);

/*
 * Whether BPF programs can compare-and-exchange (Linux 5.12): the batched
 * wakeups claim each quarter with it.
 */
bool kernel_has_cmpxchg(void);

/* Whether sched_process_exit tells a process's end from a thread's. */
bool kernel_exit_has_group_dead(void);

#endif /* PREFLIGHT_H */
