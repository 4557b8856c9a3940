// SPDX-License-Identifier: BSD-2-Clause
/*
 * Sending: ipi_send_single(), ipi_send_mask(), ipi_send_all() and the
 * __ipi_send_single()/__ipi_send_mask() fast paths, on per-CPU and single
 * domains whose chips have either send callback or both.
 */
#include "test-domains.h"

#include <genipi/port.h>

#define NCPU TEST_MACHINE_NR_CPUS

static struct test_ipi_ctrl ctrl;

struct send_row {
	bool single;		  /* single domain, else per-CPU */
	enum test_chip_kind chip; /* which send callbacks */
};

/*
 * Reserve targets 1 .. NCPU-1 and a remote processor (so the reservation
 * starts past 0 and mixes CPUs and a remote) on the row's domain.
 */
static unsigned int reserve_for(const struct send_row *row, struct cpumask *dest)
{
	struct irq_domain *d;
	int rm, virq;

	d = test_ipi_domain_create(&ctrl, "test-ipi",
				   row->single ? IRQ_DOMAIN_FLAG_IPI_SINGLE :
						 IRQ_DOMAIN_FLAG_IPI_PER_CPU,
				   32, row->chip, NULL);
	rm = ipi_register_remote("rm", 16);
	assert_int_equal(rm, NCPU);
	*dest = test_mask_range(1, (unsigned int)rm);
	virq = irq_reserve_ipi(d, dest);
	assert_true(virq > 0);
	return (unsigned int)virq;
}

/* Exactly the targets of @mask were reached, each once, on its own hwirq. */
static void assert_sent_exactly(unsigned int virq, const struct cpumask *mask, bool via_mask)
{
	unsigned int t, n = test_ipi_nr_sends(&ctrl);

	assert_int_equal(n, cpumask_weight(mask));
	for (unsigned int i = 0; i < n; i++) {
		t = ctrl.sends[i].target;
		assert_true(cpumask_test_cpu(t, mask));
		assert_true(ctrl.sends[i].hwirq == ipi_get_hwirq(virq, t));
		assert_int_equal(ctrl.sends[i].via_mask, via_mask);
		for (unsigned int j = 0; j < i; j++)
			assert_int_not_equal(ctrl.sends[j].target, t);
	}
	test_ipi_clear_sends(&ctrl);
}

static void send_single_reaches_target_on_its_hwirq(void **state)
{
	const struct send_row *row = *state;
	struct cpumask dest;
	unsigned int virq = reserve_for(row, &dest), t;

	for_each_cpu(t, &dest) {
		assert_int_equal(ipi_send_single(virq, t), 0);
		assert_sent_exactly(virq, cpumask_of(t), row->chip == TEST_CHIP_SEND_MASK);
	}
	assert_no_warning();
}

static void send_mask_reaches_exactly_the_mask(void **state)
{
	const struct send_row *row = *state;
	struct cpumask dest, some = MASK(1, 3, NCPU);
	unsigned int virq = reserve_for(row, &dest);

	assert_int_equal(ipi_send_mask(virq, &some), 0);
	assert_sent_exactly(virq, &some, row->chip != TEST_CHIP_SEND_SINGLE);
	assert_int_equal(ipi_send_mask(virq, &dest), 0);
	assert_sent_exactly(virq, &dest, row->chip != TEST_CHIP_SEND_SINGLE);
	assert_no_warning();
}

static void send_all_reaches_whole_reservation(void **state)
{
	const struct send_row *row = *state;
	struct cpumask dest;
	unsigned int virq = reserve_for(row, &dest);

	assert_int_equal(ipi_send_all(virq), 0);
	assert_sent_exactly(virq, &dest, row->chip != TEST_CHIP_SEND_SINGLE);
	assert_no_warning();
}

