// SPDX-License-Identifier: BSD-2-Clause
/*
 * The swipi device model: the hardware side of the hosted machine's
 * software IPI controller, both variants (register maps in
 * <genipi/hosted-swipi.h>). It sits on the hosted MMIO bus and drives
 * processors' input lines with hosted_proc_raise(); the driver (swipi.c)
 * reaches it only through readl()/writel().
 *
 * Every register access runs on the accessing thread, concurrently with
 * others; the state is atomics:
 *
 * - per-CPU variant: route[] (hwid per hwirq), enabled (one bit per
 *   hwirq), pending[hwid] (latched hwirqs per processor);
 * - single variant: mask[] per set. Raising is stateless beyond the
 *   processors' own pending lines.
 *
 * The write statistics tests inspect add no cache line that the sends of
 * two CPUs both write, beyond the last value written (one word per
 * register: nothing cheaper tells which of two CPUs' writes came last):
 * the send registers count their writes per writing CPU, see struct
 * swipi_model_stats.
 *
 * A send and an enable race the same way a raise and a sleep do: SEND
 * latches then checks the enable, ENABLE_SET enables then checks the latch,
 * and at least one of them must see the other. All four accesses are
 * seq_cst, which forbids both loads missing the other side's RMW.
 */
#include "hosted-internal.h"

#include <genipi/errno.h>
#include <genipi/hosted-mmio.h>
#include <genipi/hosted-swipi.h>

#include <string.h>

#define SWIPI_PERCPU_NR_REGS (HOSTED_SWIPI_PERCPU_SIZE / 4)
#define SWIPI_SINGLE_NR_REGS (HOSTED_SWIPI_SINGLE_SIZE / 4)

/* The most send registers a variant has: the single variant's INTERRUPT(s). */
#define SWIPI_MAX_SEND_REGS HOSTED_SWIPI_SINGLE_NR_SETS

/*
 * One CPU's writes to the send registers of a variant: written by that
 * CPU's thread only, read by anyone, on cache lines of their own.
 */
struct swipi_cpu_writes {
	_Alignas(GENIPI_CACHE_LINE) _Atomic unsigned long count[SWIPI_MAX_SEND_REGS];
};

/**
 * struct swipi_model_stats - what tests can inspect of a variant's writes
 * @writes:     per register, the writes not in @cpu_writes
 * @last:       per register, the last value written
 * @cpu_writes: per CPU, the writes a CPU made to the send registers
 * @nr_regs:    registers of the variant
 * @send_first: register index of the first send register
 * @nr_send:    send registers (at most SWIPI_MAX_SEND_REGS)
 * @dropped:    deliveries dropped
 *
 * The send registers are written at every IPI by every CPU: counted in
 * @writes, their counts would move between the CPUs' caches at every send.
 * A register's count is the sum of its @writes and its @cpu_writes.
 */
struct swipi_model_stats {
	_Atomic unsigned long *writes;
	_Atomic uint32_t *last;
	struct swipi_cpu_writes *cpu_writes;
	unsigned long nr_regs;
	unsigned long send_first;
	unsigned long nr_send;
	_Atomic unsigned long dropped;
};

struct swipi_pending_word {
	_Alignas(GENIPI_CACHE_LINE) _Atomic uint64_t hwirqs;
};

/*
 * Each group of fields that a send writes starts a cache line: the senders
 * share @last, @pending[hwid] is shared with its processor, @cpu_writes is
 * per CPU; the lines before them are only read while IPIs flow.
 */
static struct {
	_Atomic uint32_t route[HOSTED_SWIPI_PERCPU_NR_HWIRQS];
	_Atomic uint64_t enabled;
	struct swipi_pending_word pending[HOSTED_MAX_HWID];
	_Atomic unsigned long writes[SWIPI_PERCPU_NR_REGS];
	_Alignas(GENIPI_CACHE_LINE) _Atomic uint32_t last[SWIPI_PERCPU_NR_REGS];
	struct swipi_cpu_writes cpu_writes[NR_CPUS];
} swipi_percpu;

static struct {
	_Atomic uint32_t mask[HOSTED_SWIPI_SINGLE_NR_SETS];
	_Atomic unsigned long writes[SWIPI_SINGLE_NR_REGS];
	_Alignas(GENIPI_CACHE_LINE) _Atomic uint32_t last[SWIPI_SINGLE_NR_REGS];
	struct swipi_cpu_writes cpu_writes[NR_CPUS];
} swipi_single;

