// SPDX-License-Identifier: BSD-2-Clause
/*
 * irq_reserve_ipi(), irq_destroy_ipi() and ipi_get_hwirq() on software IPI
 * domains of both kinds.
 */
#include "test-domains.h"

#define NCPU TEST_MACHINE_NR_CPUS

static struct test_ipi_ctrl percpu_ctrl, single_ctrl;

static struct irq_domain *percpu_domain(void)
{
	return test_ipi_domain_create(&percpu_ctrl, "test-ipi-percpu", IRQ_DOMAIN_FLAG_IPI_PER_CPU,
				      32, TEST_CHIP_SEND_BOTH, NULL);
}

static struct irq_domain *single_domain(void)
{
	return test_ipi_domain_create(&single_ctrl, "test-ipi-single", IRQ_DOMAIN_FLAG_IPI_SINGLE,
				      8, TEST_CHIP_SEND_BOTH, NULL);
}

static struct irq_common_data *common_of(unsigned int virq)
{
	struct irq_data *d = irq_get_irq_data(virq);

	assert_non_null(d);
	return d->common;
}

static bool affinity_is(unsigned int virq, const struct cpumask *want)
{
	return cpumask_equal(irq_data_get_affinity_mask(irq_get_irq_data(virq)), want);
}

/* ---- per-CPU domains ----------------------------------------------------- */

static void reserve_per_cpu_gives_consecutive_virqs(void **state)
{
	struct irq_domain *d = percpu_domain();
	struct cpumask dest = test_mask_range(0, NCPU - 1);
	unsigned int descs = test_count_descs();
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	assert_int_equal(test_count_descs(), descs + NCPU);
	for (unsigned int t = 0; t < NCPU; t++) {
		unsigned int v = (unsigned int)virq + t;
		struct irq_data *data = irq_get_irq_data(v);

		assert_non_null(irq_to_desc(v));
		assert_ptr_equal(data->domain, d);
		assert_int_equal(data->common->ipi_offset, 0);
		assert_int_equal(data->common->ipi_base, (unsigned int)virq);
		assert_true(affinity_is(v, &dest));
		assert_true(irq_get_status_flags(v) & IRQ_IS_IPI);
		assert_true(irq_get_status_flags(v) & IRQ_NO_BALANCING);
		assert_false(irq_get_status_flags(v) & IRQ_NOREQUEST);
		assert_true(ipi_get_hwirq((unsigned int)virq, t) == irqd_to_hwirq(data));
	}
	assert_int_equal(test_ipi_hwirqs_used(&percpu_ctrl), NCPU);
	assert_no_warning();
}

static void reserve_per_cpu_gives_each_target_its_own_hwirq(void **state)
{
	struct irq_domain *d = percpu_domain();
	struct cpumask dest = test_mask_range(0, NCPU - 1);
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	for (unsigned int a = 0; a < NCPU; a++)
		for (unsigned int b = a + 1; b < NCPU; b++)
			assert_true(ipi_get_hwirq((unsigned int)virq, a) !=
				    ipi_get_hwirq((unsigned int)virq, b));
}

static void reserve_per_cpu_passes_mask_and_weight_to_domain(void **state)
{
	struct irq_domain *d = percpu_domain();
	struct cpumask dest = MASK(1, 2);

	(void)state;
	assert_true(irq_reserve_ipi(d, &dest) > 0);
	assert_int_equal(percpu_ctrl.alloc_calls, 1);
	assert_int_equal(percpu_ctrl.last_alloc_nr, 2);
	assert_true(cpumask_equal(&percpu_ctrl.last_alloc_dest, &dest));
}

static void reserve_per_cpu_keeps_ipi_offset_of_first_target(void **state)
{
	struct irq_domain *d = percpu_domain();
	struct cpumask dest = MASK(1, 2, 3);
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	for (unsigned int t = 1; t <= 3; t++) {
		unsigned int v = (unsigned int)virq + t - 1;

		assert_int_equal(common_of(v)->ipi_offset, 1);
		assert_int_equal(common_of(v)->ipi_base, (unsigned int)virq);
		assert_true(ipi_get_hwirq((unsigned int)virq, t) ==
			    irqd_to_hwirq(irq_get_irq_data(v)));
	}
	/* target 0 is not in the reservation */
	assert_true(ipi_get_hwirq((unsigned int)virq, 0) == INVALID_HWIRQ);
	assert_null(irq_to_desc((unsigned int)virq + 3));
}

static void reserve_per_cpu_of_single_target(void **state)
{
	struct irq_domain *d = percpu_domain();
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, cpumask_of(2));
	assert_true(virq > 0);
	assert_int_equal(common_of((unsigned int)virq)->ipi_offset, 2);
	assert_int_equal(percpu_ctrl.last_alloc_nr, 1);
	assert_true(ipi_get_hwirq((unsigned int)virq, 2) != INVALID_HWIRQ);
}

static void reserve_twice_gives_disjoint_virqs_and_hwirqs(void **state)
{
	struct irq_domain *d = percpu_domain();
	struct cpumask dest = test_mask_range(0, NCPU - 1);
	int a, b;

	(void)state;
	a = irq_reserve_ipi(d, &dest);
	b = irq_reserve_ipi(d, &dest);
	assert_true(a > 0 && b > 0);
	assert_true(b >= a + NCPU || a >= b + NCPU);
	for (unsigned int t = 0; t < NCPU; t++)
		for (unsigned int u = 0; u < NCPU; u++)
			assert_true(ipi_get_hwirq((unsigned int)a, t) !=
				    ipi_get_hwirq((unsigned int)b, u));
	assert_int_equal(test_ipi_hwirqs_used(&percpu_ctrl), 2 * NCPU);
}

static void reserve_per_cpu_marks_virqs_per_cpu_devid(void **state)
{
	struct irq_domain *d = percpu_domain();
	struct cpumask dest = MASK(0, 1);
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	/* the domain's alloc did it, as in Linux; the core must keep it */
	assert_true(irq_get_status_flags((unsigned int)virq) & IRQ_PER_CPU_DEVID);
	assert_true(irq_get_status_flags((unsigned int)virq + 1) & IRQ_PER_CPU_DEVID);
}