static void fast_send_single_reaches_target(void **state)
{
	const struct send_row *row = *state;
	struct cpumask dest;
	unsigned int virq = reserve_for(row, &dest), t;
	struct irq_desc *desc = irq_to_desc(virq);

	for_each_cpu(t, &dest) {
		assert_int_equal(__ipi_send_single(desc, t), 0);
		assert_sent_exactly(virq, cpumask_of(t), row->chip == TEST_CHIP_SEND_MASK);
	}
}

static void fast_send_mask_reaches_exactly_the_mask(void **state)
{
	const struct send_row *row = *state;
	struct cpumask dest, some = MASK(2, NCPU);
	unsigned int virq = reserve_for(row, &dest);

	assert_int_equal(__ipi_send_mask(irq_to_desc(virq), &some), 0);
	assert_sent_exactly(virq, &some, row->chip != TEST_CHIP_SEND_SINGLE);
}

static void send_through_other_virq_of_per_cpu_reservation(void **state)
{
	const struct send_row *row = *state;
	struct cpumask dest, some = MASK(1, NCPU);
	unsigned int virq = reserve_for(row, &dest);

	/* any virq of a per-CPU reservation names all of it */
	assert_int_equal(ipi_send_single(virq + 2, 1), 0);
	assert_sent_exactly(virq, cpumask_of(1), row->chip == TEST_CHIP_SEND_MASK);
	assert_int_equal(ipi_send_mask(virq + 1, &some), 0);
	assert_sent_exactly(virq, &some, row->chip != TEST_CHIP_SEND_SINGLE);
	assert_int_equal(ipi_send_all(virq + NCPU - 1), 0);
	assert_sent_exactly(virq, &dest, row->chip != TEST_CHIP_SEND_SINGLE);
}

static struct send_row percpu_both = { false, TEST_CHIP_SEND_BOTH };
static struct send_row percpu_single = { false, TEST_CHIP_SEND_SINGLE };
static struct send_row percpu_mask = { false, TEST_CHIP_SEND_MASK };
static struct send_row single_both = { true, TEST_CHIP_SEND_BOTH };
static struct send_row single_single = { true, TEST_CHIP_SEND_SINGLE };
static struct send_row single_mask = { true, TEST_CHIP_SEND_MASK };

/* ---- after a partial release ------------------------------------------- */

static void send_after_partial_destroy_reaches_only_the_rest(void **state)
{
	const struct send_row *row = *state;
	struct cpumask dest, rest;
	unsigned int virq = reserve_for(row, &dest);
	unsigned int handle = row->single ? virq : virq + 1;

	assert_int_equal(irq_destroy_ipi(virq, cpumask_of(1)), 0);
	cpumask_andnot(&rest, &dest, cpumask_of(1));
	assert_int_equal(ipi_send_all(handle), 0);
	assert_sent_exactly(handle, &rest, row->chip != TEST_CHIP_SEND_SINGLE);
	assert_int_equal(ipi_send_single(handle, 1), -EINVAL);
	assert_int_equal(test_ipi_nr_sends(&ctrl), 0);
	assert_warned_once();
}

/* ---- sends from CPUs --------------------------------------------------- */

struct cpu_send {
	unsigned int virq;
	unsigned int target;
	int ret;
};

static void cpu_send_fn(void *arg)
{
	struct cpu_send *cs = arg;

	cs->ret = ipi_send_single(cs->virq, cs->target);
}

static void send_from_every_cpu_reaches_target(void **state)
{
	struct send_row row = { false, TEST_CHIP_SEND_BOTH };
	struct cpumask dest;
	unsigned int virq = reserve_for(&row, &dest);

	(void)state;
	for (unsigned int cpu = 0; cpu < NCPU; cpu++) {
		struct cpu_send cs = { .virq = virq, .target = NCPU, .ret = 1 };

		test_on_cpu(cpu, cpu_send_fn, &cs);
		assert_int_equal(cs.ret, 0);
		assert_sent_exactly(virq, cpumask_of(NCPU), false);
	}
}

/* ---- bad arguments ------------------------------------------------------ */

