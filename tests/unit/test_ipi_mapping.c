// SPDX-License-Identifier: BSD-2-Clause
/*
 * struct ipi_mapping: the target -> hwirq table for per-CPU IPI domains
 * whose hwirqs are not linear, and its use by such a domain.
 */
#include "test-domains.h"

static void alloc_mapping_starts_all_unmapped(void **state)
{
	struct ipi_mapping *map = irq_alloc_ipi_mapping(8);

	(void)state;
	assert_non_null(map);
	for (unsigned int t = 0; t < 8; t++)
		assert_true(irq_ipi_mapping_get_hwirq(map, t) == INVALID_HWIRQ);
	irq_free_ipi_mapping(map);
	assert_no_warning();
}

static void alloc_mapping_accepts_nr_targets(void **state)
{
	struct ipi_mapping *map = irq_alloc_ipi_mapping(NR_TARGETS);

	(void)state;
	assert_non_null(map);
	assert_int_equal(irq_map_ipi(map, NR_TARGETS - 1, 7), 0);
	assert_true(irq_ipi_mapping_get_hwirq(map, NR_TARGETS - 1) == 7);
	irq_free_ipi_mapping(map);
	assert_no_warning();
}

struct alloc_bad_row {
	unsigned int nr_targets;
};

static void alloc_mapping_rejects(void **state)
{
	const struct alloc_bad_row *row = *state;
	long allocs = hosted_alloc_live();

	assert_null(irq_alloc_ipi_mapping(row->nr_targets));
	assert_int_equal(hosted_alloc_live(), allocs);
	assert_warned_once();
}

static struct alloc_bad_row alloc_zero = { 0 };
static struct alloc_bad_row alloc_too_many = { NR_TARGETS + 1 };
static struct alloc_bad_row alloc_huge = { ~0U };

static void alloc_mapping_returns_null_without_memory(void **state)
{
	long allocs = hosted_alloc_live();

	(void)state;
	hosted_alloc_fail_nth(0);
	assert_null(irq_alloc_ipi_mapping(4));
	hosted_alloc_fail_nth(-1);
	assert_int_equal(hosted_alloc_live(), allocs);
}

static void free_mapping_ignores_null(void **state)
{
	(void)state;
	irq_free_ipi_mapping(NULL);
	assert_no_warning();
}

static void map_sets_hwirq_of_target_only(void **state)
{
	struct ipi_mapping *map = irq_alloc_ipi_mapping(4);

	(void)state;
	assert_int_equal(irq_map_ipi(map, 2, 42), 0);
	assert_true(irq_ipi_mapping_get_hwirq(map, 2) == 42);
	assert_true(irq_ipi_mapping_get_hwirq(map, 1) == INVALID_HWIRQ);
	assert_true(irq_ipi_mapping_get_hwirq(map, 3) == INVALID_HWIRQ);
	irq_free_ipi_mapping(map);
	assert_no_warning();
}

static void map_accepts_hwirq_zero(void **state)
{
	struct ipi_mapping *map = irq_alloc_ipi_mapping(4);

	(void)state;
	assert_int_equal(irq_map_ipi(map, 0, 0), 0);
	assert_true(irq_ipi_mapping_get_hwirq(map, 0) == 0);
	irq_free_ipi_mapping(map);
	assert_no_warning();
}

static void map_accepts_largest_valid_hwirq(void **state)
{
	struct ipi_mapping *map = irq_alloc_ipi_mapping(4);

	(void)state;
	assert_int_equal(irq_map_ipi(map, 3, INVALID_HWIRQ - 1), 0);
	assert_true(irq_ipi_mapping_get_hwirq(map, 3) == INVALID_HWIRQ - 1);
	irq_free_ipi_mapping(map);
}

static void map_rejects_mapped_target_with_ebusy(void **state)
{
	struct ipi_mapping *map = irq_alloc_ipi_mapping(4);

	(void)state;
	assert_int_equal(irq_map_ipi(map, 1, 10), 0);
	assert_int_equal(irq_map_ipi(map, 1, 11), -EBUSY);
	assert_true(irq_ipi_mapping_get_hwirq(map, 1) == 10);
	irq_free_ipi_mapping(map);
}

static void map_after_unmap_succeeds(void **state)
{
	struct ipi_mapping *map = irq_alloc_ipi_mapping(4);

	(void)state;
	assert_int_equal(irq_map_ipi(map, 1, 10), 0);
	assert_int_equal(irq_unmap_ipi(map, 1), 0);
	assert_int_equal(irq_map_ipi(map, 1, 11), 0);
	assert_true(irq_ipi_mapping_get_hwirq(map, 1) == 11);
	irq_free_ipi_mapping(map);
	assert_no_warning();
}

enum map_bad_kind {
	MAP_NULL,
	MAP_TARGET_OUT,
	MAP_TARGET_HUGE,
	MAP_INVALID_HWIRQ
};

struct map_bad_row {
	enum map_bad_kind kind;
};

