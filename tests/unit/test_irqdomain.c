// SPDX-License-Identifier: BSD-2-Clause
/*
 * Interrupt domains: creation, the registry and bus tokens, named fwnodes,
 * hierarchical allocation through three levels of test domains, reverse
 * maps (linear and tree, with sparse huge hwirqs), non-hierarchical
 * mappings and firmware specifiers.
 */
#include "test-domains.h"

#include <stdio.h>
#include <string.h>

/* ---- a three-level hierarchy of test domains -------------------------------- */

/*
 * top -> mid -> root. The hwirq of a virq at each level is derived from the
 * argument: top = arg->hwirq + i, mid = that + MID_OFFSET, root = that +
 * ROOT_OFFSET. Each level records the order in which the levels were
 * entered, so chaining can be checked.
 */
#define MID_OFFSET 100
#define ROOT_OFFSET 200

struct hier_arg {
	irq_hw_number_t hwirq;
};

struct level {
	const char *name;
	irq_hw_number_t offset;
	struct irq_chip chip;
	struct irq_domain *domain;
	int fail; /* alloc returns this, after its parent succeeded */
	unsigned int allocs, frees;
};

static struct level root_level, mid_level, top_level;
static char call_order[64];

static void note_call(const char *what)
{
	size_t len = strlen(call_order);

	snprintf(call_order + len, sizeof(call_order) - len, "%s%s", len ? "," : "", what);
}

static int level_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr, void *arg)
{
	struct level *l = d->host_data;
	const struct hier_arg *ha = arg;
	int ret;

	l->allocs++;
	note_call(l->name);
	if (!ha)
		return -EINVAL;
	if (d->parent) {
		ret = irq_domain_alloc_irqs_parent(d, virq, nr, arg);
		if (ret)
			return ret;
	}
	if (l->fail) {
		irq_domain_free_irqs_parent(d, virq, nr);
		return l->fail;
	}
	for (unsigned int i = 0; i < nr; i++) {
		ret = irq_domain_set_hwirq_and_chip(d, virq + i, ha->hwirq + i + l->offset,
						    &l->chip, l);
		if (ret)
			return ret;
	}
	return 0;
}

static void level_free(struct irq_domain *d, unsigned int virq, unsigned int nr)
{
	struct level *l = d->host_data;

	l->frees++;
	note_call(l->name);
	irq_domain_free_irqs_top(d, virq, nr);
}

static const struct irq_domain_ops level_ops = { .alloc = level_alloc, .free = level_free };

static void build_hierarchy(bool tree_root)
{
	root_level =
		(struct level){ .name = "root", .offset = ROOT_OFFSET, .chip = { .name = "root" } };
	mid_level =
		(struct level){ .name = "mid", .offset = MID_OFFSET, .chip = { .name = "mid" } };
	top_level = (struct level){ .name = "top", .offset = 0, .chip = { .name = "top" } };
	if (tree_root)
		root_level.domain = irq_domain_create_tree(NULL, &level_ops, &root_level);
	else
		root_level.domain = irq_domain_create_linear(NULL, 512, &level_ops, &root_level);
	mid_level.domain = irq_domain_create_hierarchy(root_level.domain, 0, 512, NULL, &level_ops,
						       &mid_level);
	top_level.domain = irq_domain_create_hierarchy(mid_level.domain, 0, 512, NULL, &level_ops,
						       &top_level);
	assert_non_null(root_level.domain);
	assert_non_null(mid_level.domain);
	assert_non_null(top_level.domain);
	call_order[0] = '\0';
}

static void assert_levels_of(unsigned int virq, irq_hw_number_t hwirq)
{
	struct level *levels[] = { &top_level, &mid_level, &root_level };
	struct irq_data *expect_next = irq_get_irq_data(virq);
	struct irq_common_data *common = expect_next->common;

	for (unsigned int i = 0; i < ARRAY_SIZE(levels); i++) {
		struct level *l = levels[i];
		struct irq_data *data = irq_domain_get_irq_data(l->domain, virq);

		assert_non_null(data);
		assert_ptr_equal(data, expect_next);
		assert_int_equal(data->irq, virq);
		assert_ptr_equal(data->domain, l->domain);
		assert_ptr_equal(data->common, common);
		assert_true(data->hwirq == hwirq + l->offset);
		assert_true(irqd_to_hwirq(data) == hwirq + l->offset);
		assert_ptr_equal(irq_data_get_irq_chip(data), &l->chip);
		assert_ptr_equal(irq_data_get_irq_chip_data(data), l);
		assert_int_equal(irq_find_mapping(l->domain, hwirq + l->offset), virq);
		expect_next = data->parent_data;
	}
	assert_null(expect_next);
}

static void assert_unmapped(irq_hw_number_t hwirq)
{
	assert_int_equal(irq_find_mapping(top_level.domain, hwirq), 0);
	assert_int_equal(irq_find_mapping(mid_level.domain, hwirq + MID_OFFSET), 0);
	assert_int_equal(irq_find_mapping(root_level.domain, hwirq + ROOT_OFFSET), 0);
}

static void alloc_irqs_chains_through_every_parent(void **state)
{
	struct hier_arg arg = { .hwirq = 7 };
	int virq;

	(void)state;
	build_hierarchy(false);
	virq = irq_domain_alloc_irqs(top_level.domain, 1, NUMA_NO_NODE, &arg);
	assert_true(virq > 0);
	assert_string_equal(call_order, "top,mid,root");
	assert_levels_of((unsigned int)virq, 7);
	assert_ptr_equal(irq_get_irq_data((unsigned int)virq),
			 irq_desc_get_irq_data(irq_to_desc((unsigned int)virq)));
	assert_no_warning();
}

static void alloc_irqs_of_several_virqs_maps_each(void **state)
{
	struct hier_arg arg = { .hwirq = 20 };
	int virq;

	(void)state;
	build_hierarchy(true);
	virq = irq_domain_alloc_irqs(top_level.domain, 3, NUMA_NO_NODE, &arg);
	assert_true(virq > 0);
	for (unsigned int i = 0; i < 3; i++)
		assert_levels_of((unsigned int)virq + i, 20 + i);
	assert_int_equal(root_level.allocs, 1);
}

static void free_irqs_unwinds_every_level(void **state)
{
	struct hier_arg arg = { .hwirq = 7 };
	unsigned int descs;
	long allocs;
	int virq;

	(void)state;
	build_hierarchy(false);
	descs = test_count_descs();
	allocs = hosted_alloc_live();
	virq = irq_domain_alloc_irqs(top_level.domain, 2, NUMA_NO_NODE, &arg);
	assert_true(virq > 0);
	call_order[0] = '\0';
	irq_domain_free_irqs((unsigned int)virq, 2);
	assert_string_equal(call_order, "top,mid,root");
	assert_null(irq_to_desc((unsigned int)virq));
	assert_null(irq_to_desc((unsigned int)virq + 1));
	assert_unmapped(7);
	assert_unmapped(8);
	assert_int_equal(test_count_descs(), descs);
	assert_int_equal(hosted_alloc_live(), allocs);
	assert_no_warning();
}

static void alloc_irqs_reuses_freed_hwirqs(void **state)
{
	struct hier_arg arg = { .hwirq = 7 };
	int virq;

	(void)state;
	build_hierarchy(false);
	virq = irq_domain_alloc_irqs(top_level.domain, 1, NUMA_NO_NODE, &arg);
	irq_domain_free_irqs((unsigned int)virq, 1);
	virq = irq_domain_alloc_irqs(top_level.domain, 1, NUMA_NO_NODE, &arg);
	assert_true(virq > 0);
	assert_levels_of((unsigned int)virq, 7);
}

struct alloc_fail_row {
	struct level *failing;
	int error;
};

static void alloc_irqs_failure_leaves_nothing(void **state)
{
	const struct alloc_fail_row *row = *state;
	struct hier_arg arg = { .hwirq = 3 }, held_arg = { .hwirq = 40 };
	unsigned int descs;
	long allocs;
	int held;

	build_hierarchy(false);
	held = irq_domain_alloc_irqs(top_level.domain, 1, NUMA_NO_NODE, &held_arg);
	assert_true(held > 0);
	descs = test_count_descs();
	allocs = hosted_alloc_live();
	/* the failing level is found through its name in the fixed set */
	if (row->failing == &root_level)
		root_level.fail = row->error;
	else if (row->failing == &mid_level)
		mid_level.fail = row->error;
	else
		top_level.fail = row->error;

	assert_int_equal(irq_domain_alloc_irqs(top_level.domain, 2, NUMA_NO_NODE, &arg),
			 row->error);
	assert_int_equal(test_count_descs(), descs);
	assert_int_equal(hosted_alloc_live(), allocs);
	assert_unmapped(3);
	assert_unmapped(4);
	assert_levels_of((unsigned int)held, 40);
}

