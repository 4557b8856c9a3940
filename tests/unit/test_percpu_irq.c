// SPDX-License-Identifier: BSD-2-Clause
/*
 * Per-CPU interrupts: request_percpu_irq(), free_percpu_irq(),
 * enable_percpu_irq()/disable_percpu_irq() on the calling CPU,
 * irq_percpu_is_enabled() and kstat_irqs_cpu(), on plain per-CPU lines and
 * on reserved IPIs (whose remote-processor targets are never requestable).
 */
#include "test-domains.h"

#include <genipi/port.h>

#include <string.h>

#define NCPU TEST_MACHINE_NR_CPUS

/* ---- a per-CPU line whose chip records the CPU of each mask/unmask ------------ */

struct line_ctrl {
	struct irq_chip chip;
	unsigned int unmasks[NCPU + 1]; /* index NCPU: not called on a CPU */
	unsigned int masks[NCPU + 1];
};

static struct line_ctrl line;

static unsigned int caller_slot(void)
{
	unsigned int cpu = smp_processor_id();

	return cpu < NCPU ? cpu : NCPU;
}

static void line_mask(struct irq_data *d)
{
	(void)d;
	__atomic_fetch_add(&line.masks[caller_slot()], 1, __ATOMIC_RELAXED);
}

static void line_unmask(struct irq_data *d)
{
	(void)d;
	__atomic_fetch_add(&line.unmasks[caller_slot()], 1, __ATOMIC_RELAXED);
}

static int line_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hwirq)
{
	bool percpu = d->host_data != NULL;

	if (percpu)
		irq_set_percpu_devid(virq);
	irq_domain_set_info(d, virq, hwirq, &line.chip, &line,
			    percpu ? handle_percpu_devid_irq : handle_percpu_irq, NULL, NULL);
	return 0;
}

static const struct irq_domain_ops line_ops = { .map = line_map };

/* A per-CPU devid virq (or, if !@percpu, an ordinary one) on a fresh domain. */
static unsigned int line_virq(bool percpu)
{
	static int percpu_tag;
	struct irq_domain *d;
	unsigned int virq;

	memset(&line, 0, sizeof(line));
	line.chip.name = "line";
	line.chip.irq_mask = line_mask;
	line.chip.irq_unmask = line_unmask;
	d = irq_domain_create_linear(NULL, 4, &line_ops, percpu ? &percpu_tag : NULL);
	assert_non_null(d);
	virq = irq_create_mapping(d, 0);
	assert_int_not_equal(virq, 0);
	return virq;
}

/* ---- handlers and CPU-side actions -------------------------------------------- */

struct pcpu_seen {
	unsigned int calls;
	unsigned int cpu;
	int irq;
};

static irqreturn_t pcpu_handler(int irq, void *dev_id)
{
	struct pcpu_seen *seen = dev_id;

	seen->calls++;
	seen->cpu = smp_processor_id();
	seen->irq = irq;
	return IRQ_HANDLED;
}

static irqreturn_t other_handler(int irq, void *dev_id)
{
	(void)irq;
	(void)dev_id;
	return IRQ_HANDLED;
}

enum cpu_op {
	OP_HANDLE,
	OP_ENABLE,
	OP_ENABLE_TYPE,
	OP_DISABLE,
	OP_IS_ENABLED
};

struct cpu_action {
	enum cpu_op op;
	unsigned int virq;
	int ret;
};

static void cpu_action_fn(void *arg)
{
	struct cpu_action *a = arg;
	unsigned long flags;

	switch (a->op) {
	case OP_HANDLE:
		local_irq_save(flags);
		a->ret = generic_handle_irq(a->virq);
		local_irq_restore(flags);
		break;
	case OP_ENABLE:
		enable_percpu_irq(a->virq, IRQ_TYPE_NONE);
		break;
	case OP_ENABLE_TYPE:
		enable_percpu_irq(a->virq, IRQ_TYPE_LEVEL_HIGH);
		break;
	case OP_DISABLE:
		disable_percpu_irq(a->virq);
		break;
	case OP_IS_ENABLED:
		a->ret = irq_percpu_is_enabled(a->virq);
		break;
	}
}

