// SPDX-License-Identifier: BSD-2-Clause
/*
 * The generic IPI layer: reservation of IPIs on IPI domains and sending
 * through the reserved virq.
 *
 * A per-CPU IPI domain (IRQ_DOMAIN_FLAG_IPI_PER_CPU) gives each target its
 * own hwirq and so its own virq: the virqs of one reservation are
 * consecutive, the first belongs to target ipi_offset, and the virq of
 * target t is ipi_base + t - ipi_offset. A single IPI domain
 * (IRQ_DOMAIN_FLAG_IPI_SINGLE) gives all targets one hwirq and one virq.
 * The reserved mask is kept as the affinity of every descriptor.
 *
 * ipi_send_single()/ipi_send_mask()/ipi_send_all() validate and are for
 * drivers; __ipi_send_single()/__ipi_send_mask() take the descriptor, trust
 * the caller and are for arch code sending its own IPIs. No send path takes
 * a lock or allocates.
 */
#include "internals.h"

/*
 * In a per-CPU reservation the virq of target t is ipi_base + t - ipi_offset:
 * the descriptor @target is sent through.
 */
static inline struct irq_desc *ipi_target_desc(const struct irq_common_data *common,
					       unsigned int target)
{
	return __irq_to_desc(common->ipi_base + target - common->ipi_offset);
}

/* A per-CPU domain: send on the virq of @target, not the one given. */
static void ipi_send_single_per_cpu(struct irq_data *data, unsigned int target)
{
	struct irq_desc *desc = ipi_target_desc(data->common, target);

	desc->irq_data.chip->ipi_send_single(&desc->irq_data, target);
}

/* A chip that only sends to masks. */
static void ipi_send_single_via_mask(struct irq_data *data, unsigned int target)
{
	data->chip->ipi_send_mask(data, cpumask_of(target));
}

/*
 * Choose, once, how a descriptor sends to one target: straight to the
 * chip's ipi_send_single for a single-hwirq domain, through the target's
 * own descriptor for a per-CPU domain, or through ipi_send_mask for a chip
 * without ipi_send_single. NULL for a chip that cannot send.
 */
static ipi_send_single_fn ipi_resolve_send(const struct irq_chip *chip, bool per_cpu)
{
	if (chip->ipi_send_single)
		return per_cpu ? ipi_send_single_per_cpu : chip->ipi_send_single;
	if (chip->ipi_send_mask)
		return ipi_send_single_via_mask;
	return NULL;
}

/* Replace a reservation's mask, word by word, for lock-free readers. */
static void ipi_store_affinity(struct irq_desc *desc, const struct cpumask *mask)
{
	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		/* pairs with the relaxed loads of the send-path checks */
		__atomic_store_n(&desc->irq_common_data.affinity.bits[i], mask->bits[i],
				 __ATOMIC_RELAXED);
}

/**
 * ipi_mark_reserved - make a freshly allocated virq part of an IPI reservation
 * @virq: the virq; the first of the reservation is @virq - (@target - offset)
 * @dest: the reservation's targets
 * @target: the target this virq sends to (per-CPU), or the first target
 *
 * Lock held. Used by irq_reserve_ipi() and by the multiplexer, whose virqs
 * are IPIs to every possible CPU.
 */
void ipi_mark_reserved(unsigned int virq, const struct cpumask *dest, unsigned int target)
{
	struct irq_desc *desc = irq_desc_table[virq];
	unsigned int offset = cpumask_first(dest);
	unsigned int status = IRQ_IS_IPI | IRQ_NO_BALANCING;
	bool per_cpu = irq_domain_is_ipi_per_cpu(desc->irq_data.domain);

	desc->irq_common_data.ipi_offset = offset;
	desc->irq_common_data.ipi_base = per_cpu ? virq - (target - offset) : virq;
	/* nothing of ours runs on a remote processor: nothing to request */
	if (target_is_remote(per_cpu ? target : offset))
		status |= IRQ_NOREQUEST;
	__atomic_fetch_or(&desc->status, status, __ATOMIC_RELAXED);
	ipi_store_affinity(desc, dest);
	desc->ipi_send_single = ipi_resolve_send(desc->irq_data.chip, per_cpu);
}

