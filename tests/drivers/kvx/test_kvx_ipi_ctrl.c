// SPDX-License-Identifier: BSD-2-Clause
/*
 * The Kalray Coolidge IPI controller driver on its device model, booted
 * from examples/coolidge.dts: 16 PEs and the RM, eight register sets as
 * eight hwirqs of a single-hwirq IPI domain. One behaviour per test, each
 * on a freshly booted machine in a process of its own.
 */
#include "kvx-machine.h"

#include <genipi/hosted-kvx-ipi-ctrl.h>
#include <genipi/irqchip/kvx-ipi-ctrl.h>

#define INTERRUPT(set) HOSTED_KVX_IPI_CTRL_INTERRUPT(set)
#define MASK(set) HOSTED_KVX_IPI_CTRL_MASK(set)
#define LINE(set) HOSTED_KVX_IPI_CTRL_LINE(set)
#define PE_BITS 0xffffU
#define RM_BIT (1U << KVX_RM_HWID)

static void reserve_bits(uint32_t bits, unsigned int *virq, unsigned int *set)
{
	struct cpumask dest;
	int ret;

	kvx_mask_of_bits(&dest, bits);
	ret = irq_reserve_ipi(kvx.domain, &dest);
	assert_true(ret > 0);
	*virq = (unsigned int)ret;
	*set = (unsigned int)ipi_get_hwirq(*virq, cpumask_first(&dest));
	assert_true(*set < HOSTED_KVX_IPI_CTRL_NR_SETS);
}

static void destroy_bits(unsigned int virq, uint32_t bits)
{
	struct cpumask dest;

	kvx_mask_of_bits(&dest, bits);
	assert_int_equal(irq_destroy_ipi(virq, &dest), 0);
}

/* Every PE's handler count after kvx_settle() is exactly @expected[cpu]. */
static void assert_hits(struct kvx_ipi *ipi, const unsigned long *expected)
{
	kvx_settle();
	for (unsigned int cpu = 0; cpu < KVX_NR_PES; cpu++) {
		if (atomic_load(&ipi->hits[cpu]) != expected[cpu]) {
			print_error("CPU %u: %lu runs, expected %lu\n", cpu,
				    atomic_load(&ipi->hits[cpu]), expected[cpu]);
			fail();
		}
	}
	assert_int_equal(atomic_load(&ipi->wrong_cpu), 0);
}

/* ---- probe ----------------------------------------------------------------- */

static void probe_creates_single_ipi_domain_with_every_set_closed(void **state)
{
	struct hosted_kvx_ipi_ctrl_stats stats;

	(void)state;
	assert_non_null(kvx.domain);
	assert_true(irq_domain_is_ipi_single(kvx.domain));
	assert_int_equal(kvx.domain->bus_token, DOMAIN_BUS_IPI);
	for (unsigned int set = 0; set < HOSTED_KVX_IPI_CTRL_NR_SETS; set++) {
		assert_int_equal(hosted_kvx_ipi_ctrl_mask(set), KVX_ALL_BITS);
		assert_int_equal(hosted_kvx_ipi_ctrl_writes(INTERRUPT(set)), 0);
	}
	hosted_kvx_ipi_ctrl_get_stats(&stats);
	assert_int_equal(stats.mask_writes, HOSTED_KVX_IPI_CTRL_NR_SETS);
	assert_int_equal(stats.interrupt_writes, 0);
	assert_int_equal(target_hwid(kvx.rm), KVX_RM_HWID);
	assert_true(target_is_remote(kvx.rm));
}

/* ---- reservations and sends ------------------------------------------------- */

