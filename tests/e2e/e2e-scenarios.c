// SPDX-License-Identifier: BSD-2-Clause
/*
 * Scenarios shared by the per-CPU and single swipi variants: see
 * e2e-scenarios.h.
 */
#include "e2e-scenarios.h"

#include <genipi/errno.h>

/* A few interesting masks of a machine; empty ones are left out. */
struct e2e_masks {
	struct cpumask mask[E2E_MAX_IPIS];
	unsigned int nr;
};

static void e2e_masks_add(struct e2e_masks *ms, const struct cpumask *m)
{
	if (cpumask_empty(m) || ms->nr >= ARRAY_SIZE(ms->mask))
		return;
	for (unsigned int i = 0; i < ms->nr; i++)
		if (cpumask_equal(&ms->mask[i], m))
			return;
	cpumask_copy(&ms->mask[ms->nr++], m);
}

/* Masks within @within: halves, parities, single CPUs, the remote... */
static void e2e_masks_build(struct e2e_machine *m, struct e2e_masks *ms,
			    const struct cpumask *within)
{
	unsigned int n = m->nr_cpus, cpu;
	struct cpumask tmp;

	ms->nr = 0;
	/* every CPU alone, and with the remote processor */
	for (cpu = 0; cpu < n; cpu++) {
		cpumask_and(&tmp, cpumask_of(cpu), within);
		e2e_masks_add(ms, &tmp);
	}
	e2e_mask_range(&tmp, n - 1, n - 1, true);
	cpumask_and(&tmp, &tmp, within);
	e2e_masks_add(ms, &tmp);
	/* even and odd CPUs */
	for (unsigned int parity = 0; parity < 2; parity++) {
		cpumask_clear(&tmp);
		for (cpu = parity; cpu < n; cpu += 2)
			cpumask_set_cpu(cpu, &tmp);
		cpumask_and(&tmp, &tmp, within);
		e2e_masks_add(ms, &tmp);
	}
	/* lower half; upper half with the remote */
	e2e_mask_range(&tmp, 0, (n - 1) / 2, false);
	cpumask_and(&tmp, &tmp, within);
	e2e_masks_add(ms, &tmp);
	e2e_mask_range(&tmp, n / 2, n - 1, true);
	cpumask_and(&tmp, &tmp, within);
	e2e_masks_add(ms, &tmp);
	/* the remote alone, every CPU, everything */
	cpumask_and(&tmp, cpumask_of(m->rm), within);
	e2e_masks_add(ms, &tmp);
	cpumask_and(&tmp, &m->cpus, within);
	e2e_masks_add(ms, &tmp);
	cpumask_and(&tmp, &m->all, within);
	e2e_masks_add(ms, &tmp);
}

void e2e_scenario_send_single_from_main(struct e2e_machine *m, bool per_cpu)
{
	struct e2e_ipi *ipi = e2e_ipi_setup(per_cpu, &m->all);
	unsigned int t;

	/* twice over, so each target's second IPI follows its first */
	for (unsigned int pass = 0; pass < 2; pass++)
		for_each_cpu(t, &m->all)
			e2e_deliver_single(ipi, E2E_FROM_MAIN, t);
	e2e_check_counts(ipi);
}

void e2e_scenario_send_single_between_cpus(struct e2e_machine *m, bool per_cpu)
{
	struct e2e_ipi *ipi = e2e_ipi_setup(per_cpu, &m->all);
	unsigned int from, t;

	for_each_cpu(from, &m->cpus)
		for_each_cpu(t, &m->all)
			e2e_deliver_single(ipi, from, t);
	e2e_check_counts(ipi);
}

void e2e_scenario_send_mask(struct e2e_machine *m, bool per_cpu)
{
	struct e2e_ipi *ipi = e2e_ipi_setup(per_cpu, &m->all);
	struct e2e_masks ms;
	unsigned int from;

	e2e_masks_build(m, &ms, &m->all);
	for (unsigned int i = 0; i < ms.nr; i++)
		e2e_deliver_mask(ipi, E2E_FROM_MAIN, &ms.mask[i]);
	/* every CPU sends a few of them, a different few each */
	for_each_cpu(from, &m->cpus)
		for (unsigned int k = 0; k < 4; k++)
			e2e_deliver_mask(ipi, from, &ms.mask[(from + k * 3) % ms.nr]);
	e2e_check_counts(ipi);
}

