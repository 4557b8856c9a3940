// SPDX-License-Identifier: BSD-2-Clause
/*
 * RISC-V IMSIC: IPIs written as identities into the target hart's
 * interrupt file (hardware facts, modes and binding in
 * <genipi/irqchip/riscv-imsic.h>).
 *
 *   send:    a 32-bit write of the identity to the target's seteipnum_le
 *            sets its pending bit in that hart's file;
 *   receive: the external interrupt's chained handler claims the top
 *            identity with a swap of *topei (which clears the claimed
 *            pending bit) and runs it: a per-IPI identity through the IPI
 *            domain, the multiplexer's through ipi_mux_process(); another
 *            pending identity interrupts again once the hart returns.
 *
 * A file is a hart's own: its eie/eithreshold/eidelivery registers and
 * *topei are CSRs of that hart, so everything but the send happens on the
 * hart concerned (the starting step, mask/unmask on the calling CPU, the
 * claim), and a send is the only access to another hart's file.
 *
 * Ordering. writel() orders the sender's earlier memory accesses before
 * its seteipnum write ("fence rw,o"). On the receiver, a CSR access is
 * device input (read) and output (write) for FENCE, and a "fence rw,rw"
 * does not order it against memory, so after each claim the handler
 * executes "fence io,rw":
 *  - the claim's read (i) before the handler's loads (r): the handler sees
 *    what the sender wrote before the send that set the claimed bit;
 *  - the claim's write (o), which clears the pending bit, before the
 *    handler's memory accesses: for the multiplexer that is P0 before
 *    P1/P2 of core/ipi-mux.c. A send whose seteipnum write the claim
 *    consumed set its pending word before that write (S1, S2, then
 *    writel()), so the claim of pending words (P2) sees it; a send whose
 *    write comes after the claim sets the identity pending again and
 *    interrupts once more. Nothing is lost either way.
 *
 * Hardware logic only: no device tree. The DT glue (irq-riscv-imsic-fdt.c)
 * finds the files, the parent line and the mode, and calls
 * imsic_ipi_init().
 */
#include <genipi/genipi.h>
#include <genipi/io.h>
#include <genipi/irqchip/riscv-imsic.h>
#include <genipi/port.h>
#include <genipi/riscv-csr.h>

/*
 * The claim (a CSR read and write) before the memory accesses after it;
 * pairs with the "fence rw,o" of the sender's writel() (see the top).
 */
#define imsic_ipi_claim_fence() __asm__ volatile("fence io,rw" ::: "memory")

/**
 * struct imsic_ipi - the driver's state (one IMSIC per system)
 * @files:       the interrupt file of each target id (NULL: none)
 * @nr_ids:      identities of each file (riscv,num-ids)
 * @last_id:     the highest per-IPI identity, min(@nr_ids, IMSIC_IPI_MAX_ID)
 * @mux:         the multiplexer runs on IMSIC_IPI_MUX_ID
 * @domain:      the per-IPI identities' domain (NULL with the multiplexer)
 * @parent_virq: the external interrupt line; set last by imsic_ipi_init(),
 *               so non-zero means initialised
 * @ids_used:    reserved identities, bit per identity; changed only by the
 *               domain's alloc and free, which the core serialises
 * @id_virq:     the virq of each reserved identity, 0 if free; written by
 *               alloc/free, read by the starting step to sync eie
 *
 * @files, @nr_ids, @last_id and @mux are set before the domain or the
 * multiplexer exists, so before anyone can send.
 */
struct imsic_ipi {
	void __iomem *files[NR_TARGETS];
	unsigned int nr_ids;
	unsigned int last_id;
	bool mux;
	struct irq_domain *domain;
	unsigned int parent_virq;
	uint64_t ids_used;
	unsigned int id_virq[IMSIC_IPI_MAX_ID + 1];
};

static struct imsic_ipi imsic_ipi;

/* seteipnum_le of @target's interrupt file (the target has one: checked at reservation). */
static void __iomem *imsic_ipi_seteipnum(unsigned int target)
{
	return (char __iomem *)imsic_ipi.files[target] + IMSIC_SETEIPNUM_LE;
}

/* The per-IPI identities, IMSIC_IPI_FIRST_ID .. last_id, one bit each. */
static uint64_t imsic_ipi_id_bits(const struct imsic_ipi *imsic)
{
	/* 1ULL << 64 would be undefined: identity 63 fills the word */
	uint64_t upto_last = imsic->last_id >= 63 ? ~0ULL : (1ULL << (imsic->last_id + 1)) - 1;

	return upto_last & ~((1ULL << IMSIC_IPI_FIRST_ID) - 1);
}

