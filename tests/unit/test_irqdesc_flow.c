// SPDX-License-Identifier: BSD-2-Clause
/*
 * Descriptors and their accessors, status flags, flow handlers, chained
 * handlers, the chip helpers for hierarchies, the root handler and the
 * ordinary (not per-CPU) request_irq()/free_irq().
 */
#include "test-domains.h"

#include <genipi/port.h>

#include <stdio.h>
#include <string.h>

/* ---- a controller whose chip records its callbacks -------------------------- */

#define EVENTS_MAX 32

struct rec_ctrl {
	struct irq_chip chip;
	irq_flow_handler_t flow;
	bool percpu_devid;
	char events[EVENTS_MAX][16];
	unsigned int nr_events;
};

static void rec_event(struct irq_data *d, const char *what)
{
	struct rec_ctrl *c = irq_data_get_irq_chip_data(d);

	if (c->nr_events < EVENTS_MAX)
		snprintf(c->events[c->nr_events], sizeof(c->events[0]), "%s", what);
	c->nr_events++;
}

static void rec_mask(struct irq_data *d)
{
	rec_event(d, "mask");
}

static void rec_unmask(struct irq_data *d)
{
	rec_event(d, "unmask");
}

static void rec_ack(struct irq_data *d)
{
	rec_event(d, "ack");
}

static void rec_eoi(struct irq_data *d)
{
	rec_event(d, "eoi");
}

static int rec_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hwirq)
{
	struct rec_ctrl *c = d->host_data;

	if (c->percpu_devid)
		irq_set_percpu_devid(virq);
	irq_domain_set_info(d, virq, hwirq, &c->chip, c, c->flow, NULL, NULL);
	return 0;
}

static const struct irq_domain_ops rec_ops = { .map = rec_map };

/* A virq on a fresh controller with the given flow handler and chip callbacks. */
static unsigned int rec_virq(struct rec_ctrl *c, irq_flow_handler_t flow, bool percpu_devid,
			     bool with_eoi)
{
	struct irq_domain *d;
	unsigned int virq;

	memset(c, 0, sizeof(*c));
	c->chip.name = "rec";
	c->chip.irq_mask = rec_mask;
	c->chip.irq_unmask = rec_unmask;
	c->chip.irq_ack = rec_ack;
	if (with_eoi)
		c->chip.irq_eoi = rec_eoi;
	c->flow = flow;
	c->percpu_devid = percpu_devid;
	d = irq_domain_create_linear(NULL, 8, &rec_ops, c);
	assert_non_null(d);
	virq = irq_create_mapping(d, 1);
	assert_int_not_equal(virq, 0);
	return virq;
}

/* The recorded events joined with ',', handler runs included. */
static const char *rec_trace(struct rec_ctrl *c)
{
	static char buf[EVENTS_MAX * 16];

	buf[0] = '\0';
	for (unsigned int i = 0; i < c->nr_events && i < EVENTS_MAX; i++) {
		if (i)
			strcat(buf, ",");
		strcat(buf, c->events[i]);
	}
	return buf;
}

/* ---- handlers and running things on CPUs ------------------------------------ */

struct handler_log {
	unsigned int calls;
	int irq;
	void *dev_id;
	unsigned int cpu;
	struct rec_ctrl *trace; /* if set, the handler records itself there */
};

static struct handler_log hlog;

static irqreturn_t log_handler(int irq, void *dev_id)
{
	hlog.calls++;
	hlog.irq = irq;
	hlog.dev_id = dev_id;
	hlog.cpu = smp_processor_id();
	if (hlog.trace && hlog.trace->nr_events < EVENTS_MAX)
		snprintf(hlog.trace->events[hlog.trace->nr_events++], 16, "handler");
	return IRQ_HANDLED;
}

struct handle_on_cpu {
	unsigned int virq;
	int ret;
};

static void handle_fn(void *arg)
{
	struct handle_on_cpu *h = arg;
	unsigned long flags;

	/* as the port's interrupt entry would: interrupts masked */
	local_irq_save(flags);
	h->ret = generic_handle_irq(h->virq);
	local_irq_restore(flags);
}

static int handle_on(unsigned int cpu, unsigned int virq)
{
	struct handle_on_cpu h = { .virq = virq, .ret = 1 };

	test_on_cpu(cpu, handle_fn, &h);
	return h.ret;
}

