// SPDX-License-Identifier: BSD-2-Clause
/*
 * The swipi driver: IPI domains over the hosted machine's software IPI
 * controller (model in swipi-model.c, registers in <genipi/hosted-swipi.h>),
 * reached only through readl()/writel().
 *
 * Per-CPU variant (like the MIPS GIC): an IRQ_DOMAIN_FLAG_IPI_PER_CPU domain
 * of 64 hwirqs. A reservation takes one free hwirq per target and routes it
 * there; sending writes the hwirq to SEND. All hwirqs arrive on cpu-intc
 * line HOSTED_LINE_SWIPI, whose chained handler reads the CPU's PENDING
 * register and dispatches each hwirq.
 *
 * Single variant (like the Kalray Coolidge controller or a GIC SGI): an
 * IRQ_DOMAIN_FLAG_IPI_SINGLE domain, child of the cpu-intc domain, of 8
 * hwirqs (the register sets). A reservation takes one set s for all its
 * targets; its parent is cpu-intc line HOSTED_LINE_SWIPI_SINGLE(s), so no
 * chained handler is needed. Sending writes a bitmask of target hwids to
 * INTERRUPT(s): targets with hwid >= 32 cannot be reserved.
 */
#include "hosted-internal.h"

#include <genipi/errno.h>
#include <genipi/hosted-swipi.h>
#include <genipi/io.h>
#include <genipi/ipi.h>
#include <genipi/irq.h>
#include <genipi/irqdomain.h>

static void __iomem *swipi_percpu_base;
static void __iomem *swipi_single_base;
static struct irq_domain *swipi_percpu_domain;
static struct irq_domain *swipi_single_domain;
/* The cpu-intc virq of HOSTED_LINE_SWIPI, demultiplexed by our handler. */
static unsigned int swipi_percpu_parent_virq;

/* Allocated hwirqs (per-CPU) and sets (single); atomic so no lock is assumed. */
static _Atomic uint64_t swipi_percpu_used;
static _Atomic uint64_t swipi_single_used;
/* hwid each per-CPU hwirq is routed to, for the per-CPU mask semantics. */
static _Atomic unsigned long swipi_percpu_hwid[HOSTED_SWIPI_PERCPU_NR_HWIRQS];

static void swipi_percpu_writel(uint32_t val, unsigned long offset)
{
	writel(val, (char __iomem *)swipi_percpu_base + offset);
}

static uint32_t swipi_percpu_readl(unsigned long offset)
{
	return readl((char __iomem *)swipi_percpu_base + offset);
}

static void swipi_single_writel(uint32_t val, unsigned long offset)
{
	writel(val, (char __iomem *)swipi_single_base + offset);
}

/* Take the lowest clear bit of @used below @nr; -1 if none. */
static int swipi_bit_get(_Atomic uint64_t *used, unsigned int nr)
{
	uint64_t old = atomic_load_explicit(used, memory_order_relaxed), free_bits;
	unsigned int bit;

	do {
		free_bits = ~old & (nr >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << nr) - 1);
		if (!free_bits)
			return -1;
		bit = (unsigned int)__builtin_ctzll(free_bits);
	} while (!atomic_compare_exchange_weak_explicit(used, &old, old | ((uint64_t)1 << bit),
							memory_order_relaxed,
							memory_order_relaxed));
	return (int)bit;
}

static void swipi_bit_put(_Atomic uint64_t *used, unsigned int bit)
{
	atomic_fetch_and_explicit(used, ~((uint64_t)1 << bit), memory_order_relaxed);
}

static bool swipi_warn_once(atomic_bool *warned)
{
	return !atomic_exchange_explicit(warned, true, memory_order_relaxed);
}

/* ---- per-CPU variant ----------------------------------------------------- */

/*
 * Per-CPU semantics: a hwirq reaches only the processor it is routed to, so
 * masking it "on the calling CPU" means something only on that CPU.
 */
