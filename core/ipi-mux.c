// SPDX-License-Identifier: BSD-2-Clause
/*
 * The IPI multiplexer: up to IPI_MUX_MAX virtual IPIs over one parent IPI
 * per CPU (RISC-V CLINT/ACLINT MSWI and SBI IPI, a single IMSIC identity,
 * Apple AIC).
 *
 * Each CPU has an enable word and a pending word, bit v for virtual IPI v,
 * each on its own cache line. The protocol, model-checked in
 * models/ipi_mux.pml:
 *
 *   send(v, c):   old = fetch_or_release(pending[c], v)     [S1]
 *                 smp_mb()                                  [S2]
 *                 if (!(old & v) && (enable[c] & v))        [S3]
 *                         raise parent IPI on c             [S4]
 *   unmask(v):    fetch_or(enable[me], v)                   [U1]
 *                 smp_mb()                                  [U2]
 *                 if (pending[me] & v) raise parent on me   [U3]
 *   mask(v):      fetch_and(enable[me], ~v)
 *   process():    (parent IPI acknowledged by its driver)   [P0]
 *                 smp_mb()                                  [P1]
 *                 en = enable[me]
 *                 bits = fetch_and_acquire(pending[me], ~en) & en   [P2]
 *                 handle each bit of bits still enabled; re-pend the
 *                 others (masked by a handler earlier in the batch)
 *
 * S2/U2 are the two halves of a Dekker pair: a sender that finds the bit
 * masked, and an unmask that finds it not yet pending, cannot both happen,
 * so one of them raises the parent. A sender that finds the bit already
 * pending needs no parent IPI: the earlier sender raised one (or found it
 * masked, and the unmask will) and the claim in P2 has not happened yet, so
 * it will see this send too. S1's release pairs with P2's acquire so the
 * handler sees what the sender wrote before sending. P1 orders the parent
 * acknowledgement before the claim and pairs with S2: a send whose bit P2
 * missed raised its parent after the acknowledgement, so it is not erased.
 */
#include "internals.h"

#include <genipi/ipi-mux.h>

#define IPI_MUX_MAX 32 /* bits in the pending word */

struct ipi_mux_cpu {
	_Alignas(GENIPI_CACHE_LINE) unsigned int enable;
	_Alignas(GENIPI_CACHE_LINE) unsigned int pending;
};

static struct ipi_mux_cpu *ipi_mux_pcpu;
static struct irq_domain *ipi_mux_domain;
static void (*ipi_mux_send)(unsigned int target);

static void ipi_mux_mask(struct irq_data *d)
{
	struct ipi_mux_cpu *icpu = this_cpu_ptr(ipi_mux_pcpu);

	__atomic_fetch_and(&icpu->enable, ~(1U << d->hwirq), __ATOMIC_RELAXED);
}

static void ipi_mux_unmask(struct irq_data *d)
{
	struct ipi_mux_cpu *icpu = this_cpu_ptr(ipi_mux_pcpu);
	unsigned int ibit = 1U << d->hwirq;

	__atomic_fetch_or(&icpu->enable, ibit, __ATOMIC_RELAXED); /* U1 */
	/*
	 * U2: order the enable store before the pending load; pairs with S2
	 * in ipi_mux_send_single() (senders store pending, then load enable).
	 */
	smp_mb();
	/* U3: a send that found us masked left its bit pending: raise it now */
	if (__atomic_load_n(&icpu->pending, __ATOMIC_RELAXED) & ibit)
		ipi_mux_send(smp_processor_id());
}

static void ipi_mux_send_single(struct irq_data *d, unsigned int target)
{
	struct ipi_mux_cpu *icpu = per_cpu_ptr(ipi_mux_pcpu, target);
	unsigned int ibit = 1U << d->hwirq;
	unsigned int old;

	/* S1: release pairs with the acquire claim in ipi_mux_process() (P2) */
	old = __atomic_fetch_or(&icpu->pending, ibit, __ATOMIC_RELEASE);
	/*
	 * S2: order the pending store before the enable load (pairs with U2 in
	 * ipi_mux_unmask()) and before raising the parent (pairs with P1 in
	 * ipi_mux_process(), which orders the parent's ack before the claim).
	 */
	smp_mb();
	/* S3/S4: only a newly pending, enabled bit needs a parent IPI */
	if (!(old & ibit) && (__atomic_load_n(&icpu->enable, __ATOMIC_RELAXED) & ibit))
		ipi_mux_send(target);
}

static const struct irq_chip ipi_mux_chip = {
	.name = "IPI Mux",
	.irq_mask = ipi_mux_mask,
	.irq_unmask = ipi_mux_unmask,
	.ipi_send_single = ipi_mux_send_single,
};

static int ipi_mux_domain_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs,
				void *arg)
{
	(void)arg;
	for (unsigned int i = 0; i < nr_irqs; i++) {
		irq_set_percpu_devid(virq + i);
		irq_domain_set_info(d, virq + i, i, &ipi_mux_chip, d->host_data,
				    handle_percpu_devid_irq, NULL, NULL);
	}
	return 0;
}

static const struct irq_domain_ops ipi_mux_domain_ops = {
	.alloc = ipi_mux_domain_alloc,
	.free = irq_domain_free_irqs_top,
};

/**
 * ipi_mux_process - handle the pending, enabled virtual IPIs of this CPU
 *
 * Called by the parent IPI's handler on the receiving CPU, after it has
 * acknowledged (cleared) the parent IPI. Duplicate and spurious calls are
 * harmless: they find nothing pending.
 */
