// SPDX-License-Identifier: BSD-2-Clause
/*
 * Machines booted from device trees, end to end: examples/riscv-clint.dts
 * (4 harts, a CLINT at 0x2000000, 8 virtual IPIs) and fixtures with hart
 * ids that are not CPU numbers, a remote processor, and a CLINT that comes
 * before its parents in node order.
 *
 * The virtual IPIs are the multiplexer's (nothing is reserved): requested
 * with request_percpu_irq(), enabled on each CPU, sent with
 * ipi_send_single() and ipi_send_mask(); each send must run the handler on
 * exactly its targets, through the CLINT model's MSIP register of each
 * target's hart id.
 */
#define _POSIX_C_SOURCE 200809L

#include "fdt-test.h"

#include <genipi/hosted-clint.h>
#include <genipi/hosted-mmio.h>
#include <genipi/io.h>
#include <genipi/irqchip/riscv-clint.h>

#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CLINT "/soc/clint@2000000"
#define WAIT_MS 10000

/* The machine under test. */
static void *fdt;
static unsigned int first_virq, nr_virq;

/* What each CPU's handler saw. */
struct fdt_dev {
	unsigned int cpu;
	_Atomic unsigned long runs;
	_Atomic unsigned long wrong_cpu;
};

static struct fdt_dev *devs;

static irqreturn_t fdt_handler(int irq, void *dev_id)
{
	struct fdt_dev *d = dev_id;

	(void)irq;
	if (d->cpu != smp_processor_id())
		atomic_fetch_add_explicit(&d->wrong_cpu, 1, memory_order_relaxed);
	/* release: pairs with the acquire in wait_runs() */
	atomic_fetch_add_explicit(&d->runs, 1, memory_order_release);
	return IRQ_HANDLED;
}

static unsigned long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long)ts.tv_sec * 1000UL + (unsigned long)ts.tv_nsec / 1000000UL;
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static unsigned long runs(unsigned int cpu)
{
	return atomic_load_explicit(&per_cpu_ptr(devs, cpu)->runs, memory_order_acquire);
}

static void wait_runs(unsigned int cpu, unsigned long value)
{
	unsigned long start = now_ms();

	while (runs(cpu) < value) {
		if (now_ms() - start > WAIT_MS) {
			print_error("CPU %u: %lu handler runs, waited for %lu\n", cpu, runs(cpu),
				    value);
			fail();
		}
		sched_yield();
	}
}

/* Boot @path (nr_cpus 0: all the DT's) and find the CLINT's virtual IPIs. */
static void boot(const char *path, unsigned int nr_cpus)
{
	struct hosted_machine_config cfg = {
		.nr_cpus = nr_cpus,
		.delivery = HOSTED_DELIVERY_SLEEP,
	};
	char err[FDT_TEST_ERRLEN] = "";
	int ret;

	test_log_install();
	fdt = fdt_test_load(path, NULL);
	ret = hosted_machine_boot_fdt(fdt, &cfg, err, sizeof(err));
	if (ret) {
		print_error("hosted_machine_boot_fdt(%s): %d: %s\n", path, ret, err);
		fail();
	}
	ret = irqchip_fdt_ipi_virqs(fdt, -1, &nr_virq);
	assert_true(ret > 0);
	first_virq = (unsigned int)ret;
}

static void enable_here(void *arg)
{
	enable_percpu_irq(*(unsigned int *)arg, IRQ_TYPE_NONE);
}

static void disable_here(void *arg)
{
	disable_percpu_irq(*(unsigned int *)arg);
}

/* Request @virq with fdt_handler and enable it on every CPU. */
static void request(unsigned int virq)
{
	devs = alloc_percpu(struct fdt_dev);
	assert_non_null(devs);
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
		per_cpu_ptr(devs, cpu)->cpu = cpu;
	assert_int_equal(request_percpu_irq(virq, fdt_handler, "fdt-test", devs), 0);
	assert_int_equal(hosted_run_on_cpus(cpu_possible_mask, enable_here, &virq), 0);
}

static void release(unsigned int virq)
{
	assert_int_equal(hosted_run_on_cpus(cpu_possible_mask, disable_here, &virq), 0);
	free_percpu_irq(virq, devs);
	free_percpu(devs);
	devs = NULL;
}

