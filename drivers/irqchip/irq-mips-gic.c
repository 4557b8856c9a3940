// SPDX-License-Identifier: BSD-2-Clause
/*
 * MIPS Global Interrupt Controller: shared interrupts, and IPIs made of them
 * (register map and facts in <genipi/irqchip/mips-gic.h>).
 *
 * Two domains share the GIC's fwnode, as in Linux:
 *
 *   - the shared-interrupt domain (DOMAIN_BUS_WIRED, hwirq = shared
 *     interrupt number): the root of its hierarchy, reached through a
 *     chained handler on each CPU's parent interrupt (the CPU interrupt the
 *     GIC pin drives). Wired interrupts from a device tree are routed to
 *     CPU 0, unmasked at once and run with handle_percpu_irq(): minimal
 *     support, the IPIs are the point;
 *   - the IPI domain (DOMAIN_BUS_IPI, IRQ_DOMAIN_FLAG_IPI_PER_CPU), its
 *     child. A reservation takes one free IPI vector per target, routes it
 *     to the target's VP (MAP_VP) and the GIC pin (MAP_PIN), makes it a
 *     rising edge and records target -> vector in the reservation's struct
 *     ipi_mapping. Sending writes the vector with bit 31 set to WEDGE; the
 *     receiving CPU's flow handler (handle_percpu_devid_irq) acks it by
 *     writing WEDGE with bit 31 clear before running the handler.
 *
 * The dispatch: PEND and MASK are global, so each CPU's chained handler
 * dispatches PEND & MASK & (the interrupts routed to that CPU), the last
 * kept by the driver as Linux keeps its pcpu_masks. A vector reaches only
 * its VP, so enable_percpu_irq()/disable_percpu_irq() (SMASK/RMASK) of a
 * target's virq act only on that target's CPU; a remote processor's vector
 * is unmasked when reserved, since nothing of ours runs there to do it.
 *
 * Locking: domain alloc and free run under the core's configuration lock,
 * which covers the vector bitmaps, the reservation list and the
 * read-modify-write of POL/TRIG/DUAL. The send, ack, mask and dispatch
 * paths take no lock: they write single registers (WEDGE, RMASK, SMASK are
 * write-to-act) and read the routing tables with atomic loads.
 */
#include <genipi/genipi.h>
#include <genipi/io.h>
#include <genipi/irqchip/mips-gic.h>
#include <genipi/port.h>

#define MIPS_GIC_WORDS (MIPS_GIC_MAX_INTRS / 32U)
#define MIPS_GIC_NO_TARGET (~0U)

/*
 * struct mips_gic_ipi - one IPI reservation
 * @map:       target -> vector of each of its targets still reserved
 * @nr_mapped: how many; the reservation is freed with its last target
 * @next:      the driver's list of reservations (freed at re-init)
 */
struct mips_gic_ipi {
	struct ipi_mapping *map;
	unsigned int nr_mapped;
	struct mips_gic_ipi *next;
};

/*
 * The one GIC of the system. Written by mips_gic_init() before any domain
 * exists; afterwards as each field says.
 */
static struct mips_gic {
	void __iomem *base;
	struct fwnode_handle *fwnode;
	bool own_fwnode;
	struct irq_domain *domain;
	struct irq_domain *ipi_domain;
	unsigned int nr_shared;
	unsigned int nr_words;
	unsigned int nr_vps;
	unsigned int cpu_pin;
	/* IPI vectors, and those not taken: config lock */
	uint32_t ipi_reserved[MIPS_GIC_WORDS];
	uint32_t ipi_free[MIPS_GIC_WORDS];
	struct mips_gic_ipi *reservations;
	/* target of each taken IPI vector: written under the lock, read atomically */
	unsigned int ipi_target[MIPS_GIC_MAX_INTRS];
	/* shared interrupts routed to each CPU: atomic, read by its chained handler */
	uint32_t routed[NR_CPUS][MIPS_GIC_WORDS];
	/* each CPU's parent virq: set before the CPU starts, read by it */
	unsigned int parent_virq[NR_CPUS];
} mips_gic;

