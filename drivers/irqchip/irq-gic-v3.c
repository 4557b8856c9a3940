// SPDX-License-Identifier: BSD-2-Clause
/*
 * Arm GICv3: the sixteen SGIs as a single-hwirq IPI domain, which is also
 * the root domain (register map and binding in <genipi/irqchip/arm-gic-v3.h>).
 *
 * A reservation takes a free SGI for all its targets: one ICC_SGI1R_EL1
 * write reaches every listed PE of one cluster (same Aff3.Aff2.Aff1), so a
 * send to a mask is one write per cluster. The receiving CPU acknowledges
 * with ICC_IAR1_EL1 and the root handler dispatches the SGI number to the
 * domain, whose flow is handle_percpu_devid_irq: each CPU enables the IPIs
 * it handles in its own redistributor.
 *
 * Ordering of an IPI's message: the sender's stores, then dsb ishst, then
 * the ICC_SGI1R_EL1 write (a system register write, which a DMB would not
 * order); the receiver's ICC_IAR1_EL1 read, then dsb sy, then its loads.
 *
 * Hardware logic only: no device tree. The DT glue (irq-gic-v3-fdt.c)
 * finds the distributor and redistributor regions and calls gic_v3_init(),
 * and has every CPU run gic_v3_starting_cpu().
 */
#include <genipi/aarch64-sysreg.h>
#include <genipi/genipi.h>
#include <genipi/io.h>
#include <genipi/irqchip/arm-gic-v3.h>
#include <genipi/port.h>

/* Register polls (RWP, ChildrenAsleep): QEMU answers at once, hardware soon. */
#define GIC_V3_POLL_LIMIT 1000000UL

/* The SGI bits of GICR_I[SC]ENABLER0 and friends (PPIs are bits 16-31). */
#define GIC_V3_SGI_BITS 0xffffU

/**
 * struct gic_v3 - the GIC (one per system)
 * @dist:      the distributor
 * @rdist:     each possible CPU's redistributor (RD_base), by CPU
 * @domain:    the SGI domain; set once by gic_v3_init() before the root
 *             handler is installed (set_handle_irq() publishes it with a
 *             release), and before any secondary CPU starts
 * @sgis_used: reserved SGIs, a bit each; changed only by the domain's
 *             alloc and free, which the core serialises
 * @sgi1r:     each target's ICC_SGI1R_EL1 fields but the INTID: its cluster
 *             (Aff3.Aff2.Aff1) and its bit in the target list. Written by
 *             the domain's alloc for every target of the reservation, before
 *             the reservation's virq is published, so before any send to it;
 *             a target's hwid never changes once it exists, so a later
 *             reservation rewrites the same value: relaxed atomics, for a
 *             send through an earlier reservation may read it meanwhile
 */
struct gic_v3 {
	void __iomem *dist;
	void __iomem *rdist[NR_CPUS];
	struct irq_domain *domain;
	unsigned int sgis_used;
	uint64_t sgi1r[NR_TARGETS];
};

static struct gic_v3 gic_v3;

static void gic_v3_warn_once(bool *warned, const char *what, unsigned long value)
{
	if (!__atomic_exchange_n(warned, true, __ATOMIC_RELAXED))
		genipi_log("gic-v3: CPU %u: %s %lu\n", smp_processor_id(), what, value);
}

/* The architecture revision of a GICD or GICR frame: 3 or 4 for us. */
static bool gic_v3_pidr2_ok(void __iomem *frame_base, unsigned long pidr2_offset)
{
	uint32_t arch = (readl((char __iomem *)frame_base + pidr2_offset) >> GIC_PIDR2_ARCH_SHIFT) &
			GIC_PIDR2_ARCH_MASK;

	return arch == GIC_PIDR2_ARCH_GICV3 || arch == GIC_PIDR2_ARCH_GICV4;
}

/*
 * Wait until a CTLR's register-write-pending bit clears: the earlier write
 * of an enable (GICD_CTLR, GICR_ICENABLER0) has then taken effect.
 */
