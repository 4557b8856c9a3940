// SPDX-License-Identifier: BSD-2-Clause
/*
 * icount-bench - guest instructions per IPI round trip on QEMU's virt
 * machines: through the library, and through the controller's registers
 * directly (the raw baseline), both measured in the same run under
 * "-icount shift=0", where they are exact and deterministic (see
 * icount-counter.h for what is counted).
 *
 * The ping-pong: CPU 0 sends an IPI to CPU 1, CPU 1's handler sends one
 * back, CPU 0 takes it and sends the next. CPU 0 waits with interrupts
 * masked, wfi, unmasked: never a spin, whose length would depend on how
 * QEMU schedules the vCPUs. CPU 1 waits the same way, in its idle loop.
 *
 *  1. Library: the IPI is a virtual IPI of the multiplexer (CLINT, SBI,
 *     IMSIC in multiplexer mode: irqchip_fdt_ipi_virqs()) or an IPI
 *     reserved with irq_reserve_ipi() on the controller's DOMAIN_BUS_IPI
 *     domain (GICv3 SGIs, IMSIC per-IPI identities). Both CPUs send with
 *     __ipi_send_single() on the descriptor (the lookup-free arch path);
 *     the handler is a per-CPU one (request_percpu_irq()). The receiving
 *     path is the port's trap entry, the root handler of the library's
 *     driver, the driver's chained handler (multiplexer) or domain
 *     dispatch, handle_percpu_devid_irq() and the handler.
 *  2. Raw: the same ping-pong with a root handler of ours
 *     (set_handle_irq()) that acknowledges the controller and writes its
 *     send register directly (raw-<controller>.h), and CPU 0 writing the
 *     send register directly. Same trap entry, same waiting.
 *
 * Switching root handlers: set_handle_irq() installs one only where none
 * is (as Linux's), and the library's driver installed its own at boot. The
 * public way to forget it is irq_core_teardown() (<genipi/port.h>), which
 * needs every CPU quiescent. So the raw phase comes last, after CPU 1 was
 * parked: a second IPI whose handler never returns to the library. It
 * runs the idle loop itself (interrupts masked, wfi, unmasked), so CPU 1
 * waits exactly as in the port's idle loop, and takes the raw IPIs as
 * interrupts nested in that handler: the outer frames, which hold the
 * library's descriptors, are never returned to.
 *
 * Output: one line in the house format (bench/README.md),
 *   bench qemu_<config>_roundtrip: <insns> insns (baseline <raw>_roundtrip:
 *   <insns>, ratio <x.xx>, target <= 1.3)
 * then the verdict. The image fails if a loop did not complete or a count
 * is zero or inconsistent; the ratio target is checked by
 * bench/qemu/run.sh --check, as bench/run.sh --check checks the hosted
 * instruction counts.
 *
 * Build-time choices (bench/qemu/bench.cmake): BENCH_CONFIG (the name),
 * BENCH_IPI_MUX (1: multiplexer, 0: IPI domain) and one of
 * BENCH_RAW_CLINT, BENCH_RAW_SBI, BENCH_RAW_IMSIC, BENCH_RAW_GICV3.
 */
#include <genipi/baremetal.h>
#include <genipi/genipi.h>
#include <genipi/irqchip.h>
#include <genipi/port.h>

#include <libfdt.h>
#include <stdio.h>

#define BENCH_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#include "icount-counter.h"

#if BENCH_RAW_CLINT
#include "raw-clint.h"
#elif BENCH_RAW_SBI
#include "raw-sbi.h"
#elif BENCH_RAW_IMSIC
#include "raw-imsic.h"
#elif BENCH_RAW_GICV3
#include "raw-gicv3.h"
#else
#error "icount-bench: define one of BENCH_RAW_CLINT, BENCH_RAW_SBI, BENCH_RAW_IMSIC, BENCH_RAW_GICV3"
#endif

