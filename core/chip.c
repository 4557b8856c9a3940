// SPDX-License-Identifier: BSD-2-Clause
/*
 * Flow handlers and chip helpers.
 *
 * A flow handler runs on the CPU that took the interrupt, with interrupts
 * masked there. It takes no lock: the action is read with an acquire load
 * that pairs with the release store in request_percpu_irq()/request_irq().
 */
#include "internals.h"

/* Only the owning CPU writes its count; other CPUs read it relaxed. */
static inline void kstat_incr_irqs_this_cpu(struct irq_desc *desc, unsigned int cpu)
{
	unsigned long *count;

	if (unlikely(cpu >= nr_cpu_ids))
		return;
	count = per_cpu_ptr(desc->kstat_irqs, cpu);
	/* pairs with the relaxed load in kstat_irqs_cpu() */
	__atomic_store_n(count, __atomic_load_n(count, __ATOMIC_RELAXED) + 1, __ATOMIC_RELAXED);
}

static inline struct irqaction *desc_action(struct irq_desc *desc)
{
	/* pairs with the release store in request_percpu_irq() / request_irq() */
	return __atomic_load_n(&desc->action, __ATOMIC_ACQUIRE);
}

/* Out of line: keeps the report off the interrupt path's registers. */
static __attribute__((noinline, cold)) void percpu_devid_no_handler(struct irq_desc *desc)
{
	WARN_ONCE(1, "genipi: per-CPU virq %u on CPU %u has no handler\n", desc->irq_data.irq,
		  smp_processor_id());
}

/**
 * handle_percpu_devid_irq - flow handler for per-CPU interrupts with a
 * per-CPU dev_id (IPIs, local timers, the per-CPU lines of a CPU's own
 * interrupt controller)
 *
 * No locking and no enable check: the chip masks the interrupt on a CPU
 * where it is disabled (enable_percpu_irq()/disable_percpu_irq()), as in
 * Linux. An interrupt with no handler is reported once and counted.
 */
void handle_percpu_devid_irq(struct irq_desc *desc)
{
	struct irq_chip *chip = desc->irq_data.chip;
	struct irqaction *action = desc_action(desc);
	unsigned int cpu = smp_processor_id();

	kstat_incr_irqs_this_cpu(desc, cpu);
	if (chip->irq_ack)
		chip->irq_ack(&desc->irq_data);
	if (likely(action))
		action->handler((int)desc->irq_data.irq, per_cpu_ptr(action->dev_id, cpu));
	else
		percpu_devid_no_handler(desc);
	if (chip->irq_eoi)
		chip->irq_eoi(&desc->irq_data);
}

/* Flow handler for per-CPU interrupts with one shared dev_id. */
void handle_percpu_irq(struct irq_desc *desc)
{
	struct irq_chip *chip = desc->irq_data.chip;
	struct irqaction *action = desc_action(desc);

	kstat_incr_irqs_this_cpu(desc, smp_processor_id());
	if (chip->irq_ack)
		chip->irq_ack(&desc->irq_data);
	if (likely(action))
		action->handler((int)desc->irq_data.irq, action->dev_id);
	if (chip->irq_eoi)
		chip->irq_eoi(&desc->irq_data);
}

/* The flow handler of a descriptor nobody set up. */
void handle_bad_irq(struct irq_desc *desc)
{
	kstat_incr_irqs_this_cpu(desc, smp_processor_id());
	WARN_ONCE(1, "genipi: unexpected interrupt, virq %u hwirq %lu\n", desc->irq_data.irq,
		  desc->irq_data.hwirq);
}

/**
 * irq_set_chained_handler_and_data - make @virq the input of a cascaded
 * controller whose flow handler @handle demultiplexes it
 *
 * The virq becomes non-requestable. Per-CPU inputs are then enabled on each
 * CPU with enable_percpu_irq().
 */
void irq_set_chained_handler_and_data(unsigned int virq, irq_flow_handler_t handle, void *data)
{
	struct irq_desc *desc = __irq_to_desc(virq);

	if (WARN_ONCE(!desc || !handle,
		      "genipi: irq_set_chained_handler_and_data: bad virq %u or NULL handler\n",
		      virq))
		return;
	desc->irq_common_data.handler_data = data;
	/* a chained handler is found by generic_handle_irq() without a lock */
	__atomic_store_n(&desc->handle_irq, handle, __ATOMIC_RELEASE);
	__atomic_fetch_or(&desc->status, IRQ_NOREQUEST, __ATOMIC_RELAXED);
}

/* The external definitions of the inline chained-handler helpers of <genipi/irq.h>. */
extern void chained_irq_enter(struct irq_chip *chip, struct irq_desc *desc);
extern void chained_irq_exit(struct irq_chip *chip, struct irq_desc *desc);

void irq_chip_mask_parent(struct irq_data *d)
{
	d = d ? d->parent_data : NULL;
	if (d && d->chip->irq_mask)
		d->chip->irq_mask(d);
}

void irq_chip_unmask_parent(struct irq_data *d)
{
	d = d ? d->parent_data : NULL;
	if (d && d->chip->irq_unmask)
		d->chip->irq_unmask(d);
}

void irq_chip_ack_parent(struct irq_data *d)
{
	d = d ? d->parent_data : NULL;
	if (d && d->chip->irq_ack)
		d->chip->irq_ack(d);
}

void irq_chip_eoi_parent(struct irq_data *d)
{
	d = d ? d->parent_data : NULL;
	if (d && d->chip->irq_eoi)
		d->chip->irq_eoi(d);
}
