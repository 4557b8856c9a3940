// SPDX-License-Identifier: BSD-2-Clause
/*
 * The multiplexer under parent-IPI faults injected by the CLINT model
 * (<genipi/hosted-clint.h>): the contract says duplicate and spurious
 * parent IPIs are harmless, and a parent IPI that arrives late still
 * delivers every send before it.
 *
 * "Harmless" is checked exactly: sends go one at a time (each waits for
 * its handler), so every (CPU, vIPI) must count one handler run per send,
 * and vIPI SILENT, requested and enabled everywhere but never sent, none.
 * Meanwhile the CPUs must have taken more parent interrupts than there
 * were sends: the faults did reach them.
 */
#include "mux-machine.h"

#include <stdio.h>

/* Requested and enabled on every CPU, never sent. */
#define SILENT (MUX_NR_VIPI - 1)

struct fault_dev {
	_Atomic unsigned long runs[MUX_NR_VIPI];
	/* the latest sequence number the handler saw, per vIPI */
	_Atomic unsigned long observed[MUX_NR_VIPI];
};

static struct fault_dev *fault_dev;
/* Bumped before each send to (CPU, vIPI); read by that CPU's handler. */
static _Atomic unsigned long fault_seq[NR_CPUS][MUX_NR_VIPI];

static irqreturn_t fault_handler(int irq, void *dev_id)
{
	struct fault_dev *d = dev_id;
	unsigned int v = (unsigned int)irq - mux.first_virq;
	/* relaxed: the claim's acquire (P2) made the sender's bump visible */
	unsigned long seq = atomic_load_explicit(&fault_seq[smp_processor_id()][v],
						 memory_order_relaxed);

	atomic_store_explicit(&d->observed[v], seq, memory_order_release);
	atomic_fetch_add_explicit(&d->runs[v], 1, memory_order_release);
	return IRQ_HANDLED;
}

static void fault_enable_here(void *unused)
{
	(void)unused;
	for (unsigned int v = 0; v < mux.nr_vipi; v++)
		enable_percpu_irq(mux_virq(v), IRQ_TYPE_NONE);
}

static void fault_disable_here(void *unused)
{
	(void)unused;
	for (unsigned int v = 0; v < mux.nr_vipi; v++)
		disable_percpu_irq(mux_virq(v));
}

static void fault_request_all(void)
{
	fault_dev = alloc_percpu(struct fault_dev);
	assert_non_null(fault_dev);
	for (unsigned int v = 0; v < mux.nr_vipi; v++)
		assert_int_equal(request_percpu_irq(mux_virq(v), fault_handler, "fault", fault_dev),
				 0);
	mux_on_all_cpus(fault_enable_here, NULL);
}

static void fault_free_all(void)
{
	mux_on_all_cpus(fault_disable_here, NULL);
	for (unsigned int v = 0; v < mux.nr_vipi; v++)
		free_percpu_irq(mux_virq(v), fault_dev);
	free_percpu(fault_dev);
}

static unsigned long fault_runs(unsigned int cpu, unsigned int v)
{
	return atomic_load_explicit(&per_cpu_ptr(fault_dev, cpu)->runs[v], memory_order_acquire);
}

static unsigned long fault_interrupts(void)
{
	unsigned long sum = 0;

	for (unsigned int cpu = 0; cpu < mux.nr_cpus; cpu++) {
		struct hosted_target_state st;

		assert_int_equal(hosted_target_state(cpu, &st), 0);
		sum += st.interrupts;
	}
	return sum;
}

/*
 * @nr sends from the main thread, one at a time, cycling over the CPUs and
 * the vIPIs but SILENT. Afterwards every count is exactly the number of
 * sends to it.
 */
static void fault_send_one_at_a_time(unsigned int nr)
{
	unsigned long expected[NR_CPUS][MUX_NR_VIPI] = { { 0 } };

	for (unsigned int i = 0; i < nr; i++) {
		unsigned int cpu = i % mux.nr_cpus, v = (i / mux.nr_cpus) % SILENT;
		unsigned long before = fault_runs(cpu, v);

		atomic_fetch_add_explicit(&fault_seq[cpu][v], 1, memory_order_relaxed);
		assert_int_equal(ipi_send_single(mux_virq(v), cpu), 0);
		if (!mux_wait_counter(&per_cpu_ptr(fault_dev, cpu)->runs[v], before + 1)) {
			print_error("send %u to CPU %u vIPI %u never handled\n", i, cpu, v);
			fail();
		}
		expected[cpu][v]++;
	}
	/* longer than any delay the model holds a raise: late ones arrive */
	mux_sleep_ms(50);
	for (unsigned int cpu = 0; cpu < mux.nr_cpus; cpu++)
		for (unsigned int v = 0; v < mux.nr_vipi; v++)
			if (fault_runs(cpu, v) != expected[cpu][v]) {
				print_error("CPU %u vIPI %u: %lu handler runs for %lu sends\n", cpu,
					    v, fault_runs(cpu, v), expected[cpu][v]);
				fail();
			}
}

