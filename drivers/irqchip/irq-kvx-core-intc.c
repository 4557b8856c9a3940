// SPDX-License-Identifier: BSD-2-Clause
/*
 * Kalray KV3 core interrupt controller: each core's 32 lines, behind its
 * ILE and ILR system function registers (binding and API in
 * <genipi/irqchip/kvx-core-intc.h>).
 *
 * The registers belong to the core that reads them, so the chip's
 * callbacks act on the calling CPU, as a per-CPU devid interrupt's
 * enable_percpu_irq()/disable_percpu_irq() expect, and the root handler
 * serves the lines of the CPU taking the interrupt. The SFR accessors are
 * the port's (<genipi/kvx-sfr.h>): this file holds no port code.
 *
 * Hardware logic only: no device tree. The DT glue
 * (irq-kvx-core-intc-fdt.c) calls kvx_core_intc_init() for the first
 * core's node and shares the domain with the others.
 */
#include <genipi/genipi.h>
#include <genipi/irqchip/kvx-core-intc.h>
#include <genipi/kvx-sfr.h>
#include <genipi/port.h>

/*
 * Written by kvx_core_intc_init() before the root handler is installed
 * (set_handle_irq() publishes it with a release), so every CPU taking an
 * interrupt sees it; replaced only by the next system's init.
 */
static struct irq_domain *kvx_core_intc;

/* The ILE/ILR bit of a line. */
static uint32_t kvx_core_intc_bit(irq_hw_number_t line)
{
	return 1U << line;
}

/* ---- chip ------------------------------------------------------------------ */

static void kvx_core_intc_irq_mask(struct irq_data *d)
{
	kvx_sfr_clear_ile_bits(kvx_core_intc_bit(d->hwirq));
}

static void kvx_core_intc_irq_unmask(struct irq_data *d)
{
	kvx_sfr_set_ile_bits(kvx_core_intc_bit(d->hwirq));
}

/*
 * Nothing to end: the root handler acknowledged the line (cleared its ILR
 * bit) before dispatching it. Having an irq_eoi spares chained handlers a
 * mask/unmask pair around their work (chained_irq_enter/exit()).
 */
static void kvx_core_intc_irq_eoi(struct irq_data *d)
{
	(void)d;
}

static struct irq_chip kvx_core_intc_chip = {
	.name = "kvx-core-intc",
	.irq_mask = kvx_core_intc_irq_mask,
	.irq_unmask = kvx_core_intc_irq_unmask,
	.irq_eoi = kvx_core_intc_irq_eoi,
};

/* ---- root handler ---------------------------------------------------------- */

/*
 * Called by generic_handle_arch_irq() on the CPU taking the interrupt.
 * Each line is acknowledged before its handler runs: a raise during the
 * handler sets the ILR bit again and is taken at the next interrupt point,
 * while raises before the acknowledge are merged into this one.
 */
static void kvx_core_intc_handle_irq(void)
{
	static bool warned;
	uint32_t lines = kvx_sfr_get_ilr() & kvx_sfr_get_ile();

	while (lines) {
		unsigned int line = (unsigned int)__builtin_ctz(lines);

		lines &= lines - 1;
		kvx_sfr_clear_ilr_bits(kvx_core_intc_bit(line));
		if (generic_handle_domain_irq(kvx_core_intc, line) &&
		    !__atomic_exchange_n(&warned, true, __ATOMIC_RELAXED))
			genipi_log("kvx-core-intc: CPU %u: line %u has no mapping\n",
				   smp_processor_id(), line);
	}
}

/* ---- domain ---------------------------------------------------------------- */

static int kvx_core_intc_translate(struct irq_domain *d, struct irq_fwspec *fwspec,
				   irq_hw_number_t *hwirq, unsigned int *type)
{
	(void)d;
	if (!fwspec || fwspec->param_count != 1 || fwspec->param[0] >= KVX_CORE_INTC_NR_LINES)
		return -EINVAL;
	*hwirq = fwspec->param[0];
	*type = IRQ_TYPE_NONE;
	return 0;
}

static int kvx_core_intc_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hwirq)
{
	if (hwirq >= KVX_CORE_INTC_NR_LINES)
		return -EINVAL;
	irq_set_percpu_devid(virq);
	irq_domain_set_info(d, virq, hwirq, &kvx_core_intc_chip, NULL, handle_percpu_devid_irq,
			    NULL, "percpu_devid");
	return 0;
}

/* @arg: a one-cell irq_fwspec naming the first of @nr_irqs lines. */
static int kvx_core_intc_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs,
			       void *arg)
{
	irq_hw_number_t hwirq;
	unsigned int type;
	int ret;

	ret = kvx_core_intc_translate(d, arg, &hwirq, &type);
	if (ret)
		return ret;
	if (nr_irqs > KVX_CORE_INTC_NR_LINES - hwirq)
		return -EINVAL;
	for (unsigned int i = 0; i < nr_irqs; i++)
		kvx_core_intc_map(d, virq + i, hwirq + i);
	return 0;
}

/*
 * A line whose mapping goes away is left disabled, with nothing latched,
 * on the calling CPU: the only core whose ILE and ILR this code can reach.
 * Its users disabled it on the others before releasing it.
 */
static void kvx_core_intc_unmap(struct irq_domain *d, unsigned int virq)
{
	struct irq_data *data = irq_domain_get_irq_data(d, virq);

	if (!data || data->hwirq >= KVX_CORE_INTC_NR_LINES)
		return;
	kvx_sfr_clear_ile_bits(kvx_core_intc_bit(data->hwirq));
	kvx_sfr_clear_ilr_bits(kvx_core_intc_bit(data->hwirq));
}

static void kvx_core_intc_free(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs)
{
	for (unsigned int i = 0; i < nr_irqs; i++) {
		kvx_core_intc_unmap(d, virq + i);
		irq_domain_reset_irq_data(irq_domain_get_irq_data(d, virq + i));
	}
}

static const struct irq_domain_ops kvx_core_intc_domain_ops = {
	.translate = kvx_core_intc_translate,
	.map = kvx_core_intc_map,
	.unmap = kvx_core_intc_unmap,
	.alloc = kvx_core_intc_alloc,
	.free = kvx_core_intc_free,
};

struct irq_domain *kvx_core_intc_domain(void)
{
	return kvx_core_intc;
}

int kvx_core_intc_init(struct fwnode_handle *fwnode)
{
	struct irq_domain *d, *previous = kvx_core_intc;
	int ret;

	if (!fwnode)
		return -EINVAL;
	d = irq_domain_create_hierarchy(NULL, 0, KVX_CORE_INTC_NR_LINES, fwnode,
					&kvx_core_intc_domain_ops, NULL);
	if (!d)
		return -ENOMEM;
	/* a new system: the previous one's domain (if any) went with its core */
	kvx_core_intc = d;
	ret = set_handle_irq(kvx_core_intc_handle_irq);
	if (ret)
		goto err_remove_domain;
	return 0;

err_remove_domain:
	kvx_core_intc = previous;
	irq_domain_remove(d);
	return ret;
}