static void reserve_all_pes_opens_their_bits_and_send_all_reaches_each(void **state)
{
	unsigned long expected[KVX_NR_PES];
	struct kvx_ipi ipi;
	unsigned int virq, set;

	(void)state;
	reserve_bits(PE_BITS, &virq, &set);
	assert_int_equal(set, 0);
	/* ~reserved over the 17 bits: only the RM is blocked */
	assert_int_equal(hosted_kvx_ipi_ctrl_mask(set), RM_BIT);
	assert_int_equal(hosted_kvx_ipi_ctrl_last_write(MASK(set)), RM_BIT);
	for (unsigned int cpu = 0; cpu < KVX_NR_PES; cpu++)
		assert_int_equal(ipi_get_hwirq(virq, cpu), set);
	assert_int_equal(ipi_get_hwirq(virq, kvx.rm), INVALID_HWIRQ);

	assert_int_equal(kvx_ipi_request(&ipi, virq), 0);
	assert_int_equal(ipi_send_all(virq), 0);
	/* one write of every PE's bit to the set's INTERRUPT register */
	assert_int_equal(hosted_kvx_ipi_ctrl_writes(INTERRUPT(set)), 1);
	assert_int_equal(hosted_kvx_ipi_ctrl_last_write(INTERRUPT(set)), PE_BITS);
	for (unsigned int cpu = 0; cpu < KVX_NR_PES; cpu++) {
		assert_true(kvx_wait_hits(&ipi, cpu, 1));
		assert_int_equal(hosted_kvx_ipi_ctrl_raised(set, cpu), 1);
		expected[cpu] = 1;
	}
	assert_hits(&ipi, expected);
	kvx_ipi_release(&ipi);
	destroy_bits(virq, PE_BITS);
}

static void send_single_writes_the_target_bit_and_reaches_only_it(void **state)
{
	unsigned long expected[KVX_NR_PES] = { 0 };
	struct kvx_ipi ipi;
	unsigned int virq, set;

	(void)state;
	reserve_bits(PE_BITS, &virq, &set);
	assert_int_equal(kvx_ipi_request(&ipi, virq), 0);
	for (unsigned int cpu = 0; cpu < KVX_NR_PES; cpu++) {
		assert_int_equal(ipi_send_single(virq, cpu), 0);
		assert_int_equal(hosted_kvx_ipi_ctrl_last_write(INTERRUPT(set)), 1U << cpu);
		assert_int_equal(hosted_kvx_ipi_ctrl_writes(INTERRUPT(set)), cpu + 1);
		assert_true(kvx_wait_hits(&ipi, cpu, 1));
		expected[cpu] = 1;
		assert_hits(&ipi, expected);
	}
	kvx_ipi_release(&ipi);
	destroy_bits(virq, PE_BITS);
}

static void reserve_subset_with_holes_opens_only_its_bits(void **state)
{
	const uint32_t reserved = (1U << 1) | (1U << 3) | (1U << 5) | (1U << 12);
	const uint32_t sent = (1U << 3) | (1U << 12);
	unsigned long expected[KVX_NR_PES] = { 0 };
	struct cpumask dest;
	struct kvx_ipi ipi;
	unsigned int virq, set;

	(void)state;
	reserve_bits(reserved, &virq, &set);
	assert_int_equal(hosted_kvx_ipi_ctrl_mask(set), KVX_ALL_BITS & ~reserved);
	assert_int_equal(ipi_get_hwirq(virq, 3), set);
	assert_int_equal(ipi_get_hwirq(virq, 2), INVALID_HWIRQ);

	assert_int_equal(kvx_ipi_request(&ipi, virq), 0);
	kvx_mask_of_bits(&dest, sent);
	assert_int_equal(ipi_send_mask(virq, &dest), 0);
	assert_int_equal(hosted_kvx_ipi_ctrl_last_write(INTERRUPT(set)), sent);
	assert_true(kvx_wait_hits(&ipi, 3, 1));
	assert_true(kvx_wait_hits(&ipi, 12, 1));
	expected[3] = expected[12] = 1;
	assert_hits(&ipi, expected);

	/* outside the reservation: refused by the core, nothing written */
	kvx_mask_of_bits(&dest, (1U << 3) | (1U << 4));
	test_log_reset();
	assert_int_equal(ipi_send_mask(virq, &dest), -EINVAL);
	assert_int_equal(ipi_send_single(virq, 0), -EINVAL);
	assert_int_equal(hosted_kvx_ipi_ctrl_writes(INTERRUPT(set)), 1);
	kvx_ipi_release(&ipi);
	destroy_bits(virq, reserved);
}

