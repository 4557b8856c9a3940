// SPDX-License-Identifier: BSD-2-Clause
/*
 * mux_latency - one virtual IPI on the hosted port, end to end, against
 * the raw pending-word hand-off measured in the same run
 *
 *   bench_mux_latency [--quick] [--rounds N] [--reps N]
 *
 * The vIPI ping-pong, on a 2-CPU hosted machine in poll delivery (CPU i
 * pinned to the i-th usable core) with the CLINT model and driver: CPU 0
 * sends vIPI 0 to CPU 1 and waits; CPU 1's handler sends vIPI 0 back; CPU
 * 0's handler counts it. Each hop is the whole path: ipi_send_single(),
 * the multiplexer, the driver's MSIP write, the model raising the
 * cpu-intc line, the idle CPU's poll, the root handler, the driver's
 * chained handler (ack, then ipi_mux_process()), the handler.
 *
 * The floor, run on the same two CPU threads: CPU 0 sets a bit in CPU 1's
 * word with a release fetch_or; CPU 1 spins on its word (a load and a
 * pause) and takes the bit with an acquire exchange, then does the same
 * towards CPU 0. That is the least any pending-word protocol can do per
 * hop: one cache line moved each way.
 *
 * Blocks of round trips alternate between the two (--reps pairs), so slow
 * phases of a shared machine hit both; the result is the median block,
 * halved (one hop). The target is the issue's: one vIPI within twice the
 * floor.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <genipi/genipi.h>
#include <genipi/hosted-clint.h>
#include <genipi/hosted.h>
#include <genipi/io.h>
#include <genipi/irqchip/riscv-clint.h>
#include <genipi/port.h>

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mux-bench.h"

#define BENCH_TARGET 2.0
#define BENCH_MAX_REPS 64

struct bench_options {
	unsigned long rounds; /* round trips per block */
	unsigned int reps;    /* block pairs */
};

/* ---- the floor: a bit handed back and forth ------------------------------ */

struct bench_word {
	_Alignas(64) _Atomic unsigned int bits;
};

static struct {
	struct bench_word word[2]; /* word[i]: CPU i's pending word */
	unsigned long rounds;
	double ns;
	_Atomic unsigned int ready;
} bench_raw;

/* Wait for the bit in my word, take it. */
static void bench_raw_take(unsigned int me)
{
	while (!atomic_load_explicit(&bench_raw.word[me].bits, memory_order_relaxed))
		port_cpu_relax();
	atomic_exchange_explicit(&bench_raw.word[me].bits, 0, memory_order_acquire);
}

static void bench_raw_give(unsigned int to)
{
	atomic_fetch_or_explicit(&bench_raw.word[to].bits, 1, memory_order_release);
}

/*
 * On both CPUs at once: the same threads, on the same cores, as the vIPI
 * ping-pong (and none of the machine's idle loops spinning beside them).
 */
static void bench_raw_run(void *unused)
{
	unsigned int me = smp_processor_id();
	double start;

	(void)unused;
	atomic_fetch_add_explicit(&bench_raw.ready, 1, memory_order_acq_rel);
	while (atomic_load_explicit(&bench_raw.ready, memory_order_acquire) < 2)
		port_cpu_relax();
	if (me == 1) {
		for (unsigned long i = 0; i < bench_raw.rounds; i++) {
			bench_raw_take(1);
			bench_raw_give(0);
		}
		return;
	}
	start = bench_now_ns();
	for (unsigned long i = 0; i < bench_raw.rounds; i++) {
		bench_raw_give(1);
		bench_raw_take(0);
	}
	bench_raw.ns = (bench_now_ns() - start) / (double)bench_raw.rounds;
}

/* One block of the floor: ns per round trip, or a negative value. */
static double bench_raw_block(unsigned long rounds)
{
	memset(&bench_raw, 0, sizeof(bench_raw));
	bench_raw.rounds = rounds;
	bench_raw.ns = -1;
	if (hosted_run_on_cpus(cpu_possible_mask, bench_raw_run, NULL))
		return -1;
	return bench_raw.ns;
}

/* ---- the vIPI ping-pong ---------------------------------------------------- */

static struct {
	unsigned int virq;
	unsigned long rounds;
	double ns;
	_Atomic int error;
	unsigned long *received; /* per-CPU */
} bench_vipi;

static irqreturn_t bench_vipi_handler(int irq, void *dev_id)
{
	unsigned long *received = dev_id;

	(void)irq;
	(*received)++;
	if (smp_processor_id() == 1 && ipi_send_single(bench_vipi.virq, 0))
		atomic_store_explicit(&bench_vipi.error, 1, memory_order_relaxed);
	return IRQ_HANDLED;
}

static void bench_vipi_enable(void *unused)
{
	(void)unused;
	if (clint_ipi_starting_cpu())
		atomic_store_explicit(&bench_vipi.error, 1, memory_order_relaxed);
	enable_percpu_irq(bench_vipi.virq, IRQ_TYPE_NONE);
}