static struct alloc_fail_row fail_root_enospc = { &root_level, -ENOSPC };
static struct alloc_fail_row fail_mid_enomem = { &mid_level, -ENOMEM };
static struct alloc_fail_row fail_top_einval = { &top_level, -EINVAL };

static void alloc_irqs_of_mapped_hwirq_fails_with_eexist(void **state)
{
	struct hier_arg arg = { .hwirq = 5 };
	unsigned int descs;
	long allocs;
	int first;

	(void)state;
	build_hierarchy(false);
	first = irq_domain_alloc_irqs(top_level.domain, 1, NUMA_NO_NODE, &arg);
	assert_true(first > 0);
	descs = test_count_descs();
	allocs = hosted_alloc_live();
	assert_int_equal(irq_domain_alloc_irqs(top_level.domain, 1, NUMA_NO_NODE, &arg), -EEXIST);
	assert_int_equal(test_count_descs(), descs);
	assert_int_equal(hosted_alloc_live(), allocs);
	/* the first mapping survives the failed second one at every level */
	assert_levels_of((unsigned int)first, 5);
}

static void alloc_irqs_enomem_leaves_nothing(void **state)
{
	struct hier_arg arg = { .hwirq = 9 };
	unsigned int failures = 0;
	int ret = 0;

	(void)state;
	build_hierarchy(false);
	for (long n = 0; n < 1000; n++) {
		unsigned int descs = test_count_descs();
		long allocs = hosted_alloc_live();

		hosted_alloc_fail_nth(n);
		ret = irq_domain_alloc_irqs(top_level.domain, 2, NUMA_NO_NODE, &arg);
		hosted_alloc_fail_nth(-1);
		if (ret > 0)
			break;
		assert_int_equal(ret, -ENOMEM);
		assert_int_equal(test_count_descs(), descs);
		assert_int_equal(hosted_alloc_live(), allocs);
		assert_unmapped(9);
		failures++;
	}
	assert_true(ret > 0);
	assert_true(failures > 0);
	assert_levels_of((unsigned int)ret, 9);
	assert_levels_of((unsigned int)ret + 1, 10);
}

static void alloc_irqs_fails_with_enospc_when_virqs_run_out(void **state)
{
	struct hier_arg arg = { .hwirq = 0 };
	unsigned int descs;

	(void)state;
	build_hierarchy(false);
	/* with one virq taken, NR_IRQS - 1 (all but virq 0) cannot fit */
	assert_true(irq_domain_alloc_irqs(top_level.domain, 1, NUMA_NO_NODE, &arg) > 0);
	arg.hwirq = 1;
	top_level.allocs = 0;
	descs = test_count_descs();
	assert_int_equal(irq_domain_alloc_irqs(top_level.domain, NR_IRQS - 1, NUMA_NO_NODE, &arg),
			 -ENOSPC);
	assert_int_equal(test_count_descs(), descs);
	assert_int_equal(top_level.allocs, 0);
}

enum alloc_bad_kind {
	ALLOC_NULL_DOMAIN,
	ALLOC_ZERO_COUNT,
	ALLOC_NOT_HIERARCHICAL,
	ALLOC_HUGE
};

struct alloc_bad_row {
	enum alloc_bad_kind kind;
};

static int plain_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hwirq);
static const struct irq_domain_ops plain_ops;

static void alloc_irqs_rejects(void **state)
{
	const struct alloc_bad_row *row = *state;
	struct hier_arg arg = { .hwirq = 1 };
	struct irq_domain *d;
	unsigned int nr = 1, descs;
	long allocs;

	build_hierarchy(false);
	d = top_level.domain;
	switch (row->kind) {
	case ALLOC_NULL_DOMAIN:
		d = NULL;
		break;
	case ALLOC_ZERO_COUNT:
		nr = 0;
		break;
	case ALLOC_NOT_HIERARCHICAL:
		d = irq_domain_create_linear(NULL, 8, &plain_ops, NULL);
		break;
	case ALLOC_HUGE:
		nr = ~0U;
		break;
	}
	descs = test_count_descs();
	allocs = hosted_alloc_live();
	assert_int_equal(irq_domain_alloc_irqs(d, nr, NUMA_NO_NODE, &arg), -EINVAL);
	assert_warned_once();
	assert_int_equal(test_count_descs(), descs);
	assert_int_equal(hosted_alloc_live(), allocs);
	assert_int_equal(top_level.allocs, 0);
}

static struct alloc_bad_row abad_null = { ALLOC_NULL_DOMAIN };
static struct alloc_bad_row abad_zero = { ALLOC_ZERO_COUNT };
static struct alloc_bad_row abad_plain = { ALLOC_NOT_HIERARCHICAL };
static struct alloc_bad_row abad_huge = { ALLOC_HUGE };

enum free_bad_kind {
	FREE_VIRQ_ZERO,
	FREE_UNKNOWN,
	FREE_RANGE_PAST_ALLOCATION,
	FREE_HUGE
};

struct free_bad_row {
	enum free_bad_kind kind;
};

static void free_irqs_rejects(void **state)
{
	const struct free_bad_row *row = *state;
	struct hier_arg arg = { .hwirq = 1 };
	unsigned int virq = 0, nr = 1, descs;
	int held;

	build_hierarchy(false);
	held = irq_domain_alloc_irqs(top_level.domain, 2, NUMA_NO_NODE, &arg);
	assert_true(held > 0);
	switch (row->kind) {
	case FREE_VIRQ_ZERO:
		virq = 0;
		break;
	case FREE_UNKNOWN:
		virq = NR_IRQS - 1;
		break;
	case FREE_RANGE_PAST_ALLOCATION:
		/* the first two are allocated, the third is not: free nothing */
		virq = (unsigned int)held;
		nr = 3;
		assert_null(irq_to_desc(virq + 2));
		break;
	case FREE_HUGE:
		virq = ~0U - 1;
		nr = 4;
		break;
	}
	descs = test_count_descs();
	call_order[0] = '\0';
	irq_domain_free_irqs(virq, nr);
	assert_warned_once();
	assert_int_equal(test_count_descs(), descs);
	assert_string_equal(call_order, "");
	assert_levels_of((unsigned int)held, 1);
	assert_levels_of((unsigned int)held + 1, 2);
}

static struct free_bad_row fbad_zero = { FREE_VIRQ_ZERO };
static struct free_bad_row fbad_unknown = { FREE_UNKNOWN };
static struct free_bad_row fbad_range = { FREE_RANGE_PAST_ALLOCATION };
static struct free_bad_row fbad_huge = { FREE_HUGE };

static void free_irqs_of_zero_count_does_nothing(void **state)
{
	struct hier_arg arg = { .hwirq = 1 };
	int virq;

	(void)state;
	build_hierarchy(false);
	virq = irq_domain_alloc_irqs(top_level.domain, 1, NUMA_NO_NODE, &arg);
	irq_domain_free_irqs((unsigned int)virq, 0);
	assert_levels_of((unsigned int)virq, 1);
	assert_no_warning();
}

static void alloc_irqs_parent_rejects_domain_without_parent(void **state)
{
	struct hier_arg arg = { .hwirq = 1 };

	(void)state;
	build_hierarchy(false);
	assert_int_equal(irq_domain_alloc_irqs_parent(root_level.domain, 1, 1, &arg), -EINVAL);
	assert_int_equal(irq_domain_alloc_irqs_parent(NULL, 1, 1, &arg), -EINVAL);
	assert_int_equal(root_level.allocs, 0);
	assert_warned_once();
}

static void free_irqs_parent_without_parent_does_nothing(void **state)
{
	(void)state;
	build_hierarchy(false);
	irq_domain_free_irqs_parent(root_level.domain, 1, 1);
	irq_domain_free_irqs_parent(NULL, 1, 1);
	assert_int_equal(root_level.frees, 0);
}