static void reserve_rm_only_sends_to_the_remote_and_cannot_be_requested(void **state)
{
	struct kvx_ipi ipi;
	unsigned int virq, set;

	(void)state;
	reserve_bits(RM_BIT, &virq, &set);
	/* what the RM must be told: the set */
	assert_int_equal(ipi_get_hwirq(virq, kvx.rm), set);
	assert_int_equal(hosted_kvx_ipi_ctrl_mask(set), PE_BITS);
	test_log_reset();
	assert_int_equal(kvx_ipi_request(&ipi, virq), -EINVAL);

	assert_int_equal(ipi_send_single(virq, kvx.rm), 0);
	assert_int_equal(hosted_kvx_ipi_ctrl_last_write(INTERRUPT(set)), RM_BIT);
	assert_int_equal(hosted_remote_wait(kvx.rm, LINE(set), 1, 5000), 0);
	assert_int_equal(ipi_send_all(virq), 0);
	assert_int_equal(hosted_remote_wait(kvx.rm, LINE(set), 2, 5000), 0);
	assert_int_equal(hosted_kvx_ipi_ctrl_raised(set, KVX_RM_HWID), 2);
	for (unsigned int cpu = 0; cpu < KVX_NR_PES; cpu++)
		assert_int_equal(hosted_kvx_ipi_ctrl_raised(set, cpu), 0);
	destroy_bits(virq, RM_BIT);
}

static void reserve_pes_and_rm_reaches_both_in_one_write(void **state)
{
	const uint32_t reserved = (1U << 0) | (1U << 7) | RM_BIT;
	unsigned long expected[KVX_NR_PES] = { 0 };
	struct kvx_ipi ipi;
	unsigned int virq, set;

	(void)state;
	reserve_bits(reserved, &virq, &set);
	assert_int_equal(hosted_kvx_ipi_ctrl_mask(set), KVX_ALL_BITS & ~reserved);
	assert_int_equal(ipi_get_hwirq(virq, 7), set);
	assert_int_equal(ipi_get_hwirq(virq, kvx.rm), set);
	/* the first target is a PE: the handler can be requested */
	assert_int_equal(kvx_ipi_request(&ipi, virq), 0);

	assert_int_equal(ipi_send_all(virq), 0);
	assert_int_equal(hosted_kvx_ipi_ctrl_writes(INTERRUPT(set)), 1);
	assert_int_equal(hosted_kvx_ipi_ctrl_last_write(INTERRUPT(set)), reserved);
	assert_true(kvx_wait_hits(&ipi, 0, 1));
	assert_true(kvx_wait_hits(&ipi, 7, 1));
	assert_int_equal(hosted_remote_wait(kvx.rm, LINE(set), 1, 5000), 0);
	expected[0] = expected[7] = 1;
	assert_hits(&ipi, expected);

	assert_int_equal(ipi_send_single(virq, kvx.rm), 0);
	assert_int_equal(hosted_kvx_ipi_ctrl_last_write(INTERRUPT(set)), RM_BIT);
	assert_int_equal(hosted_remote_wait(kvx.rm, LINE(set), 2, 5000), 0);
	assert_hits(&ipi, expected);
	kvx_ipi_release(&ipi);
	destroy_bits(virq, reserved);
}

/* Set s raises core-intc line 24 + s: each set is an IPI of its own. */
static void eight_sets_are_eight_independent_ipis(void **state)
{
	struct kvx_ipi ipi[HOSTED_KVX_IPI_CTRL_NR_SETS];
	unsigned int virq[HOSTED_KVX_IPI_CTRL_NR_SETS], set;

	(void)state;
	for (unsigned int i = 0; i < HOSTED_KVX_IPI_CTRL_NR_SETS; i++) {
		reserve_bits((1U << i) | (1U << (i + 8)) | RM_BIT, &virq[i], &set);
		assert_int_equal(set, i);
		assert_int_equal(kvx_ipi_request(&ipi[i], virq[i]), 0);
	}
	for (unsigned int i = 0; i < HOSTED_KVX_IPI_CTRL_NR_SETS; i++) {
		unsigned long expected[KVX_NR_PES] = { 0 };

		assert_int_equal(ipi_send_all(virq[i]), 0);
		assert_int_equal(hosted_kvx_ipi_ctrl_last_write(INTERRUPT(i)),
				 (1U << i) | (1U << (i + 8)) | RM_BIT);
		assert_true(kvx_wait_hits(&ipi[i], i, 1));
		assert_true(kvx_wait_hits(&ipi[i], i + 8, 1));
		assert_int_equal(hosted_remote_wait(kvx.rm, LINE(i), 1, 5000), 0);
		expected[i] = expected[i + 8] = 1;
		assert_hits(&ipi[i], expected);
	}
	/* every IPI ran where it was sent, and the RM saw each set's line once */
	for (unsigned int i = 0; i < HOSTED_KVX_IPI_CTRL_NR_SETS; i++) {
		unsigned long expected[KVX_NR_PES] = { 0 };

		expected[i] = expected[i + 8] = 1;
		assert_hits(&ipi[i], expected);
		assert_int_equal(hosted_remote_count(kvx.rm, LINE(i)), 1);
		kvx_ipi_release(&ipi[i]);
		destroy_bits(virq[i], (1U << i) | (1U << (i + 8)) | RM_BIT);
	}
}