static void shutdown_and_check(void)
{
	int clint = fdt_node_offset_by_compatible(fdt, -1, "riscv,clint0");

	if (clint < 0)
		clint = fdt_node_offset_by_compatible(fdt, -1, "riscv,aclint-mswi");
	hosted_machine_shutdown();
	fdt_test_assert_nothing_left(fdt, clint, 0);
	free(fdt);
	fdt = NULL;
}

/*
 * Send @virq to each CPU, then to @mask; after each send the targets' counts
 * went up by one and nobody else's moved.
 */
static void send_and_check(unsigned int virq, const struct cpumask *mask)
{
	unsigned long before[NR_CPUS];
	unsigned int cpu, t;

	for (t = 0; t < nr_cpu_ids; t++) {
		for (cpu = 0; cpu < nr_cpu_ids; cpu++)
			before[cpu] = runs(cpu);
		assert_int_equal(ipi_send_single(virq, t), 0);
		wait_runs(t, before[t] + 1);
		sleep_ms(5);
		for (cpu = 0; cpu < nr_cpu_ids; cpu++)
			assert_int_equal(runs(cpu), before[cpu] + (cpu == t));
	}
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		before[cpu] = runs(cpu);
	assert_int_equal(ipi_send_mask(virq, mask), 0);
	for_each_cpu(t, mask)
		wait_runs(t, before[t] + 1);
	sleep_ms(5);
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		assert_int_equal(runs(cpu), before[cpu] + cpumask_test_cpu(cpu, mask));
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		assert_int_equal(atomic_load(&per_cpu_ptr(devs, cpu)->wrong_cpu), 0);
}

/* ---- examples/riscv-clint.dts --------------------------------------------- */

static void example_boots_four_harts_with_one_cpu_domain(void **state)
{
	struct irq_domain *cpu_domain;
	int intc[4], clint;
	char path[64];

	(void)state;
	boot(FDT_TEST_EXAMPLE("riscv-clint"), 0);
	assert_int_equal(nr_cpu_ids, 4);
	assert_int_equal(nr_target_ids, 4);
	cpu_domain = hosted_cpu_intc_domain();
	assert_non_null(cpu_domain);
	for (unsigned int h = 0; h < 4; h++) {
		assert_int_equal(target_hwid(h), h);
		assert_true(cpumask_test_cpu(h, cpu_online_mask));
		snprintf(path, sizeof(path), "/cpus/cpu@%u/interrupt-controller", h);
		intc[h] = fdt_test_node(fdt, path);
		/* every hart's node leads to the one domain */
		assert_ptr_equal(irqchip_fdt_fwnode(fdt, intc[h]), cpu_domain->fwnode);
		assert_ptr_equal(irqchip_fdt_domain(fdt, intc[h], DOMAIN_BUS_ANY), cpu_domain);
		assert_int_equal(irqchip_fdt_cpu_of(fdt, intc[h]), (int)h);
	}
	/* the first hart's node named it */
	assert_string_equal(cpu_domain->name, "/cpus/cpu@0/interrupt-controller");

	clint = fdt_test_node(fdt, CLINT);
	assert_non_null(irqchip_fdt_fwnode(fdt, clint));
	assert_string_equal(irqchip_fdt_fwnode(fdt, clint)->name, CLINT);
	assert_int_equal(irqchip_fdt_ipi_virqs(fdt, clint, NULL), (int)first_virq);
	assert_int_equal(nr_virq, 8);
	/* a node that is no controller has nothing */
	assert_null(irqchip_fdt_fwnode(fdt, fdt_test_node(fdt, "/cpus")));
	assert_int_equal(irqchip_fdt_cpu_of(fdt, clint), -EINVAL);
	shutdown_and_check();
}