/* ---- the calling hart's file (its CSRs) ------------------------------------ */

static void imsic_csr_write_indirect(unsigned long reg, unsigned long val)
{
	csr_write(CSR_ISELECT, reg);
	csr_write(CSR_IREG, val);
}

/* eie register of identity @id (only the even-numbered ones exist on RV64) */
static unsigned long imsic_eie_reg(unsigned int id)
{
	return IMSIC_EIE0 + 2UL * (id / IMSIC_IDS_PER_EIE);
}

static unsigned long imsic_eie_bit(unsigned int id)
{
	return 1UL << (id % IMSIC_IDS_PER_EIE);
}

/*
 * Set or clear identity @id's enable bit on the calling hart. The
 * select/access pair must not be split by an interrupt whose handler
 * selects another register (enable_percpu_irq() in a handler).
 */
static void imsic_eie_update(unsigned int id, bool enable)
{
	unsigned long flags;

	local_irq_save(flags);
	csr_write(CSR_ISELECT, imsic_eie_reg(id));
	if (enable)
		csr_set(CSR_IREG, imsic_eie_bit(id));
	else
		csr_clear(CSR_IREG, imsic_eie_bit(id));
	local_irq_restore(flags);
}

/* Should identity @id be enabled on the calling CPU? Starting step only. */
static bool imsic_ipi_id_enabled_here(const struct imsic_ipi *imsic, unsigned int id)
{
	unsigned int virq;

	if (imsic->mux)
		return id == IMSIC_IPI_MUX_ID;
	if (id < IMSIC_IPI_FIRST_ID || id > imsic->last_id)
		return false;
	/*
	 * No ordering needed against alloc/free: what matters is whether this
	 * CPU enabled the virq, which it did (if at all) in its own program
	 * order, after the reservation it enabled.
	 */
	virq = __atomic_load_n(&imsic->id_virq[id], __ATOMIC_RELAXED);
	return virq && irq_percpu_is_enabled(virq);
}

/* ---- receiving ------------------------------------------------------------- */

static void imsic_ipi_spurious(unsigned int id)
{
	static bool warned;

	if (!__atomic_exchange_n(&warned, true, __ATOMIC_RELAXED))
		genipi_log("riscv-imsic: CPU %u: identity %u has no IPI\n", smp_processor_id(), id);
}

/* Chained handler of the external interrupt, on the interrupted hart. */
static void imsic_ipi_handle(struct irq_desc *desc)
{
	struct irq_chip *chip = irq_desc_get_chip(desc);
	unsigned long topei;

	chained_irq_enter(chip, desc);
	/*
	 * Claim: read the top identity and clear its pending bit, atomically
	 * (any write to *topei claims; the value written is ignored). One
	 * identity per entry, as Linux's GIC handler takes one interrupt: the
	 * file keeps the hart's external interrupt pending while another
	 * identity is pending and enabled, so the hart takes the trap again
	 * as soon as it returns, without a second swap here that would
	 * mostly find nothing.
	 */
	topei = csr_swap(CSR_TOPEI, 0);
	if (topei) {
		unsigned int id = (unsigned int)((topei >> TOPEI_ID_SHIFT) & TOPEI_ID_MASK);

		imsic_ipi_claim_fence();
		if (imsic_ipi.mux) {
			if (id == IMSIC_IPI_MUX_ID)
				ipi_mux_process();
			else
				imsic_ipi_spurious(id);
		} else if (generic_handle_domain_irq(imsic_ipi.domain, id)) {
			imsic_ipi_spurious(id);
		}
	}
	chained_irq_exit(chip, desc);
}

/* ---- per-IPI identities: chip ---------------------------------------------- */

/*
 * The send path: no lock, no lookup beyond the irq_data and the file table.
 * writel() orders the sender's earlier memory accesses before the write
 * (paired with the claim fence in imsic_ipi_handle()).
 */
static void imsic_ipi_send_single(struct irq_data *d, unsigned int target)
{
	writel((uint32_t)d->hwirq, imsic_ipi_seteipnum(target));
}

/*
 * One write per target: the files are separate devices. The first writel()'s
 * "fence rw,o" orders the earlier memory accesses before every later device
 * write too, so the others need no fence of their own.
 */
