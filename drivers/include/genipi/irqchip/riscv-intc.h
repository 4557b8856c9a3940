/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RISC-V hart-local interrupt controller ("riscv,cpu-intc"): the interrupt
 * causes of each hart, enabled in its mie (machine mode) or sie
 * (supervisor mode) CSR and reported in mcause/scause. The CSRs belong to
 * the hart that reads them, so the chip's mask/unmask act on the calling
 * hart, as a per-CPU devid interrupt's enable_percpu_irq() expects.
 *
 * A cause is the same number on every hart, so one linear, hierarchical
 * domain of RISCV_INTC_NR_LINES hwirqs (hwirq = cause) serves them all.
 * Users map a cause with irq_create_mapping(); a child domain allocates
 * below its own with a one-cell irq_fwspec naming the cause. An image
 * built for supervisor mode (GENIPI_RISCV_S_MODE) refuses the
 * machine-level causes (3, 7, 11): they belong to the firmware below it.
 *
 * Device-tree binding (DT glue in irq-riscv-intc-fdt.c): one node per hart,
 * inside its /cpus/cpu node, with "interrupt-controller" and
 * #interrupt-cells = <1> (the cause). The first node creates the domain
 * and the others share it, so an interrupts-extended entry naming any
 * hart's node maps through that domain.
 *
 * The driver's code exists only for RISC-V targets (it reaches CSRs); this
 * header is portable.
 */
#ifndef GENIPI_IRQCHIP_RISCV_INTC_H
#define GENIPI_IRQCHIP_RISCV_INTC_H

#include <genipi/irqdomain.h>
#include <genipi/types.h>

GENIPI_BEGIN_DECLS

/* Interrupt causes a hart can have: one bit each in mie/sie (XLEN = 64). */
#define RISCV_INTC_NR_LINES 64

/**
 * riscv_intc_init - create the hart-local domain with @fwnode and make its
 * handler the root interrupt handler
 * @fwnode: the domain's fwnode (the first cpu-intc node's, from a DT)
 *
 * At boot, before any cause is enabled. Returns 0, -EINVAL (NULL @fwnode),
 * -EBUSY (a root handler is installed already) or -ENOMEM; on error nothing
 * is left behind. The caller keeps @fwnode.
 */
int riscv_intc_init(struct fwnode_handle *fwnode);

/*
 * The domain riscv_intc_init() created (NULL before): the parent of the
 * harts' software, timer and external interrupt sources (CLINT, SBI IPI,
 * IMSIC). Valid until irq_core_teardown().
 */
struct irq_domain *riscv_intc_domain(void);

GENIPI_END_DECLS

#endif /* GENIPI_IRQCHIP_RISCV_INTC_H */