/**
 * irq_reserve_ipi - reserve an IPI to a set of targets
 * @domain: an IPI domain
 * @dest: the targets: possible CPUs and registered remote processors
 *
 * A per-CPU domain allocates one virq per target, consecutive from the
 * first target (ipi_offset), so @dest may have no holes; a single domain
 * allocates one virq. Remote-processor targets can be sent to but no
 * handler can be requested for them.
 *
 * Returns the first virq (> 0), -EINVAL (NULL or non-IPI domain, NULL or
 * empty @dest, an unknown target, holes in @dest for a per-CPU domain),
 * -ENOSPC / -ENOMEM when virqs or hwirqs run out, or the domain's error.
 * On error nothing is reserved.
 */
int irq_reserve_ipi(struct irq_domain *domain, const struct cpumask *dest)
{
	unsigned int nr_irqs, offset, next, i;
	bool per_cpu;
	int virq;

	if (WARN_ONCE(!domain || !irq_domain_is_ipi(domain),
		      "genipi: irq_reserve_ipi: not an IPI domain\n"))
		return -EINVAL;
	if (WARN_ONCE(!dest || cpumask_empty(dest), "genipi: irq_reserve_ipi: empty mask\n"))
		return -EINVAL;
	per_cpu = irq_domain_is_ipi_per_cpu(domain);

	irq_config_lock_acquire();
	if (!cpumask_subset(dest, &valid_targets_mask)) {
		virq = -EINVAL;
		goto out_unlock;
	}
	offset = cpumask_first(dest);
	if (per_cpu) {
		next = cpumask_next_zero((int)offset, dest);
		if (next < NR_TARGETS && cpumask_next((int)next, dest) < NR_TARGETS) {
			virq = -EINVAL; /* a hole: per-target virqs must be consecutive */
			goto out_unlock;
		}
		nr_irqs = cpumask_weight(dest);
	} else {
		nr_irqs = 1;
	}

	virq = irq_domain_alloc_irqs_locked(domain, nr_irqs, (void *)(uintptr_t)dest);
	if (virq < 0)
		goto out_unlock;

	for (i = 0; i < nr_irqs; i++)
		ipi_mark_reserved((unsigned int)virq + i, dest, per_cpu ? offset + i : offset);
out_unlock:
	irq_config_lock_release();
	if (virq < 0)
		WARN_ONCE(virq == -EINVAL, "genipi: irq_reserve_ipi: bad target mask\n");
	return virq;
}

/* The descriptor of an IPI virq, or NULL. Lock held. */
static struct irq_desc *ipi_desc_locked(unsigned int virq)
{
	struct irq_desc *desc = __irq_to_desc(virq);

	if (!desc || !(desc_status(desc) & IRQ_IS_IPI))
		return NULL;
	return desc;
}

/**
 * irq_destroy_ipi - release the part of a reservation named by @dest
 * @virq: a virq of the reservation (for per-CPU domains, any whose target
 *        is still reserved)
 * @dest: the targets to release; a subset of the reservation
 *
 * A per-CPU reservation frees the virqs of the released targets; a single
 * reservation shrinks its mask and frees the virq with its last target.
 * Returns 0 or -EINVAL (unknown or non-IPI virq, NULL or empty @dest,
 * @dest not within what is reserved, e.g. a second destroy).
 */