/* ---- register access ------------------------------------------------------ */

static uint32_t mips_gic_readl(unsigned long offset)
{
	return readl((char __iomem *)mips_gic.base + offset);
}

static void mips_gic_writel(uint32_t val, unsigned long offset)
{
	writel(val, (char __iomem *)mips_gic.base + offset);
}

/* Write one interrupt's bit to a write-one-to-act register (RMASK, SMASK). */
static void mips_gic_write_bit(unsigned long reg, unsigned int intr)
{
	mips_gic_writel(MIPS_GIC_INTR_BIT(intr), MIPS_GIC_INTR_WORD(reg, intr));
}

/* Change one interrupt's bit of a RW bit-per-interrupt register. Config lock. */
static void mips_gic_change_bit(unsigned long reg, unsigned int intr, bool set)
{
	unsigned long offset = MIPS_GIC_INTR_WORD(reg, intr);
	uint32_t val = mips_gic_readl(offset);

	if (set)
		val |= MIPS_GIC_INTR_BIT(intr);
	else
		val &= ~MIPS_GIC_INTR_BIT(intr);
	mips_gic_writel(val, offset);
}

static void mips_gic_mask(unsigned int intr)
{
	mips_gic_write_bit(MIPS_GIC_SH_RMASK, intr);
}

static void mips_gic_unmask(unsigned int intr)
{
	mips_gic_write_bit(MIPS_GIC_SH_SMASK, intr);
}

/* Clear @intr's edge: the ack of an edge-triggered interrupt. */
static void mips_gic_clear_edge(unsigned int intr)
{
	mips_gic_writel(intr & MIPS_GIC_WEDGE_INTR, MIPS_GIC_SH_WEDGE);
}

/* POL/TRIG/DUAL from an IRQ_TYPE_* sense. Config lock. */
static void mips_gic_set_type(unsigned int intr, unsigned int type)
{
	bool pol, trig, dual = false;

	switch (type & (IRQ_TYPE_EDGE_RISING | IRQ_TYPE_EDGE_FALLING | IRQ_TYPE_LEVEL_HIGH |
			IRQ_TYPE_LEVEL_LOW)) {
	case IRQ_TYPE_EDGE_RISING:
		pol = true;
		trig = true;
		break;
	case IRQ_TYPE_EDGE_FALLING:
		pol = false;
		trig = true;
		break;
	case IRQ_TYPE_EDGE_RISING | IRQ_TYPE_EDGE_FALLING:
		pol = true; /* ignored with DUAL */
		trig = true;
		dual = true;
		break;
	case IRQ_TYPE_LEVEL_LOW:
		pol = false;
		trig = false;
		break;
	default: /* IRQ_TYPE_LEVEL_HIGH, IRQ_TYPE_NONE */
		pol = true;
		trig = false;
		break;
	}
	mips_gic_change_bit(MIPS_GIC_SH_POL, intr, pol);
	mips_gic_change_bit(MIPS_GIC_SH_TRIG, intr, trig);
	mips_gic_change_bit(MIPS_GIC_SH_DUAL, intr, dual);
}

/*
 * Route @intr to VP @vp on the GIC pin and record it in @cpu's dispatch
 * set (@cpu = MIPS_GIC_NO_TARGET: a VP that runs none of our code). The
 * interrupt stays masked. Config lock.
 */