/* ---- single domains ------------------------------------------------------ */

static void reserve_single_gives_one_virq(void **state)
{
	struct irq_domain *d = single_domain();
	struct cpumask dest = test_mask_range(0, NCPU - 1);
	unsigned int descs = test_count_descs();
	irq_hw_number_t hwirq;
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	assert_int_equal(test_count_descs(), descs + 1);
	assert_int_equal(single_ctrl.last_alloc_nr, 1);
	assert_true(cpumask_equal(&single_ctrl.last_alloc_dest, &dest));
	assert_true(affinity_is((unsigned int)virq, &dest));
	assert_int_equal(common_of((unsigned int)virq)->ipi_offset, 0);
	assert_true(irq_get_status_flags((unsigned int)virq) & IRQ_IS_IPI);
	hwirq = irqd_to_hwirq(irq_get_irq_data((unsigned int)virq));
	for (unsigned int t = 0; t < NCPU; t++)
		assert_true(ipi_get_hwirq((unsigned int)virq, t) == hwirq);
	assert_int_equal(test_ipi_hwirqs_used(&single_ctrl), 1);
	assert_no_warning();
}

static void reserve_single_allows_mask_with_holes(void **state)
{
	struct irq_domain *d = single_domain();
	struct cpumask dest = MASK(0, 2);
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	assert_true(affinity_is((unsigned int)virq, &dest));
	assert_int_equal(common_of((unsigned int)virq)->ipi_offset, 0);
	assert_true(ipi_get_hwirq((unsigned int)virq, 1) == INVALID_HWIRQ);
	assert_true(ipi_get_hwirq((unsigned int)virq, 2) != INVALID_HWIRQ);
	assert_no_warning();
}

static void reserve_single_offset_is_first_target(void **state)
{
	struct irq_domain *d = single_domain();
	struct cpumask dest = MASK(1, 3);
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	assert_int_equal(common_of((unsigned int)virq)->ipi_offset, 1);
}

/* ---- remote processors ----------------------------------------------------- */

static void reserve_per_cpu_includes_remote_target(void **state)
{
	struct irq_domain *d = percpu_domain();
	int rm = ipi_register_remote("rm", 16);
	struct cpumask dest = test_mask_range(0, (unsigned int)rm);
	int virq;

	(void)state;
	assert_int_equal(rm, NCPU);
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	assert_int_equal(percpu_ctrl.last_alloc_nr, NCPU + 1);
	for (unsigned int t = 0; t < NCPU; t++)
		assert_false(irq_get_status_flags((unsigned int)virq + t) & IRQ_NOREQUEST);
	/* nothing of ours runs there: no handler can be requested */
	assert_true(irq_get_status_flags((unsigned int)virq + NCPU) & IRQ_NOREQUEST);
	assert_true(irq_get_status_flags((unsigned int)virq + NCPU) & IRQ_IS_IPI);
	assert_true(ipi_get_hwirq((unsigned int)virq, (unsigned int)rm) ==
		    irqd_to_hwirq(irq_get_irq_data((unsigned int)virq + NCPU)));
	assert_true(ipi_get_hwirq((unsigned int)virq, (unsigned int)rm) != INVALID_HWIRQ);
	assert_no_warning();
}

static void reserve_per_cpu_of_remote_only(void **state)
{
	struct irq_domain *d = percpu_domain();
	int rm = ipi_register_remote("rm", 16);
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, cpumask_of((unsigned int)rm));
	assert_true(virq > 0);
	assert_int_equal(common_of((unsigned int)virq)->ipi_offset, (unsigned int)rm);
	assert_true(irq_get_status_flags((unsigned int)virq) & IRQ_NOREQUEST);
	assert_true(ipi_get_hwirq((unsigned int)virq, (unsigned int)rm) != INVALID_HWIRQ);
}

static void reserve_single_of_remote_only_is_not_requestable(void **state)
{
	struct irq_domain *d = single_domain();
	int rm = ipi_register_remote("rm", 16);
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, cpumask_of((unsigned int)rm));
	assert_true(virq > 0);
	assert_true(irq_get_status_flags((unsigned int)virq) & IRQ_NOREQUEST);
	assert_true(ipi_get_hwirq((unsigned int)virq, (unsigned int)rm) ==
		    irqd_to_hwirq(irq_get_irq_data((unsigned int)virq)));
}

static void reserve_single_of_cpus_and_remote_is_requestable(void **state)
{
	struct irq_domain *d = single_domain();
	int rm = ipi_register_remote("rm", 16);
	struct cpumask dest = MASK(0, (unsigned int)rm);
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	assert_false(irq_get_status_flags((unsigned int)virq) & IRQ_NOREQUEST);
	assert_true(ipi_get_hwirq((unsigned int)virq, (unsigned int)rm) ==
		    ipi_get_hwirq((unsigned int)virq, 0));
}

/* ---- bad arguments ------------------------------------------------------- */

enum reserve_bad_kind {
	RESERVE_NULL_DOMAIN,
	RESERVE_NON_IPI_HIERARCHY_DOMAIN,
	RESERVE_LINEAR_DOMAIN,
	RESERVE_NULL_MASK,
	RESERVE_EMPTY_MASK,
	RESERVE_TARGET_PAST_CPUS,
	RESERVE_TARGET_PAST_REMOTES,
	RESERVE_LAST_TARGET,
	RESERVE_HOLES_PER_CPU,
	RESERVE_HOLES_PER_CPU_ACROSS_REMOTE,
};

struct reserve_bad_row {
	enum reserve_bad_kind kind;
	bool single; /* on the single domain (else per-CPU) */
};

static int dummy_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr, void *arg)
{
	(void)d;
	(void)virq;
	(void)nr;
	(void)arg;
	return 0;
}

static const struct irq_domain_ops dummy_hier_ops = { .alloc = dummy_alloc };
static const struct irq_domain_ops dummy_linear_ops;