static bool swipi_percpu_routed_here(struct irq_data *d)
{
	unsigned int cpu = smp_processor_id();
	unsigned long routed;

	routed = atomic_load_explicit(&swipi_percpu_hwid[d->hwirq], memory_order_relaxed);
	return cpu < nr_cpu_ids && routed == target_hwid(cpu);
}

static void swipi_percpu_irq_mask(struct irq_data *d)
{
	if (swipi_percpu_routed_here(d))
		swipi_percpu_writel((uint32_t)d->hwirq, HOSTED_SWIPI_ENABLE_CLR);
}

static void swipi_percpu_irq_unmask(struct irq_data *d)
{
	if (swipi_percpu_routed_here(d))
		swipi_percpu_writel((uint32_t)d->hwirq, HOSTED_SWIPI_ENABLE_SET);
}

/* The core hands us the irq_data of @target's own virq: its hwirq is routed there. */
static void swipi_percpu_ipi_send_single(struct irq_data *d, unsigned int target)
{
	(void)target;
	swipi_percpu_writel((uint32_t)d->hwirq, HOSTED_SWIPI_SEND);
}

static struct irq_chip swipi_percpu_chip = {
	.name = "swipi-percpu",
	.irq_mask = swipi_percpu_irq_mask,
	.irq_unmask = swipi_percpu_irq_unmask,
	.ipi_send_single = swipi_percpu_ipi_send_single,
};

/* Release hwirq of @d: disabled, its latch cleared, unrouted, free. */
static void swipi_percpu_release(struct irq_data *d)
{
	unsigned int hwirq;

	if (!d || d->hwirq >= HOSTED_SWIPI_PERCPU_NR_HWIRQS)
		return;
	hwirq = (unsigned int)d->hwirq;
	swipi_percpu_writel(hwirq, HOSTED_SWIPI_ENABLE_CLR);
	swipi_percpu_writel(hwirq, HOSTED_SWIPI_CLEAR); /* acts at the current route */
	swipi_percpu_writel(HOSTED_SWIPI_ROUTE_NONE, HOSTED_SWIPI_ROUTE(hwirq));
	atomic_store_explicit(&swipi_percpu_hwid[hwirq], ~0UL, memory_order_relaxed);
	swipi_bit_put(&swipi_percpu_used, hwirq);
}

static void swipi_percpu_free(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs)
{
	for (unsigned int i = 0; i < nr_irqs; i++)
		swipi_percpu_release(irq_domain_get_irq_data(d, virq + i));
	irq_domain_free_irqs_top(d, virq, nr_irqs);
}

/*
 * @arg: the reserved target mask; virq + i goes to its i-th target. A
 * remote processor's hwirq is enabled here: no CPU of ours will.
 */
static int swipi_percpu_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs,
			      void *arg)
{
	const struct cpumask *dest = arg;
	unsigned int target, i = 0;
	int hwirq, ret;

	if (!dest || cpumask_weight(dest) != nr_irqs)
		return -EINVAL;
	for_each_cpu(target, dest) {
		unsigned long hwid = target_hwid(target);

		if (hwid >= HOSTED_MAX_HWID) {
			ret = -EINVAL;
			goto err_free;
		}
		hwirq = swipi_bit_get(&swipi_percpu_used, HOSTED_SWIPI_PERCPU_NR_HWIRQS);
		if (hwirq < 0) {
			ret = -ENOSPC;
			goto err_free;
		}
		atomic_store_explicit(&swipi_percpu_hwid[hwirq], hwid, memory_order_relaxed);
		swipi_percpu_writel((uint32_t)hwid, HOSTED_SWIPI_ROUTE(hwirq));
		irq_domain_set_info(d, virq + i, (irq_hw_number_t)hwirq, &swipi_percpu_chip, NULL,
				    handle_percpu_devid_irq, NULL, "swipi-percpu");
		irq_set_percpu_devid(virq + i);
		if (target_is_remote(target))
			swipi_percpu_writel((uint32_t)hwirq, HOSTED_SWIPI_ENABLE_SET);
		i++;
	}
	return 0;

err_free:
	swipi_percpu_free(d, virq, i);
	return ret;
}

