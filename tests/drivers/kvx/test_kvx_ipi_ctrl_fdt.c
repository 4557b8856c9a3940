// SPDX-License-Identifier: BSD-2-Clause
/*
 * The Kalray Coolidge IPI controller's device-tree glue: variants of
 * examples/coolidge.dts edited with libfdt, booted with
 * hosted_machine_boot_fdt(). A good node gives a working IPI domain; a bad
 * one fails the boot with a message naming the node, and leaves nothing
 * booted or allocated.
 */
#include "kvx-machine.h"

#include <genipi/hosted-kvx-ipi-ctrl.h>
#include <genipi/irqchip.h>
#include <genipi/irqchip/kvx-core-intc.h>
#include <genipi/irqchip/kvx-ipi-ctrl.h>

#include <libfdt.h>
#include <string.h>

#define CONTROLLER "/ipi-controller@ad0000"

/* A writable copy of the example and its controller node. */
static void *example_copy(int *node)
{
	void *fdt = kvx_fdt_copy(kvx_example_fdt(), 4096);

	*node = fdt_path_offset(fdt, CONTROLLER);
	assert_true(*node >= 0);
	return fdt;
}

/* Every core-intc line of the controller's interrupts-extended := @line (@entry: only it). */
static void set_lines(void *fdt, int node, int entry, uint32_t line)
{
	int len;
	fdt32_t *cells = fdt_getprop_w(fdt, node, "interrupts-extended", &len);

	assert_non_null(cells);
	/* <&core_intcN line> pairs */
	for (int i = 0; i < len / 8; i++)
		if (entry < 0 || entry == i)
			cells[2 * i + 1] = cpu_to_fdt32(line);
}

/* Booting @fdt fails with @ret, a message naming a controller, and no leftovers. */
static void assert_boot_fails(void *fdt, int ret, const char *needle)
{
	assert_int_equal(kvx_machine_boot_fdt(fdt), ret);
	if (!strstr(kvx.err, "/ipi-controller@") || !strstr(kvx.err, needle)) {
		print_error("boot error \"%s\" does not name a controller with \"%s\"\n", kvx.err,
			    needle);
		fail();
	}
	assert_false(hosted_machine_booted());
	assert_int_equal(hosted_alloc_live(), 0);
	free(fdt);
}

/* One IPI to PE @cpu and the RM works on the booted machine. */
static void assert_ipi_works(unsigned int cpu)
{
	struct cpumask dest;
	struct kvx_ipi ipi;
	unsigned int set;
	int virq;

	assert_non_null(kvx.domain);
	cpumask_clear(&dest);
	cpumask_set_cpu(cpu, &dest);
	cpumask_set_cpu(kvx.rm, &dest);
	virq = irq_reserve_ipi(kvx.domain, &dest);
	assert_true(virq > 0);
	set = (unsigned int)ipi_get_hwirq((unsigned int)virq, cpu);
	assert_int_equal(kvx_ipi_request(&ipi, (unsigned int)virq), 0);
	assert_int_equal(ipi_send_all((unsigned int)virq), 0);
	assert_int_equal(hosted_kvx_ipi_ctrl_last_write(HOSTED_KVX_IPI_CTRL_INTERRUPT(set)),
			 (1U << cpu) | (1U << KVX_RM_HWID));
	assert_true(kvx_wait_hits(&ipi, cpu, 1));
	assert_int_equal(hosted_remote_wait(kvx.rm, HOSTED_KVX_IPI_CTRL_LINE(set), 1, 5000), 0);
	kvx_ipi_release(&ipi);
	assert_int_equal(irq_destroy_ipi((unsigned int)virq, &dest), 0);
}

static void example_boots_with_the_ipi_domain_on_the_controller_node(void **state)
{
	(void)state;
	assert_int_equal(kvx_machine_boot(), 0);
	assert_int_equal(nr_cpu_ids, KVX_NR_PES);
	assert_ptr_equal(kvx.domain->fwnode, irqchip_fdt_fwnode(kvx.fdt, kvx.node));
	assert_ptr_equal(irq_find_matching_fwnode(kvx.domain->fwnode, DOMAIN_BUS_IPI), kvx.domain);
	assert_ptr_equal(kvx.domain->parent, kvx_core_intc_domain());
	assert_ptr_equal(kvx.regs, (void *)HOSTED_KVX_IPI_CTRL_BASE);
	assert_string_equal(target_name(kvx.rm), "rm@16");
	assert_ipi_works(15);
	assert_int_equal(kvx_machine_shutdown(), 0);
}

static void older_compatible_probes_the_same_driver(void **state)
{
	int node;
	void *fdt = example_copy(&node);

	(void)state;
	assert_int_equal(fdt_setprop_string(fdt, node, "compatible", "kalray,kvx-ipi-ctrl"), 0);
	assert_int_equal(kvx_machine_boot_fdt(fdt), 0);
	assert_ipi_works(3);
	assert_int_equal(kvx_machine_shutdown(), 0);
	free(fdt);
}