enum send_bad_kind {
	BAD_VIRQ_ZERO,
	BAD_UNKNOWN_VIRQ,
	BAD_HUGE_VIRQ,
	BAD_NON_IPI_VIRQ,
	BAD_UNRESERVED_VIRQ_OF_IPI_DOMAIN,
	BAD_CHIP_CANNOT_SEND,
	BAD_DESTROYED_RESERVATION,
	BAD_TARGET_OUTSIDE,	 /* single: target 0 */
	BAD_TARGET_PAST_TARGETS, /* single: unregistered target id */
	BAD_TARGET_NR_TARGETS,	 /* single: NR_TARGETS */
	BAD_TARGET_HUGE,	 /* single: ~0U */
	BAD_MASK_NULL,
	BAD_MASK_EMPTY,
	BAD_MASK_OUTSIDE,
	BAD_MASK_PARTLY_OUTSIDE,
	BAD_MASK_PAST_TARGETS,
};

enum send_fn {
	SEND_SINGLE,
	SEND_MASK,
	SEND_ALL
};

struct send_bad_row {
	enum send_fn fn;
	enum send_bad_kind kind;
	bool single_domain;
};

static int chip_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hwirq)
{
	/* a normal interrupt whose chip could send: still not an IPI */
	irq_domain_set_info(d, virq, hwirq, &ctrl.chip, &ctrl, handle_percpu_irq, NULL, NULL);
	return 0;
}

static const struct irq_domain_ops chip_map_ops = { .map = chip_map };

static void send_rejects(void **state)
{
	const struct send_bad_row *row = *state;
	struct send_row srow = { row->single_domain, row->kind == BAD_CHIP_CANNOT_SEND ?
							     TEST_CHIP_SEND_NONE :
							     TEST_CHIP_SEND_BOTH };
	struct cpumask dest, mask;
	const struct cpumask *maskp = &mask;
	unsigned int virq = reserve_for(&srow, &dest), target = 1;
	struct test_state before;
	int ret = 0;

	mask = MASK(1, 2);
	switch (row->kind) {
	case BAD_VIRQ_ZERO:
		virq = 0;
		break;
	case BAD_UNKNOWN_VIRQ:
		virq = NR_IRQS - 1;
		assert_null(irq_to_desc(virq));
		break;
	case BAD_HUGE_VIRQ:
		virq = ~0U;
		break;
	case BAD_NON_IPI_VIRQ: {
		struct irq_domain *plain = irq_domain_create_linear(NULL, 8, &chip_map_ops, NULL);

		virq = irq_create_mapping(plain, 1);
		assert_true(virq > 0);
		break;
	}
	case BAD_UNRESERVED_VIRQ_OF_IPI_DOMAIN: {
		/* allocated from the IPI domain, but not through irq_reserve_ipi() */
		int v = irq_domain_alloc_irqs(ctrl.domain, 1, NUMA_NO_NODE, &dest);

		assert_true(v > 0);
		virq = (unsigned int)v;
		break;
	}
	case BAD_CHIP_CANNOT_SEND:
		break;
	case BAD_DESTROYED_RESERVATION:
		assert_int_equal(irq_destroy_ipi(virq, &dest), 0);
		break;
	case BAD_TARGET_OUTSIDE:
		target = 0;
		break;
	case BAD_TARGET_PAST_TARGETS:
		target = NCPU + 1;
		break;
	case BAD_TARGET_NR_TARGETS:
		target = NR_TARGETS;
		break;
	case BAD_TARGET_HUGE:
		target = ~0U;
		break;
	case BAD_MASK_NULL:
		maskp = NULL;
		break;
	case BAD_MASK_EMPTY:
		cpumask_clear(&mask);
		break;
	case BAD_MASK_OUTSIDE:
		mask = *cpumask_of(0);
		break;
	case BAD_MASK_PARTLY_OUTSIDE:
		mask = MASK(0, 1, 2);
		break;
	case BAD_MASK_PAST_TARGETS:
		mask = MASK(1, NR_TARGETS - 1);
		break;
	}
	test_ipi_clear_sends(&ctrl);
	test_log_reset();
	before = test_state_of(&ctrl);

	switch (row->fn) {
	case SEND_SINGLE:
		ret = ipi_send_single(virq, target);
		break;
	case SEND_MASK:
		ret = ipi_send_mask(virq, maskp);
		break;
	case SEND_ALL:
		ret = ipi_send_all(virq);
		break;
	}

	assert_int_equal(ret, -EINVAL);
	assert_int_equal(test_ipi_nr_sends(&ctrl), 0);
	assert_warned_once();
	assert_state_unchanged(before, &ctrl);
}

