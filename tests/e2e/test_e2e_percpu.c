// SPDX-License-Identifier: BSD-2-Clause
/*
 * End to end over the per-CPU swipi variant (an IRQ_DOMAIN_FLAG_IPI_PER_CPU
 * domain, like the MIPS GIC's IPIs): a reservation gets one virq and one
 * hwirq per target, consecutive from its first target.
 */
#include "e2e-scenarios.h"

#include <genipi/errno.h>

static void percpu_reservation_gives_each_target_a_virq_and_hwirq(void **state)
{
	struct e2e_machine *m = *state;
	struct e2e_ipi *ipi;
	unsigned int t;
	int err;

	m->allow_log = true; /* the refused requests are reported */

	/* the layout checks are in e2e_ipi_reserve() */
	ipi = e2e_ipi_reserve(true, &m->all, &err);
	assert_non_null(ipi);
	assert_int_equal(ipi->nr_virqs, m->nr_cpus + 1);
	assert_int_equal(ipi->offset, 0);
	for_each_cpu(t, &m->all) {
		struct irq_data *data = irq_get_irq_data(ipi->virq + t);

		assert_non_null(data);
		assert_int_equal(data->irq, ipi->virq + t);
		assert_int_equal(data->common->ipi_offset, 0);
	}
	/* no handler for the remote processor's virq: nothing of ours runs there */
	assert_int_equal(request_percpu_irq(e2e_ipi_virq(ipi, m->rm), e2e_dummy_handler, "rm",
					    ipi->stat),
			 -EINVAL);
	e2e_ipi_request(ipi);
	assert_int_equal(request_percpu_irq(e2e_ipi_virq(ipi, 0), e2e_dummy_handler, "again",
					    ipi->stat),
			 -EBUSY);
	e2e_ipi_enable(ipi, &m->cpus);
	e2e_deliver_all(ipi, E2E_FROM_MAIN);
	e2e_check_counts(ipi);
}

static void percpu_reservation_rejects_holes(void **state)
{
	struct e2e_machine *m = *state;
	struct cpumask holes;
	int err = 0;

	m->allow_log = true;
	if (m->nr_cpus < 2)
		skip(); /* CPU 0 and the remote are neighbours: no hole possible */
	/* first and last CPU, the remote beside the first CPU */
	cpumask_clear(&holes);
	cpumask_set_cpu(0, &holes);
	cpumask_set_cpu(m->rm, &holes);
	assert_null(e2e_ipi_reserve(true, &holes, &err));
	assert_int_equal(err, -EINVAL);
	cpumask_clear_cpu(m->rm, &holes);
	cpumask_set_cpu(m->nr_cpus - 1, &holes);
	if (m->nr_cpus > 2) {
		assert_null(e2e_ipi_reserve(true, &holes, &err));
		assert_int_equal(err, -EINVAL);
	}
	/* nothing was taken: every hwirq is still there */
	e2e_scenario_run_out_and_recover(m, true);
}

static void percpu_subset_reservation_reaches_only_its_targets(void **state)
{
	struct e2e_machine *m = *state;
	unsigned int n = m->nr_cpus, lo = n / 2, t, from;
	struct cpumask upper, lower;
	struct e2e_ipi *up, *low;

	m->allow_log = true; /* sends outside the reservation are reported */
	/* the upper CPUs with the remote; the lower CPUs without */
	e2e_mask_range(&upper, lo, n - 1, true);
	up = e2e_ipi_setup(true, &upper);
	assert_int_equal(up->offset, lo);
	for_each_cpu(t, &upper)
		assert_int_equal(irq_get_irq_data(e2e_ipi_virq(up, t))->common->ipi_offset, lo);
	low = NULL;
	if (lo) {
		e2e_mask_range(&lower, 0, lo - 1, false);
		low = e2e_ipi_setup(true, &lower);
	}

	for_each_cpu(from, &m->cpus) {
		e2e_deliver_all(up, from);
		for_each_cpu(t, &upper)
			e2e_deliver_single(up, from, t);
		if (low)
			e2e_deliver_all(low, from);
	}
	for (t = 0; t < lo; t++) {
		assert_int_equal(e2e_send_single(up, E2E_FROM_MAIN, 0, t), -EINVAL);
		assert_int_equal(e2e_send_mask(up, t, 0, &m->all), -EINVAL);
		assert_true(ipi_get_hwirq(up->virq, t) == INVALID_HWIRQ);
	}
	if (low) {
		assert_int_equal(e2e_send_single(low, E2E_FROM_MAIN, 0, m->rm), -EINVAL);
		assert_int_equal(e2e_send_mask(low, 0, 0, &upper), -EINVAL);
		e2e_check_counts(low);
	}
	/* a target past every registered one */
	assert_int_equal(e2e_send_single(up, E2E_FROM_MAIN, 0, nr_target_ids), -EINVAL);
	assert_int_equal(e2e_send_single(up, E2E_FROM_MAIN, 0, NR_TARGETS), -EINVAL);
	e2e_check_counts(up);
}

#define SCENARIO(name)                                                                             \
	static void percpu_##name(void **state)                                                    \
	{                                                                                          \
		e2e_scenario_##name(*state, true);                                                 \
	}

SCENARIO(send_single_from_main)
SCENARIO(send_single_between_cpus)
SCENARIO(send_mask)
SCENARIO(send_all)
SCENARIO(reservations_independent)
SCENARIO(partial_destroy)
SCENARIO(run_out_and_recover)

static void percpu_storm_send_all(void **state)
{
	e2e_scenario_storm(*state, true, false);
}

static void percpu_storm_send_single(void **state)
{
	e2e_scenario_storm(*state, true, true);
}

int main(int argc, char **argv)
{
	static const struct e2e_case cases[] = {
		{ "percpu_reservation_gives_each_target_a_virq_and_hwirq",
		  percpu_reservation_gives_each_target_a_virq_and_hwirq },
		{ "percpu_reservation_rejects_holes", percpu_reservation_rejects_holes },
		{ "percpu_subset_reservation_reaches_only_its_targets",
		  percpu_subset_reservation_reaches_only_its_targets },
		{ "percpu_send_single_from_main", percpu_send_single_from_main },
		{ "percpu_send_single_between_cpus", percpu_send_single_between_cpus },
		{ "percpu_send_mask", percpu_send_mask },
		{ "percpu_send_all", percpu_send_all },
		{ "percpu_reservations_independent", percpu_reservations_independent },
		{ "percpu_partial_destroy", percpu_partial_destroy },
		{ "percpu_run_out_and_recover", percpu_run_out_and_recover },
		{ "percpu_storm_send_all", percpu_storm_send_all },
		{ "percpu_storm_send_single", percpu_storm_send_single },
	};

	return e2e_run("e2e_percpu", cases, ARRAY_SIZE(cases), argc, argv);
}
