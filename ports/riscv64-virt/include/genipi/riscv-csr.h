/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RISC-V control and status registers for drivers and the riscv64-virt
 * port. The image runs in one privilege mode, chosen at build time:
 * machine mode (-bios none) by default, supervisor mode (under OpenSBI)
 * with GENIPI_RISCV_S_MODE=1. The CSR_* names below are that mode's
 * registers, and RV_IRQ_* its interrupt causes, so a driver is written
 * once for both (as Linux's drivers/irqchip/irq-riscv-*.c with
 * CONFIG_RISCV_M_MODE).
 */
#ifndef GENIPI_RISCV_CSR_H
#define GENIPI_RISCV_CSR_H

/* The CSR_* and RV_IRQ_* names are also used by the port's assembly. */
#ifndef __ASSEMBLER__
#include <genipi/types.h>
#endif

/* interrupt causes (mcause/scause with the interrupt bit clear) */
#define IRQ_S_SOFT 1
#define IRQ_M_SOFT 3
#define IRQ_S_TIMER 5
#define IRQ_M_TIMER 7
#define IRQ_S_EXT 9
#define IRQ_M_EXT 11
#define CAUSE_IRQ_FLAG (1UL << 63)

/* AIA: indirect register selects (through CSR_ISELECT / CSR_IREG) */
#define IMSIC_EIDELIVERY 0x70
#define IMSIC_EITHRESHOLD 0x72
#define IMSIC_EIP0 0x80
#define IMSIC_EIE0 0xc0
/* *topei: the claimed identity is in bits 26:16 */
#define TOPEI_ID_SHIFT 16
#define TOPEI_ID_MASK 0x7ffUL

#if GENIPI_RISCV_S_MODE
#define CSR_STATUS sstatus
#define CSR_IE sie
#define CSR_IP sip
#define CSR_CAUSE scause
#define CSR_TVEC stvec
#define CSR_EPC sepc
#define CSR_TVAL stval
#define CSR_SCRATCH sscratch
#define CSR_ISELECT 0x150 /* siselect */
#define CSR_IREG 0x151	  /* sireg */
#define CSR_TOPEI 0x15c	  /* stopei */
#define SR_IE (1UL << 1)  /* sstatus.SIE */
#define RV_IRQ_SOFT IRQ_S_SOFT
#define RV_IRQ_TIMER IRQ_S_TIMER
#define RV_IRQ_EXT IRQ_S_EXT
#else
#define CSR_STATUS mstatus
#define CSR_IE mie
#define CSR_IP mip
#define CSR_CAUSE mcause
#define CSR_TVEC mtvec
#define CSR_EPC mepc
#define CSR_TVAL mtval
#define CSR_SCRATCH mscratch
#define CSR_ISELECT 0x350 /* miselect */
#define CSR_IREG 0x351	  /* mireg */
#define CSR_TOPEI 0x35c	  /* mtopei */
#define SR_IE (1UL << 3)  /* mstatus.MIE */
#define RV_IRQ_SOFT IRQ_M_SOFT
#define RV_IRQ_TIMER IRQ_M_TIMER
#define RV_IRQ_EXT IRQ_M_EXT
#endif

#ifndef __ASSEMBLER__

#define __csr_str(x) #x
#define __csr(x) __csr_str(x)

/* csr_read(CSR_IE) and so on; the names may be CSR names or numbers. */
#define csr_read(csr)                                                                              \
	({                                                                                         \
		unsigned long __v;                                                                 \
		__asm__ volatile("csrr %0, " __csr(csr) : "=r"(__v) : : "memory");                 \
		__v;                                                                               \
	})

/* @insn (csrrw, csrrs, csrrc) on @csr with @val: the CSR's old value. */
#define __csr_rmw(insn, csr, val)                                                                  \
	({                                                                                         \
		unsigned long __v = (unsigned long)(val);                                          \
		__asm__ volatile(insn " %0, " __csr(csr) ", %1"                                    \
				 : "=r"(__v)                                                       \
				 : "rK"(__v)                                                       \
				 : "memory");                                                      \
		__v;                                                                               \
	})

/* @insn (csrw, csrs, csrc) on @csr with @val, the old value not read. */
#define __csr_w(insn, csr, val)                                                                    \
	({                                                                                         \
		unsigned long __v = (unsigned long)(val);                                          \
		__asm__ volatile(insn " " __csr(csr) ", %0" : : "rK"(__v) : "memory");             \
	})

#define csr_write(csr, val) __csr_w("csrw", csr, val)
#define csr_set(csr, val) __csr_w("csrs", csr, val)
#define csr_clear(csr, val) __csr_w("csrc", csr, val)
#define csr_swap(csr, val) __csr_rmw("csrrw", csr, val)
#define csr_read_set(csr, val) __csr_rmw("csrrs", csr, val)
#define csr_read_clear(csr, val) __csr_rmw("csrrc", csr, val)

#endif /* !__ASSEMBLER__ */

#endif /* GENIPI_RISCV_CSR_H */