static void duplicated_parent_ipis_are_harmless(void **state)
{
	const struct hosted_clint_faults faults = {
		.duplicate_percent = 100,
		.delay_max_us = 300,
		.seed = 1,
	};
	const unsigned int nr = 1000;
	struct hosted_clint_stats s;
	unsigned long interrupts;

	(void)state;
	fault_request_all();
	interrupts = fault_interrupts();
	assert_int_equal(hosted_clint_set_faults(&faults), 0);
	fault_send_one_at_a_time(nr);
	interrupts = fault_interrupts() - interrupts;
	hosted_clint_get_stats(&s);
	printf("# duplicated: %u sends, %lu MSIP sets, %lu raises, %lu parent interrupts taken\n",
	       nr, s.sets, s.raises, interrupts);
	assert_int_equal(s.sets, nr);
	assert_int_equal(s.duplicated, nr);
	/* a duplicate still held by the delayer merges with the next one */
	assert_true(s.raises > nr && s.raises <= 2 * nr);
	/* some duplicates arrived after the first raise was taken */
	assert_true(interrupts > nr);
	fault_free_all();
}

static void spurious_parent_ipis_are_harmless(void **state)
{
	const struct hosted_clint_faults faults = {
		.spurious_interval_us = 50,
		.seed = 2,
	};
	const unsigned int nr = 500;
	struct hosted_clint_stats s;
	unsigned long interrupts;

	(void)state;
	fault_request_all();
	interrupts = fault_interrupts();
	assert_int_equal(hosted_clint_set_faults(&faults), 0);
	/* nothing sent: the spurious parent IPIs run no handler */
	mux_sleep_ms(300);
	for (unsigned int cpu = 0; cpu < mux.nr_cpus; cpu++)
		for (unsigned int v = 0; v < mux.nr_vipi; v++)
			assert_int_equal(fault_runs(cpu, v), 0);
	hosted_clint_get_stats(&s);
	assert_true(s.spurious > 0);
	assert_true(fault_interrupts() > interrupts);
	/* and sends among them are handled once each */
	fault_send_one_at_a_time(nr);
	hosted_clint_get_stats(&s);
	interrupts = fault_interrupts() - interrupts;
	printf("# spurious: %u sends, %lu spurious raises, %lu parent interrupts taken\n", nr,
	       s.spurious, interrupts);
	assert_int_equal(s.sets, nr);
	assert_true(interrupts > nr);
	fault_free_all();
}

struct burst_ctx {
	unsigned int nr;
	unsigned int seed;
};

/* On each CPU: @nr sends of random vIPIs (but SILENT) to random CPUs. */
static void fault_burst_here(void *arg)
{
	const struct burst_ctx *ctx = arg;
	unsigned int x = ctx->seed * 2654435761u + smp_processor_id() + 1;

	for (unsigned int i = 0; i < ctx->nr; i++) {
		unsigned int cpu, v;

		x = x * 1103515245u + 12345u;
		cpu = (x >> 16) % mux.nr_cpus;
		v = (x >> 8) % SILENT;
		/* bump, then send: the handler that runs after sees the bump */
		atomic_fetch_add_explicit(&fault_seq[cpu][v], 1, memory_order_relaxed);
		ipi_send_single(mux_virq(v), cpu);
		if (!(i % 16))
			hosted_irq_poll();
	}
}

static void delayed_parent_ipis_are_still_delivered(void **state)
{
	const struct hosted_clint_faults faults = {
		.delay_percent = 100,
		.delay_max_us = 2000,
		.seed = 3,
	};
	const struct burst_ctx burst = { .nr = 5000, .seed = 3 };
	unsigned long sends = 0, runs = 0;
	struct hosted_clint_stats s;

	(void)state;
	fault_request_all();
	assert_int_equal(hosted_clint_set_faults(&faults), 0);
	fault_send_one_at_a_time(300);

	/* every CPU sends at once: coalescing allowed, losing not */
	mux_on_all_cpus(fault_burst_here, (void *)&burst);
	for (unsigned int cpu = 0; cpu < mux.nr_cpus; cpu++) {
		for (unsigned int v = 0; v < mux.nr_vipi; v++) {
			unsigned long final = atomic_load(&fault_seq[cpu][v]);
			_Atomic unsigned long *observed = &per_cpu_ptr(fault_dev, cpu)->observed[v];

			if (!mux_wait_counter(observed, final)) {
				print_error("CPU %u vIPI %u: last send %lu, handler saw %lu\n", cpu,
					    v, final, atomic_load(observed));
				fail();
			}
			sends += final;
			runs += fault_runs(cpu, v);
		}
	}
	hosted_clint_get_stats(&s);
	printf("# delayed: %lu sends, %lu handler runs, %lu MSIP sets, %lu delayed raises\n", sends,
	       runs, s.sets, s.delayed);
	assert_true(s.delayed > 0);
	assert_int_equal(s.delayed, s.sets);
	assert_true(runs <= sends);
	fault_free_all();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		mux_unit_test(duplicated_parent_ipis_are_harmless),
		mux_unit_test(spurious_parent_ipis_are_harmless),
		mux_unit_test(delayed_parent_ipis_are_still_delivered),
	};

	return test_run_isolated("mux_faults", tests, ARRAY_SIZE(tests));
}
