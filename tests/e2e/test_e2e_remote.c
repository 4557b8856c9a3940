// SPDX-License-Identifier: BSD-2-Clause
/*
 * End to end with remote processors: targets that run none of our code
 * (Kalray's resource-manager core, a DSP) but can be interrupted. Each
 * machine has one, "rm"; some tests add a second. ipi_get_hwirq() is what
 * such a processor is told to expect; the hosted model counts, per input
 * line, what reaches it.
 */
#include "e2e-scenarios.h"

#include <genipi/errno.h>

/* Hardware ids of the extra remote processors some tests add. */
#define E2E_DSP_HWID 30UL
#define E2E_FAR_HWID 40UL /* beyond the single variant's 32 hwid bits */

static void remote_per_cpu_hwirq_is_the_one_raised(void **state)
{
	struct e2e_machine *m = *state;
	struct e2e_ipi *ipi = e2e_ipi_setup(true, &m->all);
	irq_hw_number_t hwirq = ipi_get_hwirq(ipi->virq, m->rm);
	unsigned int from;

	assert_true(hwirq < HOSTED_SWIPI_PERCPU_NR_HWIRQS);
	/* the driver routed the remote's hwirq to the remote's hardware id */
	assert_int_equal(hosted_swipi_last_write(true, HOSTED_SWIPI_ROUTE(hwirq)), E2E_RM_HWID);

	e2e_deliver_single(ipi, E2E_FROM_MAIN, m->rm);
	assert_int_equal(hosted_swipi_last_write(true, HOSTED_SWIPI_SEND), hwirq);
	for_each_cpu(from, &m->cpus) {
		e2e_deliver_single(ipi, from, m->rm);
		assert_int_equal(hosted_swipi_last_write(true, HOSTED_SWIPI_SEND), hwirq);
		e2e_deliver_mask(ipi, from, cpumask_of(m->rm));
	}
	assert_int_equal(hosted_swipi_dropped(true), 0);
	e2e_check_counts(ipi);
}

static void remote_single_hwirq_is_the_set_raised(void **state)
{
	struct e2e_machine *m = *state;
	struct e2e_ipi *ipi = e2e_ipi_setup(false, &m->all);
	irq_hw_number_t hwirq = ipi_get_hwirq(ipi->virq, m->rm);
	unsigned int from;

	assert_true(hwirq < HOSTED_SWIPI_SINGLE_NR_SETS);
	assert_int_equal(e2e_ipi_line(ipi, m->rm), HOSTED_LINE_SWIPI_SINGLE(hwirq));
	e2e_deliver_single(ipi, E2E_FROM_MAIN, m->rm);
	for_each_cpu(from, &m->cpus) {
		e2e_deliver_single(ipi, from, m->rm);
		assert_int_equal(hosted_swipi_last_write(false,
							 HOSTED_SWIPI_SINGLE_INTERRUPT(hwirq)),
				 1UL << E2E_RM_HWID);
	}
	/* exact line counts: only line HOSTED_LINE_SWIPI_SINGLE(hwirq) moved */
	e2e_check_counts(ipi);
}

static void remote_only_reservation(struct e2e_machine *m, bool per_cpu)
{
	struct e2e_ipi *ipi = e2e_ipi_setup(per_cpu, cpumask_of(m->rm));
	unsigned int from;

	m->allow_log = true; /* the failing calls are reported */
	assert_int_equal(ipi->offset, m->rm);
	assert_int_equal(request_percpu_irq(ipi->virq, e2e_dummy_handler, "rm", ipi->stat),
			 -EINVAL);
	assert_int_equal(e2e_send_single(ipi, E2E_FROM_MAIN, 0, 0), -EINVAL);
	assert_int_equal(e2e_send_mask(ipi, E2E_FROM_MAIN, 0, &m->all), -EINVAL);
	assert_true(ipi_get_hwirq(ipi->virq, 0) == INVALID_HWIRQ);

	e2e_deliver_all(ipi, E2E_FROM_MAIN);
	for_each_cpu(from, &m->cpus) {
		e2e_deliver_single(ipi, from, m->rm);
		e2e_deliver_mask(ipi, from, cpumask_of(m->rm));
		e2e_deliver_all(ipi, from);
	}
	e2e_check_counts(ipi);

	e2e_ipi_release(ipi, cpumask_of(m->rm));
	assert_null(irq_to_desc(ipi->virq));
	assert_int_equal(e2e_send_all(ipi, E2E_FROM_MAIN, ipi->virq), -EINVAL);
	assert_int_equal(e2e_send_single(ipi, 0, ipi->virq, m->rm), -EINVAL);
	assert_true(ipi_get_hwirq(ipi->virq, m->rm) == INVALID_HWIRQ);
	e2e_check_counts(ipi);
}

static void remote_only_reservation_per_cpu(void **state)
{
	remote_only_reservation(*state, true);
}

static void remote_only_reservation_single(void **state)
{
	remote_only_reservation(*state, false);
}

