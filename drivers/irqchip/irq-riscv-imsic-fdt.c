// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device-tree glue of the RISC-V IMSIC IPI driver (irq-riscv-imsic.c):
 * turns a "riscv,imsics" node into a call of imsic_ipi_init(). The binding
 * is in <genipi/irqchip/riscv-imsic.h>.
 *
 * A machine has one imsics node per privilege level (QEMU virt: the
 * machine-level files at 0x24000000, external interrupt 11, and the
 * supervisor-level ones at 0x28000000, line 9). The image drives the level
 * it runs in, RV_IRQ_EXT; the other node is left alone (its init succeeds
 * and does nothing). QEMU's "riscv,ipi-id" property (not part of the
 * binding) is not used: the identities are the driver's to choose.
 *
 * The mode: "genipi,ipi-mux" in the node selects the multiplexer,
 * otherwise GENIPI_IMSIC_IPI_MUX (a compile definition, 0 by default).
 */
#include <genipi/genipi.h>
#include <genipi/io.h>
#include <genipi/irqchip.h>
#include <genipi/irqchip/riscv-imsic.h>
#include <genipi/port.h>
#include <genipi/riscv-csr.h>

#include <libfdt.h>

#ifndef GENIPI_IMSIC_IPI_MUX
#define GENIPI_IMSIC_IPI_MUX 0
#endif

/* file_of_cpu[] of a CPU the node gives no file */
#define IMSIC_FDT_NO_FILE (~0U)

/**
 * struct imsic_fdt_layout - where the node's interrupt files are
 * @base:        the group's first file (reg)
 * @size:        the bytes reg gives
 * @stride:      bytes from one hart's file to the next: 1 << (12 + guest bits)
 * @nr_files:    entries of interrupts-extended (hart indexes 0 .. nr_files - 1)
 * @file_of_cpu: the hart index of each CPU, or IMSIC_FDT_NO_FILE
 */
struct imsic_fdt_layout {
	uint64_t base, size, stride;
	unsigned int nr_files;
	unsigned int file_of_cpu[NR_CPUS];
};

/*
 * A one-cell property: 0 and @*val = @def when absent, -EINVAL (reported)
 * when malformed or outside @min .. @max.
 */
static int imsic_fdt_u32(const struct irqchip_fdt_node *node, const char *name, uint32_t def,
			 uint32_t min, uint32_t max, uint32_t *val)
{
	const fdt32_t *prop;
	int len;

	*val = def;
	prop = fdt_getprop(node->fdt, node->offset, name, &len);
	if (!prop)
		return 0;
	if (len != 4 || fdt32_ld(prop) < min || fdt32_ld(prop) > max)
		return irqchip_fdt_err(node, -EINVAL, "\"%s\" must be one cell, %u .. %u", name,
				       min, max);
	*val = fdt32_ld(prop);
	return 0;
}

static bool imsic_fdt_is_ext_irq(uint32_t line)
{
	return line == IRQ_M_EXT || line == IRQ_S_EXT;
}

/*
 * The harts of "interrupts-extended": the parent domain, the line (the
 * same for all), and which CPU each entry (hart index) is. Sets @*other_level
 * when the node's files serve the privilege level we do not run in.
 */
static int imsic_fdt_harts(const struct irqchip_fdt_node *node, struct imsic_fdt_layout *layout,
			   struct irq_domain **parent, uint32_t *line, bool *other_level)
{
	int nr = irqchip_fdt_nr_parent_irqs(node);

	if (nr <= 0)
		return irqchip_fdt_err(node, -EINVAL, "no harts in \"interrupts-extended\"");
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		layout->file_of_cpu[cpu] = IMSIC_FDT_NO_FILE;
	layout->nr_files = (unsigned int)nr;
	*other_level = false;