/* ---- descriptors and accessors ----------------------------------------------- */

static void irq_to_desc_of_unallocated_or_out_of_range_is_null(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, false, false);

	(void)state;
	assert_null(irq_to_desc(0));
	assert_null(irq_to_desc(NR_IRQS));
	assert_null(irq_to_desc(~0U));
	assert_null(irq_to_desc(NR_IRQS - 1));
	assert_non_null(irq_to_desc(virq));
	assert_null(irq_get_irq_data(0));
	assert_null(irq_get_irq_data(NR_IRQS));
	assert_null(irq_get_chip_data(0));
	assert_int_equal(irq_get_status_flags(0), 0);
	assert_int_equal(irq_get_status_flags(NR_IRQS), 0);
}

static void accessors_of_null_are_safe(void **state)
{
	(void)state;
	assert_null(irq_desc_get_irq_data(NULL));
	assert_null(irq_desc_get_chip(NULL));
	assert_null(irq_desc_get_handler_data(NULL));
	assert_null(irq_data_get_irq_chip(NULL));
	assert_null(irq_data_get_irq_chip_data(NULL));
	assert_true(irqd_to_hwirq(NULL) == INVALID_HWIRQ);
	assert_null(irq_data_get_affinity_mask(NULL));
}

static void accessors_read_the_descriptor(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, false, false);
	struct irq_desc *desc = irq_to_desc(virq);
	struct irq_data *d = irq_get_irq_data(virq);

	(void)state;
	assert_ptr_equal(irq_desc_get_irq_data(desc), d);
	assert_int_equal(d->irq, virq);
	assert_ptr_equal(irq_desc_get_chip(desc), &c.chip);
	assert_ptr_equal(irq_data_get_irq_chip(d), &c.chip);
	assert_ptr_equal(irq_data_get_irq_chip_data(d), &c);
	assert_ptr_equal(irq_get_chip_data(virq), &c);
	assert_true(irqd_to_hwirq(d) == 1);
	assert_non_null(irq_data_get_affinity_mask(d));
	assert_true(cpumask_empty(irq_data_get_affinity_mask(d)));
	assert_null(irq_desc_get_handler_data(desc));
}

static void set_chip_and_handler_data_are_read_back(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, false, false);
	int a, b;

	(void)state;
	assert_int_equal(irq_set_chip_data(virq, &a), 0);
	assert_int_equal(irq_set_handler_data(virq, &b), 0);
	assert_ptr_equal(irq_get_chip_data(virq), &a);
	assert_ptr_equal(irq_desc_get_handler_data(irq_to_desc(virq)), &b);
	assert_no_warning();
}

static void set_chip_data_rejects_unknown_virq(void **state)
{
	int a;

	(void)state;
	assert_int_equal(irq_set_chip_data(0, &a), -EINVAL);
	assert_int_equal(irq_set_chip_data(NR_IRQS - 1, &a), -EINVAL);
	assert_warned_once();
}

static void set_handler_data_rejects_unknown_virq(void **state)
{
	int a;

	(void)state;
	assert_int_equal(irq_set_handler_data(0, &a), -EINVAL);
	assert_int_equal(irq_set_handler_data(~0U, &a), -EINVAL);
	assert_warned_once();
}

static void status_flags_are_set_and_cleared(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, false, false);

	(void)state;
	assert_int_equal(irq_get_status_flags(virq), 0);
	irq_set_status_flags(virq, IRQ_NOREQUEST | IRQ_NO_BALANCING);
	assert_int_equal(irq_get_status_flags(virq), IRQ_NOREQUEST | IRQ_NO_BALANCING);
	irq_clear_status_flags(virq, IRQ_NOREQUEST);
	assert_int_equal(irq_get_status_flags(virq), IRQ_NO_BALANCING);
	assert_no_warning();
}

static void set_percpu_devid_marks_per_cpu_and_unbalanced(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, false, false);

	(void)state;
	irq_set_percpu_devid(virq);
	assert_true(irq_get_status_flags(virq) & IRQ_PER_CPU_DEVID);
	assert_true(irq_get_status_flags(virq) & IRQ_NO_BALANCING);
}

