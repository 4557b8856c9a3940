// SPDX-License-Identifier: BSD-2-Clause
/*
 * RISC-V CLINT / ACLINT MSWI: IPIs over the machine software interrupt.
 *
 * The device has one 32-bit MSIP register per hart, at base + 4 * hart id;
 * bit 0 is the hart's software interrupt pending bit (mip.MSIP): writing 1
 * raises the interrupt, writing 0 clears it. One hardware IPI per hart is
 * not enough for a system's IPIs, so they are all virtual IPIs of the
 * multiplexer (core/ipi-mux.c):
 *
 *   send:    the multiplexer calls clint_send_ipi(), which writes 1 to the
 *            target's MSIP;
 *   receive: the software interrupt's chained handler clears this hart's
 *            MSIP, then runs ipi_mux_process().
 *
 * The ack comes before the processing: that is P0 of the multiplexer's
 * protocol. A send whose pending bit the claim (P2) misses wrote MSIP after
 * our clear, so the interrupt is raised again rather than erased; a send
 * whose MSIP write our clear erased had set its pending bit before (S1, S2
 * in the multiplexer), so the claim sees it. That needs the clear to be
 * performed at the device before the claim's load: P1's smp_mb() orders
 * memory accesses, but whether it orders a device write depends on the
 * port (RISC-V "fence rw,rw" does not cover device I/O, and writel() has no
 * trailing fence). So the handler reads MSIP back: the read of the same
 * register completes after the write, and readl() orders it before the
 * later memory accesses.
 *
 * Hardware logic only: no device tree. A probe that found the registers,
 * the parent domain (the hart's local interrupt controller) and the line
 * calls clint_ipi_init().
 */
#include <genipi/genipi.h>
#include <genipi/io.h>
#include <genipi/irqchip/riscv-clint.h>

/*
 * Each CPU's MSIP register, from its hart id, computed by clint_ipi_init()
 * before it returns the virqs, so before anyone can send or unmask (the
 * only callers of clint_send_ipi()) and before the handler can run (the
 * line is enabled by clint_ipi_starting_cpu()). The send and receive paths
 * then need no hart id lookup.
 */
static void __iomem *clint_msip[NR_CPUS];
/* The parent domain's virq of the software interrupt line. */
static unsigned int clint_ipi_parent_virq;

/*
 * The multiplexer's mux_send: raise the software interrupt of @target (a
 * CPU: the multiplexer's IPIs go to the possible CPUs only).
 * writel() orders the caller's S1/S2 before the device sees the write.
 */
static void clint_send_ipi(unsigned int target)
{
	writel(CLINT_MSIP_PENDING, clint_msip[target]);
}

/* Chained handler of the software interrupt, on the interrupted CPU. */
static void clint_ipi_handle(struct irq_desc *desc)
{
	struct irq_chip *chip = irq_desc_get_chip(desc);
	void __iomem *msip = clint_msip[smp_processor_id()];

	chained_irq_enter(chip, desc);
	/* P0: ack before processing; the read-back completes it (see the top) */
	writel(0, msip);
	(void)readl(msip);
	ipi_mux_process();
	chained_irq_exit(chip, desc);
}

int clint_ipi_init(void __iomem *base, struct irq_domain *parent, irq_hw_number_t soft_irq_line,
		   unsigned int nr_ipi)
{
	unsigned int parent_virq;
	bool mapped_here;
	int virq;

	if (!base || !parent)
		return -EINVAL;

	mapped_here = !irq_find_mapping(parent, soft_irq_line);
	parent_virq = irq_create_mapping(parent, soft_irq_line);
	if (!parent_virq)
		return -EINVAL;

	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
		clint_msip[cpu] = (char __iomem *)base + CLINT_MSIP(target_hwid(cpu));
	virq = ipi_mux_create(nr_ipi, clint_send_ipi);
	if (virq < 0)
		goto err_dispose;
	clint_ipi_parent_virq = parent_virq;
	irq_set_chained_handler_and_data(parent_virq, clint_ipi_handle, NULL);
	return virq;

err_dispose:
	if (mapped_here)
		irq_dispose_mapping(parent_virq);
	return virq;
}

int clint_ipi_starting_cpu(void)
{
	if (!clint_ipi_parent_virq)
		return -ENODEV;
	enable_percpu_irq(clint_ipi_parent_virq, IRQ_TYPE_NONE);
	return 0;
}

int clint_ipi_dying_cpu(void)
{
	if (!clint_ipi_parent_virq)
		return -ENODEV;
	disable_percpu_irq(clint_ipi_parent_virq);
	return 0;
}
