// SPDX-License-Identifier: BSD-2-Clause
/*
 * The Kalray Coolidge IPI controller's hardware logic without a device
 * tree: kvx_ipi_ctrl_init() on the hosted cpu-intc domain, its argument
 * checks, and an IPI through the result.
 */
#include "kvx-machine.h"

#include <genipi/hosted-kvx-ipi-ctrl.h>
#include <genipi/irqchip/kvx-ipi-ctrl.h>

static int bare_setup(void **state)
{
	(void)state;
	return kvx_machine_boot_direct(false);
}

static struct fwnode_handle *named_fwnode(void)
{
	struct fwnode_handle *fwnode = irq_domain_alloc_named_fwnode("kvx-ipi-ctrl");

	assert_non_null(fwnode);
	return fwnode;
}

static void init_rejects_null_arguments_and_writes_nothing(void **state)
{
	struct irq_domain *parent = hosted_cpu_intc_domain();
	struct fwnode_handle *fwnode = named_fwnode();

	(void)state;
	assert_int_equal(kvx_ipi_ctrl_init(NULL, parent, fwnode, 24), -EINVAL);
	assert_int_equal(kvx_ipi_ctrl_init(kvx.regs, NULL, fwnode, 24), -EINVAL);
	assert_int_equal(kvx_ipi_ctrl_init(kvx.regs, parent, NULL, 24), -EINVAL);
	assert_int_equal(hosted_kvx_ipi_ctrl_writes(~0UL), 0);
	assert_null(irq_find_matching_fwnode(fwnode, DOMAIN_BUS_IPI));
}

static void init_rejects_lines_past_the_parent(void **state)
{
	struct irq_domain *parent = hosted_cpu_intc_domain();
	struct fwnode_handle *fwnode = named_fwnode();

	(void)state;
	/* the hosted cpu-intc has HOSTED_NR_LINES lines: 8 from 57 do not fit */
	assert_int_equal(kvx_ipi_ctrl_init(kvx.regs, parent, fwnode, HOSTED_NR_LINES - 7), -EINVAL);
	assert_int_equal(kvx_ipi_ctrl_init(kvx.regs, parent, fwnode, ~0UL), -EINVAL);
	assert_int_equal(hosted_kvx_ipi_ctrl_writes(~0UL), 0);
	assert_null(irq_find_matching_fwnode(fwnode, DOMAIN_BUS_IPI));
	assert_int_equal(kvx_ipi_ctrl_init(kvx.regs, parent, fwnode, HOSTED_NR_LINES - 8), 0);
}

static void init_closes_every_set_the_reset_left_open(void **state)
{
	(void)state;
	for (unsigned int set = 0; set < HOSTED_KVX_IPI_CTRL_NR_SETS; set++)
		assert_int_equal(hosted_kvx_ipi_ctrl_mask(set), 0);
	assert_int_equal(kvx_ipi_ctrl_init(kvx.regs, hosted_cpu_intc_domain(), named_fwnode(),
					   KVX_IPI_CTRL_FIRST_LINE),
			 0);
	for (unsigned int set = 0; set < HOSTED_KVX_IPI_CTRL_NR_SETS; set++) {
		assert_int_equal(hosted_kvx_ipi_ctrl_mask(set), KVX_ALL_BITS);
		assert_int_equal(hosted_kvx_ipi_ctrl_writes(HOSTED_KVX_IPI_CTRL_MASK(set)), 1);
	}
	assert_int_equal(hosted_kvx_ipi_ctrl_writes(~0UL), HOSTED_KVX_IPI_CTRL_NR_SETS);
}

static void init_twice_on_one_fwnode_fails_with_ebusy(void **state)
{
	struct irq_domain *parent = hosted_cpu_intc_domain();
	struct fwnode_handle *fwnode = named_fwnode();
	struct irq_domain *d;

	(void)state;
	assert_int_equal(kvx_ipi_ctrl_init(kvx.regs, parent, fwnode, 24), 0);
	d = irq_find_matching_fwnode(fwnode, DOMAIN_BUS_IPI);
	assert_non_null(d);
	assert_int_equal(kvx_ipi_ctrl_init(kvx.regs, parent, fwnode, 24), -EBUSY);
	assert_int_equal(hosted_kvx_ipi_ctrl_writes(~0UL), HOSTED_KVX_IPI_CTRL_NR_SETS);
	assert_ptr_equal(irq_find_matching_fwnode(fwnode, DOMAIN_BUS_IPI), d);
}

/* The hardware logic needs no device tree: an IPI to two PEs and the RM. */
static void ipi_reaches_pes_and_rm_without_a_device_tree(void **state)
{
	unsigned long expected[KVX_NR_PES] = { 0 };
	struct fwnode_handle *fwnode = named_fwnode();
	struct cpumask dest;
	struct kvx_ipi ipi;
	struct irq_domain *d;
	int virq;

	(void)state;
	assert_int_equal(kvx_ipi_ctrl_init(kvx.regs, hosted_cpu_intc_domain(), fwnode,
					   KVX_IPI_CTRL_FIRST_LINE),
			 0);
	d = irq_find_matching_fwnode(fwnode, DOMAIN_BUS_IPI);
	assert_non_null(d);
	kvx_mask_of_bits(&dest, (1U << 1) | (1U << 14) | (1U << KVX_RM_HWID));
	virq = irq_reserve_ipi(d, &dest);
	assert_true(virq > 0);
	assert_int_equal(kvx_ipi_request(&ipi, (unsigned int)virq), 0);
	assert_int_equal(ipi_send_all((unsigned int)virq), 0);
	assert_int_equal(hosted_kvx_ipi_ctrl_last_write(HOSTED_KVX_IPI_CTRL_INTERRUPT(0)),
			 (1U << 1) | (1U << 14) | (1U << KVX_RM_HWID));
	assert_true(kvx_wait_hits(&ipi, 1, 1));
	assert_true(kvx_wait_hits(&ipi, 14, 1));
	assert_int_equal(hosted_remote_wait(kvx.rm, HOSTED_KVX_IPI_CTRL_LINE(0), 1, 5000), 0);
	kvx_settle();
	expected[1] = expected[14] = 1;
	for (unsigned int cpu = 0; cpu < KVX_NR_PES; cpu++)
		assert_int_equal(atomic_load(&ipi.hits[cpu]), expected[cpu]);
	kvx_ipi_release(&ipi);
	assert_int_equal(irq_destroy_ipi((unsigned int)virq, &dest), 0);
	assert_int_equal(hosted_kvx_ipi_ctrl_mask(0), KVX_ALL_BITS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define BARE_TEST(f) cmocka_unit_test_setup_teardown(f, bare_setup, kvx_teardown)
		BARE_TEST(init_rejects_null_arguments_and_writes_nothing),
		BARE_TEST(init_rejects_lines_past_the_parent),
		BARE_TEST(init_closes_every_set_the_reset_left_open),
		BARE_TEST(init_twice_on_one_fwnode_fails_with_ebusy),
		BARE_TEST(ipi_reaches_pes_and_rm_without_a_device_tree),
	};

	return test_run_isolated("kvx_ipi_ctrl_init", tests, ARRAY_SIZE(tests));
}