#ifndef BENCH_CONFIG
#error "icount-bench: BENCH_CONFIG names the configuration"
#endif
#ifndef BENCH_IPI_MUX
#error "icount-bench: BENCH_IPI_MUX is 1 (multiplexer) or 0 (IPI domain)"
#endif

/* Round trips: the warm-up is not counted (first calls, first traps). */
#define BENCH_WARMUP 100UL
#define BENCH_ROUNDS 2000UL
/* The target: the library within 1.3 times the raw round trip. */
#define BENCH_TARGET_X100 130

/**
 * struct bench_cpu - one CPU's side of the ping-pong (per-CPU)
 * @received: interrupts its handler took in this phase; written by the
 *            CPU's own handler only, read by CPU 0
 * @errors:   interrupts that were not the expected IPI, failed sends
 * @parks:    park IPIs taken (CPU 0: CPU 1's answer to its park request)
 */
struct bench_cpu {
	unsigned long received;
	unsigned long errors;
	unsigned long parks;
};

/**
 * struct bench_ipi - one IPI of the benchmark
 * @virq:     the first virq (the multiplexer's, or the reservation's)
 * @per_cpu:  a per-CPU domain's reservation: CPU c receives on @virq + c
 * @desc:     @virq's descriptor: what __ipi_send_single() sends through
 */
struct bench_ipi {
	unsigned int virq;
	bool per_cpu;
	struct irq_desc *desc;
};

/*
 * Set up by the boot CPU before any CPU's starting step, so before any
 * handler runs; read-only afterwards, except @parked.
 */
static struct {
	struct bench_ipi ipi;  /* the ping-pong */
	struct bench_ipi park; /* parks CPU 1 before the raw phase */
	struct bench_cpu *cpu; /* per-CPU */
	unsigned int nr_cpus;
	bool parked; /* CPU 1 is in bench_park_handler() for good */
} bench;

static void bench_count(struct bench_cpu *me)
{
	/* the CPU's own counter: a plain increment, read by CPU 0 */
	__atomic_store_n(&me->received, me->received + 1, __ATOMIC_RELAXED);
}

static unsigned long bench_received(unsigned int cpu)
{
	return __atomic_load_n(&per_cpu_ptr(bench.cpu, cpu)->received, __ATOMIC_RELAXED);
}

/* ---- the library's IPI ----------------------------------------------------- */

static unsigned int bench_ipi_virq_of(const struct bench_ipi *ipi, unsigned int cpu)
{
	return ipi->virq + (ipi->per_cpu ? cpu : 0);
}

/* Runs on both CPUs: CPU 1 answers, CPU 0 only counts (its loop sees it). */
static irqreturn_t bench_ipi_handler(int irq, void *dev_id)
{
	struct bench_cpu *me = dev_id;

	(void)irq;
	bench_count(me);
	if (smp_processor_id() != 0)
		__ipi_send_single(bench.ipi.desc, 0);
	return IRQ_HANDLED;
}

/*
 * CPU 1, parked: answers CPU 0 (which waits in wfi, not in a spin), then
 * never returns to the library, whose descriptors CPU 0 is about to free.
 * Runs the idle loop of ports/baremetal/boot.c itself; the raw phase's
 * IPIs interrupt it, nested in this handler. On CPU 0: the answer.
 */
static irqreturn_t bench_park_handler(int irq, void *dev_id)
{
	struct bench_cpu *me = dev_id;

	__atomic_store_n(&me->parks, me->parks + 1, __ATOMIC_RELAXED);
	if (smp_processor_id() == 0)
		return IRQ_HANDLED;
	bench_raw_park_end(irqd_to_hwirq(irq_get_irq_data((unsigned int)irq)));
	__ipi_send_single(bench.park.desc, 0);
	/*
	 * Release: our last use of the library (the send above) before CPU 0
	 * sees us parked; pairs with the acquire in bench_switch_to_raw().
	 */
	__atomic_store_n(&bench.parked, true, __ATOMIC_RELEASE);
	for (;;) {
		arch_irq_disable();
		arch_wait_for_interrupt();
		arch_irq_enable();
	}
}

