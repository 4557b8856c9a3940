// SPDX-License-Identifier: BSD-2-Clause
/*
 * hosted,cpu-intc: the root interrupt controller of each hosted CPU, with
 * HOSTED_NR_LINES input lines.
 *
 * Like a RISC-V hart's local interrupt controller, its registers are the
 * CPU's own (a pending word and an enable word, see irq.c), reached only by
 * the CPU itself, so the driver uses those "CSR" functions rather than
 * MMIO. Every line is a per-CPU devid interrupt; irq_mask/irq_unmask act on
 * the calling CPU.
 *
 * The domain is linear and hierarchical: a line is mapped with
 * irq_create_mapping() (.map) or, by a child domain such as the swipi
 * single variant, allocated with a one-cell irq_fwspec naming it
 * (.translate, .alloc). A built-in machine's domain has all the lines and
 * the fwnode "cpu-intc"; one booted from a device tree gets it from its
 * CPU-local controller nodes (cpu-intc-fdt.c), which may model a CPU with
 * fewer lines (a MIPS CPU has 8): lines beyond do not map.
 */
#include "hosted-internal.h"

#include <genipi/errno.h>
#include <genipi/irq.h>
#include <genipi/irqdomain.h>

/* Written at boot before any CPU takes an interrupt, cleared after they stopped. */
static struct irq_domain *cpu_intc_domain;
static unsigned int cpu_intc_nr_lines;

static void cpu_intc_irq_mask(struct irq_data *d)
{
	hosted_cpu_enable_line((unsigned int)d->hwirq, false);
}

static void cpu_intc_irq_unmask(struct irq_data *d)
{
	hosted_cpu_enable_line((unsigned int)d->hwirq, true);
}

/*
 * Nothing to end: the root handler cleared the line before dispatching it
 * (hosted_cpu_claim_lines()). Having an irq_eoi also spares chained handlers
 * a mask/unmask pair around their work (chained_irq_enter/exit()).
 */
static void cpu_intc_irq_eoi(struct irq_data *d)
{
	(void)d;
}

static struct irq_chip cpu_intc_chip = {
	.name = "cpu-intc",
	.irq_mask = cpu_intc_irq_mask,
	.irq_unmask = cpu_intc_irq_unmask,
	.irq_eoi = cpu_intc_irq_eoi,
};

/* The root handler, called by generic_handle_arch_irq() on the taking CPU. */
static void cpu_intc_handle_irq(void)
{
	static atomic_bool warned;
	uint64_t lines = hosted_cpu_claim_lines();

	while (lines) {
		unsigned int line = (unsigned int)__builtin_ctzll(lines);

		lines &= lines - 1;
		if (generic_handle_domain_irq(cpu_intc_domain, line) &&
		    !atomic_exchange_explicit(&warned, true, memory_order_relaxed))
			genipi_log("hosted,cpu-intc: CPU %u: line %u has no mapping\n",
				   smp_processor_id(), line);
	}
}

static int cpu_intc_translate(struct irq_domain *d, struct irq_fwspec *fwspec,
			      irq_hw_number_t *hwirq, unsigned int *type)
{
	(void)d;
	if (!fwspec || fwspec->param_count < 1 || fwspec->param[0] >= cpu_intc_nr_lines)
		return -EINVAL;
	*hwirq = fwspec->param[0];
	*type = IRQ_TYPE_NONE;
	return 0;
}

static int cpu_intc_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hwirq)
{
	if (hwirq >= cpu_intc_nr_lines)
		return -EINVAL;
	irq_set_percpu_devid(virq);
	irq_domain_set_info(d, virq, hwirq, &cpu_intc_chip, NULL, handle_percpu_devid_irq, NULL,
			    "percpu_devid");
	return 0;
}

/* @arg: a one-cell irq_fwspec naming the first line. */
static int cpu_intc_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs, void *arg)
{
	irq_hw_number_t hwirq;
	unsigned int type;
	int ret;

	ret = cpu_intc_translate(d, arg, &hwirq, &type);
	if (ret)
		return ret;
	if (nr_irqs > cpu_intc_nr_lines - hwirq)
		return -EINVAL;
	for (unsigned int i = 0; i < nr_irqs; i++)
		cpu_intc_map(d, virq + i, hwirq + i);
	return 0;
}

/*
 * A line whose mapping goes away is disabled and cleared on every CPU: its
 * next user must not inherit a raise latched for the previous one.
 */
static void cpu_intc_unmap(struct irq_domain *d, unsigned int virq)
{
	struct irq_data *data = irq_domain_get_irq_data(d, virq);

	if (data && data->hwirq < HOSTED_NR_LINES)
		hosted_line_reset((unsigned int)data->hwirq);
}

static void cpu_intc_free(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs)
{
	for (unsigned int i = 0; i < nr_irqs; i++) {
		cpu_intc_unmap(d, virq + i);
		irq_domain_reset_irq_data(irq_domain_get_irq_data(d, virq + i));
	}
}

static const struct irq_domain_ops cpu_intc_domain_ops = {
	.translate = cpu_intc_translate,
	.map = cpu_intc_map,
	.unmap = cpu_intc_unmap,
	.alloc = cpu_intc_alloc,
	.free = cpu_intc_free,
};

struct irq_domain *hosted_cpu_intc_domain(void)
{
	return cpu_intc_domain;
}

unsigned int hosted_cpu_intc_nr_lines(void)
{
	return cpu_intc_nr_lines;
}

/**
 * hosted_cpu_intc_create - create the domain of @nr_lines lines (the first
 * ones of each CPU) with @fwnode and install the root handler
 *
 * At boot, before a line can be raised. Returns 0, -EINVAL (a bad
 * @nr_lines, a NULL @fwnode), -EBUSY (a domain or a root handler exists),
 * -ENOMEM. The caller keeps @fwnode.
 */
int hosted_cpu_intc_create(struct fwnode_handle *fwnode, unsigned int nr_lines)
{
	struct irq_domain *d;
	int ret;

	if (!fwnode || !nr_lines || nr_lines > HOSTED_NR_LINES)
		return -EINVAL;
	if (cpu_intc_domain)
		return -EBUSY;
	d = irq_domain_create_hierarchy(NULL, 0, nr_lines, fwnode, &cpu_intc_domain_ops, NULL);
	if (!d)
		return -ENOMEM;
	cpu_intc_nr_lines = nr_lines;
	cpu_intc_domain = d;
	ret = set_handle_irq(cpu_intc_handle_irq);
	if (ret) {
		cpu_intc_domain = NULL;
		cpu_intc_nr_lines = 0;
		irq_domain_remove(d);
	}
	return ret;
}

/* The built-in machine's domain, of every line. Boot, before CPUs run. */
int hosted_cpu_intc_init(void)
{
	struct fwnode_handle *fwnode;
	int ret;

	fwnode = irq_domain_alloc_named_fwnode("cpu-intc");
	if (!fwnode)
		return -ENOMEM;
	ret = hosted_cpu_intc_create(fwnode, HOSTED_NR_LINES);
	if (ret)
		irq_domain_free_fwnode(fwnode);
	return ret;
}

/* Forget the domain; the core freed it in irq_core_teardown(). */
void hosted_cpu_intc_reset(void)
{
	cpu_intc_domain = NULL;
	cpu_intc_nr_lines = 0;
}
