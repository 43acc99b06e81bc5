/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * -x: whether this build knows the exec system call numbers of the
 * architecture it is for (src/exec_calls.bpf.h holds them).  The BPF side
 * and user space are built for the same one, which the Makefile names to
 * both as __TARGET_ARCH_<arch>; on another, user space refuses -x.
 */
#ifndef EXEC_CALLS_H
#define EXEC_CALLS_H

#if defined(__TARGET_ARCH_x86) || defined(__TARGET_ARCH_arm64)
#define EXEC_CALLS_KNOWN	1
#else
#define EXEC_CALLS_KNOWN	0
#endif

#endif /* EXEC_CALLS_H */
