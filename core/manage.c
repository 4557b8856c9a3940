// SPDX-License-Identifier: BSD-2-Clause
/*
 * Requesting handlers and enabling per-CPU interrupts.
 *
 * request/free run under irq_config_lock. enable/disable act on the calling
 * CPU only and take no lock: the chip callback masks or unmasks the line
 * for this CPU, and the CPU's bit in percpu_enabled is changed atomically.
 */
#include "internals.h"

static int __request_irq(unsigned int virq, irq_handler_t handler, const char *name, void *dev_id,
			 bool percpu)
{
	struct irq_desc *desc;
	struct irqaction *action;
	unsigned int status;
	int ret = 0;

	if (WARN_ONCE(!handler, "genipi: request irq %u: NULL handler\n", virq))
		return -EINVAL;
	if (percpu && WARN_ONCE(!dev_id, "genipi: request_percpu_irq %u: NULL dev_id\n", virq))
		return -EINVAL;
	action = port_zalloc(sizeof(*action));
	if (!action)
		return -ENOMEM;
	action->handler = handler;
	action->dev_id = dev_id;
	action->name = name;

	irq_config_lock_acquire();
	desc = __irq_to_desc(virq);
	status = desc ? desc_status(desc) : 0;
	if (WARN_ONCE(!desc || (status & IRQ_NOREQUEST) || !!(status & IRQ_PER_CPU_DEVID) != percpu,
		      "genipi: request irq %u: unknown, not requestable or wrong kind\n", virq)) {
		ret = -EINVAL;
		goto err_unlock;
	}
	if (desc->action) {
		ret = -EBUSY;
		goto err_unlock;
	}
	/* pairs with the acquire load of the action in the flow handlers */
	__atomic_store_n(&desc->action, action, __ATOMIC_RELEASE);
	irq_config_lock_release();
	return 0;

err_unlock:
	irq_config_lock_release();
	port_free(action);
	return ret;
}

/**
 * request_percpu_irq - attach a handler to a per-CPU interrupt
 * @virq: a virq marked per-CPU devid (IPIs, per-CPU lines)
 * @handler: called on each CPU with that CPU's instance of @percpu_dev_id
 * @name: for diagnostics
 * @percpu_dev_id: per-CPU storage from alloc_percpu()
 *
 * The interrupt stays disabled until each CPU calls enable_percpu_irq().
 * Returns 0, -EINVAL (unknown virq, not per-CPU, not requestable such as a
 * remote processor's IPI, NULL handler or dev_id), -EBUSY (already
 * requested) or -ENOMEM.
 */
int request_percpu_irq(unsigned int virq, irq_handler_t handler, const char *name,
		       void *percpu_dev_id)
{
	return __request_irq(virq, handler, name, percpu_dev_id, true);
}

/**
 * request_irq - attach a handler to an ordinary (not per-CPU) interrupt
 *
 * Returns 0, -EINVAL (unknown, per-CPU or non-requestable virq, NULL
 * handler), -EBUSY or -ENOMEM. Sharing is not supported.
 */
int request_irq(unsigned int virq, irq_handler_t handler, unsigned long flags, const char *name,
		void *dev_id)
{
	(void)flags;
	return __request_irq(virq, handler, name, dev_id, false);
}

static bool percpu_enabled_anywhere(struct irq_desc *desc)
{
	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		/* pairs with the atomic bit operations of enable/disable_percpu_irq() */
		if (READ_ONCE(desc->percpu_enabled.bits[i]))
			return true;
	return false;
}

static void __free_irq(unsigned int virq, void *dev_id, bool percpu)
{
	struct irq_desc *desc;
	struct irqaction *action = NULL;

	irq_config_lock_acquire();
	desc = __irq_to_desc(virq);
	if (WARN_ONCE(!desc || !desc->action || desc->action->dev_id != dev_id ||
			      !!(desc_status(desc) & IRQ_PER_CPU_DEVID) != percpu,
		      "genipi: free irq %u: not requested with this dev_id\n", virq))
		goto out_unlock;
	WARN_ONCE(percpu && percpu_enabled_anywhere(desc),
		  "genipi: free_percpu_irq %u: still enabled on some CPU\n", virq);
	action = desc->action;
	__atomic_store_n(&desc->action, NULL, __ATOMIC_RELEASE);
out_unlock:
	irq_config_lock_release();
	/*
	 * As in Linux, the caller guarantees no CPU is still running the
	 * handler (it disabled the interrupt everywhere first).
	 */
	port_free(action);
}

/* Remove the handler installed by request_percpu_irq() with @percpu_dev_id. */
void free_percpu_irq(unsigned int virq, void *percpu_dev_id)
{
	__free_irq(virq, percpu_dev_id, true);
}

void free_irq(unsigned int virq, void *dev_id)
{
	__free_irq(virq, dev_id, false);
}

static struct irq_desc *percpu_desc_this_cpu(unsigned int virq, const char *who, unsigned int *cpu)
{
	struct irq_desc *desc = __irq_to_desc(virq);

	*cpu = smp_processor_id();
	if (WARN_ONCE(!desc || !(desc_status(desc) & IRQ_PER_CPU_DEVID),
		      "genipi: %s(%u): not a per-CPU interrupt\n", who, virq))
		return NULL;
	if (WARN_ONCE(*cpu >= nr_cpu_ids, "genipi: %s(%u): not called on a CPU\n", who, virq))
		return NULL;
	return desc;
}

/**
 * enable_percpu_irq - enable a per-CPU interrupt on the calling CPU
 * @virq: a per-CPU devid virq
 * @type: trigger type; IRQ_TYPE_NONE for IPIs (others are not supported)
 *
 * Misuse (unknown virq, not per-CPU, not on a CPU, a trigger type) is
 * reported once through the log hook and changes nothing.
 */
void enable_percpu_irq(unsigned int virq, unsigned int type)
{
	unsigned int cpu;
	struct irq_desc *desc = percpu_desc_this_cpu(virq, "enable_percpu_irq", &cpu);

	if (!desc)
		return;
	if (WARN_ONCE(type != IRQ_TYPE_NONE,
		      "genipi: enable_percpu_irq(%u): trigger type %u not supported\n", virq, type))
		return;
	/*
	 * Mark it enabled before unmasking: a handler running as soon as the
	 * chip unmasks sees a consistent state.
	 */
	cpumask_set_cpu(cpu, &desc->percpu_enabled);
	if (desc->irq_data.chip->irq_unmask)
		desc->irq_data.chip->irq_unmask(&desc->irq_data);
}

/* Disable a per-CPU interrupt on the calling CPU; misuse as for enable. */
void disable_percpu_irq(unsigned int virq)
{
	unsigned int cpu;
	struct irq_desc *desc = percpu_desc_this_cpu(virq, "disable_percpu_irq", &cpu);

	if (!desc)
		return;
	if (desc->irq_data.chip->irq_mask)
		desc->irq_data.chip->irq_mask(&desc->irq_data);
	cpumask_clear_cpu(cpu, &desc->percpu_enabled);
}

/* True if @virq is a per-CPU interrupt enabled on the calling CPU. */
bool irq_percpu_is_enabled(unsigned int virq)
{
	struct irq_desc *desc = __irq_to_desc(virq);
	unsigned int cpu = smp_processor_id();

	if (!desc || !(desc_status(desc) & IRQ_PER_CPU_DEVID) || cpu >= nr_cpu_ids)
		return false;
	return cpumask_test_cpu(cpu, &desc->percpu_enabled);
}
