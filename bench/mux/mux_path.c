// SPDX-License-Identifier: BSD-2-Clause
/*
 * mux_path - the multiplexer's own cost, on one thread, against the raw
 * pending-word floor
 *
 *   bench_mux_path [--calls N] [--only mux|raw]
 *
 * One virtual IPI through the multiplexer and nothing else:
 * bench_mux_vipi_once() calls ipi_send_single() on a vIPI for CPU 0 (the
 * core's lookup and checks, the mux chip: fetch_or, full barrier, enable
 * check, then mux_send, here a counter instead of a parent IPI), then
 * ipi_mux_process() (full barrier, enable load, fetch_and, dispatch
 * through handle_percpu_devid_irq() to a handler that counts). The floor,
 * bench_raw_handoff_once(), is what any pending-word hand-off must do: a
 * release fetch_or that sets the bit and an acquire exchange that takes it.
 *
 * Run as it is, it prints the time of each, per call. Under callgrind
 * (bench/mux/run.sh, --toggle-collect on either function) the instruction
 * counts are exact. Linked with bench/bench_port.c, a single-threaded port:
 * nothing but the code being measured runs.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <genipi/genipi.h>
#include <genipi/port.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mux-bench.h"

#define BENCH_DEFAULT_CALLS 10000000UL
#define BENCH_REPS 5

static unsigned int bench_virq;
static unsigned long bench_parent_ipis;
static unsigned long bench_handled;
static unsigned int bench_word;
static unsigned long bench_taken;

/* The parent IPI: on hardware a register write; here a count. */
static void bench_mux_raise(unsigned int target)
{
	(void)target;
	bench_parent_ipis++;
}

static irqreturn_t bench_handler(int irq, void *dev_id)
{
	(void)irq;
	(void)dev_id;
	bench_handled++;
	return IRQ_HANDLED;
}

__attribute__((noinline)) void bench_mux_vipi_once(void)
{
	ipi_send_single(bench_virq, 0);
	ipi_mux_process();
}

__attribute__((noinline)) void bench_raw_handoff_once(void)
{
	__atomic_fetch_or(&bench_word, 1U, __ATOMIC_RELEASE);
	bench_taken += __atomic_exchange_n(&bench_word, 0U, __ATOMIC_ACQUIRE);
}

static int bench_setup(void)
{
	void *dev;
	int virq;

	if (irq_core_init(1, NULL))
		return -1;
	set_cpu_online(0, true);
	virq = ipi_mux_create(4, bench_mux_raise);
	if (virq < 0)
		return -1;
	bench_virq = (unsigned int)virq;
	dev = __alloc_percpu(sizeof(long), sizeof(long));
	if (!dev || request_percpu_irq(bench_virq, bench_handler, "bench", dev))
		return -1;
	enable_percpu_irq(bench_virq, IRQ_TYPE_NONE);
	return 0;
}

/* Median over BENCH_REPS blocks of @calls calls of @fn, in ns per call. */
static double bench_time(void (*fn)(void), unsigned long calls)
{
	double ns[BENCH_REPS];

	for (unsigned int r = 0; r < BENCH_REPS; r++) {
		double start = bench_now_ns();

		for (unsigned long i = 0; i < calls; i++)
			fn();
		ns[r] = (bench_now_ns() - start) / (double)calls;
	}
	qsort(ns, BENCH_REPS, sizeof(ns[0]), bench_cmp_double);
	return ns[BENCH_REPS / 2];
}

int main(int argc, char **argv)
{
	unsigned long calls = BENCH_DEFAULT_CALLS;
	const char *only = NULL;
	double mux_ns, raw_ns;

	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--calls"))
			calls = strtoul(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "--only"))
			only = argv[i + 1];
	}
	if (!calls || bench_setup()) {
		fprintf(stderr, "bench_mux_path: setup failed\n");
		return 1;
	}
	if (only) {
		/* for callgrind: exactly @calls calls of one function */
		void (*fn)(void) = strcmp(only, "raw") ? bench_mux_vipi_once :
							 bench_raw_handoff_once;

		for (unsigned long i = 0; i < calls; i++)
			fn();
		return 0;
	}
	mux_ns = bench_time(bench_mux_vipi_once, calls);
	raw_ns = bench_time(bench_raw_handoff_once, calls);
	if (bench_handled != BENCH_REPS * calls || bench_parent_ipis != bench_handled ||
	    bench_taken != BENCH_REPS * calls) {
		fprintf(stderr, "bench_mux_path: %lu handled, %lu parent IPIs, %lu taken\n",
			bench_handled, bench_parent_ipis, bench_taken);
		return 1;
	}
	printf("bench mux_vipi_same_thread: %.2f ns (baseline fetch_or+xchg: %.2f ns, ratio %.2f, "
	       "no target)\n",
	       mux_ns, raw_ns, mux_ns / raw_ns);
	return 0;
}
