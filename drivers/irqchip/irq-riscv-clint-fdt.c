// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device-tree glue of the RISC-V CLINT / ACLINT MSWI IPI driver
 * (irq-riscv-clint.c): finds what clint_ipi_init() needs in the node.
 *
 *	clint@2000000 {
 *		compatible = "sifive,clint0", "riscv,clint0";
 *		reg = <0x0 0x2000000 0x0 0x10000>;
 *		interrupts-extended = <&cpu0_intc 3>, <&cpu0_intc 7>,
 *				      <&cpu1_intc 3>, <&cpu1_intc 7>;
 *	};
 *
 * "reg": the MSIP registers start at the first address. "interrupts-extended":
 * per hart, the lines the device drives at that hart's local interrupt
 * controller; the software interrupt is cause 3 (machine mode) or 1
 * (supervisor mode: an ACLINT SSWI), a CLINT's timer 7 is not ours. All the
 * harts' software interrupt entries must name one line and, once probed,
 * one domain (the hosted and RISC-V cpu-intc drivers give all harts one).
 *
 * "genipi,nr-ipis" (optional, 1 .. 32): how many virtual IPIs to create;
 * 8 without it, the number Linux's RISC-V IPI code asks for.
 */
#include <genipi/errno.h>
#include <genipi/io.h>
#include <genipi/irqchip.h>
#include <genipi/irqchip/riscv-clint.h>

#include <libfdt.h>

#define CLINT_FDT_DEFAULT_NR_IPI 8
#define CLINT_FDT_MAX_NR_IPI 32

/* RISC-V interrupt causes of the software interrupts. */
#define RISCV_IRQ_SOFT_S 1
#define RISCV_IRQ_SOFT_M 3

static bool clint_fdt_is_soft_irq(uint32_t line)
{
	return line == RISCV_IRQ_SOFT_M || line == RISCV_IRQ_SOFT_S;
}

/* The parent domain and line of the harts' software interrupt. */
static int clint_fdt_soft_irq(const struct irqchip_fdt_node *node, struct irq_domain **parent,
			      uint32_t *line)
{
	unsigned int harts = 0;
	int nr = irqchip_fdt_nr_parent_irqs(node);

	if (nr < 0)
		return irqchip_fdt_err(node, -EINVAL, "malformed \"interrupts-extended\"");
	for (int i = 0; i < nr; i++) {
		struct irq_fwspec fwspec;
		struct irq_domain *d;
		int intc;

		if (irqchip_fdt_parent_irq(node, (unsigned int)i, &intc, &fwspec))
			return irqchip_fdt_err(node, -EINVAL, "interrupt %d: no such controller",
					       i);
		if (fwspec.param_count != 1)
			return irqchip_fdt_err(node, -EINVAL,
					       "interrupt %d: %d cells, a hart's controller takes 1",
					       i, fwspec.param_count);
		if (!clint_fdt_is_soft_irq(fwspec.param[0]))
			continue;
		d = irq_find_matching_fwnode(fwspec.fwnode, DOMAIN_BUS_ANY);
		if (!d)
			return irqchip_fdt_err(node, -EINVAL,
					       "interrupt %d: its controller has no domain", i);
		if (harts && (d != *parent || fwspec.param[0] != *line))
			return irqchip_fdt_err(node, -EINVAL,
					       "interrupt %d: harts' software interrupts differ "
					       "(line %u of %s, then line %u of %s)",
					       i, *line, (*parent)->name, fwspec.param[0], d->name);
		*parent = d;
		*line = fwspec.param[0];
		harts++;
	}
	if (!harts)
		return irqchip_fdt_err(node, -EINVAL,
				       "no software interrupt (line %d or %d) in "
				       "\"interrupts-extended\"",
				       RISCV_IRQ_SOFT_M, RISCV_IRQ_SOFT_S);
	return 0;
}

/* "genipi,nr-ipis", or the default. */
static int clint_fdt_nr_ipi(const struct irqchip_fdt_node *node, unsigned int *nr_ipi)
{
	const fdt32_t *prop;
	int len;

	*nr_ipi = CLINT_FDT_DEFAULT_NR_IPI;
	prop = fdt_getprop(node->fdt, node->offset, "genipi,nr-ipis", &len);
	if (!prop)
		return 0;
	if (len != 4 || !fdt32_ld(prop) || fdt32_ld(prop) > CLINT_FDT_MAX_NR_IPI)
		return irqchip_fdt_err(node, -EINVAL, "\"genipi,nr-ipis\" must be 1 .. %d",
				       CLINT_FDT_MAX_NR_IPI);
	*nr_ipi = fdt32_ld(prop);
	return 0;
}

static int clint_fdt_init(const struct irqchip_fdt_node *node)
{
	struct irq_domain *parent = NULL;
	unsigned int nr_ipi;
	uint64_t base, size;
	uint32_t line = 0;
	int virq, ret;

	if (irqchip_fdt_get_reg(node, 0, &base, &size) || size < 4 || base != (uintptr_t)base)
		return irqchip_fdt_err(node, -EINVAL, "no usable \"reg\"");
	ret = clint_fdt_soft_irq(node, &parent, &line);
	if (ret)
		return ret;
	ret = clint_fdt_nr_ipi(node, &nr_ipi);
	if (ret)
		return ret;

	virq = clint_ipi_init(ioremap((uintptr_t)base, (size_t)size), parent, line, nr_ipi);
	if (virq < 0)
		return irqchip_fdt_err(node, virq, "clint_ipi_init: %d", virq);
	ret = irqchip_fdt_set_ipi_virqs(node, (unsigned int)virq, nr_ipi);
	if (!ret)
		ret = irqchip_fdt_add_cpu_starting(clint_ipi_starting_cpu);
	if (ret)
		return irqchip_fdt_err(node, ret, "cannot register its IPIs (%d)", ret);
	return 0;
}

IRQCHIP_FDT_DECLARE(riscv_clint0, "riscv,clint0", clint_fdt_init, IRQCHIP_FDT_NEEDS_REG);
IRQCHIP_FDT_DECLARE(sifive_clint0, "sifive,clint0", clint_fdt_init, IRQCHIP_FDT_NEEDS_REG);
IRQCHIP_FDT_DECLARE(riscv_aclint_mswi, "riscv,aclint-mswi", clint_fdt_init, IRQCHIP_FDT_NEEDS_REG);