/* ---- the mask registers enforce reservations -------------------------------- */

static void write_to_unreserved_bits_is_dropped_by_the_mask(void **state)
{
	const uint32_t reserved = (1U << 2) | (1U << 4);
	const uint32_t written = reserved | (1U << 5) | RM_BIT;
	unsigned long expected[KVX_NR_PES] = { 0 };
	struct hosted_kvx_ipi_ctrl_stats before, after;
	struct kvx_ipi ipi;
	unsigned int virq, set;

	(void)state;
	reserve_bits(reserved, &virq, &set);
	assert_int_equal(kvx_ipi_request(&ipi, virq), 0);
	hosted_kvx_ipi_ctrl_get_stats(&before);
	/* a stray write naming PE5 and the RM, which the set was not given */
	writel(written, (char __iomem *)kvx.regs + INTERRUPT(set));
	hosted_kvx_ipi_ctrl_get_stats(&after);
	assert_int_equal(after.masked - before.masked, 2);
	assert_int_equal(after.raises - before.raises, 2);
	assert_true(kvx_wait_hits(&ipi, 2, 1));
	assert_true(kvx_wait_hits(&ipi, 4, 1));
	expected[2] = expected[4] = 1;
	assert_hits(&ipi, expected);
	assert_int_equal(hosted_kvx_ipi_ctrl_raised(set, 5), 0);
	assert_int_equal(hosted_remote_count(kvx.rm, LINE(set)), 0);

	/* a set nobody reserved is closed to everyone */
	writel(KVX_ALL_BITS, (char __iomem *)kvx.regs + INTERRUPT(set + 1));
	hosted_kvx_ipi_ctrl_get_stats(&after);
	assert_int_equal(after.masked - before.masked, 2 + 17);
	assert_int_equal(after.raises - before.raises, 2);
	assert_hits(&ipi, expected);
	assert_int_equal(hosted_remote_count(kvx.rm, LINE(set + 1)), 0);
	kvx_ipi_release(&ipi);
	destroy_bits(virq, reserved);
}

static void disable_percpu_irq_masks_the_line_on_that_cpu_only(void **state)
{
	unsigned long expected[KVX_NR_PES] = { 0 };
	struct cpumask dest;
	struct kvx_ipi ipi;
	unsigned int virq, set;

	(void)state;
	reserve_bits(PE_BITS, &virq, &set);
	assert_int_equal(kvx_ipi_request(&ipi, virq), 0);
	kvx_ipi_disable_on(&ipi, 3);
	kvx_mask_of_bits(&dest, (1U << 2) | (1U << 3));
	assert_int_equal(ipi_send_mask(virq, &dest), 0);
	/* the controller raised both lines; CPU 3's core-intc holds its own */
	assert_int_equal(hosted_kvx_ipi_ctrl_raised(set, 3), 1);
	assert_true(kvx_wait_hits(&ipi, 2, 1));
	expected[2] = 1;
	assert_hits(&ipi, expected);
	/* enabled again, CPU 3 takes the line it latched meanwhile */
	kvx_ipi_enable_on(&ipi, 3);
	assert_true(kvx_wait_hits(&ipi, 3, 1));
	expected[3] = 1;
	assert_hits(&ipi, expected);
	kvx_ipi_release(&ipi);
	destroy_bits(virq, PE_BITS);
}

