/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Raw baseline of the -icount benchmark on RISC-V supervisor mode under
 * an SBI firmware (OpenSBI): the SBI IPI extension called directly.
 *
 *   send:  ecall send_ipi(hart_mask 1, hart_mask_base = the target's hart
 *          id); the firmware raises the target's SSIP;
 *   claim: the trap's cause is the supervisor software interrupt; clear
 *          our SSIP.
 *
 * The firmware's instructions (its ecall handler on the sender, its
 * machine software interrupt handler on the target) are guest
 * instructions too: both sides of the benchmark count them. Included by
 * icount-bench.c only.
 */
#ifndef BENCH_RAW_SBI_H
#define BENCH_RAW_SBI_H

#include <genipi/riscv-csr.h>
#include <genipi/riscv-sbi.h>

#define BENCH_RAW_NAME "raw_sbi_ipi"

/* Hart id of each CPU, set by bench_raw_init(). */
static unsigned long bench_sbi_hartid[NR_CPUS];

static int bench_raw_init(const void *fdt, unsigned int virq, bool mux, unsigned int nr_cpus)
{
	(void)fdt;
	(void)virq;
	(void)mux;
	if (!sbi_probe_extension(SBI_EXT_IPI))
		return -ENODEV;
	for (unsigned int cpu = 0; cpu < nr_cpus; cpu++)
		bench_sbi_hartid[cpu] = baremetal_cpu_hwid(cpu);
	return 0;
}

/* The ecall is no fence: nothing the receiver reads was written for it. */
static inline void bench_raw_send(unsigned int cpu)
{
	/* hart_mask bit 0, counted from hart_mask_base: that hart alone */
	sbi_ecall(SBI_EXT_IPI, SBI_IPI_SEND_IPI, 1UL, bench_sbi_hartid[cpu], 0);
}

static inline bool bench_raw_claim(unsigned int cpu)
{
	unsigned long cause = csr_read(CSR_CAUSE) & ~CAUSE_IRQ_FLAG;

	(void)cpu;
	if (__builtin_expect(cause != RV_IRQ_SOFT, 0)) {
		csr_clear(CSR_IE, BIT(cause & (BITS_PER_LONG - 1)));
		return false;
	}
	csr_clear(CSR_IP, BIT(IRQ_S_SOFT));
	return true;
}

/* A handler that never returns (CPU 1 parked) has nothing to end here. */
static inline void bench_raw_park_end(irq_hw_number_t hwirq)
{
	(void)hwirq;
}

#endif /* BENCH_RAW_SBI_H */
