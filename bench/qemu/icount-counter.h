/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The instruction counter of the -icount benchmark (icount-bench.c).
 *
 * Under "-icount shift=0" QEMU (7.2) runs every vCPU in one thread, in
 * turn, and its virtual clock (QEMU_CLOCK_VIRTUAL) is the number of guest
 * instructions executed so far by all vCPUs together, one nanosecond each
 * (2^shift ns per instruction), plus a bias that moves only when every
 * vCPU is idle and the clock is warped to the next timer. The counters the
 * guest can read are derived from that clock:
 *
 *  - RISC-V minstret / instret (and mcycle): QEMU 7.2 returns icount_get(),
 *    the virtual clock in ns, so at shift 0 the instructions of all harts.
 *    (Later QEMU reads instret from icount_get_raw(), the same number
 *    without the bias.) An S-mode image reads instret only if the firmware
 *    set mcounteren.IR and left mcountinhibit.IR clear; if it reads a
 *    counter that does not move, it falls back to time.
 *  - RISC-V time (mtime of the ACLINT): the virtual clock scaled to the
 *    timebase-frequency of /cpus (10 MHz on virt): 100 instructions a tick.
 *  - AArch64 PMCCNTR_EL0 (the PMU cycle counter): the virtual clock at
 *    1 GHz, so at shift 0 the instructions of all CPUs; without a PMU,
 *    CNTVCT_EL0: the virtual clock scaled to CNTFRQ_EL0 (62.5 MHz in QEMU
 *    7.2), 16 instructions a tick.
 *
 * So the difference of two readings, converted to nanoseconds, is what all
 * the vCPUs executed between them, as long as they never all slept at once
 * (a warp). The ping-pong guarantees that: a CPU sends before it waits, so
 * the other one always has an interrupt to take.
 *
 * bench_counter_init() picks the counter; bench_counter_read() reads it;
 * bench_counter_insns() turns a difference into instructions (exact for
 * the instruction counters, to within one tick for the timers).
 */
#ifndef BENCH_ICOUNT_COUNTER_H
#define BENCH_ICOUNT_COUNTER_H

#include <genipi/errno.h>
#include <genipi/types.h>

#include <libfdt.h>

#define BENCH_NS_PER_S 1000000000ULL

/**
 * struct bench_counter - the counter in use
 * @name:     what it is, for the report
 * @timer:    a timer (ticks of @freq Hz) rather than an instruction count
 * @freq:     ticks per second of a timer
 */
struct bench_counter {
	const char *name;
	bool timer;
	uint64_t freq;
};

static struct bench_counter bench_counter;

#if defined(__riscv)

#include <genipi/riscv-csr.h>

static inline uint64_t bench_read_instret(void)
{
#if GENIPI_RISCV_S_MODE
	return csr_read(instret);
#else
	return csr_read(minstret);
#endif
}

static inline uint64_t bench_counter_read(void)
{
	return bench_counter.timer ? csr_read(time) : bench_read_instret();
}

/* /cpus "timebase-frequency": the rate of the time CSR (mtime). */
static uint64_t bench_riscv_timebase(const void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus");
	const fdt32_t *prop;
	int len;

	prop = cpus < 0 ? NULL : fdt_getprop(fdt, cpus, "timebase-frequency", &len);
	if (!prop || (len != 4 && len != 8))
		return 0;
	return len == 4 ? fdt32_ld(prop) : fdt64_ld((const fdt64_t *)prop);
}

static int bench_counter_init(const void *fdt)
{
	uint64_t before, after;

#if GENIPI_RISCV_S_MODE
	bench_counter.name = "instret";
#else
	bench_counter.name = "minstret";
#endif
	bench_counter.timer = false;
	before = bench_read_instret();
	/* a few instructions between the readings: the counter must move */
	__asm__ volatile("nop\n\tnop\n\tnop\n\tnop" ::: "memory");
	after = bench_read_instret();
	if (after != before)
		return 0;

	/* instret is inhibited (or hidden) by the firmware: the timer then */
	bench_counter.name = "time";
	bench_counter.timer = true;
	bench_counter.freq = bench_riscv_timebase(fdt);
	return bench_counter.freq ? 0 : -ENODEV;
}

#elif defined(__aarch64__)