int irq_destroy_ipi(unsigned int virq, const struct cpumask *dest)
{
	struct cpumask remaining;
	struct irq_common_data *common;
	struct irq_desc *desc;
	unsigned int t;
	int ret = 0;

	if (WARN_ONCE(!dest || cpumask_empty(dest), "genipi: irq_destroy_ipi: empty mask\n"))
		return -EINVAL;

	irq_config_lock_acquire();
	desc = ipi_desc_locked(virq);
	if (!desc || !cpumask_subset(dest, &desc->irq_common_data.affinity)) {
		ret = -EINVAL;
		goto out_unlock;
	}
	common = &desc->irq_common_data;
	cpumask_andnot(&remaining, &common->affinity, dest);

	if (irq_domain_is_ipi_per_cpu(desc->irq_data.domain)) {
		/* copied: the first loop may free @desc itself */
		unsigned int base = common->ipi_base, offset = common->ipi_offset;

		for_each_cpu(t, dest)
			irq_domain_free_irqs_locked(base + t - offset, 1);
		for_each_cpu(t, &remaining)
			ipi_store_affinity(irq_desc_table[base + t - offset], &remaining);
	} else if (cpumask_empty(&remaining)) {
		irq_domain_free_irqs_locked(virq, 1);
	} else {
		ipi_store_affinity(desc, &remaining);
		/* only remote processors left: nothing of ours can handle it */
		if (cpumask_first(&remaining) >= nr_cpu_ids)
			__atomic_fetch_or(&desc->status, IRQ_NOREQUEST, __ATOMIC_RELAXED);
	}
out_unlock:
	irq_config_lock_release();
	WARN_ONCE(ret, "genipi: irq_destroy_ipi(%u): not a reserved IPI or mask\n", virq);
	return ret;
}

/**
 * ipi_get_hwirq - the hwirq @target receives the IPI @virq on
 *
 * What a remote processor must be told. Returns INVALID_HWIRQ for an
 * unknown or non-IPI virq, or a target outside the reservation.
 */
irq_hw_number_t ipi_get_hwirq(unsigned int virq, unsigned int target)
{
	struct irq_data *data = irq_get_irq_data(virq);
	struct irq_desc *desc;

	if (!data || target >= NR_TARGETS || !cpumask_test_cpu(target, &data->common->affinity))
		return INVALID_HWIRQ;
	if (!irq_domain_is_ipi_per_cpu(data->domain))
		return data->hwirq;
	desc = ipi_target_desc(data->common, target);
	return desc ? desc->irq_data.hwirq : INVALID_HWIRQ;
}

/**
 * __ipi_send_single - send an IPI to one target, for arch code
 * @desc: the descriptor of the reservation's virq
 * @target: a target within the reservation
 *
 * No lookup and no validation (unless built with GENIPI_DEBUG): the caller
 * guarantees both arguments. Returns 0.
 */
int __ipi_send_single(struct irq_desc *desc, unsigned int target)
{
#ifdef GENIPI_DEBUG
	if (WARN_ON_ONCE(!desc->ipi_send_single || target >= NR_TARGETS ||
			 !cpumask_test_cpu(target, &desc->irq_common_data.affinity)))
		return -EINVAL;
#endif
	desc->ipi_send_single(&desc->irq_data, target);
	return 0;
}

/*
 * Send to each target of @dest in turn, walking the mask a word at a time
 * instead of restarting the search after every target. Like Linux, which
 * scans up to nr_cpu_ids rather than NR_CPUS, stop at nr_target_ids: no
 * reservation holds a target past it.
 */
static void ipi_send_mask_each(struct irq_desc *desc, const struct cpumask *dest)
{
	ipi_send_single_fn send_single = desc->ipi_send_single;
	const struct irq_common_data *common = &desc->irq_common_data;
	/* a per-CPU domain: find each target's descriptor here, one call per target */
	bool per_cpu = send_single == ipi_send_single_per_cpu;
	/* pairs with the WRITE_ONCE in ipi_register_remote() */
	unsigned int words = BITS_TO_LONGS(READ_ONCE(nr_target_ids)), i, t;
	unsigned long bits;

	if (per_cpu)
		send_single = desc->irq_data.chip->ipi_send_single;
	for (i = 0; i < words; i++) {
		for (bits = dest->bits[i]; bits; bits &= bits - 1) {
			t = i * BITS_PER_LONG + (unsigned int)__builtin_ctzl(bits);
			send_single(per_cpu ? &ipi_target_desc(common, t)->irq_data :
					      &desc->irq_data,
				    t);
		}
	}
}