static void bench_vipi_disable(void *unused)
{
	(void)unused;
	disable_percpu_irq(bench_vipi.virq);
}

/* On CPU 0: the timed round trips. */
static void bench_vipi_initiate(void *unused)
{
	unsigned long *received = this_cpu_ptr(bench_vipi.received);
	double start = bench_now_ns();

	(void)unused;
	for (unsigned long i = 0; i < bench_vipi.rounds; i++) {
		unsigned long seen = *received;

		if (ipi_send_single(bench_vipi.virq, 1)) {
			atomic_store_explicit(&bench_vipi.error, 1, memory_order_relaxed);
			return;
		}
		/* poll delivery: the "wfi" spins, then takes the interrupt */
		while (*received == seen)
			hosted_cpu_wait_for_interrupt();
	}
	bench_vipi.ns = (bench_now_ns() - start) / (double)bench_vipi.rounds;
}

static int bench_vipi_boot(void)
{
	const struct hosted_machine_config cfg = {
		.nr_cpus = 2,
		.delivery = HOSTED_DELIVERY_POLL,
	};
	int virq;

	if (hosted_machine_boot(&cfg))
		return -1;
	if (hosted_clint_attach())
		goto err_shutdown;
	virq = clint_ipi_init(ioremap(HOSTED_CLINT_BASE, HOSTED_CLINT_SIZE),
			      hosted_cpu_intc_domain(), HOSTED_LINE_MSWI, 2);
	if (virq < 0)
		goto err_detach;
	bench_vipi.virq = (unsigned int)virq;
	bench_vipi.received = alloc_percpu(unsigned long);
	if (!bench_vipi.received ||
	    request_percpu_irq(bench_vipi.virq, bench_vipi_handler, "bench", bench_vipi.received))
		goto err_detach;
	hosted_run_on_cpus(cpu_possible_mask, bench_vipi_enable, NULL);
	if (!atomic_load(&bench_vipi.error))
		return 0;
err_detach:
	hosted_clint_detach();
err_shutdown:
	hosted_machine_shutdown();
	return -1;
}

static void bench_vipi_shutdown(void)
{
	hosted_run_on_cpus(cpu_possible_mask, bench_vipi_disable, NULL);
	free_percpu_irq(bench_vipi.virq, bench_vipi.received);
	free_percpu(bench_vipi.received);
	hosted_clint_detach();
	hosted_machine_shutdown();
}

/* One block of the vIPI ping-pong: ns per round trip, or a negative value. */
static double bench_vipi_block(unsigned long rounds)
{
	bench_vipi.rounds = rounds;
	bench_vipi.ns = -1;
	if (hosted_run_on_cpu(0, bench_vipi_initiate, NULL) || atomic_load(&bench_vipi.error))
		return -1;
	return bench_vipi.ns;
}

/* ---- main ---------------------------------------------------------------- */

int main(int argc, char **argv)
{
	struct bench_options opt = { .rounds = 100000, .reps = 9 };
	double raw[BENCH_MAX_REPS], vipi[BENCH_MAX_REPS], raw_ns, vipi_ns;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			opt.rounds = 10000;
			opt.reps = 3;
		} else if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
			opt.rounds = strtoul(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--reps") && i + 1 < argc) {
			opt.reps = (unsigned int)strtoul(argv[++i], NULL, 0);
		} else {
			fprintf(stderr, "usage: bench_mux_latency [--quick] [--rounds N] "
					"[--reps N]\n");
			return 2;
		}
	}
	if (!opt.rounds || !opt.reps || opt.reps > BENCH_MAX_REPS) {
		fprintf(stderr, "bench_mux_latency: bad --rounds or --reps\n");
		return 2;
	}
	if (bench_vipi_boot()) {
		fprintf(stderr, "bench_mux_latency: cannot boot the machine\n");
		return 1;
	}
	/* warm-up, not counted */
	if (bench_vipi_block(opt.rounds / 10 + 1) < 0 || bench_raw_block(opt.rounds / 10 + 1) < 0)
		goto err;
	for (unsigned int r = 0; r < opt.reps; r++) {
		raw[r] = bench_raw_block(opt.rounds);
		vipi[r] = bench_vipi_block(opt.rounds);
		if (raw[r] < 0 || vipi[r] < 0)
			goto err;
	}
	bench_vipi_shutdown();
	/* one hop: half a round trip */
	raw_ns = bench_median(raw, opt.reps) / 2;
	vipi_ns = bench_median(vipi, opt.reps) / 2;
	printf("bench mux_vipi: %.1f ns (baseline fetch_or+xchg: %.1f ns, ratio %.2f, "
	       "target <= %.2f)\n",
	       vipi_ns, raw_ns, vipi_ns / raw_ns, BENCH_TARGET);
	return 0;

err:
	fprintf(stderr, "bench_mux_latency: a block failed\n");
	bench_vipi_shutdown();
	return 1;
}
