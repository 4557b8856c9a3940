// SPDX-License-Identifier: BSD-2-Clause
/*
 * Interrupt descriptors: one per virq, found by a lock-free table lookup.
 *
 * Descriptors are allocated and freed under irq_config_lock and published
 * into irq_desc_table[] with release stores, so a lookup is one bounds check
 * and one acquire load. Freeing a virq while another CPU still sends to it
 * or handles it is a caller bug, as in Linux.
 */
#include "internals.h"

struct irq_desc *irq_desc_table[NR_IRQS];
struct port_spinlock irq_config_lock = PORT_SPINLOCK_INIT;

void genipi_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	port_vlog(fmt, ap);
	va_end(ap);
}

static void irq_desc_free_one(struct irq_desc *desc)
{
	free_percpu(desc->kstat_irqs);
	port_free(desc->action);
	port_free(desc);
}

/*
 * Allocate @nr consecutive descriptors and return the first virq, or
 * -EINVAL / -ENOMEM / -ENOSPC. Caller holds irq_config_lock.
 */
int irq_alloc_descs(unsigned int nr)
{
	unsigned int start, i, run = 0;

	if (!nr || nr >= NR_IRQS)
		return -EINVAL;
	/* first fit, virq 0 never used */
	for (start = 1, i = 1; i < NR_IRQS; i++) {
		if (irq_desc_table[i]) {
			run = 0;
			start = i + 1;
			continue;
		}
		if (++run == nr)
			break;
	}
	if (run < nr)
		return -ENOSPC;

	for (i = 0; i < nr; i++) {
		struct irq_desc *desc = port_zalloc(sizeof(*desc));

		if (!desc)
			goto err_free;
		desc->kstat_irqs = alloc_percpu(unsigned long);
		if (!desc->kstat_irqs) {
			port_free(desc);
			goto err_free;
		}
		desc->irq_data.irq = start + i;
		desc->irq_data.common = &desc->irq_common_data;
		desc->irq_data.hwirq = INVALID_HWIRQ;
		desc->handle_irq = handle_bad_irq;
		/* pairs with the acquire load in __irq_to_desc() */
		__atomic_store_n(&irq_desc_table[start + i], desc, __ATOMIC_RELEASE);
	}
	return (int)start;

err_free:
	irq_free_descs(start, i);
	return -ENOMEM;
}

/* Free descriptors; the hierarchy levels must already be gone. Lock held. */
void irq_free_descs(unsigned int virq, unsigned int nr)
{
	for (unsigned int i = 0; i < nr; i++) {
		struct irq_desc *desc = irq_desc_table[virq + i];

		if (!desc)
			continue;
		__atomic_store_n(&irq_desc_table[virq + i], NULL, __ATOMIC_RELAXED);
		irq_desc_free_one(desc);
	}
}

/* Free the hierarchy levels below @desc's top one. Lock held. */
void irq_desc_free_levels(struct irq_desc *desc)
{
	struct irq_data *level, *next;

	for (level = desc->irq_data.parent_data; level; level = next) {
		next = level->parent_data;
		port_free(level);
	}
	desc->irq_data.parent_data = NULL;
}

void irq_free_all_descs(void)
{
	for (unsigned int virq = 1; virq < NR_IRQS; virq++) {
		struct irq_desc *desc = irq_desc_table[virq];

		if (!desc)
			continue;
		irq_desc_free_levels(desc);
		irq_desc_table[virq] = NULL;
		irq_desc_free_one(desc);
	}
}

struct irq_desc *irq_to_desc(unsigned int virq)
{
	return __irq_to_desc(virq);
}

struct irq_data *irq_get_irq_data(unsigned int virq)
{
	struct irq_desc *desc = __irq_to_desc(virq);

	return desc ? &desc->irq_data : NULL;
}

struct irq_data *irq_desc_get_irq_data(struct irq_desc *desc)
{
	return desc ? &desc->irq_data : NULL;
}

/* The external definition of the inline accessor of <genipi/irq.h>. */
extern struct irq_chip *irq_desc_get_chip(struct irq_desc *desc);

void *irq_desc_get_handler_data(struct irq_desc *desc)
{
	return desc ? desc->irq_common_data.handler_data : NULL;
}

struct irq_chip *irq_data_get_irq_chip(struct irq_data *d)
{
	return d ? d->chip : NULL;
}

void *irq_data_get_irq_chip_data(struct irq_data *d)
{
	return d ? d->chip_data : NULL;
}

void *irq_get_chip_data(unsigned int virq)
{
	return irq_data_get_irq_chip_data(irq_get_irq_data(virq));
}

irq_hw_number_t irqd_to_hwirq(struct irq_data *d)
{
	return d ? d->hwirq : INVALID_HWIRQ;
}

const struct cpumask *irq_data_get_affinity_mask(struct irq_data *d)
{
	return d ? &d->common->affinity : NULL;
}

int irq_set_chip_data(unsigned int virq, void *data)
{
	struct irq_desc *desc = __irq_to_desc(virq);

	if (WARN_ONCE(!desc, "genipi: irq_set_chip_data: no virq %u\n", virq))
		return -EINVAL;
	desc->irq_data.chip_data = data;
	return 0;
}

int irq_set_handler_data(unsigned int virq, void *data)
{
	struct irq_desc *desc = __irq_to_desc(virq);

	if (WARN_ONCE(!desc, "genipi: irq_set_handler_data: no virq %u\n", virq))
		return -EINVAL;
	desc->irq_common_data.handler_data = data;
	return 0;
}

void irq_set_status_flags(unsigned int virq, unsigned int set)
{
	struct irq_desc *desc = __irq_to_desc(virq);

	if (WARN_ONCE(!desc, "genipi: irq_set_status_flags: no virq %u\n", virq))
		return;
	__atomic_fetch_or(&desc->status, set, __ATOMIC_RELAXED);
}

void irq_clear_status_flags(unsigned int virq, unsigned int clr)
{
	struct irq_desc *desc = __irq_to_desc(virq);

	if (WARN_ONCE(!desc, "genipi: irq_clear_status_flags: no virq %u\n", virq))
		return;
	__atomic_fetch_and(&desc->status, ~clr, __ATOMIC_RELAXED);
}

unsigned int irq_get_status_flags(unsigned int virq)
{
	struct irq_desc *desc = __irq_to_desc(virq);

	return desc ? __atomic_load_n(&desc->status, __ATOMIC_RELAXED) : 0;
}

void irq_set_percpu_devid(unsigned int virq)
{
	irq_set_status_flags(virq, IRQ_PER_CPU_DEVID | IRQ_NO_BALANCING);
}

unsigned int kstat_irqs_cpu(unsigned int virq, unsigned int cpu)
{
	struct irq_desc *desc = __irq_to_desc(virq);

	if (!desc || cpu >= nr_cpu_ids)
		return 0;
	/* pairs with the relaxed increment in kstat_incr_irqs_this_cpu() */
	return (unsigned int)__atomic_load_n(per_cpu_ptr(desc->kstat_irqs, cpu), __ATOMIC_RELAXED);
}

int generic_handle_irq(unsigned int virq)
{
	struct irq_desc *desc = __irq_to_desc(virq);

	if (unlikely(!desc))
		return -EINVAL;
	handle_irq_desc(desc);
	return 0;
}