void e2e_scenario_send_all(struct e2e_machine *m, bool per_cpu)
{
	struct e2e_ipi *ipi = e2e_ipi_setup(per_cpu, &m->all);
	struct e2e_ipi *cpus_only = e2e_ipi_setup(per_cpu, &m->cpus);
	unsigned int from;

	e2e_deliver_all(ipi, E2E_FROM_MAIN);
	e2e_deliver_all(cpus_only, E2E_FROM_MAIN);
	for_each_cpu(from, &m->cpus) {
		e2e_deliver_all(ipi, from);
		e2e_deliver_all(cpus_only, from);
	}
	e2e_check_counts(ipi);
	e2e_check_counts(cpus_only);
}

void e2e_scenario_reservations_independent(struct e2e_machine *m, bool per_cpu)
{
	struct e2e_ipi *a = e2e_ipi_setup(per_cpu, &m->all);
	struct e2e_ipi *b = e2e_ipi_setup(per_cpu, &m->all);
	unsigned int t;

	assert_int_not_equal(a->virq, b->virq);
	for_each_cpu(t, &m->all) {
		/* the same target's hwirq differs between reservations */
		assert_true(ipi_get_hwirq(a->virq, t) != ipi_get_hwirq(b->virq, t));
		e2e_deliver_single(a, E2E_FROM_MAIN, t);
		e2e_check_counts(b); /* b saw nothing */
	}
	e2e_deliver_all(b, E2E_FROM_MAIN);
	e2e_deliver_all(b, m->nr_cpus - 1);
	e2e_check_counts(a);
	e2e_check_counts(b);
}

/* Every way of sending to @t through @ipi fails with -EINVAL. */
static void e2e_expect_unreachable(struct e2e_ipi *ipi, unsigned int virq, unsigned int t,
				   unsigned int from)
{
	unsigned int v = virq ? virq : e2e_ipi_send_virq(ipi);
	struct cpumask dest;

	assert_int_equal(e2e_send_single(ipi, from, virq, t), -EINVAL);
	cpumask_copy(&dest, &ipi->reserved);
	cpumask_set_cpu(t, &dest);
	assert_int_equal(e2e_send_mask(ipi, from, virq, &dest), -EINVAL);
	assert_int_equal(e2e_send_mask(ipi, from, virq, cpumask_of(t)), -EINVAL);
	assert_true(ipi_get_hwirq(v, t) == INVALID_HWIRQ);
}

void e2e_scenario_partial_destroy(struct e2e_machine *m, bool per_cpu)
{
	struct e2e_ipi *ipi = e2e_ipi_setup(per_cpu, &m->all), *again;
	unsigned int n = m->nr_cpus, first_virq = ipi->virq, half, t, from;
	struct cpumask lower, dead;

	m->allow_log = true; /* the failing sends are reported once */
	e2e_deliver_all(ipi, E2E_FROM_MAIN);

	/* 1. the lower CPUs go (with 1 CPU: that CPU, leaving the remote) */
	half = n > 1 ? n / 2 : 1;
	e2e_mask_range(&lower, 0, half - 1, false);
	e2e_ipi_release(ipi, &lower);
	cpumask_copy(&dead, &lower);
	for_each_cpu(t, &dead) {
		e2e_expect_unreachable(ipi, 0, t, E2E_FROM_MAIN);
		e2e_expect_unreachable(ipi, 0, t, n - 1);
	}
	if (per_cpu) {
		/* the first virq went with its target: nothing goes through it */
		assert_null(irq_to_desc(first_virq));
		assert_int_equal(e2e_send_single(ipi, E2E_FROM_MAIN, first_virq, m->rm), -EINVAL);
		assert_int_equal(e2e_send_all(ipi, E2E_FROM_MAIN, first_virq), -EINVAL);
	}
	/* what remains still works, from anyone, the released CPUs included */
	e2e_deliver_all(ipi, E2E_FROM_MAIN);
	for_each_cpu(from, &m->cpus) {
		e2e_deliver_all(ipi, from);
		for_each_cpu(t, &ipi->reserved)
			e2e_deliver_single(ipi, from, t);
	}
	e2e_deliver_mask(ipi, 0, &ipi->reserved);
	e2e_check_counts(ipi);

	/* 2. the remote processor goes */
	e2e_ipi_release(ipi, cpumask_of(m->rm));
	cpumask_set_cpu(m->rm, &dead);
	if (!cpumask_empty(&ipi->reserved)) {
		e2e_expect_unreachable(ipi, 0, m->rm, E2E_FROM_MAIN);
		e2e_deliver_all(ipi, n - 1);
		e2e_check_counts(ipi);
		/* 3. the rest goes */
		e2e_ipi_release(ipi, &ipi->reserved);
	}

	/* nothing is left: every virq of the reservation is gone */
	for (unsigned int i = 0; i < ipi->nr_virqs; i++) {
		assert_null(irq_to_desc(ipi->virq + i));
		assert_int_equal(ipi_send_all(ipi->virq + i), -EINVAL);
		assert_int_equal(irq_destroy_ipi(ipi->virq + i, cpumask_of(m->rm)), -EINVAL);
	}
	e2e_check_counts(ipi);

	/* and the controller gave everything back: a fresh reservation works */
	again = e2e_ipi_setup(per_cpu, &m->all);
	e2e_deliver_all(again, E2E_FROM_MAIN);
	e2e_deliver_all(again, 0);
	e2e_check_counts(again);
	e2e_check_counts(ipi);
}