static void reserve_rejects(void **state)
{
	const struct reserve_bad_row *row = *state;
	struct irq_domain *pd = percpu_domain(), *sd = single_domain();
	struct test_ipi_ctrl *ctrl = row->single ? &single_ctrl : &percpu_ctrl;
	struct irq_domain *d = row->single ? sd : pd;
	struct cpumask all = test_mask_range(0, NCPU - 1), dest;
	const struct cpumask *destp = &dest;
	struct test_state before;
	int held, ret;

	/* a reservation that must survive the failed call untouched */
	held = irq_reserve_ipi(d, &all);
	assert_true(held > 0);

	cpumask_clear(&dest);
	switch (row->kind) {
	case RESERVE_NULL_DOMAIN:
		d = NULL;
		dest = all;
		break;
	case RESERVE_NON_IPI_HIERARCHY_DOMAIN:
		d = irq_domain_create_hierarchy(NULL, 0, 0, NULL, &dummy_hier_ops, NULL);
		assert_non_null(d);
		dest = all;
		break;
	case RESERVE_LINEAR_DOMAIN:
		d = irq_domain_create_linear(NULL, 16, &dummy_linear_ops, NULL);
		assert_non_null(d);
		dest = all;
		break;
	case RESERVE_NULL_MASK:
		destp = NULL;
		break;
	case RESERVE_EMPTY_MASK:
		break;
	case RESERVE_TARGET_PAST_CPUS:
		/* no remote registered: target NCPU does not exist */
		dest = MASK(NCPU - 1, NCPU);
		break;
	case RESERVE_TARGET_PAST_REMOTES:
		assert_int_equal(ipi_register_remote("rm", 16), NCPU);
		dest = MASK(NCPU, NCPU + 1);
		break;
	case RESERVE_LAST_TARGET:
		dest = MASK(NR_TARGETS - 1);
		break;
	case RESERVE_HOLES_PER_CPU:
		dest = MASK(0, 2);
		break;
	case RESERVE_HOLES_PER_CPU_ACROSS_REMOTE:
		assert_int_equal(ipi_register_remote("rm0", 16), NCPU);
		assert_int_equal(ipi_register_remote("rm1", 17), NCPU + 1);
		dest = test_mask_range(0, NCPU - 1);
		cpumask_set_cpu(NCPU + 1, &dest);
		break;
	}
	test_log_reset();
	before = test_state_of(ctrl);

	ret = irq_reserve_ipi(d, destp);

	assert_int_equal(ret, -EINVAL);
	assert_warned_once();
	assert_state_unchanged(before, ctrl);
	assert_int_equal(ctrl->alloc_calls, before.alloc_calls);
	assert_true(affinity_is((unsigned int)held, &all));
	if (row->kind == RESERVE_NON_IPI_HIERARCHY_DOMAIN || row->kind == RESERVE_LINEAR_DOMAIN)
		irq_domain_remove(d);
}

static struct reserve_bad_row bad_null_domain = { RESERVE_NULL_DOMAIN, false };
static struct reserve_bad_row bad_hier_domain = { RESERVE_NON_IPI_HIERARCHY_DOMAIN, false };
static struct reserve_bad_row bad_linear_domain = { RESERVE_LINEAR_DOMAIN, false };
static struct reserve_bad_row bad_null_mask_percpu = { RESERVE_NULL_MASK, false };
static struct reserve_bad_row bad_null_mask_single = { RESERVE_NULL_MASK, true };
static struct reserve_bad_row bad_empty_percpu = { RESERVE_EMPTY_MASK, false };
static struct reserve_bad_row bad_empty_single = { RESERVE_EMPTY_MASK, true };
static struct reserve_bad_row bad_past_cpus_percpu = { RESERVE_TARGET_PAST_CPUS, false };
static struct reserve_bad_row bad_past_cpus_single = { RESERVE_TARGET_PAST_CPUS, true };
static struct reserve_bad_row bad_past_remotes_percpu = { RESERVE_TARGET_PAST_REMOTES, false };
static struct reserve_bad_row bad_past_remotes_single = { RESERVE_TARGET_PAST_REMOTES, true };
static struct reserve_bad_row bad_last_target_percpu = { RESERVE_LAST_TARGET, false };
static struct reserve_bad_row bad_last_target_single = { RESERVE_LAST_TARGET, true };
static struct reserve_bad_row bad_holes_percpu = { RESERVE_HOLES_PER_CPU, false };
static struct reserve_bad_row bad_holes_remote_percpu = { RESERVE_HOLES_PER_CPU_ACROSS_REMOTE,
							  false };

/* ---- running out ----------------------------------------------------------- */

static void reserve_per_cpu_fails_with_enospc_when_domain_hwirqs_run_out(void **state)
{
	struct irq_domain *d = test_ipi_domain_create(&percpu_ctrl, "small",
						      IRQ_DOMAIN_FLAG_IPI_PER_CPU, NCPU,
						      TEST_CHIP_SEND_BOTH, NULL);
	struct cpumask all = test_mask_range(0, NCPU - 1);
	struct test_state before;
	int held;

	(void)state;
	/* one of the NCPU hwirqs taken: a reservation of NCPU targets cannot fit */
	held = irq_reserve_ipi(d, cpumask_of(0));
	assert_true(held > 0);
	before = test_state_of(&percpu_ctrl);
	assert_int_equal(irq_reserve_ipi(d, &all), -ENOSPC);
	assert_state_unchanged(before, &percpu_ctrl);
	assert_true(affinity_is((unsigned int)held, cpumask_of(0)));
	assert_true(ipi_get_hwirq((unsigned int)held, 0) != INVALID_HWIRQ);
	/* what still fits still works */
	assert_true(irq_reserve_ipi(d, cpumask_of(1)) > 0);
}

