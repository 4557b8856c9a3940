// SPDX-License-Identifier: BSD-2-Clause
/*
 * mux_send_process - the multiplexer's own send + process between two
 * CPUs, against the raw pending-word hand-off measured in the same run
 *
 *   bench_mux_send_process [--quick] [--rounds N] [--reps N]
 *
 * The core alone, on bench/bench_port.c built for threads: two threads,
 * CPU 0 and CPU 1, pinned to the first two usable cores (as the hosted
 * port pins its CPUs). The parent IPI is the cheapest there can be: a
 * release store of 1 to the target's "parent pending" word, on its own
 * cache line, which the target polls (a polled hardware IPI line). No
 * device model, no hosted line, no root handler.
 *
 * The vIPI ping-pong: CPU 0 sends vIPI 0 to CPU 1 with ipi_send_single();
 * CPU 1 sees its parent word set, acknowledges it (stores 0) and calls
 * ipi_mux_process() with interrupts masked, as a parent IPI handler would;
 * the vIPI's handler sends vIPI 0 back to CPU 0, which does the same. The
 * core needs nothing else of interrupt context: the root handler
 * (generic_handle_arch_irq()) only keeps in_interrupt()'s count.
 *
 * The floor, on the same two threads: bench_mux_latency's fetch_or +
 * exchange hand-off (a release fetch_or sets a bit in the other CPU's
 * word; that CPU spins on it, a load and a pause, and takes it with an
 * acquire exchange).
 *
 * Blocks of round trips alternate between the two (--reps pairs, after a
 * warm-up pair); the result is the median block, halved (one hop).
 */
#define _GNU_SOURCE /* pthread_setaffinity_np, CPU_SET */

#include "../bench_port.h"

#include <genipi/genipi.h>
#include <genipi/port.h>

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mux-bench.h"

#define BENCH_TARGET 2.0
#define BENCH_MAX_REPS 64

struct bench_word {
	_Alignas(64) _Atomic unsigned int bits;
};

static struct {
	unsigned long rounds; /* round trips per block */
	unsigned int reps;    /* block pairs */
	int cores[2];	      /* core of CPU i, or -1: not pinned */
	pthread_barrier_t barrier;
	unsigned int virq;
	unsigned long *received;     /* per-CPU: vIPIs handled */
	struct bench_word raw[2];    /* the floor's pending words */
	struct bench_word parent[2]; /* the parent IPI, per target */
	double raw_ns[BENCH_MAX_REPS + 1], vipi_ns[BENCH_MAX_REPS + 1];
} bench;

/* No way to report from the middle of a ping-pong: the other CPU would spin. */
static void bench_fail(const char *what)
{
	fprintf(stderr, "bench_mux_send_process: %s\n", what);
	exit(1);
}

/* The first two cores of the affinity mask; with fewer, the threads float. */
static void bench_find_cores(void)
{
	cpu_set_t usable;
	int found = 0;

	bench.cores[0] = bench.cores[1] = -1;
	if (sched_getaffinity(0, sizeof(usable), &usable))
		return;
	for (int c = 0; c < CPU_SETSIZE && found < 2; c++)
		if (CPU_ISSET(c, &usable))
			bench.cores[found++] = c;
	if (found < 2)
		bench.cores[0] = -1;
}

static void bench_pin_self(int core)
{
	cpu_set_t one;

	if (core < 0)
		return;
	CPU_ZERO(&one);
	CPU_SET(core, &one);
	pthread_setaffinity_np(pthread_self(), sizeof(one), &one);
}

/* ---- the floor: a bit handed back and forth ------------------------------ */

static void bench_raw_take(unsigned int me)
{
	while (!atomic_load_explicit(&bench.raw[me].bits, memory_order_relaxed))
		port_cpu_relax();
	atomic_exchange_explicit(&bench.raw[me].bits, 0, memory_order_acquire);
}

static void bench_raw_give(unsigned int to)
{
	atomic_fetch_or_explicit(&bench.raw[to].bits, 1, memory_order_release);
}

/* One block on CPU @me; on CPU 0, ns per round trip. */
static double bench_raw_block(unsigned int me, unsigned long rounds)
{
	double start;

	if (me == 1) {
		for (unsigned long i = 0; i < rounds; i++) {
			bench_raw_take(1);
			bench_raw_give(0);
		}
		return 0;
	}
	start = bench_now_ns();
	for (unsigned long i = 0; i < rounds; i++) {
		bench_raw_give(1);
		bench_raw_take(0);
	}
	return (bench_now_ns() - start) / (double)rounds;
}

/* ---- the vIPI ping-pong ---------------------------------------------------- */

/* The parent IPI: what a write to a polled IPI line amounts to. */
static void bench_mux_send(unsigned int target)
{
	atomic_store_explicit(&bench.parent[target].bits, 1, memory_order_release);
}