/*
 * PEs 0-14 all send at once, each to every other of them and the RM; PE 15
 * is not reserved. The model counts every raise (no merging there), so its
 * counts are exact; handlers see at least one run each (raises merge in a
 * core's pending line), and none runs on PE 15.
 */
#define CONCURRENT_ROUNDS 100

struct concurrent_send {
	unsigned int virq;
	_Atomic unsigned int errors;
};

static void concurrent_send_from_here(void *arg)
{
	struct concurrent_send *cs = arg;
	unsigned int self = smp_processor_id();
	struct cpumask dest;

	kvx_mask_of_bits(&dest, (0x7fffU & ~(1U << self)) | RM_BIT);
	for (unsigned int round = 0; round < CONCURRENT_ROUNDS; round++)
		if (ipi_send_mask(cs->virq, &dest))
			atomic_fetch_add(&cs->errors, 1);
}

static void concurrent_sends_from_every_pe_reach_exactly_their_targets(void **state)
{
	struct concurrent_send cs = { 0 };
	struct cpumask senders;
	struct kvx_ipi ipi;
	unsigned int virq, set;

	(void)state;
	reserve_bits(0x7fffU | RM_BIT, &virq, &set);
	assert_int_equal(kvx_ipi_request(&ipi, virq), 0);
	cs.virq = virq;
	kvx_mask_of_bits(&senders, 0x7fffU);
	assert_int_equal(hosted_run_on_cpus(&senders, concurrent_send_from_here, &cs), 0);
	assert_int_equal(atomic_load(&cs.errors), 0);

	assert_int_equal(hosted_kvx_ipi_ctrl_writes(INTERRUPT(set)), 15 * CONCURRENT_ROUNDS);
	for (unsigned int cpu = 0; cpu < 15; cpu++) {
		assert_int_equal(hosted_kvx_ipi_ctrl_raised(set, cpu), 14 * CONCURRENT_ROUNDS);
		assert_true(kvx_wait_hits(&ipi, cpu, 1));
	}
	assert_int_equal(hosted_kvx_ipi_ctrl_raised(set, 15), 0);
	assert_int_equal(hosted_kvx_ipi_ctrl_raised(set, KVX_RM_HWID), 15 * CONCURRENT_ROUNDS);
	assert_int_equal(hosted_remote_wait(kvx.rm, LINE(set), 1, 5000), 0);
	kvx_settle();
	for (unsigned int cpu = 0; cpu < 15; cpu++)
		assert_true(atomic_load(&ipi.hits[cpu]) <= 14 * CONCURRENT_ROUNDS);
	assert_int_equal(atomic_load(&ipi.hits[15]), 0);
	assert_int_equal(atomic_load(&ipi.wrong_cpu), 0);
	kvx_ipi_release(&ipi);
	destroy_bits(virq, 0x7fffU | RM_BIT);
}

/* ---- errors ----------------------------------------------------------------- */

static void ninth_reservation_fails_with_enospc_and_changes_nothing(void **state)
{
	struct hosted_kvx_ipi_ctrl_stats before, after;
	unsigned int virq[HOSTED_KVX_IPI_CTRL_NR_SETS], set, descs;
	struct cpumask dest;

	(void)state;
	for (unsigned int i = 0; i < HOSTED_KVX_IPI_CTRL_NR_SETS; i++) {
		/* holes are fine for a single domain: PE i and PE i + 8 */
		reserve_bits((1U << i) | (1U << (i + 8)), &virq[i], &set);
		assert_int_equal(set, i);
		assert_int_equal(hosted_kvx_ipi_ctrl_mask(set),
				 KVX_ALL_BITS & ~((1U << i) | (1U << (i + 8))));
	}
	hosted_kvx_ipi_ctrl_get_stats(&before);
	descs = test_count_descs();
	kvx_mask_of_bits(&dest, 1U << 1);
	assert_int_equal(irq_reserve_ipi(kvx.domain, &dest), -ENOSPC);
	hosted_kvx_ipi_ctrl_get_stats(&after);
	assert_int_equal(after.mask_writes, before.mask_writes);
	assert_int_equal(test_count_descs(), descs);

	/* a freed set is the next one given out */
	destroy_bits(virq[5], (1U << 5) | (1U << 13));
	reserve_bits(1U << 1, &virq[5], &set);
	assert_int_equal(set, 5);
	assert_int_equal(hosted_kvx_ipi_ctrl_mask(5), KVX_ALL_BITS & ~(1U << 1));
	destroy_bits(virq[5], 1U << 1);
	for (unsigned int i = 0; i < HOSTED_KVX_IPI_CTRL_NR_SETS; i++)
		if (i != 5)
			destroy_bits(virq[i], (1U << i) | (1U << (i + 8)));
}

