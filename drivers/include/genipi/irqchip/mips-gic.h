/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * MIPS Global Interrupt Controller (mti,gic): IPIs as shared interrupts.
 *
 * The GIC has up to 256 shared interrupts. Each is routed to one VP
 * (virtual processor: a CPU thread, the hardware id of a target) with its
 * MAP_VP register and to one of that VP's six interrupt pins with its
 * MAP_PIN register; GIC pin n drives CPU interrupt n + 2 of the VP (Cause.IP2
 * for pin 0, as the Linux driver's GIC_CPU_PIN_OFFSET says). Software raises
 * a shared interrupt by writing its number with bit 31 set to WEDGE, and
 * clears an edge by writing the number with bit 31 clear.
 *
 * So an IPI is one shared interrupt per target, routed to that target: the
 * driver's IPI domain is an IRQ_DOMAIN_FLAG_IPI_PER_CPU domain (bus token
 * DOMAIN_BUS_IPI) whose hwirqs come from the range the device tree reserves
 * with mti,reserved-ipi-vectors, else from the top of the shared range (two
 * per possible CPU, as Linux does). It is a child of the GIC's domain of
 * shared interrupts (bus token DOMAIN_BUS_WIRED), whose hwirq is the shared
 * interrupt number too; both use the fwnode given to mips_gic_init().
 *
 * Hardware logic only, port-neutral: registers through readl()/writel()
 * on the mapped base, VPs through target_hwid(). The device-tree glue
 * (irq-mips-gic-fdt.c) finds the base, the pin and the vectors and calls
 * mips_gic_init() and mips_gic_set_parent(); each CPU then calls
 * mips_gic_starting_cpu().
 *
 * Register offsets (32-bit Coherence Manager layout, offsets from the GIC
 * base) are those of Linux arch/mips/include/asm/mips-gic.h and QEMU
 * include/hw/intc/mips_gic.h.
 */
#ifndef GENIPI_IRQCHIP_MIPS_GIC_H
#define GENIPI_IRQCHIP_MIPS_GIC_H

#include <genipi/irqdomain.h>
#include <genipi/types.h>

#ifndef __iomem
#define __iomem
#endif

GENIPI_BEGIN_DECLS

/* ---- hardware facts ------------------------------------------------------ */

/* Register space: shared section, VP-local, VP-other, user-visible. */
#define MIPS_GIC_SIZE 0x20000UL
#define MIPS_GIC_SHARED_OFS 0x0000UL
#define MIPS_GIC_LOCAL_OFS 0x8000UL /* the accessing VP's own registers */
#define MIPS_GIC_OTHER_OFS 0xc000UL /* the registers of the VP named by VX_OTHER */
/* What the driver touches: the shared, VP-local and VP-other sections. */
#define MIPS_GIC_MIN_SIZE 0x10000UL

#define MIPS_GIC_MAX_INTRS 256U
#define MIPS_GIC_MAX_VPS 128U /* SH_CONFIG.PVPS is 7 bits */

/* SH_CONFIG (RO): NUMINTERRUPTS = shared interrupts / 8 - 1, PVPS = VPs - 1. */
#define MIPS_GIC_SH_CONFIG 0x0000UL
#define MIPS_GIC_CONFIG_NUMINTERRUPTS(v) (((((v) >> 16) & 0xffU) + 1U) * 8U)
#define MIPS_GIC_CONFIG_PVPS(v) ((0x7fU & (v)) + 1U)

/*
 * Bit-per-interrupt registers: interrupt i is bit i % 32 of the word at
 * offset + 4 * (i / 32). POL, TRIG, DUAL are RW; RMASK and SMASK are write
 * one to clear / set the mask (enable) bit; MASK and PEND are RO.
 */
#define MIPS_GIC_SH_POL 0x0100UL   /* 1: active high / rising edge */
#define MIPS_GIC_SH_TRIG 0x0180UL  /* 1: edge, 0: level */
#define MIPS_GIC_SH_DUAL 0x0200UL  /* 1: both edges */
#define MIPS_GIC_SH_RMASK 0x0300UL /* write 1: mask (disable) */
#define MIPS_GIC_SH_SMASK 0x0380UL /* write 1: unmask (enable) */
#define MIPS_GIC_SH_MASK 0x0400UL  /* 1: enabled */
#define MIPS_GIC_SH_PEND 0x0480UL  /* 1: pending */
#define MIPS_GIC_INTR_WORD(reg, intr) ((reg) + 4UL * ((intr) / 32U))
#define MIPS_GIC_INTR_BIT(intr) (1U << ((intr) % 32U))

/* WEDGE (WO): bits 7:0 an interrupt; bit 31 set raises it, clear clears its edge. */
#define MIPS_GIC_SH_WEDGE 0x0280UL
#define MIPS_GIC_WEDGE_SET 0x80000000U
#define MIPS_GIC_WEDGE_INTR 0xffU

/* MAP_PIN of interrupt i: MAP_TO_PIN (31), MAP_TO_NMI (30), pin (5:0). */
#define MIPS_GIC_SH_MAP_PIN(intr) (0x0500UL + 4UL * (intr))
#define MIPS_GIC_MAP_TO_PIN 0x80000000U
#define MIPS_GIC_MAP_TO_NMI 0x40000000U
#define MIPS_GIC_MAP_PIN_MASK 0x3fU
/* Highest pin: pin 5 drives CPU interrupt 7. */
#define MIPS_GIC_MAX_PIN 5U
/* GIC pin n drives the VP's CPU interrupt (Cause.IP) n + 2. */
#define MIPS_GIC_CPU_PIN_OFFSET 2U