static void mips_gic_route(unsigned int intr, unsigned long vp, unsigned int cpu)
{
	mips_gic_writel(MIPS_GIC_MAP_TO_PIN | mips_gic.cpu_pin, MIPS_GIC_SH_MAP_PIN(intr));
	/* one VP: its bit in its word, every other word of the VP bitmap 0 */
	for (unsigned int vp_base = 0; vp_base < mips_gic.nr_vps; vp_base += 32)
		mips_gic_writel(vp - vp_base < 32 ? 1U << (vp - vp_base) : 0,
				MIPS_GIC_SH_MAP_VP(intr, vp_base));
	if (cpu < NR_CPUS)
		/*
		 * Relaxed: the vector is raised only by a send on the
		 * reservation, which the core publishes after we return; the
		 * raise orders this store before the CPU's chained handler.
		 */
		__atomic_fetch_or(&mips_gic.routed[cpu][intr / 32], MIPS_GIC_INTR_BIT(intr),
				  __ATOMIC_RELAXED);
}

/* Undo mips_gic_route(): masked, its edge dropped, routed nowhere. Config lock. */
static void mips_gic_unroute(unsigned int intr)
{
	mips_gic_mask(intr);
	mips_gic_clear_edge(intr);
	for (unsigned int vp_base = 0; vp_base < mips_gic.nr_vps; vp_base += 32)
		mips_gic_writel(0, MIPS_GIC_SH_MAP_VP(intr, vp_base));
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		__atomic_fetch_and(&mips_gic.routed[cpu][intr / 32], ~MIPS_GIC_INTR_BIT(intr),
				   __ATOMIC_RELAXED);
}

/* ---- shared interrupts ---------------------------------------------------- */

static bool mips_gic_is_ipi_vector(unsigned int intr)
{
	return intr < mips_gic.nr_shared &&
	       (mips_gic.ipi_reserved[intr / 32] & MIPS_GIC_INTR_BIT(intr));
}

static void mips_gic_shared_irq_mask(struct irq_data *d)
{
	mips_gic_mask((unsigned int)d->hwirq);
}

static void mips_gic_shared_irq_unmask(struct irq_data *d)
{
	mips_gic_unmask((unsigned int)d->hwirq);
}

static void mips_gic_shared_irq_ack(struct irq_data *d)
{
	mips_gic_clear_edge((unsigned int)d->hwirq);
}

/* The chip of wired interrupts, and of the shared-interrupt level of IPIs. */
static struct irq_chip mips_gic_shared_chip = {
	.name = "mips-gic",
	.irq_mask = mips_gic_shared_irq_mask,
	.irq_unmask = mips_gic_shared_irq_unmask,
	.irq_ack = mips_gic_shared_irq_ack,
};

/* <MIPS_GIC_SHARED number flags>; local interrupts are not supported. */
static int mips_gic_translate(struct irq_domain *d, struct irq_fwspec *fwspec,
			      irq_hw_number_t *hwirq, unsigned int *type)
{
	(void)d;
	if (!fwspec || fwspec->param_count != MIPS_GIC_SPEC_CELLS ||
	    fwspec->param[0] != MIPS_GIC_SHARED || fwspec->param[1] >= mips_gic.nr_shared)
		return -EINVAL;
	*hwirq = fwspec->param[1];
	*type = fwspec->param[2] & (IRQ_TYPE_EDGE_RISING | IRQ_TYPE_EDGE_FALLING |
				    IRQ_TYPE_LEVEL_HIGH | IRQ_TYPE_LEVEL_LOW);
	return 0;
}

/*
 * A wired interrupt (@arg: its fwspec): routed to CPU 0 and unmasked. The
 * IPI vectors are the IPI domain's.
 */
static int mips_gic_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs, void *arg)
{
	irq_hw_number_t hwirq;
	unsigned int type, intr;
	int ret;

	if (nr_irqs != 1)
		return -EINVAL;
	ret = mips_gic_translate(d, arg, &hwirq, &type);
	if (ret)
		return ret;
	intr = (unsigned int)hwirq;
	if (mips_gic_is_ipi_vector(intr))
		return -EBUSY;
	irq_domain_set_info(d, virq, hwirq, &mips_gic_shared_chip, NULL, handle_percpu_irq, NULL,
			    "mips-gic");
	mips_gic_mask(intr);
	mips_gic_set_type(intr, type);
	mips_gic_route(intr, target_hwid(0), 0);
	mips_gic_clear_edge(intr);
	mips_gic_unmask(intr);
	return 0;
}