static int on_cpu(unsigned int cpu, enum cpu_op op, unsigned int virq)
{
	struct cpu_action a = { .op = op, .virq = virq, .ret = -1 };

	test_on_cpu(cpu, cpu_action_fn, &a);
	return a.ret;
}

static bool enabled_on(unsigned int cpu, unsigned int virq)
{
	return on_cpu(cpu, OP_IS_ENABLED, virq) == 1;
}

/* ---- request_percpu_irq -------------------------------------------------------- */

static void request_percpu_irq_gives_each_cpu_its_instance(void **state)
{
	unsigned int virq = line_virq(true);
	struct pcpu_seen *seen = alloc_percpu(struct pcpu_seen);

	(void)state;
	assert_non_null(seen);
	assert_int_equal(request_percpu_irq(virq, pcpu_handler, "pcpu", seen), 0);
	for (unsigned int cpu = 0; cpu < NCPU; cpu++)
		assert_int_equal(on_cpu(cpu, OP_HANDLE, virq), 0);
	for (unsigned int cpu = 0; cpu < NCPU; cpu++) {
		struct pcpu_seen *s = per_cpu_ptr(seen, cpu);

		assert_int_equal(s->calls, 1);
		assert_int_equal(s->cpu, cpu);
		assert_int_equal(s->irq, (int)virq);
		assert_int_equal(kstat_irqs_cpu(virq, cpu), 1);
	}
	free_percpu_irq(virq, seen);
	free_percpu(seen);
	assert_no_warning();
}

static void request_percpu_irq_leaves_line_disabled(void **state)
{
	unsigned int virq = line_virq(true);
	struct pcpu_seen *seen = alloc_percpu(struct pcpu_seen);

	(void)state;
	assert_int_equal(request_percpu_irq(virq, pcpu_handler, "pcpu", seen), 0);
	for (unsigned int cpu = 0; cpu < NCPU; cpu++)
		assert_false(enabled_on(cpu, virq));
	for (unsigned int i = 0; i <= NCPU; i++)
		assert_int_equal(line.unmasks[i], 0);
	free_percpu_irq(virq, seen);
	free_percpu(seen);
}

static void request_percpu_irq_twice_fails_with_ebusy(void **state)
{
	unsigned int virq = line_virq(true);
	struct pcpu_seen *a = alloc_percpu(struct pcpu_seen), *b = alloc_percpu(struct pcpu_seen);
	long allocs;

	(void)state;
	assert_int_equal(request_percpu_irq(virq, pcpu_handler, "a", a), 0);
	allocs = hosted_alloc_live();
	assert_int_equal(request_percpu_irq(virq, other_handler, "b", b), -EBUSY);
	assert_int_equal(hosted_alloc_live(), allocs);
	on_cpu(1, OP_HANDLE, virq);
	assert_int_equal(per_cpu_ptr(a, 1)->calls, 1);
	assert_int_equal(per_cpu_ptr(b, 1)->calls, 0);
	free_percpu_irq(virq, a);
	free_percpu(a);
	free_percpu(b);
}

static void request_percpu_irq_enomem_leaves_nothing(void **state)
{
	unsigned int virq = line_virq(true);
	struct pcpu_seen *seen = alloc_percpu(struct pcpu_seen);
	long allocs = hosted_alloc_live();

	(void)state;
	hosted_alloc_fail_nth(0);
	assert_int_equal(request_percpu_irq(virq, pcpu_handler, "pcpu", seen), -ENOMEM);
	hosted_alloc_fail_nth(-1);
	assert_int_equal(hosted_alloc_live(), allocs);
	assert_int_equal(request_percpu_irq(virq, pcpu_handler, "pcpu", seen), 0);
	free_percpu_irq(virq, seen);
	free_percpu(seen);
}

enum preq_bad_kind {
	PREQ_NULL_HANDLER,
	PREQ_NULL_DEV_ID,
	PREQ_VIRQ_ZERO,
	PREQ_UNKNOWN_VIRQ,
	PREQ_NOT_PER_CPU,
	PREQ_NOREQUEST,
	PREQ_REMOTE_TARGET_PER_CPU_IPI,
	PREQ_REMOTE_ONLY_SINGLE_IPI,
};