void e2e_scenario_storm(struct e2e_machine *m, bool per_cpu, bool single_each)
{
	struct e2e_ipi *ipi = e2e_ipi_setup(per_cpu, &m->all);
	unsigned int line = e2e_ipi_line(ipi, m->rm), rounds = single_each ? 20 : 50;
	unsigned long rm_before = hosted_remote_count(m->rm, line);

	for (unsigned int burst = 0; burst < 20; burst++) {
		e2e_storm(ipi, &m->cpus, rounds, single_each);
		/* each CPU ran the handler after the last send to it */
		e2e_wait_seen(ipi, &m->cpus);
		e2e_wait_remote(m->rm, line, rm_before + 1);
		rm_before = hosted_remote_count(m->rm, line);
	}
	/* no handler is in flight any more: its counts can be compared */
	e2e_ipi_quiesce(ipi);
	e2e_check_clean();
	e2e_check_kstat(ipi);
	for (unsigned int cpu = 0; cpu < m->nr_cpus; cpu++) {
		unsigned long sent = e2e_load(&ipi->sent[cpu]), got = e2e_ipi_count(ipi, cpu);

		/* merged sends run the handler once; nothing runs it more */
		if (!got || got > sent)
			fail_msg("CPU %u: %lu handler runs for %lu sends", cpu, got, sent);
	}
}

void e2e_scenario_run_out_and_recover(struct e2e_machine *m, bool per_cpu)
{
	struct e2e_ipi *ipis[E2E_MAX_IPIS], *last;
	unsigned int nr = 0, want;
	int err = 0;

	m->allow_log = true; /* the failing reservation is reported */
	want = per_cpu ? HOSTED_SWIPI_PERCPU_NR_HWIRQS / (m->nr_cpus + 1) :
			 HOSTED_SWIPI_SINGLE_NR_SETS;
	for (;;) {
		struct e2e_ipi *ipi;

		if (nr == want + 1 || nr == E2E_MAX_IPIS - 2)
			fail_msg("%u reservations, expected hwirqs to run out at %u", nr, want);
		ipi = e2e_ipi_reserve(per_cpu, &m->all, &err);
		if (!ipi)
			break;
		ipis[nr++] = ipi;
	}
	assert_int_equal(err, -ENOSPC);
	assert_int_equal(nr, want);
	/* the failure left nothing behind: releasing one makes room for one */
	e2e_ipi_release(ipis[nr / 2], &m->all);
	last = e2e_ipi_setup(per_cpu, &m->all);
	assert_null(e2e_ipi_reserve(per_cpu, &m->all, &err));
	assert_int_equal(err, -ENOSPC);
	e2e_deliver_all(last, E2E_FROM_MAIN);
	e2e_deliver_all(last, m->nr_cpus - 1);
	e2e_check_counts(last);
}

/* ---- masking --------------------------------------------------------------- */