/* The first node with an IPI domain (DOMAIN_BUS_IPI), or NULL. */
static struct irq_domain *bench_ipi_domain(const void *fdt)
{
	for (int node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		struct irq_domain *d = irqchip_fdt_domain(fdt, node, DOMAIN_BUS_IPI);

		if (d)
			return d;
	}
	return NULL;
}

/*
 * The two IPIs: the multiplexer's first two virtual IPIs, or two
 * reservations for every CPU on the IPI domain.
 */
static int bench_get_ipis(const void *fdt)
{
	struct irq_domain *domain = NULL;
	int virq, park;

	if (BENCH_IPI_MUX) {
		unsigned int nr = 0;

		virq = irqchip_fdt_ipi_virqs(fdt, -1, &nr);
		if (virq < 0 || nr < 2) {
			baremetal_printf("icount-bench: no multiplexer with 2 IPIs (%d, %u)\n",
					 virq, nr);
			return virq < 0 ? virq : -ENODEV;
		}
		park = virq + 1;
	} else {
		domain = bench_ipi_domain(fdt);
		if (!domain) {
			baremetal_printf("icount-bench: no DOMAIN_BUS_IPI domain in the DT\n");
			return -ENODEV;
		}
		virq = irq_reserve_ipi(domain, cpu_possible_mask);
		park = virq > 0 ? irq_reserve_ipi(domain, cpu_possible_mask) : virq;
		if (park <= 0) {
			baremetal_printf("icount-bench: irq_reserve_ipi: %d\n", park);
			return park ? park : -EINVAL;
		}
	}
	bench.ipi.virq = (unsigned int)virq;
	bench.park.virq = (unsigned int)park;
	bench.ipi.per_cpu = bench.park.per_cpu = domain && irq_domain_is_ipi_per_cpu(domain);
	bench.ipi.desc = irq_to_desc(bench.ipi.virq);
	bench.park.desc = irq_to_desc(bench.park.virq);
	return bench.ipi.desc && bench.park.desc ? 0 : -EINVAL;
}

static int bench_request(const struct bench_ipi *ipi, irq_handler_t handler, const char *name)
{
	unsigned int nr = ipi->per_cpu ? bench.nr_cpus : 1;

	for (unsigned int i = 0; i < nr; i++) {
		int ret = request_percpu_irq(ipi->virq + i, handler, name, bench.cpu);

		if (ret) {
			baremetal_printf("icount-bench: request_percpu_irq(%u): %d\n",
					 ipi->virq + i, ret);
			return ret;
		}
	}
	return 0;
}

/* ---- the raw baseline's root handler ---------------------------------------- */

/*
 * Installed for the raw phase. Same work as the library's handler above:
 * count, and on CPU 1 send back; plus the acknowledgement the library's
 * drivers do for it.
 */
static void bench_raw_handle_irq(void)
{
	unsigned int cpu = smp_processor_id();
	struct bench_cpu *me = per_cpu_ptr(bench.cpu, cpu);

	if (__builtin_expect(!bench_raw_claim(cpu), 0)) {
		__atomic_store_n(&me->errors, me->errors + 1, __ATOMIC_RELAXED);
		return;
	}
	bench_count(me);
	if (cpu != 0)
		bench_raw_send(0);
}

/* ---- the ping-pong ---------------------------------------------------------- */

/*
 * @rounds round trips from CPU 0. The send is made with interrupts masked
 * so that the reply cannot come before the wait; the reply's handler runs
 * when the wait unmasks. No spin: the instructions are the same whenever
 * QEMU schedules CPU 1.
 */
static inline __attribute__((always_inline)) void bench_rounds(bool raw, unsigned long rounds)
{
	struct bench_cpu *me = per_cpu_ptr(bench.cpu, 0);

	for (unsigned long i = 0; i < rounds; i++) {
		unsigned long seen = __atomic_load_n(&me->received, __ATOMIC_RELAXED);

		arch_irq_disable();
		if (raw)
			bench_raw_send(1);
		else
			__ipi_send_single(bench.ipi.desc, 1);
		while (__atomic_load_n(&me->received, __ATOMIC_RELAXED) == seen) {
			arch_wait_for_interrupt();
			arch_irq_enable();
			arch_irq_disable();
		}
		arch_irq_enable();
	}
}

