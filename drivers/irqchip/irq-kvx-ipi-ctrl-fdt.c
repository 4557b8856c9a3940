// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device-tree glue of the Kalray Coolidge IPI controller: turns a
 * "kalray,coolidge-ipi-ctrl" (or older "kalray,kvx-ipi-ctrl") node into a
 * call of kvx_ipi_ctrl_init(). The binding is documented in
 * <genipi/irqchip/kvx-ipi-ctrl.h>; in short: "reg" is the register sets,
 * "interrupts-extended" names each wired PE's core-intc with the line of
 * set 0, and the RM is a "genipi,remote-processor" node with reg = <16>.
 */
#include <genipi/genipi.h>
#include <genipi/io.h>
#include <genipi/irqchip.h>
#include <genipi/irqchip/kvx-ipi-ctrl.h>

#include <libfdt.h>
#include <string.h>

#define KVX_COOLIDGE_COMPATIBLE "kalray,coolidge-ipi-ctrl"
#define KVX_LEGACY_COMPATIBLE "kalray,kvx-ipi-ctrl"

/* "status" absent, "okay" or "ok": the node describes present hardware. */
static bool kvx_ipi_ctrl_fdt_enabled(const void *fdt, int offset)
{
	const char *status = fdt_getprop(fdt, offset, "status", NULL);

	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

/* The first enabled node of either compatible, in blob order, or -1. */
static int kvx_ipi_ctrl_fdt_first(const void *fdt)
{
	static const char *const compatibles[] = { KVX_COOLIDGE_COMPATIBLE, KVX_LEGACY_COMPATIBLE };
	int first = -1;

	for (unsigned int i = 0; i < sizeof(compatibles) / sizeof(compatibles[0]); i++) {
		int offset = fdt_node_offset_by_compatible(fdt, -1, compatibles[i]);

		while (offset >= 0 && !kvx_ipi_ctrl_fdt_enabled(fdt, offset))
			offset = fdt_node_offset_by_compatible(fdt, offset, compatibles[i]);
		if (offset >= 0 && (first < 0 || offset < first))
			first = offset;
	}
	return first;
}

/*
 * The core-intc line of set 0, from "interrupts-extended": one entry per
 * wired PE, each naming a core-intc inside a /cpus/cpu node (one cell: the
 * line), all the same line, with room for the eight sets' lines above it.
 */
static int kvx_ipi_ctrl_fdt_first_line(const struct irqchip_fdt_node *node,
				       irq_hw_number_t *first_line)
{
	int nr = irqchip_fdt_nr_parent_irqs(node), parent_offset, cpu;
	struct irq_fwspec fwspec;

	if (nr <= 0)
		return irqchip_fdt_err(node, -EINVAL,
				       "no interrupts-extended: no PE is wired to the controller");
	for (unsigned int i = 0; i < (unsigned int)nr; i++) {
		if (irqchip_fdt_parent_irq(node, i, &parent_offset, &fwspec))
			return irqchip_fdt_err(node, -EINVAL, "interrupts-extended entry %u is bad",
					       i);
		if (fwspec.param_count != 1)
			return irqchip_fdt_err(node, -EINVAL,
					       "interrupts-extended entry %u has %d cells, not 1 "
					       "(the core-intc line)",
					       i, fwspec.param_count);
		/* a PE this system does not run (-ENODEV) is wired all the same */
		cpu = irqchip_fdt_cpu_of(node->fdt, parent_offset);
		if (cpu == -EINVAL ||
		    (cpu >= 0 && target_hwid((unsigned int)cpu) >= KVX_IPI_CTRL_NR_BITS))
			return irqchip_fdt_err(node, -EINVAL,
					       "interrupts-extended entry %u is not the core-intc "
					       "of a core of the cluster (hardware ids 0-%d)",
					       i, KVX_IPI_CTRL_NR_BITS - 1);
		if (i && fwspec.param[0] != *first_line)
			return irqchip_fdt_err(node, -EINVAL,
					       "interrupts-extended entry %u names line %u, entry 0 "
					       "line %lu: every PE has the same lines",
					       i, fwspec.param[0], *first_line);
		*first_line = fwspec.param[0];
	}
	if (*first_line > KVX_CORE_INTC_NR_LINES - KVX_IPI_CTRL_NR_SETS)
		return irqchip_fdt_err(node, -EINVAL,
				       "lines %lu-%lu of the sets do not fit the core-intc's %d",
				       *first_line, *first_line + KVX_IPI_CTRL_NR_SETS - 1,
				       KVX_CORE_INTC_NR_LINES);
	return 0;
}

static int kvx_ipi_ctrl_fdt_init(const struct irqchip_fdt_node *node)
{
	irq_hw_number_t first_line = 0;
	uint64_t addr, size;
	void __iomem *regs;
	int ret;

	/* the driver drives one controller: a PE reaches only its own cluster's */
	if (kvx_ipi_ctrl_fdt_first(node->fdt) != node->offset)
		return irqchip_fdt_err(node, -EBUSY,
				       "a second IPI controller: the driver drives one per system");
	ret = irqchip_fdt_get_reg(node, 0, &addr, &size);
	if (ret || size < KVX_IPI_CTRL_REGS_SIZE || addr > UINTPTR_MAX - size)
		return irqchip_fdt_err(node, -EINVAL,
				       "reg must span the 8 register sets (%#lx bytes)",
				       KVX_IPI_CTRL_REGS_SIZE);
	ret = kvx_ipi_ctrl_fdt_first_line(node, &first_line);
	if (ret)
		return ret;
	if (!node->parent)
		return irqchip_fdt_err(node, -EINVAL, "no core-intc parent");

	regs = ioremap((uintptr_t)addr, (size_t)size);
	if (!regs)
		return irqchip_fdt_err(node, -ENOMEM, "cannot map the registers");
	ret = kvx_ipi_ctrl_init(regs, node->parent, node->fwnode, first_line);
	if (ret) {
		iounmap(regs);
		return irqchip_fdt_err(node, ret, "cannot create the IPI domain (%d)", ret);
	}
	return 0;
}

IRQCHIP_FDT_DECLARE(kvx_coolidge_ipi_ctrl, KVX_COOLIDGE_COMPATIBLE, kvx_ipi_ctrl_fdt_init,
		    IRQCHIP_FDT_NEEDS_REG);
IRQCHIP_FDT_DECLARE(kvx_ipi_ctrl, KVX_LEGACY_COMPATIBLE, kvx_ipi_ctrl_fdt_init,
		    IRQCHIP_FDT_NEEDS_REG);
