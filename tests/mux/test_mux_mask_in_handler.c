// SPDX-License-Identifier: BSD-2-Clause
/*
 * A handler that masks another virtual IPI of its own CPU.
 *
 * disable_percpu_irq() may be called from a handler, as in Linux. If the
 * vIPI it masks was claimed in the same ipi_mux_process() batch as the
 * running one, the multiplexer must not dispatch it: its handler would run
 * while masked. The contract says a masked vIPI stays pending and runs when
 * unmasked, so the claimed bit has to go back to the pending word (property
 * (b) of models/ipi_mux.pml, which re-reads the enable word before each
 * dispatch and re-pends a masked bit).
 *
 * The batch is made deterministic: CPU 1 sends both vIPIs to itself with
 * interrupts masked, then restores them; one parent IPI, one claim of both
 * bits, dispatched in ascending order: the masker (vIPI 0) first.
 */
#include "mux-machine.h"

#define MASKER 0 /* its handler masks VICTIM */
#define VICTIM 1

struct batch_dev {
	_Atomic unsigned long masker_runs;
	_Atomic unsigned long victim_runs;
	_Atomic unsigned long victim_runs_while_masked;
	bool victim_masked; /* this CPU's view, kept by this CPU */
};

static struct batch_dev *batch_dev;

static irqreturn_t batch_masker(int irq, void *dev_id)
{
	struct batch_dev *d = dev_id;

	(void)irq;
	d->victim_masked = true;
	disable_percpu_irq(mux_virq(VICTIM));
	atomic_fetch_add_explicit(&d->masker_runs, 1, memory_order_release);
	return IRQ_HANDLED;
}

static irqreturn_t batch_victim(int irq, void *dev_id)
{
	struct batch_dev *d = dev_id;

	(void)irq;
	if (d->victim_masked)
		atomic_fetch_add_explicit(&d->victim_runs_while_masked, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&d->victim_runs, 1, memory_order_release);
	return IRQ_HANDLED;
}

static void batch_enable_here(void *unused)
{
	(void)unused;
	this_cpu_ptr(batch_dev)->victim_masked = false;
	enable_percpu_irq(mux_virq(MASKER), IRQ_TYPE_NONE);
	enable_percpu_irq(mux_virq(VICTIM), IRQ_TYPE_NONE);
}

static void batch_disable_here(void *unused)
{
	(void)unused;
	this_cpu_ptr(batch_dev)->victim_masked = true;
	disable_percpu_irq(mux_virq(MASKER));
	disable_percpu_irq(mux_virq(VICTIM));
}

/* On CPU 1: both vIPIs to itself with interrupts masked, then take them. */
static void batch_send_both_to_self(void *unused)
{
	unsigned int me = smp_processor_id();
	unsigned long flags;

	(void)unused;
	local_irq_save(flags);
	ipi_send_single(mux_virq(MASKER), me);
	ipi_send_single(mux_virq(VICTIM), me);
	local_irq_restore(flags);
}

static void batch_unmask_victim(void *unused)
{
	(void)unused;
	this_cpu_ptr(batch_dev)->victim_masked = false;
	enable_percpu_irq(mux_virq(VICTIM), IRQ_TYPE_NONE);
}

static void batch_setup(void)
{
	batch_dev = alloc_percpu(struct batch_dev);
	assert_non_null(batch_dev);
	assert_int_equal(request_percpu_irq(mux_virq(MASKER), batch_masker, "masker", batch_dev),
			 0);
	assert_int_equal(request_percpu_irq(mux_virq(VICTIM), batch_victim, "victim", batch_dev),
			 0);
	mux_on_all_cpus(batch_enable_here, NULL);
}

static void batch_teardown(void)
{
	mux_on_all_cpus(batch_disable_here, NULL);
	free_percpu_irq(mux_virq(MASKER), batch_dev);
	free_percpu_irq(mux_virq(VICTIM), batch_dev);
	free_percpu(batch_dev);
}

static void vipi_masked_by_handler_in_same_batch_does_not_run(void **state)
{
	struct batch_dev *d;

	(void)state;
	batch_setup();
	d = per_cpu_ptr(batch_dev, 1);
	test_on_cpu(1, batch_send_both_to_self, NULL);
	assert_int_equal(atomic_load(&d->masker_runs), 1);
	mux_sleep_ms(20);
	assert_int_equal(atomic_load(&d->victim_runs_while_masked), 0);
	assert_int_equal(atomic_load(&d->victim_runs), 0);
	batch_teardown();
}

static void vipi_masked_by_handler_in_same_batch_runs_when_unmasked(void **state)
{
	struct batch_dev *d;

	(void)state;
	batch_setup();
	d = per_cpu_ptr(batch_dev, 1);
	test_on_cpu(1, batch_send_both_to_self, NULL);
	test_on_cpu(1, batch_unmask_victim, NULL);
	assert_true(mux_wait_counter(&d->victim_runs, 1));
	assert_int_equal(atomic_load(&d->victim_runs_while_masked), 0);
	assert_int_equal(atomic_load(&d->victim_runs), 1);
	batch_teardown();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		mux_unit_test(vipi_masked_by_handler_in_same_batch_does_not_run),
		mux_unit_test(vipi_masked_by_handler_in_same_batch_runs_when_unmasked),
	};

	return test_run_isolated("mux_mask_in_handler", tests, ARRAY_SIZE(tests));
}