static void free_irqs_top_resets_level_and_frees_parents(void **state)
{
	struct hier_arg arg = { .hwirq = 11 };
	struct irq_data *top;
	int virq;

	(void)state;
	build_hierarchy(false);
	virq = irq_domain_alloc_irqs(top_level.domain, 1, NUMA_NO_NODE, &arg);
	assert_true(virq > 0);
	call_order[0] = '\0';
	/* as a domain's free callback would, from its own level down */
	irq_domain_free_irqs_top(mid_level.domain, (unsigned int)virq, 1);
	assert_string_equal(call_order, "root");
	top = irq_domain_get_irq_data(mid_level.domain, (unsigned int)virq);
	assert_true(top->hwirq == INVALID_HWIRQ);
	assert_null(irq_data_get_irq_chip_data(top));
	assert_non_null(irq_data_get_irq_chip(top));
	assert_true(irq_domain_get_irq_data(root_level.domain, (unsigned int)virq)->hwirq ==
		    INVALID_HWIRQ);
}

/* ---- set_hwirq_and_chip / set_info / get_irq_data ------------------------------ */

static unsigned int flow_calls;
static struct irq_desc *flow_desc;

static void counting_flow(struct irq_desc *desc)
{
	flow_calls++;
	flow_desc = desc;
}

static int plain_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hwirq)
{
	(void)d;
	(void)virq;
	(void)hwirq;
	return 0;
}

static const struct irq_domain_ops plain_ops = { .map = plain_map };

static void set_hwirq_and_chip_sets_level(void **state)
{
	struct hier_arg arg = { .hwirq = 1 };
	struct irq_chip other = { .name = "other" };
	struct irq_data *data;
	int virq, cookie;

	(void)state;
	build_hierarchy(false);
	virq = irq_domain_alloc_irqs(top_level.domain, 1, NUMA_NO_NODE, &arg);
	assert_int_equal(irq_domain_set_hwirq_and_chip(mid_level.domain, (unsigned int)virq, 77,
						       &other, &cookie),
			 0);
	data = irq_domain_get_irq_data(mid_level.domain, (unsigned int)virq);
	assert_true(data->hwirq == 77);
	assert_ptr_equal(data->chip, &other);
	assert_ptr_equal(data->chip_data, &cookie);
	/* the other levels are untouched */
	assert_ptr_equal(irq_domain_get_irq_data(top_level.domain, (unsigned int)virq)->chip,
			 &top_level.chip);
}

static void set_hwirq_and_chip_with_null_chip_uses_a_dummy(void **state)
{
	struct hier_arg arg = { .hwirq = 1 };
	struct irq_data *data;
	int virq;

	(void)state;
	build_hierarchy(false);
	virq = irq_domain_alloc_irqs(top_level.domain, 1, NUMA_NO_NODE, &arg);
	assert_int_equal(irq_domain_set_hwirq_and_chip(top_level.domain, (unsigned int)virq, 3,
						       NULL, NULL),
			 0);
	data = irq_get_irq_data((unsigned int)virq);
	/* never NULL: flow handlers call through it */
	assert_non_null(data->chip);
	assert_null(data->chip->ipi_send_single);
	assert_null(data->chip->ipi_send_mask);
}

static void set_hwirq_and_chip_rejects_virq_not_in_domain(void **state)
{
	struct hier_arg arg = { .hwirq = 1 };
	struct irq_domain *other = irq_domain_create_linear(NULL, 4, &plain_ops, NULL);
	int virq;

	(void)state;
	build_hierarchy(false);
	virq = irq_domain_alloc_irqs(top_level.domain, 1, NUMA_NO_NODE, &arg);
	assert_int_equal(irq_domain_set_hwirq_and_chip(other, (unsigned int)virq, 3, NULL, NULL),
			 -ENOENT);
	assert_int_equal(irq_domain_set_hwirq_and_chip(top_level.domain, 0, 3, NULL, NULL),
			 -ENOENT);
	assert_int_equal(irq_domain_set_hwirq_and_chip(top_level.domain, NR_IRQS - 1, 3, NULL,
						       NULL),
			 -ENOENT);
	assert_warned_once();
	assert_levels_of((unsigned int)virq, 1);
}

static void set_info_sets_chip_handler_and_data(void **state)
{
	struct hier_arg arg = { .hwirq = 1 };
	int virq, hdata, cdata;
	struct irq_desc *desc;

	(void)state;
	build_hierarchy(false);
	virq = irq_domain_alloc_irqs(top_level.domain, 1, NUMA_NO_NODE, &arg);
	irq_domain_set_info(top_level.domain, (unsigned int)virq, 9, &top_level.chip, &cdata,
			    counting_flow, &hdata, "counting");
	desc = irq_to_desc((unsigned int)virq);
	assert_ptr_equal(irq_desc_get_handler_data(desc), &hdata);
	assert_ptr_equal(irq_get_chip_data((unsigned int)virq), &cdata);
	assert_ptr_equal(irq_desc_get_chip(desc), &top_level.chip);
	assert_true(irqd_to_hwirq(irq_get_irq_data((unsigned int)virq)) == 9);
	flow_calls = 0;
	assert_int_equal(generic_handle_irq((unsigned int)virq), 0);
	assert_int_equal(flow_calls, 1);
	assert_ptr_equal(flow_desc, desc);
	assert_no_warning();
}

static void set_info_rejects_virq_not_in_domain(void **state)
{
	struct hier_arg arg = { .hwirq = 1 };
	struct irq_domain *other = irq_domain_create_linear(NULL, 4, &plain_ops, NULL);
	int virq, hdata;

	(void)state;
	build_hierarchy(false);
	virq = irq_domain_alloc_irqs(top_level.domain, 1, NUMA_NO_NODE, &arg);
	irq_domain_set_info(other, (unsigned int)virq, 3, NULL, NULL, counting_flow, &hdata, "x");
	assert_warned_once();
	assert_null(irq_desc_get_handler_data(irq_to_desc((unsigned int)virq)));
	assert_levels_of((unsigned int)virq, 1);
	flow_calls = 0;
	generic_handle_irq((unsigned int)virq);
	assert_int_equal(flow_calls, 0);
}

static void get_irq_data_finds_only_levels_of_the_virq(void **state)
{
	struct hier_arg arg = { .hwirq = 1 };
	struct irq_domain *other = irq_domain_create_linear(NULL, 4, &plain_ops, NULL);
	int virq;

	(void)state;
	build_hierarchy(false);
	virq = irq_domain_alloc_irqs(top_level.domain, 1, NUMA_NO_NODE, &arg);
	assert_null(irq_domain_get_irq_data(other, (unsigned int)virq));
	assert_null(irq_domain_get_irq_data(NULL, (unsigned int)virq));
	assert_null(irq_domain_get_irq_data(top_level.domain, 0));
	assert_null(irq_domain_get_irq_data(top_level.domain, NR_IRQS));
	assert_null(irq_domain_get_irq_data(top_level.domain, ~0U));
}

/* ---- domain creation and removal ------------------------------------------------ */

static void create_linear_sets_fields(void **state)
{
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode("lin");
	int host;
	struct irq_domain *d = irq_domain_create_linear(fw, 16, &plain_ops, &host);

	(void)state;
	assert_non_null(d);
	assert_string_equal(d->name, "lin");
	assert_ptr_equal(d->fwnode, fw);
	assert_ptr_equal(d->host_data, &host);
	assert_ptr_equal(d->ops, &plain_ops);
	assert_null(d->parent);
	assert_int_equal(d->revmap_size, 16);
	assert_int_equal(d->bus_token, DOMAIN_BUS_ANY);
	assert_false(irq_domain_is_hierarchy(d));
	assert_false(irq_domain_is_ipi(d));
	assert_ptr_equal(irq_find_matching_fwnode(fw, DOMAIN_BUS_ANY), d);
	assert_no_warning();
}

static void create_without_fwnode_is_unnamed(void **state)
{
	struct irq_domain *d = irq_domain_create_tree(NULL, &plain_ops, NULL);

	(void)state;
	assert_non_null(d);
	assert_non_null(d->name);
	assert_int_equal(d->revmap_size, 0);
}

static void create_with_alloc_is_hierarchical(void **state)
{
	struct irq_domain *lin = irq_domain_create_linear(NULL, 4, &level_ops, NULL);
	struct irq_domain *tree = irq_domain_create_tree(NULL, &level_ops, NULL);

	(void)state;
	assert_true(irq_domain_is_hierarchy(lin));
	assert_true(irq_domain_is_hierarchy(tree));
}

