/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Arm GICv3 ("arm,gic-v3"): software-generated interrupts (SGIs) as IPIs.
 *
 * Hardware: a distributor (GICD), one redistributor (GICR) per PE, each two
 * 64 KiB frames (RD_base, then SGI_base; four frames when the GIC has
 * virtual LPIs), and a CPU interface per PE reached through the ICC_*_EL1
 * system registers. With affinity routing (GICD_CTLR.ARE) an SGI is sent
 * by one write of ICC_SGI1R_EL1:
 *
 *   TargetList [15:0]  one bit per Aff0 value 0-15 of the addressed cluster
 *   Aff1       [23:16]
 *   INTID      [27:24] the SGI, 0-15
 *   Aff2       [39:32]
 *   IRM        [40]    1: every PE but the sender (not used here)
 *   RS         [47:44] range of Aff0 values (0: 0-15; the only one used)
 *   Aff3       [55:48]
 *
 * and acknowledged with ICC_IAR1_EL1, ended with ICC_EOIR1_EL1. One SGI
 * number reaches any set of PEs, so genipi drives the SGIs as an
 * IRQ_DOMAIN_FLAG_IPI_SINGLE domain (bus token DOMAIN_BUS_IPI): its hwirqs
 * are the sixteen SGIs, irq_reserve_ipi() takes a free one for the whole
 * target mask, and the domain is also the root: the driver installs the
 * root handler (set_handle_irq()), which acknowledges, dispatches SGIs to
 * the domain and ends every interrupt it acknowledged.
 *
 * A target's hardware id (target_hwid()) is its MPIDR affinity, as in the
 * /cpus/cpu "reg": Aff0 in bits 7:0, Aff1 15:8, Aff2 23:16, Aff3 39:32.
 * Only targets with Aff0 below 16 are reachable (RS stays 0): others are
 * refused at reservation. Every CPU must have a redistributor, found by
 * the affinity in its GICR_TYPER. A remote processor may be a target if
 * its affinity is reachable; its software owns its redistributor and CPU
 * interface, so the driver touches neither.
 *
 * Each IPI is a per-CPU interrupt: enable_percpu_irq() / disable_percpu_irq()
 * set the SGI's bit in the calling CPU's GICR_ISENABLER0 / GICR_ICENABLER0.
 * A send to a CPU where the SGI is disabled stays pending there and is
 * taken once it is enabled.
 *
 * Out of scope: PPIs, SPIs and LPIs (no wired domain, no ITS). The root
 * handler ends any such interrupt it acknowledges and reports it once.
 * Only one GIC per system, and the CPU interface is used at EL1 in the
 * Non-secure state, or in the only state of a GIC without security
 * (GICD_CTLR.DS = 1, QEMU virt without secure=on); interrupts are Group 1.
 *
 * Device-tree binding (DT glue in irq-gic-v3-fdt.c; QEMU virt's node):
 *
 *	intc@8000000 {
 *		compatible = "arm,gic-v3";
 *		interrupt-controller;
 *		#interrupt-cells = <3>;
 *		#redistributor-regions = <1>;
 *		reg = <0x0 0x08000000 0x0 0x10000>,	// GICD
 *		      <0x0 0x080a0000 0x0 0xf60000>;	// GICR region(s)
 *	};
 *
 *   - reg[0]: the distributor (at least GIC_V3_DIST_SIZE bytes);
 *   - reg[1] .. reg[n]: the n = #redistributor-regions (default 1)
 *     regions of contiguous redistributors;
 *   - redistributor-stride (optional): bytes between redistributors of a
 *     region, a multiple of 64 KiB; else 128 KiB, or 256 KiB where
 *     GICR_TYPER.VLPIS says the redistributor has four frames.
 *
 * Users find the IPI domain with irqchip_fdt_domain(fdt, node,
 * DOMAIN_BUS_IPI) and reserve from it.
 */
#ifndef GENIPI_IRQCHIP_ARM_GIC_V3_H
#define GENIPI_IRQCHIP_ARM_GIC_V3_H

#include <genipi/irqdomain.h>
#include <genipi/types.h>

#ifndef __iomem
#define __iomem
#endif

GENIPI_BEGIN_DECLS

/* SGIs: hwirqs 0-15 of the IPI domain; INTIDs 1020-1023 are special. */
#define GIC_V3_NR_SGIS 16
#define GIC_V3_INTID_SPECIAL_FIRST 1020
#define GIC_V3_INTID_SPECIAL_LAST 1023

/* Distributor registers (offsets from the GICD base). */
#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_PIDR2 0xffe8
#define GIC_V3_DIST_SIZE 0x10000UL

/*
 * GICD_CTLR. Its layout depends on the security state: with one security
 * state (DS = 1) bit 0 enables Group 0, bit 1 Group 1 and bit 4 is ARE;
 * seen from Non-secure with two states (DS = 0) and ARE_NS set, bit 1 is
 * EnableGrp1A (our Non-secure Group 1) and bit 4 is ARE_NS. So bits 1 and
 * 4 enable Group 1 with affinity routing in both, and Group 0 (signalled
 * as FIQ) stays off.
 */
#define GICD_CTLR_ENABLE_GRP1 BIT(1)
#define GICD_CTLR_ARE BIT(4)
#define GICD_CTLR_DS BIT(6)
#define GICD_CTLR_RWP BIT(31) /* register write pending */

/* GICD_PIDR2 / GICR_PIDR2: ArchRev [7:4], 3 = GICv3, 4 = GICv4. */
#define GIC_PIDR2_ARCH_SHIFT 4
#define GIC_PIDR2_ARCH_MASK 0xfU
#define GIC_PIDR2_ARCH_GICV3 0x3U
#define GIC_PIDR2_ARCH_GICV4 0x4U

/* Redistributor: RD_base frame (offsets from the redistributor's base). */
#define GICR_CTLR 0x0000
#define GICR_TYPER 0x0008 /* 64-bit */
#define GICR_WAKER 0x0014
#define GICR_PIDR2 0xffe8
#define GICR_CTLR_RWP BIT(3) /* register write pending */
#define GICR_TYPER_VLPIS BIT(1)
#define GICR_TYPER_LAST BIT(4) /* the last redistributor of its region */
#define GICR_TYPER_AFFINITY_SHIFT 32
#define GICR_WAKER_PROCESSOR_SLEEP BIT(1)
#define GICR_WAKER_CHILDREN_ASLEEP BIT(2)

/* Redistributor: SGI_base frame, 64 KiB after RD_base. */
#define GICR_SGI_BASE 0x10000UL
#define GICR_IGROUPR0 0x0080
#define GICR_ISENABLER0 0x0100
#define GICR_ICENABLER0 0x0180
#define GICR_ISPENDR0 0x0200
#define GICR_ICPENDR0 0x0280
#define GICR_ISACTIVER0 0x0300
#define GICR_ICACTIVER0 0x0380
#define GICR_IPRIORITYR(n) (0x0400UL + 4UL * (n)) /* INTIDs 4n .. 4n+3 */

/* Bytes between redistributors: two frames, or four with virtual LPIs. */
#define GIC_V3_RDIST_STRIDE 0x20000UL
#define GIC_V3_RDIST_STRIDE_VLPI 0x40000UL
#define GIC_V3_RDIST_FRAME 0x10000UL

/* Redistributor regions the driver accepts. */
#define GIC_V3_MAX_RDIST_REGIONS 8

/* ICC_SGI1R_EL1 fields. */
#define ICC_SGI1R_TARGET_LIST_MASK 0xffffUL
#define ICC_SGI1R_AFF1_SHIFT 16
#define ICC_SGI1R_INTID_SHIFT 24
#define ICC_SGI1R_AFF2_SHIFT 32
#define ICC_SGI1R_RS_SHIFT 44
#define ICC_SGI1R_AFF3_SHIFT 48

/* The affinity fields of a hardware id (MPIDR layout), and all of them. */
#define GIC_V3_AFF0(hwid) ((hwid)&0xffUL)
#define GIC_V3_AFF1(hwid) (((hwid) >> 8) & 0xffUL)
#define GIC_V3_AFF2(hwid) (((hwid) >> 16) & 0xffUL)
#define GIC_V3_AFF3(hwid) (((hwid) >> 32) & 0xffUL)
#define GIC_V3_HWID_MASK 0xff00ffffffUL
/* Aff0 values one ICC_SGI1R_EL1 target list reaches (RS = 0). */
#define GIC_V3_TARGET_LIST_SIZE 16

/* ICC_SRE_EL1.SRE: the system-register interface is enabled. */
#define ICC_SRE_EL1_SRE BIT(0)
/* ICC_CTLR_EL1.EOImode: 0, an EOIR write both drops priority and deactivates. */
#define ICC_CTLR_EL1_EOIMODE BIT(1)
/* ICC_IGRPEN1_EL1.Enable: Group 1 interrupts are signalled. */
#define ICC_IGRPEN1_EL1_ENABLE BIT(0)
/* ICC_IAR1_EL1.INTID [23:0]. */
#define ICC_IAR1_INTID_MASK 0xffffffUL

/*
 * Priorities (lower is more urgent): the SGIs', and the mask the CPU
 * interface signals below (ICC_PMR_EL1). Both survive the Non-secure view
 * of a GIC with two security states, which halves the priority range.
 */
#define GIC_V3_SGI_PRIORITY 0xa0U
#define GIC_V3_PMR_UNMASK_ALL 0xf0U

/**
 * struct gic_v3_rdist_region - a region of contiguous redistributors
 * @base:   the mapped region
 * @size:   its size in bytes
 * @stride: bytes between two redistributors, or 0 to read it from each
 *          one's GICR_TYPER.VLPIS
 */
struct gic_v3_rdist_region {
	void __iomem *base;
	size_t size;
	size_t stride;
};

/**
 * gic_v3_init - bring up the GIC's SGIs as an IPI domain (boot CPU)
 * @dist:       the mapped distributor
 * @regions:    the redistributor regions (copied)
 * @nr_regions: 1 .. GIC_V3_MAX_RDIST_REGIONS
 * @fwnode:     the GIC's fwnode: the IPI domain is created with it and
 *              found with irq_find_matching_fwnode(@fwnode, DOMAIN_BUS_IPI)
 *
 * Checks that @dist is a GICv3/v4 distributor, finds every possible CPU's
 * redistributor (by the affinity in its GICR_TYPER), creates the domain,
 * installs the root handler, then enables affinity routing and Group 1 in
 * the distributor. Each CPU then calls gic_v3_starting_cpu().
 *
 * Returns 0, or -EINVAL (NULL or bad arguments, a region size or stride
 * that is not a multiple of 64 KiB), -ENODEV (not a GICv3/v4, a possible
 * CPU without a redistributor), -EBUSY (a GIC is already initialised, or
 * another root handler is installed) or -ENOMEM. On error nothing is left
 * behind and no register is written.
 */
int gic_v3_init(void __iomem *dist, const struct gic_v3_rdist_region *regions,
		unsigned int nr_regions, struct fwnode_handle *fwnode);

/**
 * gic_v3_starting_cpu - per-CPU bring-up, on the calling CPU, interrupts
 * masked: wakes its redistributor, disables its sixteen SGIs (each IPI's
 * user enables its own with enable_percpu_irq()) and makes them Group 1
 * at GIC_V3_SGI_PRIORITY, then enables the CPU interface's system
 * registers, priority mask and Group 1.
 *
 * Returns 0, or -ENODEV: no GIC was initialised, the calling CPU is not
 * one of the machine's, its MPIDR is not the affinity its redistributor
 * was found by, the system-register interface cannot be enabled (a higher
 * exception level forbids it; nothing was written), or the redistributor
 * does not wake up.
 */
int gic_v3_starting_cpu(void);

/* The IPI domain of the initialised GIC, or NULL. */
struct irq_domain *gic_v3_ipi_domain(void);

GENIPI_END_DECLS

#endif /* GENIPI_IRQCHIP_ARM_GIC_V3_H */
