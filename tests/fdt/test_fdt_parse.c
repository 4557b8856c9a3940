// SPDX-License-Identifier: BSD-2-Clause
/*
 * The device-tree framework's parsing, without a machine: what
 * irqchip_fdt_check() would probe and how it matches, "reg" decoding, the
 * CPUs and remote processors of a blob, loaders' size check, and the
 * lookups and per-CPU callbacks before and after a (failed) probe.
 */
#include "fdt-test.h"

#include <stdlib.h>
#include <string.h>

#define CLINT "/soc/clint@2000000"

static void *example(void)
{
	void *blob = fdt_test_load(FDT_TEST_EXAMPLE("riscv-clint"), NULL);
	void *copy = fdt_test_copy(blob, 1024);

	free(blob);
	return copy;
}

static void check_counts_the_controllers_with_a_driver(void **state)
{
	char err[FDT_TEST_ERRLEN] = "";
	void *fdt = example();

	(void)state;
	/* 4 harts' controllers and the CLINT */
	assert_int_equal(irqchip_fdt_check(fdt, err, sizeof(err)), 5);
	assert_int_equal(hosted_alloc_live(), 0);
	free(fdt);
}

/* A node's compatible strings are tried in order: the first with a driver wins. */
static void check_matches_any_compatible_of_a_node(void **state)
{
	static const char compat[] = "acme,clint-v2\0riscv,aclint-mswi";
	char err[FDT_TEST_ERRLEN] = "";
	void *fdt = example();
	int clint = fdt_test_node(fdt, CLINT);

	(void)state;
	assert_int_equal(fdt_setprop(fdt, clint, "compatible", compat, sizeof(compat)), 0);
	assert_int_equal(irqchip_fdt_check(fdt, err, sizeof(err)), 5);
	/* no string with a driver: the node is not a controller of ours */
	assert_int_equal(fdt_setprop_string(fdt, clint, "compatible", "acme,clint-v2"), 0);
	assert_int_equal(irqchip_fdt_check(fdt, err, sizeof(err)), 4);
	free(fdt);
}

static void check_skips_disabled_nodes(void **state)
{
	char err[FDT_TEST_ERRLEN] = "";
	void *fdt = example();

	(void)state;
	assert_int_equal(fdt_setprop_string(fdt, fdt_test_node(fdt, CLINT), "status", "disabled"),
			 0);
	assert_int_equal(irqchip_fdt_check(fdt, err, sizeof(err)), 4);
	assert_int_equal(fdt_setprop_string(fdt, fdt_test_node(fdt, CLINT), "status", "okay"), 0);
	assert_int_equal(irqchip_fdt_check(fdt, err, sizeof(err)), 5);
	free(fdt);
}

/*
 * A controller under a node that names an interrupt parent for its devices,
 * but with no "interrupts" of its own, is a root: no cycle through the CPU
 * controllers when the root node says interrupt-parent = <&clint>.
 */
static void check_inherits_interrupt_parent_only_with_interrupts(void **state)
{
	char err[FDT_TEST_ERRLEN] = "";
	void *fdt = example();
	uint32_t clint = fdt_test_phandle(fdt, CLINT);

	(void)state;
	assert_int_equal(fdt_setprop_u32(fdt, 0, "interrupt-parent", clint), 0);
	assert_int_equal(irqchip_fdt_check(fdt, err, sizeof(err)), 5);
	free(fdt);
}

static void reg_is_decoded_with_the_bus_cells(void **state)
{
	void *fdt = fdt_test_load(FDT_TEST_EXAMPLE("riscv-clint"), NULL);
	uint64_t addr, size;

	(void)state;
	/* #address-cells = <2>, #size-cells = <2> */
	assert_int_equal(irqchip_fdt_reg_at(fdt, fdt_test_node(fdt, CLINT), 0, &addr, &size), 0);
	assert_int_equal(addr, 0x2000000);
	assert_int_equal(size, 0x10000);
	assert_int_equal(irqchip_fdt_reg_at(fdt, fdt_test_node(fdt, CLINT), 1, &addr, &size),
			 -EINVAL);
	/* #address-cells = <1>, #size-cells = <0>; size may be NULL */
	assert_int_equal(irqchip_fdt_reg_at(fdt, fdt_test_node(fdt, "/cpus/cpu@2"), 0, &addr, NULL),
			 0);
	assert_int_equal(addr, 2);
	/* no reg */
	assert_int_equal(irqchip_fdt_reg_at(fdt, fdt_test_node(fdt, "/cpus"), 0, &addr, &size),
			 -EINVAL);
	assert_int_equal(irqchip_fdt_reg_at(NULL, 0, 0, &addr, &size), -EINVAL);
	free(fdt);
}

