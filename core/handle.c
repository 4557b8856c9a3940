// SPDX-License-Identifier: BSD-2-Clause
/*
 * The root of interrupt handling, and bringing the core up and down.
 */
#include "internals.h"

static void (*handle_arch_irq)(void);

/* Interrupt nesting depth per CPU; each entry written only by its CPU. */
static unsigned int irq_depth[NR_CPUS];

static bool irq_core_ready;

int set_handle_irq(void (*handle_irq)(void))
{
	void (*expected)(void) = NULL;

	if (WARN_ONCE(!handle_irq, "genipi: set_handle_irq: NULL handler\n"))
		return -EINVAL;
	/* pairs with the acquire load in generic_handle_arch_irq() */
	if (!__atomic_compare_exchange_n(&handle_arch_irq, &expected, handle_irq, false,
					 __ATOMIC_RELEASE, __ATOMIC_RELAXED))
		return -EBUSY;
	return 0;
}

int generic_handle_arch_irq(void)
{
	void (*handle)(void) = __atomic_load_n(&handle_arch_irq, __ATOMIC_ACQUIRE);
	unsigned int cpu = smp_processor_id();

	if (unlikely(!handle))
		return -ENODEV;
	if (likely(cpu < NR_CPUS))
		WRITE_ONCE(irq_depth[cpu], irq_depth[cpu] + 1);
	handle();
	if (likely(cpu < NR_CPUS))
		WRITE_ONCE(irq_depth[cpu], irq_depth[cpu] - 1);
	return 0;
}

bool in_interrupt(void)
{
	unsigned int cpu = smp_processor_id();

	return cpu < NR_CPUS && READ_ONCE(irq_depth[cpu]) != 0;
}

/**
 * irq_core_init - see <genipi/port.h>
 */
int irq_core_init(unsigned int nr_cpus, const unsigned long *hwids)
{
	int ret;

	if (WARN_ONCE(!nr_cpus || nr_cpus > NR_CPUS,
		      "genipi: irq_core_init: %u CPUs (NR_CPUS is %d)\n", nr_cpus, NR_CPUS))
		return -EINVAL;
	irq_config_lock_acquire();
	if (irq_core_ready) {
		ret = -EBUSY;
		goto out_unlock;
	}
	ret = cpumask_core_init(nr_cpus, hwids);
	if (!ret)
		irq_core_ready = true;
out_unlock:
	irq_config_lock_release();
	return ret;
}

void irq_core_teardown(void)
{
	ipi_mux_teardown();
	irq_config_lock_acquire();
	irq_free_all_descs();
	irq_domain_remove_all();
	__atomic_store_n(&handle_arch_irq, NULL, __ATOMIC_RELEASE);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		irq_depth[cpu] = 0;
	cpumask_core_reset();
	irq_core_ready = false;
	irq_config_lock_release();
}