static __attribute__((noinline)) void bench_rounds_library(unsigned long rounds)
{
	bench_rounds(false, rounds);
}

static __attribute__((noinline)) void bench_rounds_raw(unsigned long rounds)
{
	bench_rounds(true, rounds);
}

/*
 * One phase: the warm-up, then the counted rounds. *@insns: instructions
 * of all CPUs in the counted rounds. Returns the number of failures.
 */
static int bench_phase(const char *name, void (*rounds)(unsigned long), uint64_t *insns)
{
	uint64_t before, after;
	int failures = 0;

	for (unsigned int cpu = 0; cpu < bench.nr_cpus; cpu++) {
		__atomic_store_n(&per_cpu_ptr(bench.cpu, cpu)->received, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&per_cpu_ptr(bench.cpu, cpu)->errors, 0, __ATOMIC_RELAXED);
	}
	rounds(BENCH_WARMUP);
	before = bench_counter_read();
	rounds(BENCH_ROUNDS);
	after = bench_counter_read();
	/*
	 * Acquire: pairs with the ordering in CPU 1's send of the last reply
	 * (writel()'s fence, the firmware's for an SBI call, the dsb before
	 * an SGI), which comes after its count: we took that reply, so the
	 * reads of its counters below see the count.
	 */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);

	for (unsigned int cpu = 0; cpu < 2; cpu++) {
		unsigned long got = bench_received(cpu);
		unsigned long errors = __atomic_load_n(&per_cpu_ptr(bench.cpu, cpu)->errors,
						       __ATOMIC_RELAXED);

		if (got != BENCH_WARMUP + BENCH_ROUNDS || errors) {
			baremetal_printf("icount-bench: %s: CPU %u took %lu IPIs (expected %lu), "
					 "%lu errors\n",
					 name, cpu, got, BENCH_WARMUP + BENCH_ROUNDS, errors);
			failures++;
		}
	}
	*insns = after > before ? bench_counter_insns(after - before) : 0;
	if (!*insns) {
		baremetal_printf("icount-bench: %s: %s did not move (%llu -> %llu)\n", name,
				 bench_counter.name, (unsigned long long)before,
				 (unsigned long long)after);
		failures++;
	}
	return failures;
}

/* ---- the application ---------------------------------------------------------- */

static int bench_setup(const void *fdt)
{
	int ret;

	bench.nr_cpus = nr_cpu_ids;
	if (bench.nr_cpus < 2) {
		baremetal_printf("icount-bench: needs 2 CPUs (-smp 2), has %u\n", bench.nr_cpus);
		return -ENODEV;
	}
	ret = bench_counter_init(fdt);
	if (ret) {
		baremetal_printf("icount-bench: no instruction counter: %d\n", ret);
		return ret;
	}
	bench.cpu = alloc_percpu(struct bench_cpu);
	if (!bench.cpu)
		return -ENOMEM;
	ret = bench_get_ipis(fdt);
	if (!ret)
		ret = bench_request(&bench.ipi, bench_ipi_handler, "icount-bench");
	if (!ret)
		ret = bench_request(&bench.park, bench_park_handler, "icount-bench-park");
	if (ret)
		return ret;
	ret = bench_raw_init(fdt, bench.ipi.virq, BENCH_IPI_MUX, bench.nr_cpus);
	if (ret)
		baremetal_printf("icount-bench: %s: no registers: %d\n", BENCH_RAW_NAME, ret);
	return ret;
}

static int bench_cpu_starting(unsigned int cpu)
{
	enable_percpu_irq(bench_ipi_virq_of(&bench.ipi, cpu), IRQ_TYPE_NONE);
	enable_percpu_irq(bench_ipi_virq_of(&bench.park, cpu), IRQ_TYPE_NONE);
	return 0;
}