static void status_flags_reject_unknown_virq(void **state)
{
	(void)state;
	irq_set_status_flags(NR_IRQS - 1, IRQ_NOREQUEST);
	assert_warned_once();
	irq_clear_status_flags(0, IRQ_NOREQUEST);
	assert_warned_once();
	assert_int_equal(irq_get_status_flags(NR_IRQS - 1), 0);
}

static void set_percpu_devid_rejects_unknown_virq(void **state)
{
	(void)state;
	irq_set_percpu_devid(0);
	assert_warned_once();
}

/* ---- kstat -------------------------------------------------------------------- */

static void kstat_counts_per_cpu(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_devid_irq, true, false);
	void *dev = __alloc_percpu(8, 8);

	(void)state;
	assert_int_equal(request_percpu_irq(virq, log_handler, "log", dev), 0);
	assert_int_equal(handle_on(1, virq), 0);
	assert_int_equal(handle_on(1, virq), 0);
	assert_int_equal(handle_on(2, virq), 0);
	assert_int_equal(kstat_irqs_cpu(virq, 0), 0);
	assert_int_equal(kstat_irqs_cpu(virq, 1), 2);
	assert_int_equal(kstat_irqs_cpu(virq, 2), 1);
	assert_int_equal(kstat_irqs_cpu(virq, 3), 0);
	free_percpu_irq(virq, dev);
	free_percpu(dev);
}

static void kstat_of_bad_virq_or_cpu_is_zero(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, false, false);

	(void)state;
	assert_int_equal(handle_on(0, virq), 0);
	assert_int_equal(kstat_irqs_cpu(virq, 0), 1);
	assert_int_equal(kstat_irqs_cpu(0, 0), 0);
	assert_int_equal(kstat_irqs_cpu(NR_IRQS - 1, 0), 0);
	assert_int_equal(kstat_irqs_cpu(~0U, 0), 0);
	assert_int_equal(kstat_irqs_cpu(virq, TEST_MACHINE_NR_CPUS), 0);
	assert_int_equal(kstat_irqs_cpu(virq, ~0U), 0);
}

static void kstat_of_new_descriptor_is_zero(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, false, false);

	(void)state;
	/* a descriptor that reuses a freed virq starts from zero */
	assert_int_equal(handle_on(0, virq), 0);
	irq_dispose_mapping(virq);
	virq = rec_virq(&c, handle_percpu_irq, false, false);
	for (unsigned int cpu = 0; cpu < TEST_MACHINE_NR_CPUS; cpu++)
		assert_int_equal(kstat_irqs_cpu(virq, cpu), 0);
}

/* ---- generic_handle_irq and the flow handlers -------------------------------------- */

static void generic_handle_irq_rejects_unknown_virq(void **state)
{
	(void)state;
	assert_int_equal(handle_on(0, 0), -EINVAL);
	assert_int_equal(handle_on(0, NR_IRQS - 1), -EINVAL);
	assert_int_equal(handle_on(0, NR_IRQS), -EINVAL);
	assert_int_equal(handle_on(0, ~0U), -EINVAL);
}

static int nohandler_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hwirq)
{
	(void)d;
	(void)virq;
	(void)hwirq;
	return 0;
}

static const struct irq_domain_ops nohandler_ops = { .map = nohandler_map };

static void unset_descriptor_reports_bad_irq(void **state)
{
	struct irq_domain *d = irq_domain_create_linear(NULL, 4, &nohandler_ops, NULL);
	unsigned int virq = irq_create_mapping(d, 2);

	(void)state;
	assert_int_equal(handle_on(3, virq), 0);
	assert_int_equal(handle_on(3, virq), 0);
	assert_warned_once();
	assert_int_equal(kstat_irqs_cpu(virq, 3), 2);
}