static void gic_v3_wait_rwp(void __iomem *ctlr, uint32_t rwp)
{
	static bool warned;

	for (unsigned long spins = 0; readl(ctlr) & rwp; spins++) {
		if (spins == GIC_V3_POLL_LIMIT) {
			gic_v3_warn_once(&warned, "RWP does not clear, polls:", spins);
			return;
		}
		port_cpu_relax();
	}
}

static void gic_v3_rdist_wait_rwp(void __iomem *rd)
{
	gic_v3_wait_rwp((char __iomem *)rd + GICR_CTLR, GICR_CTLR_RWP);
}

static void __iomem *gic_v3_sgi_frame(void __iomem *rd)
{
	return (char __iomem *)rd + GICR_SGI_BASE;
}

/* A redistributor's affinity (GICR_TYPER[63:32], Aff3.Aff2.Aff1.Aff0) as an MPIDR hwid. */
static unsigned long gic_v3_rdist_hwid(void __iomem *rd)
{
	uint64_t aff = readq((char __iomem *)rd + GICR_TYPER) >> GICR_TYPER_AFFINITY_SHIFT;

	return (unsigned long)(((aff >> 24) << 32) | (aff & 0xffffffU));
}

/* Can ICC_SGI1R_EL1 with RS = 0 name this hardware id? */
static bool gic_v3_hwid_reachable(unsigned long hwid)
{
	return hwid != INVALID_HWIRQ && !(hwid & ~GIC_V3_HWID_MASK) &&
	       GIC_V3_AFF0(hwid) < GIC_V3_TARGET_LIST_SIZE;
}

/* ---- CPU interface --------------------------------------------------------- */

/*
 * Acknowledge. The dsb orders the acknowledge before the handler's loads:
 * it pairs with the sender's dsb ishst before its ICC_SGI1R_EL1 write, so
 * the handler sees what the sender stored before the send.
 */
static unsigned long gic_v3_read_iar(void)
{
	unsigned long intid = read_sysreg(icc_iar1_el1) & ICC_IAR1_INTID_MASK;

	dsb(sy);
	return intid;
}

/*
 * End (EOImode 0: priority drop and deactivation). The isb makes the
 * deactivation take effect before the next acknowledge, so an SGI sent
 * again while this one was active is signalled to that read.
 */
static void gic_v3_write_eoir(unsigned long intid)
{
	write_sysreg(intid, icc_eoir1_el1);
	isb();
}

/* The Aff3/Aff2/Aff1 fields of ICC_SGI1R_EL1 for a hardware id: its cluster. */
static uint64_t gic_v3_sgi1r_cluster(unsigned long hwid)
{
	return ((uint64_t)GIC_V3_AFF3(hwid) << ICC_SGI1R_AFF3_SHIFT) |
	       ((uint64_t)GIC_V3_AFF2(hwid) << ICC_SGI1R_AFF2_SHIFT) |
	       ((uint64_t)GIC_V3_AFF1(hwid) << ICC_SGI1R_AFF1_SHIFT);
}

/* A target's ICC_SGI1R_EL1 fields: its cluster and its bit in the target list. */
static uint64_t gic_v3_sgi1r_target(unsigned long hwid)
{
	return gic_v3_sgi1r_cluster(hwid) | BIT(GIC_V3_AFF0(hwid));
}

static void gic_v3_write_sgi1r(uint64_t cluster, uint16_t targets, irq_hw_number_t sgi)
{
	write_sysreg(cluster | ((uint64_t)sgi << ICC_SGI1R_INTID_SHIFT) | targets, icc_sgi1r_el1);
}

/* ---- chip ------------------------------------------------------------------ */

/* The calling CPU's redistributor, or NULL (not one of the machine's CPUs). */
static void __iomem *gic_v3_this_rdist(void)
{
	unsigned int cpu = smp_processor_id();

	return cpu < NR_CPUS ? gic_v3.rdist[cpu] : NULL;
}

