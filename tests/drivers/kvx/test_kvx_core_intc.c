// SPDX-License-Identifier: BSD-2-Clause
/*
 * The KV3 core-intc driver's use of each core's ILE and ILR registers, on
 * the cluster of examples/coolidge.dts: the IPI controller's lines 24-31
 * are its children. Registers are read on the CPU they belong to.
 */
#include "kvx-machine.h"

#include <genipi/hosted-kvx-ipi-ctrl.h>
#include <genipi/irqchip.h>
#include <genipi/irqchip/kvx-core-intc.h>
#include <genipi/kvx-sfr.h>

#include <libfdt.h>

#define IPI_LINES 0xff000000U /* lines 24-31: the eight sets */

struct core_sfrs {
	uint32_t ile;
	uint32_t ilr;
};

static void read_sfrs_here(void *arg)
{
	struct core_sfrs *sfrs = arg;

	sfrs->ile = kvx_sfr_get_ile();
	sfrs->ilr = kvx_sfr_get_ilr();
}

static struct core_sfrs sfrs_of(unsigned int cpu)
{
	struct core_sfrs sfrs = { 0 };

	assert_int_equal(hosted_run_on_cpu(cpu, read_sfrs_here, &sfrs), 0);
	return sfrs;
}

static unsigned int reserve_all_pes(unsigned int *line)
{
	struct cpumask dest;
	int virq;

	kvx_mask_of_bits(&dest, 0xffffU);
	virq = irq_reserve_ipi(kvx.domain, &dest);
	assert_true(virq > 0);
	*line = HOSTED_KVX_IPI_CTRL_LINE(ipi_get_hwirq((unsigned int)virq, 0));
	return (unsigned int)virq;
}

static void release_all_pes(struct kvx_ipi *ipi, unsigned int virq)
{
	struct cpumask dest;

	kvx_ipi_release(ipi);
	kvx_mask_of_bits(&dest, 0xffffU);
	assert_int_equal(irq_destroy_ipi(virq, &dest), 0);
}

static void probe_stacks_the_ipi_domain_on_the_first_core_intc_node(void **state)
{
	int first = fdt_node_offset_by_compatible(kvx.fdt, -1, "kalray,kv3-1-core-intc");

	(void)state;
	assert_non_null(kvx_core_intc_domain());
	assert_ptr_equal(kvx.domain->parent, kvx_core_intc_domain());
	assert_ptr_equal(kvx_core_intc_domain()->fwnode, irqchip_fdt_fwnode(kvx.fdt, first));
}

static void ile_has_ipi_lines_only_for_enabled_ipis(void **state)
{
	struct kvx_ipi ipi;
	unsigned int virq, line;

	(void)state;
	for (unsigned int cpu = 0; cpu < KVX_NR_PES; cpu++)
		assert_int_equal(sfrs_of(cpu).ile & IPI_LINES, 0);
	virq = reserve_all_pes(&line);
	/* reserved but not enabled: still off */
	assert_int_equal(sfrs_of(5).ile & IPI_LINES, 0);
	assert_int_equal(kvx_ipi_request(&ipi, virq), 0);
	for (unsigned int cpu = 0; cpu < KVX_NR_PES; cpu++)
		assert_int_equal(sfrs_of(cpu).ile & IPI_LINES, 1U << line);
	release_all_pes(&ipi, virq);
	assert_int_equal(sfrs_of(5).ile & IPI_LINES, 0);
}

static void disable_percpu_irq_clears_the_ile_bit_on_that_cpu_only(void **state)
{
	struct kvx_ipi ipi;
	unsigned int virq, line;

	(void)state;
	virq = reserve_all_pes(&line);
	assert_int_equal(kvx_ipi_request(&ipi, virq), 0);
	kvx_ipi_disable_on(&ipi, 3);
	assert_int_equal(sfrs_of(3).ile & (1U << line), 0);
	assert_int_equal(sfrs_of(2).ile & (1U << line), 1U << line);
	kvx_ipi_enable_on(&ipi, 3);
	assert_int_equal(sfrs_of(3).ile & (1U << line), 1U << line);
	release_all_pes(&ipi, virq);
}

static void raised_line_shows_in_ilr_until_handled(void **state)
{
	struct kvx_ipi ipi;
	unsigned int virq, line;

	(void)state;
	virq = reserve_all_pes(&line);
	assert_int_equal(kvx_ipi_request(&ipi, virq), 0);
	kvx_ipi_disable_on(&ipi, 3);
	assert_int_equal(sfrs_of(3).ilr & (1U << line), 0);
	assert_int_equal(ipi_send_single(virq, 3), 0);
	/* disabled: latched in ILR, not taken */
	assert_int_equal(sfrs_of(3).ilr & (1U << line), 1U << line);
	kvx_settle();
	assert_int_equal(atomic_load(&ipi.hits[3]), 0);
	assert_int_equal(sfrs_of(3).ilr & (1U << line), 1U << line);
	/* enabled: taken, and the handler's acknowledge cleared the bit */
	kvx_ipi_enable_on(&ipi, 3);
	assert_true(kvx_wait_hits(&ipi, 3, 1));
	kvx_settle();
	assert_int_equal(sfrs_of(3).ilr & (1U << line), 0);
	assert_int_equal(atomic_load(&ipi.hits[3]), 1);
	release_all_pes(&ipi, virq);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define KVX_TEST(f) cmocka_unit_test_setup_teardown(f, kvx_setup, kvx_teardown)
		KVX_TEST(probe_stacks_the_ipi_domain_on_the_first_core_intc_node),
		KVX_TEST(ile_has_ipi_lines_only_for_enabled_ipis),
		KVX_TEST(disable_percpu_irq_clears_the_ile_bit_on_that_cpu_only),
		KVX_TEST(raised_line_shows_in_ilr_until_handled),
	};

	return test_run_isolated("kvx_core_intc", tests, ARRAY_SIZE(tests));
}