static struct swipi_model_stats swipi_percpu_stats = {
	.writes = swipi_percpu.writes,
	.last = swipi_percpu.last,
	.cpu_writes = swipi_percpu.cpu_writes,
	.nr_regs = SWIPI_PERCPU_NR_REGS,
	.send_first = HOSTED_SWIPI_SEND / 4,
	.nr_send = 1,
};

static struct swipi_model_stats swipi_single_stats = {
	.writes = swipi_single.writes,
	.last = swipi_single.last,
	.cpu_writes = swipi_single.cpu_writes,
	.nr_regs = SWIPI_SINGLE_NR_REGS,
	.send_first = HOSTED_SWIPI_SINGLE_INTERRUPT(0) / 4,
	.nr_send = HOSTED_SWIPI_SINGLE_NR_SETS,
};

/* Count a write of @val at @offset, before the model acts on it. */
static void swipi_stats_record(struct swipi_model_stats *s, uintptr_t offset, uint32_t val)
{
	unsigned long reg = offset / 4, send = reg - s->send_first;
	unsigned int cpu = hosted_this_cpu;

	/*
	 * Relaxed: the statistics order nothing. Recorded before the model
	 * acts, so whoever takes a raise this write causes (an acquire of
	 * hosted_proc_raise()'s release) also sees them.
	 */
	atomic_store_explicit(&s->last[reg], val, memory_order_relaxed);
	if (send < s->nr_send && cpu < NR_CPUS) {
		_Atomic unsigned long *count = &s->cpu_writes[cpu].count[send];

		/* only this CPU's thread writes @count: a load and a store suffice */
		atomic_store_explicit(count, atomic_load_explicit(count, memory_order_relaxed) + 1,
				      memory_order_relaxed);
		return;
	}
	atomic_fetch_add_explicit(&s->writes[reg], 1, memory_order_relaxed);
}

/* Writes to register @reg (< s->nr_regs) since boot. */
static unsigned long swipi_stats_writes(struct swipi_model_stats *s, unsigned long reg)
{
	unsigned long send = reg - s->send_first;
	unsigned long sum = atomic_load_explicit(&s->writes[reg], memory_order_relaxed);

	if (send < s->nr_send)
		for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
			sum += atomic_load_explicit(&s->cpu_writes[cpu].count[send],
						    memory_order_relaxed);
	return sum;
}

static void swipi_stats_drop(struct swipi_model_stats *s)
{
	atomic_fetch_add_explicit(&s->dropped, 1, memory_order_relaxed);
}

/* ---- per-CPU variant ----------------------------------------------------- */

static uint64_t swipi_hwirq_bit(uint32_t hwirq)
{
	return (uint64_t)1 << hwirq;
}

/*
 * The processor hwirq @hwirq is routed to, or NULL. Routes are written by
 * the driver when it allocates the hwirq, which happens before anyone can
 * send on it (the reservation is published by the core), so relaxed.
 */
static struct hosted_proc *swipi_percpu_route(uint32_t hwirq, uint32_t *hwid)
{
	*hwid = atomic_load_explicit(&swipi_percpu.route[hwirq], memory_order_relaxed);
	return hosted_proc_of_hwid(*hwid);
}

static void swipi_percpu_send(uint32_t hwirq)
{
	struct hosted_proc *p;
	uint32_t hwid;

	if (hwirq >= HOSTED_SWIPI_PERCPU_NR_HWIRQS) {
		swipi_stats_drop(&swipi_percpu_stats);
		return;
	}
	p = swipi_percpu_route(hwirq, &hwid);
	if (!p) {
		swipi_stats_drop(&swipi_percpu_stats);
		return;
	}
	/*
	 * seq_cst latch, then seq_cst enable check: pairs with the enable and
	 * latch check of swipi_percpu_enable() (see the top of the file). The
	 * latch is also a release: the sender's earlier writes reach the
	 * handler, which takes the bit with an acquire RMW (PENDING read).
	 */
	atomic_fetch_or_explicit(&swipi_percpu.pending[hwid].hwirqs, swipi_hwirq_bit(hwirq),
				 memory_order_seq_cst);
	if (atomic_load_explicit(&swipi_percpu.enabled, memory_order_seq_cst) &
	    swipi_hwirq_bit(hwirq))
		hosted_proc_raise(p, HOSTED_LINE_SWIPI);
}