/* disable_percpu_irq(): the SGI stops being signalled to the calling CPU. */
static void gic_v3_irq_mask(struct irq_data *d)
{
	static bool warned;
	void __iomem *rd = gic_v3_this_rdist();

	if (!rd) {
		gic_v3_warn_once(&warned, "mask on a CPU without redistributor, SGI", d->hwirq);
		return;
	}
	writel(BIT(d->hwirq), (char __iomem *)gic_v3_sgi_frame(rd) + GICR_ICENABLER0);
	/* masked once this returns, as disable_percpu_irq() promises */
	gic_v3_rdist_wait_rwp(rd);
}

/* enable_percpu_irq(): a send pending while it was disabled is taken now. */
static void gic_v3_irq_unmask(struct irq_data *d)
{
	static bool warned;
	void __iomem *rd = gic_v3_this_rdist();

	if (!rd) {
		gic_v3_warn_once(&warned, "unmask on a CPU without redistributor, SGI", d->hwirq);
		return;
	}
	writel(BIT(d->hwirq), (char __iomem *)gic_v3_sgi_frame(rd) + GICR_ISENABLER0);
}

/*
 * The send path: no lock, no lookup beyond the target's precomputed
 * ICC_SGI1R_EL1 fields (gic_v3.sgi1r, see struct gic_v3). The dsb ishst
 * orders the sender's normal-memory stores before the IPI (a system
 * register write, which a dmb would not order), pairing with the handler's
 * loads after it acknowledged (gic_v3_read_iar()). The isb after the write
 * has the SGI generated before the sender goes on (e.g. to wait for it).
 */
static void gic_v3_ipi_send_single(struct irq_data *d, unsigned int target)
{
	uint64_t fields = __atomic_load_n(&gic_v3.sgi1r[target], __ATOMIC_RELAXED);

	dsb(ishst);
	write_sysreg(fields | ((uint64_t)d->hwirq << ICC_SGI1R_INTID_SHIFT), icc_sgi1r_el1);
	isb();
}

/*
 * One write per run of targets in one cluster: the targets come in target
 * order, which is one run per cluster when CPUs are numbered by affinity
 * (as QEMU's are); a cluster met again later costs one more write.
 */
static void gic_v3_ipi_send_mask(struct irq_data *d, const struct cpumask *dest)
{
	uint64_t cluster = 0;
	uint16_t targets = 0;
	unsigned int target;

	dsb(ishst);
	for_each_cpu(target, dest) {
		uint64_t fields = __atomic_load_n(&gic_v3.sgi1r[target], __ATOMIC_RELAXED);
		uint64_t this_cluster = fields & ~ICC_SGI1R_TARGET_LIST_MASK;

		if (targets && this_cluster != cluster) {
			gic_v3_write_sgi1r(cluster, targets, d->hwirq);
			targets = 0;
		}
		cluster = this_cluster;
		targets |= (uint16_t)(fields & ICC_SGI1R_TARGET_LIST_MASK);
	}
	if (targets)
		gic_v3_write_sgi1r(cluster, targets, d->hwirq);
	isb();
}

/*
 * No irq_eoi: the root handler ends every interrupt it acknowledged, after
 * the flow handler returns, whether or not a virq was found for it.
 */
static struct irq_chip gic_v3_chip = {
	.name = "gic-v3-sgi",
	.irq_mask = gic_v3_irq_mask,
	.irq_unmask = gic_v3_irq_unmask,
	.ipi_send_single = gic_v3_ipi_send_single,
	.ipi_send_mask = gic_v3_ipi_send_mask,
};

/* ---- root handler ---------------------------------------------------------- */

/*
 * Called by generic_handle_arch_irq() on the CPU taking the interrupt,
 * interrupts masked. Takes one interrupt per entry, as Linux does: another
 * signalled one (an SGI sent again while its handler ran included) keeps
 * the CPU interface's interrupt line asserted, so the CPU takes the
 * exception again as soon as it unmasks, without a second acknowledge here
 * that would mostly read 1023.
 */
