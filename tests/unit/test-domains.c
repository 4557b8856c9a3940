// SPDX-License-Identifier: BSD-2-Clause
/*
 * Software IPI controllers for the unit tests: see test-domains.h.
 */
#include "test-domains.h"

#include <string.h>

static struct test_ipi_ctrl *test_ctrl_of(struct irq_data *d)
{
	return irq_data_get_irq_chip_data(d);
}

static void test_record(struct test_ipi_ctrl *ctrl, irq_hw_number_t hwirq, unsigned int target,
			bool via_mask)
{
	/* sends may come from several CPU threads at once */
	unsigned int i = __atomic_fetch_add(&ctrl->nr_sends, 1, __ATOMIC_RELAXED);

	if (i >= TEST_MAX_SENDS)
		return;
	ctrl->sends[i].hwirq = hwirq;
	ctrl->sends[i].target = target;
	ctrl->sends[i].via_mask = via_mask;
}

static void test_chip_send_single(struct irq_data *d, unsigned int target)
{
	test_record(test_ctrl_of(d), d->hwirq, target, false);
}

/*
 * A mask-sending chip of a per-CPU domain gets one irq_data of the
 * reservation and must find each target's hwirq itself, as a driver would.
 */
static void test_chip_send_mask(struct irq_data *d, const struct cpumask *dest)
{
	struct test_ipi_ctrl *ctrl = test_ctrl_of(d);
	unsigned int t;

	for_each_cpu(t, dest) {
		irq_hw_number_t hwirq = d->hwirq;

		if (irq_domain_is_ipi_per_cpu(d->domain)) {
			struct irq_data *td = irq_get_irq_data(d->common->ipi_base + t -
							       d->common->ipi_offset);

			hwirq = td ? td->hwirq : INVALID_HWIRQ;
		}
		test_record(ctrl, hwirq, t, true);
	}
}

/* Take @nr free pool entries into @out; all or nothing. */
static int test_pool_take(struct test_ipi_ctrl *ctrl, unsigned int nr, irq_hw_number_t *out)
{
	unsigned int found = 0, idx[TEST_MAX_HWIRQS];

	for (unsigned int i = 0; i < ctrl->nr_hwirqs && found < nr; i++)
		if (!ctrl->used[i])
			idx[found++] = i;
	if (found < nr)
		return -ENOSPC;
	for (unsigned int i = 0; i < nr; i++) {
		ctrl->used[idx[i]] = true;
		out[i] = ctrl->hwirq_base + idx[i] * ctrl->hwirq_stride;
	}
	return 0;
}

static void test_pool_put(struct test_ipi_ctrl *ctrl, irq_hw_number_t hwirq)
{
	irq_hw_number_t i;

	if (hwirq == INVALID_HWIRQ || hwirq < ctrl->hwirq_base)
		return;
	i = (hwirq - ctrl->hwirq_base) / ctrl->hwirq_stride;
	if (i < ctrl->nr_hwirqs)
		ctrl->used[i] = false;
}

static int test_ipi_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs, void *arg)
{
	struct test_ipi_ctrl *ctrl = d->host_data;
	const struct cpumask *dest = arg;
	irq_hw_number_t hwirqs[TEST_MAX_HWIRQS];
	int ret;

	ctrl->alloc_calls++;
	ctrl->last_alloc_nr = nr_irqs;
	if (dest)
		cpumask_copy(&ctrl->last_alloc_dest, dest);
	if (ctrl->alloc_hook)
		ctrl->alloc_hook(ctrl);
	if (ctrl->fail_alloc)
		return ctrl->fail_alloc;
	if (nr_irqs > TEST_MAX_HWIRQS)
		return -ENOSPC;
	ret = test_pool_take(ctrl, nr_irqs, hwirqs);
	if (ret)
		return ret;
	if (d->parent) {
		ret = irq_domain_alloc_irqs_parent(d, virq, nr_irqs, arg);
		if (ret) {
			for (unsigned int i = 0; i < nr_irqs; i++)
				test_pool_put(ctrl, hwirqs[i]);
			return ret;
		}
	}
	for (unsigned int i = 0; i < nr_irqs; i++) {
		irq_set_percpu_devid(virq + i);
		irq_domain_set_info(d, virq + i, hwirqs[i], &ctrl->chip, ctrl,
				    handle_percpu_devid_irq, NULL, NULL);
	}
	return 0;
}

