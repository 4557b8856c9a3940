// SPDX-License-Identifier: BSD-2-Clause
/*
 * Targets: the cpumask helpers, cpumask_of(), remote-processor registration
 * and the target queries.
 */
#include "test-domains.h"

#include <stdio.h>

/* Targets on both sides of the first word boundary, and the last one. */
#define T_LAST (NR_TARGETS - 1)
#define T_WORD (BITS_PER_LONG < NR_TARGETS ? (unsigned int)BITS_PER_LONG : NR_TARGETS - 2)

/* ---- inline helpers (no machine needed, but booted like the rest) ------- */

static void set_and_clear_change_one_bit(void **state)
{
	struct cpumask m;

	(void)state;
	cpumask_clear(&m);
	cpumask_set_cpu(T_WORD, &m);
	assert_true(cpumask_test_cpu(T_WORD, &m));
	assert_false(cpumask_test_cpu(T_WORD - 1, &m));
	assert_false(cpumask_test_cpu(T_WORD + 1, &m));
	assert_int_equal(cpumask_weight(&m), 1);
	cpumask_set_cpu(T_LAST, &m);
	cpumask_set_cpu(0, &m);
	assert_int_equal(cpumask_weight(&m), 3);
	cpumask_clear_cpu(T_WORD, &m);
	assert_false(cpumask_test_cpu(T_WORD, &m));
	assert_int_equal(cpumask_weight(&m), 2);
	/* clearing a clear bit changes nothing */
	cpumask_clear_cpu(T_WORD, &m);
	assert_int_equal(cpumask_weight(&m), 2);
}

static void nonatomic_set_and_clear_match_atomic_ones(void **state)
{
	struct cpumask a, b;

	(void)state;
	cpumask_clear(&a);
	cpumask_clear(&b);
	for (unsigned int t = 0; t < NR_TARGETS; t += 3) {
		cpumask_set_cpu(t, &a);
		__cpumask_set_cpu(t, &b);
	}
	assert_true(cpumask_equal(&a, &b));
	cpumask_clear_cpu(6, &a);
	__cpumask_clear_cpu(6, &b);
	assert_true(cpumask_equal(&a, &b));
	assert_false(cpumask_test_cpu(6, &b));
}

static void clear_empties_every_word(void **state)
{
	struct cpumask m;

	(void)state;
	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		m.bits[i] = ~0UL;
	cpumask_clear(&m);
	assert_true(cpumask_empty(&m));
	assert_int_equal(cpumask_weight(&m), 0);
	assert_int_equal(cpumask_first(&m), NR_TARGETS);
}

static void copy_and_equal_compare_all_words(void **state)
{
	struct cpumask a = MASK(0, T_WORD, T_LAST), b;

	(void)state;
	cpumask_copy(&b, &a);
	assert_true(cpumask_equal(&a, &b));
	cpumask_clear_cpu(T_LAST, &b);
	assert_false(cpumask_equal(&a, &b));
}

static void and_reports_whether_result_is_nonempty(void **state)
{
	struct cpumask a = MASK(1, 2, T_WORD), b = MASK(2, T_WORD, T_LAST), c = MASK(3), r;
	struct cpumask want = MASK(2, T_WORD);

	(void)state;
	assert_true(cpumask_and(&r, &a, &b));
	assert_true(cpumask_equal(&r, &want));
	assert_false(cpumask_and(&r, &a, &c));
	assert_true(cpumask_empty(&r));
}

static void or_unites_masks(void **state)
{
	struct cpumask a = MASK(1, T_WORD), b = MASK(2, T_LAST), r;
	struct cpumask want = MASK(1, 2, T_WORD, T_LAST);

	(void)state;
	cpumask_or(&r, &a, &b);
	assert_true(cpumask_equal(&r, &want));
}

static void andnot_reports_whether_result_is_nonempty(void **state)
{
	struct cpumask a = MASK(1, 2, T_LAST), b = MASK(2), r;
	struct cpumask want = MASK(1, T_LAST);

	(void)state;
	assert_true(cpumask_andnot(&r, &a, &b));
	assert_true(cpumask_equal(&r, &want));
	assert_false(cpumask_andnot(&r, &b, &a));
	assert_true(cpumask_empty(&r));
}

static void empty_and_weight_see_every_word(void **state)
{
	struct cpumask m = MASK(T_LAST);

	(void)state;
	assert_false(cpumask_empty(&m));
	assert_int_equal(cpumask_weight(&m), 1);
	m = test_mask_range(0, T_LAST);
	assert_int_equal(cpumask_weight(&m), NR_TARGETS);
}

static void subset_and_intersects(void **state)
{
	struct cpumask a = MASK(1, T_LAST), b = MASK(0, 1, T_WORD, T_LAST), c = MASK(2);
	struct cpumask e = test_mask(TEST_END);

	(void)state;
	assert_true(cpumask_subset(&a, &b));
	assert_false(cpumask_subset(&b, &a));
	assert_true(cpumask_subset(&e, &a));
	assert_true(cpumask_subset(&a, &a));
	assert_true(cpumask_intersects(&a, &b));
	assert_false(cpumask_intersects(&a, &c));
	assert_false(cpumask_intersects(&e, &b));
}

