// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The exec storm's child: a static program without libc that exits at
 * once, so that a storm measures exec and exit, not a program's start-up.
 */
void _start(void)
{
#if defined(__x86_64__)
	asm volatile("mov $231, %%eax\n\txor %%edi, %%edi\n\tsyscall"
		     ::: "rax", "rdi", "memory");
#elif defined(__aarch64__)
	asm volatile("mov x8, #94\n\tmov x0, #0\n\tsvc #0"
		     ::: "x0", "x8", "memory");
#else
#error "storm-child: exit_group() for this architecture is missing"
#endif
	__builtin_unreachable();
}