static void cpus_and_remotes_are_parsed_in_node_order(void **state)
{
	void *fdt = fdt_test_load(FDT_TEST_FIXTURE("clint-sparse"), NULL);
	char err[FDT_TEST_ERRLEN] = "";
	struct fdt_remote remotes[2];
	unsigned long hwids[8];

	(void)state;
	assert_int_equal(fdt_cpus_parse(fdt, hwids, 8, err, sizeof(err)), 4);
	for (unsigned int cpu = 0; cpu < 4; cpu++)
		assert_int_equal(hwids[cpu], 2 * cpu + 1);
	/* no more than asked for */
	assert_int_equal(fdt_cpus_parse(fdt, hwids, 3, err, sizeof(err)), -EINVAL);
	assert_contains(err, "/cpus/cpu@7");
	assert_int_equal(fdt_remotes_parse(fdt, remotes, 2, err, sizeof(err)), 1);
	assert_string_equal(remotes[0].name, "dsp@9");
	assert_int_equal(remotes[0].hwid, 9);
	assert_int_equal(fdt_remotes_parse(fdt, remotes, 0, err, sizeof(err)), -EINVAL);
	assert_contains(err, "/remotes/dsp@9");
	free(fdt);

	fdt = fdt_test_load(FDT_TEST_EXAMPLE("riscv-clint"), NULL);
	assert_int_equal(fdt_remotes_parse(fdt, remotes, 2, err, sizeof(err)), 0);
	free(fdt);
}

static void loaders_check_the_blob_against_its_buffer(void **state)
{
	char err[FDT_TEST_ERRLEN] = "";
	size_t size;
	void *fdt = fdt_test_load(FDT_TEST_EXAMPLE("riscv-clint"), &size);

	(void)state;
	assert_int_equal(irqchip_fdt_check_blob(fdt, size, err, sizeof(err)), 0);
	/* a file cut short */
	assert_int_equal(irqchip_fdt_check_blob(fdt, size / 2, err, sizeof(err)), -EINVAL);
	assert_contains(err, "truncated device tree");
	assert_int_equal(irqchip_fdt_check_blob(fdt, 8, err, sizeof(err)), -EINVAL);
	assert_contains(err, "not a flattened device tree");
	/* not a DTB at all */
	memset(fdt, 'x', size);
	assert_int_equal(irqchip_fdt_check_blob(fdt, size, err, sizeof(err)), -EINVAL);
	assert_contains(err, "bad magic");
	assert_int_equal(irqchip_fdt_check_blob(NULL, size, err, sizeof(err)), -EINVAL);
	free(fdt);
}

/* Before any probe: nothing to find, callbacks are checked. */
static void lookups_find_nothing_before_a_probe(void **state)
{
	void *fdt = fdt_test_load(FDT_TEST_EXAMPLE("riscv-clint"), NULL);
	int clint = fdt_test_node(fdt, CLINT);

	(void)state;
	assert_null(irqchip_fdt_fwnode(fdt, clint));
	assert_null(irqchip_fdt_domain(fdt, clint, DOMAIN_BUS_ANY));
	assert_int_equal(irqchip_fdt_ipi_virqs(fdt, clint, NULL), -ENOENT);
	assert_int_equal(irqchip_fdt_ipi_virqs(fdt, -1, NULL), -ENOENT);
	assert_null(irqchip_fdt_fwnode(NULL, clint));
	assert_int_equal(irqchip_fdt_add_cpu_starting(NULL), -EINVAL);
	assert_int_equal(irqchip_fdt_cpu_starting(), 0);
	assert_int_equal(irqchip_fdt_share_domain(NULL, NULL), -EINVAL);
	assert_int_equal(irqchip_fdt_set_ipi_virqs(NULL, 1, 1), -EINVAL);
	free(fdt);
}

static int count_calls;

static int count_call(void)
{
	return ++count_calls > 1 ? -ENODEV : 0;
}

static void cpu_callbacks_run_in_order_until_one_fails(void **state)
{
	(void)state;
	for (unsigned int i = 0; i < IRQCHIP_FDT_MAX_CPU_CALLBACKS; i++)
		assert_int_equal(irqchip_fdt_add_cpu_starting(count_call), 0);
	assert_int_equal(irqchip_fdt_add_cpu_starting(count_call), -ENOSPC);
	assert_int_equal(irqchip_fdt_cpu_starting(), -ENODEV);
	assert_int_equal(count_calls, 2);
	irqchip_fdt_reset();
	count_calls = 0;
	assert_int_equal(irqchip_fdt_cpu_starting(), 0);
	assert_int_equal(count_calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(check_counts_the_controllers_with_a_driver),
		cmocka_unit_test(check_matches_any_compatible_of_a_node),
		cmocka_unit_test(check_skips_disabled_nodes),
		cmocka_unit_test(check_inherits_interrupt_parent_only_with_interrupts),
		cmocka_unit_test(reg_is_decoded_with_the_bus_cells),
		cmocka_unit_test(cpus_and_remotes_are_parsed_in_node_order),
		cmocka_unit_test(loaders_check_the_blob_against_its_buffer),
		cmocka_unit_test(lookups_find_nothing_before_a_probe),
		cmocka_unit_test(cpu_callbacks_run_in_order_until_one_fails),
	};

	return test_run_isolated("fdt_parse", tests, ARRAY_SIZE(tests));
}