#define SEND_BAD(fn, kind, single) (&(struct send_bad_row){ fn, kind, single })

static void send_misuse_is_reported_once_per_call_site(void **state)
{
	struct send_row row = { false, TEST_CHIP_SEND_BOTH };
	struct cpumask dest;
	unsigned int virq = reserve_for(&row, &dest);

	(void)state;
	assert_int_equal(ipi_send_single(virq, 0), -EINVAL);
	assert_int_equal(ipi_send_single(0, 1), -EINVAL);
	assert_int_equal(ipi_send_single(virq, ~0U), -EINVAL);
	assert_warned_once();
	/* the check still works after the report */
	assert_int_equal(ipi_send_single(virq, 0), -EINVAL);
	assert_int_equal(test_ipi_nr_sends(&ctrl), 0);
	assert_int_equal(ipi_send_single(virq, 1), 0);
	assert_int_equal(test_ipi_nr_sends(&ctrl), 1);
}

#ifdef GENIPI_DEBUG
/* Debug builds validate the fast paths too. */
static void debug_fast_send_single_rejects_target_outside(void **state)
{
	struct send_row row = { false, TEST_CHIP_SEND_BOTH };
	struct cpumask dest;
	unsigned int virq = reserve_for(&row, &dest);

	(void)state;
	assert_int_equal(__ipi_send_single(irq_to_desc(virq), 0), -EINVAL);
	assert_int_equal(test_ipi_nr_sends(&ctrl), 0);
	assert_warned_once();
}

static void debug_fast_send_mask_rejects_mask_outside(void **state)
{
	struct send_row row = { true, TEST_CHIP_SEND_BOTH };
	struct cpumask dest, bad = MASK(0, 1);
	unsigned int virq = reserve_for(&row, &dest);

	(void)state;
	assert_int_equal(__ipi_send_mask(irq_to_desc(virq), &bad), -EINVAL);
	assert_int_equal(test_ipi_nr_sends(&ctrl), 0);
	assert_warned_once();
}

static void debug_fast_send_mask_rejects_empty_mask(void **state)
{
	struct send_row row = { false, TEST_CHIP_SEND_SINGLE };
	struct cpumask dest, empty = test_mask(TEST_END);
	unsigned int virq = reserve_for(&row, &dest);

	(void)state;
	assert_int_equal(__ipi_send_mask(irq_to_desc(virq), &empty), -EINVAL);
	assert_int_equal(test_ipi_nr_sends(&ctrl), 0);
	assert_warned_once();
}
#endif

/* ---- the send path takes no lock and allocates nothing ------------------- */

static unsigned int held_virq;
static int held_rets[5];

static void send_under_config_lock(struct test_ipi_ctrl *c)
{
	struct cpumask m = MASK(1, 2);

	(void)c;
	held_rets[0] = ipi_send_single(held_virq, 1);
	held_rets[1] = ipi_send_mask(held_virq, &m);
	held_rets[2] = ipi_send_all(held_virq);
	held_rets[3] = __ipi_send_single(irq_to_desc(held_virq), 2);
	held_rets[4] = __ipi_send_mask(irq_to_desc(held_virq), &m);
}