static void swipi_percpu_enable(uint32_t hwirq)
{
	struct hosted_proc *p;
	uint32_t hwid;

	/* seq_cst enable, then seq_cst latch check: pairs with swipi_percpu_send() */
	atomic_fetch_or_explicit(&swipi_percpu.enabled, swipi_hwirq_bit(hwirq),
				 memory_order_seq_cst);
	p = swipi_percpu_route(hwirq, &hwid);
	if (p && (atomic_load_explicit(&swipi_percpu.pending[hwid].hwirqs, memory_order_seq_cst) &
		  swipi_hwirq_bit(hwirq)))
		hosted_proc_raise(p, HOSTED_LINE_SWIPI);
}

static void swipi_percpu_write32(void *opaque, uintptr_t offset, uint32_t val)
{
	uint32_t hwid;

	(void)opaque;
	swipi_stats_record(&swipi_percpu_stats, offset, val);
	if (offset < HOSTED_SWIPI_ROUTE(HOSTED_SWIPI_PERCPU_NR_HWIRQS)) {
		atomic_store_explicit(&swipi_percpu.route[offset / 4], val, memory_order_relaxed);
		return;
	}
	if (offset == HOSTED_SWIPI_SEND) {
		swipi_percpu_send(val);
		return;
	}
	if (val >= HOSTED_SWIPI_PERCPU_NR_HWIRQS)
		return; /* the other write-only registers take a hwirq number */
	switch (offset) {
	case HOSTED_SWIPI_CLEAR:
		hwid = atomic_load_explicit(&swipi_percpu.route[val], memory_order_relaxed);
		if (hwid < HOSTED_MAX_HWID)
			atomic_fetch_and_explicit(&swipi_percpu.pending[hwid].hwirqs,
						  ~swipi_hwirq_bit(val), memory_order_relaxed);
		break;
	case HOSTED_SWIPI_ENABLE_SET:
		swipi_percpu_enable(val);
		break;
	case HOSTED_SWIPI_ENABLE_CLR:
		atomic_fetch_and_explicit(&swipi_percpu.enabled, ~swipi_hwirq_bit(val),
					  memory_order_seq_cst);
		break;
	default:
		break; /* read-only or unused: ignored */
	}
}

static uint32_t swipi_percpu_read_pending(uintptr_t offset)
{
	unsigned long hwid = (offset - HOSTED_SWIPI_PENDING(0, 0)) / 8;
	unsigned int shift = (offset & 4) ? 32 : 0;
	uint64_t take;

	take = atomic_load_explicit(&swipi_percpu.enabled, memory_order_seq_cst) &
	       ((uint64_t)0xffffffffU << shift);
	if (!take)
		return 0;
	/*
	 * Read-to-clear of exactly the enabled bits of this half. acquire:
	 * pairs with the latch in swipi_percpu_send(), so the handlers of
	 * these hwirqs see what their senders wrote before sending.
	 */
	return (uint32_t)((atomic_fetch_and_explicit(&swipi_percpu.pending[hwid].hwirqs, ~take,
						     memory_order_acquire) &
			   take) >>
			  shift);
}

static uint32_t swipi_percpu_read32(void *opaque, uintptr_t offset)
{
	(void)opaque;
	if (offset < HOSTED_SWIPI_ROUTE(HOSTED_SWIPI_PERCPU_NR_HWIRQS))
		return atomic_load_explicit(&swipi_percpu.route[offset / 4], memory_order_relaxed);
	if (offset >= HOSTED_SWIPI_PENDING(0, 0))
		return swipi_percpu_read_pending(offset);
	switch (offset) {
	case HOSTED_SWIPI_ENABLE_LO:
		return (uint32_t)atomic_load_explicit(&swipi_percpu.enabled, memory_order_relaxed);
	case HOSTED_SWIPI_ENABLE_HI:
		return (uint32_t)(atomic_load_explicit(&swipi_percpu.enabled,
						       memory_order_relaxed) >>
				  32);
	default:
		return 0; /* write-only or unused */
	}
}

static const struct hosted_mmio_ops swipi_percpu_ops = {
	.read32 = swipi_percpu_read32,
	.write32 = swipi_percpu_write32,
};

/* ---- single variant ------------------------------------------------------ */

static void swipi_single_interrupt(unsigned int set, uint32_t hwids)
{
	uint32_t blocked = atomic_load_explicit(&swipi_single.mask[set], memory_order_relaxed);

	for (uint32_t bits = hwids; bits; bits &= bits - 1) {
		unsigned int hwid = (unsigned int)__builtin_ctz(bits);
		struct hosted_proc *p = hosted_proc_of_hwid(hwid);

		if (!p || (blocked & (1U << hwid))) {
			swipi_stats_drop(&swipi_single_stats);
			continue;
		}
		/* release, via hosted_proc_raise(): the sender's writes reach the handler */
		hosted_proc_raise(p, HOSTED_LINE_SWIPI_SINGLE(set));
	}
}