/* @x100 hundredths as "<int>.<2 digits>" into @buf. */
static const char *bench_fmt_x100(char *buf, size_t size, uint64_t x100)
{
	snprintf(buf, size, "%llu.%02llu", (unsigned long long)(x100 / 100),
		 (unsigned long long)(x100 % 100));
	return buf;
}

/*
 * Park CPU 1 in bench_park_handler(), forget the library's root handler
 * (and the rest of the interrupt core: irq_core_teardown()), install ours.
 */
static int bench_switch_to_raw(void)
{
	struct bench_cpu *me = per_cpu_ptr(bench.cpu, 0);
	unsigned long spins = 0;
	int ret;

	/* CPU 1 answers with a park IPI: wait for it as for a reply */
	arch_irq_disable();
	__ipi_send_single(bench.park.desc, 1);
	while (!__atomic_load_n(&me->parks, __ATOMIC_RELAXED)) {
		arch_wait_for_interrupt();
		arch_irq_enable();
		arch_irq_disable();
	}
	arch_irq_enable();
	/*
	 * CPU 1 sets the flag right after its answer (a multi-threaded QEMU
	 * may show us the answer first). Acquire: pairs with the release in
	 * bench_park_handler().
	 */
	while (!__atomic_load_n(&bench.parked, __ATOMIC_ACQUIRE)) {
		if (++spins == 100000000UL) {
			baremetal_printf("icount-bench: CPU 1 did not park\n");
			return -EBUSY;
		}
		arch_cpu_relax();
	}
	irq_core_teardown();
	ret = set_handle_irq(bench_raw_handle_irq);
	if (ret)
		baremetal_printf("icount-bench: set_handle_irq: %d\n", ret);
	return ret;
}

static int bench_main(void)
{
	uint64_t library, raw, lib_x100, raw_x100, ratio_x100;
	char lib_s[24], raw_s[24], ratio_s[24];
	int failures;

	baremetal_printf("# icount-bench %s: %lu round trips CPU 0 <-> CPU 1 after %lu warm-up, "
			 "counter %s (%llu insns/count at shift 0), IPI virq %u%s\n",
			 BENCH_CONFIG, BENCH_ROUNDS, BENCH_WARMUP, bench_counter.name,
			 (unsigned long long)bench_counter_resolution(), bench.ipi.virq,
			 BENCH_IPI_MUX ? " (multiplexer)" :
					 (bench.ipi.per_cpu ? " (per-CPU IPI)" : " (IPI)"));

	failures = bench_phase("library", bench_rounds_library, &library);
	if (bench_switch_to_raw())
		return failures + 1;
	failures += bench_phase(BENCH_RAW_NAME, bench_rounds_raw, &raw);
	if (failures)
		return failures;

	lib_x100 = (library * 100 + BENCH_ROUNDS / 2) / BENCH_ROUNDS;
	raw_x100 = (raw * 100 + BENCH_ROUNDS / 2) / BENCH_ROUNDS;
	ratio_x100 = (library * 100 + raw / 2) / raw;
	baremetal_printf("bench qemu_%s_roundtrip: %s insns (baseline %s_roundtrip: %s, ratio %s, "
			 "target <= %d.%d)\n",
			 BENCH_CONFIG, bench_fmt_x100(lib_s, sizeof(lib_s), lib_x100),
			 BENCH_RAW_NAME, bench_fmt_x100(raw_s, sizeof(raw_s), raw_x100),
			 bench_fmt_x100(ratio_s, sizeof(ratio_s), ratio_x100),
			 BENCH_TARGET_X100 / 100, BENCH_TARGET_X100 % 100 / 10);
	return 0;
}

const struct baremetal_app baremetal_app = {
	.name = "icount-bench " BENCH_CONFIG,
	.setup = bench_setup,
	.cpu_starting = bench_cpu_starting,
	.main = bench_main,
};