static void create_hierarchy_sets_parent_and_ipi_kind(void **state)
{
	struct irq_domain *parent = irq_domain_create_tree(NULL, &level_ops, NULL);
	struct irq_domain *pc = irq_domain_create_hierarchy(parent, IRQ_DOMAIN_FLAG_IPI_PER_CPU, 0,
							    NULL, &level_ops, NULL);
	struct irq_domain *sg = irq_domain_create_hierarchy(parent, IRQ_DOMAIN_FLAG_IPI_SINGLE, 8,
							    NULL, &level_ops, NULL);
	struct irq_domain *none = irq_domain_create_hierarchy(parent, 0, 0, NULL, &level_ops, NULL);

	(void)state;
	assert_ptr_equal(pc->parent, parent);
	assert_true(irq_domain_is_hierarchy(pc));
	assert_true(irq_domain_is_ipi(pc));
	assert_true(irq_domain_is_ipi_per_cpu(pc));
	assert_false(irq_domain_is_ipi_single(pc));
	assert_true(irq_domain_is_ipi(sg));
	assert_true(irq_domain_is_ipi_single(sg));
	assert_false(irq_domain_is_ipi_per_cpu(sg));
	assert_int_equal(sg->revmap_size, 8);
	assert_false(irq_domain_is_ipi(none));
	assert_true(irq_domain_is_hierarchy(none));
	assert_no_warning();
}

static void domain_predicates_of_null_are_false(void **state)
{
	(void)state;
	assert_false(irq_domain_is_hierarchy(NULL));
	assert_false(irq_domain_is_ipi(NULL));
	assert_false(irq_domain_is_ipi_per_cpu(NULL));
	assert_false(irq_domain_is_ipi_single(NULL));
}

enum create_bad_kind {
	CREATE_LINEAR_SIZE_ZERO,
	CREATE_LINEAR_NULL_OPS,
	CREATE_TREE_NULL_OPS,
	CREATE_HIERARCHY_NULL_OPS,
	CREATE_HIERARCHY_BOTH_IPI_KINDS,
	CREATE_HIERARCHY_WITHOUT_ALLOC,
};

struct create_bad_row {
	enum create_bad_kind kind;
};

static void create_rejects(void **state)
{
	const struct create_bad_row *row = *state;
	struct irq_domain *d = NULL;
	long allocs = hosted_alloc_live();

	switch (row->kind) {
	case CREATE_LINEAR_SIZE_ZERO:
		d = irq_domain_create_linear(NULL, 0, &plain_ops, NULL);
		break;
	case CREATE_LINEAR_NULL_OPS:
		d = irq_domain_create_linear(NULL, 4, NULL, NULL);
		break;
	case CREATE_TREE_NULL_OPS:
		d = irq_domain_create_tree(NULL, NULL, NULL);
		break;
	case CREATE_HIERARCHY_NULL_OPS:
		d = irq_domain_create_hierarchy(NULL, IRQ_DOMAIN_FLAG_IPI_SINGLE, 0, NULL, NULL,
						NULL);
		break;
	case CREATE_HIERARCHY_BOTH_IPI_KINDS:
		d = irq_domain_create_hierarchy(NULL,
						IRQ_DOMAIN_FLAG_IPI_PER_CPU |
							IRQ_DOMAIN_FLAG_IPI_SINGLE,
						0, NULL, &level_ops, NULL);
		break;
	case CREATE_HIERARCHY_WITHOUT_ALLOC:
		d = irq_domain_create_hierarchy(NULL, 0, 0, NULL, &plain_ops, NULL);
		break;
	}
	assert_null(d);
	assert_warned_once();
	assert_int_equal(hosted_alloc_live(), allocs);
}

static struct create_bad_row cbad_size0 = { CREATE_LINEAR_SIZE_ZERO };
static struct create_bad_row cbad_lin_ops = { CREATE_LINEAR_NULL_OPS };
static struct create_bad_row cbad_tree_ops = { CREATE_TREE_NULL_OPS };
static struct create_bad_row cbad_hier_ops = { CREATE_HIERARCHY_NULL_OPS };
static struct create_bad_row cbad_both = { CREATE_HIERARCHY_BOTH_IPI_KINDS };
static struct create_bad_row cbad_noalloc = { CREATE_HIERARCHY_WITHOUT_ALLOC };

static void create_enomem_leaves_nothing(void **state)
{
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode("x");

	(void)state;
	for (long n = 0; n < 2; n++) {
		long allocs = hosted_alloc_live();

		hosted_alloc_fail_nth(n);
		assert_null(irq_domain_create_linear(fw, 64, &plain_ops, NULL));
		hosted_alloc_fail_nth(-1);
		assert_int_equal(hosted_alloc_live(), allocs);
		assert_null(irq_find_matching_fwnode(fw, DOMAIN_BUS_ANY));
	}
	hosted_alloc_fail_nth(0);
	assert_null(irq_domain_create_tree(fw, &plain_ops, NULL));
	hosted_alloc_fail_nth(-1);
	assert_null(irq_find_matching_fwnode(fw, DOMAIN_BUS_ANY));
}

static void remove_unregisters_domain(void **state)
{
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode("gone");
	long allocs = hosted_alloc_live();
	struct irq_domain *d = irq_domain_create_tree(fw, &plain_ops, NULL);

	(void)state;
	/* the tree's nodes go with it */
	assert_int_not_equal(irq_create_mapping(d, 1UL << 40), 0);
	irq_dispose_mapping(irq_find_mapping(d, 1UL << 40));
	irq_domain_remove(d);
	assert_null(irq_find_matching_fwnode(fw, DOMAIN_BUS_ANY));
	assert_int_equal(hosted_alloc_live(), allocs);
	assert_no_warning();
}

static void remove_rejects_null_domain(void **state)
{
	(void)state;
	irq_domain_remove(NULL);
	assert_warned_once();
}

static void remove_rejects_unknown_domain(void **state)
{
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode("kept");
	struct irq_domain *kept = irq_domain_create_linear(fw, 4, &plain_ops, NULL);
	struct irq_domain fake;

	(void)state;
	memset(&fake, 0, sizeof(fake));
	irq_domain_remove(&fake);
	assert_warned_once();
	assert_ptr_equal(irq_find_matching_fwnode(fw, DOMAIN_BUS_ANY), kept);
}

/*
 * Removing a domain that still translates virqs leaves their descriptors
 * pointing at freed memory (the next irq_dispose_mapping() reads it), so
 * it must be refused.
 */
static void remove_rejects_domain_with_mappings(void **state)
{
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode("busy");
	struct irq_domain *d = irq_domain_create_linear(fw, 4, &plain_ops, NULL);
	unsigned int virq = irq_create_mapping(d, 1);

	(void)state;
	assert_int_not_equal(virq, 0);
	irq_domain_remove(d);
	assert_warned_once();
	assert_ptr_equal(irq_find_matching_fwnode(fw, DOMAIN_BUS_ANY), d);
	assert_int_equal(irq_find_mapping(d, 1), virq);
	irq_dispose_mapping(virq);
	irq_domain_remove(d);
	assert_no_warning();
}

/* The same for a domain that is still the parent of another. */
static void remove_rejects_domain_with_children(void **state)
{
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode("parent");
	struct irq_domain *parent = irq_domain_create_linear(fw, 4, &level_ops, NULL);
	struct irq_domain *child = irq_domain_create_hierarchy(parent, 0, 4, NULL, &level_ops,
							       NULL);

	(void)state;
	assert_non_null(child);
	irq_domain_remove(parent);
	assert_warned_once();
	assert_ptr_equal(irq_find_matching_fwnode(fw, DOMAIN_BUS_ANY), parent);
	irq_domain_remove(child);
	irq_domain_remove(parent);
	assert_no_warning();
}

/* ---- registry, bus tokens and fwnodes -------------------------------------------- */

