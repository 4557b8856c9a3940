// SPDX-License-Identifier: BSD-2-Clause
/*
 * RISC-V hart-local interrupt controller: each hart's interrupt causes,
 * behind its mie/sie and mcause/scause CSRs (binding and API in
 * <genipi/irqchip/riscv-intc.h>).
 *
 * One source for both privilege modes: <genipi/riscv-csr.h> names the CSRs
 * of the mode the image is built for (CSR_IE is mie or sie, CSR_CAUSE
 * mcause or scause). The chip's callbacks act on the calling hart, and the
 * root handler serves the cause of the trap the hart is taking.
 *
 * A cause's pending bit belongs to its source (a CLINT's MSIP register, the
 * SSIP bit an SBI IPI sets, an IMSIC's pending identities): the source's
 * handler clears it, so this chip has nothing to acknowledge or end.
 *
 * Hardware logic only: no device tree. The DT glue
 * (irq-riscv-intc-fdt.c) calls riscv_intc_init() for the first hart's node
 * and shares the domain with the others.
 */
#include <genipi/genipi.h>
#include <genipi/irqchip/riscv-intc.h>
#include <genipi/port.h>
#include <genipi/riscv-csr.h>

/*
 * Written by riscv_intc_init() before the root handler is installed
 * (set_handle_irq() publishes it with a release), so every hart taking an
 * interrupt sees it; replaced only by the next system's init.
 */
static struct irq_domain *riscv_intc;

/* Can this image's harts enable and take @cause? */
static bool riscv_intc_cause_valid(irq_hw_number_t cause)
{
	if (cause >= RISCV_INTC_NR_LINES)
		return false;
#if GENIPI_RISCV_S_MODE
	/* the machine-level causes are the firmware's: sie does not reach them */
	if (cause == IRQ_M_SOFT || cause == IRQ_M_TIMER || cause == IRQ_M_EXT)
		return false;
#endif
	return true;
}

/* ---- chip ------------------------------------------------------------------ */

static void riscv_intc_irq_mask(struct irq_data *d)
{
	csr_clear(CSR_IE, BIT(d->hwirq));
}

static void riscv_intc_irq_unmask(struct irq_data *d)
{
	csr_set(CSR_IE, BIT(d->hwirq));
}

/*
 * Nothing to end: the source's handler clears the pending bit (see the
 * top). Having an irq_eoi spares chained handlers a mask/unmask pair of
 * CSR writes around their work (chained_irq_enter/exit()).
 */
static void riscv_intc_irq_eoi(struct irq_data *d)
{
	(void)d;
}

static struct irq_chip riscv_intc_chip = {
	.name = "riscv-intc",
	.irq_mask = riscv_intc_irq_mask,
	.irq_unmask = riscv_intc_irq_unmask,
	.irq_eoi = riscv_intc_irq_eoi,
};

/* ---- root handler ---------------------------------------------------------- */

/*
 * Called by generic_handle_arch_irq() on the hart taking the interrupt,
 * whose trap cause register still holds the cause. One cause per trap:
 * another pending and enabled cause traps again as soon as the hart
 * returns with interrupts enabled.
 */
static void riscv_intc_handle_irq(void)
{
	static bool warned;
	unsigned long cause = csr_read(CSR_CAUSE) & ~CAUSE_IRQ_FLAG;

	if (!generic_handle_domain_irq(riscv_intc, cause))
		return;
	/*
	 * Nobody maps this cause: its source keeps it pending, so the hart
	 * would take it again the moment it returns. Disable it here.
	 */
	if (cause < RISCV_INTC_NR_LINES)
		csr_clear(CSR_IE, BIT(cause));
	if (!__atomic_exchange_n(&warned, true, __ATOMIC_RELAXED))
		genipi_log("riscv-intc: CPU %u: cause %lu has no mapping: disabled\n",
			   smp_processor_id(), cause);
}

/* ---- domain ---------------------------------------------------------------- */

static int riscv_intc_translate(struct irq_domain *d, struct irq_fwspec *fwspec,
				irq_hw_number_t *hwirq, unsigned int *type)
{
	(void)d;
	if (!fwspec || fwspec->param_count != 1 || !riscv_intc_cause_valid(fwspec->param[0]))
		return -EINVAL;
	*hwirq = fwspec->param[0];
	*type = IRQ_TYPE_NONE;
	return 0;
}

static int riscv_intc_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hwirq)
{
	if (!riscv_intc_cause_valid(hwirq))
		return -EINVAL;
	irq_set_percpu_devid(virq);
	irq_domain_set_info(d, virq, hwirq, &riscv_intc_chip, NULL, handle_percpu_devid_irq, NULL,
			    "percpu_devid");
	return 0;
}

/* @arg: a one-cell irq_fwspec naming the first of @nr_irqs causes. */
static int riscv_intc_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs,
			    void *arg)
{
	irq_hw_number_t hwirq;
	unsigned int type;
	int ret;

	ret = riscv_intc_translate(d, arg, &hwirq, &type);
	if (ret)
		return ret;
	if (nr_irqs > RISCV_INTC_NR_LINES - hwirq)
		return -EINVAL;
	/* all or nothing: check every cause before setting any up */
	for (unsigned int i = 0; i < nr_irqs; i++)
		if (!riscv_intc_cause_valid(hwirq + i))
			return -EINVAL;
	for (unsigned int i = 0; i < nr_irqs; i++)
		riscv_intc_map(d, virq + i, hwirq + i);
	return 0;
}

/*
 * A cause whose mapping goes away is left disabled on the calling hart:
 * the only one whose enable CSR this code can reach. Its users disabled
 * it on the others (disable_percpu_irq()) before releasing it.
 */
static void riscv_intc_unmap(struct irq_domain *d, unsigned int virq)
{
	struct irq_data *data = irq_domain_get_irq_data(d, virq);

	if (data && data->hwirq < RISCV_INTC_NR_LINES)
		csr_clear(CSR_IE, BIT(data->hwirq));
}

static void riscv_intc_free(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs)
{
	for (unsigned int i = 0; i < nr_irqs; i++) {
		riscv_intc_unmap(d, virq + i);
		irq_domain_reset_irq_data(irq_domain_get_irq_data(d, virq + i));
	}
}

static const struct irq_domain_ops riscv_intc_domain_ops = {
	.translate = riscv_intc_translate,
	.map = riscv_intc_map,
	.unmap = riscv_intc_unmap,
	.alloc = riscv_intc_alloc,
	.free = riscv_intc_free,
};

struct irq_domain *riscv_intc_domain(void)
{
	return riscv_intc;
}

int riscv_intc_init(struct fwnode_handle *fwnode)
{
	struct irq_domain *d, *previous = riscv_intc;
	int ret;

	if (!fwnode)
		return -EINVAL;
	d = irq_domain_create_hierarchy(NULL, 0, RISCV_INTC_NR_LINES, fwnode,
					&riscv_intc_domain_ops, NULL);
	if (!d)
		return -ENOMEM;
	/* a new system: the previous one's domain (if any) went with its core */
	riscv_intc = d;
	ret = set_handle_irq(riscv_intc_handle_irq);
	if (ret)
		goto err_remove_domain;
	return 0;

err_remove_domain:
	riscv_intc = previous;
	irq_domain_remove(d);
	return ret;
}