/* PEs the system does not run are still wired: the IPI domain serves the others. */
static void booting_four_of_the_sixteen_pes_works(void **state)
{
	(void)state;
	assert_int_equal(kvx_machine_boot_fdt_cpus(kvx_example_fdt(), 4), 0);
	assert_int_equal(nr_cpu_ids, 4);
	assert_ipi_works(3);
	assert_int_equal(kvx_machine_shutdown(), 0);
}

static void disabled_controller_gets_no_domain_and_no_model(void **state)
{
	int node;
	void *fdt = example_copy(&node);

	(void)state;
	assert_int_equal(fdt_setprop_string(fdt, node, "status", "disabled"), 0);
	assert_int_equal(kvx_machine_boot_fdt(fdt), -ENODEV);
	assert_true(hosted_machine_booted());
	assert_null(kvx.domain);
	assert_int_equal(hosted_kvx_ipi_ctrl_writes(~0UL), 0);
	assert_int_equal(kvx_machine_shutdown(), 0);
	free(fdt);
}

static void entries_naming_different_lines_fail_the_boot(void **state)
{
	int node;
	void *fdt = example_copy(&node);

	(void)state;
	set_lines(fdt, node, 5, 25);
	assert_boot_fails(fdt, -EINVAL, "entry 5 names line 25");
}

static void lines_past_the_core_intc_fail_the_boot(void **state)
{
	int node;
	void *fdt = example_copy(&node);

	(void)state;
	/* sets 0-7 on lines 25-32: the core-intc has 0-31 */
	set_lines(fdt, node, -1, 25);
	assert_boot_fails(fdt, -EINVAL, "do not fit");
}

static void no_interrupts_extended_fails_the_boot(void **state)
{
	int node;
	void *fdt = example_copy(&node);

	(void)state;
	assert_int_equal(fdt_delprop(fdt, node, "interrupts-extended"), 0);
	assert_boot_fails(fdt, -EINVAL, "no PE is wired");
}

static void reg_smaller_than_the_register_sets_fails_the_boot(void **state)
{
	const fdt32_t reg[] = { cpu_to_fdt32(0), cpu_to_fdt32(0xad0000), cpu_to_fdt32(0),
				cpu_to_fdt32(0x20) };
	int node;
	void *fdt = example_copy(&node);

	(void)state;
	assert_int_equal(fdt_setprop(fdt, node, "reg", reg, sizeof(reg)), 0);
	/* the device model refuses it first: the hardware does not fit there */
	assert_boot_fails(fdt, -EINVAL, "device model");
	assert_true(test_log_contains("smaller than the register sets"));
}

static void second_controller_fails_the_boot(void **state)
{
	const fdt32_t reg[] = { cpu_to_fdt32(0), cpu_to_fdt32(0xae0000), cpu_to_fdt32(0),
				cpu_to_fdt32(0x1000) };
	fdt32_t wiring[2 * KVX_NR_PES];
	const void *prop;
	int node, second, len;
	void *fdt = example_copy(&node);

	(void)state;
	/* another cluster's controller, wired to the same PEs (copied: setprop moves the blob) */
	prop = fdt_getprop(fdt, node, "interrupts-extended", &len);
	assert_int_equal(len, sizeof(wiring));
	memcpy(wiring, prop, sizeof(wiring));
	second = fdt_add_subnode(fdt, 0, "ipi-controller@ae0000");
	assert_true(second >= 0);
	assert_int_equal(fdt_setprop_string(fdt, second, "compatible", "kalray,coolidge-ipi-ctrl"),
			 0);
	assert_int_equal(fdt_setprop(fdt, second, "reg", reg, sizeof(reg)), 0);
	assert_int_equal(fdt_setprop(fdt, second, "interrupts-extended", wiring, sizeof(wiring)),
			 0);
	/*
	 * The new node comes first in the blob, so the example's is the second
	 * one: its model refuses to attach (one per cluster), as its driver
	 * would refuse to init.
	 */
	assert_boot_fails(fdt, -EBUSY, CONTROLLER);
	assert_true(test_log_contains("a second IPI controller"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(example_boots_with_the_ipi_domain_on_the_controller_node),
		cmocka_unit_test(older_compatible_probes_the_same_driver),
		cmocka_unit_test(booting_four_of_the_sixteen_pes_works),
		cmocka_unit_test(disabled_controller_gets_no_domain_and_no_model),
		cmocka_unit_test(entries_naming_different_lines_fail_the_boot),
		cmocka_unit_test(lines_past_the_core_intc_fail_the_boot),
		cmocka_unit_test(no_interrupts_extended_fails_the_boot),
		cmocka_unit_test(reg_smaller_than_the_register_sets_fails_the_boot),
		cmocka_unit_test(second_controller_fails_the_boot),
	};

	return test_run_isolated("kvx_ipi_ctrl_fdt", tests, ARRAY_SIZE(tests));
}