static void first_next_and_next_zero_cross_words(void **state)
{
	struct cpumask m = MASK(3, T_WORD, T_LAST);

	(void)state;
	assert_int_equal(cpumask_first(&m), 3);
	assert_int_equal(cpumask_next(-1, &m), 3);
	assert_int_equal(cpumask_next(3, &m), T_WORD);
	assert_int_equal(cpumask_next(T_WORD, &m), T_LAST);
	assert_int_equal(cpumask_next(T_LAST, &m), NR_TARGETS);
	assert_int_equal(cpumask_next_zero(-1, &m), 0);
	assert_int_equal(cpumask_next_zero(2, &m), 4);
	m = test_mask_range(0, T_WORD);
	assert_int_equal(cpumask_next_zero(-1, &m), T_WORD + 1);
}

static void next_zero_of_full_mask_is_nr_targets(void **state)
{
	struct cpumask m = test_mask_range(0, T_LAST);

	(void)state;
	assert_int_equal(cpumask_next_zero(-1, &m), NR_TARGETS);
	/* bits past NR_TARGETS in the last word are not targets */
	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		m.bits[i] = ~0UL;
	assert_int_equal(cpumask_next_zero(-1, &m), NR_TARGETS);
}

static void for_each_cpu_visits_set_bits_in_order(void **state)
{
	struct cpumask m = MASK(0, 5, T_WORD, T_LAST);
	unsigned int want[] = { 0, 5, T_WORD, T_LAST }, n = 0, t;

	(void)state;
	for_each_cpu(t, &m) {
		assert_true(n < ARRAY_SIZE(want));
		assert_int_equal(t, want[n]);
		n++;
	}
	assert_int_equal(n, ARRAY_SIZE(want));
	m = test_mask(TEST_END);
	for_each_cpu(t, &m)
		fail();
}

/* ---- cpumask_of ---------------------------------------------------------- */

static void cpumask_of_holds_only_its_target(void **state)
{
	(void)state;
	for (unsigned int t = 0; t < NR_TARGETS; t++) {
		const struct cpumask *m = cpumask_of(t);

		assert_non_null(m);
		assert_int_equal(cpumask_weight(m), 1);
		assert_true(cpumask_test_cpu(t, m));
	}
	assert_no_warning();
}

static void cpumask_of_is_valid_before_any_machine(void **state)
{
	const struct cpumask *m = cpumask_of(3);

	(void)state;
	assert_non_null(m);
	assert_int_equal(cpumask_weight(m), 1);
	assert_true(cpumask_test_cpu(3, m));
}

static void cpumask_of_out_of_range_warns_and_returns_a_mask(void **state)
{
	(void)state;
	assert_non_null(cpumask_of(NR_TARGETS));
	assert_non_null(cpumask_of(~0U));
	/* one report for the call site, however often it is misused */
	assert_warned_once();
}

/* ---- CPUs and remote processors ------------------------------------------ */

static void boot_makes_cpus_possible_and_online(void **state)
{
	(void)state;
	assert_int_equal(nr_cpu_ids, TEST_MACHINE_NR_CPUS);
	assert_int_equal(nr_target_ids, TEST_MACHINE_NR_CPUS);
	assert_int_equal(cpumask_weight(cpu_possible_mask), TEST_MACHINE_NR_CPUS);
	assert_int_equal(cpumask_weight(cpu_online_mask), TEST_MACHINE_NR_CPUS);
	assert_int_equal(cpumask_first(cpu_possible_mask), 0);
}

static void cpu_targets_are_cpus(void **state)
{
	(void)state;
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		assert_false(target_is_remote(cpu));
		assert_true(target_hwid(cpu) == cpu);
		assert_string_equal(target_name(cpu), "cpu");
	}
}

static void register_remote_returns_next_target_id(void **state)
{
	int a, b;

	(void)state;
	a = ipi_register_remote("rm", 16);
	b = ipi_register_remote("dsp", 0x1234);
	assert_int_equal(a, TEST_MACHINE_NR_CPUS);
	assert_int_equal(b, TEST_MACHINE_NR_CPUS + 1);
	assert_int_equal(nr_target_ids, TEST_MACHINE_NR_CPUS + 2);
	assert_int_equal(nr_cpu_ids, TEST_MACHINE_NR_CPUS);
	assert_true(target_is_remote((unsigned int)a));
	assert_true(target_is_remote((unsigned int)b));
	assert_true(target_hwid((unsigned int)a) == 16);
	assert_true(target_hwid((unsigned int)b) == 0x1234);
	assert_string_equal(target_name((unsigned int)a), "rm");
	assert_string_equal(target_name((unsigned int)b), "dsp");
	/* a remote processor is a target, never a possible or online CPU */
	assert_false(cpumask_test_cpu((unsigned int)a, cpu_possible_mask));
	assert_false(cpumask_test_cpu((unsigned int)a, cpu_online_mask));
	assert_no_warning();
}

