/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Raw baseline of the -icount benchmark on an Arm GICv3: the CPU
 * interface's system registers used directly.
 *
 *   send:  dsb ishst; write ICC_SGI1R_EL1 (the SGI, the target's affinity
 *          and its bit in the target list); isb;
 *   claim: read ICC_IAR1_EL1 (acknowledge), write it to ICC_EOIR1_EL1
 *          (priority drop, and deactivation with EOImode 0), and to
 *          ICC_DIR_EL1 too if the driver chose EOImode 1.
 *
 * The SGI is the one the library reserved (ipi_get_hwirq()), which its
 * driver already enabled at both CPUs' redistributors. Included by
 * icount-bench.c only.
 */
#ifndef BENCH_RAW_GICV3_H
#define BENCH_RAW_GICV3_H

#define BENCH_RAW_NAME "raw_sgi1r"

/* System registers by encoding (op0, op1, CRn, CRm, op2): any assembler takes these. */
#define BENCH_ICC_SGI1R_EL1 "S3_0_C12_C11_5"
#define BENCH_ICC_IAR1_EL1 "S3_0_C12_C12_0"
#define BENCH_ICC_EOIR1_EL1 "S3_0_C12_C12_1"
#define BENCH_ICC_DIR_EL1 "S3_0_C12_C11_1"
#define BENCH_ICC_CTLR_EL1 "S3_0_C12_C12_4"
#define BENCH_ICC_RPR_EL1 "S3_0_C12_C11_3"

/* ICC_SGI1R_EL1 fields */
#define BENCH_SGI1R_TARGET_LIST(aff0) (1ULL << ((aff0) % 16)) /* bits 15:0 */
#define BENCH_SGI1R_AFF1(a) ((uint64_t)(a) << 16)	      /* bits 23:16 */
#define BENCH_SGI1R_INTID(id) ((uint64_t)(id) << 24)	      /* bits 27:24 */
#define BENCH_SGI1R_AFF2(a) ((uint64_t)(a) << 32)	      /* bits 39:32 */
#define BENCH_SGI1R_RS(aff0) ((uint64_t)((aff0) >> 4) << 44)  /* bits 47:44 */
#define BENCH_SGI1R_AFF3(a) ((uint64_t)(a) << 48)	      /* bits 55:48 */
/* ICC_IAR1_EL1 bits 23:0: the INTID; 1020..1023 are special (spurious) */
#define BENCH_IAR_INTID_MASK 0xffffffULL
#define BENCH_INTID_SPECIAL 1020
/* ICC_CTLR_EL1 bit 1: EOImode, 1 = EOIR drops priority only, DIR deactivates */
#define BENCH_ICC_CTLR_EOIMODE (1ULL << 1)
/* ICC_RPR_EL1 bits 7:0: the running priority, 0xff when none is active */
#define BENCH_RPR_PRIORITY_MASK 0xffULL
#define BENCH_RPR_IDLE 0xffULL
/* SGIs are INTIDs 0..15 */
#define BENCH_NR_SGIS 16

/* The ICC_SGI1R_EL1 value that sends our SGI to each CPU. */
static uint64_t bench_gic_sgi1r[NR_CPUS];
static uint64_t bench_gic_sgi;
static bool bench_gic_eoimode1;

static int bench_raw_init(const void *fdt, unsigned int virq, bool mux, unsigned int nr_cpus)
{
	uint64_t ctlr;

	(void)fdt;
	if (mux)
		return -EINVAL; /* SGIs are an IPI domain's hwirqs */
	for (unsigned int cpu = 0; cpu < nr_cpus; cpu++) {
		irq_hw_number_t sgi = ipi_get_hwirq(virq, cpu);
		unsigned long mpidr = baremetal_cpu_hwid(cpu);
		unsigned int aff0 = mpidr & 0xff;

		if (sgi >= BENCH_NR_SGIS || (cpu && sgi != bench_gic_sgi))
			return -EINVAL; /* the raw handler takes one SGI */
		bench_gic_sgi = sgi;
		bench_gic_sgi1r[cpu] = BENCH_SGI1R_AFF3((mpidr >> 32) & 0xff) |
				       BENCH_SGI1R_RS(aff0) |
				       BENCH_SGI1R_AFF2((mpidr >> 16) & 0xff) |
				       BENCH_SGI1R_INTID(sgi) |
				       BENCH_SGI1R_AFF1((mpidr >> 8) & 0xff) |
				       BENCH_SGI1R_TARGET_LIST(aff0);
	}
	__asm__ volatile("mrs %0, " BENCH_ICC_CTLR_EL1 : "=r"(ctlr));
	bench_gic_eoimode1 = ctlr & BENCH_ICC_CTLR_EOIMODE;
	return 0;
}

static inline void bench_raw_send(unsigned int cpu)
{
	/*
	 * dsb ishst: our earlier stores are visible before the SGI is
	 * generated (the receiver's loads after it took the SGI pair with
	 * it); isb: the write is executed now, not some time later.
	 */
	__asm__ volatile("dsb ishst\n\t"
			 "msr " BENCH_ICC_SGI1R_EL1 ", %0\n\t"
			 "isb" ::"r"(bench_gic_sgi1r[cpu])
			 : "memory");
}

static inline bool bench_raw_claim(unsigned int cpu)
{
	uint64_t iar, intid;

	(void)cpu;
	__asm__ volatile("mrs %0, " BENCH_ICC_IAR1_EL1 : "=r"(iar) : : "memory");
	intid = iar & BENCH_IAR_INTID_MASK;
	if (__builtin_expect(intid >= BENCH_INTID_SPECIAL, 0))
		return false;
	__asm__ volatile("msr " BENCH_ICC_EOIR1_EL1 ", %0" ::"r"(iar) : "memory");
	if (__builtin_expect(bench_gic_eoimode1, 0))
		__asm__ volatile("msr " BENCH_ICC_DIR_EL1 ", %0" ::"r"(iar) : "memory");
	return intid == bench_gic_sgi;
}

/*
 * CPU 1's park handler never returns to the driver, which would end the
 * park SGI after it (EOImode 0: ICC_EOIR1_EL1 drops the priority and
 * deactivates). Until then the running priority keeps every interrupt of
 * that priority, the raw SGIs included, from the CPU: end it here, unless
 * the driver already did (the running priority is idle).
 */
static inline void bench_raw_park_end(irq_hw_number_t hwirq)
{
	uint64_t rpr, intid = hwirq;

	__asm__ volatile("mrs %0, " BENCH_ICC_RPR_EL1 : "=r"(rpr));
	if ((rpr & BENCH_RPR_PRIORITY_MASK) == BENCH_RPR_IDLE)
		return;
	__asm__ volatile("msr " BENCH_ICC_EOIR1_EL1 ", %0" ::"r"(intid) : "memory");
	if (bench_gic_eoimode1)
		__asm__ volatile("msr " BENCH_ICC_DIR_EL1 ", %0" ::"r"(intid) : "memory");
}

#endif /* BENCH_RAW_GICV3_H */