static void reserve_single_fails_with_enospc_when_domain_hwirqs_run_out(void **state)
{
	struct irq_domain *d = test_ipi_domain_create(&single_ctrl, "tiny",
						      IRQ_DOMAIN_FLAG_IPI_SINGLE, 1,
						      TEST_CHIP_SEND_BOTH, NULL);
	struct cpumask all = test_mask_range(0, NCPU - 1);
	struct test_state before;
	int held;

	(void)state;
	held = irq_reserve_ipi(d, &all);
	assert_true(held > 0);
	before = test_state_of(&single_ctrl);
	assert_int_equal(irq_reserve_ipi(d, &all), -ENOSPC);
	assert_state_unchanged(before, &single_ctrl);
	assert_true(affinity_is((unsigned int)held, &all));
}

static void reserve_returns_domain_error_unchanged(void **state)
{
	struct irq_domain *d = percpu_domain();
	struct cpumask all = test_mask_range(0, NCPU - 1);
	struct test_state before = test_state_of(&percpu_ctrl);

	(void)state;
	percpu_ctrl.fail_alloc = -ENODEV;
	assert_int_equal(irq_reserve_ipi(d, &all), -ENODEV);
	assert_state_unchanged(before, &percpu_ctrl);
}

/* Fill the virq space but @leave free virqs (the teardown frees them). */
static void fill_virq_space(unsigned int leave)
{
	struct irq_domain *filler = irq_domain_create_hierarchy(NULL, 0, 0, NULL, &dummy_hier_ops,
								NULL);
	unsigned int free_virqs = NR_IRQS - 1 - test_count_descs();

	assert_non_null(filler);
	assert_true(free_virqs > leave);
	assert_true(irq_domain_alloc_irqs(filler, free_virqs - leave, NUMA_NO_NODE, NULL) > 0);
	assert_int_equal(test_count_descs(), NR_IRQS - 1 - leave);
}

static void reserve_fails_with_enospc_when_virqs_run_out(void **state)
{
	struct irq_domain *d = percpu_domain();
	struct cpumask all = test_mask_range(0, NCPU - 1);
	struct test_state before;

	(void)state;
	fill_virq_space(NCPU - 1);
	before = test_state_of(&percpu_ctrl);
	assert_int_equal(irq_reserve_ipi(d, &all), -ENOSPC);
	assert_state_unchanged(before, &percpu_ctrl);
	assert_int_equal(percpu_ctrl.alloc_calls, 0);
	/* fewer targets still fit */
	assert_true(irq_reserve_ipi(d, cpumask_of(0)) > 0);
}

static void reserve_single_fails_with_enospc_when_no_virq_is_left(void **state)
{
	struct irq_domain *d = single_domain();
	struct cpumask all = test_mask_range(0, NCPU - 1);
	struct test_state before;

	(void)state;
	fill_virq_space(0);
	before = test_state_of(&single_ctrl);
	assert_int_equal(irq_reserve_ipi(d, &all), -ENOSPC);
	assert_state_unchanged(before, &single_ctrl);
}

/*
 * Make the n-th port allocation of a reservation fail, for every n until
 * the reservation needs no more: each failure is -ENOMEM and leaves nothing
 * behind.
 */
static void reserve_enomem_leaves_nothing(struct irq_domain *d, struct test_ipi_ctrl *ctrl,
					  const struct cpumask *dest)
{
	unsigned int failures = 0;
	long n;
	int ret;

	for (n = 0; n < 1000; n++) {
		struct test_state before = test_state_of(ctrl);

		hosted_alloc_fail_nth(n);
		ret = irq_reserve_ipi(d, dest);
		hosted_alloc_fail_nth(-1);
		if (ret > 0)
			break;
		assert_int_equal(ret, -ENOMEM);
		assert_state_unchanged(before, ctrl);
		failures++;
	}
	assert_true(ret > 0);
	assert_true(failures > 0);
	assert_true(cpumask_equal(irq_data_get_affinity_mask(irq_get_irq_data((unsigned int)ret)),
				  dest));
}

static void reserve_per_cpu_enomem_leaves_nothing(void **state)
{
	struct irq_domain *d = percpu_domain();
	struct cpumask all = test_mask_range(0, NCPU - 1);

	(void)state;
	reserve_enomem_leaves_nothing(d, &percpu_ctrl, &all);
}

static void reserve_single_enomem_leaves_nothing(void **state)
{
	struct irq_domain *d = single_domain();
	struct cpumask all = test_mask_range(0, NCPU - 1);

	(void)state;
	reserve_enomem_leaves_nothing(d, &single_ctrl, &all);
}

/* ---- a child IPI domain in a hierarchy ------------------------------------ */

struct root_ctrl {
	unsigned int allocs, frees;
	irq_hw_number_t next_hwirq;
	struct irq_chip chip;
};

static int root_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr, void *arg)
{
	struct root_ctrl *rc = d->host_data;

	(void)arg;
	rc->allocs++;
	for (unsigned int i = 0; i < nr; i++)
		assert_int_equal(irq_domain_set_hwirq_and_chip(d, virq + i, 100 + rc->next_hwirq++,
							       &rc->chip, rc),
				 0);
	return 0;
}

static void root_free(struct irq_domain *d, unsigned int virq, unsigned int nr)
{
	struct root_ctrl *rc = d->host_data;

	rc->frees++;
	for (unsigned int i = 0; i < nr; i++)
		irq_domain_reset_irq_data(irq_domain_get_irq_data(d, virq + i));
}

static const struct irq_domain_ops root_ops = { .alloc = root_alloc, .free = root_free };

static void reserve_on_child_domain_allocates_parent_levels(void **state)
{
	struct root_ctrl rc = { .chip = { .name = "root" } };
	struct irq_domain *root = irq_domain_create_linear(NULL, 256, &root_ops, &rc);
	struct irq_domain *d = test_ipi_domain_create(&percpu_ctrl, "child",
						      IRQ_DOMAIN_FLAG_IPI_PER_CPU, 8,
						      TEST_CHIP_SEND_BOTH, root);
	struct cpumask dest = MASK(1, 2);
	struct test_state before = test_state_of(&percpu_ctrl);
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	assert_int_equal(rc.allocs, 1);
	for (unsigned int i = 0; i < 2; i++) {
		struct irq_data *top = irq_get_irq_data((unsigned int)virq + i);
		struct irq_data *parent = irq_domain_get_irq_data(root, (unsigned int)virq + i);

		assert_non_null(parent);
		assert_ptr_equal(top->parent_data, parent);
		assert_ptr_equal(parent->domain, root);
		assert_true(parent->hwirq == 100 + i);
		assert_int_equal(irq_find_mapping(root, 100 + i), (unsigned int)virq + i);
		assert_int_equal(irq_find_mapping(d, irqd_to_hwirq(top)), (unsigned int)virq + i);
	}
	assert_int_equal(irq_destroy_ipi((unsigned int)virq, &dest), 0);
	assert_int_equal(rc.frees, 2);
	assert_int_equal(irq_find_mapping(root, 100), 0);
	assert_int_equal(irq_find_mapping(root, 101), 0);
	assert_state_unchanged(before, &percpu_ctrl);
	assert_no_warning();
}