static void example_ipis_reach_exactly_their_targets(void **state)
{
	struct hosted_clint_stats stats;
	unsigned long before[4];
	struct cpumask mask;
	unsigned int virq;

	(void)state;
	boot(FDT_TEST_EXAMPLE("riscv-clint"), 0);
	virq = first_virq + 5;
	request(virq);
	cpumask_clear(&mask);
	cpumask_set_cpu(1, &mask);
	cpumask_set_cpu(3, &mask);
	send_and_check(virq, &mask);
	for (unsigned int cpu = 0; cpu < 4; cpu++)
		before[cpu] = runs(cpu);
	assert_int_equal(ipi_send_all(virq), 0);
	for (unsigned int cpu = 0; cpu < 4; cpu++)
		wait_runs(cpu, before[cpu] + 1);
	release(virq);
	/* every send wrote one MSIP of an existing hart */
	hosted_clint_get_stats(&stats);
	assert_true(stats.sets >= 4 + 2 + 4);
	assert_int_equal(stats.dropped, 0);
	assert_int_equal(hosted_mmio_bad_accesses(), 0);
	shutdown_and_check();
}

static void example_boots_fewer_cpus_on_request(void **state)
{
	struct cpumask mask;
	unsigned int virq;

	(void)state;
	boot(FDT_TEST_EXAMPLE("riscv-clint"), 2);
	assert_int_equal(nr_cpu_ids, 2);
	/* the other harts' controllers are probed, but are no CPU's */
	assert_int_equal(irqchip_fdt_cpu_of(fdt, fdt_test_node(fdt, "/cpus/cpu@3/interrupt-"
								    "controller")),
			 -ENODEV);
	virq = first_virq;
	request(virq);
	cpumask_copy(&mask, cpu_possible_mask);
	send_and_check(virq, &mask);
	release(virq);
	shutdown_and_check();
}

static void example_reboots_without_leaks(void **state)
{
	(void)state;
	for (unsigned int round = 0; round < 3; round++) {
		struct cpumask mask;

		boot(round % 2 ? FDT_TEST_FIXTURE("clint-sparse") : FDT_TEST_EXAMPLE("riscv-clint"),
		     0);
		request(first_virq);
		cpumask_clear(&mask);
		cpumask_set_cpu(round % nr_cpu_ids, &mask);
		send_and_check(first_virq, &mask);
		release(first_virq);
		shutdown_and_check();
	}
}

/* ---- hart ids that are not CPU numbers ------------------------------------ */

static uint32_t msip_of_hwid(unsigned long hwid)
{
	return readl((char *)ioremap(HOSTED_CLINT_BASE, HOSTED_CLINT_SIZE) +
		     HOSTED_CLINT_MSIP(hwid));
}

static void dying_here(void *arg)
{
	*(int *)arg = clint_ipi_dying_cpu();
}

static void starting_here(void *arg)
{
	*(int *)arg = clint_ipi_starting_cpu();
}

static void sparse_hart_ids_and_a_remote_processor(void **state)
{
	int remote;

	(void)state;
	boot(FDT_TEST_FIXTURE("clint-sparse"), 0);
	assert_int_equal(nr_cpu_ids, 4);
	for (unsigned int cpu = 0; cpu < 4; cpu++)
		assert_int_equal(target_hwid(cpu), 2 * cpu + 1);
	assert_int_equal(nr_target_ids, 5);
	assert_int_equal(target_hwid(4), 9);
	remote = hosted_raise_line(4, 3);
	assert_int_equal(remote, 0);
	assert_int_equal(hosted_remote_wait(4, 3, 1, WAIT_MS), 0);
	assert_int_equal(nr_virq, 4);
	assert_int_equal(irqchip_fdt_cpu_of(fdt, fdt_test_node(fdt, "/cpus/cpu@5/interrupt-"
								    "controller")),
			 2);
	shutdown_and_check();
}

/*
 * With a target's software interrupt disabled there, a send leaves its MSIP
 * set: exactly the register at base + 4 * that hart's id, nobody else's.
 * Enabling the interrupt takes it, and the handler clears MSIP.
 */