static void percpu_devid_flow_acks_runs_cpu_instance_and_eois(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_devid_irq, true, true);
	int *dev = alloc_percpu(int);

	(void)state;
	assert_int_equal(request_percpu_irq(virq, log_handler, "log", dev), 0);
	for (unsigned int cpu = 0; cpu < TEST_MACHINE_NR_CPUS; cpu++) {
		memset(&hlog, 0, sizeof(hlog));
		hlog.trace = &c;
		c.nr_events = 0;
		assert_int_equal(handle_on(cpu, virq), 0);
		assert_int_equal(hlog.calls, 1);
		assert_int_equal(hlog.irq, (int)virq);
		assert_int_equal(hlog.cpu, cpu);
		assert_ptr_equal(hlog.dev_id, per_cpu_ptr(dev, cpu));
		assert_string_equal(rec_trace(&c), "ack,handler,eoi");
	}
	hlog.trace = NULL;
	free_percpu_irq(virq, dev);
	free_percpu(dev);
	assert_no_warning();
}

static void percpu_devid_flow_without_handler_warns_and_completes(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_devid_irq, true, true);

	(void)state;
	assert_int_equal(handle_on(2, virq), 0);
	assert_int_equal(handle_on(2, virq), 0);
	assert_warned_once();
	/* the interrupt is still acknowledged and ended, or the line would hang */
	assert_string_equal(rec_trace(&c), "ack,eoi,ack,eoi");
	assert_int_equal(kstat_irqs_cpu(virq, 2), 2);
}

static void percpu_flow_runs_shared_dev_id(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, false, true);
	int cookie;

	(void)state;
	assert_int_equal(request_irq(virq, log_handler, 0, "log", &cookie), 0);
	for (unsigned int cpu = 0; cpu < TEST_MACHINE_NR_CPUS; cpu++) {
		memset(&hlog, 0, sizeof(hlog));
		hlog.trace = &c;
		c.nr_events = 0;
		assert_int_equal(handle_on(cpu, virq), 0);
		assert_int_equal(hlog.calls, 1);
		assert_ptr_equal(hlog.dev_id, &cookie);
		assert_int_equal(hlog.cpu, cpu);
		assert_string_equal(rec_trace(&c), "ack,handler,eoi");
	}
	hlog.trace = NULL;
	assert_no_warning();
}

static void percpu_flow_without_handler_is_counted(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, false, true);

	(void)state;
	assert_int_equal(handle_on(1, virq), 0);
	assert_string_equal(rec_trace(&c), "ack,eoi");
	assert_int_equal(kstat_irqs_cpu(virq, 1), 1);
}

/* ---- chained handlers --------------------------------------------------------- */

struct cascade {
	struct irq_domain *child;
	irq_hw_number_t pending;
	struct rec_ctrl *parent_trace;
};

static void cascade_flow(struct irq_desc *desc)
{
	struct cascade *cas = irq_desc_get_handler_data(desc);
	struct irq_chip *chip = irq_desc_get_chip(desc);

	chained_irq_enter(chip, desc);
	snprintf(cas->parent_trace->events[cas->parent_trace->nr_events++], 16, "demux");
	generic_handle_domain_irq(cas->child, cas->pending);
	chained_irq_exit(chip, desc);
}

struct chained_row {
	bool parent_eoi;
	const char *trace;
};

static void chained_handler_demuxes_to_child(void **state)
{
	const struct chained_row *row = *state;
	struct rec_ctrl parent, child;
	unsigned int pvirq = rec_virq(&parent, handle_percpu_irq, false, row->parent_eoi);
	unsigned int cvirq = rec_virq(&child, handle_percpu_irq, false, false);
	struct cascade cas = { .child = irq_get_irq_data(cvirq)->domain,
			       .pending = 1,
			       .parent_trace = &parent };
	int cookie;

	assert_int_equal(request_irq(cvirq, log_handler, 0, "child", &cookie), 0);
	irq_set_chained_handler_and_data(pvirq, cascade_flow, &cas);
	assert_ptr_equal(irq_desc_get_handler_data(irq_to_desc(pvirq)), &cas);
	memset(&hlog, 0, sizeof(hlog));
	hlog.trace = &parent;
	assert_int_equal(handle_on(1, pvirq), 0);
	hlog.trace = NULL;
	assert_int_equal(hlog.calls, 1);
	assert_ptr_equal(hlog.dev_id, &cookie);
	assert_string_equal(rec_trace(&parent), row->trace);
	assert_int_equal(kstat_irqs_cpu(cvirq, 1), 1);
	assert_no_warning();
}