/* ---- irq_destroy_ipi --------------------------------------------------------- */

static void destroy_per_cpu_whole_reservation_frees_everything(void **state)
{
	struct irq_domain *d = percpu_domain();
	struct cpumask dest = MASK(1, 2, 3);
	struct test_state before = test_state_of(&percpu_ctrl);
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	assert_int_equal(irq_destroy_ipi((unsigned int)virq, &dest), 0);
	assert_state_unchanged(before, &percpu_ctrl);
	for (unsigned int i = 0; i < 3; i++)
		assert_null(irq_to_desc((unsigned int)virq + i));
	assert_no_warning();
}

static void destroy_per_cpu_last_target_keeps_the_others(void **state)
{
	struct irq_domain *d = percpu_domain();
	struct cpumask dest = MASK(1, 2, 3), rest = MASK(1, 2);
	irq_hw_number_t h1, h2;
	unsigned int base;
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	base = (unsigned int)virq;
	h1 = ipi_get_hwirq(base, 1);
	h2 = ipi_get_hwirq(base, 2);
	assert_int_equal(irq_destroy_ipi(base, cpumask_of(3)), 0);
	assert_null(irq_to_desc(base + 2));
	assert_non_null(irq_to_desc(base));
	assert_non_null(irq_to_desc(base + 1));
	assert_true(affinity_is(base, &rest));
	assert_true(affinity_is(base + 1, &rest));
	assert_true(ipi_get_hwirq(base, 1) == h1);
	assert_true(ipi_get_hwirq(base, 2) == h2);
	assert_true(ipi_get_hwirq(base, 3) == INVALID_HWIRQ);
	assert_int_equal(test_ipi_hwirqs_used(&percpu_ctrl), 2);
	assert_no_warning();
}

static void destroy_per_cpu_first_target_keeps_the_others_reachable(void **state)
{
	struct irq_domain *d = percpu_domain();
	struct cpumask dest = MASK(1, 2, 3), rest = MASK(2, 3);
	struct test_state before = test_state_of(&percpu_ctrl);
	irq_hw_number_t h3;
	unsigned int base;
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	base = (unsigned int)virq;
	h3 = ipi_get_hwirq(base, 3);
	assert_int_equal(irq_destroy_ipi(base, cpumask_of(1)), 0);
	assert_null(irq_to_desc(base));
	assert_true(affinity_is(base + 1, &rest));
	assert_true(affinity_is(base + 2, &rest));
	/* the remaining virqs still find each other */
	assert_true(ipi_get_hwirq(base + 1, 3) == h3);
	assert_int_equal(irq_destroy_ipi(base + 1, &rest), 0);
	assert_state_unchanged(before, &percpu_ctrl);
	assert_no_warning();
}

static void destroy_per_cpu_through_any_virq_of_reservation(void **state)
{
	struct irq_domain *d = percpu_domain();
	struct cpumask dest = MASK(0, 1, 2);
	unsigned int base;
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	base = (unsigned int)virq;
	assert_int_equal(irq_destroy_ipi(base + 2, cpumask_of(0)), 0);
	assert_null(irq_to_desc(base));
	assert_non_null(irq_to_desc(base + 1));
	assert_non_null(irq_to_desc(base + 2));
}

static void destroy_per_cpu_middle_target_leaves_a_hole(void **state)
{
	struct irq_domain *d = percpu_domain();
	struct cpumask dest = MASK(0, 1, 2), rest = MASK(0, 2);
	unsigned int base;
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	base = (unsigned int)virq;
	assert_int_equal(irq_destroy_ipi(base, cpumask_of(1)), 0);
	assert_null(irq_to_desc(base + 1));
	assert_true(affinity_is(base, &rest));
	assert_true(affinity_is(base + 2, &rest));
	assert_true(ipi_get_hwirq(base, 2) == irqd_to_hwirq(irq_get_irq_data(base + 2)));
	assert_true(ipi_get_hwirq(base, 1) == INVALID_HWIRQ);
}

static void destroy_single_part_shrinks_mask(void **state)
{
	struct irq_domain *d = single_domain();
	struct cpumask dest = MASK(0, 2, 3), rest = MASK(2, 3);
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	assert_int_equal(irq_destroy_ipi((unsigned int)virq, cpumask_of(0)), 0);
	assert_non_null(irq_to_desc((unsigned int)virq));
	assert_true(affinity_is((unsigned int)virq, &rest));
	assert_true(ipi_get_hwirq((unsigned int)virq, 0) == INVALID_HWIRQ);
	assert_true(ipi_get_hwirq((unsigned int)virq, 2) != INVALID_HWIRQ);
	assert_int_equal(test_ipi_hwirqs_used(&single_ctrl), 1);
	assert_int_equal(single_ctrl.free_calls, 0);
	assert_no_warning();
}

static void destroy_single_last_target_frees_virq(void **state)
{
	struct irq_domain *d = single_domain();
	struct cpumask dest = MASK(0, 2);
	struct test_state before = test_state_of(&single_ctrl);
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	assert_int_equal(irq_destroy_ipi((unsigned int)virq, cpumask_of(0)), 0);
	assert_int_equal(irq_destroy_ipi((unsigned int)virq, cpumask_of(2)), 0);
	assert_null(irq_to_desc((unsigned int)virq));
	assert_int_equal(single_ctrl.free_calls, 1);
	assert_state_unchanged(before, &single_ctrl);
	assert_no_warning();
}

