// SPDX-License-Identifier: BSD-2-Clause
/*
 * Kalray Coolidge IPI controller: eight register sets, eight hwirqs of a
 * single-hwirq IPI domain (register map and binding in
 * <genipi/irqchip/kvx-ipi-ctrl.h>).
 *
 * Kalray's Linux driver used set 0 only and multiplexed every IPI over it
 * in software. Here each set is an IPI of its own: a reservation takes a
 * free set s for all its targets and stacks it on core-intc line
 * first_line + s, which the set raises on every core it hits. Sending is
 * one write of the targets' bits to INTERRUPT(s); the receiving core takes
 * the line as a per-CPU devid interrupt with no demultiplexing at all.
 *
 * MASK(s) is what makes the hardware enforce the reservation: it admits
 * exactly the reserved targets while the set is reserved and nothing while
 * it is free, so a stray write to INTERRUPT(s) (a bug, or the RM using a
 * set it was not given) reaches no core that did not ask for the IPI. A
 * partial irq_destroy_ipi() narrows the reservation in the core, which has
 * no callback for it: MASK(s) keeps admitting the released targets until
 * the whole set is destroyed, but the core no longer sends to them.
 *
 * Hardware logic only: no device tree. The DT glue (irq-kvx-ipi-ctrl-fdt.c)
 * finds the registers, the core-intc domain and the first line, and calls
 * kvx_ipi_ctrl_init().
 */
#include <genipi/genipi.h>
#include <genipi/io.h>
#include <genipi/irqchip/kvx-ipi-ctrl.h>

/**
 * struct kvx_ipi_ctrl - the controller (one per system)
 * @regs:       its register sets; written by kvx_ipi_ctrl_init() before the
 *              domain exists, so before any reservation can send
 * @first_line: the core-intc line of set 0
 * @sets_used:  reserved sets, one bit each; changed only by the domain's
 *              alloc and free, which the core serialises (as Linux's
 *              irq_domain_mutex does)
 */
struct kvx_ipi_ctrl {
	void __iomem *regs;
	irq_hw_number_t first_line;
	unsigned int sets_used;
};

static struct kvx_ipi_ctrl kvx_ipi_ctrl;

static void kvx_ipi_ctrl_writel(struct kvx_ipi_ctrl *ctrl, uint32_t val, unsigned long offset)
{
	writel(val, (char __iomem *)ctrl->regs + offset);
}

/* The INTERRUPT/MASK bit of a target: its hardware id (checked at reservation). */
static uint32_t kvx_ipi_ctrl_target_bit(unsigned int target)
{
	return 1U << target_hwid(target);
}

/*
 * The bits of the targets in @dest, or -EINVAL if one of them is neither a
 * PE nor the RM of the cluster (its hardware id is no bit of the registers).
 */
static int kvx_ipi_ctrl_targets_bits(const struct cpumask *dest, uint32_t *bits)
{
	unsigned int target;

	*bits = 0;
	for_each_cpu(target, dest) {
		if (target_hwid(target) >= KVX_IPI_CTRL_NR_BITS)
			return -EINVAL;
		*bits |= kvx_ipi_ctrl_target_bit(target);
	}
	return *bits ? 0 : -EINVAL;
}

/* ---- chip ------------------------------------------------------------------ */

/*
 * The send path: no lock, no lookup (chip_data and hwirq are this level's
 * irq_data fields). writel() orders the sender's earlier memory accesses
 * before the device sees the write, so the handler on each target sees
 * what was written before the send.
 */
static void kvx_ipi_ctrl_ipi_send_single(struct irq_data *d, unsigned int target)
{
	kvx_ipi_ctrl_writel(d->chip_data, kvx_ipi_ctrl_target_bit(target),
			    KVX_IPI_CTRL_INTERRUPT(d->hwirq));
}

/* Every target of @dest in one write: the hardware raises them together. */
static void kvx_ipi_ctrl_ipi_send_mask(struct irq_data *d, const struct cpumask *dest)
{
	uint32_t bits = 0;
	unsigned int target;

	for_each_cpu(target, dest)
		bits |= kvx_ipi_ctrl_target_bit(target);
	kvx_ipi_ctrl_writel(d->chip_data, bits, KVX_IPI_CTRL_INTERRUPT(d->hwirq));
}

/*
 * The set itself cannot be masked per core while reserved (MASK(s) is the
 * reservation), so masking a virq on the calling CPU is masking its
 * core-intc line there, as enable_percpu_irq()/disable_percpu_irq() expect.
 */
static struct irq_chip kvx_ipi_ctrl_chip = {
	.name = "kvx-ipi-ctrl",
	.irq_mask = irq_chip_mask_parent,
	.irq_unmask = irq_chip_unmask_parent,
	.irq_eoi = irq_chip_eoi_parent,
	.ipi_send_single = kvx_ipi_ctrl_ipi_send_single,
	.ipi_send_mask = kvx_ipi_ctrl_ipi_send_mask,
};

