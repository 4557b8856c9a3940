/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The aarch64-virt port's layout, shared by its assembly (start.S,
 * vectors.S) and its C (arch.c): per-CPU stacks, the exception frame, the
 * identity map. Assembly includes it too, so only macros outside the
 * __ASSEMBLER__ part.
 */
#ifndef GENIPI_AARCH64_VIRT_H
#define GENIPI_AARCH64_VIRT_H

#include <genipi/config.h>

/* Each CPU's stack (CPU n's is the n-th of arch_stacks[], growing down). */
#define AARCH64_VIRT_STACK_SIZE 16384

/* Each CPU's thread-local block (picolibc's errno); the linker script checks it fits. */
#define AARCH64_VIRT_TLS_SIZE 256
#define AARCH64_VIRT_TLS_ALIGN 64

/* Exception kinds passed to arch_trap() by vectors.S: the table's row and column. */
#define AARCH64_TRAP_SYNC 0
#define AARCH64_TRAP_IRQ 1
#define AARCH64_TRAP_FIQ 2
#define AARCH64_TRAP_SERROR 3
#define AARCH64_TRAP_FROM_SP_EL0 0x00
#define AARCH64_TRAP_FROM_SP_ELX 0x10
#define AARCH64_TRAP_FROM_LOWER_A64 0x20
#define AARCH64_TRAP_FROM_LOWER_A32 0x30

/* QEMU virt: the PL011 console and where RAM starts (an ELF's DTB goes there). */
#define AARCH64_VIRT_UART_BASE 0x09000000UL
#define AARCH64_VIRT_RAM_BASE 0x40000000UL

#ifndef __ASSEMBLER__

#include <genipi/types.h>

GENIPI_BEGIN_DECLS

/* start.S: where arch_cpu_start() has a secondary begin (PSCI CPU_ON entry). */
void arch_secondary_entry(void);

/* arch.c, called by start.S on each CPU's stack, TPIDR_EL1 = CPU index. */
void arch_primary_c(const void *x0_dtb) __attribute__((noreturn));
void arch_secondary_c(void) __attribute__((noreturn));
/* arch.c, called by vectors.S for every exception but an IRQ at EL1: reports, exits. */
void arch_trap(unsigned long kind) __attribute__((noreturn));

GENIPI_END_DECLS

#endif /* __ASSEMBLER__ */

#endif /* GENIPI_AARCH64_VIRT_H */