/**
 * __ipi_send_mask - send an IPI to a set of targets, for arch code
 *
 * As __ipi_send_single(): the caller guarantees @dest is non-empty and
 * within the reservation. A chip with ipi_send_mask gets the whole mask in
 * one call; otherwise each target is sent to in turn. Returns 0.
 */
int __ipi_send_mask(struct irq_desc *desc, const struct cpumask *dest)
{
	struct irq_data *data = &desc->irq_data;

#ifdef GENIPI_DEBUG
	if (WARN_ON_ONCE(!desc->ipi_send_single || !dest || cpumask_empty(dest) ||
			 !cpumask_subset(dest, &desc->irq_common_data.affinity)))
		return -EINVAL;
#endif
	if (data->chip->ipi_send_mask) {
		data->chip->ipi_send_mask(data, dest);
		return 0;
	}
	ipi_send_mask_each(desc, dest);
	return 0;
}

/*
 * The misuse report of the validated send paths, out of their way; each
 * caller has its own once-flag, as WARN_ONCE() gives each call site.
 */
static __attribute__((noinline, cold)) int ipi_send_invalid(bool *warned, const char *who,
							    unsigned int virq)
{
	if (!__atomic_exchange_n(warned, true, __ATOMIC_RELAXED))
		genipi_log("genipi: %s(%u): not an IPI, or targets outside its reservation\n", who,
			   virq);
	return -EINVAL;
}

/**
 * ipi_send_single - send the IPI @virq to one target
 *
 * Returns 0, or -EINVAL for an unknown or non-IPI virq, a target outside
 * the reservation, or a chip that cannot send.
 */
int ipi_send_single(unsigned int virq, unsigned int target)
{
	static bool warned;
	struct irq_desc *desc = __irq_to_desc(virq);

	if (unlikely(!desc || !desc->ipi_send_single || target >= NR_TARGETS ||
		     !cpumask_test_cpu(target, &desc->irq_common_data.affinity)))
		return ipi_send_invalid(&warned, __func__, virq);
	desc->ipi_send_single(&desc->irq_data, target);
	return 0;
}

/*
 * @dest is non-empty and within @reserved: one pass over the words instead
 * of two, and no early exit (valid masks are the common case).
 */
static inline bool ipi_mask_valid(const struct cpumask *dest, const struct cpumask *reserved)
{
	unsigned long any = 0, stray = 0;

	for (unsigned int i = 0; i < CPUMASK_LONGS; i++) {
		any |= dest->bits[i];
		/* pairs with the relaxed stores of ipi_store_affinity() */
		stray |= dest->bits[i] & ~__atomic_load_n(&reserved->bits[i], __ATOMIC_RELAXED);
	}
	return any && !stray;
}

/**
 * ipi_send_mask - send the IPI @virq to the targets in @dest
 *
 * Returns 0, or -EINVAL for an unknown or non-IPI virq, a NULL or empty
 * @dest, @dest not within the reservation, or a chip that cannot send.
 */
int ipi_send_mask(unsigned int virq, const struct cpumask *dest)
{
	static bool warned;
	struct irq_desc *desc = __irq_to_desc(virq);

	if (unlikely(!desc || !desc->ipi_send_single || !dest ||
		     !ipi_mask_valid(dest, &desc->irq_common_data.affinity)))
		return ipi_send_invalid(&warned, __func__, virq);
	return __ipi_send_mask(desc, dest);
}

/**
 * ipi_send_all - send the IPI @virq to every target of its reservation
 *
 * Returns 0, or -EINVAL for an unknown or non-IPI virq or a chip that
 * cannot send.
 */
int ipi_send_all(unsigned int virq)
{
	static bool warned;
	struct irq_desc *desc = __irq_to_desc(virq);

	if (unlikely(!desc || !desc->ipi_send_single))
		return ipi_send_invalid(&warned, __func__, virq);
	return __ipi_send_mask(desc, &desc->irq_common_data.affinity);
}