/*
 * A disabled IPI is not lost: the controller latches it (the per-CPU
 * variant in its pending word, the single one as a pending cpu-intc line)
 * and delivers it when the CPU enables it again. A latch is one bit, so
 * several sends while disabled arrive as one.
 */
void e2e_scenario_disabled_ipi_stays_pending(struct e2e_machine *m, bool per_cpu)
{
	struct e2e_ipi *ipi = e2e_ipi_setup(per_cpu, &m->all);
	struct e2e_ipi *probe = e2e_ipi_setup(per_cpu, &m->all);
	unsigned int n = m->nr_cpus, cpu;

	for_each_cpu(cpu, &m->cpus) {
		unsigned long before = e2e_ipi_count(ipi, cpu);

		e2e_ipi_disable(ipi, cpumask_of(cpu));
		/* three sends, from the main thread and from CPUs */
		assert_int_equal(e2e_send_single(ipi, E2E_FROM_MAIN, 0, cpu), 0);
		assert_int_equal(e2e_send_mask(ipi, (cpu + 1) % n, 0, cpumask_of(cpu)), 0);
		assert_int_equal(e2e_send_single(ipi, cpu, 0, cpu), 0);
		/*
		 * The probe is sent after them and is handled on this CPU:
		 * had the disabled IPI been delivered, it would have run.
		 */
		e2e_deliver_single(probe, E2E_FROM_MAIN, cpu);
		e2e_deliver_single(probe, cpu, cpu);
		assert_int_equal(e2e_ipi_count(ipi, cpu), before);
		/* the other targets still get it */
		if (n > 1)
			e2e_deliver_single(ipi, cpu, (cpu + 1) % n);
		e2e_deliver_single(ipi, cpu, m->rm);

		/* enabling delivers the latched IPI, once */
		e2e_ipi_enable(ipi, cpumask_of(cpu));
		ipi->expected[cpu]++;
		e2e_wait_until(e2e_ipi_count(ipi, cpu) == before + 1,
			       "CPU %u: the pending IPI did not arrive on enable (%lu runs)\n", cpu,
			       e2e_ipi_count(ipi, cpu) - before);
		e2e_deliver_single(probe, E2E_FROM_MAIN, cpu);
		assert_int_equal(e2e_ipi_count(ipi, cpu), before + 1);
		/* and it works as before */
		e2e_deliver_single(ipi, E2E_FROM_MAIN, cpu);
	}
	e2e_check_counts(ipi);
	e2e_check_counts(probe);
}

void e2e_scenario_send_all_with_some_disabled(struct e2e_machine *m, bool per_cpu)
{
	struct e2e_ipi *ipi = e2e_ipi_setup(per_cpu, &m->all);
	struct e2e_ipi *probe = e2e_ipi_setup(per_cpu, &m->all);
	struct cpumask odd, others;
	unsigned int cpu;

	/* with one CPU, "odd" is CPU 0 */
	cpumask_clear(&odd);
	for (cpu = m->nr_cpus > 1 ? 1 : 0; cpu < m->nr_cpus; cpu += 2)
		cpumask_set_cpu(cpu, &odd);
	cpumask_andnot(&others, &m->all, &odd);

	e2e_ipi_disable(ipi, &odd);
	for (unsigned int round = 0; round < 3; round++) {
		assert_int_equal(e2e_send_all(ipi, E2E_FROM_MAIN, 0), 0);
		/* the enabled ones and the remote processor get each one */
		for_each_cpu(cpu, &others) {
			if (cpu < m->nr_cpus) {
				ipi->expected[cpu]++;
				e2e_wait_until(e2e_ipi_count(ipi, cpu) == ipi->expected[cpu],
					       "CPU %u did not get send_all %u\n", cpu, round);
			} else {
				e2e_wait_remote(cpu, e2e_ipi_line(ipi, cpu),
						++m->remote_expected[cpu - m->nr_cpus]
								    [e2e_ipi_line(ipi, cpu)]);
			}
		}
	}
	/* the disabled ones took interrupts after the sends, but not this one */
	e2e_deliver_all(probe, E2E_FROM_MAIN);
	e2e_check_counts(ipi);

	/* each gets the three as one as soon as it enables */
	e2e_ipi_enable(ipi, &odd);
	for_each_cpu(cpu, &odd) {
		ipi->expected[cpu]++;
		e2e_wait_until(e2e_ipi_count(ipi, cpu) == ipi->expected[cpu],
			       "CPU %u: the pending IPI did not arrive on enable\n", cpu);
	}
	e2e_deliver_all(probe, E2E_FROM_MAIN);
	e2e_deliver_all(ipi, E2E_FROM_MAIN);
	e2e_check_counts(ipi);
	e2e_check_counts(probe);
}