static void find_matching_fwnode_honours_bus_token(void **state)
{
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode("ctl");
	struct irq_domain *wired = irq_domain_create_linear(fw, 4, &plain_ops, NULL);
	struct irq_domain *ipi = irq_domain_create_linear(fw, 4, &plain_ops, NULL);

	(void)state;
	irq_domain_update_bus_token(wired, DOMAIN_BUS_WIRED);
	irq_domain_update_bus_token(ipi, DOMAIN_BUS_IPI);
	assert_int_equal(wired->bus_token, DOMAIN_BUS_WIRED);
	assert_ptr_equal(irq_find_matching_fwnode(fw, DOMAIN_BUS_WIRED), wired);
	assert_ptr_equal(irq_find_matching_fwnode(fw, DOMAIN_BUS_IPI), ipi);
	assert_null(irq_find_matching_fwnode(fw, DOMAIN_BUS_NEXUS));
	assert_true(irq_find_matching_fwnode(fw, DOMAIN_BUS_ANY) == wired ||
		    irq_find_matching_fwnode(fw, DOMAIN_BUS_ANY) == ipi);
	assert_no_warning();
}

static void find_matching_fwnode_of_null_or_unknown_is_null(void **state)
{
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode("a");
	struct fwnode_handle *unused = irq_domain_alloc_named_fwnode("b");

	(void)state;
	assert_non_null(irq_domain_create_linear(fw, 4, &plain_ops, NULL));
	assert_null(irq_find_matching_fwnode(NULL, DOMAIN_BUS_ANY));
	assert_null(irq_find_matching_fwnode(unused, DOMAIN_BUS_ANY));
}

static int select_calls;

static int select_ipi_only(struct irq_domain *d, struct irq_fwspec *fwspec,
			   enum irq_domain_bus_token bus_token)
{
	select_calls++;
	return fwspec->fwnode == d->fwnode && bus_token == DOMAIN_BUS_IPI;
}

static const struct irq_domain_ops select_ops = { .select = select_ipi_only, .map = plain_map };

static void find_matching_fwnode_asks_select(void **state)
{
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode("sel");
	struct irq_domain *d = irq_domain_create_linear(fw, 4, &select_ops, NULL);

	(void)state;
	assert_ptr_equal(irq_find_matching_fwnode(fw, DOMAIN_BUS_IPI), d);
	assert_null(irq_find_matching_fwnode(fw, DOMAIN_BUS_WIRED));
	assert_true(select_calls >= 2);
}

static void update_bus_token_rejects_null_domain(void **state)
{
	(void)state;
	irq_domain_update_bus_token(NULL, DOMAIN_BUS_IPI);
	assert_warned_once();
}

static void named_fwnode_copies_name(void **state)
{
	char name[] = "copied";
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode(name);

	(void)state;
	assert_non_null(fw);
	name[0] = 'X';
	assert_string_equal(fw->name, "copied");
	irq_domain_free_fwnode(fw);
	assert_no_warning();
}

static void named_fwnodes_are_distinct(void **state)
{
	struct fwnode_handle *a = irq_domain_alloc_named_fwnode("same");
	struct fwnode_handle *b = irq_domain_alloc_named_fwnode("same");
	struct irq_domain *da = irq_domain_create_linear(a, 4, &plain_ops, NULL);
	struct irq_domain *db = irq_domain_create_linear(b, 4, &plain_ops, NULL);

	(void)state;
	assert_ptr_not_equal(a, b);
	assert_ptr_equal(irq_find_matching_fwnode(a, DOMAIN_BUS_ANY), da);
	assert_ptr_equal(irq_find_matching_fwnode(b, DOMAIN_BUS_ANY), db);
}

static void named_fwnode_free_releases_memory(void **state)
{
	long allocs = hosted_alloc_live();

	(void)state;
	irq_domain_free_fwnode(irq_domain_alloc_named_fwnode("tmp"));
	assert_int_equal(hosted_alloc_live(), allocs);
}

static void named_fwnode_rejects_null_name(void **state)
{
	long allocs = hosted_alloc_live();

	(void)state;
	assert_null(irq_domain_alloc_named_fwnode(NULL));
	assert_warned_once();
	assert_int_equal(hosted_alloc_live(), allocs);
}

static void named_fwnode_returns_null_without_memory(void **state)
{
	long allocs = hosted_alloc_live();

	(void)state;
	hosted_alloc_fail_nth(0);
	assert_null(irq_domain_alloc_named_fwnode("x"));
	hosted_alloc_fail_nth(-1);
	assert_int_equal(hosted_alloc_live(), allocs);
}

static void free_fwnode_ignores_null(void **state)
{
	(void)state;
	irq_domain_free_fwnode(NULL);
	assert_no_warning();
}

static void free_fwnode_rejects_unnamed_fwnode(void **state)
{
	struct fwnode_handle fake = { .name = "fake" };
	struct fwnode_handle *kept = irq_domain_alloc_named_fwnode("kept");
	long allocs = hosted_alloc_live();

	(void)state;
	irq_domain_free_fwnode(&fake);
	assert_warned_once();
	assert_int_equal(hosted_alloc_live(), allocs);
	assert_string_equal(kept->name, "kept");
}

static void free_fwnode_twice_is_reported(void **state)
{
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode("twice");
	long allocs;

	(void)state;
	irq_domain_free_fwnode(fw);
	assert_no_warning();
	allocs = hosted_alloc_live();
	irq_domain_free_fwnode(fw);
	assert_warned_once();
	assert_int_equal(hosted_alloc_live(), allocs);
}

/*
 * A domain keeps its fwnode (and takes its name from it): freeing the
 * fwnode of a live domain leaves d->name and d->fwnode dangling, so it
 * must be refused like removing a domain that is still in use.
 */
static void free_fwnode_rejects_fwnode_of_live_domain(void **state)
{
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode("live");
	struct irq_domain *d = irq_domain_create_linear(fw, 4, &plain_ops, NULL);
	long allocs = hosted_alloc_live();

	(void)state;
	irq_domain_free_fwnode(fw);
	assert_warned_once();
	assert_int_equal(hosted_alloc_live(), allocs);
	assert_string_equal(d->name, "live");
	assert_ptr_equal(irq_find_matching_fwnode(fw, DOMAIN_BUS_ANY), d);
	irq_domain_remove(d);
	irq_domain_free_fwnode(fw);
	assert_no_warning();
}

/* ---- reverse maps --------------------------------------------------------------- */

static const irq_hw_number_t sparse_hwirqs[] = {
	1UL << 40, 0, 63, 64, 4095, 4096, 1UL << 20, (1UL << 36) + 5, ~0UL >> 1, ~0UL - 1,
};

static void tree_domain_maps_sparse_huge_hwirqs(void **state)
{
	struct irq_domain *d = irq_domain_create_tree(NULL, &plain_ops, NULL);
	unsigned int virqs[ARRAY_SIZE(sparse_hwirqs)];

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(sparse_hwirqs); i++) {
		virqs[i] = irq_create_mapping(d, sparse_hwirqs[i]);
		assert_int_not_equal(virqs[i], 0);
		assert_true(irqd_to_hwirq(irq_get_irq_data(virqs[i])) == sparse_hwirqs[i]);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(sparse_hwirqs); i++) {
		irq_hw_number_t h = sparse_hwirqs[i];

		assert_int_equal(irq_find_mapping(d, h), virqs[i]);
		/* the neighbours were never mapped (except where they are listed) */
		if (h != 63 && h != 4095 && h != ~0UL - 1)
			assert_int_equal(irq_find_mapping(d, h + 1), 0);
	}
	assert_int_equal(irq_find_mapping(d, 1UL << 41), 0);
	assert_int_equal(irq_find_mapping(d, ~0UL), 0);
	for (unsigned int i = 0; i < ARRAY_SIZE(sparse_hwirqs); i++) {
		irq_dispose_mapping(virqs[i]);
		assert_int_equal(irq_find_mapping(d, sparse_hwirqs[i]), 0);
		assert_null(irq_to_desc(virqs[i]));
		/* the others are still there */
		for (unsigned int j = i + 1; j < ARRAY_SIZE(sparse_hwirqs); j++)
			assert_int_equal(irq_find_mapping(d, sparse_hwirqs[j]), virqs[j]);
	}
	assert_no_warning();
}

static void tree_domain_lookup_before_any_mapping_is_zero(void **state)
{
	struct irq_domain *d = irq_domain_create_tree(NULL, &plain_ops, NULL);

	(void)state;
	assert_int_equal(irq_find_mapping(d, 0), 0);
	assert_int_equal(irq_find_mapping(d, ~0UL - 1), 0);
}

static void find_mapping_of_null_domain_is_zero(void **state)
{
	(void)state;
	assert_int_equal(irq_find_mapping(NULL, 0), 0);
}

