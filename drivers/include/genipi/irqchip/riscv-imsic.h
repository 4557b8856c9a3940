/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RISC-V IMSIC IPI driver ("riscv,imsics"): IPIs as message-signalled
 * interrupts written straight into the target hart's interrupt file.
 *
 * Hardware (RISC-V Advanced Interrupt Architecture, chapter "Incoming
 * MSI Controller"): each hart has an interrupt file per privilege level,
 * a 4 KiB page of which the driver uses one register:
 *
 *   seteipnum_le (offset 0x0)  a 32-bit little-endian write of identity i
 *                              sets bit i of the file's eip (pending) array
 *
 * and, on the hart itself, indirect CSRs reached through miselect/mireg (siselect/sireg)
 * (<genipi/riscv-csr.h>): eidelivery (1: the file drives the hart's
 * external interrupt), eithreshold (0: every identity may interrupt), and
 * the eie (enable) array, 64 identities per register on RV64 where only
 * the even-numbered eie0, eie2, ... exist. The hart claims the highest-
 * priority (lowest) pending and enabled identity with a swap of *topei
 * (identity in bits 26:16, 0 when none), which clears its pending bit.
 * Identity 0 is never valid; a file implements identities 1 .. num-ids.
 *
 * QEMU's virt machine with aia=aplic-imsic has one file per hart and per
 * level: machine level at 0x24000000 + 0x1000 * hart index, supervisor
 * level at 0x28000000 + 0x1000 * hart index, 255 identities each.
 *
 * The driver runs the files of the privilege level the image runs in
 * (RV_IRQ_EXT of <genipi/riscv-csr.h>: 11 in machine mode, 9 in supervisor
 * mode) and serves IPIs in one of two modes:
 *
 *  - per-IPI identities (the default): an IRQ_DOMAIN_FLAG_IPI_SINGLE
 *    domain (bus token DOMAIN_BUS_IPI, on the imsics node's fwnode) whose
 *    hwirqs are the identities IMSIC_IPI_FIRST_ID .. min(num-ids,
 *    IMSIC_IPI_MAX_ID). One identity reaches any set of harts, as a GIC
 *    SGI does: irq_reserve_ipi() takes the lowest free identity for the
 *    whole target mask; sending writes it to each target's file. No
 *    identity is kept back for MSIs: this driver is the only user of the
 *    files (no MSI domain exists), and IMSIC_IPI_MAX_ID keeps every IPI
 *    identity in the first eie register. enable_percpu_irq() /
 *    disable_percpu_irq() set and clear the identity's eie bit on the
 *    calling hart; a masked identity stays pending in eip and is taken
 *    when enabled again.
 *
 *  - the multiplexer: identity IMSIC_IPI_MUX_ID on every hart carries the
 *    virtual IPIs of <genipi/ipi-mux.h> (imsic_ipi_init() returns them);
 *    the claimed identity runs ipi_mux_process().
 *
 * The mode is the device tree's choice when the imsics node has the
 * boolean property "genipi,ipi-mux" (multiplexer); without it, the
 * build's: GENIPI_IMSIC_IPI_MUX=1 (a compile definition, as a Kconfig
 * option would be) selects the multiplexer, 0 or undefined the per-IPI
 * identities.
 *
 * In both modes the receiving hart runs a chained handler on its
 * external-interrupt line (RV_IRQ_EXT of the "riscv,cpu-intc" domain)
 * that claims one identity through *topei per entry, as Linux's GICv3
 * driver takes one interrupt per entry: while another enabled identity is
 * pending, the file keeps the line asserted and the hart traps again.
 *
 * Device-tree binding (DT glue in irq-riscv-imsic-fdt.c; the node QEMU
 * generates):
 *
 *	imsics@24000000 {
 *		compatible = "riscv,imsics";
 *		reg = <0x0 0x24000000 0x0 0x4000>;
 *		interrupts-extended = <&cpu0_intc 11>, <&cpu1_intc 11>,
 *				      <&cpu2_intc 11>, <&cpu3_intc 11>;
 *		riscv,num-ids = <255>;
 *		interrupt-controller;
 *		#interrupt-cells = <0>;
 *		msi-controller;
 *		genipi,ipi-mux;		(optional, see above)
 *		genipi,nr-ipis = <8>;	(optional, multiplexer only)
 *	};
 *
 *   - reg: the interrupt files of the one group; entry i of
 *     interrupts-extended is hart index i, whose file is at
 *     reg + i * (1 << (12 + riscv,guest-index-bits));
 *   - interrupts-extended: per hart, its "riscv,cpu-intc" node (inside the
 *     hart's /cpus/cpu node) and the external interrupt of the level the
 *     files serve: 11 (machine) or 9 (supervisor). A node of the other
 *     level is left alone; every CPU of the machine needs a file;
 *   - riscv,num-ids: identities per file, 63 .. 2047;
 *   - riscv,guest-index-bits (default 0, at most 7),
 *     riscv,hart-index-bits (default: enough for the harts listed),
 *     riscv,group-index-bits (default 0; only 0, one group, is supported),
 *     riscv,group-index-shift (24 .. 55 when given);
 *   - genipi,ipi-mux: the multiplexer; genipi,nr-ipis (1 .. 32, default
 *     8): its virtual IPIs, found with irqchip_fdt_ipi_virqs().
 *
 * Hardware logic (irq-riscv-imsic.c) knows nothing of device trees: the
 * glue fills a struct imsic_ipi_config and calls imsic_ipi_init(); each
 * CPU then calls imsic_ipi_starting_cpu().
 */
#ifndef GENIPI_IRQCHIP_RISCV_IMSIC_H
#define GENIPI_IRQCHIP_RISCV_IMSIC_H

#include <genipi/irqdomain.h>
#include <genipi/types.h>

#ifndef __iomem
#define __iomem
#endif

GENIPI_BEGIN_DECLS

/* ---- hardware facts ------------------------------------------------------ */

/* An interrupt file is one page; guest files follow the hart's own. */
#define IMSIC_FILE_SHIFT 12
#define IMSIC_FILE_SIZE (1UL << IMSIC_FILE_SHIFT)
/* seteipnum_le: writing identity i sets its pending bit (offset in a file) */
#define IMSIC_SETEIPNUM_LE 0x0UL

/* riscv,num-ids: identities 1 .. num-ids exist; 63 .. 2047 by the AIA spec */
#define IMSIC_MIN_NR_IDS 63U
#define IMSIC_MAX_NR_IDS 2047U
/* binding limits of the layout properties */
#define IMSIC_MAX_GUEST_INDEX_BITS 7U
#define IMSIC_MAX_HART_INDEX_BITS 15U
#define IMSIC_MIN_GROUP_INDEX_SHIFT 24U
#define IMSIC_MAX_GROUP_INDEX_SHIFT 55U

/* eidelivery: 1 = deliver the file's interrupts to the hart */
#define IMSIC_EIDELIVERY_ON 1UL
/* eithreshold: 0 = no threshold, every enabled identity may interrupt */
#define IMSIC_EITHRESHOLD_NONE 0UL
/*
 * eie registers (eie0 at iselect 0xc0): 64 identities each on RV64, where
 * only the even-numbered ones exist, so identity i is bit i % 64 of
 * eie(2 * (i / 64))
 */
#define IMSIC_IDS_PER_EIE 64U

/* ---- what the driver uses ------------------------------------------------ */

/*
 * Per-IPI identities: IMSIC_IPI_FIRST_ID .. min(num-ids, IMSIC_IPI_MAX_ID),
 * so 63 IPIs on every IMSIC (num-ids is at least 63), all in eie0.
 */
#define IMSIC_IPI_FIRST_ID 1U
#define IMSIC_IPI_MAX_ID 63U

/* The multiplexer's identity (the highest priority), and its virtual IPIs. */
#define IMSIC_IPI_MUX_ID 1U
#define IMSIC_IPI_MUX_DEFAULT_NR_IPI 8U
#define IMSIC_IPI_MUX_MAX_NR_IPI 32U

/**
 * struct imsic_ipi_config - what imsic_ipi_init() needs
 * @files:       the mapped interrupt file of each target (CPU) id, from 0 to
 *               @nr_files - 1; every CPU of the machine needs one
 * @nr_files:    entries in @files (at least nr_cpu_ids, at most NR_TARGETS)
 * @nr_ids:      identities each file implements (riscv,num-ids)
 * @parent:      the domain of the harts' local interrupt controllers (one
 *               domain for all harts, per-CPU lines)
 * @parent_line: the external interrupt's hwirq in @parent (RV_IRQ_EXT)
 * @fwnode:      the imsics node's fwnode: the per-IPI domain is created on
 *               it (unused by the multiplexer, which has its own)
 * @mux:         true: the multiplexer; false: per-IPI identities
 * @nr_mux_ipi:  the multiplexer's virtual IPIs, 1 .. IMSIC_IPI_MUX_MAX_NR_IPI
 */
struct imsic_ipi_config {
	void __iomem *const *files;
	unsigned int nr_files;
	unsigned int nr_ids;
	struct irq_domain *parent;
	irq_hw_number_t parent_line;
	struct fwnode_handle *fwnode;
	bool mux;
	unsigned int nr_mux_ipi;
};

/**
 * imsic_ipi_init - bring up IPIs over the IMSIC interrupt files
 * @cfg: the files, the parent line and the mode
 *
 * Maps @cfg->parent_line in @cfg->parent and installs the chained handler
 * that claims identities. Per-IPI identities: creates the IPI domain on
 * @cfg->fwnode (found with irq_find_matching_fwnode(fwnode,
 * DOMAIN_BUS_IPI)). Multiplexer: creates it. Each CPU then calls
 * imsic_ipi_starting_cpu().
 *
 * Returns 0 (per-IPI identities), the first of @cfg->nr_mux_ipi
 * consecutive virqs (multiplexer), -EINVAL (a missing field, a CPU without
 * a file, @nr_ids or @nr_mux_ipi out of range, a line @parent cannot
 * map), -EBUSY (already initialised), -EEXIST (a multiplexer exists
 * already) or -ENOMEM. On error nothing is left behind.
 */
int imsic_ipi_init(const struct imsic_ipi_config *cfg);

/**
 * imsic_ipi_starting_cpu - set up the calling hart's interrupt file
 *
 * Turns delivery on with no threshold, sets the file's eie bits to what
 * is enabled on this CPU (per-IPI identities: the identities whose virq
 * this CPU enabled; multiplexer: its identity), and enables the external
 * interrupt line. Called on each CPU as it comes up, after
 * imsic_ipi_init(), with interrupts masked. Returns 0 or -ENODEV if
 * imsic_ipi_init() has not succeeded.
 */
int imsic_ipi_starting_cpu(void);

/**
 * imsic_ipi_dying_cpu - stop taking IPIs on the calling hart
 *
 * Disables the external interrupt line. IPIs sent meanwhile stay pending
 * in the file until imsic_ipi_starting_cpu() runs again. Returns 0 or
 * -ENODEV.
 */
int imsic_ipi_dying_cpu(void);

GENIPI_END_DECLS

#endif /* GENIPI_IRQCHIP_RISCV_IMSIC_H */