struct e2e_self_req {
	struct e2e_ipi *ipi;
	int send_ret;
	unsigned long before, while_masked, after_poll_masked, after_unmask;
	unsigned long while_disabled, after_enable;
};

/*
 * On one CPU, deterministically: a self-IPI is not taken while interrupts
 * are masked (local_irq_save()) or while the IPI is disabled, and is taken
 * at the first interrupt point after both allow it.
 */
static void e2e_self_ipi_on_cpu(void *arg)
{
	struct e2e_self_req *req = arg;
	struct e2e_ipi *ipi = req->ipi;
	unsigned int cpu = smp_processor_id();
	unsigned int virq = e2e_ipi_virq(ipi, cpu);
	unsigned long flags;

	req->before = e2e_ipi_count(ipi, cpu);

	/* 1. masked interrupts */
	local_irq_save(flags);
	__atomic_fetch_add(&ipi->sent[cpu], 1, __ATOMIC_RELEASE);
	req->send_ret = ipi_send_single(virq, cpu);
	req->while_masked = e2e_ipi_count(ipi, cpu);
	hosted_irq_poll(); /* does nothing with interrupts masked */
	req->after_poll_masked = e2e_ipi_count(ipi, cpu);
	local_irq_restore(flags); /* an interrupt point */
	req->after_unmask = e2e_ipi_count(ipi, cpu);

	/* 2. the IPI disabled on this CPU */
	disable_percpu_irq(virq);
	__atomic_fetch_add(&ipi->sent[cpu], 1, __ATOMIC_RELEASE);
	req->send_ret |= ipi_send_single(virq, cpu);
	hosted_irq_poll();
	req->while_disabled = e2e_ipi_count(ipi, cpu);
	enable_percpu_irq(virq, IRQ_TYPE_NONE);
	hosted_irq_poll();
	req->after_enable = e2e_ipi_count(ipi, cpu);
}

void e2e_scenario_self_ipi_waits_for_unmask(struct e2e_machine *m, bool per_cpu)
{
	struct e2e_ipi *ipi = e2e_ipi_setup(per_cpu, &m->all);
	unsigned int cpu;

	for_each_cpu(cpu, &m->cpus) {
		struct e2e_self_req req = { .ipi = ipi };

		e2e_on_cpu(cpu, e2e_self_ipi_on_cpu, &req);
		assert_int_equal(req.send_ret, 0);
		assert_int_equal(req.while_masked, req.before);
		assert_int_equal(req.after_poll_masked, req.before);
		assert_int_equal(req.after_unmask, req.before + 1);
		assert_int_equal(req.while_disabled, req.before + 1);
		assert_int_equal(req.after_enable, req.before + 2);
		ipi->expected[cpu] += 2;
	}
	e2e_check_counts(ipi);
}

/* A second handler with its own per-CPU dev_id. */
struct e2e_other {
	unsigned int owner;
	unsigned long count;
};

static irqreturn_t e2e_other_handler(int irq, void *dev_id)
{
	struct e2e_other *o = dev_id;

	(void)irq;
	/* a wrong instance shows up as a count on the wrong CPU's instance */
	if (o->owner == smp_processor_id())
		__atomic_fetch_add(&o->count, 1, __ATOMIC_RELEASE);
	return IRQ_HANDLED;
}

struct e2e_other_enable_req {
	struct e2e_ipi *ipi;
	bool enable;
};

static void e2e_other_enable_on_cpu(void *arg)
{
	struct e2e_other_enable_req *req = arg;
	unsigned int virq = e2e_ipi_virq(req->ipi, smp_processor_id());

	if (req->enable)
		enable_percpu_irq(virq, IRQ_TYPE_NONE);
	else
		disable_percpu_irq(virq);
}