static void linear_domain_lookup_past_size_is_zero(void **state)
{
	struct irq_domain *d = irq_domain_create_linear(NULL, 8, &plain_ops, NULL);

	(void)state;
	assert_int_not_equal(irq_create_mapping(d, 7), 0);
	assert_int_equal(irq_find_mapping(d, 8), 0);
	assert_int_equal(irq_find_mapping(d, ~0UL - 1), 0);
}

/* ---- irq_create_mapping / irq_dispose_mapping -------------------------------------- */

struct map_log {
	unsigned int maps, unmaps;
	unsigned int virq;
	irq_hw_number_t hwirq;
	int fail;
};

static int log_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hwirq)
{
	struct map_log *log = d->host_data;

	log->maps++;
	log->virq = virq;
	log->hwirq = hwirq;
	if (log->fail)
		return log->fail;
	irq_domain_set_info(d, virq, hwirq, NULL, NULL, counting_flow, log, "log");
	return 0;
}

static void log_unmap(struct irq_domain *d, unsigned int virq)
{
	struct map_log *log = d->host_data;

	log->unmaps++;
	log->virq = virq;
}

static const struct irq_domain_ops log_ops = { .map = log_map, .unmap = log_unmap };

static void create_mapping_calls_map_and_enters_revmap(void **state)
{
	struct map_log log = { 0 };
	struct irq_domain *d = irq_domain_create_linear(NULL, 16, &log_ops, &log);
	unsigned int virq;

	(void)state;
	virq = irq_create_mapping(d, 5);
	assert_int_not_equal(virq, 0);
	assert_int_equal(log.maps, 1);
	assert_int_equal(log.virq, virq);
	assert_true(log.hwirq == 5);
	assert_int_equal(irq_find_mapping(d, 5), virq);
	assert_ptr_equal(irq_get_irq_data(virq)->domain, d);
	assert_true(irqd_to_hwirq(irq_get_irq_data(virq)) == 5);
	assert_no_warning();
}

static void create_mapping_twice_returns_same_virq(void **state)
{
	struct map_log log = { 0 };
	struct irq_domain *d = irq_domain_create_linear(NULL, 16, &log_ops, &log);
	unsigned int a, b, descs;

	(void)state;
	a = irq_create_mapping(d, 0);
	descs = test_count_descs();
	b = irq_create_mapping(d, 0);
	assert_int_equal(a, b);
	assert_int_equal(log.maps, 1);
	assert_int_equal(test_count_descs(), descs);
}

static void create_mapping_failing_map_leaves_nothing(void **state)
{
	struct map_log log = { .fail = -ENODEV };
	struct irq_domain *d = irq_domain_create_linear(NULL, 16, &log_ops, &log);
	unsigned int descs = test_count_descs();
	long allocs = hosted_alloc_live();

	(void)state;
	assert_int_equal(irq_create_mapping(d, 3), 0);
	assert_int_equal(log.maps, 1);
	assert_int_equal(log.unmaps, 0);
	assert_int_equal(irq_find_mapping(d, 3), 0);
	assert_int_equal(test_count_descs(), descs);
	assert_int_equal(hosted_alloc_live(), allocs);
}

static void create_mapping_enomem_leaves_nothing(void **state)
{
	struct map_log log = { 0 };
	struct irq_domain *d = irq_domain_create_tree(NULL, &log_ops, &log);
	unsigned int failures = 0, virq = 0;

	(void)state;
	for (long n = 0; n < 1000; n++) {
		unsigned int descs = test_count_descs();
		long allocs = hosted_alloc_live();

		hosted_alloc_fail_nth(n);
		virq = irq_create_mapping(d, 1UL << 30);
		hosted_alloc_fail_nth(-1);
		if (virq)
			break;
		assert_int_equal(test_count_descs(), descs);
		/* tree nodes already made may stay (they live with the domain) */
		assert_true(hosted_alloc_live() >= allocs);
		assert_int_equal(irq_find_mapping(d, 1UL << 30), 0);
		assert_int_equal(log.unmaps, log.maps);
		failures++;
	}
	assert_int_not_equal(virq, 0);
	assert_true(failures > 0);
	assert_int_equal(irq_find_mapping(d, 1UL << 30), virq);
}

static void create_mapping_fails_when_virqs_run_out(void **state)
{
	struct map_log log = { 0 };
	struct irq_domain *d = irq_domain_create_tree(NULL, &log_ops, &log);
	unsigned int descs, last = 0;
	irq_hw_number_t h;

	(void)state;
	for (h = 0; h < NR_IRQS; h++) {
		unsigned int virq = irq_create_mapping(d, h);

		if (!virq)
			break;
		last = virq;
	}
	assert_int_not_equal(last, 0);
	assert_true(h < NR_IRQS);
	assert_int_equal(test_count_descs(), NR_IRQS - 1);
	descs = test_count_descs();
	assert_int_equal(irq_create_mapping(d, h), 0);
	assert_int_equal(test_count_descs(), descs);
	assert_int_equal(irq_find_mapping(d, h), 0);
}

enum create_mapping_bad_kind {
	CMAP_NULL_DOMAIN,
	CMAP_PAST_LINEAR_SIZE
};

struct create_mapping_bad_row {
	enum create_mapping_bad_kind kind;
};

static void create_mapping_rejects(void **state)
{
	const struct create_mapping_bad_row *row = *state;
	struct map_log log = { 0 };
	struct irq_domain *d = irq_domain_create_linear(NULL, 16, &log_ops, &log);
	unsigned int descs = test_count_descs();

	if (row->kind == CMAP_NULL_DOMAIN)
		assert_int_equal(irq_create_mapping(NULL, 1), 0);
	else
		assert_int_equal(irq_create_mapping(d, 16), 0);
	assert_warned_once();
	assert_int_equal(test_count_descs(), descs);
	assert_int_equal(log.maps, 0);
}

static struct create_mapping_bad_row cmbad_null = { CMAP_NULL_DOMAIN };
static struct create_mapping_bad_row cmbad_past = { CMAP_PAST_LINEAR_SIZE };

static void dispose_mapping_calls_unmap_and_frees(void **state)
{
	struct map_log log = { 0 };
	struct irq_domain *d = irq_domain_create_linear(NULL, 16, &log_ops, &log);
	unsigned int descs = test_count_descs(), virq;
	long allocs = hosted_alloc_live();

	(void)state;
	virq = irq_create_mapping(d, 9);
	irq_dispose_mapping(virq);
	assert_int_equal(log.unmaps, 1);
	assert_int_equal(log.virq, virq);
	assert_int_equal(irq_find_mapping(d, 9), 0);
	assert_null(irq_to_desc(virq));
	assert_int_equal(test_count_descs(), descs);
	assert_int_equal(hosted_alloc_live(), allocs);
	assert_no_warning();
}

static void dispose_mapping_of_hierarchical_virq_frees_levels(void **state)
{
	struct hier_arg arg = { .hwirq = 4 };
	unsigned int descs;
	long allocs;
	int virq;

	(void)state;
	build_hierarchy(false);
	descs = test_count_descs();
	allocs = hosted_alloc_live();
	virq = irq_domain_alloc_irqs(top_level.domain, 1, NUMA_NO_NODE, &arg);
	call_order[0] = '\0';
	irq_dispose_mapping((unsigned int)virq);
	assert_string_equal(call_order, "top,mid,root");
	assert_unmapped(4);
	assert_int_equal(test_count_descs(), descs);
	assert_int_equal(hosted_alloc_live(), allocs);
}

/*
 * A virq allocated from a hierarchical domain that has no parent (a root
 * controller's domain) has no parent level, but it is still the domain's
 * to free: its free callback must run, or its hwirq leaks in the driver.
 */
static void dispose_mapping_of_root_hierarchical_virq_calls_free(void **state)
{
	struct hier_arg arg = { .hwirq = 6 };
	unsigned int descs;
	int virq;

	(void)state;
	build_hierarchy(false);
	descs = test_count_descs();
	virq = irq_domain_alloc_irqs(root_level.domain, 1, NUMA_NO_NODE, &arg);
	assert_true(virq > 0);
	assert_int_equal(irq_find_mapping(root_level.domain, 6 + ROOT_OFFSET), virq);
	irq_dispose_mapping((unsigned int)virq);
	assert_int_equal(root_level.frees, 1);
	assert_int_equal(irq_find_mapping(root_level.domain, 6 + ROOT_OFFSET), 0);
	assert_int_equal(test_count_descs(), descs);
}