struct preq_bad_row {
	enum preq_bad_kind kind;
};

static struct test_ipi_ctrl ipi_ctrl;

static void request_percpu_irq_rejects(void **state)
{
	const struct preq_bad_row *row = *state;
	unsigned int virq = line_virq(row->kind != PREQ_NOT_PER_CPU), target = virq;
	struct pcpu_seen *seen = alloc_percpu(struct pcpu_seen);
	irq_handler_t handler = pcpu_handler;
	void *dev = seen;
	unsigned int warnings, freed_warnings;
	long allocs, leaked;
	int ret;

	switch (row->kind) {
	case PREQ_NULL_HANDLER:
		handler = NULL;
		break;
	case PREQ_NULL_DEV_ID:
		dev = NULL;
		break;
	case PREQ_VIRQ_ZERO:
		target = 0;
		break;
	case PREQ_UNKNOWN_VIRQ:
		target = NR_IRQS - 1;
		break;
	case PREQ_NOT_PER_CPU:
		break;
	case PREQ_NOREQUEST:
		irq_set_status_flags(virq, IRQ_NOREQUEST);
		break;
	case PREQ_REMOTE_TARGET_PER_CPU_IPI: {
		struct irq_domain *d = test_ipi_domain_create(&ipi_ctrl, "ipi",
							      IRQ_DOMAIN_FLAG_IPI_PER_CPU, 16,
							      TEST_CHIP_SEND_BOTH, NULL);
		int rm = ipi_register_remote("rm", 16);
		struct cpumask dest = test_mask_range(0, (unsigned int)rm);
		int base = irq_reserve_ipi(d, &dest);

		assert_true(base > 0);
		/* the remote processor's virq */
		target = (unsigned int)base + (unsigned int)rm;
		/* the CPUs' virqs are requestable */
		assert_int_equal(request_percpu_irq((unsigned int)base, pcpu_handler, "ok", seen),
				 0);
		free_percpu_irq((unsigned int)base, seen);
		break;
	}
	case PREQ_REMOTE_ONLY_SINGLE_IPI: {
		struct irq_domain *d = test_ipi_domain_create(&ipi_ctrl, "ipi",
							      IRQ_DOMAIN_FLAG_IPI_SINGLE, 16,
							      TEST_CHIP_SEND_BOTH, NULL);
		int rm = ipi_register_remote("rm", 16);
		int v = irq_reserve_ipi(d, cpumask_of((unsigned int)rm));

		assert_true(v > 0);
		target = (unsigned int)v;
		break;
	}
	}
	test_log_reset();
	allocs = hosted_alloc_live();
	ret = request_percpu_irq(target, handler, "bad", dev);
	warnings = test_log_warn_count();
	test_log_reset();
	leaked = hosted_alloc_live() - allocs;
	if (ret == 0)
		free_percpu_irq(target, dev);
	else if (target < NR_IRQS && irq_to_desc(target) && handler && dev &&
		 row->kind != PREQ_NOT_PER_CPU)
		/* nothing was attached: freeing now is a misuse of its own */
		free_percpu_irq(target, dev);
	freed_warnings = test_log_warn_count();
	free_percpu(seen);

	assert_int_equal(ret, -EINVAL);
	assert_int_equal(warnings, 1);
	assert_int_equal(leaked, 0);
	if (target < NR_IRQS && irq_to_desc(target) && handler && dev &&
	    row->kind != PREQ_NOT_PER_CPU)
		assert_int_equal(freed_warnings, 1);
}

static struct preq_bad_row pbad_handler = { PREQ_NULL_HANDLER };
static struct preq_bad_row pbad_dev = { PREQ_NULL_DEV_ID };
static struct preq_bad_row pbad_zero = { PREQ_VIRQ_ZERO };
static struct preq_bad_row pbad_unknown = { PREQ_UNKNOWN_VIRQ };
static struct preq_bad_row pbad_notpercpu = { PREQ_NOT_PER_CPU };
static struct preq_bad_row pbad_norequest = { PREQ_NOREQUEST };
static struct preq_bad_row pbad_remote = { PREQ_REMOTE_TARGET_PER_CPU_IPI };
static struct preq_bad_row pbad_remote_single = { PREQ_REMOTE_ONLY_SINGLE_IPI };

