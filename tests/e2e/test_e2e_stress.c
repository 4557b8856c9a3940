// SPDX-License-Identifier: BSD-2-Clause
/*
 * End-to-end stress: no IPI is lost while every CPU at once sends and
 * masks (disable_percpu_irq(), local_irq_save()), and sends keep arriving
 * while every CPU at once reserves, requests, frees and destroys IPIs of
 * its own and a thread outside the machine keeps sending.
 *
 * Without a count to wait for (sends merge), "not lost" is checked with
 * send sequence numbers: every CPU must run the handler after the last
 * send to it (see e2e.h).
 */
#define _POSIX_C_SOURCE 200809L

#include "e2e.h"

#include <genipi/errno.h>

#include <pthread.h>
#include <sched.h>
#include <stdio.h>

#define STRESS_MASK_ROUNDS 2000
#define STRESS_CHURN_ITERATIONS 200
/* -ENOSPC retries of a churning CPU before it gives up (the single
 * controller has 8 sets for up to 17 CPUs) */
#define STRESS_CHURN_RETRIES 1000000

/* The first failure a CPU thread saw, reported by the main thread. */
struct stress_failure {
	unsigned long count;
	char msg[160];
};

static void stress_fail(struct stress_failure *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void stress_fail(struct stress_failure *f, const char *fmt, ...)
{
	va_list ap;

	if (__atomic_fetch_add(&f->count, 1, __ATOMIC_ACQ_REL))
		return;
	va_start(ap, fmt);
	vsnprintf(f->msg, sizeof(f->msg), fmt, ap);
	va_end(ap);
}

static void stress_check(struct stress_failure *f)
{
	unsigned long count = __atomic_load_n(&f->count, __ATOMIC_ACQUIRE);

	if (count)
		fail_msg("%lu failure(s) on CPUs, first: %s", count, f->msg);
}

/* ---- sending while masking ------------------------------------------------ */

struct stress_mask_req {
	struct e2e_ipi *ipi;
	unsigned int virq;
	struct stress_failure failure;
};

/*
 * Every round: send to everyone, then one of four ways of not taking
 * interrupts for a while, each ending with them taken again.
 */
static void stress_mask_on_cpu(void *arg)
{
	struct stress_mask_req *req = arg;
	struct e2e_ipi *ipi = req->ipi;
	unsigned int cpu = smp_processor_id();
	unsigned int mine = e2e_ipi_virq(ipi, cpu);
	unsigned long flags;

	for (unsigned int r = 0; r < STRESS_MASK_ROUNDS; r++) {
		e2e_ipi_bump(ipi, &ipi->reserved);
		if (ipi_send_all(req->virq))
			stress_fail(&req->failure, "CPU %u: ipi_send_all failed", cpu);
		switch (r % 4) {
		case 0: /* disabled at the controller, with an interrupt point inside */
			disable_percpu_irq(mine);
			hosted_irq_poll();
			enable_percpu_irq(mine, IRQ_TYPE_NONE);
			break;
		case 1: /* interrupts masked, with an interrupt point inside */
			local_irq_save(flags);
			hosted_irq_poll();
			local_irq_restore(flags);
			break;
		case 2: /* a self-IPI sent while disabled */
			disable_percpu_irq(mine);
			e2e_ipi_bump(ipi, cpumask_of(cpu));
			if (ipi_send_single(req->virq, cpu))
				stress_fail(&req->failure, "CPU %u: ipi_send_single failed", cpu);
			enable_percpu_irq(mine, IRQ_TYPE_NONE);
			break;
		default:
			hosted_irq_poll();
			break;
		}
	}
}

static void stress_send_while_masking(struct e2e_machine *m, bool per_cpu)
{
	struct e2e_ipi *ipi = e2e_ipi_setup(per_cpu, &m->all);
	struct stress_mask_req req = { .ipi = ipi, .virq = e2e_ipi_send_virq(ipi) };
	unsigned int line = e2e_ipi_line(ipi, m->rm);
	unsigned long rm_before = hosted_remote_count(m->rm, line);

	assert_int_equal(hosted_run_on_cpus(&m->cpus, stress_mask_on_cpu, &req), 0);
	stress_check(&req.failure);
	e2e_wait_seen(ipi, &m->cpus);
	e2e_wait_remote(m->rm, line, rm_before + 1);
	e2e_ipi_quiesce(ipi);
	e2e_check_clean();
	e2e_check_kstat(ipi);
}

static void stress_send_while_masking_per_cpu(void **state)
{
	stress_send_while_masking(*state, true);
}

static void stress_send_while_masking_single(void **state)
{
	stress_send_while_masking(*state, false);
}

/* ---- reservation churn --------------------------------------------------- */

struct stress_churn_stat {
	unsigned int owner;
	unsigned int virq;
	unsigned long count;
};

static irqreturn_t stress_churn_handler(int irq, void *dev_id)
{
	struct stress_churn_stat *st = dev_id;

	/* checked by the CPU that owns it, right after its interrupt point */
	if (st->owner == smp_processor_id() && st->virq == (unsigned int)irq)
		__atomic_fetch_add(&st->count, 1, __ATOMIC_RELAXED);
	return IRQ_HANDLED;
}

struct stress_churn_req {
	struct irq_domain *domain;
	struct stress_failure failure;
	unsigned long reservations;
};

/* One reservation of this CPU's own, used and released; false on failure. */
static bool stress_churn_once(struct stress_churn_req *req, unsigned int cpu)
{
	struct stress_churn_stat *stat, *mine;
	unsigned int retries = 0;
	int virq, ret;

	for (;;) {
		virq = irq_reserve_ipi(req->domain, cpumask_of(cpu));
		if (virq != -ENOSPC)
			break;
		/* every set is taken by others: let them finish one */
		if (++retries == STRESS_CHURN_RETRIES) {
			stress_fail(&req->failure, "CPU %u: no free hwirq for too long", cpu);
			return false;
		}
		hosted_irq_poll();
		sched_yield();
	}
	if (virq <= 0) {
		stress_fail(&req->failure, "CPU %u: irq_reserve_ipi returned %d", cpu, virq);
		return false;
	}
	__atomic_fetch_add(&req->reservations, 1, __ATOMIC_RELAXED);
	stat = alloc_percpu(struct stress_churn_stat);
	if (!stat) {
		stress_fail(&req->failure, "CPU %u: alloc_percpu failed", cpu);
		irq_destroy_ipi((unsigned int)virq, cpumask_of(cpu));
		return false;
	}
	mine = per_cpu_ptr(stat, cpu);
	mine->owner = cpu;
	mine->virq = (unsigned int)virq;

	ret = request_percpu_irq((unsigned int)virq, stress_churn_handler, "churn", stat);
	if (ret) {
		stress_fail(&req->failure, "CPU %u: request_percpu_irq(%d) returned %d", cpu, virq,
			    ret);
		goto out_destroy;
	}
	enable_percpu_irq((unsigned int)virq, IRQ_TYPE_NONE);
	/* a self-IPI is taken at the next interrupt point, deterministically */
	ret = ipi_send_single((unsigned int)virq, cpu);
	hosted_irq_poll();
	if (ret || __atomic_load_n(&mine->count, __ATOMIC_RELAXED) != 1)
		stress_fail(&req->failure, "CPU %u: send_single to virq %d: %d, %lu runs", cpu,
			    virq, ret, mine->count);
	ret = ipi_send_all((unsigned int)virq);
	hosted_irq_poll();
	if (ret || __atomic_load_n(&mine->count, __ATOMIC_RELAXED) != 2)
		stress_fail(&req->failure, "CPU %u: send_all to virq %d: %d, %lu runs", cpu, virq,
			    ret, mine->count);
	if (kstat_irqs_cpu((unsigned int)virq, cpu) != 2)
		stress_fail(&req->failure, "CPU %u: kstat of virq %d is %u", cpu, virq,
			    kstat_irqs_cpu((unsigned int)virq, cpu));
	disable_percpu_irq((unsigned int)virq);
	free_percpu_irq((unsigned int)virq, stat);
out_destroy:
	ret = irq_destroy_ipi((unsigned int)virq, cpumask_of(cpu));
	if (ret)
		stress_fail(&req->failure, "CPU %u: irq_destroy_ipi(%d) returned %d", cpu, virq,
			    ret);
	free_percpu(stat);
	return !ret;
}

static void stress_churn_on_cpu(void *arg)
{
	struct stress_churn_req *req = arg;
	unsigned int cpu = smp_processor_id();

	for (unsigned int i = 0; i < STRESS_CHURN_ITERATIONS; i++) {
		if (!stress_churn_once(req, cpu))
			return;
		hosted_irq_poll();
	}
}

/* A thread that is no CPU of the machine, sending until told to stop. */
struct stress_sender {
	struct e2e_ipi *ipi;
	unsigned int virq;
	bool stop;
	unsigned long sends;
	unsigned long failures;
};

static void *stress_sender_thread(void *arg)
{
	struct stress_sender *s = arg;

	while (!__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE)) {
		e2e_ipi_bump(s->ipi, &s->ipi->reserved);
		if (ipi_send_all(s->virq))
			s->failures++;
		s->sends++;
		sched_yield();
	}
	return NULL;
}

