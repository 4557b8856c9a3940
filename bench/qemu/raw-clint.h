/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Raw baseline of the -icount benchmark on a RISC-V CLINT / ACLINT MSWI
 * (machine mode): the MSIP registers written directly.
 *
 *   send:  write 1 to the target hart's MSIP (base + 4 * hart id);
 *   claim: the trap's cause is the machine software interrupt; write 0 to
 *          our own MSIP.
 *
 * The base comes from the DTB (the node the library's CLINT driver
 * probed). Included by icount-bench.c only.
 */
#ifndef BENCH_RAW_CLINT_H
#define BENCH_RAW_CLINT_H

#include <genipi/io.h>
#include <genipi/irqchip/riscv-clint.h>
#include <genipi/riscv-csr.h>

#include <libfdt.h>

#define BENCH_RAW_NAME "raw_msip"

static const char *const bench_clint_compatibles[] = {
	"riscv,aclint-mswi",
	"sifive,clint0",
	"riscv,clint0",
};

/* MSIP register of each CPU, set by bench_raw_init(). */
static void __iomem *bench_clint_msip[NR_CPUS];

static int bench_raw_init(const void *fdt, unsigned int virq, bool mux, unsigned int nr_cpus)
{
	uint64_t base = 0;

	(void)virq;
	(void)mux;
	for (size_t i = 0; !base && i < BENCH_ARRAY_SIZE(bench_clint_compatibles); i++) {
		int node = fdt_node_offset_by_compatible(fdt, -1, bench_clint_compatibles[i]);

		if (node >= 0 && irqchip_fdt_reg_at(fdt, node, 0, &base, NULL))
			base = 0;
	}
	if (!base || base != (uintptr_t)base)
		return -ENODEV;
	for (unsigned int cpu = 0; cpu < nr_cpus; cpu++)
		bench_clint_msip[cpu] =
			ioremap((uintptr_t)base + CLINT_MSIP(baremetal_cpu_hwid(cpu)), 4);
	return 0;
}

/* writel(): the sender's earlier stores before the device sees the write. */
static inline void bench_raw_send(unsigned int cpu)
{
	writel(CLINT_MSIP_PENDING, bench_clint_msip[cpu]);
}

/*
 * In the raw root handler: take the software interrupt. Anything else is
 * not ours: disable it here so that it does not trap again at once.
 */
static inline bool bench_raw_claim(unsigned int cpu)
{
	unsigned long cause = csr_read(CSR_CAUSE) & ~CAUSE_IRQ_FLAG;

	if (__builtin_expect(cause != RV_IRQ_SOFT, 0)) {
		csr_clear(CSR_IE, BIT(cause & (BITS_PER_LONG - 1)));
		return false;
	}
	writel_relaxed(0, bench_clint_msip[cpu]);
	return true;
}

/* A handler that never returns (CPU 1 parked) has nothing to end here. */
static inline void bench_raw_park_end(irq_hw_number_t hwirq)
{
	(void)hwirq;
}

#endif /* BENCH_RAW_CLINT_H */
