/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kalray Coolidge IPI controller ("kalray,coolidge-ipi-ctrl", older name
 * "kalray,kvx-ipi-ctrl"): the inter-processor interrupts of one cluster of
 * 16 PEs and its resource-manager (RM) core.
 *
 * Hardware: eight independent register sets, each two 32-bit registers of
 * 17 meaningful bits, bit i naming PE i (0-15) and bit 16 the RM:
 *
 *   INTERRUPT(n)  writing bit i raises set n's line on core i
 *   MASK(n)       a set bit blocks set n's delivery to that core
 *
 * Set n drives one dedicated line of every core's interrupt controller
 * ("kalray,kv3-1-core-intc", 32 lines): line 24 + n on Coolidge. The
 * controller has no input lines; it only raises.
 *
 * genipi drives it as an IRQ_DOMAIN_FLAG_IPI_SINGLE domain (bus token
 * DOMAIN_BUS_IPI) stacked on the core-intc domain: its eight hwirqs are
 * the eight sets. irq_reserve_ipi() takes a free set for the whole target
 * mask, allocates the set's core-intc line below it, and programs the set's
 * MASK so that only the reserved targets can be hit; destroying the IPI
 * masks the set fully and frees it. A target's bit is its hardware id
 * (target_hwid()): a PE's is its /cpus/cpu "reg", the RM's the "reg" of
 * its remote-processor node, 16. The RM runs none of our code: it can be
 * reserved and sent to, and is told the set by ipi_get_hwirq(), but no
 * handler can be requested for it (the core enforces that).
 *
 * Device-tree binding (DT glue in irq-kvx-ipi-ctrl-fdt.c; a whole cluster
 * in examples/coolidge.dts):
 *
 *	cpus {
 *		#address-cells = <1>;
 *		#size-cells = <0>;
 *
 *		cpu@0 {
 *			device_type = "cpu";
 *			reg = <0>;
 *			core_intc0: interrupt-controller {
 *				compatible = "kalray,kv3-1-core-intc";
 *				interrupt-controller;
 *				#interrupt-cells = <1>;
 *			};
 *		};
 *		... cpu@1 to cpu@15 ...
 *
 *		rm@16 {
 *			compatible = "genipi,remote-processor";
 *			reg = <16>;
 *		};
 *	};
 *
 *	ipi-controller@ad0000 {
 *		compatible = "kalray,coolidge-ipi-ctrl";
 *		reg = <0x0 0xad0000 0x0 0x1000>;
 *		interrupt-controller;
 *		#interrupt-cells = <0>;
 *		interrupts-extended = <&core_intc0 24>, ..., <&core_intc15 24>;
 *	};
 *
 *   - reg: the register sets (at least KVX_IPI_CTRL_REGS_SIZE bytes);
 *   - interrupts-extended: one entry per PE wired to the controller: the
 *     core-intc node inside that PE's /cpus/cpu node, and the line of set
 *     0 (24 on Coolidge); set n raises that line + n. Every entry names
 *     the same line, and the eight lines must fit the core-intc's 32. A PE
 *     the system does not run (booted with fewer CPUs) may stay listed;
 *   - interrupt-controller and #interrupt-cells = <0> as in Kalray's
 *     binding: nothing is wired to it; IPIs are reserved from its
 *     DOMAIN_BUS_IPI domain, found with irq_find_matching_fwnode();
 *   - the RM is a "genipi,remote-processor" node whose reg is its core
 *     number, 16, in the PEs' number space: its bit.
 *
 * One controller per system: a PE only reaches its own cluster's.
 */
#ifndef GENIPI_IRQCHIP_KVX_IPI_CTRL_H
#define GENIPI_IRQCHIP_KVX_IPI_CTRL_H

#include <genipi/irqdomain.h>
#include <genipi/types.h>

#ifndef __iomem
#define __iomem
#endif

GENIPI_BEGIN_DECLS

/* Register sets, and where set @n's two registers sit (offsets from the base). */
#define KVX_IPI_CTRL_NR_SETS 8
#define KVX_IPI_CTRL_INTERRUPT(n) (0x00UL + 4UL * (n))
#define KVX_IPI_CTRL_MASK(n) (0x20UL + 4UL * (n))
/* Bytes the eight sets span. */
#define KVX_IPI_CTRL_REGS_SIZE 0x40UL

/* Bits of both registers: PE0-PE15, then the RM. */
#define KVX_IPI_CTRL_NR_PES 16
#define KVX_IPI_CTRL_RM_BIT 16
#define KVX_IPI_CTRL_NR_BITS 17
#define KVX_IPI_CTRL_ALL_BITS 0x1ffffU

/* The core-intc line of set 0 on Coolidge, and the core-intc's size. */
#define KVX_IPI_CTRL_FIRST_LINE 24
#define KVX_CORE_INTC_NR_LINES 32

/**
 * kvx_ipi_ctrl_init - bring up the IPI domain of a Coolidge IPI controller
 * @regs:       the mapped register sets
 * @parent:     the core-intc domain (one domain serves every PE's core-intc:
 *              its lines are CPU-local, each a per-CPU devid interrupt)
 * @fwnode:     the controller's fwnode; the IPI domain is created with it
 *              and found with irq_find_matching_fwnode(@fwnode,
 *              DOMAIN_BUS_IPI)
 * @first_line: the line of @parent that set 0 raises (set n: + n)
 *
 * Masks every set fully (nothing is reserved, so nothing may be hit), then
 * creates the domain. Each CPU enables the lines of the IPIs it handles
 * with enable_percpu_irq(), as for any per-CPU interrupt.
 *
 * Returns 0, -EINVAL (NULL @regs, @parent or @fwnode, or the eight lines
 * from @first_line do not fit @parent), -EBUSY (@fwnode has an IPI domain
 * already) or -ENOMEM. On error nothing is left behind and no register is
 * written.
 */
int kvx_ipi_ctrl_init(void __iomem *regs, struct irq_domain *parent, struct fwnode_handle *fwnode,
		      irq_hw_number_t first_line);

GENIPI_END_DECLS

#endif /* GENIPI_IRQCHIP_KVX_IPI_CTRL_H */