static void dispose_mapping_rejects_unknown_virq(void **state)
{
	struct map_log log = { 0 };
	struct irq_domain *d = irq_domain_create_linear(NULL, 16, &log_ops, &log);
	unsigned int virq = irq_create_mapping(d, 2), descs = test_count_descs();

	(void)state;
	irq_dispose_mapping(0);
	irq_dispose_mapping(NR_IRQS - 1);
	irq_dispose_mapping(~0U);
	assert_warned_once();
	assert_int_equal(test_count_descs(), descs);
	assert_int_equal(log.unmaps, 0);
	assert_int_equal(irq_find_mapping(d, 2), virq);
}

static void dispose_mapping_twice_is_reported(void **state)
{
	struct map_log log = { 0 };
	struct irq_domain *d = irq_domain_create_linear(NULL, 16, &log_ops, &log);
	unsigned int virq = irq_create_mapping(d, 2);

	(void)state;
	irq_dispose_mapping(virq);
	assert_no_warning();
	irq_dispose_mapping(virq);
	assert_warned_once();
	assert_int_equal(log.unmaps, 1);
}

/* ---- irq_create_fwspec_mapping --------------------------------------------------------- */

static int double_translate(struct irq_domain *d, struct irq_fwspec *fwspec,
			    irq_hw_number_t *out_hwirq, unsigned int *out_type)
{
	(void)d;
	if (fwspec->param_count != 2)
		return -EINVAL;
	*out_hwirq = 2 * fwspec->param[0];
	*out_type = fwspec->param[1];
	return 0;
}

static const struct irq_domain_ops translate_ops = { .translate = double_translate,
						     .map = log_map,
						     .unmap = log_unmap };

static void fwspec_mapping_uses_first_cell_without_translate(void **state)
{
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode("fw");
	struct map_log log = { 0 };
	struct irq_domain *d = irq_domain_create_linear(fw, 16, &log_ops, &log);
	struct irq_fwspec spec = { .fwnode = fw, .param_count = 1, .param = { 6 } };
	unsigned int virq;

	(void)state;
	virq = irq_create_fwspec_mapping(&spec);
	assert_int_not_equal(virq, 0);
	assert_int_equal(irq_find_mapping(d, 6), virq);
	/* a second time finds the first mapping */
	assert_int_equal(irq_create_fwspec_mapping(&spec), virq);
	assert_int_equal(log.maps, 1);
	assert_no_warning();
}

static void fwspec_mapping_uses_translate(void **state)
{
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode("fw");
	struct map_log log = { 0 };
	struct irq_domain *d = irq_domain_create_linear(fw, 16, &translate_ops, &log);
	struct irq_fwspec spec = { .fwnode = fw, .param_count = 2, .param = { 3, 0 } };
	unsigned int virq;

	(void)state;
	virq = irq_create_fwspec_mapping(&spec);
	assert_int_not_equal(virq, 0);
	assert_int_equal(irq_find_mapping(d, 6), virq);
	assert_int_equal(irq_find_mapping(d, 3), 0);
}

static void fwspec_mapping_fails_when_translate_fails(void **state)
{
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode("fw");
	struct map_log log = { 0 };
	struct irq_fwspec spec = { .fwnode = fw, .param_count = 1, .param = { 3 } };
	unsigned int descs;

	(void)state;
	assert_non_null(irq_domain_create_linear(fw, 16, &translate_ops, &log));
	descs = test_count_descs();
	assert_int_equal(irq_create_fwspec_mapping(&spec), 0);
	assert_int_equal(test_count_descs(), descs);
	assert_int_equal(log.maps, 0);
}

static unsigned int fwspec_allocs;

static int fwspec_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr, void *arg)
{
	const struct irq_fwspec *spec = arg;

	fwspec_allocs++;
	if (!spec || spec->param_count < 1)
		return -EINVAL;
	for (unsigned int i = 0; i < nr; i++)
		irq_domain_set_info(d, virq + i, spec->param[0] + i, NULL, NULL, counting_flow,
				    NULL, NULL);
	return 0;
}

static const struct irq_domain_ops fwspec_alloc_ops = { .alloc = fwspec_alloc };

static void fwspec_mapping_of_hierarchical_domain_allocates(void **state)
{
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode("hier");
	struct irq_fwspec spec = { .fwnode = fw, .param_count = 1, .param = { 12 } };
	struct irq_domain *d;
	unsigned int virq;

	(void)state;
	/* a hierarchical domain's alloc gets the fwspec as its argument */
	d = irq_domain_create_hierarchy(NULL, 0, 64, fw, &fwspec_alloc_ops, NULL);
	assert_non_null(d);
	virq = irq_create_fwspec_mapping(&spec);
	assert_int_not_equal(virq, 0);
	assert_int_equal(fwspec_allocs, 1);
	assert_int_equal(irq_find_mapping(d, 12), virq);
	assert_int_equal(irq_create_fwspec_mapping(&spec), virq);
	assert_int_equal(fwspec_allocs, 1);
	assert_no_warning();
}

static void fwspec_mapping_prefers_wired_domain(void **state)
{
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode("both");
	struct map_log wlog = { 0 }, ilog = { 0 };
	struct irq_domain *ipi = irq_domain_create_linear(fw, 16, &log_ops, &ilog);
	struct irq_domain *wired = irq_domain_create_linear(fw, 16, &log_ops, &wlog);
	struct irq_fwspec spec = { .fwnode = fw, .param_count = 1, .param = { 2 } };
	unsigned int virq;

	(void)state;
	irq_domain_update_bus_token(ipi, DOMAIN_BUS_IPI);
	irq_domain_update_bus_token(wired, DOMAIN_BUS_WIRED);
	virq = irq_create_fwspec_mapping(&spec);
	assert_int_not_equal(virq, 0);
	assert_int_equal(irq_find_mapping(wired, 2), virq);
	assert_int_equal(ilog.maps, 0);
}

enum fwspec_bad_kind {
	FWSPEC_NULL,
	FWSPEC_TOO_MANY,
	FWSPEC_NEGATIVE,
	FWSPEC_UNKNOWN_FWNODE,
	FWSPEC_NO_CELLS
};

struct fwspec_bad_row {
	enum fwspec_bad_kind kind;
};

static void fwspec_mapping_rejects(void **state)
{
	const struct fwspec_bad_row *row = *state;
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode("fw");
	struct fwnode_handle *other = irq_domain_alloc_named_fwnode("other");
	struct map_log log = { 0 };
	struct irq_fwspec spec = { .fwnode = fw, .param_count = 1, .param = { 1 } };
	struct irq_fwspec *specp = &spec;
	unsigned int descs;

	assert_non_null(irq_domain_create_linear(fw, 16, &log_ops, &log));
	switch (row->kind) {
	case FWSPEC_NULL:
		specp = NULL;
		break;
	case FWSPEC_TOO_MANY:
		spec.param_count = IRQ_FWSPEC_PARAMS + 1;
		break;
	case FWSPEC_NEGATIVE:
		spec.param_count = -1;
		break;
	case FWSPEC_UNKNOWN_FWNODE:
		spec.fwnode = other;
		break;
	case FWSPEC_NO_CELLS:
		spec.param_count = 0;
		break;
	}
	descs = test_count_descs();
	assert_int_equal(irq_create_fwspec_mapping(specp), 0);
	assert_warned_once();
	assert_int_equal(test_count_descs(), descs);
	assert_int_equal(log.maps, 0);
}

static struct fwspec_bad_row fsbad_null = { FWSPEC_NULL };
static struct fwspec_bad_row fsbad_many = { FWSPEC_TOO_MANY };
static struct fwspec_bad_row fsbad_neg = { FWSPEC_NEGATIVE };
static struct fwspec_bad_row fsbad_unknown = { FWSPEC_UNKNOWN_FWNODE };
static struct fwspec_bad_row fsbad_nocells = { FWSPEC_NO_CELLS };

/* ---- generic_handle_domain_irq ------------------------------------------------------ */

static void handle_domain_irq_runs_flow_of_mapping(void **state)
{
	struct map_log log = { 0 };
	struct irq_domain *d = irq_domain_create_linear(NULL, 16, &log_ops, &log);
	unsigned int virq = irq_create_mapping(d, 4);

	(void)state;
	flow_calls = 0;
	assert_int_equal(generic_handle_domain_irq(d, 4), 0);
	assert_int_equal(flow_calls, 1);
	assert_ptr_equal(flow_desc, irq_to_desc(virq));
}