/* The MASK register at @offset, or NULL if @offset is not one. */
static _Atomic uint32_t *swipi_single_mask_reg(uintptr_t offset)
{
	if (offset < HOSTED_SWIPI_SINGLE_MASK(0) ||
	    offset >= HOSTED_SWIPI_SINGLE_MASK(HOSTED_SWIPI_SINGLE_NR_SETS))
		return NULL;
	return &swipi_single.mask[(offset - HOSTED_SWIPI_SINGLE_MASK(0)) / 4];
}

static void swipi_single_write32(void *opaque, uintptr_t offset, uint32_t val)
{
	_Atomic uint32_t *mask = swipi_single_mask_reg(offset);

	(void)opaque;
	swipi_stats_record(&swipi_single_stats, offset, val);
	if (offset < HOSTED_SWIPI_SINGLE_INTERRUPT(HOSTED_SWIPI_SINGLE_NR_SETS))
		swipi_single_interrupt((unsigned int)offset / 4, val);
	else if (mask)
		atomic_store_explicit(mask, val, memory_order_relaxed);
}

static uint32_t swipi_single_read32(void *opaque, uintptr_t offset)
{
	_Atomic uint32_t *mask = swipi_single_mask_reg(offset);

	(void)opaque;
	/* INTERRUPT registers are write-only and read 0 */
	return mask ? atomic_load_explicit(mask, memory_order_relaxed) : 0;
}

static const struct hosted_mmio_ops swipi_single_ops = {
	.read32 = swipi_single_read32,
	.write32 = swipi_single_write32,
};

/* ---- model life cycle and inspection ------------------------------------- */

/* Back to the reset state. No thread accesses the model. */
void hosted_swipi_model_reset(void)
{
	memset(&swipi_percpu, 0, sizeof(swipi_percpu));
	memset(&swipi_single, 0, sizeof(swipi_single));
	for (unsigned int h = 0; h < HOSTED_SWIPI_PERCPU_NR_HWIRQS; h++)
		atomic_store_explicit(&swipi_percpu.route[h], HOSTED_SWIPI_ROUTE_NONE,
				      memory_order_relaxed);
	atomic_store_explicit(&swipi_percpu_stats.dropped, 0, memory_order_relaxed);
	atomic_store_explicit(&swipi_single_stats.dropped, 0, memory_order_relaxed);
}

/* Reset both variants and put them on the bus. Boot, before CPUs run. */
int hosted_swipi_model_init(void)
{
	int ret;

	hosted_swipi_model_reset();
	ret = hosted_mmio_register(HOSTED_SWIPI_PERCPU_BASE, HOSTED_SWIPI_PERCPU_SIZE,
				   &swipi_percpu_ops, NULL);
	if (ret)
		return ret;
	return hosted_mmio_register(HOSTED_SWIPI_SINGLE_BASE, HOSTED_SWIPI_SINGLE_SIZE,
				    &swipi_single_ops, NULL);
}

static struct swipi_model_stats *swipi_stats(bool per_cpu)
{
	return per_cpu ? &swipi_percpu_stats : &swipi_single_stats;
}

unsigned long hosted_swipi_writes(bool per_cpu, unsigned long offset)
{
	struct swipi_model_stats *s = swipi_stats(per_cpu);
	unsigned long total = 0;

	if (offset == ~0UL) {
		for (unsigned long reg = 0; reg < s->nr_regs; reg++)
			total += swipi_stats_writes(s, reg);
		return total;
	}
	if ((offset & 3) || offset / 4 >= s->nr_regs)
		return 0;
	return swipi_stats_writes(s, offset / 4);
}

uint32_t hosted_swipi_last_write(bool per_cpu, unsigned long offset)
{
	struct swipi_model_stats *s = swipi_stats(per_cpu);

	if ((offset & 3) || offset / 4 >= s->nr_regs)
		return 0;
	return atomic_load_explicit(&s->last[offset / 4], memory_order_relaxed);
}

unsigned long hosted_swipi_dropped(bool per_cpu)
{
	return atomic_load_explicit(&swipi_stats(per_cpu)->dropped, memory_order_relaxed);
}
