// SPDX-License-Identifier: BSD-2-Clause
/*
 * The soft interrupt mask of each thread and the poll-based interrupt entry.
 *
 * A CPU's input lines are two words of its struct hosted_proc: @pending
 * (latched by raisers) and @enabled (its cpu-intc mask, set by the CPU
 * itself; cleared on every CPU when a line's mapping is released). An interrupt is taken only at an interrupt point (see
 * <genipi/hosted.h>), only on a CPU thread, and only while the thread's
 * soft mask is clear: no signal ever interrupts a thread, so code between
 * two interrupt points runs as if interrupts were masked. Every thread has
 * a mask (the main thread too, so the core's local_irq_save() works there),
 * but only CPU threads take interrupts.
 */
#include "hosted-internal.h"

#include <genipi/errno.h>

/* A port_irq_save() value: interrupts were masked. */
#define HOSTED_IRQ_FLAGS_MASKED 1UL

/* The soft interrupt mask of the calling thread. */
static HOSTED_TLS bool hosted_irqs_off;
/* Interrupt entries in progress on the calling thread. */
static HOSTED_TLS unsigned int hosted_irq_depth;

unsigned long port_irq_save(void)
{
	bool was_off = hosted_irqs_off;

	hosted_irqs_off = true;
	return was_off ? HOSTED_IRQ_FLAGS_MASKED : 0;
}

void port_irq_restore(unsigned long flags)
{
	struct hosted_proc *c;

	if (flags & HOSTED_IRQ_FLAGS_MASKED) {
		hosted_irqs_off = true;
		return;
	}
	hosted_irqs_off = false;
	/* an interrupt point: unmasking takes what is pending */
	c = hosted_this_proc;
	if (c && c->kind == HOSTED_PROC_CPU)
		hosted_cpu_take_interrupts(c);
}

bool port_irqs_disabled(void)
{
	return hosted_irqs_off;
}

bool hosted_irqs_masked(void)
{
	return hosted_irqs_off;
}

void hosted_irqs_set_masked(bool masked)
{
	hosted_irqs_off = masked;
}

/* Set up the calling thread's mask when it starts. */
void hosted_irq_thread_init(bool irqs_masked)
{
	hosted_irqs_off = irqs_masked;
	hosted_irq_depth = 0;
}

bool hosted_cpu_in_irq(void)
{
	return hosted_irq_depth != 0;
}

/* Has CPU @c a pending, enabled line? */
bool hosted_cpu_irq_ready(struct hosted_proc *c)
{
	/*
	 * acquire: pairs with the release RMW in hosted_proc_raise(), so a
	 * CPU woken by a raise (a wfi with interrupts masked) sees what the
	 * raiser wrote before raising.
	 */
	return atomic_load_explicit(&c->pending, memory_order_acquire) &
	       atomic_load_explicit(&c->enabled, memory_order_relaxed);
}

/**
 * hosted_cpu_take_interrupts - the interrupt entry of CPU @c
 *
 * Called on @c's thread at an interrupt point. While interrupts are
 * unmasked and a line is pending and enabled: mask, run the root handler
 * through generic_handle_arch_irq(), unmask.
 */
void hosted_cpu_take_interrupts(struct hosted_proc *c)
{
	static atomic_bool warned;
	unsigned long taken;
	int ret;

	while (!hosted_irqs_off && hosted_cpu_irq_ready(c)) {
		hosted_irqs_off = true;
		hosted_irq_depth++;
		/* only this thread writes the count; readers load it relaxed */
		taken = atomic_load_explicit(&c->interrupts, memory_order_relaxed);
		atomic_store_explicit(&c->interrupts, taken + 1, memory_order_relaxed);
		ret = generic_handle_arch_irq();
		hosted_irq_depth--;
		hosted_irqs_off = false;
		if (ret) {
			if (!atomic_exchange_explicit(&warned, true, memory_order_relaxed))
				genipi_log("hosted: CPU %u: no root interrupt handler (%d)\n",
					   c->target, ret);
			return;
		}
	}
}

/**
 * hosted_cpu_claim_lines - take the calling CPU's pending, enabled lines
 *
 * The hosted,cpu-intc root handler's "read and clear the pending CSR".
 * Returns the lines, now cleared (disabled ones stay latched), or 0 on a
 * thread that is not a CPU.
 */
uint64_t hosted_cpu_claim_lines(void)
{
	struct hosted_proc *c = hosted_this_proc;
	uint64_t enabled;

	if (!c || c->kind != HOSTED_PROC_CPU)
		return 0;
	enabled = atomic_load_explicit(&c->enabled, memory_order_relaxed);
	if (!(atomic_load_explicit(&c->pending, memory_order_relaxed) & enabled))
		return 0;
	/*
	 * acquire: pairs with the release RMW in hosted_proc_raise(): the
	 * handlers of these lines see everything the raisers wrote before
	 * raising. Clearing before handling means a raise during the handler
	 * latches the line again and is taken at the next interrupt point.
	 */
	return atomic_fetch_and_explicit(&c->pending, ~enabled, memory_order_acquire) & enabled;
}

/* The calling CPU, or NULL on a thread that is not a CPU. */
static struct hosted_proc *hosted_this_cpu_proc(void)
{
	struct hosted_proc *c = hosted_this_proc;

	return c && c->kind == HOSTED_PROC_CPU ? c : NULL;
}