/* ---- domain ---------------------------------------------------------------- */

/* Block every delivery of @set: the state of a set nobody reserved. */
static void kvx_ipi_ctrl_mask_set(struct kvx_ipi_ctrl *ctrl, unsigned int set)
{
	kvx_ipi_ctrl_writel(ctrl, KVX_IPI_CTRL_ALL_BITS, KVX_IPI_CTRL_MASK(set));
}

static void kvx_ipi_ctrl_domain_free(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs)
{
	struct kvx_ipi_ctrl *ctrl = d->host_data;

	for (unsigned int i = 0; i < nr_irqs; i++) {
		struct irq_data *data = irq_domain_get_irq_data(d, virq + i);

		if (!data || data->hwirq >= KVX_IPI_CTRL_NR_SETS)
			continue;
		/* first close the set, then give its line back below */
		kvx_ipi_ctrl_mask_set(ctrl, (unsigned int)data->hwirq);
		ctrl->sets_used &= ~(1U << data->hwirq);
	}
	/* resets our level and frees the core-intc line, which drops what it latched */
	irq_domain_free_irqs_top(d, virq, nr_irqs);
}

/*
 * @arg: the reserved target mask. Takes the lowest free set, its core-intc
 * line below it, and opens the set to exactly those targets.
 */
static int kvx_ipi_ctrl_domain_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs,
				     void *arg)
{
	struct kvx_ipi_ctrl *ctrl = d->host_data;
	const struct cpumask *dest = arg;
	struct irq_fwspec fwspec = { 0 };
	unsigned int free_sets, set;
	uint32_t targets;
	int ret;

	if (nr_irqs != 1 || !dest)
		return -EINVAL;
	ret = kvx_ipi_ctrl_targets_bits(dest, &targets);
	if (ret)
		return ret;
	free_sets = ~ctrl->sets_used & ((1U << KVX_IPI_CTRL_NR_SETS) - 1);
	if (!free_sets)
		return -ENOSPC;
	set = (unsigned int)__builtin_ctz(free_sets);

	fwspec.fwnode = d->parent->fwnode;
	fwspec.param_count = 1;
	fwspec.param[0] = (uint32_t)(ctrl->first_line + set);
	ret = irq_domain_alloc_irqs_parent(d, virq, 1, &fwspec);
	if (ret)
		return ret;

	irq_domain_set_info(d, virq, set, &kvx_ipi_ctrl_chip, ctrl, handle_percpu_devid_irq, NULL,
			    "kvx-ipi");
	irq_set_percpu_devid(virq);
	ctrl->sets_used |= 1U << set;
	/* only the reserved targets can be hit, whoever writes INTERRUPT(set) */
	kvx_ipi_ctrl_writel(ctrl, KVX_IPI_CTRL_ALL_BITS & ~targets, KVX_IPI_CTRL_MASK(set));
	return 0;
}

static const struct irq_domain_ops kvx_ipi_ctrl_domain_ops = {
	.alloc = kvx_ipi_ctrl_domain_alloc,
	.free = kvx_ipi_ctrl_domain_free,
};

int kvx_ipi_ctrl_init(void __iomem *regs, struct irq_domain *parent, struct fwnode_handle *fwnode,
		      irq_hw_number_t first_line)
{
	struct irq_domain *d;

	if (!regs || !parent || !fwnode)
		return -EINVAL;
	if (first_line >= parent->hwirq_max ||
	    parent->hwirq_max - first_line < KVX_IPI_CTRL_NR_SETS)
		return -EINVAL;
	if (irq_find_matching_fwnode(fwnode, DOMAIN_BUS_IPI))
		return -EBUSY;

	/* a new system: the previous one's state (if any) went with its core */
	kvx_ipi_ctrl.regs = regs;
	kvx_ipi_ctrl.first_line = first_line;
	kvx_ipi_ctrl.sets_used = 0;
	d = irq_domain_create_hierarchy(parent, IRQ_DOMAIN_FLAG_IPI_SINGLE, KVX_IPI_CTRL_NR_SETS,
					fwnode, &kvx_ipi_ctrl_domain_ops, &kvx_ipi_ctrl);
	if (!d)
		return -ENOMEM;
	/*
	 * Close every set before the domain can be found for reservations:
	 * the reset value of MASK is not documented, and the RM may have left
	 * sets open.
	 */
	for (unsigned int set = 0; set < KVX_IPI_CTRL_NR_SETS; set++)
		kvx_ipi_ctrl_mask_set(&kvx_ipi_ctrl, set);
	irq_domain_update_bus_token(d, DOMAIN_BUS_IPI);
	return 0;
}