static void sends_write_the_msip_of_the_target_hart_id(void **state)
{
	struct cpumask mask;
	unsigned int virq;

	(void)state;
	boot(FDT_TEST_FIXTURE("clint-sparse"), 0);
	virq = first_virq + 3;
	request(virq);
	for (unsigned int t = 0; t < nr_cpu_ids; t++) {
		unsigned long hwid = target_hwid(t);
		int ret = -1;

		assert_int_equal(hosted_run_on_cpu(t, dying_here, &ret), 0);
		assert_int_equal(ret, 0);
		assert_int_equal(ipi_send_single(virq, t), 0);
		for (unsigned long h = 0; h < 16; h++)
			assert_int_equal(msip_of_hwid(h), h == hwid ? CLINT_MSIP_PENDING : 0);
		assert_int_equal(runs(t), 0);
		assert_int_equal(hosted_run_on_cpu(t, starting_here, &ret), 0);
		assert_int_equal(ret, 0);
		wait_runs(t, 1);
		assert_int_equal(msip_of_hwid(hwid), 0);
	}
	cpumask_clear(&mask);
	cpumask_set_cpu(0, &mask);
	cpumask_set_cpu(2, &mask);
	send_and_check(virq, &mask);
	release(virq);
	assert_int_equal(hosted_mmio_bad_accesses(), 0);
	shutdown_and_check();
}

/* The CLINT precedes its parents in node order: the probe orders by parent. */
static void parents_are_initialised_first(void **state)
{
	struct cpumask mask;

	(void)state;
	boot(FDT_TEST_FIXTURE("clint-first"), 0);
	assert_int_equal(nr_cpu_ids, 2);
	request(first_virq);
	cpumask_copy(&mask, cpu_possible_mask);
	send_and_check(first_virq, &mask);
	release(first_virq);
	shutdown_and_check();
}

static void cpu_starting_here(void *arg)
{
	_Atomic int *failed = arg;

	if (irqchip_fdt_cpu_starting())
		atomic_store(failed, 1);
}

/*
 * The framework without hosted_machine_boot_fdt(): a built-in machine (its
 * own cpu-intc domain), the CLINT model attached by hand, then a probe. The
 * harts' controller nodes share the built-in domain.
 */
static void probe_on_a_built_in_machine_shares_its_cpu_domain(void **state)
{
	char err[FDT_TEST_ERRLEN] = "";
	struct irq_domain *cpu_domain;
	_Atomic int failed = 0;
	struct cpumask mask;
	int ret;

	(void)state;
	fdt = fdt_test_load(FDT_TEST_EXAMPLE("riscv-clint"), NULL);
	assert_int_equal(test_machine_boot(4), 0);
	cpu_domain = hosted_cpu_intc_domain();
	assert_non_null(cpu_domain);
	assert_int_equal(hosted_clint_attach(), 0);
	/* the 4 harts' controllers and the CLINT */
	assert_int_equal(irqchip_fdt_probe(fdt, err, sizeof(err)), 5);
	assert_ptr_equal(hosted_cpu_intc_domain(), cpu_domain);
	assert_ptr_equal(irqchip_fdt_domain(fdt,
					    fdt_test_node(fdt, "/cpus/cpu@2/interrupt-"
							       "controller"),
					    DOMAIN_BUS_ANY),
			 cpu_domain);
	/* one probe per machine */
	assert_int_equal(irqchip_fdt_probe(fdt, err, sizeof(err)), -EBUSY);
	assert_contains(err, "probed already");
	assert_int_equal(hosted_run_on_cpus(cpu_possible_mask, cpu_starting_here, &failed), 0);
	assert_int_equal(atomic_load(&failed), 0);

	ret = irqchip_fdt_ipi_virqs(fdt, -1, &nr_virq);
	assert_true(ret > 0);
	first_virq = (unsigned int)ret;
	request(first_virq);
	cpumask_clear(&mask);
	cpumask_set_cpu(2, &mask);
	send_and_check(first_virq, &mask);
	release(first_virq);
	hosted_clint_detach();
	shutdown_and_check();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(example_boots_four_harts_with_one_cpu_domain),
		cmocka_unit_test(example_ipis_reach_exactly_their_targets),
		cmocka_unit_test(example_boots_fewer_cpus_on_request),
		cmocka_unit_test(example_reboots_without_leaks),
		cmocka_unit_test(sparse_hart_ids_and_a_remote_processor),
		cmocka_unit_test(sends_write_the_msip_of_the_target_hart_id),
		cmocka_unit_test(parents_are_initialised_first),
		cmocka_unit_test(probe_on_a_built_in_machine_shares_its_cpu_domain),
	};

	return test_run_isolated("fdt_clint", tests, ARRAY_SIZE(tests));
}