static void mips_gic_free(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs)
{
	for (unsigned int i = 0; i < nr_irqs; i++) {
		struct irq_data *data = irq_domain_get_irq_data(d, virq + i);

		if (!data)
			continue;
		/* an IPI vector's level: the IPI domain released the vector */
		if (data->hwirq < mips_gic.nr_shared &&
		    !mips_gic_is_ipi_vector((unsigned int)data->hwirq))
			mips_gic_unroute((unsigned int)data->hwirq);
		irq_domain_reset_irq_data(data);
	}
}

/* irq_dispose_mapping() of a wired interrupt: this domain is the root, no level below. */
static void mips_gic_unmap(struct irq_domain *d, unsigned int virq)
{
	mips_gic_free(d, virq, 1);
}

static const struct irq_domain_ops mips_gic_domain_ops = {
	.translate = mips_gic_translate,
	.unmap = mips_gic_unmap,
	.alloc = mips_gic_alloc,
	.free = mips_gic_free,
};

/*
 * Chained handler of a CPU's parent interrupt: dispatch the pending,
 * enabled shared interrupts routed to this CPU.
 */
static void mips_gic_handle_shared(struct irq_desc *desc)
{
	static bool warned;
	struct irq_chip *chip = irq_desc_get_chip(desc);
	unsigned int cpu = smp_processor_id();

	chained_irq_enter(chip, desc);
	for (unsigned int w = 0; cpu < NR_CPUS && w < mips_gic.nr_words; w++) {
		uint32_t mine = __atomic_load_n(&mips_gic.routed[cpu][w], __ATOMIC_RELAXED);
		uint32_t pending;

		if (!mine)
			continue;
		/* readl() orders the handlers' memory accesses after the PEND read */
		pending = mips_gic_readl(MIPS_GIC_SH_PEND + 4UL * w);
		pending &= mips_gic_readl(MIPS_GIC_SH_MASK + 4UL * w) & mine;
		for (; pending; pending &= pending - 1) {
			unsigned int intr = 32 * w + (unsigned int)__builtin_ctz(pending);

			if (generic_handle_domain_irq(mips_gic.domain, intr) &&
			    !__atomic_exchange_n(&warned, true, __ATOMIC_RELAXED))
				genipi_log("mips-gic: CPU %u: interrupt %u has no mapping\n", cpu,
					   intr);
		}
	}
	chained_irq_exit(chip, desc);
}

/* ---- IPIs --------------------------------------------------------------- */

/* The target @intr is reserved for, MIPS_GIC_NO_TARGET if none. */
static unsigned int mips_gic_ipi_target_of(unsigned int intr)
{
	/* relaxed: set when the vector is reserved, before its virq is published */
	return __atomic_load_n(&mips_gic.ipi_target[intr], __ATOMIC_RELAXED);
}

/* A vector reaches only its VP: mask and unmask act on that target's CPU only. */
static bool mips_gic_ipi_routed_here(struct irq_data *d)
{
	return d->hwirq < mips_gic.nr_shared &&
	       mips_gic_ipi_target_of((unsigned int)d->hwirq) == smp_processor_id();
}

static void mips_gic_ipi_irq_mask(struct irq_data *d)
{
	if (mips_gic_ipi_routed_here(d))
		mips_gic_mask((unsigned int)d->hwirq);
}

static void mips_gic_ipi_irq_unmask(struct irq_data *d)
{
	if (mips_gic_ipi_routed_here(d))
		mips_gic_unmask((unsigned int)d->hwirq);
}

/*
 * writel() orders the sender's earlier memory accesses before the GIC sees
 * the edge; the receiver's ack (a WEDGE write of the same interrupt) comes
 * before its handler runs, so a send that lands before the ack is seen by
 * that handler and one after it raises the interrupt again.
 */