static void handle_domain_irq_rejects_unmapped_hwirq(void **state)
{
	struct map_log log = { 0 };
	struct irq_domain *d = irq_domain_create_linear(NULL, 16, &log_ops, &log);

	(void)state;
	irq_create_mapping(d, 4);
	flow_calls = 0;
	assert_int_equal(generic_handle_domain_irq(d, 5), -EINVAL);
	assert_int_equal(generic_handle_domain_irq(d, 16), -EINVAL);
	assert_int_equal(generic_handle_domain_irq(NULL, 4), -EINVAL);
	assert_int_equal(flow_calls, 0);
}

#define ROW(name, fn, row) test_machine_table_test(name, fn, row)

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_machine_unit_test(alloc_irqs_chains_through_every_parent),
		test_machine_unit_test(alloc_irqs_of_several_virqs_maps_each),
		test_machine_unit_test(free_irqs_unwinds_every_level),
		test_machine_unit_test(alloc_irqs_reuses_freed_hwirqs),
		ROW("alloc_irqs_root_enospc_leaves_nothing", alloc_irqs_failure_leaves_nothing,
		    &fail_root_enospc),
		ROW("alloc_irqs_mid_enomem_leaves_nothing", alloc_irqs_failure_leaves_nothing,
		    &fail_mid_enomem),
		ROW("alloc_irqs_top_einval_leaves_nothing", alloc_irqs_failure_leaves_nothing,
		    &fail_top_einval),
		test_machine_unit_test(alloc_irqs_of_mapped_hwirq_fails_with_eexist),
		test_machine_unit_test(alloc_irqs_enomem_leaves_nothing),
		test_machine_unit_test(alloc_irqs_fails_with_enospc_when_virqs_run_out),
		ROW("alloc_irqs_rejects_null_domain", alloc_irqs_rejects, &abad_null),
		ROW("alloc_irqs_rejects_zero_count", alloc_irqs_rejects, &abad_zero),
		ROW("alloc_irqs_rejects_domain_without_alloc", alloc_irqs_rejects, &abad_plain),
		ROW("alloc_irqs_rejects_huge_count", alloc_irqs_rejects, &abad_huge),
		ROW("free_irqs_rejects_virq_zero", free_irqs_rejects, &fbad_zero),
		ROW("free_irqs_rejects_unknown_virq", free_irqs_rejects, &fbad_unknown),
		ROW("free_irqs_rejects_range_past_allocation", free_irqs_rejects, &fbad_range),
		ROW("free_irqs_rejects_range_wrapping_around", free_irqs_rejects, &fbad_huge),
		test_machine_unit_test(free_irqs_of_zero_count_does_nothing),
		test_machine_unit_test(alloc_irqs_parent_rejects_domain_without_parent),
		test_machine_unit_test(free_irqs_parent_without_parent_does_nothing),
		test_machine_unit_test(free_irqs_top_resets_level_and_frees_parents),
		test_machine_unit_test(set_hwirq_and_chip_sets_level),
		test_machine_unit_test(set_hwirq_and_chip_with_null_chip_uses_a_dummy),
		test_machine_unit_test(set_hwirq_and_chip_rejects_virq_not_in_domain),
		test_machine_unit_test(set_info_sets_chip_handler_and_data),
		test_machine_unit_test(set_info_rejects_virq_not_in_domain),
		test_machine_unit_test(get_irq_data_finds_only_levels_of_the_virq),
		test_machine_unit_test(create_linear_sets_fields),
		test_machine_unit_test(create_without_fwnode_is_unnamed),
		test_machine_unit_test(create_with_alloc_is_hierarchical),
		test_machine_unit_test(create_hierarchy_sets_parent_and_ipi_kind),
		test_machine_unit_test(domain_predicates_of_null_are_false),
		ROW("create_linear_rejects_size_zero", create_rejects, &cbad_size0),
		ROW("create_linear_rejects_null_ops", create_rejects, &cbad_lin_ops),
		ROW("create_tree_rejects_null_ops", create_rejects, &cbad_tree_ops),
		ROW("create_hierarchy_rejects_null_ops", create_rejects, &cbad_hier_ops),
		ROW("create_hierarchy_rejects_both_ipi_kinds", create_rejects, &cbad_both),
		ROW("create_hierarchy_rejects_ops_without_alloc", create_rejects, &cbad_noalloc),
		test_machine_unit_test(create_enomem_leaves_nothing),
		test_machine_unit_test(remove_unregisters_domain),
		test_machine_unit_test(remove_rejects_null_domain),
		test_machine_unit_test(remove_rejects_unknown_domain),
		test_machine_unit_test(remove_rejects_domain_with_mappings),
		test_machine_unit_test(remove_rejects_domain_with_children),
		test_machine_unit_test(find_matching_fwnode_honours_bus_token),
		test_machine_unit_test(find_matching_fwnode_of_null_or_unknown_is_null),
		test_machine_unit_test(find_matching_fwnode_asks_select),
		test_machine_unit_test(update_bus_token_rejects_null_domain),
		test_machine_unit_test(named_fwnode_copies_name),
		test_machine_unit_test(named_fwnodes_are_distinct),
		test_machine_unit_test(named_fwnode_free_releases_memory),
		test_machine_unit_test(named_fwnode_rejects_null_name),
		test_machine_unit_test(named_fwnode_returns_null_without_memory),
		test_machine_unit_test(free_fwnode_ignores_null),
		test_machine_unit_test(free_fwnode_rejects_unnamed_fwnode),
		test_machine_unit_test(free_fwnode_twice_is_reported),
		test_machine_unit_test(free_fwnode_rejects_fwnode_of_live_domain),
		test_machine_unit_test(tree_domain_maps_sparse_huge_hwirqs),
		test_machine_unit_test(tree_domain_lookup_before_any_mapping_is_zero),
		test_machine_unit_test(find_mapping_of_null_domain_is_zero),
		test_machine_unit_test(linear_domain_lookup_past_size_is_zero),
		test_machine_unit_test(create_mapping_calls_map_and_enters_revmap),
		test_machine_unit_test(create_mapping_twice_returns_same_virq),
		test_machine_unit_test(create_mapping_failing_map_leaves_nothing),
		test_machine_unit_test(create_mapping_enomem_leaves_nothing),
		test_machine_unit_test(create_mapping_fails_when_virqs_run_out),
		ROW("create_mapping_rejects_null_domain", create_mapping_rejects, &cmbad_null),
		ROW("create_mapping_rejects_hwirq_past_linear_size", create_mapping_rejects,
		    &cmbad_past),
		test_machine_unit_test(dispose_mapping_calls_unmap_and_frees),
		test_machine_unit_test(dispose_mapping_of_hierarchical_virq_frees_levels),
		test_machine_unit_test(dispose_mapping_of_root_hierarchical_virq_calls_free),
		test_machine_unit_test(dispose_mapping_rejects_unknown_virq),
		test_machine_unit_test(dispose_mapping_twice_is_reported),
		test_machine_unit_test(fwspec_mapping_uses_first_cell_without_translate),
		test_machine_unit_test(fwspec_mapping_uses_translate),
		test_machine_unit_test(fwspec_mapping_fails_when_translate_fails),
		test_machine_unit_test(fwspec_mapping_of_hierarchical_domain_allocates),
		test_machine_unit_test(fwspec_mapping_prefers_wired_domain),
		ROW("fwspec_mapping_rejects_null_fwspec", fwspec_mapping_rejects, &fsbad_null),
		ROW("fwspec_mapping_rejects_too_many_cells", fwspec_mapping_rejects, &fsbad_many),
		ROW("fwspec_mapping_rejects_negative_cell_count", fwspec_mapping_rejects,
		    &fsbad_neg),
		ROW("fwspec_mapping_rejects_unknown_fwnode", fwspec_mapping_rejects,
		    &fsbad_unknown),
		ROW("fwspec_mapping_rejects_no_cells", fwspec_mapping_rejects, &fsbad_nocells),
		test_machine_unit_test(handle_domain_irq_runs_flow_of_mapping),
		test_machine_unit_test(handle_domain_irq_rejects_unmapped_hwirq),
	};

	return test_run_isolated("irqdomain", tests, ARRAY_SIZE(tests));
}