static void send_takes_no_lock(void **state)
{
	struct send_row row = { false, TEST_CHIP_SEND_BOTH };
	struct test_ipi_ctrl other;
	struct cpumask dest;
	struct irq_domain *od;

	(void)state;
	held_virq = reserve_for(&row, &dest);
	od = test_ipi_domain_create(&other, "other", IRQ_DOMAIN_FLAG_IPI_SINGLE, 4,
				    TEST_CHIP_SEND_BOTH, NULL);
	/* a domain's alloc runs under the core's configuration lock */
	other.alloc_hook = send_under_config_lock;
	for (unsigned int i = 0; i < ARRAY_SIZE(held_rets); i++)
		held_rets[i] = 1;
	assert_true(irq_reserve_ipi(od, &dest) > 0);
	for (unsigned int i = 0; i < ARRAY_SIZE(held_rets); i++)
		assert_int_equal(held_rets[i], 0);
	assert_int_equal(test_ipi_nr_sends(&ctrl), 1 + 2 + NCPU + 1 + 2);
}

static void send_allocates_nothing(void **state)
{
	struct send_row row = { false, TEST_CHIP_SEND_SINGLE };
	struct cpumask dest, m = MASK(1, 2);
	unsigned int virq;
	void *p;

	(void)state;
	virq = reserve_for(&row, &dest);
	hosted_alloc_fail_nth(0);
	assert_int_equal(ipi_send_single(virq, 1), 0);
	assert_int_equal(ipi_send_mask(virq, &m), 0);
	assert_int_equal(ipi_send_all(virq), 0);
	assert_int_equal(__ipi_send_mask(irq_to_desc(virq), &m), 0);
	/* the armed failure is still there: no send allocated */
	p = port_zalloc(16);
	hosted_alloc_fail_nth(-1);
	assert_null(p);
	port_free(p);
	assert_int_equal(test_ipi_nr_sends(&ctrl), 1 + 2 + NCPU + 2);
}

#define ROW(name, fn, row) test_machine_table_test(name, fn, row)