/* ---- IPIs --------------------------------------------------------------------- */

static void request_percpu_irq_on_reserved_ipi_runs_on_target(void **state)
{
	struct irq_domain *d = test_ipi_domain_create(&ipi_ctrl, "ipi", IRQ_DOMAIN_FLAG_IPI_PER_CPU,
						      16, TEST_CHIP_SEND_BOTH, NULL);
	struct cpumask dest = MASK(1, 2, 3);
	struct pcpu_seen *seen = alloc_percpu(struct pcpu_seen);
	int base;

	(void)state;
	base = irq_reserve_ipi(d, &dest);
	assert_true(base > 0);
	/* target t's virq: base + t - ipi_offset */
	for (unsigned int t = 1; t <= 3; t++) {
		unsigned int v = (unsigned int)base + t - 1;

		assert_int_equal(request_percpu_irq(v, pcpu_handler, "ipi", seen), 0);
		assert_int_equal(on_cpu(t, OP_HANDLE, v), 0);
		assert_int_equal(per_cpu_ptr(seen, t)->irq, (int)v);
		assert_int_equal(per_cpu_ptr(seen, t)->cpu, t);
		free_percpu_irq(v, seen);
	}
	free_percpu(seen);
	assert_no_warning();
}

static void request_percpu_irq_on_single_ipi_of_cpus_and_remote(void **state)
{
	struct irq_domain *d = test_ipi_domain_create(&ipi_ctrl, "ipi", IRQ_DOMAIN_FLAG_IPI_SINGLE,
						      16, TEST_CHIP_SEND_BOTH, NULL);
	int rm = ipi_register_remote("rm", 16);
	struct cpumask dest = MASK(0, (unsigned int)rm);
	struct pcpu_seen *seen = alloc_percpu(struct pcpu_seen);
	int v;

	(void)state;
	v = irq_reserve_ipi(d, &dest);
	assert_true(v > 0);
	assert_int_equal(request_percpu_irq((unsigned int)v, pcpu_handler, "ipi", seen), 0);
	free_percpu_irq((unsigned int)v, seen);
	free_percpu(seen);
}

/* ---- free_percpu_irq ---------------------------------------------------------- */

static void free_percpu_irq_detaches_handler(void **state)
{
	unsigned int virq = line_virq(true);
	struct pcpu_seen *seen = alloc_percpu(struct pcpu_seen);
	long allocs = hosted_alloc_live();

	(void)state;
	assert_int_equal(request_percpu_irq(virq, pcpu_handler, "pcpu", seen), 0);
	free_percpu_irq(virq, seen);
	assert_int_equal(hosted_alloc_live(), allocs);
	assert_no_warning();
	/* with no handler the flow reports the interrupt instead of running it */
	on_cpu(0, OP_HANDLE, virq);
	assert_int_equal(per_cpu_ptr(seen, 0)->calls, 0);
	assert_warned_once();
	assert_int_equal(request_percpu_irq(virq, pcpu_handler, "again", seen), 0);
	free_percpu_irq(virq, seen);
	free_percpu(seen);
}

static void free_percpu_irq_still_enabled_warns_but_frees(void **state)
{
	unsigned int virq = line_virq(true);
	struct pcpu_seen *seen = alloc_percpu(struct pcpu_seen);

	(void)state;
	assert_int_equal(request_percpu_irq(virq, pcpu_handler, "pcpu", seen), 0);
	on_cpu(2, OP_ENABLE, virq);
	free_percpu_irq(virq, seen);
	assert_warned_once();
	assert_int_equal(request_percpu_irq(virq, pcpu_handler, "again", seen), 0);
	on_cpu(2, OP_DISABLE, virq);
	free_percpu_irq(virq, seen);
	free_percpu(seen);
	assert_no_warning();
}

enum pfree_bad_kind {
	PFREE_WRONG_DEV_ID,
	PFREE_NOT_REQUESTED,
	PFREE_TWICE,
	PFREE_VIRQ_ZERO,
	PFREE_UNKNOWN_VIRQ,
	PFREE_NOT_PER_CPU
};

struct pfree_bad_row {
	enum pfree_bad_kind kind;
};