static void mips_gic_ipi_raise(irq_hw_number_t hwirq)
{
	mips_gic_writel(MIPS_GIC_WEDGE_SET | ((uint32_t)hwirq & MIPS_GIC_WEDGE_INTR),
			MIPS_GIC_SH_WEDGE);
}

/* The core passes the irq_data of @target's own virq: its hwirq is the vector. */
static void mips_gic_ipi_send_single(struct irq_data *d, unsigned int target)
{
	(void)target;
	mips_gic_ipi_raise(d->hwirq);
}

/* @d is any virq of the reservation: its mapping gives each target's vector. */
static void mips_gic_ipi_send_mask(struct irq_data *d, const struct cpumask *dest)
{
	struct mips_gic_ipi *ipi = d->chip_data;
	unsigned int target;

	for_each_cpu(target, dest)
		mips_gic_ipi_raise(irq_ipi_mapping_get_hwirq(ipi->map, target));
}

static struct irq_chip mips_gic_ipi_chip = {
	.name = "mips-gic-ipi",
	.irq_mask = mips_gic_ipi_irq_mask,
	.irq_unmask = mips_gic_ipi_irq_unmask,
	.irq_ack = mips_gic_shared_irq_ack,
	.ipi_send_single = mips_gic_ipi_send_single,
	.ipi_send_mask = mips_gic_ipi_send_mask,
};

static unsigned int mips_gic_ipi_free_count(void)
{
	unsigned int n = 0;

	for (unsigned int w = 0; w < mips_gic.nr_words; w++)
		n += (unsigned int)__builtin_popcount(mips_gic.ipi_free[w]);
	return n;
}

/* Take the lowest free IPI vector; the caller checked there is one. Config lock. */
static unsigned int mips_gic_ipi_take(void)
{
	for (unsigned int w = 0; w < mips_gic.nr_words; w++) {
		if (mips_gic.ipi_free[w]) {
			unsigned int bit = (unsigned int)__builtin_ctz(mips_gic.ipi_free[w]);

			mips_gic.ipi_free[w] &= ~(1U << bit);
			return 32 * w + bit;
		}
	}
	return MIPS_GIC_MAX_INTRS;
}

static void mips_gic_ipi_put(unsigned int intr)
{
	mips_gic.ipi_free[intr / 32] |= MIPS_GIC_INTR_BIT(intr);
}

/* Forget a reservation whose last target is gone. Config lock. */
static void mips_gic_ipi_release(struct mips_gic_ipi *ipi)
{
	struct mips_gic_ipi **pp;

	if (ipi->nr_mapped)
		return;
	for (pp = &mips_gic.reservations; *pp; pp = &(*pp)->next) {
		if (*pp == ipi) {
			*pp = ipi->next;
			break;
		}
	}
	irq_free_ipi_mapping(ipi->map);
	port_free(ipi);
}

/* Release the vectors of [@virq, @virq + @nr_irqs), then the levels. Config lock. */
static void mips_gic_ipi_free(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs)
{
	for (unsigned int i = 0; i < nr_irqs; i++) {
		struct irq_data *data = irq_domain_get_irq_data(d, virq + i);
		struct mips_gic_ipi *ipi;
		unsigned int intr;

		if (!data || !data->chip_data || data->hwirq >= mips_gic.nr_shared)
			continue;
		ipi = data->chip_data;
		intr = (unsigned int)data->hwirq;
		mips_gic_unroute(intr);
		irq_unmap_ipi(ipi->map, mips_gic_ipi_target_of(intr));
		ipi->nr_mapped--;
		__atomic_store_n(&mips_gic.ipi_target[intr], MIPS_GIC_NO_TARGET, __ATOMIC_RELAXED);
		mips_gic_ipi_put(intr);
		mips_gic_ipi_release(ipi);
	}
	/* resets our level and the shared-interrupt level below it */
	irq_domain_free_irqs_top(d, virq, nr_irqs);
}