/* ID_AA64DFR0_EL1 bits 11:8: PMUVer, 0 = no PMU, 0xf = an IMPLEMENTATION DEFINED one */
#define BENCH_DFR0_PMUVER(dfr0) (((dfr0) >> 8) & 0xf)
#define BENCH_PMUVER_IMPDEF 0xf
/* PMCR_EL0: E (bit 0) enables the counters, D (bit 3) divides the cycle
 * counter by 64, LC (bit 6) makes it overflow at 64 bits */
#define BENCH_PMCR_E (1ULL << 0)
#define BENCH_PMCR_D (1ULL << 3)
#define BENCH_PMCR_LC (1ULL << 6)
/* PMCNTENSET_EL0 bit 31: the cycle counter */
#define BENCH_PMCNTEN_C (1ULL << 31)
/* QEMU's PMU cycle counter runs at 1 GHz of its virtual clock */
#define BENCH_PMCCNTR_HZ 1000000000ULL

static bool bench_use_pmccntr;

static inline uint64_t bench_counter_read(void)
{
	uint64_t cnt;

	/* isb: read the counter here, not earlier (the count is of what precedes) */
	if (bench_use_pmccntr)
		__asm__ volatile("isb\n\tmrs %0, pmccntr_el0" : "=r"(cnt) : : "memory");
	else
		__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(cnt) : : "memory");
	return cnt;
}

/*
 * PMCCNTR_EL0 when there is a PMU: QEMU derives it from the virtual clock
 * at 1 GHz, so at shift 0 it counts instructions exactly. CNTVCT_EL0 counts
 * them in ticks of 16, and where the run starts within a tick depends on
 * how long the boot waited, so two runs may differ by a tick: the fallback.
 * The boot CPU (the one that reads it) enables it for itself, at EL1, with
 * EL0 and EL1 counted (PMCCFILTR_EL0 0).
 */
static int bench_counter_init(const void *fdt)
{
	uint64_t dfr0, pmcr, freq, before, after;

	(void)fdt;
	__asm__ volatile("mrs %0, id_aa64dfr0_el1" : "=r"(dfr0));
	if (BENCH_DFR0_PMUVER(dfr0) && BENCH_DFR0_PMUVER(dfr0) != BENCH_PMUVER_IMPDEF) {
		__asm__ volatile("mrs %0, pmcr_el0" : "=r"(pmcr));
		pmcr = (pmcr & ~BENCH_PMCR_D) | BENCH_PMCR_E | BENCH_PMCR_LC;
		__asm__ volatile("msr pmccfiltr_el0, xzr" ::: "memory");
		__asm__ volatile("msr pmcr_el0, %0" ::"r"(pmcr) : "memory");
		__asm__ volatile("msr pmcntenset_el0, %0" ::"r"(BENCH_PMCNTEN_C) : "memory");
		__asm__ volatile("isb" ::: "memory");
		bench_use_pmccntr = true;
		before = bench_counter_read();
		after = bench_counter_read();
		if (after != before) {
			bench_counter.name = "pmccntr_el0";
			bench_counter.timer = true;
			bench_counter.freq = BENCH_PMCCNTR_HZ;
			return 0;
		}
		bench_use_pmccntr = false;
	}
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
	bench_counter.name = "cntvct_el0";
	bench_counter.timer = true;
	bench_counter.freq = freq & 0xffffffffULL; /* CNTFRQ_EL0 bits 31:0 */
	return bench_counter.freq ? 0 : -ENODEV;
}

#else
#error "icount-bench: no counter for this architecture"
#endif

/*
 * Instructions (virtual nanoseconds at shift 0) in @delta counts: a timer
 * tick is 10^9 / freq of them. @delta is small (millions), so the product
 * cannot overflow.
 */
static inline uint64_t bench_counter_insns(uint64_t delta)
{
	if (!bench_counter.timer)
		return delta;
	return delta * BENCH_NS_PER_S / bench_counter.freq;
}

/* Instructions one count stands for: 1, or a timer tick's (the resolution). */
static inline uint64_t bench_counter_resolution(void)
{
	return bench_counter.timer ? BENCH_NS_PER_S / bench_counter.freq : 1;
}

#endif /* BENCH_ICOUNT_COUNTER_H */