static void free_percpu_irq_rejects(void **state)
{
	const struct pfree_bad_row *row = *state;
	unsigned int virq = line_virq(row->kind != PFREE_NOT_PER_CPU), target = virq;
	struct pcpu_seen *seen = alloc_percpu(struct pcpu_seen);
	struct pcpu_seen *other = alloc_percpu(struct pcpu_seen);
	void *dev = seen;
	bool attached = false;

	switch (row->kind) {
	case PFREE_WRONG_DEV_ID:
		assert_int_equal(request_percpu_irq(virq, pcpu_handler, "a", seen), 0);
		attached = true;
		dev = other;
		break;
	case PFREE_NOT_REQUESTED:
		break;
	case PFREE_TWICE:
		assert_int_equal(request_percpu_irq(virq, pcpu_handler, "a", seen), 0);
		free_percpu_irq(virq, seen);
		assert_no_warning();
		break;
	case PFREE_VIRQ_ZERO:
		assert_int_equal(request_percpu_irq(virq, pcpu_handler, "a", seen), 0);
		attached = true;
		target = 0;
		break;
	case PFREE_UNKNOWN_VIRQ:
		target = NR_IRQS - 1;
		break;
	case PFREE_NOT_PER_CPU:
		assert_int_equal(request_irq(virq, pcpu_handler, 0, "a", seen), 0);
		attached = true;
		break;
	}
	free_percpu_irq(target, dev);
	assert_warned_once();
	if (row->kind == PFREE_NOT_PER_CPU) {
		/* the ordinary handler is still attached */
		assert_int_equal(request_irq(virq, pcpu_handler, 0, "b", seen), -EBUSY);
		free_irq(virq, seen);
	} else if (attached) {
		on_cpu(3, OP_HANDLE, virq);
		assert_int_equal(per_cpu_ptr(seen, 3)->calls, 1);
		free_percpu_irq(virq, seen);
	}
	free_percpu(seen);
	free_percpu(other);
}

static struct pfree_bad_row pfbad_wrong = { PFREE_WRONG_DEV_ID };
static struct pfree_bad_row pfbad_notreq = { PFREE_NOT_REQUESTED };
static struct pfree_bad_row pfbad_twice = { PFREE_TWICE };
static struct pfree_bad_row pfbad_zero = { PFREE_VIRQ_ZERO };
static struct pfree_bad_row pfbad_unknown = { PFREE_UNKNOWN_VIRQ };
static struct pfree_bad_row pfbad_notpercpu = { PFREE_NOT_PER_CPU };

/* ---- enable / disable ------------------------------------------------------------ */

static void enable_percpu_irq_acts_on_calling_cpu_only(void **state)
{
	unsigned int virq = line_virq(true);

	(void)state;
	on_cpu(2, OP_ENABLE, virq);
	for (unsigned int cpu = 0; cpu < NCPU; cpu++)
		assert_int_equal(enabled_on(cpu, virq), cpu == 2);
	assert_int_equal(line.unmasks[2], 1);
	assert_int_equal(line.unmasks[0] + line.unmasks[1] + line.unmasks[3] + line.unmasks[NCPU],
			 0);
	assert_no_warning();
}

static void disable_percpu_irq_acts_on_calling_cpu_only(void **state)
{
	unsigned int virq = line_virq(true);

	(void)state;
	for (unsigned int cpu = 0; cpu < NCPU; cpu++)
		on_cpu(cpu, OP_ENABLE, virq);
	on_cpu(1, OP_DISABLE, virq);
	for (unsigned int cpu = 0; cpu < NCPU; cpu++)
		assert_int_equal(enabled_on(cpu, virq), cpu != 1);
	assert_int_equal(line.masks[1], 1);
	assert_int_equal(line.masks[0] + line.masks[2] + line.masks[3] + line.masks[NCPU], 0);
	assert_no_warning();
}

static void enable_percpu_irq_twice_stays_enabled(void **state)
{
	unsigned int virq = line_virq(true);

	(void)state;
	on_cpu(0, OP_ENABLE, virq);
	on_cpu(0, OP_ENABLE, virq);
	assert_true(enabled_on(0, virq));
	on_cpu(0, OP_DISABLE, virq);
	assert_false(enabled_on(0, virq));
	assert_no_warning();
}