static void test_ipi_free(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs)
{
	struct test_ipi_ctrl *ctrl = d->host_data;

	ctrl->free_calls++;
	for (unsigned int i = 0; i < nr_irqs; i++)
		test_pool_put(ctrl, irqd_to_hwirq(irq_domain_get_irq_data(d, virq + i)));
	irq_domain_free_irqs_top(d, virq, nr_irqs);
}

static const struct irq_domain_ops test_ipi_domain_ops = {
	.alloc = test_ipi_alloc,
	.free = test_ipi_free,
};

struct irq_domain *test_ipi_domain_create(struct test_ipi_ctrl *ctrl, const char *name,
					  unsigned int kind_flags, unsigned int nr_hwirqs,
					  enum test_chip_kind chip_kind, struct irq_domain *parent)
{
	memset(ctrl, 0, sizeof(*ctrl));
	assert_true(nr_hwirqs <= TEST_MAX_HWIRQS);
	ctrl->nr_hwirqs = nr_hwirqs;
	ctrl->hwirq_stride = 1;
	ctrl->chip.name = name;
	if (chip_kind == TEST_CHIP_SEND_BOTH || chip_kind == TEST_CHIP_SEND_SINGLE)
		ctrl->chip.ipi_send_single = test_chip_send_single;
	if (chip_kind == TEST_CHIP_SEND_BOTH || chip_kind == TEST_CHIP_SEND_MASK)
		ctrl->chip.ipi_send_mask = test_chip_send_mask;
	ctrl->fwnode = irq_domain_alloc_named_fwnode(name);
	assert_non_null(ctrl->fwnode);
	/*
	 * A linear reverse map: a tree's nodes live until the domain is
	 * removed, which would blur the tests' allocation counts.
	 */
	ctrl->domain = irq_domain_create_hierarchy(parent, kind_flags, nr_hwirqs, ctrl->fwnode,
						   &test_ipi_domain_ops, ctrl);
	assert_non_null(ctrl->domain);
	irq_domain_update_bus_token(ctrl->domain, DOMAIN_BUS_IPI);
	return ctrl->domain;
}

unsigned int test_ipi_hwirqs_used(const struct test_ipi_ctrl *ctrl)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < ctrl->nr_hwirqs; i++)
		n += ctrl->used[i];
	return n;
}

unsigned int test_ipi_nr_sends(struct test_ipi_ctrl *ctrl)
{
	return __atomic_load_n(&ctrl->nr_sends, __ATOMIC_RELAXED);
}

void test_ipi_clear_sends(struct test_ipi_ctrl *ctrl)
{
	__atomic_store_n(&ctrl->nr_sends, 0, __ATOMIC_RELAXED);
}

bool test_ipi_sent(struct test_ipi_ctrl *ctrl, irq_hw_number_t hwirq, unsigned int target)
{
	unsigned int n = test_ipi_nr_sends(ctrl);

	for (unsigned int i = 0; i < n && i < TEST_MAX_SENDS; i++)
		if (ctrl->sends[i].hwirq == hwirq && ctrl->sends[i].target == target)
			return true;
	return false;
}

struct cpumask test_mask(unsigned int first, ...)
{
	struct cpumask m;
	va_list ap;

	cpumask_clear(&m);
	va_start(ap, first);
	for (unsigned int t = first; t != TEST_END; t = va_arg(ap, unsigned int))
		if (t < NR_TARGETS)
			cpumask_set_cpu(t, &m);
	va_end(ap);
	return m;
}

struct cpumask test_mask_range(unsigned int lo, unsigned int hi)
{
	struct cpumask m;

	cpumask_clear(&m);
	for (unsigned int t = lo; t <= hi && t < NR_TARGETS; t++)
		cpumask_set_cpu(t, &m);
	return m;
}

struct test_state test_state_of(const struct test_ipi_ctrl *ctrl)
{
	struct test_state s = {
		.descs = test_count_descs(),
		.allocs = hosted_alloc_live(),
		.hwirqs_used = ctrl ? test_ipi_hwirqs_used(ctrl) : 0,
		.alloc_calls = ctrl ? ctrl->alloc_calls : 0,
	};

	return s;
}

void _test_assert_state_unchanged(const struct test_state *before, const struct test_ipi_ctrl *ctrl,
				  const char *file, int line)
{
	struct test_state now = test_state_of(ctrl);

	if (now.descs != before->descs || now.allocs != before->allocs ||
	    now.hwirqs_used != before->hwirqs_used) {
		print_error("state changed: descriptors %u -> %u, port allocations %ld -> %ld, "
			    "hwirqs in use %u -> %u\n",
			    before->descs, now.descs, before->allocs, now.allocs,
			    before->hwirqs_used, now.hwirqs_used);
		_fail(file, line);
	}
}
