/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * When user space is woken to read events (--wakeup): one set of words for
 * the tracers and the benchmark, and for the BPF programs that act on it.
 */
#ifndef WAKEUP_H
#define WAKEUP_H

enum wakeup {
	/* For every record: ring buffer flags 0, the kernel's adaptive wakeup. */
	WAKEUP_PER_EVENT,
	/* Once enough is written: BPF_RB_NO_WAKEUP, then BPF_RB_FORCE_WAKEUP. */
	WAKEUP_BATCHED,
	/* Never: the consumer spins (the benchmark only). */
	WAKEUP_BUSY,
	/*
	 * The benchmark only: the tracers' batched rule beside the kernel's
	 * benchmark's, which is its `batched`.
	 */
	WAKEUP_CROSSING,
};

#endif /* WAKEUP_H */