static void percpu_is_enabled_off_cpu_or_on_bad_virq_is_false(void **state)
{
	unsigned int virq = line_virq(true), plain;

	(void)state;
	on_cpu(0, OP_ENABLE, virq);
	/* the test's own thread is not a CPU */
	assert_false(irq_percpu_is_enabled(virq));
	assert_false(enabled_on(0, 0));
	assert_false(enabled_on(0, NR_IRQS - 1));
	plain = line_virq(false);
	assert_false(enabled_on(0, plain));
}

enum enable_bad_kind {
	EN_OFF_CPU,
	EN_VIRQ_ZERO,
	EN_UNKNOWN_VIRQ,
	EN_NOT_PER_CPU,
	EN_TRIGGER_TYPE,
};

struct enable_bad_row {
	enum enable_bad_kind kind;
	bool disable; /* disable_percpu_irq, else enable_percpu_irq */
};

static void percpu_enable_disable_reject(void **state)
{
	const struct enable_bad_row *row = *state;
	unsigned int virq = line_virq(row->kind != EN_NOT_PER_CPU), target = virq;
	enum cpu_op op = row->disable ? OP_DISABLE : OP_ENABLE;

	/* CPU 1 starts enabled, so that a bad disable has something to break */
	if (row->kind != EN_NOT_PER_CPU) {
		on_cpu(1, OP_ENABLE, virq);
		line.unmasks[1] = 0;
	}
	switch (row->kind) {
	case EN_OFF_CPU:
		break;
	case EN_VIRQ_ZERO:
		target = 0;
		break;
	case EN_UNKNOWN_VIRQ:
		target = NR_IRQS - 1;
		break;
	case EN_NOT_PER_CPU:
		break;
	case EN_TRIGGER_TYPE:
		op = OP_ENABLE_TYPE;
		break;
	}
	if (row->kind == EN_OFF_CPU) {
		if (row->disable)
			disable_percpu_irq(target);
		else
			enable_percpu_irq(target, IRQ_TYPE_NONE);
	} else {
		on_cpu(row->kind == EN_TRIGGER_TYPE ? 2 : 1, op, target);
	}
	assert_warned_once();
	for (unsigned int i = 0; i <= NCPU; i++) {
		assert_int_equal(line.unmasks[i], 0);
		assert_int_equal(line.masks[i], 0);
	}
	for (unsigned int cpu = 0; cpu < NCPU; cpu++)
		assert_int_equal(enabled_on(cpu, virq), cpu == 1 && row->kind != EN_NOT_PER_CPU);
}

#define EN_BAD(kind, disable) (&(struct enable_bad_row){ kind, disable })

/* ---- kstat ------------------------------------------------------------------- */

static void kstat_counts_handled_interrupts_per_cpu(void **state)
{
	unsigned int virq = line_virq(true);
	struct pcpu_seen *seen = alloc_percpu(struct pcpu_seen);

	(void)state;
	assert_int_equal(request_percpu_irq(virq, pcpu_handler, "pcpu", seen), 0);
	on_cpu(1, OP_HANDLE, virq);
	on_cpu(1, OP_HANDLE, virq);
	on_cpu(3, OP_HANDLE, virq);
	assert_int_equal(kstat_irqs_cpu(virq, 0), 0);
	assert_int_equal(kstat_irqs_cpu(virq, 1), 2);
	assert_int_equal(kstat_irqs_cpu(virq, 2), 0);
	assert_int_equal(kstat_irqs_cpu(virq, 3), 1);
	assert_int_equal(kstat_irqs_cpu(virq, NCPU), 0);
	free_percpu_irq(virq, seen);
	free_percpu(seen);
}