static void register_remote_accepts_hwid_of_a_cpu_index(void **state)
{
	int t;

	(void)state;
	/* hwids are the platform's business: one equal to a CPU index is fine */
	t = ipi_register_remote("rm", 0);
	assert_true(t >= TEST_MACHINE_NR_CPUS);
	assert_true(target_hwid((unsigned int)t) == 0);
}

static void register_remote_rejects_null_name(void **state)
{
	(void)state;
	assert_int_equal(ipi_register_remote(NULL, 3), -EINVAL);
	assert_warned_once();
	assert_int_equal(nr_target_ids, TEST_MACHINE_NR_CPUS);
	assert_false(target_is_remote(TEST_MACHINE_NR_CPUS));
	assert_true(target_hwid(TEST_MACHINE_NR_CPUS) == INVALID_HWIRQ);
}

static void register_remote_rejects_call_before_cpus_exist(void **state)
{
	(void)state;
	test_log_install();
	assert_int_equal(ipi_register_remote("rm", 3), -EINVAL);
	assert_int_equal(nr_target_ids, 0);
	assert_warned_once();
}

static void register_remote_fails_with_enospc_when_targets_full(void **state)
{
	static char names[NR_TARGETS][16];
	unsigned int t;

	(void)state;
	for (t = nr_cpu_ids; t < NR_TARGETS; t++) {
		snprintf(names[t], sizeof(names[t]), "r%u", t);
		assert_int_equal(ipi_register_remote(names[t], 100 + t), (int)t);
	}
	assert_int_equal(nr_target_ids, NR_TARGETS);
	assert_int_equal(ipi_register_remote("one-too-many", 7), -ENOSPC);
	assert_int_equal(nr_target_ids, NR_TARGETS);
	assert_true(target_hwid(T_LAST) == 100 + T_LAST);
	assert_string_equal(target_name(T_LAST), names[T_LAST]);
}

static void unknown_targets_have_no_hwid_name_or_remoteness(void **state)
{
	unsigned int unknown[] = { TEST_MACHINE_NR_CPUS, T_LAST, NR_TARGETS, ~0U };

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(unknown); i++) {
		assert_true(target_hwid(unknown[i]) == INVALID_HWIRQ);
		assert_null(target_name(unknown[i]));
		assert_false(target_is_remote(unknown[i]));
	}
}

static void machine_reboot_forgets_remotes(void **state)
{
	(void)state;
	assert_true(ipi_register_remote("rm", 9) > 0);
	test_machine_shutdown();
	assert_int_equal(test_machine_boot(2), 0);
	assert_int_equal(nr_cpu_ids, 2);
	assert_int_equal(nr_target_ids, 2);
	assert_null(target_name(TEST_MACHINE_NR_CPUS));
	assert_false(target_is_remote(2));
	assert_int_equal(ipi_register_remote("rm2", 9), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_machine_unit_test(set_and_clear_change_one_bit),
		test_machine_unit_test(nonatomic_set_and_clear_match_atomic_ones),
		test_machine_unit_test(clear_empties_every_word),
		test_machine_unit_test(copy_and_equal_compare_all_words),
		test_machine_unit_test(and_reports_whether_result_is_nonempty),
		test_machine_unit_test(or_unites_masks),
		test_machine_unit_test(andnot_reports_whether_result_is_nonempty),
		test_machine_unit_test(empty_and_weight_see_every_word),
		test_machine_unit_test(subset_and_intersects),
		test_machine_unit_test(first_next_and_next_zero_cross_words),
		test_machine_unit_test(next_zero_of_full_mask_is_nr_targets),
		test_machine_unit_test(for_each_cpu_visits_set_bits_in_order),
		test_machine_unit_test(cpumask_of_holds_only_its_target),
		cmocka_unit_test(cpumask_of_is_valid_before_any_machine),
		test_machine_unit_test(cpumask_of_out_of_range_warns_and_returns_a_mask),
		test_machine_unit_test(boot_makes_cpus_possible_and_online),
		test_machine_unit_test(cpu_targets_are_cpus),
		test_machine_unit_test(register_remote_returns_next_target_id),
		test_machine_unit_test(register_remote_accepts_hwid_of_a_cpu_index),
		test_machine_unit_test(register_remote_rejects_null_name),
		cmocka_unit_test(register_remote_rejects_call_before_cpus_exist),
		test_machine_unit_test(register_remote_fails_with_enospc_when_targets_full),
		test_machine_unit_test(unknown_targets_have_no_hwid_name_or_remoteness),
		test_machine_unit_test(machine_reboot_forgets_remotes),
	};

	return test_run_isolated("cpumask", tests, ARRAY_SIZE(tests));
}