/* an EOI chip ends the interrupt at exit; otherwise mask+ack, then unmask */
static struct chained_row chained_eoi = { true, "demux,handler,eoi" };
static struct chained_row chained_mask_ack = { false, "mask,ack,demux,handler,unmask" };

static void chained_handler_makes_virq_non_requestable(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, false, false);
	struct cascade cas = { 0 };
	int cookie;

	(void)state;
	irq_set_chained_handler_and_data(virq, cascade_flow, &cas);
	assert_true(irq_get_status_flags(virq) & IRQ_NOREQUEST);
	assert_int_equal(request_irq(virq, log_handler, 0, "x", &cookie), -EINVAL);
}

static void chained_handler_rejects_bad_virq_or_null_handler(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, false, false);
	struct cascade cas = { 0 };
	int cookie;

	(void)state;
	irq_set_chained_handler_and_data(virq, NULL, &cas);
	irq_set_chained_handler_and_data(0, cascade_flow, &cas);
	irq_set_chained_handler_and_data(NR_IRQS - 1, cascade_flow, &cas);
	assert_warned_once();
	assert_false(irq_get_status_flags(virq) & IRQ_NOREQUEST);
	assert_null(irq_desc_get_handler_data(irq_to_desc(virq)));
	assert_int_equal(request_irq(virq, log_handler, 0, "x", &cookie), 0);
}

static void chained_irq_enter_and_exit_ignore_null(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, false, true);

	(void)state;
	chained_irq_enter(NULL, irq_to_desc(virq));
	chained_irq_exit(NULL, irq_to_desc(virq));
	chained_irq_enter(&c.chip, NULL);
	chained_irq_exit(&c.chip, NULL);
	assert_int_equal(c.nr_events, 0);
}

/* ---- chip helpers for hierarchies --------------------------------------------- */

static struct rec_ctrl parent_rec;

static int parent_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr, void *arg)
{
	(void)arg;
	for (unsigned int i = 0; i < nr; i++)
		irq_domain_set_hwirq_and_chip(d, virq + i, 50 + i, &parent_rec.chip, &parent_rec);
	return 0;
}

static const struct irq_chip forwarding_chip = {
	.name = "fwd",
	.irq_mask = irq_chip_mask_parent,
	.irq_unmask = irq_chip_unmask_parent,
	.irq_ack = irq_chip_ack_parent,
	.irq_eoi = irq_chip_eoi_parent,
};

static int child_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr, void *arg)
{
	int ret = irq_domain_alloc_irqs_parent(d, virq, nr, arg);

	if (ret)
		return ret;
	for (unsigned int i = 0; i < nr; i++)
		irq_domain_set_hwirq_and_chip(d, virq + i, i, &forwarding_chip, NULL);
	return 0;
}

static const struct irq_domain_ops parent_ops = { .alloc = parent_alloc };
static const struct irq_domain_ops child_ops = { .alloc = child_alloc };

static void chip_parent_helpers_forward_to_parent_level(void **state)
{
	struct irq_domain *p, *ch;
	struct irq_data *d;
	int virq;

	(void)state;
	memset(&parent_rec, 0, sizeof(parent_rec));
	parent_rec.chip = (struct irq_chip){ .name = "parent",
					     .irq_mask = rec_mask,
					     .irq_unmask = rec_unmask,
					     .irq_ack = rec_ack,
					     .irq_eoi = rec_eoi };
	p = irq_domain_create_linear(NULL, 64, &parent_ops, NULL);
	ch = irq_domain_create_hierarchy(p, 0, 8, NULL, &child_ops, NULL);
	virq = irq_domain_alloc_irqs(ch, 1, NUMA_NO_NODE, NULL);
	assert_true(virq > 0);
	d = irq_get_irq_data((unsigned int)virq);
	d->chip->irq_mask(d);
	d->chip->irq_unmask(d);
	d->chip->irq_ack(d);
	d->chip->irq_eoi(d);
	assert_string_equal(rec_trace(&parent_rec), "mask,unmask,ack,eoi");
	/* at the root there is no parent: nothing happens */
	parent_rec.nr_events = 0;
	irq_chip_mask_parent(d->parent_data);
	irq_chip_unmask_parent(d->parent_data);
	irq_chip_ack_parent(d->parent_data);
	irq_chip_eoi_parent(d->parent_data);
	irq_chip_mask_parent(NULL);
	irq_chip_unmask_parent(NULL);
	irq_chip_ack_parent(NULL);
	irq_chip_eoi_parent(NULL);
	assert_int_equal(parent_rec.nr_events, 0);
}