static const struct irq_domain_ops swipi_percpu_domain_ops = {
	.alloc = swipi_percpu_alloc,
	.free = swipi_percpu_free,
};

/* Chained handler of cpu-intc line HOSTED_LINE_SWIPI. */
static void swipi_percpu_handle_chained(struct irq_desc *desc)
{
	static atomic_bool warned;
	struct irq_chip *chip = irq_desc_get_chip(desc);
	struct irq_domain *domain = irq_desc_get_handler_data(desc);
	unsigned long hwid = target_hwid(smp_processor_id());

	chained_irq_enter(chip, desc);
	for (unsigned int half = 0; hwid < HOSTED_MAX_HWID && half < 2; half++) {
		uint32_t bits = swipi_percpu_readl(HOSTED_SWIPI_PENDING(hwid, half));

		for (; bits; bits &= bits - 1) {
			unsigned int hwirq = 32 * half + (unsigned int)__builtin_ctz(bits);

			if (generic_handle_domain_irq(domain, hwirq) && swipi_warn_once(&warned))
				genipi_log("hosted,swipi: hwirq %u has no mapping\n", hwirq);
		}
	}
	chained_irq_exit(chip, desc);
}

static int swipi_percpu_init(void)
{
	struct fwnode_handle *fwnode;
	struct irq_domain *d;
	unsigned int virq;

	swipi_percpu_base = ioremap(HOSTED_SWIPI_PERCPU_BASE, HOSTED_SWIPI_PERCPU_SIZE);
	fwnode = irq_domain_alloc_named_fwnode("swipi-percpu");
	if (!fwnode)
		return -ENOMEM;
	d = irq_domain_create_hierarchy(NULL, IRQ_DOMAIN_FLAG_IPI_PER_CPU,
					HOSTED_SWIPI_PERCPU_NR_HWIRQS, fwnode,
					&swipi_percpu_domain_ops, NULL);
	if (!d)
		goto err_free_fwnode;
	irq_domain_update_bus_token(d, DOMAIN_BUS_IPI);
	virq = irq_create_mapping(hosted_cpu_intc_domain(), HOSTED_LINE_SWIPI);
	if (!virq)
		goto err_remove_domain;
	irq_set_chained_handler_and_data(virq, swipi_percpu_handle_chained, d);
	swipi_percpu_domain = d;
	swipi_percpu_parent_virq = virq;
	return 0;

err_remove_domain:
	irq_domain_remove(d);
err_free_fwnode:
	irq_domain_free_fwnode(fwnode);
	return -ENOMEM;
}

/* ---- single variant ------------------------------------------------------ */

static void swipi_single_ipi_send_mask(struct irq_data *d, const struct cpumask *dest)
{
	static atomic_bool warned;
	uint32_t hwids = 0;
	unsigned int target;

	for_each_cpu(target, dest) {
		unsigned long hwid = target_hwid(target);

		if (hwid < HOSTED_SWIPI_SINGLE_MAX_HWID)
			hwids |= 1U << hwid;
		else if (swipi_warn_once(&warned))
			genipi_log("hosted,swipi: target %u (hwid %lu) unreachable\n", target,
				   hwid);
	}
	if (hwids)
		swipi_single_writel(hwids, HOSTED_SWIPI_SINGLE_INTERRUPT(d->hwirq));
}

/*
 * Only ipi_send_mask: a single send goes through the core's fallback, which
 * passes cpumask_of(target).
 */
static struct irq_chip swipi_single_chip = {
	.name = "swipi-single",
	.irq_mask = irq_chip_mask_parent,
	.irq_unmask = irq_chip_unmask_parent,
	.ipi_send_mask = swipi_single_ipi_send_mask,
};

static void swipi_single_free(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs)
{
	for (unsigned int i = 0; i < nr_irqs; i++) {
		struct irq_data *data = irq_domain_get_irq_data(d, virq + i);

		if (data && data->hwirq < HOSTED_SWIPI_SINGLE_NR_SETS)
			swipi_bit_put(&swipi_single_used, (unsigned int)data->hwirq);
	}
	/* resets our level and frees the cpu-intc line below it */
	irq_domain_free_irqs_top(d, virq, nr_irqs);
}