/* MAP_VP of interrupt i: a 256-bit VP bitmap, VP v is bit v % 32 of word v / 32. */
#define MIPS_GIC_SH_MAP_VP(intr, vp) (0x2000UL + 0x20UL * (intr) + 4UL * ((vp) / 32U))
#define MIPS_GIC_MAP_VP_WORDS 8U

/* VP-local / VP-other registers (offsets within MIPS_GIC_LOCAL_OFS or _OTHER_OFS). */
#define MIPS_GIC_VX_CTL 0x000UL
#define MIPS_GIC_VX_CTL_EIC 0x1U
#define MIPS_GIC_VX_PEND 0x004UL  /* RO: pending local interrupts */
#define MIPS_GIC_VX_MASK 0x008UL  /* RO: enabled local interrupts */
#define MIPS_GIC_VX_RMASK 0x00cUL /* WO: write 1 to mask */
#define MIPS_GIC_VX_SMASK 0x010UL /* WO: write 1 to unmask */
#define MIPS_GIC_VX_OTHER 0x080UL /* RW: VP the VP-other section addresses */
#define MIPS_GIC_VX_IDENT 0x088UL /* RO: the accessing VP's number */
#define MIPS_GIC_VX_VPNUM 0x3fU
#define MIPS_GIC_NR_LOCAL_INTRS 7U

/* First cell of a "mti,gic" interrupt specifier (dt-bindings mips-gic.h). */
#define MIPS_GIC_SHARED 0U
#define MIPS_GIC_LOCAL 1U
/* mips,gic specifiers have three cells: type, number, IRQ_TYPE_* flags. */
#define MIPS_GIC_SPEC_CELLS 3

/* ---- driver -------------------------------------------------------------- */

/**
 * struct mips_gic_config - what mips_gic_init() needs
 * @base:      the mapped registers (at least MIPS_GIC_MIN_SIZE bytes)
 * @fwnode:    the fwnode of both domains (NULL: a named fwnode "mips-gic")
 * @cpu_pin:   the GIC pin (0 .. MIPS_GIC_MAX_PIN) every shared interrupt is
 *             mapped to; it reaches each VP as CPU interrupt @cpu_pin + 2
 * @ipi_base:  first shared interrupt reserved for IPIs
 * @ipi_count: how many (mti,reserved-ipi-vectors = <base count>); 0 takes
 *             the top 2 * nr_cpu_ids shared interrupts, as Linux does
 */
struct mips_gic_config {
	void __iomem *base;
	struct fwnode_handle *fwnode;
	unsigned int cpu_pin;
	unsigned int ipi_base;
	unsigned int ipi_count;
};

/**
 * mips_gic_init - bring up the GIC: its domain of shared interrupts and its
 * IPI domain
 * @cfg: the configuration
 *
 * Reads SH_CONFIG for the number of shared interrupts and VPs, masks every
 * shared interrupt and creates both domains. One GIC per system; after
 * irq_core_teardown() it may be initialised again (anything the previous
 * system left behind is freed).
 *
 * Returns 0, -EINVAL (NULL @cfg or base, a bad pin, IPI vectors outside the
 * shared range or none, a SH_CONFIG that reads as no device), -ENOMEM.
 * On error nothing is left behind.
 */
int mips_gic_init(const struct mips_gic_config *cfg);

/**
 * mips_gic_set_parent - name the interrupt that carries the GIC pin to a CPU
 * @cpu:         a CPU, or ~0U for every CPU that has none yet
 * @parent_virq: the per-CPU virq of CPU interrupt cpu_pin + 2 of that CPU's
 *               interrupt controller
 *
 * Installs the GIC's chained handler on @parent_virq (CPUs may share one
 * virq). Call after mips_gic_init() and before the CPU calls
 * mips_gic_starting_cpu(). Returns 0, -ENODEV (no GIC), -EINVAL (bad @cpu
 * or virq).
 */
int mips_gic_set_parent(unsigned int cpu, unsigned int parent_virq);

/**
 * mips_gic_starting_cpu - on a CPU coming up: check that its VP number is its
 * hardware id, mask its VP-local interrupts and enable its parent interrupt
 *
 * Returns 0, -ENODEV (no GIC, or no parent for this CPU), -EINVAL (not on a
 * CPU, or the GIC's VP-local IDENT disagrees with target_hwid()).
 */
int mips_gic_starting_cpu(void);

/**
 * mips_gic_dying_cpu - on a CPU going down: disable its parent interrupt
 *
 * IPIs sent to it meanwhile stay pending in the GIC. Returns 0 or -ENODEV.
 */
int mips_gic_dying_cpu(void);

/* The IPI domain (for irq_reserve_ipi()) and the shared-interrupt domain; NULL if none. */
struct irq_domain *mips_gic_ipi_domain(void);
struct irq_domain *mips_gic_shared_domain(void);

GENIPI_END_DECLS

#endif /* GENIPI_IRQCHIP_MIPS_GIC_H */