/* ---- set_handle_irq ------------------------------------------------------------- */

static unsigned int root_a_calls, root_b_calls;

static void root_a(void)
{
	root_a_calls++;
}

static void root_b(void)
{
	root_b_calls++;
}

static void set_handle_irq_installs_root_handler(void **state)
{
	(void)state;
	test_log_install();
	assert_int_equal(generic_handle_arch_irq(), -ENODEV);
	assert_int_equal(set_handle_irq(root_a), 0);
	assert_int_equal(generic_handle_arch_irq(), 0);
	assert_int_equal(root_a_calls, 1);
	assert_no_warning();
}

static void set_handle_irq_fails_with_ebusy_when_installed(void **state)
{
	(void)state;
	test_log_install();
	assert_int_equal(set_handle_irq(root_a), 0);
	assert_int_equal(set_handle_irq(root_b), -EBUSY);
	assert_int_equal(set_handle_irq(root_a), -EBUSY);
	assert_int_equal(generic_handle_arch_irq(), 0);
	assert_int_equal(root_a_calls, 1);
	assert_int_equal(root_b_calls, 0);
}

static void set_handle_irq_fails_with_ebusy_on_booted_machine(void **state)
{
	(void)state;
	/* the machine's root controller (hosted,cpu-intc) installed its handler */
	assert_int_equal(set_handle_irq(root_b), -EBUSY);
}

static void set_handle_irq_rejects_null(void **state)
{
	(void)state;
	test_log_install();
	assert_int_equal(set_handle_irq(NULL), -EINVAL);
	assert_warned_once();
	assert_int_equal(generic_handle_arch_irq(), -ENODEV);
	assert_int_equal(set_handle_irq(root_a), 0);
}

/* ---- request_irq / free_irq ------------------------------------------------------- */

static void request_irq_attaches_handler(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, false, false);
	int cookie;

	(void)state;
	assert_int_equal(request_irq(virq, log_handler, 0, "log", &cookie), 0);
	memset(&hlog, 0, sizeof(hlog));
	assert_int_equal(handle_on(0, virq), 0);
	assert_int_equal(hlog.calls, 1);
	assert_int_equal(hlog.irq, (int)virq);
	assert_ptr_equal(hlog.dev_id, &cookie);
	assert_no_warning();
}

static void request_irq_accepts_null_dev_id(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, false, false);

	(void)state;
	assert_int_equal(request_irq(virq, log_handler, 0, "log", NULL), 0);
	free_irq(virq, NULL);
	assert_no_warning();
}

static void request_irq_twice_fails_with_ebusy(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, false, false);
	int a, b;
	long allocs;

	(void)state;
	assert_int_equal(request_irq(virq, log_handler, 0, "a", &a), 0);
	allocs = hosted_alloc_live();
	assert_int_equal(request_irq(virq, log_handler, 0, "b", &b), -EBUSY);
	assert_int_equal(hosted_alloc_live(), allocs);
	memset(&hlog, 0, sizeof(hlog));
	handle_on(0, virq);
	assert_ptr_equal(hlog.dev_id, &a);
}

enum request_bad_kind {
	REQ_NULL_HANDLER,
	REQ_VIRQ_ZERO,
	REQ_UNKNOWN_VIRQ,
	REQ_PERCPU_VIRQ,
	REQ_NOREQUEST_VIRQ,
};

struct request_bad_row {
	enum request_bad_kind kind;
};