/* The parent IPI's handler on CPU @me, once it has fired: ack, then process. */
static void bench_parent_take(unsigned int me)
{
	unsigned long flags;

	while (!atomic_load_explicit(&bench.parent[me].bits, memory_order_relaxed))
		port_cpu_relax();
	local_irq_save(flags);
	atomic_store_explicit(&bench.parent[me].bits, 0, memory_order_relaxed);
	ipi_mux_process();
	local_irq_restore(flags);
}

static irqreturn_t bench_vipi_handler(int irq, void *dev_id)
{
	unsigned long *received = dev_id;

	(void)irq;
	(*received)++;
	if (smp_processor_id() == 1 && ipi_send_single(bench.virq, 0))
		bench_fail("ipi_send_single to CPU 0 failed");
	return IRQ_HANDLED;
}

/* One block on CPU @me; on CPU 0, ns per round trip. */
static double bench_vipi_block(unsigned int me, unsigned long rounds)
{
	unsigned long *received = per_cpu_ptr(bench.received, me);
	unsigned long end = *received + rounds;
	double start;

	if (me == 1) {
		while (*received != end)
			bench_parent_take(1);
		return 0;
	}
	start = bench_now_ns();
	while (*received != end) {
		unsigned long seen = *received;

		if (ipi_send_single(bench.virq, 1))
			bench_fail("ipi_send_single to CPU 1 failed");
		while (*received == seen)
			bench_parent_take(0);
	}
	return (bench_now_ns() - start) / (double)rounds;
}

/* ---- the two CPUs ------------------------------------------------------------ */

static void *bench_cpu_thread(void *arg)
{
	unsigned int me = (unsigned int)(unsigned long)arg;

	bench_port_set_cpu(me);
	bench_pin_self(bench.cores[me]);
	enable_percpu_irq(bench.virq, IRQ_TYPE_NONE);
	/* block 0 is the warm-up */
	for (unsigned int r = 0; r <= bench.reps; r++) {
		unsigned long rounds = r ? bench.rounds : bench.rounds / 10 + 1;
		double ns;

		pthread_barrier_wait(&bench.barrier);
		ns = bench_raw_block(me, rounds);
		if (me == 0)
			bench.raw_ns[r] = ns;
		pthread_barrier_wait(&bench.barrier);
		ns = bench_vipi_block(me, rounds);
		if (me == 0)
			bench.vipi_ns[r] = ns;
	}
	disable_percpu_irq(bench.virq);
	return NULL;
}

static int bench_setup(void)
{
	int virq;

	if (irq_core_init(2, NULL))
		return -1;
	set_cpu_online(0, true);
	set_cpu_online(1, true);
	virq = ipi_mux_create(1, bench_mux_send);
	if (virq < 0)
		return -1;
	bench.virq = (unsigned int)virq;
	bench.received = alloc_percpu(unsigned long);
	if (!bench.received ||
	    request_percpu_irq(bench.virq, bench_vipi_handler, "bench", bench.received))
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	pthread_t threads[2];
	double raw_ns, vipi_ns;

	bench.rounds = 100000;
	bench.reps = 9;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			bench.rounds = 10000;
			bench.reps = 3;
		} else if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
			bench.rounds = strtoul(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--reps") && i + 1 < argc) {
			bench.reps = (unsigned int)strtoul(argv[++i], NULL, 0);
		} else {
			fprintf(stderr, "usage: bench_mux_send_process [--quick] [--rounds N] "
					"[--reps N]\n");
			return 2;
		}
	}
	if (!bench.rounds || !bench.reps || bench.reps > BENCH_MAX_REPS) {
		fprintf(stderr, "bench_mux_send_process: bad --rounds or --reps\n");
		return 2;
	}
	if (bench_setup())
		bench_fail("setup failed");
	bench_find_cores();
	if (pthread_barrier_init(&bench.barrier, NULL, 2))
		bench_fail("no barrier");
	for (unsigned long i = 0; i < 2; i++)
		if (pthread_create(&threads[i], NULL, bench_cpu_thread, (void *)i))
			bench_fail("no thread");
	for (unsigned int i = 0; i < 2; i++)
		pthread_join(threads[i], NULL);
	pthread_barrier_destroy(&bench.barrier);
	/* one hop: half a round trip; the warm-up (index 0) left out */
	raw_ns = bench_median(bench.raw_ns + 1, bench.reps) / 2;
	vipi_ns = bench_median(bench.vipi_ns + 1, bench.reps) / 2;
	printf("bench mux_vipi_send_process: %.1f ns (baseline fetch_or+xchg: %.1f ns, "
	       "ratio %.2f, target <= %.2f)\n",
	       vipi_ns, raw_ns, vipi_ns / raw_ns, BENCH_TARGET);
	return 0;
}