static void gic_v3_handle_irq(void)
{
	static bool warned_sgi, warned_other;
	unsigned long intid = gic_v3_read_iar();

	if (intid >= GIC_V3_INTID_SPECIAL_FIRST && intid <= GIC_V3_INTID_SPECIAL_LAST)
		return; /* 1020-1023: nothing to acknowledge */
	if (intid >= GIC_V3_NR_SGIS)
		gic_v3_warn_once(&warned_other, "PPI/SPI/LPI not handled, INTID", intid);
	else if (generic_handle_domain_irq(gic_v3.domain, intid))
		gic_v3_warn_once(&warned_sgi, "SGI without a reservation:", intid);
	gic_v3_write_eoir(intid);
}

/* ---- domain ---------------------------------------------------------------- */

/*
 * An SGI going back to the pool: disabled and not pending on every CPU, so
 * its next user starts clean. Other CPUs' redistributors are reachable
 * (they are memory mapped), so this needs no cross-call.
 */
static void gic_v3_sgi_quiesce(struct gic_v3 *gic, irq_hw_number_t sgi)
{
	for (unsigned int cpu = 0; cpu < nr_cpu_ids && cpu < NR_CPUS; cpu++) {
		void __iomem *rd = gic->rdist[cpu];

		if (!rd)
			continue;
		writel(BIT(sgi), (char __iomem *)gic_v3_sgi_frame(rd) + GICR_ICENABLER0);
		/* disabled before the pending state goes: no new delivery in between */
		gic_v3_rdist_wait_rwp(rd);
		writel(BIT(sgi), (char __iomem *)gic_v3_sgi_frame(rd) + GICR_ICPENDR0);
	}
}

static void gic_v3_domain_free(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs)
{
	struct gic_v3 *gic = d->host_data;

	for (unsigned int i = 0; i < nr_irqs; i++) {
		struct irq_data *data = irq_domain_get_irq_data(d, virq + i);

		if (!data || data->hwirq >= GIC_V3_NR_SGIS)
			continue;
		gic_v3_sgi_quiesce(gic, data->hwirq);
		gic->sgis_used &= ~(1U << data->hwirq);
	}
	irq_domain_free_irqs_top(d, virq, nr_irqs);
}

/*
 * @arg: the reserved target mask. Every target must be reachable by
 * ICC_SGI1R_EL1; takes the lowest free SGI. Writes no register: the SGI is
 * disabled everywhere (CPU bring-up, or the previous user's free) until
 * each CPU enables it with enable_percpu_irq().
 */
static int gic_v3_domain_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs,
			       void *arg)
{
	struct gic_v3 *gic = d->host_data;
	const struct cpumask *dest = arg;
	unsigned int free_sgis, sgi, target;

	if (nr_irqs != 1 || !dest)
		return -EINVAL;
	for_each_cpu(target, dest)
		if (!gic_v3_hwid_reachable(target_hwid(target)))
			return -EINVAL;
	free_sgis = ~gic->sgis_used & ((1U << GIC_V3_NR_SGIS) - 1);
	if (!free_sgis)
		return -ENOSPC;
	sgi = (unsigned int)__builtin_ctz(free_sgis);
	/* the send paths' fields; published with the virq (see struct gic_v3) */
	for_each_cpu(target, dest)
		__atomic_store_n(&gic->sgi1r[target], gic_v3_sgi1r_target(target_hwid(target)),
				 __ATOMIC_RELAXED);

	irq_domain_set_info(d, virq, sgi, &gic_v3_chip, gic, handle_percpu_devid_irq, NULL,
			    "gic-v3-sgi");
	irq_set_percpu_devid(virq);
	gic->sgis_used |= 1U << sgi;
	return 0;
}

static const struct irq_domain_ops gic_v3_domain_ops = {
	.alloc = gic_v3_domain_alloc,
	.free = gic_v3_domain_free,
};

struct irq_domain *gic_v3_ipi_domain(void)
{
	return gic_v3.domain;
}

/* ---- bring-up -------------------------------------------------------------- */