void e2e_scenario_free_and_request_again(struct e2e_machine *m, bool per_cpu)
{
	struct e2e_ipi *ipi = e2e_ipi_setup(per_cpu, &m->all);
	struct e2e_other_enable_req req = { .ipi = ipi };
	struct e2e_other *other;
	unsigned int cpu;

	e2e_deliver_all(ipi, E2E_FROM_MAIN);
	e2e_ipi_free_handlers(ipi);
	/* sent with no handler and disabled everywhere: only the remote takes it */
	assert_int_equal(e2e_send_all(ipi, E2E_FROM_MAIN, 0), 0);
	e2e_wait_remote(m->rm, e2e_ipi_line(ipi, m->rm),
			++m->remote_expected[0][e2e_ipi_line(ipi, m->rm)]);

	/* the virqs are free to request again: another handler, another dev_id */
	other = alloc_percpu(struct e2e_other);
	assert_non_null(other);
	for_each_cpu(cpu, &m->cpus)
		per_cpu_ptr(other, cpu)->owner = cpu;
	if (per_cpu) {
		for_each_cpu(cpu, &m->cpus)
			assert_int_equal(request_percpu_irq(e2e_ipi_virq(ipi, cpu),
							    e2e_other_handler, "other", other),
					 0);
	} else {
		assert_int_equal(request_percpu_irq(ipi->virq, e2e_other_handler, "other", other),
				 0);
		assert_int_equal(request_percpu_irq(ipi->virq, e2e_other_handler, "other", other),
				 -EBUSY);
	}
	/* the send while nothing was enabled was kept: it reaches the new handler */
	req.enable = true;
	for_each_cpu(cpu, &m->cpus) {
		e2e_on_cpu(cpu, e2e_other_enable_on_cpu, &req);
		e2e_wait_until(e2e_load(&per_cpu_ptr(other, cpu)->count) == 1,
			       "CPU %u: the new handler did not get the pending IPI\n", cpu);
		ipi->foreign[cpu]++;
	}
	/* the old handler saw none of it */
	e2e_check_counts(ipi);

	req.enable = false;
	for_each_cpu(cpu, &m->cpus)
		e2e_on_cpu(cpu, e2e_other_enable_on_cpu, &req);
	if (per_cpu) {
		for_each_cpu(cpu, &m->cpus)
			free_percpu_irq(e2e_ipi_virq(ipi, cpu), other);
	} else {
		free_percpu_irq(ipi->virq, other);
	}
	for_each_cpu(cpu, &m->cpus)
		assert_int_equal(e2e_load(&per_cpu_ptr(other, cpu)->count), 1);
	free_percpu(other);

	/* back to the first handler */
	e2e_ipi_request(ipi);
	e2e_ipi_enable(ipi, &m->cpus);
	e2e_deliver_all(ipi, E2E_FROM_MAIN);
	e2e_deliver_all(ipi, 0);
	e2e_check_counts(ipi);
}

/*
 * An IPI latched for a reservation that is then destroyed must not reach
 * the next reservation that gets the same hwirq: releasing a hwirq clears
 * what is pending on it.
 */
void e2e_scenario_destroyed_ipi_does_not_leak(struct e2e_machine *m, bool per_cpu)
{
	struct e2e_ipi *probe = e2e_ipi_setup(per_cpu, &m->all);
	struct e2e_ipi *old = e2e_ipi_setup(per_cpu, &m->all), *next;
	irq_hw_number_t old_hwirq = ipi_get_hwirq(old->virq, 0);
	unsigned int line = e2e_ipi_line(old, m->rm);

	/* latched everywhere, taken nowhere */
	e2e_ipi_disable(old, &m->cpus);
	assert_int_equal(e2e_send_all(old, E2E_FROM_MAIN, 0), 0);
	e2e_wait_remote(m->rm, line, ++m->remote_expected[0][line]);
	e2e_deliver_all(probe, E2E_FROM_MAIN);
	e2e_check_counts(old);
	e2e_ipi_release(old, &m->all);

	/* the controller hands the same hwirq out again */
	next = e2e_ipi_setup(per_cpu, &m->all);
	assert_true(ipi_get_hwirq(next->virq, 0) == old_hwirq);
	/* CPUs took interrupts since they enabled it: not the old IPI */
	e2e_deliver_all(probe, E2E_FROM_MAIN);
	e2e_check_counts(next);
	e2e_check_counts(old);
	e2e_deliver_all(next, E2E_FROM_MAIN);
	e2e_check_counts(next);
}
