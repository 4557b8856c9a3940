// SPDX-License-Identifier: BSD-2-Clause
/*
 * End to end over the single swipi variant (an IRQ_DOMAIN_FLAG_IPI_SINGLE
 * domain, like the Kalray Coolidge IPI controller or a GIC SGI): one virq
 * and one hwirq (a register set) serve every target of a reservation.
 */
#include "e2e-scenarios.h"

#include <genipi/errno.h>

static void single_reservation_has_one_virq_and_one_hwirq(void **state)
{
	struct e2e_machine *m = *state;
	struct e2e_ipi *ipi, *rm_only;
	irq_hw_number_t hwirq;
	int err;

	m->allow_log = true; /* the refused requests are reported */

	ipi = e2e_ipi_reserve(false, &m->all, &err);
	assert_non_null(ipi);
	assert_int_equal(ipi->nr_virqs, 1);
	hwirq = ipi_get_hwirq(ipi->virq, 0);
	assert_true(hwirq < HOSTED_SWIPI_SINGLE_NR_SETS);
	assert_true(ipi_get_hwirq(ipi->virq, m->rm) == hwirq);
	assert_true(irqd_to_hwirq(irq_get_irq_data(ipi->virq)) == hwirq);
	/* one handler for every CPU, requested once */
	e2e_ipi_request(ipi);
	assert_int_equal(request_percpu_irq(ipi->virq, e2e_dummy_handler, "again", ipi->stat),
			 -EBUSY);
	e2e_ipi_enable(ipi, &m->cpus);

	/* a reservation of the remote processor alone has nothing to request */
	rm_only = e2e_ipi_reserve(false, cpumask_of(m->rm), &err);
	assert_non_null(rm_only);
	assert_true(ipi_get_hwirq(rm_only->virq, m->rm) != hwirq);
	assert_int_equal(request_percpu_irq(rm_only->virq, e2e_dummy_handler, "rm", ipi->stat),
			 -EINVAL);

	e2e_deliver_all(ipi, E2E_FROM_MAIN);
	e2e_deliver_all(rm_only, E2E_FROM_MAIN);
	e2e_check_counts(ipi);
}

/* A single reservation may have holes: even CPUs and the remote processor. */
static void single_reservation_with_holes_reaches_only_its_targets(void **state)
{
	struct e2e_machine *m = *state;
	struct cpumask even;
	struct e2e_ipi *ipi;
	unsigned int cpu, from;

	m->allow_log = true; /* sends outside the reservation are reported */
	cpumask_clear(&even);
	for (cpu = 0; cpu < m->nr_cpus; cpu += 2)
		cpumask_set_cpu(cpu, &even);
	cpumask_set_cpu(m->rm, &even);
	ipi = e2e_ipi_setup(false, &even);

	for_each_cpu(from, &m->cpus) {
		e2e_deliver_all(ipi, from);
		e2e_deliver_mask(ipi, from, &even);
		for_each_cpu(cpu, &even)
			e2e_deliver_single(ipi, from, cpu);
	}
	for (cpu = 1; cpu < m->nr_cpus; cpu += 2) {
		assert_int_equal(e2e_send_single(ipi, E2E_FROM_MAIN, 0, cpu), -EINVAL);
		assert_int_equal(e2e_send_mask(ipi, cpu, 0, &m->all), -EINVAL);
		assert_true(ipi_get_hwirq(ipi->virq, cpu) == INVALID_HWIRQ);
	}
	e2e_check_counts(ipi);
}

/* The hwirq is the register set: a send writes the targets' hwid bits there. */
static void single_send_writes_the_target_hwids_to_its_set(void **state)
{
	struct e2e_machine *m = *state;
	struct e2e_ipi *ipi = e2e_ipi_setup(false, &m->all);
	unsigned long set = ipi_get_hwirq(ipi->virq, 0);
	unsigned long offset = HOSTED_SWIPI_SINGLE_INTERRUPT(set);
	uint32_t every = (uint32_t)(1UL << E2E_RM_HWID);
	unsigned int cpu;

	for (cpu = 0; cpu < m->nr_cpus; cpu++)
		every |= 1U << cpu; /* CPU i has hwid i */
	e2e_deliver_all(ipi, E2E_FROM_MAIN);
	assert_int_equal(hosted_swipi_last_write(false, offset), every);
	e2e_deliver_single(ipi, E2E_FROM_MAIN, m->rm);
	assert_int_equal(hosted_swipi_last_write(false, offset), 1UL << E2E_RM_HWID);
	e2e_deliver_single(ipi, m->nr_cpus - 1, 0);
	assert_int_equal(hosted_swipi_last_write(false, offset), 1);
	/* a send to everyone is one register write */
	{
		unsigned long writes = hosted_swipi_writes(false, offset);

		e2e_deliver_all(ipi, 0);
		assert_int_equal(hosted_swipi_writes(false, offset), writes + 1);
	}
	assert_int_equal(hosted_swipi_dropped(false), 0);
	e2e_check_counts(ipi);
}

#define SCENARIO(name)                                                                             \
	static void single_##name(void **state)                                                    \
	{                                                                                          \
		e2e_scenario_##name(*state, false);                                                \
	}

SCENARIO(send_single_from_main)
SCENARIO(send_single_between_cpus)
SCENARIO(send_mask)
SCENARIO(send_all)
SCENARIO(reservations_independent)
SCENARIO(partial_destroy)
SCENARIO(run_out_and_recover)

static void single_storm_send_all(void **state)
{
	e2e_scenario_storm(*state, false, false);
}

static void single_storm_send_single(void **state)
{
	e2e_scenario_storm(*state, false, true);
}

int main(int argc, char **argv)
{
	static const struct e2e_case cases[] = {
		{ "single_reservation_has_one_virq_and_one_hwirq",
		  single_reservation_has_one_virq_and_one_hwirq },
		{ "single_reservation_with_holes_reaches_only_its_targets",
		  single_reservation_with_holes_reaches_only_its_targets },
		{ "single_send_writes_the_target_hwids_to_its_set",
		  single_send_writes_the_target_hwids_to_its_set },
		{ "single_send_single_from_main", single_send_single_from_main },
		{ "single_send_single_between_cpus", single_send_single_between_cpus },
		{ "single_send_mask", single_send_mask },
		{ "single_send_all", single_send_all },
		{ "single_reservations_independent", single_reservations_independent },
		{ "single_partial_destroy", single_partial_destroy },
		{ "single_run_out_and_recover", single_run_out_and_recover },
		{ "single_storm_send_all", single_storm_send_all },
		{ "single_storm_send_single", single_storm_send_single },
	};

	return e2e_run("e2e_single", cases, ARRAY_SIZE(cases), argc, argv);
}