static void destroy_remote_target_of_per_cpu_reservation(void **state)
{
	struct irq_domain *d = percpu_domain();
	int rm = ipi_register_remote("rm", 16);
	struct cpumask dest = test_mask_range(0, (unsigned int)rm);
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	assert_int_equal(irq_destroy_ipi((unsigned int)virq, cpumask_of((unsigned int)rm)), 0);
	assert_null(irq_to_desc((unsigned int)virq + NCPU));
	assert_true(ipi_get_hwirq((unsigned int)virq, (unsigned int)rm) == INVALID_HWIRQ);
	assert_int_equal(test_ipi_hwirqs_used(&percpu_ctrl), NCPU);
}

enum destroy_bad_kind {
	DESTROY_VIRQ_ZERO,
	DESTROY_UNKNOWN_VIRQ,
	DESTROY_HUGE_VIRQ,
	DESTROY_NON_IPI_VIRQ,
	DESTROY_NULL_MASK,
	DESTROY_EMPTY_MASK,
	DESTROY_MASK_OUTSIDE,
	DESTROY_MASK_PARTLY_OUTSIDE,
	DESTROY_TARGET_PAST_TARGETS,
	DESTROY_TWICE,
	DESTROY_THROUGH_RELEASED_VIRQ,
	DESTROY_WHOLE_TWICE,
};

struct destroy_bad_row {
	enum destroy_bad_kind kind;
	bool single;
};

static int nop_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hwirq)
{
	(void)d;
	(void)virq;
	(void)hwirq;
	return 0;
}

static const struct irq_domain_ops nop_map_ops = { .map = nop_map };

static void destroy_rejects(void **state)
{
	const struct destroy_bad_row *row = *state;
	struct test_ipi_ctrl *ctrl = row->single ? &single_ctrl : &percpu_ctrl;
	struct irq_domain *d = row->single ? single_domain() : percpu_domain();
	struct cpumask dest = MASK(1, 2, 3), mask, after = dest;
	const struct cpumask *maskp = &mask;
	struct test_state before;
	unsigned int virq, base, t, nr_virqs = row->single ? 1 : 3;
	int ret;

	ret = irq_reserve_ipi(d, &dest);
	assert_true(ret > 0);
	base = virq = (unsigned int)ret;
	mask = dest;
	switch (row->kind) {
	case DESTROY_VIRQ_ZERO:
		virq = 0;
		break;
	case DESTROY_UNKNOWN_VIRQ:
		virq += nr_virqs;
		assert_null(irq_to_desc(virq));
		break;
	case DESTROY_HUGE_VIRQ:
		virq = ~0U;
		break;
	case DESTROY_NON_IPI_VIRQ: {
		struct irq_domain *plain = irq_domain_create_linear(NULL, 8, &nop_map_ops, NULL);

		virq = irq_create_mapping(plain, 3);
		assert_true(virq > 0);
		mask = *cpumask_of(0);
		break;
	}
	case DESTROY_NULL_MASK:
		maskp = NULL;
		break;
	case DESTROY_EMPTY_MASK:
		cpumask_clear(&mask);
		break;
	case DESTROY_MASK_OUTSIDE:
		mask = *cpumask_of(0);
		break;
	case DESTROY_MASK_PARTLY_OUTSIDE:
		mask = MASK(0, 1);
		break;
	case DESTROY_TARGET_PAST_TARGETS:
		mask = MASK(1, NR_TARGETS - 1);
		break;
	case DESTROY_TWICE:
		assert_int_equal(irq_destroy_ipi(virq + (row->single ? 0 : 1), cpumask_of(3)), 0);
		assert_no_warning();
		after = MASK(1, 2);
		mask = *cpumask_of(3);
		break;
	case DESTROY_THROUGH_RELEASED_VIRQ:
		/* target 1's virq is gone; it names the reservation no more */
		assert_int_equal(irq_destroy_ipi(virq, cpumask_of(1)), 0);
		assert_no_warning();
		after = MASK(2, 3);
		mask = *cpumask_of(2);
		break;
	case DESTROY_WHOLE_TWICE:
		assert_int_equal(irq_destroy_ipi(virq, &dest), 0);
		assert_no_warning();
		cpumask_clear(&after);
		break;
	}
	test_log_reset();
	before = test_state_of(ctrl);

	ret = irq_destroy_ipi(virq, maskp);

	assert_int_equal(ret, -EINVAL);
	assert_warned_once();
	assert_state_unchanged(before, ctrl);
	if (row->kind == DESTROY_NON_IPI_VIRQ)
		assert_non_null(irq_to_desc(virq));
	/* what was still reserved still is, with the same mask and hwirqs */
	for_each_cpu(t, &after) {
		unsigned int v = row->single ? base : base + t - 1;

		assert_non_null(irq_to_desc(v));
		assert_true(affinity_is(v, &after));
		assert_true(ipi_get_hwirq(v, t) != INVALID_HWIRQ);
	}
}