void ipi_mux_process(void)
{
	/* pairs with the release store in ipi_mux_create(): then pcpu is set */
	struct irq_domain *domain = __atomic_load_n(&ipi_mux_domain, __ATOMIC_ACQUIRE);
	struct ipi_mux_cpu *icpu = ipi_mux_pcpu;
	unsigned int cpu = smp_processor_id();
	unsigned int bits, en;

	if (unlikely(!domain) || unlikely(!icpu) || unlikely(cpu >= nr_cpu_ids)) {
		WARN_ONCE(1, "genipi: ipi_mux_process: no multiplexer or not on a CPU\n");
		return;
	}
	icpu = per_cpu_ptr(icpu, cpu);
	/* P1: the parent's ack before the claim; pairs with S2 */
	smp_mb();
	/* only this CPU changes its enable word, so it cannot change under us */
	en = __atomic_load_n(&icpu->enable, __ATOMIC_RELAXED);
	/* P2: acquire pairs with the release of S1 in ipi_mux_send_single() */
	bits = __atomic_fetch_and(&icpu->pending, ~en, __ATOMIC_ACQUIRE) & en;
	/*
	 * The first bit is enabled: it is in en, and no handler has run since.
	 * Each later one is checked just before it runs, as a handler earlier
	 * in this batch may have masked it here.
	 */
	while (bits) {
		unsigned int hwirq = (unsigned int)__builtin_ctz(bits);

		bits &= bits - 1;
		/* hwirq < nr_ipi: always inside the domain's linear map */
		handle_domain_irq_linear(domain, hwirq);
		/*
		 * A masked one goes back: it stays pending, and U3 raises it on
		 * unmask (the same CPU, so program order makes the re-pend
		 * visible there).
		 */
		while (unlikely(bits && !(__atomic_load_n(&icpu->enable, __ATOMIC_RELAXED) &
					  (bits & -bits)))) {
			__atomic_fetch_or(&icpu->pending, bits & -bits, __ATOMIC_RELAXED);
			bits &= bits - 1;
		}
	}
}

/**
 * ipi_mux_create - create the multiplexer: @nr_ipi virtual IPIs
 * @nr_ipi: 1 .. 32
 * @mux_send: raises the parent IPI on a target CPU
 *
 * Returns the first of @nr_ipi consecutive virqs, each a per-CPU IPI to
 * every possible CPU, to be requested with request_percpu_irq() and sent
 * with ipi_send_*(). Errors: -EEXIST (already created), -EINVAL (bad
 * @nr_ipi, NULL @mux_send, core not initialised), -ENOMEM, -ENOSPC.
 */
int ipi_mux_create(unsigned int nr_ipi, void (*mux_send)(unsigned int target))
{
	struct fwnode_handle *fwnode;
	struct irq_domain *domain;
	struct ipi_mux_cpu *pcpu;
	int virq;

	if (WARN_ONCE(!nr_ipi || nr_ipi > IPI_MUX_MAX || !mux_send || !nr_cpu_ids,
		      "genipi: ipi_mux_create(%u): bad arguments\n", nr_ipi))
		return -EINVAL;
	if (__atomic_load_n(&ipi_mux_domain, __ATOMIC_ACQUIRE))
		return -EEXIST;

	pcpu = alloc_percpu(struct ipi_mux_cpu);
	if (!pcpu)
		return -ENOMEM;
	fwnode = irq_domain_alloc_named_fwnode("IPI-Mux");
	if (!fwnode) {
		virq = -ENOMEM;
		goto err_free_pcpu;
	}
	domain = irq_domain_create_hierarchy(NULL, IRQ_DOMAIN_FLAG_IPI_SINGLE, nr_ipi, fwnode,
					     &ipi_mux_domain_ops, NULL);
	if (!domain) {
		virq = -ENOMEM;
		goto err_free_fwnode;
	}
	irq_domain_update_bus_token(domain, DOMAIN_BUS_IPI);

	irq_config_lock_acquire();
	if (ipi_mux_domain) {
		virq = -EEXIST; /* lost a race with another creator */
		goto err_unlock;
	}
	virq = irq_domain_alloc_irqs_locked(domain, nr_ipi, NULL);
	if (virq < 0)
		goto err_unlock;
	for (unsigned int i = 0; i < nr_ipi; i++)
		ipi_mark_reserved((unsigned int)virq + i, cpu_possible_mask, 0);
	ipi_mux_pcpu = pcpu;
	ipi_mux_send = mux_send;
	__atomic_store_n(&ipi_mux_domain, domain, __ATOMIC_RELEASE);
	irq_config_lock_release();
	return virq;

err_unlock:
	irq_config_lock_release();
	irq_domain_remove(domain);
err_free_fwnode:
	irq_domain_free_fwnode(fwnode);
err_free_pcpu:
	free_percpu(pcpu);
	return virq;
}

/*
 * Forget the multiplexer. Only for irq_core_teardown(), which then frees
 * its descriptors, domain and fwnode with everything else; embedders never
 * destroy a multiplexer.
 */
void ipi_mux_teardown(void)
{
	irq_config_lock_acquire();
	free_percpu(ipi_mux_pcpu);
	ipi_mux_pcpu = NULL;
	ipi_mux_send = NULL;
	__atomic_store_n(&ipi_mux_domain, NULL, __ATOMIC_RELEASE);
	irq_config_lock_release();
}
