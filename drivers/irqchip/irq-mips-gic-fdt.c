// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device-tree glue of the MIPS GIC: turns an "mti,gic" node into calls of
 * mips_gic_init() and mips_gic_set_parent().
 *
 * The binding is Linux's (Documentation/devicetree/bindings/
 * interrupt-controller/mti,gic.yaml) plus how the GIC's output reaches the
 * CPUs, which Linux leaves implicit:
 *
 *	gic: interrupt-controller@16120000 {
 *		compatible = "mti,gic";
 *		reg = <0x16120000 0x20000>;
 *		interrupt-controller;
 *		#interrupt-cells = <3>;		// <GIC_SHARED n IRQ_TYPE_*>
 *		mti,reserved-ipi-vectors = <56 8>;	// optional: <base count>
 *		interrupts-extended = <&cpu0_intc 2>, <&cpu1_intc 2>, ...;
 *	};
 *
 * - "reg" spans at least the shared, VP-local and VP-other sections
 *   (MIPS_GIC_MIN_SIZE; the whole GIC is MIPS_GIC_SIZE).
 * - "mti,reserved-ipi-vectors" gives the shared interrupts IPIs are made
 *   of; without it the top 2 * (number of CPUs) are used, as in Linux.
 * - "interrupts-extended" has one entry per CPU, naming the
 *   "mti,cpu-interrupt-controller" inside that CPU's /cpus node and the
 *   CPU interrupt the GIC pin drives there (2-7: Cause.IP2-IP7, GIC pin
 *   0-5). Every VP receives the GIC on the same pin, so every entry names
 *   the same CPU interrupt. Entries of CPUs the system does not run (booted
 *   with fewer than the DT has) are skipped. An entry naming a controller
 *   outside /cpus (one controller for all CPUs) serves every CPU without an
 *   entry of its own; "interrupt-parent" + "interrupts" = <n> is that case.
 * - "mti,reserved-cpu-vectors" (optional) lists CPU interrupts the GIC may
 *   not use; naming the one "interrupts-extended" gives is an error.
 *
 * Local interrupts (GIC_LOCAL specifiers) and the GIC timer are not
 * supported. Only the first enabled "mti,gic" node is driven.
 */
#include <genipi/genipi.h>
#include <genipi/io.h>
#include <genipi/irqchip.h>
#include <genipi/irqchip/mips-gic.h>

#include <libfdt.h>
#include <string.h>

#define MIPS_GIC_COMPATIBLE "mti,gic"

/* CPU interrupts a GIC pin can drive: pin 0 -> 2 ... pin 5 -> 7. */
#define MIPS_GIC_FDT_FIRST_LINE MIPS_GIC_CPU_PIN_OFFSET
#define MIPS_GIC_FDT_LAST_LINE (MIPS_GIC_CPU_PIN_OFFSET + MIPS_GIC_MAX_PIN)

/* A CPU-intc entry that serves every CPU (a controller outside /cpus). */
#define MIPS_GIC_FDT_ALL_CPUS (~0U)
/* An entry for a CPU of the DT that the system does not run. */
#define MIPS_GIC_FDT_ABSENT (~1U)

