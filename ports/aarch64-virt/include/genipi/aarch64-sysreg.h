/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * AArch64 system registers and barriers, for the aarch64-virt port and the
 * drivers that reach a CPU's own registers (drivers/irqchip/irq-gic-v3.c:
 * the GIC CPU interface is the ICC_*_EL1 system registers).
 *
 * read_sysreg(name) / write_sysreg(value, name) take the register's
 * assembler name (mpidr_el1, icc_sgi1r_el1, ...): clang's assembler knows
 * the GICv3 ones. Both are compiler barriers ("memory" clobber), so the
 * compiler keeps them in program order with the memory accesses around
 * them; the hardware ordering is the barriers' business.
 */
#ifndef GENIPI_AARCH64_SYSREG_H
#define GENIPI_AARCH64_SYSREG_H

#include <stdint.h>

#define read_sysreg(reg)                                                                           \
	({                                                                                         \
		uint64_t __val;                                                                    \
		__asm__ volatile("mrs %0, " #reg : "=r"(__val) : : "memory");                      \
		__val;                                                                             \
	})

#define write_sysreg(val, reg)                                                                     \
	do {                                                                                       \
		uint64_t __val = (uint64_t)(val);                                                  \
		__asm__ volatile("msr " #reg ", %x0" : : "rZ"(__val) : "memory");                  \
	} while (0)

/* Context synchronisation: later instructions see earlier sysreg writes. */
#define isb() __asm__ volatile("isb" : : : "memory")
/* Data synchronisation barrier with an option (ish, ishst, sy, ...). */
#define dsb(opt) __asm__ volatile("dsb " #opt : : : "memory")

/* MPIDR_EL1: the affinity fields Aff3 [39:32], Aff2 [23:16], Aff1 [15:8], Aff0 [7:0]. */
#define MPIDR_EL1_AFFINITY_MASK 0xff00ffffffUL

#endif /* GENIPI_AARCH64_SYSREG_H */