#define ROW(name, fn, row) test_machine_table_test(name, fn, row)

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_machine_unit_test(request_percpu_irq_gives_each_cpu_its_instance),
		test_machine_unit_test(request_percpu_irq_leaves_line_disabled),
		test_machine_unit_test(request_percpu_irq_twice_fails_with_ebusy),
		test_machine_unit_test(request_percpu_irq_enomem_leaves_nothing),
		ROW("request_percpu_irq_rejects_null_handler", request_percpu_irq_rejects,
		    &pbad_handler),
		ROW("request_percpu_irq_rejects_null_dev_id", request_percpu_irq_rejects,
		    &pbad_dev),
		ROW("request_percpu_irq_rejects_virq_zero", request_percpu_irq_rejects, &pbad_zero),
		ROW("request_percpu_irq_rejects_unknown_virq", request_percpu_irq_rejects,
		    &pbad_unknown),
		ROW("request_percpu_irq_rejects_virq_not_per_cpu", request_percpu_irq_rejects,
		    &pbad_notpercpu),
		ROW("request_percpu_irq_rejects_non_requestable_virq", request_percpu_irq_rejects,
		    &pbad_norequest),
		ROW("request_percpu_irq_rejects_remote_target_of_per_cpu_ipi",
		    request_percpu_irq_rejects, &pbad_remote),
		ROW("request_percpu_irq_rejects_single_ipi_of_remote_only",
		    request_percpu_irq_rejects, &pbad_remote_single),
		test_machine_unit_test(request_percpu_irq_on_reserved_ipi_runs_on_target),
		test_machine_unit_test(request_percpu_irq_on_single_ipi_of_cpus_and_remote),
		test_machine_unit_test(free_percpu_irq_detaches_handler),
		test_machine_unit_test(free_percpu_irq_still_enabled_warns_but_frees),
		ROW("free_percpu_irq_rejects_wrong_dev_id", free_percpu_irq_rejects, &pfbad_wrong),
		ROW("free_percpu_irq_rejects_virq_without_handler", free_percpu_irq_rejects,
		    &pfbad_notreq),
		ROW("free_percpu_irq_rejects_second_free", free_percpu_irq_rejects, &pfbad_twice),
		ROW("free_percpu_irq_rejects_virq_zero", free_percpu_irq_rejects, &pfbad_zero),
		ROW("free_percpu_irq_rejects_unknown_virq", free_percpu_irq_rejects,
		    &pfbad_unknown),
		ROW("free_percpu_irq_rejects_virq_not_per_cpu", free_percpu_irq_rejects,
		    &pfbad_notpercpu),
		test_machine_unit_test(enable_percpu_irq_acts_on_calling_cpu_only),
		test_machine_unit_test(disable_percpu_irq_acts_on_calling_cpu_only),
		test_machine_unit_test(enable_percpu_irq_twice_stays_enabled),
		test_machine_unit_test(percpu_is_enabled_off_cpu_or_on_bad_virq_is_false),
		ROW("enable_percpu_irq_rejects_call_off_cpu", percpu_enable_disable_reject,
		    EN_BAD(EN_OFF_CPU, false)),
		ROW("enable_percpu_irq_rejects_virq_zero", percpu_enable_disable_reject,
		    EN_BAD(EN_VIRQ_ZERO, false)),
		ROW("enable_percpu_irq_rejects_unknown_virq", percpu_enable_disable_reject,
		    EN_BAD(EN_UNKNOWN_VIRQ, false)),
		ROW("enable_percpu_irq_rejects_virq_not_per_cpu", percpu_enable_disable_reject,
		    EN_BAD(EN_NOT_PER_CPU, false)),
		ROW("enable_percpu_irq_rejects_trigger_type", percpu_enable_disable_reject,
		    EN_BAD(EN_TRIGGER_TYPE, false)),
		ROW("disable_percpu_irq_rejects_call_off_cpu", percpu_enable_disable_reject,
		    EN_BAD(EN_OFF_CPU, true)),
		ROW("disable_percpu_irq_rejects_virq_zero", percpu_enable_disable_reject,
		    EN_BAD(EN_VIRQ_ZERO, true)),
		ROW("disable_percpu_irq_rejects_unknown_virq", percpu_enable_disable_reject,
		    EN_BAD(EN_UNKNOWN_VIRQ, true)),
		ROW("disable_percpu_irq_rejects_virq_not_per_cpu", percpu_enable_disable_reject,
		    EN_BAD(EN_NOT_PER_CPU, true)),
		test_machine_unit_test(kstat_counts_handled_interrupts_per_cpu),
	};

	return test_run_isolated("percpu_irq", tests, ARRAY_SIZE(tests));
}