static void stress_churn_while_sending(struct e2e_machine *m, bool per_cpu)
{
	struct e2e_ipi *stable = e2e_ipi_setup(per_cpu, &m->all);
	struct stress_churn_req req = { .domain = e2e_domain(per_cpu) };
	struct stress_sender sender = { .ipi = stable, .virq = e2e_ipi_send_virq(stable) };
	unsigned int line = e2e_ipi_line(stable, m->rm);
	unsigned long rm_before = hosted_remote_count(m->rm, line);
	pthread_t thread;
	int ret;

	assert_int_equal(pthread_create(&thread, NULL, stress_sender_thread, &sender), 0);
	ret = hosted_run_on_cpus(&m->cpus, stress_churn_on_cpu, &req);
	__atomic_store_n(&sender.stop, true, __ATOMIC_RELEASE);
	assert_int_equal(pthread_join(thread, NULL), 0);
	assert_int_equal(ret, 0);
	stress_check(&req.failure);
	assert_int_equal(req.reservations, STRESS_CHURN_ITERATIONS * m->nr_cpus);
	assert_int_equal(sender.failures, 0);

	/* the stable IPI kept arriving through all of it */
	if (sender.sends) {
		e2e_wait_seen(stable, &m->cpus);
		e2e_wait_remote(m->rm, line, rm_before + 1);
	}
	e2e_ipi_quiesce(stable);
	e2e_check_clean();
	e2e_check_kstat(stable);
}

static void stress_churn_while_sending_per_cpu(void **state)
{
	stress_churn_while_sending(*state, true);
}

static void stress_churn_while_sending_single(void **state)
{
	stress_churn_while_sending(*state, false);
}

int main(int argc, char **argv)
{
	static const struct e2e_case cases[] = {
		{ "stress_send_while_masking_per_cpu", stress_send_while_masking_per_cpu },
		{ "stress_send_while_masking_single", stress_send_while_masking_single },
		{ "stress_churn_while_sending_per_cpu", stress_churn_while_sending_per_cpu },
		{ "stress_churn_while_sending_single", stress_churn_while_sending_single },
	};

	return e2e_run("e2e_stress", cases, ARRAY_SIZE(cases), argc, argv);
}