static void map_rejects(void **state)
{
	const struct map_bad_row *row = *state;
	struct ipi_mapping *map = irq_alloc_ipi_mapping(4);
	int ret = 0;

	assert_int_equal(irq_map_ipi(map, 0, 5), 0);
	switch (row->kind) {
	case MAP_NULL:
		ret = irq_map_ipi(NULL, 0, 1);
		break;
	case MAP_TARGET_OUT:
		ret = irq_map_ipi(map, 4, 1);
		break;
	case MAP_TARGET_HUGE:
		ret = irq_map_ipi(map, ~0U, 1);
		break;
	case MAP_INVALID_HWIRQ:
		ret = irq_map_ipi(map, 1, INVALID_HWIRQ);
		break;
	}
	assert_int_equal(ret, -EINVAL);
	assert_warned_once();
	assert_true(irq_ipi_mapping_get_hwirq(map, 0) == 5);
	for (unsigned int t = 1; t < 4; t++)
		assert_true(irq_ipi_mapping_get_hwirq(map, t) == INVALID_HWIRQ);
	irq_free_ipi_mapping(map);
}

static struct map_bad_row map_null = { MAP_NULL };
static struct map_bad_row map_target_out = { MAP_TARGET_OUT };
static struct map_bad_row map_target_huge = { MAP_TARGET_HUGE };
static struct map_bad_row map_invalid_hwirq = { MAP_INVALID_HWIRQ };

enum unmap_bad_kind {
	UNMAP_NULL,
	UNMAP_TARGET_OUT,
	UNMAP_NOT_MAPPED,
	UNMAP_TWICE
};

struct unmap_bad_row {
	enum unmap_bad_kind kind;
};

static void unmap_rejects(void **state)
{
	const struct unmap_bad_row *row = *state;
	struct ipi_mapping *map = irq_alloc_ipi_mapping(4);
	int ret = 0;

	assert_int_equal(irq_map_ipi(map, 0, 5), 0);
	assert_int_equal(irq_map_ipi(map, 2, 6), 0);
	switch (row->kind) {
	case UNMAP_NULL:
		ret = irq_unmap_ipi(NULL, 0);
		break;
	case UNMAP_TARGET_OUT:
		ret = irq_unmap_ipi(map, 4);
		break;
	case UNMAP_NOT_MAPPED:
		ret = irq_unmap_ipi(map, 1);
		break;
	case UNMAP_TWICE:
		assert_int_equal(irq_unmap_ipi(map, 2), 0);
		assert_no_warning();
		ret = irq_unmap_ipi(map, 2);
		break;
	}
	assert_int_equal(ret, -EINVAL);
	assert_warned_once();
	assert_true(irq_ipi_mapping_get_hwirq(map, 0) == 5);
	if (row->kind != UNMAP_TWICE)
		assert_true(irq_ipi_mapping_get_hwirq(map, 2) == 6);
	irq_free_ipi_mapping(map);
}

static struct unmap_bad_row unmap_null = { UNMAP_NULL };
static struct unmap_bad_row unmap_target_out = { UNMAP_TARGET_OUT };
static struct unmap_bad_row unmap_not_mapped = { UNMAP_NOT_MAPPED };
static struct unmap_bad_row unmap_twice = { UNMAP_TWICE };

static void get_hwirq_of_null_or_out_of_range_is_invalid(void **state)
{
	struct ipi_mapping *map = irq_alloc_ipi_mapping(4);

	(void)state;
	assert_true(irq_ipi_mapping_get_hwirq(NULL, 0) == INVALID_HWIRQ);
	assert_true(irq_ipi_mapping_get_hwirq(map, 4) == INVALID_HWIRQ);
	assert_true(irq_ipi_mapping_get_hwirq(map, ~0U) == INVALID_HWIRQ);
	irq_free_ipi_mapping(map);
}

/* ---- a per-CPU IPI domain whose hwirqs come from an ipi_mapping ---------- */

/*
 * A controller in the MIPS GIC style: target t receives on a fixed,
 * non-linear hwirq recorded in an ipi_mapping when the IPI is reserved.
 */
struct mapped_ctrl {
	struct ipi_mapping *map;
	struct irq_chip chip;
	unsigned int sends;
	irq_hw_number_t last_hwirq;
	unsigned int last_target;
};

static irq_hw_number_t mapped_hwirq_of(unsigned int target)
{
	return 1000 + 37 * (irq_hw_number_t)target;
}

static void mapped_send_single(struct irq_data *d, unsigned int target)
{
	struct mapped_ctrl *ctrl = irq_data_get_irq_chip_data(d);

	ctrl->sends++;
	ctrl->last_hwirq = irqd_to_hwirq(d);
	ctrl->last_target = target;
}

static int mapped_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs, void *arg)
{
	struct mapped_ctrl *ctrl = d->host_data;
	const struct cpumask *dest = arg;
	unsigned int first = cpumask_first(dest);
	unsigned int i;
	int ret;

	for (i = 0; i < nr_irqs; i++) {
		ret = irq_map_ipi(ctrl->map, first + i, mapped_hwirq_of(first + i));
		if (ret)
			goto err_unmap;
		irq_set_percpu_devid(virq + i);
		irq_domain_set_info(d, virq + i, mapped_hwirq_of(first + i), &ctrl->chip, ctrl,
				    handle_percpu_devid_irq, NULL, NULL);
	}
	return 0;

err_unmap:
	while (i--)
		irq_unmap_ipi(ctrl->map, first + i);
	return ret;
}

