// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device-tree glue of the hosted cpu-intc: on the hosted port it drives the
 * CPU-local interrupt controllers of the architectures the drivers are
 * written for, each with the lines the architecture gives a CPU:
 *
 *   hosted,cpu-intc               64  (the hosted CPU's own)
 *   riscv,cpu-intc                64  (mip/mie: one bit per interrupt cause)
 *   mti,cpu-interrupt-controller   8  (MIPS Cause.IP0-IP7)
 *
 * (A Kalray core-intc has a driver of its own, irq-kvx-core-intc.c.)
 *
 * A DT has one such node per CPU (RISC-V) or one for all (MIPS);
 * the hosted CPUs share one domain either way, since a line's hwirq is the
 * same number on every CPU and each line is a per-CPU interrupt. The first
 * node creates the domain with its fwnode and installs the root handler;
 * the others share it (irqchip_fdt_share_domain()), so an
 * interrupts-extended entry naming any of them maps through that domain.
 * If the machine has a built-in domain already (not a bare boot), every
 * node shares that. Interrupt specifier: one cell, the line.
 */
#include "hosted-internal.h"

#include <genipi/errno.h>
#include <genipi/irqchip.h>

#include <libfdt.h>

static int cpu_intc_fdt_init(const struct irqchip_fdt_node *node, unsigned int nr_lines)
{
	struct irq_domain *d = hosted_cpu_intc_domain();
	const fdt32_t *cells;
	int len, ret;

	cells = fdt_getprop(node->fdt, node->offset, "#interrupt-cells", &len);
	if (cells && (len != 4 || fdt32_ld(cells) != 1))
		return irqchip_fdt_err(node, -EINVAL, "#interrupt-cells must be 1 (the line)");
	if (d) {
		if (hosted_cpu_intc_nr_lines() != nr_lines)
			return irqchip_fdt_err(node, -EINVAL,
					       "a controller of %u lines, but the CPUs' has %u",
					       nr_lines, hosted_cpu_intc_nr_lines());
		return irqchip_fdt_share_domain(node, d);
	}
	ret = hosted_cpu_intc_create(node->fwnode, nr_lines);
	if (ret)
		return irqchip_fdt_err(node, ret, "cannot create the CPUs' domain (%d)", ret);
	return 0;
}

static int hosted_cpu_intc_fdt_init(const struct irqchip_fdt_node *node)
{
	return cpu_intc_fdt_init(node, HOSTED_NR_LINES);
}

static int riscv_cpu_intc_fdt_init(const struct irqchip_fdt_node *node)
{
	return cpu_intc_fdt_init(node, 64);
}

static int mips_cpu_intc_fdt_init(const struct irqchip_fdt_node *node)
{
	return cpu_intc_fdt_init(node, 8);
}

IRQCHIP_FDT_DECLARE(hosted_cpu_intc, "hosted,cpu-intc", hosted_cpu_intc_fdt_init, 0);
IRQCHIP_FDT_DECLARE(riscv_cpu_intc, "riscv,cpu-intc", riscv_cpu_intc_fdt_init, 0);
IRQCHIP_FDT_DECLARE(mips_cpu_intc, "mti,cpu-interrupt-controller", mips_cpu_intc_fdt_init, 0);