	for (int i = 0; i < nr; i++) {
		struct irq_fwspec fwspec;
		struct irq_domain *d;
		int intc, cpu;

		if (irqchip_fdt_parent_irq(node, (unsigned int)i, &intc, &fwspec))
			return irqchip_fdt_err(node, -EINVAL, "interrupt %d: no such controller",
					       i);
		if (fwspec.param_count != 1 || !imsic_fdt_is_ext_irq(fwspec.param[0]))
			return irqchip_fdt_err(node, -EINVAL,
					       "interrupt %d: must be a hart's external interrupt "
					       "(one cell, %d or %d)",
					       i, IRQ_M_EXT, IRQ_S_EXT);
		if (i && fwspec.param[0] != *line)
			return irqchip_fdt_err(node, -EINVAL,
					       "interrupt %d: line %u, interrupt 0 line %u: "
					       "one privilege level per node",
					       i, fwspec.param[0], *line);
		*line = fwspec.param[0];
		if (*line != RV_IRQ_EXT) {
			*other_level = true;
			return 0;
		}

		d = irq_find_matching_fwnode(fwspec.fwnode, DOMAIN_BUS_ANY);
		if (!d)
			return irqchip_fdt_err(node, -EINVAL,
					       "interrupt %d: its controller has no domain", i);
		if (i && d != *parent)
			return irqchip_fdt_err(
				node, -EINVAL,
				"interrupt %d: harts' controllers differ (%s, then %s)", i,
				(*parent)->name, d->name);
		*parent = d;

		cpu = irqchip_fdt_cpu_of(node->fdt, intc);
		if (cpu == -ENODEV)
			continue; /* a hart this system does not run: its file stays unused */
		if (cpu < 0)
			return irqchip_fdt_err(node, -EINVAL,
					       "interrupt %d: its controller is not inside a /cpus "
					       "node",
					       i);
		if ((unsigned int)cpu >= NR_CPUS || layout->file_of_cpu[cpu] != IMSIC_FDT_NO_FILE)
			return irqchip_fdt_err(node, -EINVAL,
					       "interrupt %d: CPU %d has a file already", i, cpu);
		layout->file_of_cpu[cpu] = (unsigned int)i;
	}
	return 0;
}

/*
 * reg and the riscv,*-index-* properties: one group, hart index i (entry
 * i of interrupts-extended) at reg + i * stride.
 */
static int imsic_fdt_files(const struct irqchip_fdt_node *node, struct imsic_fdt_layout *layout)
{
	uint32_t guest_bits, hart_bits, group_bits, group_shift, min_hart_bits = 0;
	uint64_t addr, size;
	int ret;

	while ((1U << min_hart_bits) < layout->nr_files)
		min_hart_bits++;
	ret = imsic_fdt_u32(node, "riscv,guest-index-bits", 0, 0, IMSIC_MAX_GUEST_INDEX_BITS,
			    &guest_bits);
	if (!ret)
		ret = imsic_fdt_u32(node, "riscv,hart-index-bits", min_hart_bits, 0,
				    IMSIC_MAX_HART_INDEX_BITS, &hart_bits);
	if (!ret)
		ret = imsic_fdt_u32(node, "riscv,group-index-bits", 0, 0, UINT32_MAX, &group_bits);
	if (!ret)
		ret = imsic_fdt_u32(node, "riscv,group-index-shift", IMSIC_MIN_GROUP_INDEX_SHIFT,
				    IMSIC_MIN_GROUP_INDEX_SHIFT, IMSIC_MAX_GROUP_INDEX_SHIFT,
				    &group_shift);
	if (ret)
		return ret;
	if (group_bits)
		return irqchip_fdt_err(node, -EINVAL,
				       "\"riscv,group-index-bits\" = %u: only one group "
				       "(0) is supported",
				       group_bits);
	if (hart_bits < min_hart_bits)
		return irqchip_fdt_err(node, -EINVAL,
				       "\"riscv,hart-index-bits\" = %u cannot index the %u harts "
				       "of \"interrupts-extended\"",
				       hart_bits, layout->nr_files);

	if (irqchip_fdt_get_reg(node, 0, &addr, &size))
		return irqchip_fdt_err(node, -EINVAL, "no usable \"reg\"");
	if (!irqchip_fdt_get_reg(node, 1, &layout->base, &layout->size))
		return irqchip_fdt_err(node, -EINVAL,
				       "more than one \"reg\" entry: only one group is "
				       "supported");
	layout->base = addr;
	layout->size = size;
	layout->stride = 1ULL << (IMSIC_FILE_SHIFT + guest_bits);
	if (addr % IMSIC_FILE_SIZE || size / layout->stride < layout->nr_files ||
	    addr + (uint64_t)layout->nr_files * layout->stride - 1 > UINTPTR_MAX)
		return irqchip_fdt_err(node, -EINVAL,
				       "\"reg\" must be page aligned and hold %u files of %#llx "
				       "bytes",
				       layout->nr_files, (unsigned long long)layout->stride);
	return 0;
}