/* "status" absent, "okay" or "ok": the node describes present hardware. */
static bool mips_gic_fdt_enabled(const void *fdt, int offset)
{
	const char *status = fdt_getprop(fdt, offset, "status", NULL);

	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

/* The first enabled "mti,gic" node, or -1. */
static int mips_gic_fdt_first(const void *fdt)
{
	int offset = fdt_node_offset_by_compatible(fdt, -1, MIPS_GIC_COMPATIBLE);

	while (offset >= 0 && !mips_gic_fdt_enabled(fdt, offset))
		offset = fdt_node_offset_by_compatible(fdt, offset, MIPS_GIC_COMPATIBLE);
	return offset;
}

/* mti,reserved-ipi-vectors = <base count>, or count 0 for the default. */
static int mips_gic_fdt_ipi_vectors(const struct irqchip_fdt_node *node,
				    struct mips_gic_config *cfg)
{
	const fdt32_t *cells;
	int len;

	cells = fdt_getprop(node->fdt, node->offset, "mti,reserved-ipi-vectors", &len);
	if (!cells)
		return 0;
	if (len != 2 * (int)sizeof(*cells))
		return irqchip_fdt_err(node, -EINVAL,
				       "mti,reserved-ipi-vectors has %d bytes, not <base count>",
				       len);
	cfg->ipi_base = fdt32_to_cpu(cells[0]);
	cfg->ipi_count = fdt32_to_cpu(cells[1]);
	if (!cfg->ipi_count || cfg->ipi_base >= MIPS_GIC_MAX_INTRS ||
	    cfg->ipi_count > MIPS_GIC_MAX_INTRS - cfg->ipi_base)
		return irqchip_fdt_err(node, -EINVAL,
				       "mti,reserved-ipi-vectors <%u %u> is not a range of the "
				       "GIC's %u interrupts",
				       cfg->ipi_base, cfg->ipi_count, MIPS_GIC_MAX_INTRS);
	return 0;
}

/* Is CPU interrupt @line listed in mti,reserved-cpu-vectors? */
static bool mips_gic_fdt_line_reserved(const struct irqchip_fdt_node *node, uint32_t line)
{
	const fdt32_t *cells;
	int len;

	cells = fdt_getprop(node->fdt, node->offset, "mti,reserved-cpu-vectors", &len);
	for (int i = 0; cells && i < len / (int)sizeof(*cells); i++)
		if (fdt32_to_cpu(cells[i]) == line)
			return true;
	return false;
}

/*
 * Entry @index of the interrupt list: its fwspec and the CPU it serves
 * (MIPS_GIC_FDT_ALL_CPUS for a controller outside /cpus, MIPS_GIC_FDT_ABSENT
 * for a CPU of the DT the system does not run: one booted with fewer).
 */
static int mips_gic_fdt_entry(const struct irqchip_fdt_node *node, unsigned int index,
			      struct irq_fwspec *fwspec, unsigned int *cpu)
{
	int parent_offset, ret;

	ret = irqchip_fdt_parent_irq(node, index, &parent_offset, fwspec);
	if (ret)
		return irqchip_fdt_err(node, ret, "interrupt entry %u is malformed", index);
	if (fwspec->param_count != 1 || fwspec->param[0] < MIPS_GIC_FDT_FIRST_LINE ||
	    fwspec->param[0] > MIPS_GIC_FDT_LAST_LINE)
		return irqchip_fdt_err(node, -EINVAL,
				       "interrupt entry %u must name one CPU interrupt, %u-%u",
				       index, MIPS_GIC_FDT_FIRST_LINE, MIPS_GIC_FDT_LAST_LINE);
	ret = irqchip_fdt_cpu_of(node->fdt, parent_offset);
	if (ret == -ENODEV)
		*cpu = MIPS_GIC_FDT_ABSENT;
	else
		*cpu = ret < 0 ? MIPS_GIC_FDT_ALL_CPUS : (unsigned int)ret;
	return 0;
}

/*
 * Check the interrupt list before anything is set up: entries, one CPU
 * interrupt for all, no CPU twice, every CPU reached. Gives the GIC pin.
 */
static int mips_gic_fdt_check_parents(const struct irqchip_fdt_node *node, unsigned int nr,
				      unsigned int *cpu_pin)
{
	struct cpumask seen;
	struct irq_fwspec fwspec;
	bool all_cpus = false;
	uint32_t line = 0;
	unsigned int cpu = MIPS_GIC_FDT_ABSENT;
	int ret;

	cpumask_clear(&seen);
	for (unsigned int i = 0; i < nr; i++) {
		ret = mips_gic_fdt_entry(node, i, &fwspec, &cpu);
		if (ret)
			return ret;
		if (i && fwspec.param[0] != line)
			return irqchip_fdt_err(node, -EINVAL,
					       "interrupt entry %u names CPU interrupt %u, entry 0 "
					       "%u: the GIC has one pin for every VP",
					       i, fwspec.param[0], line);
		line = fwspec.param[0];
		if (cpu == MIPS_GIC_FDT_ABSENT)
			continue;
		if (cpu == MIPS_GIC_FDT_ALL_CPUS) {
			all_cpus = true;
			continue;
		}
		if (cpumask_test_cpu(cpu, &seen))
			return irqchip_fdt_err(node, -EINVAL,
					       "interrupt entry %u: CPU %u has an entry already", i,
					       cpu);
		cpumask_set_cpu(cpu, &seen);
	}
	if (!all_cpus && !cpumask_subset(cpu_possible_mask, &seen))
		return irqchip_fdt_err(node, -EINVAL, "%s",
				       "interrupts-extended must reach every CPU");
	if (mips_gic_fdt_line_reserved(node, line))
		return irqchip_fdt_err(node, -EINVAL,
				       "CPU interrupt %u is in mti,reserved-cpu-vectors", line);
	*cpu_pin = line - MIPS_GIC_CPU_PIN_OFFSET;
	return 0;
}

/* Map each entry's CPU interrupt and make it that CPU's parent. */
static int mips_gic_fdt_set_parents(const struct irqchip_fdt_node *node, unsigned int nr)
{
	struct irq_fwspec fwspec;
	unsigned int cpu = MIPS_GIC_FDT_ABSENT, virq;
	int ret;

	for (unsigned int i = 0; i < nr; i++) {
		ret = mips_gic_fdt_entry(node, i, &fwspec, &cpu);
		if (ret)
			return ret;
		if (cpu == MIPS_GIC_FDT_ABSENT)
			continue;
		virq = irq_create_fwspec_mapping(&fwspec);
		if (!virq)
			return irqchip_fdt_err(node, -EINVAL,
					       "interrupt entry %u: cannot map CPU interrupt %u", i,
					       fwspec.param[0]);
		ret = mips_gic_set_parent(cpu, virq);
		if (ret)
			return irqchip_fdt_err(node, ret, "interrupt entry %u: no parent (%d)", i,
					       ret);
	}
	return 0;
}

static int mips_gic_fdt_init(const struct irqchip_fdt_node *node)
{
	struct mips_gic_config cfg = { .fwnode = node->fwnode };
	uint64_t addr, size;
	int nr, ret;

	if (mips_gic_fdt_first(node->fdt) != node->offset)
		return irqchip_fdt_err(node, -EBUSY, "%s", "a second GIC; one per system");
	ret = irqchip_fdt_get_reg(node, 0, &addr, &size);
	if (ret || size < MIPS_GIC_MIN_SIZE || addr > UINTPTR_MAX - size)
		return irqchip_fdt_err(node, -EINVAL,
				       "reg must span the shared and VP sections (%#lx bytes)",
				       MIPS_GIC_MIN_SIZE);
	ret = mips_gic_fdt_ipi_vectors(node, &cfg);
	if (ret)
		return ret;
	nr = irqchip_fdt_nr_parent_irqs(node);
	if (nr <= 0)
		return irqchip_fdt_err(node, -EINVAL, "%s",
				       "no interrupts-extended: the GIC reaches no CPU");
	ret = mips_gic_fdt_check_parents(node, (unsigned int)nr, &cfg.cpu_pin);
	if (ret)
		return ret;

	cfg.base = ioremap((uintptr_t)addr, (size_t)size);
	if (!cfg.base)
		return -ENOMEM;
	ret = mips_gic_init(&cfg);
	if (ret) {
		iounmap(cfg.base);
		return irqchip_fdt_err(node, ret,
				       "init failed (%d): no GIC at reg, or IPI vectors outside "
				       "its shared interrupts",
				       ret);
	}
	ret = mips_gic_fdt_set_parents(node, (unsigned int)nr);
	if (ret)
		return ret;
	ret = irqchip_fdt_add_cpu_starting(mips_gic_starting_cpu);
	if (ret)
		return irqchip_fdt_err(node, ret, "no room for a per-CPU callback (%d)", ret);
	return 0;
}

IRQCHIP_FDT_DECLARE(mips_gic, MIPS_GIC_COMPATIBLE, mips_gic_fdt_init, IRQCHIP_FDT_NEEDS_REG);
