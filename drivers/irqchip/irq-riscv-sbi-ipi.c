// SPDX-License-Identifier: BSD-2-Clause
/*
 * RISC-V SBI IPI: IPIs through the firmware, for supervisor-mode images.
 *
 * An S-mode hart cannot raise another hart's interrupt itself; it asks the
 * firmware with the IPI extension's send_ipi(hart_mask, hart_mask_base).
 * OpenSBI records the request for the target, raises the target's machine
 * software interrupt, and its trap handler on the target sets the target's
 * SSIP: the supervisor software interrupt, cause 1 of the hart-local
 * controller. One hardware IPI per hart is not enough for a system's IPIs,
 * so they are all virtual IPIs of the multiplexer (core/ipi-mux.c):
 *
 *   send:    the multiplexer calls sbi_ipi_send(), which asks the firmware
 *            to interrupt the target;
 *   receive: the software interrupt's chained handler clears this hart's
 *            SSIP, then runs ipi_mux_process().
 *
 * The clear comes before the processing: that is P0 of the multiplexer's
 * protocol. A send whose pending bit the claim (P2) misses has its SSIP set
 * after our clear, so the interrupt is raised again rather than erased.
 * A send whose SSIP our clear erased was consumed by the firmware on this
 * hart before the clear: the firmware's load of the request, which the
 * sender wrote after its pending bit (S1, S2 in the multiplexer), comes
 * before P1's smp_mb() in this hart's program order, so the claim after
 * P1 sees the bit. SSIP is written only by this hart (by us in S-mode, by
 * the firmware in M-mode), so no device write is left unordered, unlike
 * a CLINT's MSIP (irq-riscv-clint.c reads that one back).
 *
 * Built for supervisor mode only (GENIPI_RISCV_S_MODE): in machine mode
 * there is no firmware to call, and the CLINT driver does this job.
 */
#include <genipi/genipi.h>
#include <genipi/irqchip/riscv-sbi-ipi.h>
#include <genipi/port.h>
#include <genipi/riscv-csr.h>
#include <genipi/riscv-sbi.h>

#if !GENIPI_RISCV_S_MODE
#error "irq-riscv-sbi-ipi.c is for supervisor-mode images (GENIPI_RISCV_S_MODE=1)"
#endif

_Static_assert(SBI_IPI_SOFT_IRQ_LINE == IRQ_S_SOFT, "the line is the supervisor software cause");

/*
 * The intc domain's virq of the software interrupt. Set by sbi_ipi_init()
 * once everything else is ready, before it returns the virqs, so before
 * the line is enabled (sbi_ipi_starting_cpu()) and the handler can run.
 */
static unsigned int sbi_ipi_parent_virq;

/*
 * Each CPU's hart id, copied by sbi_ipi_init() before it creates the
 * multiplexer, so before anyone can send: the send path looks nothing up.
 */
static unsigned long sbi_ipi_hartid[NR_CPUS];

/*
 * The multiplexer's mux_send: interrupt @target (a CPU: the multiplexer's
 * IPIs go to the possible CPUs only) through the firmware.
 * The ecall is not a fence: S2's smp_mb() in the multiplexer orders the
 * pending bit (S1) before every access the firmware makes for this call,
 * the request it leaves for the target included.
 */
static void sbi_ipi_send(unsigned int target)
{
	static bool warned;
	unsigned long hartid = sbi_ipi_hartid[target];
	/* bit 0 of the mask, counted from the target's hart id: that hart alone */
	struct sbiret ret = sbi_ecall(SBI_EXT_IPI, SBI_IPI_SEND_IPI, 1UL, hartid, 0);

	if (ret.error && !__atomic_exchange_n(&warned, true, __ATOMIC_RELAXED))
		genipi_log("sbi-ipi: send_ipi to target %u (hart %#lx): SBI error %ld\n", target,
			   hartid, ret.error);
}

/* Chained handler of the software interrupt, on the interrupted CPU. */
static void sbi_ipi_handle(struct irq_desc *desc)
{
	struct irq_chip *chip = irq_desc_get_chip(desc);

	chained_irq_enter(chip, desc);
	/*
	 * P0: clear SSIP before processing. A send after this clear sets
	 * SSIP again, so it is handled now or at the next trap, never lost
	 * (see the top).
	 */
	csr_clear(CSR_IP, BIT(IRQ_S_SOFT));
	ipi_mux_process();
	chained_irq_exit(chip, desc);
}

int sbi_ipi_init(struct irq_domain *intc, unsigned int nr_ipi)
{
	unsigned int parent_virq;
	bool mapped_here;
	int virq;

	if (!intc)
		return -EINVAL;
	if (!sbi_probe_extension(SBI_EXT_IPI))
		return -ENODEV;

	mapped_here = !irq_find_mapping(intc, IRQ_S_SOFT);
	parent_virq = irq_create_mapping(intc, IRQ_S_SOFT);
	if (!parent_virq)
		return -EINVAL;

	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
		sbi_ipi_hartid[cpu] = target_hwid(cpu);
	virq = ipi_mux_create(nr_ipi, sbi_ipi_send);
	if (virq < 0)
		goto err_dispose;
	irq_set_chained_handler_and_data(parent_virq, sbi_ipi_handle, NULL);
	sbi_ipi_parent_virq = parent_virq;
	return virq;

err_dispose:
	if (mapped_here)
		irq_dispose_mapping(parent_virq);
	return virq;
}

int sbi_ipi_starting_cpu(void)
{
	if (!sbi_ipi_parent_virq)
		return -ENODEV;
	enable_percpu_irq(sbi_ipi_parent_virq, IRQ_TYPE_NONE);
	return 0;
}

int sbi_ipi_dying_cpu(void)
{
	if (!sbi_ipi_parent_virq)
		return -ENODEV;
	disable_percpu_irq(sbi_ipi_parent_virq);
	return 0;
}
