// SPDX-License-Identifier: BSD-2-Clause
/*
 * End to end: one process boots and shuts down many machines, of every
 * size and delivery mode, leaving them in every state a test might: all
 * released, IPIs reserved with handlers enabled, IPIs pending on disabled
 * CPUs, IPIs still in flight. Every shutdown must free everything and the
 * next machine must start from scratch.
 */
#include "e2e.h"

#include <genipi/errno.h>

#define REBOOT_CYCLES 50
#define REBOOT_INFLIGHT_CYCLES 20

enum reboot_leave {
	REBOOT_LEAVE_RELEASED, /* everything freed and destroyed before shutdown */
	REBOOT_LEAVE_ENABLED,  /* reservations and handlers live */
	REBOOT_LEAVE_PENDING,  /* disabled everywhere with an IPI latched on each CPU */
};

static void reboot_cycles(void **state)
{
	unsigned int first_virq[2][16] = { { 0 } };

	assert_true(e2e_nr_configs <= 16);

	(void)state;
	for (unsigned int cycle = 0; cycle < REBOOT_CYCLES; cycle++) {
		const struct e2e_config *cfg = &e2e_configs[cycle % e2e_nr_configs];
		enum reboot_leave leave = (enum reboot_leave)(cycle % 3);
		struct e2e_ipi *per_cpu, *single;
		struct e2e_machine *m;
		unsigned int n, slot;

		m = e2e_machine_boot(cfg);
		assert_non_null(m);
		assert_true(hosted_machine_booted());
		n = m->nr_cpus;
		per_cpu = e2e_ipi_setup(true, &m->all);
		single = e2e_ipi_setup(false, &m->all);

		/* a fresh machine numbers its virqs the same way every time */
		slot = cycle % e2e_nr_configs;
		if (!first_virq[0][slot]) {
			first_virq[0][slot] = per_cpu->virq;
			first_virq[1][slot] = single->virq;
		}
		assert_int_equal(per_cpu->virq, first_virq[0][slot]);
		assert_int_equal(single->virq, first_virq[1][slot]);

		e2e_deliver_all(per_cpu, E2E_FROM_MAIN);
		e2e_deliver_all(single, cycle % n);
		e2e_deliver_single(per_cpu, n - 1, m->rm);
		e2e_deliver_single(single, E2E_FROM_MAIN, cycle % n);
		e2e_check_counts(per_cpu);
		e2e_check_counts(single);

		switch (leave) {
		case REBOOT_LEAVE_RELEASED:
			e2e_ipi_release(per_cpu, &per_cpu->reserved);
			e2e_ipi_release(single, &single->reserved);
			for (unsigned int i = 0; i < per_cpu->nr_virqs; i++)
				assert_null(irq_to_desc(per_cpu->virq + i));
			assert_null(irq_to_desc(single->virq));
			break;
		case REBOOT_LEAVE_ENABLED:
			break;
		case REBOOT_LEAVE_PENDING:
			e2e_ipi_disable(per_cpu, &m->cpus);
			e2e_ipi_disable(single, &m->cpus);
			assert_int_equal(e2e_send_all(per_cpu, E2E_FROM_MAIN, 0), 0);
			assert_int_equal(e2e_send_all(single, 0, 0), 0);
			break;
		}
		e2e_check_clean();
		assert_int_equal(e2e_machine_shutdown(), 0);
		assert_false(hosted_machine_booted());
		assert_null(hosted_swipi_domain(true));
		assert_null(hosted_swipi_domain(false));
	}
}

/* Shut down right after a storm, with handlers still running or pending. */
static void reboot_with_ipis_in_flight(void **state)
{
	(void)state;
	for (unsigned int cycle = 0; cycle < REBOOT_INFLIGHT_CYCLES; cycle++) {
		const struct e2e_config *cfg = &e2e_configs[cycle % e2e_nr_configs];
		struct e2e_ipi *per_cpu, *single;
		struct e2e_machine *m;

		m = e2e_machine_boot(cfg);
		assert_non_null(m);
		per_cpu = e2e_ipi_setup(true, &m->all);
		single = e2e_ipi_setup(false, &m->all);
		e2e_storm(per_cpu, &m->cpus, 10, cycle & 1);
		e2e_storm(single, &m->cpus, 10, !(cycle & 1));
		for (unsigned int i = 0; i < 10; i++) {
			assert_int_equal(e2e_send_all(per_cpu, E2E_FROM_MAIN, 0), 0);
			assert_int_equal(e2e_send_all(single, E2E_FROM_MAIN, 0), 0);
		}
		assert_int_equal(e2e_machine_shutdown(), 0);
	}
}

static void reboot_never_called(void *arg)
{
	(void)arg;
	fail_msg("ran on a CPU of no machine");
}

static void reboot_machine_is_exclusive(void **state)
{
	struct hosted_machine_config cfg = { .nr_cpus = 2, .delivery = HOSTED_DELIVERY_SLEEP };
	struct e2e_machine *m;

	(void)state;
	m = e2e_machine_boot(&e2e_configs[0]);
	assert_non_null(m);
	assert_int_equal(hosted_machine_boot(&cfg), -EBUSY);
	/* the running machine is untouched */
	{
		struct e2e_ipi *ipi = e2e_ipi_setup(true, &m->all);

		e2e_deliver_all(ipi, E2E_FROM_MAIN);
		e2e_check_counts(ipi);
	}
	assert_int_equal(e2e_machine_shutdown(), 0);
	hosted_machine_shutdown(); /* a second shutdown does nothing */

	/* nothing to act on without a machine */
	assert_int_equal(hosted_run_on_cpus(cpu_possible_mask, reboot_never_called, NULL), -EINVAL);
	assert_int_equal(hosted_remote_add("rm", E2E_RM_HWID), -EINVAL);
	assert_int_equal(hosted_remote_count(0, HOSTED_LINE_SWIPI), 0);
	assert_null(hosted_swipi_domain(true));

	/* and the next machine boots as if it were the first */
	m = e2e_machine_boot(&e2e_configs[e2e_nr_configs - 1]);
	assert_non_null(m);
	{
		struct e2e_ipi *ipi = e2e_ipi_setup(false, &m->all);

		e2e_deliver_all(ipi, E2E_FROM_MAIN);
		e2e_check_counts(ipi);
	}
	assert_int_equal(e2e_machine_shutdown(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(reboot_cycles, e2e_teardown),
		cmocka_unit_test_teardown(reboot_with_ipis_in_flight, e2e_teardown),
		cmocka_unit_test_teardown(reboot_machine_is_exclusive, e2e_teardown),
	};

	return cmocka_run_group_tests_name("e2e_reboot", tests, NULL, NULL);
}