/*
 * Give target @target of reservation @ipi the vector @intr, as virq @virq:
 * both levels, the flow handler, the route. A CPU's vector stays masked
 * until that CPU enables it; a remote processor's is unmasked now.
 */
static int mips_gic_ipi_setup(struct irq_domain *d, struct mips_gic_ipi *ipi, unsigned int virq,
			      unsigned int target, unsigned int intr)
{
	bool remote = target >= nr_cpu_ids;
	int ret;

	ret = irq_map_ipi(ipi->map, target, intr);
	if (ret)
		return ret;
	ipi->nr_mapped++;
	ret = irq_domain_set_hwirq_and_chip(d->parent, virq, intr, &mips_gic_shared_chip, NULL);
	if (ret)
		goto err_unmap;
	irq_domain_set_info(d, virq, intr, &mips_gic_ipi_chip, ipi, handle_percpu_devid_irq, NULL,
			    "mips-gic-ipi");
	irq_set_percpu_devid(virq);

	__atomic_store_n(&mips_gic.ipi_target[intr], target, __ATOMIC_RELAXED);
	mips_gic_mask(intr);
	mips_gic_set_type(intr, IRQ_TYPE_EDGE_RISING);
	mips_gic_route(intr, target_hwid(target), remote ? MIPS_GIC_NO_TARGET : target);
	/* nothing left from the vector's previous user */
	mips_gic_clear_edge(intr);
	if (remote)
		mips_gic_unmask(intr);
	return 0;

err_unmap:
	irq_unmap_ipi(ipi->map, target);
	ipi->nr_mapped--;
	return ret;
}

/*
 * @arg: the reservation's target mask; virq + i is its i-th target. Either
 * every target gets a vector or nothing is taken.
 */
static int mips_gic_ipi_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs,
			      void *arg)
{
	const struct cpumask *dest = arg;
	struct mips_gic_ipi *ipi;
	unsigned int target, i = 0;
	int ret;

	if (!dest || cpumask_weight(dest) != nr_irqs)
		return -EINVAL;
	for_each_cpu(target, dest)
		if (target_hwid(target) >= mips_gic.nr_vps)
			return -EINVAL; /* no such VP */
	if (mips_gic_ipi_free_count() < nr_irqs)
		return -ENOSPC;

	ipi = port_zalloc(sizeof(*ipi));
	if (!ipi)
		return -ENOMEM;
	ipi->map = irq_alloc_ipi_mapping(nr_target_ids);
	if (!ipi->map) {
		port_free(ipi);
		return -ENOMEM;
	}
	ipi->next = mips_gic.reservations;
	mips_gic.reservations = ipi;

	for_each_cpu(target, dest) {
		unsigned int intr = mips_gic_ipi_take();

		ret = mips_gic_ipi_setup(d, ipi, virq + i, target, intr);
		if (ret) {
			mips_gic_ipi_put(intr);
			goto err_free;
		}
		i++;
	}
	return 0;

err_free:
	/* frees @ipi with the last of the targets set up, or here if none was */
	mips_gic_ipi_free(d, virq, i);
	if (!i)
		mips_gic_ipi_release(ipi);
	return ret;
}

static const struct irq_domain_ops mips_gic_ipi_domain_ops = {
	.alloc = mips_gic_ipi_alloc,
	.free = mips_gic_ipi_free,
};

/* ---- life cycle ----------------------------------------------------------- */