static void request_irq_rejects(void **state)
{
	const struct request_bad_row *row = *state;
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, row->kind == REQ_PERCPU_VIRQ, false);
	unsigned int target = virq;
	irq_handler_t handler = log_handler;
	long allocs;
	int cookie;

	switch (row->kind) {
	case REQ_NULL_HANDLER:
		handler = NULL;
		break;
	case REQ_VIRQ_ZERO:
		target = 0;
		break;
	case REQ_UNKNOWN_VIRQ:
		target = NR_IRQS - 1;
		break;
	case REQ_PERCPU_VIRQ:
		break;
	case REQ_NOREQUEST_VIRQ:
		irq_set_status_flags(virq, IRQ_NOREQUEST);
		break;
	}
	allocs = hosted_alloc_live();
	test_log_reset();
	assert_int_equal(request_irq(target, handler, 0, "x", &cookie), -EINVAL);
	assert_warned_once();
	assert_int_equal(hosted_alloc_live(), allocs);
	memset(&hlog, 0, sizeof(hlog));
	if (row->kind != REQ_PERCPU_VIRQ) {
		handle_on(0, virq);
		assert_int_equal(hlog.calls, 0);
	}
}

static struct request_bad_row rbad_null = { REQ_NULL_HANDLER };
static struct request_bad_row rbad_zero = { REQ_VIRQ_ZERO };
static struct request_bad_row rbad_unknown = { REQ_UNKNOWN_VIRQ };
static struct request_bad_row rbad_percpu = { REQ_PERCPU_VIRQ };
static struct request_bad_row rbad_norequest = { REQ_NOREQUEST_VIRQ };

static void request_irq_enomem_leaves_nothing(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, false, false);
	long allocs = hosted_alloc_live();
	int cookie;

	(void)state;
	hosted_alloc_fail_nth(0);
	assert_int_equal(request_irq(virq, log_handler, 0, "x", &cookie), -ENOMEM);
	hosted_alloc_fail_nth(-1);
	assert_int_equal(hosted_alloc_live(), allocs);
	assert_int_equal(request_irq(virq, log_handler, 0, "x", &cookie), 0);
}

static void free_irq_detaches_handler(void **state)
{
	struct rec_ctrl c;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, false, false);
	long allocs = hosted_alloc_live();
	int a, b;

	(void)state;
	assert_int_equal(request_irq(virq, log_handler, 0, "a", &a), 0);
	free_irq(virq, &a);
	assert_int_equal(hosted_alloc_live(), allocs);
	memset(&hlog, 0, sizeof(hlog));
	handle_on(0, virq);
	assert_int_equal(hlog.calls, 0);
	assert_int_equal(request_irq(virq, log_handler, 0, "b", &b), 0);
	assert_no_warning();
}

enum free_bad_kind {
	FREE_WRONG_DEV_ID,
	FREE_NOT_REQUESTED,
	FREE_TWICE,
	FREE_VIRQ_ZERO,
	FREE_PERCPU_VIRQ
};

struct free_bad_row {
	enum free_bad_kind kind;
};

static void free_irq_rejects(void **state)
{
	const struct free_bad_row *row = *state;
	struct rec_ctrl c, pc;
	unsigned int virq = rec_virq(&c, handle_percpu_irq, false, false), target = virq;
	int a, b;
	void *dev = &a;

	if (row->kind != FREE_NOT_REQUESTED)
		assert_int_equal(request_irq(virq, log_handler, 0, "a", &a), 0);
	switch (row->kind) {
	case FREE_WRONG_DEV_ID:
		dev = &b;
		break;
	case FREE_NOT_REQUESTED:
		break;
	case FREE_TWICE:
		free_irq(virq, &a);
		assert_no_warning();
		break;
	case FREE_VIRQ_ZERO:
		target = 0;
		break;
	case FREE_PERCPU_VIRQ: {
		void *pdev = __alloc_percpu(8, 8);

		target = rec_virq(&pc, handle_percpu_devid_irq, true, false);
		assert_int_equal(request_percpu_irq(target, log_handler, "p", pdev), 0);
		dev = pdev;
		break;
	}
	}
	free_irq(target, dev);
	assert_warned_once();
	memset(&hlog, 0, sizeof(hlog));
	handle_on(0, virq);
	/* a handler that was attached is still attached */
	assert_int_equal(hlog.calls,
			 row->kind == FREE_NOT_REQUESTED || row->kind == FREE_TWICE ? 0 : 1);
	if (row->kind == FREE_PERCPU_VIRQ) {
		assert_int_equal(request_percpu_irq(target, log_handler, "p", dev), -EBUSY);
		free_percpu_irq(target, dev);
		free_percpu(dev);
	}
}

