// SPDX-License-Identifier: BSD-2-Clause
/*
 * The port hooks of <genipi/port.h> on the bare-metal ports: interrupt
 * masking from the architecture, a test-and-set spinlock, the heap, the
 * console.
 */
#include <genipi/baremetal.h>
#include <genipi/port.h>

#include <stdatomic.h>

unsigned long port_irq_save(void)
{
	return arch_irq_save();
}

void port_irq_restore(unsigned long flags)
{
	arch_irq_restore(flags);
}

bool port_irqs_disabled(void)
{
	return arch_irqs_disabled();
}

void port_cpu_relax(void)
{
	arch_cpu_relax();
}

/*
 * Test-and-set on lock->word. The exchange's acquire pairs with the release
 * store of port_spin_unlock(): what the previous holder wrote in its
 * critical section is visible to the next one. Waiters spin on a plain
 * load so that they do not keep taking the line exclusive.
 */
void port_spin_lock(struct port_spinlock *lock)
{
	_Atomic unsigned int *word = (_Atomic unsigned int *)&lock->word;

	while (atomic_exchange_explicit(word, 1, memory_order_acquire)) {
		while (atomic_load_explicit(word, memory_order_relaxed))
			arch_cpu_relax();
	}
}

void port_spin_unlock(struct port_spinlock *lock)
{
	atomic_store_explicit((_Atomic unsigned int *)&lock->word, 0, memory_order_release);
}
