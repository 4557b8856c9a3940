// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device-tree glue of the RISC-V hart-local interrupt controller: one
 * "riscv,cpu-intc" node per hart, inside its cpu node (binding in
 * <genipi/irqchip/riscv-intc.h>):
 *
 *	cpu@0 {
 *		device_type = "cpu";
 *		reg = <0>;
 *		cpu0_intc: interrupt-controller {
 *			compatible = "riscv,cpu-intc";
 *			interrupt-controller;
 *			#interrupt-cells = <1>;
 *		};
 *	};
 *
 * A cause is the same number on every hart, so the first node creates the
 * one domain with its fwnode and the others share it
 * (irqchip_fdt_share_domain()): an interrupts-extended entry naming any
 * hart's node (<&cpu1_intc 3>) maps through that domain.
 */
#include <genipi/genipi.h>
#include <genipi/irqchip.h>
#include <genipi/irqchip/riscv-intc.h>

#include <libfdt.h>
#include <string.h>

#define RISCV_INTC_COMPATIBLE "riscv,cpu-intc"

/* "status" absent, "okay" or "ok": the node describes present hardware. */
static bool riscv_intc_fdt_enabled(const void *fdt, int offset)
{
	const char *status = fdt_getprop(fdt, offset, "status", NULL);

	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

/*
 * The first enabled node, in blob order, or -1: the probe inits these
 * roots in node order, so it is the one that creates the domain. Asking
 * the blob rather than remembering a domain keeps nothing from a previous
 * system.
 */
static int riscv_intc_fdt_first(const void *fdt)
{
	int offset = fdt_node_offset_by_compatible(fdt, -1, RISCV_INTC_COMPATIBLE);

	while (offset >= 0 && !riscv_intc_fdt_enabled(fdt, offset))
		offset = fdt_node_offset_by_compatible(fdt, offset, RISCV_INTC_COMPATIBLE);
	return offset;
}

static int riscv_intc_fdt_init(const struct irqchip_fdt_node *node)
{
	struct irq_domain *d;
	const fdt32_t *cells;
	int len, first, ret;

	cells = fdt_getprop(node->fdt, node->offset, "#interrupt-cells", &len);
	if (cells && (len != 4 || fdt32_ld(cells) != 1))
		return irqchip_fdt_err(node, -EINVAL, "#interrupt-cells must be 1 (the cause)");

	first = riscv_intc_fdt_first(node->fdt);
	if (first == node->offset) {
		ret = riscv_intc_init(node->fwnode);
		if (ret)
			return irqchip_fdt_err(node, ret,
					       "cannot create the hart-local domain (%d)", ret);
		return 0;
	}
	d = first >= 0 ? irqchip_fdt_domain(node->fdt, first, DOMAIN_BUS_ANY) : NULL;
	if (!d)
		return irqchip_fdt_err(node, -ENODEV,
				       "the first cpu-intc node did not create the domain");
	return irqchip_fdt_share_domain(node, d);
}

IRQCHIP_FDT_DECLARE(riscv_cpu_intc, RISCV_INTC_COMPATIBLE, riscv_intc_fdt_init, 0);