static struct destroy_bad_row dbad_zero = { DESTROY_VIRQ_ZERO, false };
static struct destroy_bad_row dbad_unknown = { DESTROY_UNKNOWN_VIRQ, false };
static struct destroy_bad_row dbad_huge = { DESTROY_HUGE_VIRQ, false };
static struct destroy_bad_row dbad_non_ipi = { DESTROY_NON_IPI_VIRQ, false };
static struct destroy_bad_row dbad_null_percpu = { DESTROY_NULL_MASK, false };
static struct destroy_bad_row dbad_null_single = { DESTROY_NULL_MASK, true };
static struct destroy_bad_row dbad_empty_percpu = { DESTROY_EMPTY_MASK, false };
static struct destroy_bad_row dbad_empty_single = { DESTROY_EMPTY_MASK, true };
static struct destroy_bad_row dbad_outside_percpu = { DESTROY_MASK_OUTSIDE, false };
static struct destroy_bad_row dbad_outside_single = { DESTROY_MASK_OUTSIDE, true };
static struct destroy_bad_row dbad_partly_percpu = { DESTROY_MASK_PARTLY_OUTSIDE, false };
static struct destroy_bad_row dbad_partly_single = { DESTROY_MASK_PARTLY_OUTSIDE, true };
static struct destroy_bad_row dbad_past_percpu = { DESTROY_TARGET_PAST_TARGETS, false };
static struct destroy_bad_row dbad_past_single = { DESTROY_TARGET_PAST_TARGETS, true };
static struct destroy_bad_row dbad_twice_percpu = { DESTROY_TWICE, false };
static struct destroy_bad_row dbad_twice_single = { DESTROY_TWICE, true };
static struct destroy_bad_row dbad_released_percpu = { DESTROY_THROUGH_RELEASED_VIRQ, false };
static struct destroy_bad_row dbad_whole_twice_percpu = { DESTROY_WHOLE_TWICE, false };
static struct destroy_bad_row dbad_whole_twice_single = { DESTROY_WHOLE_TWICE, true };

/*
 * A reservation is released with irq_destroy_ipi() only. Freeing one of its
 * virqs through the domain API bypasses the reservation's bookkeeping: the
 * other virqs keep the target in their mask, and the next send to it hands
 * the chip a NULL irq_data. Such a call must be refused.
 */
enum ipi_bypass_kind {
	BYPASS_DISPOSE_MAPPING,
	BYPASS_DOMAIN_FREE_IRQS
};

struct ipi_bypass_row {
	enum ipi_bypass_kind kind;
};

static void release_of_ipi_virq_outside_destroy_is_refused(void **state)
{
	const struct ipi_bypass_row *row = *state;
	struct irq_domain *d = percpu_domain();
	struct cpumask dest = MASK(0, 1, 2);
	struct test_state before;
	int virq;

	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	before = test_state_of(&percpu_ctrl);
	if (row->kind == BYPASS_DISPOSE_MAPPING)
		irq_dispose_mapping((unsigned int)virq + 1);
	else
		irq_domain_free_irqs((unsigned int)virq + 1, 1);
	assert_warned_once();
	assert_state_unchanged(before, &percpu_ctrl);
	assert_non_null(irq_to_desc((unsigned int)virq + 1));
	assert_int_equal(ipi_send_single((unsigned int)virq, 1), 0);
	assert_true(test_ipi_sent(&percpu_ctrl, ipi_get_hwirq((unsigned int)virq, 1), 1));
}

static struct ipi_bypass_row bypass_dispose = { BYPASS_DISPOSE_MAPPING };
static struct ipi_bypass_row bypass_free = { BYPASS_DOMAIN_FREE_IRQS };

/* ---- ipi_get_hwirq ------------------------------------------------------------ */

static void get_hwirq_is_invalid_for_bad_virq_or_target(void **state)
{
	struct irq_domain *d = percpu_domain();
	struct irq_domain *plain = irq_domain_create_linear(NULL, 8, &nop_map_ops, NULL);
	struct cpumask dest = MASK(1, 2);
	unsigned int normal;
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	normal = irq_create_mapping(plain, 0);
	assert_true(normal > 0);
	assert_true(ipi_get_hwirq(0, 1) == INVALID_HWIRQ);
	assert_true(ipi_get_hwirq((unsigned int)virq + 2, 1) == INVALID_HWIRQ);
	assert_true(ipi_get_hwirq(NR_IRQS, 1) == INVALID_HWIRQ);
	assert_true(ipi_get_hwirq(~0U, 1) == INVALID_HWIRQ);
	assert_true(ipi_get_hwirq(normal, 0) == INVALID_HWIRQ);
	assert_true(ipi_get_hwirq((unsigned int)virq, 0) == INVALID_HWIRQ);
	assert_true(ipi_get_hwirq((unsigned int)virq, 3) == INVALID_HWIRQ);
	assert_true(ipi_get_hwirq((unsigned int)virq, NR_TARGETS) == INVALID_HWIRQ);
	assert_true(ipi_get_hwirq((unsigned int)virq, ~0U) == INVALID_HWIRQ);
}