static int gic_v3_check_regions(const struct gic_v3_rdist_region *regions, unsigned int nr)
{
	if (!regions || !nr || nr > GIC_V3_MAX_RDIST_REGIONS)
		return -EINVAL;
	for (unsigned int i = 0; i < nr; i++) {
		const struct gic_v3_rdist_region *r = &regions[i];

		if (!r->base || r->size < GIC_V3_RDIST_STRIDE || r->size % GIC_V3_RDIST_FRAME)
			return -EINVAL;
		if (r->stride &&
		    (r->stride < GIC_V3_RDIST_STRIDE || r->stride % GIC_V3_RDIST_FRAME))
			return -EINVAL;
	}
	return 0;
}

/* Record @rd as the redistributor of the possible CPU whose hwid it carries. */
static void gic_v3_claim_rdist(void __iomem *rd, void __iomem **rdist)
{
	unsigned long hwid = gic_v3_rdist_hwid(rd);

	for (unsigned int cpu = 0; cpu < nr_cpu_ids && cpu < NR_CPUS; cpu++) {
		if (target_hwid(cpu) == hwid) {
			if (!rdist[cpu])
				rdist[cpu] = rd;
			return;
		}
	}
}

/*
 * Walk the regions' redistributors, each to its last (GICR_TYPER.Last) or
 * to the end of its region, and give each possible CPU the one with its
 * affinity. Reads only. -ENODEV if a CPU has none.
 */
static int gic_v3_find_rdists(const struct gic_v3_rdist_region *regions, unsigned int nr,
			      void __iomem **rdist)
{
	for (unsigned int i = 0; i < nr; i++) {
		const struct gic_v3_rdist_region *r = &regions[i];
		size_t offset = 0;

		while (r->size - offset >= GIC_V3_RDIST_STRIDE) {
			void __iomem *rd = (char __iomem *)r->base + offset;
			uint64_t typer;

			if (!gic_v3_pidr2_ok(rd, GICR_PIDR2))
				break; /* not a redistributor: the region's populated part ended */
			gic_v3_claim_rdist(rd, rdist);
			typer = readq((char __iomem *)rd + GICR_TYPER);
			if (typer & GICR_TYPER_LAST)
				break;
			offset += r->stride		     ? r->stride :
				  (typer & GICR_TYPER_VLPIS) ? GIC_V3_RDIST_STRIDE_VLPI :
							       GIC_V3_RDIST_STRIDE;
		}
	}
	for (unsigned int cpu = 0; cpu < nr_cpu_ids && cpu < NR_CPUS; cpu++)
		if (!rdist[cpu])
			return -ENODEV;
	return 0;
}

/*
 * Affinity routing on, Group 1 on (see GICD_CTLR in the header for the two
 * layouts). ARE may only change while the groups are disabled, hence the
 * three steps, each waited for.
 */
static void gic_v3_dist_init(void __iomem *dist)
{
	void __iomem *ctlr = (char __iomem *)dist + GICD_CTLR;

	writel(0, ctlr);
	gic_v3_wait_rwp(ctlr, GICD_CTLR_RWP);
	writel(GICD_CTLR_ARE, ctlr);
	gic_v3_wait_rwp(ctlr, GICD_CTLR_RWP);
	writel(GICD_CTLR_ARE | GICD_CTLR_ENABLE_GRP1, ctlr);
	gic_v3_wait_rwp(ctlr, GICD_CTLR_RWP);
}

int gic_v3_init(void __iomem *dist, const struct gic_v3_rdist_region *regions,
		unsigned int nr_regions, struct fwnode_handle *fwnode)
{
	void __iomem *rdist[NR_CPUS] = { 0 };
	struct irq_domain *d;
	int ret;

	if (!dist || !fwnode)
		return -EINVAL;
	ret = gic_v3_check_regions(regions, nr_regions);
	if (ret)
		return ret;
	/* one GIC per system, for the life of the image */
	if (gic_v3.domain || irq_find_matching_fwnode(fwnode, DOMAIN_BUS_IPI))
		return -EBUSY;
	if (!gic_v3_pidr2_ok(dist, GICD_PIDR2))
		return -ENODEV;
	ret = gic_v3_find_rdists(regions, nr_regions, rdist);
	if (ret)
		return ret;

	d = irq_domain_create_hierarchy(NULL, IRQ_DOMAIN_FLAG_IPI_SINGLE, GIC_V3_NR_SGIS, fwnode,
					&gic_v3_domain_ops, &gic_v3);
	if (!d)
		return -ENOMEM;
	gic_v3.dist = dist;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		gic_v3.rdist[cpu] = rdist[cpu];
	gic_v3.sgis_used = 0;
	gic_v3.domain = d;
	ret = set_handle_irq(gic_v3_handle_irq);
	if (ret)
		goto err_forget;

	gic_v3_dist_init(dist);
	/* last: until now no reservation could find the domain */
	irq_domain_update_bus_token(d, DOMAIN_BUS_IPI);
	return 0;

err_forget:
	gic_v3 = (struct gic_v3){ 0 };
	irq_domain_remove(d);
	return ret;
}