static void mapped_free(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs)
{
	struct mapped_ctrl *ctrl = d->host_data;

	for (unsigned int i = 0; i < nr_irqs; i++) {
		struct irq_data *data = irq_domain_get_irq_data(d, virq + i);
		unsigned int t = data->common->ipi_offset + (virq + i - data->common->ipi_base);

		irq_unmap_ipi(ctrl->map, t);
	}
	irq_domain_free_irqs_top(d, virq, nr_irqs);
}

static const struct irq_domain_ops mapped_ops = {
	.alloc = mapped_alloc,
	.free = mapped_free,
};

static void mapping_gives_per_cpu_domain_nonlinear_hwirqs(void **state)
{
	struct mapped_ctrl ctrl = { .chip = { .name = "mapped",
					      .ipi_send_single = mapped_send_single } };
	struct irq_domain *d;
	struct cpumask dest = MASK(1, 2, 3);
	int virq;

	(void)state;
	ctrl.map = irq_alloc_ipi_mapping(NR_TARGETS);
	assert_non_null(ctrl.map);
	d = irq_domain_create_hierarchy(NULL, IRQ_DOMAIN_FLAG_IPI_PER_CPU, 0, NULL, &mapped_ops,
					&ctrl);
	assert_non_null(d);
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	for (unsigned int t = 1; t <= 3; t++) {
		assert_true(irq_ipi_mapping_get_hwirq(ctrl.map, t) == mapped_hwirq_of(t));
		assert_true(ipi_get_hwirq((unsigned int)virq, t) == mapped_hwirq_of(t));
		assert_int_equal(ipi_send_single((unsigned int)virq, t), 0);
		assert_true(ctrl.last_hwirq == mapped_hwirq_of(t));
		assert_int_equal(ctrl.last_target, t);
	}
	assert_true(irq_ipi_mapping_get_hwirq(ctrl.map, 0) == INVALID_HWIRQ);

	/* a partial release unmaps exactly the released target */
	assert_int_equal(irq_destroy_ipi((unsigned int)virq, cpumask_of(2)), 0);
	assert_true(irq_ipi_mapping_get_hwirq(ctrl.map, 2) == INVALID_HWIRQ);
	assert_true(irq_ipi_mapping_get_hwirq(ctrl.map, 3) == mapped_hwirq_of(3));
	dest = MASK(1, 3);
	assert_int_equal(irq_destroy_ipi((unsigned int)virq, &dest), 0);
	for (unsigned int t = 0; t < NR_TARGETS; t++)
		assert_true(irq_ipi_mapping_get_hwirq(ctrl.map, t) == INVALID_HWIRQ);
	assert_no_warning();
	irq_domain_remove(d);
	irq_free_ipi_mapping(ctrl.map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_machine_unit_test(alloc_mapping_starts_all_unmapped),
		test_machine_unit_test(alloc_mapping_accepts_nr_targets),
		test_machine_table_test("alloc_mapping_rejects_zero_targets", alloc_mapping_rejects,
					&alloc_zero),
		test_machine_table_test("alloc_mapping_rejects_more_than_nr_targets",
					alloc_mapping_rejects, &alloc_too_many),
		test_machine_table_test("alloc_mapping_rejects_huge_count", alloc_mapping_rejects,
					&alloc_huge),
		test_machine_unit_test(alloc_mapping_returns_null_without_memory),
		test_machine_unit_test(free_mapping_ignores_null),
		test_machine_unit_test(map_sets_hwirq_of_target_only),
		test_machine_unit_test(map_accepts_hwirq_zero),
		test_machine_unit_test(map_accepts_largest_valid_hwirq),
		test_machine_unit_test(map_rejects_mapped_target_with_ebusy),
		test_machine_unit_test(map_after_unmap_succeeds),
		test_machine_table_test("map_rejects_null_map", map_rejects, &map_null),
		test_machine_table_test("map_rejects_target_past_table", map_rejects,
					&map_target_out),
		test_machine_table_test("map_rejects_huge_target", map_rejects, &map_target_huge),
		test_machine_table_test("map_rejects_invalid_hwirq", map_rejects,
					&map_invalid_hwirq),
		test_machine_table_test("unmap_rejects_null_map", unmap_rejects, &unmap_null),
		test_machine_table_test("unmap_rejects_target_past_table", unmap_rejects,
					&unmap_target_out),
		test_machine_table_test("unmap_rejects_unmapped_target", unmap_rejects,
					&unmap_not_mapped),
		test_machine_table_test("unmap_rejects_second_unmap", unmap_rejects, &unmap_twice),
		test_machine_unit_test(get_hwirq_of_null_or_out_of_range_is_invalid),
		test_machine_unit_test(mapping_gives_per_cpu_domain_nonlinear_hwirqs),
	};

	return test_run_isolated("ipi_mapping", tests, ARRAY_SIZE(tests));
}