static void get_hwirq_of_per_cpu_reservation_through_any_virq(void **state)
{
	struct irq_domain *d = percpu_domain();
	struct cpumask dest = MASK(1, 2, 3);
	int virq;

	(void)state;
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	for (unsigned int v = 0; v < 3; v++)
		for (unsigned int t = 1; t <= 3; t++)
			assert_true(ipi_get_hwirq((unsigned int)virq + v, t) ==
				    irqd_to_hwirq(irq_get_irq_data((unsigned int)virq + t - 1)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_machine_unit_test(reserve_per_cpu_gives_consecutive_virqs),
		test_machine_unit_test(reserve_per_cpu_gives_each_target_its_own_hwirq),
		test_machine_unit_test(reserve_per_cpu_passes_mask_and_weight_to_domain),
		test_machine_unit_test(reserve_per_cpu_keeps_ipi_offset_of_first_target),
		test_machine_unit_test(reserve_per_cpu_of_single_target),
		test_machine_unit_test(reserve_twice_gives_disjoint_virqs_and_hwirqs),
		test_machine_unit_test(reserve_per_cpu_marks_virqs_per_cpu_devid),
		test_machine_unit_test(reserve_single_gives_one_virq),
		test_machine_unit_test(reserve_single_allows_mask_with_holes),
		test_machine_unit_test(reserve_single_offset_is_first_target),
		test_machine_unit_test(reserve_per_cpu_includes_remote_target),
		test_machine_unit_test(reserve_per_cpu_of_remote_only),
		test_machine_unit_test(reserve_single_of_remote_only_is_not_requestable),
		test_machine_unit_test(reserve_single_of_cpus_and_remote_is_requestable),
		test_machine_table_test("reserve_rejects_null_domain", reserve_rejects,
					&bad_null_domain),
		test_machine_table_test("reserve_rejects_non_ipi_hierarchy_domain", reserve_rejects,
					&bad_hier_domain),
		test_machine_table_test("reserve_rejects_linear_domain", reserve_rejects,
					&bad_linear_domain),
		test_machine_table_test("reserve_per_cpu_rejects_null_mask", reserve_rejects,
					&bad_null_mask_percpu),
		test_machine_table_test("reserve_single_rejects_null_mask", reserve_rejects,
					&bad_null_mask_single),
		test_machine_table_test("reserve_per_cpu_rejects_empty_mask", reserve_rejects,
					&bad_empty_percpu),
		test_machine_table_test("reserve_single_rejects_empty_mask", reserve_rejects,
					&bad_empty_single),
		test_machine_table_test("reserve_per_cpu_rejects_target_past_cpus", reserve_rejects,
					&bad_past_cpus_percpu),
		test_machine_table_test("reserve_single_rejects_target_past_cpus", reserve_rejects,
					&bad_past_cpus_single),
		test_machine_table_test("reserve_per_cpu_rejects_unregistered_remote",
					reserve_rejects, &bad_past_remotes_percpu),
		test_machine_table_test("reserve_single_rejects_unregistered_remote",
					reserve_rejects, &bad_past_remotes_single),
		test_machine_table_test("reserve_per_cpu_rejects_last_target_id", reserve_rejects,
					&bad_last_target_percpu),
		test_machine_table_test("reserve_single_rejects_last_target_id", reserve_rejects,
					&bad_last_target_single),
		test_machine_table_test("reserve_rejects_mask_with_holes", reserve_rejects,
					&bad_holes_percpu),
		test_machine_table_test("reserve_rejects_mask_with_hole_among_remotes",
					reserve_rejects, &bad_holes_remote_percpu),
		test_machine_unit_test(
			reserve_per_cpu_fails_with_enospc_when_domain_hwirqs_run_out),
		test_machine_unit_test(reserve_single_fails_with_enospc_when_domain_hwirqs_run_out),
		test_machine_unit_test(reserve_returns_domain_error_unchanged),
		test_machine_unit_test(reserve_fails_with_enospc_when_virqs_run_out),
		test_machine_unit_test(reserve_single_fails_with_enospc_when_no_virq_is_left),
		test_machine_unit_test(reserve_per_cpu_enomem_leaves_nothing),
		test_machine_unit_test(reserve_single_enomem_leaves_nothing),
		test_machine_unit_test(reserve_on_child_domain_allocates_parent_levels),
		test_machine_unit_test(destroy_per_cpu_whole_reservation_frees_everything),
		test_machine_unit_test(destroy_per_cpu_last_target_keeps_the_others),
		test_machine_unit_test(destroy_per_cpu_first_target_keeps_the_others_reachable),
		test_machine_unit_test(destroy_per_cpu_through_any_virq_of_reservation),
		test_machine_unit_test(destroy_per_cpu_middle_target_leaves_a_hole),
		test_machine_unit_test(destroy_single_part_shrinks_mask),
		test_machine_unit_test(destroy_single_last_target_frees_virq),
		test_machine_unit_test(destroy_remote_target_of_per_cpu_reservation),
		test_machine_table_test("destroy_rejects_virq_zero", destroy_rejects, &dbad_zero),
		test_machine_table_test("destroy_rejects_unknown_virq", destroy_rejects,
					&dbad_unknown),
		test_machine_table_test("destroy_rejects_huge_virq", destroy_rejects, &dbad_huge),
		test_machine_table_test("destroy_rejects_non_ipi_virq", destroy_rejects,
					&dbad_non_ipi),
		test_machine_table_test("destroy_per_cpu_rejects_null_mask", destroy_rejects,
					&dbad_null_percpu),
		test_machine_table_test("destroy_single_rejects_null_mask", destroy_rejects,
					&dbad_null_single),
		test_machine_table_test("destroy_per_cpu_rejects_empty_mask", destroy_rejects,
					&dbad_empty_percpu),
		test_machine_table_test("destroy_single_rejects_empty_mask", destroy_rejects,
					&dbad_empty_single),
		test_machine_table_test("destroy_per_cpu_rejects_mask_outside_reservation",
					destroy_rejects, &dbad_outside_percpu),
		test_machine_table_test("destroy_single_rejects_mask_outside_reservation",
					destroy_rejects, &dbad_outside_single),
		test_machine_table_test("destroy_per_cpu_rejects_mask_partly_outside",
					destroy_rejects, &dbad_partly_percpu),
		test_machine_table_test("destroy_single_rejects_mask_partly_outside",
					destroy_rejects, &dbad_partly_single),
		test_machine_table_test("destroy_per_cpu_rejects_target_past_targets",
					destroy_rejects, &dbad_past_percpu),
		test_machine_table_test("destroy_single_rejects_target_past_targets",
					destroy_rejects, &dbad_past_single),
		test_machine_table_test("destroy_per_cpu_rejects_double_destroy", destroy_rejects,
					&dbad_twice_percpu),
		test_machine_table_test("destroy_single_rejects_double_destroy", destroy_rejects,
					&dbad_twice_single),
		test_machine_table_test("destroy_per_cpu_rejects_virq_of_released_target",
					destroy_rejects, &dbad_released_percpu),
		test_machine_table_test("destroy_per_cpu_rejects_destroy_of_freed_reservation",
					destroy_rejects, &dbad_whole_twice_percpu),
		test_machine_table_test("destroy_single_rejects_destroy_of_freed_reservation",
					destroy_rejects, &dbad_whole_twice_single),
		test_machine_table_test("dispose_mapping_of_reserved_ipi_virq_is_refused",
					release_of_ipi_virq_outside_destroy_is_refused,
					&bypass_dispose),
		test_machine_table_test("domain_free_irqs_of_reserved_ipi_virq_is_refused",
					release_of_ipi_virq_outside_destroy_is_refused,
					&bypass_free),
		test_machine_unit_test(get_hwirq_is_invalid_for_bad_virq_or_target),
		test_machine_unit_test(get_hwirq_of_per_cpu_reservation_through_any_virq),
	};

	return test_run_isolated("ipi_reserve", tests, ARRAY_SIZE(tests));
}