static void reservation_naming_a_target_off_the_controller_fails_with_einval(void **state)
{
	struct hosted_kvx_ipi_ctrl_stats before, after;
	struct cpumask dest;
	unsigned int descs;
	int dsp;

	(void)state;
	/* a coprocessor the controller has no bit for */
	dsp = hosted_remote_add("dsp", 20);
	assert_true(dsp > 0);
	hosted_kvx_ipi_ctrl_get_stats(&before);
	descs = test_count_descs();
	cpumask_clear(&dest);
	cpumask_set_cpu((unsigned int)dsp, &dest);
	assert_int_equal(irq_reserve_ipi(kvx.domain, &dest), -EINVAL);
	kvx_mask_of_bits(&dest, (1U << 0) | RM_BIT);
	cpumask_set_cpu((unsigned int)dsp, &dest);
	assert_int_equal(irq_reserve_ipi(kvx.domain, &dest), -EINVAL);
	hosted_kvx_ipi_ctrl_get_stats(&after);
	assert_int_equal(after.mask_writes, before.mask_writes);
	assert_int_equal(test_count_descs(), descs);
}

static void destroy_closes_and_frees_the_set(void **state)
{
	const uint32_t reserved = (1U << 6) | (1U << 9) | RM_BIT;
	struct kvx_ipi ipi;
	unsigned int virq, set, again;

	(void)state;
	reserve_bits(reserved, &virq, &set);
	assert_int_equal(kvx_ipi_request(&ipi, virq), 0);
	kvx_ipi_release(&ipi);

	/* a partial destroy narrows the reservation; the set stays */
	destroy_bits(virq, 1U << 9);
	assert_int_equal(ipi_get_hwirq(virq, 6), set);
	assert_int_equal(ipi_get_hwirq(virq, 9), INVALID_HWIRQ);
	test_log_reset();
	assert_int_equal(ipi_send_single(virq, 9), -EINVAL);

	destroy_bits(virq, (1U << 6) | RM_BIT);
	assert_int_equal(hosted_kvx_ipi_ctrl_mask(set), KVX_ALL_BITS);
	assert_int_equal(hosted_kvx_ipi_ctrl_last_write(MASK(set)), KVX_ALL_BITS);
	assert_null(irq_to_desc(virq));
	test_log_reset();
	assert_int_equal(ipi_send_single(virq, 6), -EINVAL);

	reserve_bits(1U << 2, &again, &set);
	assert_int_equal(set, 0);
	destroy_bits(again, 1U << 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define KVX_TEST(f) cmocka_unit_test_setup_teardown(f, kvx_setup, kvx_teardown)
		KVX_TEST(probe_creates_single_ipi_domain_with_every_set_closed),
		KVX_TEST(reserve_all_pes_opens_their_bits_and_send_all_reaches_each),
		KVX_TEST(send_single_writes_the_target_bit_and_reaches_only_it),
		KVX_TEST(reserve_subset_with_holes_opens_only_its_bits),
		KVX_TEST(reserve_rm_only_sends_to_the_remote_and_cannot_be_requested),
		KVX_TEST(reserve_pes_and_rm_reaches_both_in_one_write),
		KVX_TEST(eight_sets_are_eight_independent_ipis),
		KVX_TEST(write_to_unreserved_bits_is_dropped_by_the_mask),
		KVX_TEST(disable_percpu_irq_masks_the_line_on_that_cpu_only),
		KVX_TEST(concurrent_sends_from_every_pe_reach_exactly_their_targets),
		KVX_TEST(ninth_reservation_fails_with_enospc_and_changes_nothing),
		KVX_TEST(reservation_naming_a_target_off_the_controller_fails_with_einval),
		KVX_TEST(destroy_closes_and_frees_the_set),
	};

	return test_run_isolated("kvx_ipi_ctrl", tests, ARRAY_SIZE(tests));
}