static struct free_bad_row frbad_wrong = { FREE_WRONG_DEV_ID };
static struct free_bad_row frbad_notreq = { FREE_NOT_REQUESTED };
static struct free_bad_row frbad_twice = { FREE_TWICE };
static struct free_bad_row frbad_zero = { FREE_VIRQ_ZERO };
static struct free_bad_row frbad_percpu = { FREE_PERCPU_VIRQ };

#define ROW(name, fn, row) test_machine_table_test(name, fn, row)

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_machine_unit_test(irq_to_desc_of_unallocated_or_out_of_range_is_null),
		test_machine_unit_test(accessors_of_null_are_safe),
		test_machine_unit_test(accessors_read_the_descriptor),
		test_machine_unit_test(set_chip_and_handler_data_are_read_back),
		test_machine_unit_test(set_chip_data_rejects_unknown_virq),
		test_machine_unit_test(set_handler_data_rejects_unknown_virq),
		test_machine_unit_test(status_flags_are_set_and_cleared),
		test_machine_unit_test(set_percpu_devid_marks_per_cpu_and_unbalanced),
		test_machine_unit_test(status_flags_reject_unknown_virq),
		test_machine_unit_test(set_percpu_devid_rejects_unknown_virq),
		test_machine_unit_test(kstat_counts_per_cpu),
		test_machine_unit_test(kstat_of_bad_virq_or_cpu_is_zero),
		test_machine_unit_test(kstat_of_new_descriptor_is_zero),
		test_machine_unit_test(generic_handle_irq_rejects_unknown_virq),
		test_machine_unit_test(unset_descriptor_reports_bad_irq),
		test_machine_unit_test(percpu_devid_flow_acks_runs_cpu_instance_and_eois),
		test_machine_unit_test(percpu_devid_flow_without_handler_warns_and_completes),
		test_machine_unit_test(percpu_flow_runs_shared_dev_id),
		test_machine_unit_test(percpu_flow_without_handler_is_counted),
		ROW("chained_handler_with_eoi_chip_ends_at_exit", chained_handler_demuxes_to_child,
		    &chained_eoi),
		ROW("chained_handler_without_eoi_masks_acks_and_unmasks",
		    chained_handler_demuxes_to_child, &chained_mask_ack),
		test_machine_unit_test(chained_handler_makes_virq_non_requestable),
		test_machine_unit_test(chained_handler_rejects_bad_virq_or_null_handler),
		test_machine_unit_test(chained_irq_enter_and_exit_ignore_null),
		test_machine_unit_test(chip_parent_helpers_forward_to_parent_level),
		cmocka_unit_test(set_handle_irq_installs_root_handler),
		cmocka_unit_test(set_handle_irq_fails_with_ebusy_when_installed),
		test_machine_unit_test(set_handle_irq_fails_with_ebusy_on_booted_machine),
		cmocka_unit_test(set_handle_irq_rejects_null),
		test_machine_unit_test(request_irq_attaches_handler),
		test_machine_unit_test(request_irq_accepts_null_dev_id),
		test_machine_unit_test(request_irq_twice_fails_with_ebusy),
		ROW("request_irq_rejects_null_handler", request_irq_rejects, &rbad_null),
		ROW("request_irq_rejects_virq_zero", request_irq_rejects, &rbad_zero),
		ROW("request_irq_rejects_unknown_virq", request_irq_rejects, &rbad_unknown),
		ROW("request_irq_rejects_per_cpu_virq", request_irq_rejects, &rbad_percpu),
		ROW("request_irq_rejects_non_requestable_virq", request_irq_rejects,
		    &rbad_norequest),
		test_machine_unit_test(request_irq_enomem_leaves_nothing),
		test_machine_unit_test(free_irq_detaches_handler),
		ROW("free_irq_rejects_wrong_dev_id", free_irq_rejects, &frbad_wrong),
		ROW("free_irq_rejects_virq_without_handler", free_irq_rejects, &frbad_notreq),
		ROW("free_irq_rejects_second_free", free_irq_rejects, &frbad_twice),
		ROW("free_irq_rejects_virq_zero", free_irq_rejects, &frbad_zero),
		ROW("free_irq_rejects_per_cpu_virq", free_irq_rejects, &frbad_percpu),
	};

	return test_run_isolated("irqdesc_flow", tests, ARRAY_SIZE(tests));
}