static void imsic_ipi_send_mask(struct irq_data *d, const struct cpumask *dest)
{
	bool fenced = false;
	unsigned int target;

	for_each_cpu(target, dest) {
		if (fenced) {
			writel_relaxed((uint32_t)d->hwirq, imsic_ipi_seteipnum(target));
		} else {
			writel((uint32_t)d->hwirq, imsic_ipi_seteipnum(target));
			fenced = true;
		}
	}
}

/* enable_percpu_irq()/disable_percpu_irq(): the identity's eie bit, this hart */
static void imsic_ipi_mask(struct irq_data *d)
{
	imsic_eie_update((unsigned int)d->hwirq, false);
}

static void imsic_ipi_unmask(struct irq_data *d)
{
	imsic_eie_update((unsigned int)d->hwirq, true);
}

/* No ack: the claim through *topei already cleared the pending bit. */
static struct irq_chip imsic_ipi_chip = {
	.name = "riscv-imsic",
	.irq_mask = imsic_ipi_mask,
	.irq_unmask = imsic_ipi_unmask,
	.ipi_send_single = imsic_ipi_send_single,
	.ipi_send_mask = imsic_ipi_send_mask,
};

/* ---- per-IPI identities: domain -------------------------------------------- */

/*
 * @arg: the reserved target mask. Takes the lowest free identity for all
 * the targets; each must have an interrupt file.
 */
static int imsic_ipi_domain_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs,
				  void *arg)
{
	struct imsic_ipi *imsic = d->host_data;
	const struct cpumask *dest = arg;
	unsigned int target, id;
	uint64_t free_ids;

	if (nr_irqs != 1 || !dest)
		return -EINVAL;
	for_each_cpu(target, dest)
		if (!imsic->files[target])
			return -EINVAL; /* a remote processor: no file of ours */
	free_ids = imsic_ipi_id_bits(imsic) & ~imsic->ids_used;
	if (!free_ids)
		return -ENOSPC;
	id = (unsigned int)__builtin_ctzll(free_ids);

	irq_domain_set_info(d, virq, id, &imsic_ipi_chip, imsic, handle_percpu_devid_irq, NULL,
			    "imsic-ipi");
	irq_set_percpu_devid(virq);
	imsic->ids_used |= 1ULL << id;
	__atomic_store_n(&imsic->id_virq[id], virq, __ATOMIC_RELAXED);
	return 0;
}

/*
 * The identity goes back to the free set. Its eie bits are per hart and
 * only the hart itself can clear them: users disable the IPI on each CPU
 * (disable_percpu_irq()) before they destroy it, as Linux requires before
 * free_percpu_irq(). A send not yet claimed stays pending in the targets'
 * files and may reach the identity's next user once: a spurious IPI, which
 * every IPI handler tolerates.
 */
static void imsic_ipi_domain_free(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs)
{
	struct imsic_ipi *imsic = d->host_data;

	for (unsigned int i = 0; i < nr_irqs; i++) {
		struct irq_data *data = irq_domain_get_irq_data(d, virq + i);

		if (!data || data->hwirq > imsic->last_id)
			continue;
		__atomic_store_n(&imsic->id_virq[data->hwirq], 0, __ATOMIC_RELAXED);
		imsic->ids_used &= ~(1ULL << data->hwirq);
	}
	irq_domain_free_irqs_top(d, virq, nr_irqs);
}

static const struct irq_domain_ops imsic_ipi_domain_ops = {
	.alloc = imsic_ipi_domain_alloc,
	.free = imsic_ipi_domain_free,
};

/* ---- multiplexer ----------------------------------------------------------- */

/*
 * The multiplexer's mux_send: raise IMSIC_IPI_MUX_ID on @target. writel()
 * orders the multiplexer's S1/S2 before the write (see the top).
 */
static void imsic_ipi_mux_send(unsigned int target)
{
	writel(IMSIC_IPI_MUX_ID, imsic_ipi_seteipnum(target));
}

/* ---- bring-up -------------------------------------------------------------- */

static int imsic_ipi_check_config(const struct imsic_ipi_config *cfg)
{
	if (!cfg || !cfg->files || !cfg->parent)
		return -EINVAL;
	if (cfg->nr_files < nr_cpu_ids || cfg->nr_files > NR_TARGETS)
		return -EINVAL;
	if (cfg->nr_ids < IMSIC_MIN_NR_IDS || cfg->nr_ids > IMSIC_MAX_NR_IDS)
		return -EINVAL;
	if (cfg->mux && (!cfg->nr_mux_ipi || cfg->nr_mux_ipi > IMSIC_IPI_MUX_MAX_NR_IPI))
		return -EINVAL;
	if (!cfg->mux && !cfg->fwnode)
		return -EINVAL;
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
		if (!cfg->files[cpu])
			return -EINVAL; /* a CPU nobody could interrupt */
	return 0;
}