/* Two remote processors: each send reaches exactly the ones it names. */
static void remote_two_remotes(struct e2e_machine *m, bool per_cpu)
{
	unsigned int dsp = e2e_add_remote("dsp", E2E_DSP_HWID), from;
	struct cpumask remotes;
	struct e2e_ipi *ipi, *pair;

	cpumask_clear(&remotes);
	cpumask_set_cpu(m->rm, &remotes);
	cpumask_set_cpu(dsp, &remotes);
	ipi = e2e_ipi_setup(per_cpu, &m->all);
	pair = e2e_ipi_setup(per_cpu, &remotes);
	assert_true(ipi_get_hwirq(ipi->virq, dsp) != INVALID_HWIRQ);
	if (per_cpu)
		assert_true(ipi_get_hwirq(ipi->virq, dsp) != ipi_get_hwirq(ipi->virq, m->rm));
	else
		assert_true(ipi_get_hwirq(pair->virq, dsp) == ipi_get_hwirq(pair->virq, m->rm));

	e2e_deliver_single(ipi, E2E_FROM_MAIN, m->rm);
	e2e_check_counts(ipi); /* the dsp got nothing */
	e2e_deliver_single(ipi, E2E_FROM_MAIN, dsp);
	e2e_check_counts(ipi); /* rm got nothing more */
	for_each_cpu(from, &m->cpus) {
		e2e_deliver_single(pair, from, dsp);
		e2e_deliver_mask(pair, from, &remotes);
		e2e_deliver_single(pair, from, m->rm);
		e2e_deliver_all(ipi, from);
	}
	e2e_deliver_all(pair, E2E_FROM_MAIN);
	e2e_check_counts(ipi);
	e2e_check_counts(pair);
}

static void remote_two_remotes_per_cpu(void **state)
{
	remote_two_remotes(*state, true);
}

static void remote_two_remotes_single(void **state)
{
	remote_two_remotes(*state, false);
}

/* Releasing the remote processor's part leaves the CPUs' working. */
static void remote_release_keeps_cpus(struct e2e_machine *m, bool per_cpu)
{
	struct e2e_ipi *ipi = e2e_ipi_setup(per_cpu, &m->all);
	unsigned int virq = e2e_ipi_virq(ipi, m->rm);

	m->allow_log = true;
	e2e_deliver_all(ipi, E2E_FROM_MAIN);
	e2e_ipi_release(ipi, cpumask_of(m->rm));
	assert_true(cpumask_equal(&ipi->reserved, &m->cpus));
	if (per_cpu)
		assert_null(irq_to_desc(virq));
	assert_int_equal(e2e_send_single(ipi, E2E_FROM_MAIN, 0, m->rm), -EINVAL);
	assert_int_equal(e2e_send_mask(ipi, 0, 0, &m->all), -EINVAL);
	assert_true(ipi_get_hwirq(e2e_ipi_send_virq(ipi), m->rm) == INVALID_HWIRQ);
	/* a second release of the same part is refused */
	assert_int_equal(irq_destroy_ipi(e2e_ipi_send_virq(ipi), cpumask_of(m->rm)), -EINVAL);
	e2e_deliver_all(ipi, E2E_FROM_MAIN);
	e2e_deliver_all(ipi, m->nr_cpus - 1);
	e2e_check_counts(ipi);
}

static void remote_release_keeps_cpus_per_cpu(void **state)
{
	remote_release_keeps_cpus(*state, true);
}

static void remote_release_keeps_cpus_single(void **state)
{
	remote_release_keeps_cpus(*state, false);
}

/*
 * The single controller addresses processors with 32 hwid bits: a remote
 * beyond them can be reserved on the per-CPU controller only.
 */
static void remote_beyond_single_reach(void **state)
{
	struct e2e_machine *m = *state;
	unsigned int far = e2e_add_remote("far", E2E_FAR_HWID);
	struct e2e_ipi *ipi;
	int err = 0;

	m->allow_log = true;
	assert_null(e2e_ipi_reserve(false, cpumask_of(far), &err));
	assert_int_equal(err, -EINVAL);
	assert_null(e2e_ipi_reserve(false, &m->all, &err));
	assert_int_equal(err, -EINVAL);
	/* nothing was taken: all eight sets are still there */
	for (unsigned int i = 0; i < HOSTED_SWIPI_SINGLE_NR_SETS; i++)
		assert_non_null(e2e_ipi_reserve(false, &m->cpus, &err));
	assert_null(e2e_ipi_reserve(false, &m->cpus, &err));
	assert_int_equal(err, -ENOSPC);

	ipi = e2e_ipi_setup(true, &m->all);
	e2e_deliver_single(ipi, E2E_FROM_MAIN, far);
	e2e_deliver_all(ipi, 0);
	e2e_check_counts(ipi);
}

int main(int argc, char **argv)
{
	static const struct e2e_case cases[] = {
		{ "remote_per_cpu_hwirq_is_the_one_raised",
		  remote_per_cpu_hwirq_is_the_one_raised },
		{ "remote_single_hwirq_is_the_set_raised", remote_single_hwirq_is_the_set_raised },
		{ "remote_only_reservation_per_cpu", remote_only_reservation_per_cpu },
		{ "remote_only_reservation_single", remote_only_reservation_single },
		{ "remote_two_remotes_per_cpu", remote_two_remotes_per_cpu },
		{ "remote_two_remotes_single", remote_two_remotes_single },
		{ "remote_release_keeps_cpus_per_cpu", remote_release_keeps_cpus_per_cpu },
		{ "remote_release_keeps_cpus_single", remote_release_keeps_cpus_single },
		{ "remote_beyond_single_reach", remote_beyond_single_reach },
	};

	return e2e_run("e2e_remote", cases, ARRAY_SIZE(cases), argc, argv);
}