static int imsic_fdt_init(const struct irqchip_fdt_node *node)
{
	void __iomem *files[NR_CPUS] = { 0 };
	struct imsic_fdt_layout layout;
	struct imsic_ipi_config cfg = { 0 };
	struct irq_domain *parent = NULL;
	uint32_t line = 0, nr_ids, nr_mux_ipi;
	bool other_level;
	int ret, virq;

	ret = imsic_fdt_harts(node, &layout, &parent, &line, &other_level);
	if (ret)
		return ret;
	if (other_level) {
		genipi_log(
			"%s: files of another privilege level (line %u, we take %d): left alone\n",
			node->path, line, RV_IRQ_EXT);
		return 0;
	}
	ret = imsic_fdt_files(node, &layout);
	if (!ret)
		ret = imsic_fdt_u32(node, "riscv,num-ids", 0, IMSIC_MIN_NR_IDS, IMSIC_MAX_NR_IDS,
				    &nr_ids);
	if (!ret && !nr_ids)
		ret = irqchip_fdt_err(node, -EINVAL, "no \"riscv,num-ids\"");
	if (!ret)
		ret = imsic_fdt_u32(node, "genipi,nr-ipis", IMSIC_IPI_MUX_DEFAULT_NR_IPI, 1,
				    IMSIC_IPI_MUX_MAX_NR_IPI, &nr_mux_ipi);
	if (ret)
		return ret;

	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		unsigned int index = layout.file_of_cpu[cpu];

		if (index == IMSIC_FDT_NO_FILE)
			return irqchip_fdt_err(node, -EINVAL,
					       "CPU %u (hart %lu) has no file in "
					       "\"interrupts-extended\"",
					       cpu, target_hwid(cpu));
		files[cpu] = ioremap((uintptr_t)(layout.base + index * layout.stride),
				     (size_t)IMSIC_FILE_SIZE);
	}

	cfg.files = files;
	cfg.nr_files = nr_cpu_ids;
	cfg.nr_ids = nr_ids;
	cfg.parent = parent;
	cfg.parent_line = line;
	cfg.fwnode = node->fwnode;
	cfg.mux = fdt_getprop(node->fdt, node->offset, "genipi,ipi-mux", NULL) ||
		  GENIPI_IMSIC_IPI_MUX;
	cfg.nr_mux_ipi = nr_mux_ipi;

	virq = imsic_ipi_init(&cfg);
	if (virq < 0)
		return irqchip_fdt_err(node, virq, "imsic_ipi_init: %d", virq);
	ret = cfg.mux ? irqchip_fdt_set_ipi_virqs(node, (unsigned int)virq, nr_mux_ipi) : 0;
	if (!ret)
		ret = irqchip_fdt_add_cpu_starting(imsic_ipi_starting_cpu);
	if (ret)
		return irqchip_fdt_err(node, ret, "cannot register its IPIs (%d)", ret);
	return 0;
}

IRQCHIP_FDT_DECLARE(riscv_imsics, "riscv,imsics", imsic_fdt_init, IRQCHIP_FDT_NEEDS_REG);