/* Forget the previous system's GIC: its domains are gone with the core's teardown. */
static void mips_gic_forget(void)
{
	while (mips_gic.reservations) {
		struct mips_gic_ipi *ipi = mips_gic.reservations;

		mips_gic.reservations = ipi->next;
		irq_free_ipi_mapping(ipi->map);
		port_free(ipi);
	}
	mips_gic.base = NULL;
	mips_gic.fwnode = NULL;
	mips_gic.own_fwnode = false;
	mips_gic.domain = NULL;
	mips_gic.ipi_domain = NULL;
	mips_gic.nr_shared = 0;
	mips_gic.nr_words = 0;
	mips_gic.nr_vps = 0;
	for (unsigned int w = 0; w < MIPS_GIC_WORDS; w++) {
		mips_gic.ipi_reserved[w] = 0;
		mips_gic.ipi_free[w] = 0;
	}
	for (unsigned int i = 0; i < MIPS_GIC_MAX_INTRS; i++)
		mips_gic.ipi_target[i] = MIPS_GIC_NO_TARGET;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		mips_gic.parent_virq[cpu] = 0;
		for (unsigned int w = 0; w < MIPS_GIC_WORDS; w++)
			mips_gic.routed[cpu][w] = 0;
	}
}

/* The IPI vectors from @cfg, or the default; false if they do not fit. */
static bool mips_gic_ipi_vectors(const struct mips_gic_config *cfg, unsigned int *base,
				 unsigned int *count)
{
	if (!cfg->ipi_count) {
		*count = 2 * nr_cpu_ids;
		if (*count > mips_gic.nr_shared)
			return false;
		*base = mips_gic.nr_shared - *count;
		return true;
	}
	*base = cfg->ipi_base;
	*count = cfg->ipi_count;
	return *base < mips_gic.nr_shared && *count <= mips_gic.nr_shared - *base;
}

static int mips_gic_create_domains(struct fwnode_handle *fwnode)
{
	mips_gic.domain = irq_domain_create_hierarchy(NULL, 0, mips_gic.nr_shared, fwnode,
						      &mips_gic_domain_ops, NULL);
	if (!mips_gic.domain)
		return -ENOMEM;
	/* irq_create_fwspec_mapping() looks for a wired domain first */
	irq_domain_update_bus_token(mips_gic.domain, DOMAIN_BUS_WIRED);
	mips_gic.ipi_domain = irq_domain_create_hierarchy(mips_gic.domain,
							  IRQ_DOMAIN_FLAG_IPI_PER_CPU,
							  mips_gic.nr_shared, fwnode,
							  &mips_gic_ipi_domain_ops, NULL);
	if (!mips_gic.ipi_domain) {
		irq_domain_remove(mips_gic.domain);
		mips_gic.domain = NULL;
		return -ENOMEM;
	}
	irq_domain_update_bus_token(mips_gic.ipi_domain, DOMAIN_BUS_IPI);
	return 0;
}

/* Every shared interrupt masked, level-triggered, active high, as Linux leaves them. */
static void mips_gic_reset_shared(void)
{
	for (unsigned int w = 0; w < mips_gic.nr_words; w++) {
		mips_gic_writel(~0U, MIPS_GIC_SH_RMASK + 4UL * w);
		mips_gic_writel(~0U, MIPS_GIC_SH_POL + 4UL * w);
		mips_gic_writel(0, MIPS_GIC_SH_TRIG + 4UL * w);
		mips_gic_writel(0, MIPS_GIC_SH_DUAL + 4UL * w);
	}
}

