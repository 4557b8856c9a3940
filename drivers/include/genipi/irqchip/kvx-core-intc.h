/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kalray KV3 core interrupt controller ("kalray,kv3-1-core-intc"): the 32
 * interrupt lines of each core, reached only by the core itself through
 * its ILE (enable) and ILR (request) system function registers
 * (<genipi/kvx-sfr.h>).
 *
 * A line's number is the same on every core, so one linear, hierarchical
 * domain of 32 hwirqs serves them all and each line is a per-CPU devid
 * interrupt: irq_mask/irq_unmask act on the calling core's ILE. Users map
 * a line with irq_create_mapping(); a child domain (the Coolidge IPI
 * controller) allocates lines below its own with a one-cell irq_fwspec
 * naming the line.
 *
 * Device-tree binding (DT glue in irq-kvx-core-intc-fdt.c): one node per
 * core, inside its /cpus/cpu node, with "interrupt-controller" and
 * #interrupt-cells = <1> (the line). The first node creates the domain;
 * the others share it.
 */
#ifndef GENIPI_IRQCHIP_KVX_CORE_INTC_H
#define GENIPI_IRQCHIP_KVX_CORE_INTC_H

#include <genipi/irqdomain.h>
#include <genipi/types.h>

GENIPI_BEGIN_DECLS

/* Lines of each core (ILE and ILR bits); <genipi/irqchip/kvx-ipi-ctrl.h> has the same. */
#define KVX_CORE_INTC_NR_LINES 32

/**
 * kvx_core_intc_init - create the core-intc domain with @fwnode and make
 * its handler the root interrupt handler
 *
 * At boot, before any line can be raised. Returns 0, -EINVAL (NULL
 * @fwnode), -EBUSY (a root handler is installed already) or -ENOMEM; on
 * error nothing is left behind. The caller keeps @fwnode.
 */
int kvx_core_intc_init(struct fwnode_handle *fwnode);

/* The domain kvx_core_intc_init() created (NULL before); valid until irq_core_teardown(). */
struct irq_domain *kvx_core_intc_domain(void);

GENIPI_END_DECLS

#endif /* GENIPI_IRQCHIP_KVX_CORE_INTC_H */