static void imsic_ipi_reset(void)
{
	for (unsigned int t = 0; t < NR_TARGETS; t++)
		imsic_ipi.files[t] = NULL;
	imsic_ipi.nr_ids = 0;
	imsic_ipi.last_id = 0;
	imsic_ipi.mux = false;
	imsic_ipi.domain = NULL;
	imsic_ipi.ids_used = 0;
	for (unsigned int id = 0; id <= IMSIC_IPI_MAX_ID; id++)
		imsic_ipi.id_virq[id] = 0;
}

int imsic_ipi_init(const struct imsic_ipi_config *cfg)
{
	struct irq_domain *d = NULL;
	unsigned int parent_virq;
	bool mapped_here;
	int ret, virq = 0;

	ret = imsic_ipi_check_config(cfg);
	if (ret)
		return ret;
	if (imsic_ipi.parent_virq ||
	    (!cfg->mux && irq_find_matching_fwnode(cfg->fwnode, DOMAIN_BUS_IPI)))
		return -EBUSY;

	mapped_here = !irq_find_mapping(cfg->parent, cfg->parent_line);
	parent_virq = irq_create_mapping(cfg->parent, cfg->parent_line);
	if (!parent_virq)
		return -EINVAL;

	/* everything a send reads, before anything that can send exists */
	imsic_ipi_reset();
	for (unsigned int t = 0; t < cfg->nr_files; t++)
		imsic_ipi.files[t] = cfg->files[t];
	imsic_ipi.nr_ids = cfg->nr_ids;
	imsic_ipi.last_id = cfg->nr_ids < IMSIC_IPI_MAX_ID ? cfg->nr_ids : IMSIC_IPI_MAX_ID;
	imsic_ipi.mux = cfg->mux;

	if (cfg->mux) {
		virq = ipi_mux_create(cfg->nr_mux_ipi, imsic_ipi_mux_send);
		if (virq < 0) {
			ret = virq;
			goto err_reset;
		}
	} else {
		/* no parent: the identities are demultiplexed by our chained handler */
		d = irq_domain_create_hierarchy(NULL, IRQ_DOMAIN_FLAG_IPI_SINGLE,
						imsic_ipi.last_id + 1, cfg->fwnode,
						&imsic_ipi_domain_ops, &imsic_ipi);
		if (!d) {
			ret = -ENOMEM;
			goto err_reset;
		}
		imsic_ipi.domain = d;
	}
	irq_set_chained_handler_and_data(parent_virq, imsic_ipi_handle, &imsic_ipi);
	imsic_ipi.parent_virq = parent_virq;
	/* last: until now no reservation could find the domain */
	if (d)
		irq_domain_update_bus_token(d, DOMAIN_BUS_IPI);
	return virq; /* 0 for per-IPI identities */

err_reset:
	imsic_ipi_reset();
	if (mapped_here)
		irq_dispose_mapping(parent_virq);
	return ret;
}

int imsic_ipi_starting_cpu(void)
{
	unsigned long flags;

	if (!imsic_ipi.parent_virq)
		return -ENODEV;

	local_irq_save(flags);
	/*
	 * Every eie register of the file to what this CPU has enabled (what it
	 * enabled before going offline, if it was online before), so no
	 * identity left enabled by firmware or a previous run interrupts us.
	 */
	for (unsigned int first = 0; first <= imsic_ipi.nr_ids; first += IMSIC_IDS_PER_EIE) {
		unsigned long bits = 0;

		for (unsigned int id = first; id < first + IMSIC_IDS_PER_EIE; id++)
			if (imsic_ipi_id_enabled_here(&imsic_ipi, id))
				bits |= imsic_eie_bit(id);
		imsic_csr_write_indirect(imsic_eie_reg(first), bits);
	}
	imsic_csr_write_indirect(IMSIC_EITHRESHOLD, IMSIC_EITHRESHOLD_NONE);
	/* last: the file interrupts the hart only once its enables are right */
	imsic_csr_write_indirect(IMSIC_EIDELIVERY, IMSIC_EIDELIVERY_ON);
	local_irq_restore(flags);

	enable_percpu_irq(imsic_ipi.parent_virq, IRQ_TYPE_NONE);
	return 0;
}

int imsic_ipi_dying_cpu(void)
{
	if (!imsic_ipi.parent_virq)
		return -ENODEV;
	disable_percpu_irq(imsic_ipi.parent_virq);
	return 0;
}