/**
 * hosted_cpu_enable_lines - enable or disable some of the calling CPU's lines
 *
 * The cpu-intc mask "CSR", several bits at once. A line enabled while
 * pending is taken at the next interrupt point. Does nothing on a thread
 * that is not a CPU.
 */
void hosted_cpu_enable_lines(uint64_t lines, bool enable)
{
	struct hosted_proc *c = hosted_this_cpu_proc();

	if (!c)
		return;
	/*
	 * An RMW, not load and store: hosted_line_reset() may clear bits
	 * from another thread. Relaxed: the owner reads its own mask, others
	 * only for statistics; the line's data is ordered by the raise.
	 */
	if (enable)
		atomic_fetch_or_explicit(&c->enabled, lines, memory_order_relaxed);
	else
		atomic_fetch_and_explicit(&c->enabled, ~lines, memory_order_relaxed);
}

/**
 * hosted_cpu_enable_line - enable or disable one of the calling CPU's lines
 *
 * The hosted,cpu-intc mask "CSR". A line enabled while pending is taken at
 * the next interrupt point. Does nothing on a thread that is not a CPU.
 */
void hosted_cpu_enable_line(unsigned int line, bool enable)
{
	if (line < HOSTED_NR_LINES)
		hosted_cpu_enable_lines(HOSTED_LINE_BIT(line), enable);
}

/* The calling CPU's enabled lines (0 on a thread that is not a CPU). */
uint64_t hosted_cpu_enabled_lines(void)
{
	struct hosted_proc *c = hosted_this_cpu_proc();

	/* relaxed: only this CPU sets bits; see hosted_cpu_enable_lines() */
	return c ? atomic_load_explicit(&c->enabled, memory_order_relaxed) : 0;
}

/**
 * hosted_cpu_pending_lines - the calling CPU's latched lines, enabled or
 * not, left latched (0 on a thread that is not a CPU)
 *
 * For a controller whose pending register is read, then acknowledged bit
 * by bit (hosted_cpu_clear_lines()).
 */
uint64_t hosted_cpu_pending_lines(void)
{
	struct hosted_proc *c = hosted_this_cpu_proc();

	/*
	 * acquire: pairs with the release RMW in hosted_proc_raise(), so a
	 * caller that acts on a line it saw also sees what the raiser wrote
	 * before raising.
	 */
	return c ? atomic_load_explicit(&c->pending, memory_order_acquire) : 0;
}

/**
 * hosted_cpu_clear_lines - acknowledge some of the calling CPU's latched
 * lines: they stay clear until raised again. Does nothing on a thread that
 * is not a CPU.
 */
void hosted_cpu_clear_lines(uint64_t lines)
{
	struct hosted_proc *c = hosted_this_cpu_proc();

	if (!c)
		return;
	/*
	 * acquire: pairs with the release RMW in hosted_proc_raise(). A raise
	 * that lands between the caller's read of the lines and this clear is
	 * merged into the one being handled; as the clear reads from it, the
	 * handler, which runs after the clear, still sees what that raiser
	 * wrote. A raise after the clear latches the line again.
	 */
	atomic_fetch_and_explicit(&c->pending, ~lines, memory_order_acquire);
}

/**
 * hosted_line_reset - disable @line on every CPU and drop what is latched
 *
 * The cpu-intc driver calls it when a line's mapping is released, so that
 * the next user of the line starts disabled and with nothing stale pending
 * (a raise latched while the old user had it disabled). Raising the line
 * concurrently is the caller's bug, as sending on a destroyed IPI is.
 */
void hosted_line_reset(unsigned int line)
{
	if (line >= HOSTED_NR_LINES)
		return;
	for (unsigned int cpu = 0; cpu < hosted_machine.nr_cpus; cpu++) {
		struct hosted_proc *c = hosted_proc_of_target(cpu);

		if (!c)
			continue;
		/* disable first: a raise landing in between stays latched, not taken */
		atomic_fetch_and_explicit(&c->enabled, ~HOSTED_LINE_BIT(line),
					  memory_order_relaxed);
		atomic_fetch_and_explicit(&c->pending, ~HOSTED_LINE_BIT(line),
					  memory_order_relaxed);
	}
}

void hosted_irq_poll(void)
{
	struct hosted_proc *c = hosted_this_proc;

	if (!c || c->kind != HOSTED_PROC_CPU || hosted_irqs_off)
		return;
	hosted_cpu_take_interrupts(c);
}

static bool hosted_wfi_ready(struct hosted_proc *c)
{
	return hosted_cpu_irq_ready(c) || atomic_load_explicit(&c->stop, memory_order_relaxed);
}

void hosted_cpu_wait_for_interrupt(void)
{
	struct hosted_proc *c = hosted_this_proc;
	unsigned long flags;

	if (!c || c->kind != HOSTED_PROC_CPU)
		return;
	/*
	 * Mask, check, sleep, unmask and take, as on hardware. The mask keeps
	 * the line we wait for pending until we take it after the wait. A
	 * raise landing after the check but before the futex wait is not
	 * lost: the sleep protocol (delivery.c) announces the sleep and then
	 * checks again, and the raiser wakes an announced sleeper.
	 */
	flags = port_irq_save();
	while (!hosted_wfi_ready(c))
		hosted_proc_wait(c, hosted_wfi_ready);
	port_irq_restore(flags);
}