/*
 * @arg: the reserved target mask (may be NULL: no check). Takes a free set
 * s and, from the cpu-intc parent, line HOSTED_LINE_SWIPI_SINGLE(s).
 */
static int swipi_single_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs,
			      void *arg)
{
	const struct cpumask *dest = arg;
	struct irq_fwspec fwspec = { 0 };
	unsigned int target;
	int set, ret;

	if (nr_irqs != 1)
		return -EINVAL;
	if (dest)
		for_each_cpu(target, dest)
			if (target_hwid(target) >= HOSTED_SWIPI_SINGLE_MAX_HWID)
				return -EINVAL;
	set = swipi_bit_get(&swipi_single_used, HOSTED_SWIPI_SINGLE_NR_SETS);
	if (set < 0)
		return -ENOSPC;
	fwspec.fwnode = d->parent->fwnode;
	fwspec.param_count = 1;
	fwspec.param[0] = HOSTED_LINE_SWIPI_SINGLE(set);
	ret = irq_domain_alloc_irqs_parent(d, virq, 1, &fwspec);
	if (ret) {
		swipi_bit_put(&swipi_single_used, (unsigned int)set);
		return ret;
	}
	irq_domain_set_info(d, virq, (irq_hw_number_t)set, &swipi_single_chip, NULL,
			    handle_percpu_devid_irq, NULL, "swipi-single");
	irq_set_percpu_devid(virq);
	return 0;
}

static const struct irq_domain_ops swipi_single_domain_ops = {
	.alloc = swipi_single_alloc,
	.free = swipi_single_free,
};

static int swipi_single_init(void)
{
	struct fwnode_handle *fwnode;
	struct irq_domain *d;

	swipi_single_base = ioremap(HOSTED_SWIPI_SINGLE_BASE, HOSTED_SWIPI_SINGLE_SIZE);
	fwnode = irq_domain_alloc_named_fwnode("swipi-single");
	if (!fwnode)
		return -ENOMEM;
	d = irq_domain_create_hierarchy(hosted_cpu_intc_domain(), IRQ_DOMAIN_FLAG_IPI_SINGLE,
					HOSTED_SWIPI_SINGLE_NR_SETS, fwnode,
					&swipi_single_domain_ops, NULL);
	if (!d) {
		irq_domain_free_fwnode(fwnode);
		return -ENOMEM;
	}
	irq_domain_update_bus_token(d, DOMAIN_BUS_IPI);
	swipi_single_domain = d;
	return 0;
}

/* ---- life cycle ---------------------------------------------------------- */

struct irq_domain *hosted_swipi_domain(bool per_cpu)
{
	return per_cpu ? swipi_percpu_domain : swipi_single_domain;
}

/* Create both domains. Boot, after the cpu-intc, before CPUs run. */
int hosted_swipi_init(void)
{
	int ret = swipi_percpu_init();

	if (ret)
		return ret;
	return swipi_single_init();
}

/* On each CPU at boot: enable the per-CPU variant's cpu-intc input. */
void hosted_swipi_init_cpu(void *unused)
{
	(void)unused;
	enable_percpu_irq(swipi_percpu_parent_virq, IRQ_TYPE_NONE);
}

/* Forget the domains; the core freed them in irq_core_teardown(). */
void hosted_swipi_reset(void)
{
	swipi_percpu_domain = NULL;
	swipi_single_domain = NULL;
	swipi_percpu_parent_virq = 0;
	swipi_percpu_base = NULL;
	swipi_single_base = NULL;
	atomic_store_explicit(&swipi_percpu_used, 0, memory_order_relaxed);
	atomic_store_explicit(&swipi_single_used, 0, memory_order_relaxed);
	for (unsigned int h = 0; h < HOSTED_SWIPI_PERCPU_NR_HWIRQS; h++)
		atomic_store_explicit(&swipi_percpu_hwid[h], ~0UL, memory_order_relaxed);
}