int mips_gic_init(const struct mips_gic_config *cfg)
{
	struct fwnode_handle *fwnode;
	unsigned int ipi_base, ipi_count, intr;
	uint32_t config;
	int ret;

	if (!cfg || !cfg->base || cfg->cpu_pin > MIPS_GIC_MAX_PIN)
		return -EINVAL;
	mips_gic_forget();
	mips_gic.base = cfg->base;
	config = mips_gic_readl(MIPS_GIC_SH_CONFIG);
	/* a bus with no device reads all ones */
	if (config == ~0U || MIPS_GIC_CONFIG_NUMINTERRUPTS(config) > MIPS_GIC_MAX_INTRS) {
		ret = -EINVAL;
		goto err_forget;
	}
	mips_gic.nr_shared = MIPS_GIC_CONFIG_NUMINTERRUPTS(config);
	mips_gic.nr_words = (mips_gic.nr_shared + 31) / 32;
	mips_gic.nr_vps = MIPS_GIC_CONFIG_PVPS(config);
	mips_gic.cpu_pin = cfg->cpu_pin;
	if (!mips_gic_ipi_vectors(cfg, &ipi_base, &ipi_count) || !ipi_count) {
		ret = -EINVAL;
		goto err_forget;
	}

	fwnode = cfg->fwnode;
	if (!fwnode) {
		fwnode = irq_domain_alloc_named_fwnode("mips-gic");
		if (!fwnode) {
			ret = -ENOMEM;
			goto err_forget;
		}
		mips_gic.own_fwnode = true;
	}
	mips_gic.fwnode = fwnode;
	ret = mips_gic_create_domains(fwnode);
	if (ret)
		goto err_free_fwnode;

	for (intr = ipi_base; intr < ipi_base + ipi_count; intr++)
		mips_gic.ipi_reserved[intr / 32] |= MIPS_GIC_INTR_BIT(intr);
	for (unsigned int w = 0; w < MIPS_GIC_WORDS; w++)
		mips_gic.ipi_free[w] = mips_gic.ipi_reserved[w];
	mips_gic_reset_shared();
	return 0;

err_free_fwnode:
	if (mips_gic.own_fwnode)
		irq_domain_free_fwnode(fwnode);
err_forget:
	mips_gic_forget();
	return ret;
}

int mips_gic_set_parent(unsigned int cpu, unsigned int parent_virq)
{
	if (!mips_gic.domain)
		return -ENODEV;
	if ((cpu != ~0U && cpu >= nr_cpu_ids) || !irq_get_irq_data(parent_virq))
		return -EINVAL;
	irq_set_chained_handler_and_data(parent_virq, mips_gic_handle_shared, NULL);
	if (cpu != ~0U) {
		mips_gic.parent_virq[cpu] = parent_virq;
		return 0;
	}
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		if (!mips_gic.parent_virq[cpu])
			mips_gic.parent_virq[cpu] = parent_virq;
	return 0;
}

int mips_gic_starting_cpu(void)
{
	unsigned int cpu = smp_processor_id();
	uint32_t vp;

	if (!mips_gic.domain)
		return -ENODEV;
	if (cpu >= nr_cpu_ids)
		return -EINVAL;
	if (!mips_gic.parent_virq[cpu])
		return -ENODEV;
	/* the GIC's idea of who we are must be the VP we route to */
	vp = mips_gic_readl(MIPS_GIC_LOCAL_OFS + MIPS_GIC_VX_IDENT) & MIPS_GIC_VX_VPNUM;
	if (vp != (target_hwid(cpu) & MIPS_GIC_VX_VPNUM)) {
		genipi_log("mips-gic: CPU %u: GIC VP-local IDENT says VP %u, hwid is %lu\n", cpu,
			   vp, target_hwid(cpu));
		return -EINVAL;
	}
	/* no local interrupt (timer, watchdog, ...) is used: all masked */
	mips_gic_writel((1U << MIPS_GIC_NR_LOCAL_INTRS) - 1,
			MIPS_GIC_LOCAL_OFS + MIPS_GIC_VX_RMASK);
	enable_percpu_irq(mips_gic.parent_virq[cpu], IRQ_TYPE_NONE);
	return 0;
}

int mips_gic_dying_cpu(void)
{
	unsigned int cpu = smp_processor_id();

	if (!mips_gic.domain || cpu >= nr_cpu_ids || !mips_gic.parent_virq[cpu])
		return -ENODEV;
	disable_percpu_irq(mips_gic.parent_virq[cpu]);
	return 0;
}

struct irq_domain *mips_gic_ipi_domain(void)
{
	return mips_gic.ipi_domain;
}

struct irq_domain *mips_gic_shared_domain(void)
{
	return mips_gic.domain;
}
