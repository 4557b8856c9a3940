/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Raw baseline of the -icount benchmark on a RISC-V IMSIC: the harts'
 * interrupt files used directly.
 *
 *   send:  write the identity to the target's seteipnum_le;
 *   claim: the trap's cause is the external interrupt; swap *topei with 0
 *          (claims the highest-priority pending identity, clearing its
 *          pending bit) and check it is ours.
 *
 * The identity is the one the library's IPI uses, already enabled on both
 * harts by the driver: the per-IPI identity of the reserved IPI
 * (ipi_get_hwirq()), or the multiplexer's IMSIC_IPI_MUX_ID. The files come
 * from the DTB: the imsics node of the image's privilege level (its
 * interrupts-extended lines are RV_IRQ_EXT), entry i of which is hart
 * index i, at reg + i * (1 << (12 + riscv,guest-index-bits)). Included by
 * icount-bench.c only.
 */
#ifndef BENCH_RAW_IMSIC_H
#define BENCH_RAW_IMSIC_H

#include <genipi/io.h>
#include <genipi/irqchip/riscv-imsic.h>
#include <genipi/riscv-csr.h>

#include <libfdt.h>

#define BENCH_RAW_NAME "raw_imsic"

/* The seteipnum_le register of each CPU's file, and the identity sent to it. */
static void __iomem *bench_imsic_seteipnum[NR_CPUS];
static uint32_t bench_imsic_id[NR_CPUS];

/* The first cell of a property, or @def. */
static uint32_t bench_fdt_u32(const void *fdt, int node, const char *name, uint32_t def)
{
	const fdt32_t *prop = fdt_getprop(fdt, node, name, NULL);

	return prop ? fdt32_ld(prop) : def;
}

/*
 * Fill bench_imsic_seteipnum[] from imsics node @node if its files serve
 * this image's level. Returns 0, -ENOENT (the other level's node) or
 * -EINVAL.
 */
static int bench_imsic_files(const void *fdt, int node, unsigned int nr_cpus)
{
	unsigned int stride_shift = IMSIC_FILE_SHIFT +
				    bench_fdt_u32(fdt, node, "riscv,guest-index-bits", 0);
	const fdt32_t *ext;
	uint64_t base;
	int len;

	ext = fdt_getprop(fdt, node, "interrupts-extended", &len);
	if (!ext || len < 8 || len % 8)
		return -EINVAL; /* <&cpuN_intc line> pairs: a phandle and one cell */
	if (fdt32_ld(&ext[1]) != RV_IRQ_EXT)
		return -ENOENT;
	if (irqchip_fdt_reg_at(fdt, node, 0, &base, NULL) || base != (uintptr_t)base)
		return -EINVAL;
	for (int i = 0; i < len / 8; i++) {
		int intc = fdt_node_offset_by_phandle(fdt, fdt32_ld(&ext[2 * i]));
		int cpu = intc < 0 ? -EINVAL : irqchip_fdt_cpu_of(fdt, intc);

		if (cpu >= 0 && (unsigned int)cpu < nr_cpus)
			bench_imsic_seteipnum[cpu] =
				ioremap((uintptr_t)base + ((uintptr_t)i << stride_shift) +
						IMSIC_SETEIPNUM_LE,
					4);
	}
	for (unsigned int cpu = 0; cpu < nr_cpus; cpu++)
		if (!bench_imsic_seteipnum[cpu])
			return -EINVAL;
	return 0;
}

static int bench_raw_init(const void *fdt, unsigned int virq, bool mux, unsigned int nr_cpus)
{
	int node, ret = -ENODEV;

	for (node = fdt_node_offset_by_compatible(fdt, -1, "riscv,imsics"); node >= 0;
	     node = fdt_node_offset_by_compatible(fdt, node, "riscv,imsics")) {
		ret = bench_imsic_files(fdt, node, nr_cpus);
		if (ret != -ENOENT)
			break;
	}
	if (ret)
		return ret;
	for (unsigned int cpu = 0; cpu < nr_cpus; cpu++) {
		irq_hw_number_t id = mux ? IMSIC_IPI_MUX_ID : ipi_get_hwirq(virq, cpu);

		if (id == INVALID_HWIRQ || !id || id > IMSIC_MAX_NR_IDS)
			return -EINVAL;
		bench_imsic_id[cpu] = (uint32_t)id;
	}
	return 0;
}

/* writel(): the sender's earlier stores before the file sees the write. */
static inline void bench_raw_send(unsigned int cpu)
{
	writel(bench_imsic_id[cpu], bench_imsic_seteipnum[cpu]);
}

static inline bool bench_raw_claim(unsigned int cpu)
{
	unsigned long cause = csr_read(CSR_CAUSE) & ~CAUSE_IRQ_FLAG;
	unsigned long topei;

	if (__builtin_expect(cause != RV_IRQ_EXT, 0)) {
		csr_clear(CSR_IE, BIT(cause & (BITS_PER_LONG - 1)));
		return false;
	}
	/* the swap claims the identity it returns (clears its pending bit) */
	topei = csr_swap(CSR_TOPEI, 0);
	return ((topei >> TOPEI_ID_SHIFT) & TOPEI_ID_MASK) == bench_imsic_id[cpu];
}

/* A handler that never returns (CPU 1 parked) has nothing to end here. */
static inline void bench_raw_park_end(irq_hw_number_t hwirq)
{
	(void)hwirq;
}

#endif /* BENCH_RAW_IMSIC_H */