int main(void)
{
	const struct CMUnitTest tests[] = {
		ROW("send_single_per_cpu_chip_with_both", send_single_reaches_target_on_its_hwirq,
		    &percpu_both),
		ROW("send_single_per_cpu_chip_with_send_single_only",
		    send_single_reaches_target_on_its_hwirq, &percpu_single),
		ROW("send_single_per_cpu_chip_with_send_mask_only",
		    send_single_reaches_target_on_its_hwirq, &percpu_mask),
		ROW("send_single_single_chip_with_both", send_single_reaches_target_on_its_hwirq,
		    &single_both),
		ROW("send_single_single_chip_with_send_single_only",
		    send_single_reaches_target_on_its_hwirq, &single_single),
		ROW("send_single_single_chip_with_send_mask_only",
		    send_single_reaches_target_on_its_hwirq, &single_mask),
		ROW("send_mask_per_cpu_chip_with_both", send_mask_reaches_exactly_the_mask,
		    &percpu_both),
		ROW("send_mask_per_cpu_chip_with_send_single_only",
		    send_mask_reaches_exactly_the_mask, &percpu_single),
		ROW("send_mask_per_cpu_chip_with_send_mask_only",
		    send_mask_reaches_exactly_the_mask, &percpu_mask),
		ROW("send_mask_single_chip_with_both", send_mask_reaches_exactly_the_mask,
		    &single_both),
		ROW("send_mask_single_chip_with_send_single_only",
		    send_mask_reaches_exactly_the_mask, &single_single),
		ROW("send_mask_single_chip_with_send_mask_only", send_mask_reaches_exactly_the_mask,
		    &single_mask),
		ROW("send_all_per_cpu_chip_with_both", send_all_reaches_whole_reservation,
		    &percpu_both),
		ROW("send_all_per_cpu_chip_with_send_single_only",
		    send_all_reaches_whole_reservation, &percpu_single),
		ROW("send_all_per_cpu_chip_with_send_mask_only", send_all_reaches_whole_reservation,
		    &percpu_mask),
		ROW("send_all_single_chip_with_both", send_all_reaches_whole_reservation,
		    &single_both),
		ROW("send_all_single_chip_with_send_single_only",
		    send_all_reaches_whole_reservation, &single_single),
		ROW("send_all_single_chip_with_send_mask_only", send_all_reaches_whole_reservation,
		    &single_mask),
		ROW("fast_send_single_per_cpu_chip_with_send_single_only",
		    fast_send_single_reaches_target, &percpu_single),
		ROW("fast_send_single_per_cpu_chip_with_send_mask_only",
		    fast_send_single_reaches_target, &percpu_mask),
		ROW("fast_send_single_single_chip_with_send_single_only",
		    fast_send_single_reaches_target, &single_single),
		ROW("fast_send_single_single_chip_with_send_mask_only",
		    fast_send_single_reaches_target, &single_mask),
		ROW("fast_send_mask_per_cpu_chip_with_send_single_only",
		    fast_send_mask_reaches_exactly_the_mask, &percpu_single),
		ROW("fast_send_mask_per_cpu_chip_with_send_mask_only",
		    fast_send_mask_reaches_exactly_the_mask, &percpu_mask),
		ROW("fast_send_mask_single_chip_with_send_single_only",
		    fast_send_mask_reaches_exactly_the_mask, &single_single),
		ROW("fast_send_mask_single_chip_with_send_mask_only",
		    fast_send_mask_reaches_exactly_the_mask, &single_mask),
		ROW("send_through_any_virq_of_per_cpu_reservation_send_single_only",
		    send_through_other_virq_of_per_cpu_reservation, &percpu_single),
		ROW("send_through_any_virq_of_per_cpu_reservation_send_mask_only",
		    send_through_other_virq_of_per_cpu_reservation, &percpu_mask),
		ROW("send_after_partial_destroy_per_cpu",
		    send_after_partial_destroy_reaches_only_the_rest, &percpu_both),
		ROW("send_after_partial_destroy_single",
		    send_after_partial_destroy_reaches_only_the_rest, &single_single),
		test_machine_unit_test(send_from_every_cpu_reaches_target),

		ROW("send_single_rejects_virq_zero", send_rejects,
		    SEND_BAD(SEND_SINGLE, BAD_VIRQ_ZERO, false)),
		ROW("send_single_rejects_unknown_virq", send_rejects,
		    SEND_BAD(SEND_SINGLE, BAD_UNKNOWN_VIRQ, false)),
		ROW("send_single_rejects_huge_virq", send_rejects,
		    SEND_BAD(SEND_SINGLE, BAD_HUGE_VIRQ, false)),
		ROW("send_single_rejects_non_ipi_virq", send_rejects,
		    SEND_BAD(SEND_SINGLE, BAD_NON_IPI_VIRQ, false)),
		ROW("send_single_rejects_unreserved_virq_of_ipi_domain", send_rejects,
		    SEND_BAD(SEND_SINGLE, BAD_UNRESERVED_VIRQ_OF_IPI_DOMAIN, true)),
		ROW("send_single_rejects_chip_that_cannot_send", send_rejects,
		    SEND_BAD(SEND_SINGLE, BAD_CHIP_CANNOT_SEND, false)),
		ROW("send_single_rejects_destroyed_reservation", send_rejects,
		    SEND_BAD(SEND_SINGLE, BAD_DESTROYED_RESERVATION, true)),
		ROW("send_single_per_cpu_rejects_target_outside_reservation", send_rejects,
		    SEND_BAD(SEND_SINGLE, BAD_TARGET_OUTSIDE, false)),
		ROW("send_single_single_rejects_target_outside_reservation", send_rejects,
		    SEND_BAD(SEND_SINGLE, BAD_TARGET_OUTSIDE, true)),
		ROW("send_single_rejects_unregistered_target", send_rejects,
		    SEND_BAD(SEND_SINGLE, BAD_TARGET_PAST_TARGETS, false)),
		ROW("send_single_rejects_target_nr_targets", send_rejects,
		    SEND_BAD(SEND_SINGLE, BAD_TARGET_NR_TARGETS, false)),
		ROW("send_single_rejects_huge_target", send_rejects,
		    SEND_BAD(SEND_SINGLE, BAD_TARGET_HUGE, true)),
		ROW("send_mask_rejects_virq_zero", send_rejects,
		    SEND_BAD(SEND_MASK, BAD_VIRQ_ZERO, false)),
		ROW("send_mask_rejects_unknown_virq", send_rejects,
		    SEND_BAD(SEND_MASK, BAD_UNKNOWN_VIRQ, false)),
		ROW("send_mask_rejects_non_ipi_virq", send_rejects,
		    SEND_BAD(SEND_MASK, BAD_NON_IPI_VIRQ, false)),
		ROW("send_mask_rejects_unreserved_virq_of_ipi_domain", send_rejects,
		    SEND_BAD(SEND_MASK, BAD_UNRESERVED_VIRQ_OF_IPI_DOMAIN, false)),
		ROW("send_mask_rejects_chip_that_cannot_send", send_rejects,
		    SEND_BAD(SEND_MASK, BAD_CHIP_CANNOT_SEND, true)),
		ROW("send_mask_rejects_destroyed_reservation", send_rejects,
		    SEND_BAD(SEND_MASK, BAD_DESTROYED_RESERVATION, false)),
		ROW("send_mask_rejects_null_mask", send_rejects,
		    SEND_BAD(SEND_MASK, BAD_MASK_NULL, false)),
		ROW("send_mask_rejects_empty_mask", send_rejects,
		    SEND_BAD(SEND_MASK, BAD_MASK_EMPTY, true)),
		ROW("send_mask_per_cpu_rejects_mask_outside_reservation", send_rejects,
		    SEND_BAD(SEND_MASK, BAD_MASK_OUTSIDE, false)),
		ROW("send_mask_single_rejects_mask_outside_reservation", send_rejects,
		    SEND_BAD(SEND_MASK, BAD_MASK_OUTSIDE, true)),
		ROW("send_mask_rejects_mask_partly_outside_reservation", send_rejects,
		    SEND_BAD(SEND_MASK, BAD_MASK_PARTLY_OUTSIDE, false)),
		ROW("send_mask_rejects_mask_past_targets", send_rejects,
		    SEND_BAD(SEND_MASK, BAD_MASK_PAST_TARGETS, true)),
		ROW("send_all_rejects_virq_zero", send_rejects,
		    SEND_BAD(SEND_ALL, BAD_VIRQ_ZERO, false)),
		ROW("send_all_rejects_unknown_virq", send_rejects,
		    SEND_BAD(SEND_ALL, BAD_UNKNOWN_VIRQ, false)),
		ROW("send_all_rejects_non_ipi_virq", send_rejects,
		    SEND_BAD(SEND_ALL, BAD_NON_IPI_VIRQ, false)),
		ROW("send_all_rejects_unreserved_virq_of_ipi_domain", send_rejects,
		    SEND_BAD(SEND_ALL, BAD_UNRESERVED_VIRQ_OF_IPI_DOMAIN, false)),
		ROW("send_all_rejects_chip_that_cannot_send", send_rejects,
		    SEND_BAD(SEND_ALL, BAD_CHIP_CANNOT_SEND, false)),
		ROW("send_all_rejects_destroyed_reservation", send_rejects,
		    SEND_BAD(SEND_ALL, BAD_DESTROYED_RESERVATION, true)),
		test_machine_unit_test(send_misuse_is_reported_once_per_call_site),
#ifdef GENIPI_DEBUG
		test_machine_unit_test(debug_fast_send_single_rejects_target_outside),
		test_machine_unit_test(debug_fast_send_mask_rejects_mask_outside),
		test_machine_unit_test(debug_fast_send_mask_rejects_empty_mask),
#endif
		test_machine_unit_test(send_takes_no_lock),
		test_machine_unit_test(send_allocates_nothing),
	};

	return test_run_isolated("ipi_send", tests, ARRAY_SIZE(tests));
}