/* Wake the redistributor: clear ProcessorSleep, wait for ChildrenAsleep to clear. */
static int gic_v3_rdist_wake(void __iomem *rd)
{
	void __iomem *waker = (char __iomem *)rd + GICR_WAKER;

	writel(readl(waker) & ~GICR_WAKER_PROCESSOR_SLEEP, waker);
	for (unsigned long spins = 0; readl(waker) & GICR_WAKER_CHILDREN_ASLEEP; spins++) {
		if (spins == GIC_V3_POLL_LIMIT)
			return -ENODEV;
		port_cpu_relax();
	}
	return 0;
}

/*
 * The calling CPU's SGIs: disabled (each IPI's user enables its own),
 * nothing left active from before, Group 1, at GIC_V3_SGI_PRIORITY. The
 * pending state is kept: a send to this CPU before it came up is taken
 * when the SGI is enabled. PPIs (bits 16-31) are left as they are.
 */
static void gic_v3_rdist_sgi_init(void __iomem *rd)
{
	char __iomem *sgi = gic_v3_sgi_frame(rd);
	uint32_t prio4 = GIC_V3_SGI_PRIORITY * 0x01010101U; /* one byte per INTID */

	writel(GIC_V3_SGI_BITS, sgi + GICR_ICENABLER0);
	gic_v3_rdist_wait_rwp(rd);
	writel(GIC_V3_SGI_BITS, sgi + GICR_ICACTIVER0);
	writel(readl(sgi + GICR_IGROUPR0) | GIC_V3_SGI_BITS, sgi + GICR_IGROUPR0);
	for (unsigned int n = 0; n < GIC_V3_NR_SGIS / 4; n++)
		writel(prio4, sgi + GICR_IPRIORITYR(n));
}

int gic_v3_starting_cpu(void)
{
	unsigned int cpu = smp_processor_id();
	void __iomem *rd;
	int ret;

	if (!gic_v3.domain || cpu >= nr_cpu_ids || cpu >= NR_CPUS)
		return -ENODEV;
	rd = gic_v3.rdist[cpu];
	if (!rd || (read_sysreg(mpidr_el1) & MPIDR_EL1_AFFINITY_MASK) != gic_v3_rdist_hwid(rd))
		return -ENODEV;

	/* first the one step that can be refused: nothing else is changed then */
	write_sysreg(read_sysreg(icc_sre_el1) | ICC_SRE_EL1_SRE, icc_sre_el1);
	/* the SRE write takes effect before the read-back and the ICC_* accesses below */
	isb();
	if (!(read_sysreg(icc_sre_el1) & ICC_SRE_EL1_SRE))
		return -ENODEV;
	ret = gic_v3_rdist_wake(rd);
	if (ret)
		return ret;
	gic_v3_rdist_sgi_init(rd);

	write_sysreg(GIC_V3_PMR_UNMASK_ALL, icc_pmr_el1);
	/* no preemption among our interrupts: handlers run with interrupts masked */
	write_sysreg(0, icc_bpr1_el1);
	write_sysreg(read_sysreg(icc_ctlr_el1) & ~ICC_CTLR_EL1_EOIMODE, icc_ctlr_el1);
	write_sysreg(ICC_IGRPEN1_EL1_ENABLE, icc_igrpen1_el1);
	/* the CPU interface's new state before this CPU unmasks interrupts */
	isb();
	return 0;
}
