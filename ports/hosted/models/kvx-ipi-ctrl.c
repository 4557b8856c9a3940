// SPDX-License-Identifier: BSD-2-Clause
/*
 * The Kalray Coolidge IPI controller device model (register map in
 * <genipi/hosted-kvx-ipi-ctrl.h>). It sits on the hosted MMIO bus and
 * raises processors' input lines with hosted_proc_raise(); the driver
 * (drivers/irqchip/irq-kvx-ipi-ctrl.c) reaches it only through
 * readl()/writel().
 *
 * The hardware's state is the eight MASK registers; INTERRUPT registers
 * hold nothing, a write is an event. Register accesses run on the
 * accessing thread, concurrently with others, so every word is atomic:
 *
 *   - MASK(n) is stored with release and loaded with acquire by a write to
 *     INTERRUPT(n), as a register file orders one core's writes to it: a
 *     sender that learnt of a reservation after it was made (through the
 *     core's lock) sees the MASK the reservation programmed.
 *   - A raise is hosted_proc_raise(), a release RMW of the processor's
 *     pending lines, paired with the processor's acquire claim: the
 *     handler sees what the sender wrote before its writel().
 *   - The counters are relaxed: tests read them after the machine is quiet
 *     or through a synchronising wait.
 */
#include "../hosted-internal.h"

#include <genipi/errno.h>
#include <genipi/hosted-kvx-ipi-ctrl.h>
#include <genipi/hosted-mmio.h>

#include <string.h>

#define KVX_MODEL_NR_REGS (HOSTED_KVX_IPI_CTRL_REGS_SIZE / 4)

/* Written by the booting thread only (attach/detach), before/after CPUs touch it. */
static bool kvx_model_attached;

static struct {
	_Atomic uint32_t mask[HOSTED_KVX_IPI_CTRL_NR_SETS];

	/* inspection, relaxed */
	_Atomic unsigned long writes[KVX_MODEL_NR_REGS];
	_Atomic uint32_t last[KVX_MODEL_NR_REGS];
	_Atomic unsigned long raised[HOSTED_KVX_IPI_CTRL_NR_SETS][HOSTED_KVX_IPI_CTRL_NR_BITS];
	_Atomic unsigned long interrupt_writes;
	_Atomic unsigned long mask_writes;
	_Atomic unsigned long ignored_writes;
	_Atomic unsigned long raises;
	_Atomic unsigned long masked;
	_Atomic unsigned long absent;
} kvx_model;

static void kvx_model_count(_Atomic unsigned long *counter, unsigned long n)
{
	atomic_fetch_add_explicit(counter, n, memory_order_relaxed);
}

/* A write to INTERRUPT(@set): raise the set's line on each admitted core. */
static void kvx_model_interrupt(unsigned int set, uint32_t val)
{
	/* acquire: pairs with the release store of kvx_model_write32() */
	uint32_t blocked = atomic_load_explicit(&kvx_model.mask[set], memory_order_acquire);
	uint32_t targets = val & HOSTED_KVX_IPI_CTRL_ALL_BITS;

	kvx_model_count(&kvx_model.interrupt_writes, 1);
	kvx_model_count(&kvx_model.masked, (unsigned long)__builtin_popcount(targets & blocked));
	for (uint32_t bits = targets & ~blocked; bits; bits &= bits - 1) {
		unsigned int hwid = (unsigned int)__builtin_ctz(bits);
		struct hosted_proc *p = hosted_proc_of_hwid(hwid);

		if (!p) {
			kvx_model_count(&kvx_model.absent, 1);
			continue;
		}
		kvx_model_count(&kvx_model.raised[set][hwid], 1);
		kvx_model_count(&kvx_model.raises, 1);
		hosted_proc_raise(p, HOSTED_KVX_IPI_CTRL_LINE(set));
	}
}

static void kvx_model_write32(void *opaque, uintptr_t offset, uint32_t val)
{
	(void)opaque;
	if (offset >= HOSTED_KVX_IPI_CTRL_REGS_SIZE) {
		kvx_model_count(&kvx_model.ignored_writes, 1);
		return;
	}
	kvx_model_count(&kvx_model.writes[offset / 4], 1);
	atomic_store_explicit(&kvx_model.last[offset / 4], val, memory_order_relaxed);
	if (offset < HOSTED_KVX_IPI_CTRL_MASK(0)) {
		kvx_model_interrupt((unsigned int)(offset / 4), val);
		return;
	}
	kvx_model_count(&kvx_model.mask_writes, 1);
	/* release: pairs with the acquire load of kvx_model_interrupt() */
	atomic_store_explicit(&kvx_model.mask[(offset - HOSTED_KVX_IPI_CTRL_MASK(0)) / 4],
			      val & HOSTED_KVX_IPI_CTRL_ALL_BITS, memory_order_release);
}

static uint32_t kvx_model_read32(void *opaque, uintptr_t offset)
{
	(void)opaque;
	/* INTERRUPT registers are write-only; nothing lives past the sets */
	if (offset < HOSTED_KVX_IPI_CTRL_MASK(0) ||
	    offset >= HOSTED_KVX_IPI_CTRL_MASK(HOSTED_KVX_IPI_CTRL_NR_SETS))
		return 0;
	return atomic_load_explicit(&kvx_model.mask[(offset - HOSTED_KVX_IPI_CTRL_MASK(0)) / 4],
				    memory_order_acquire);
}

static const struct hosted_mmio_ops kvx_model_ops = {
	.read32 = kvx_model_read32,
	.write32 = kvx_model_write32,
};

int hosted_kvx_ipi_ctrl_attach(uintptr_t base, size_t size)
{
	int ret;

	if (!base || (base & 3) || size < HOSTED_KVX_IPI_CTRL_REGS_SIZE || (size & 3))
		return -EINVAL;
	if (kvx_model_attached)
		return -EBUSY;
	/* no thread touches the model yet: the bus does not route to it */
	memset(&kvx_model, 0, sizeof(kvx_model));
	ret = hosted_mmio_register(base, size, &kvx_model_ops, NULL);
	if (!ret)
		kvx_model_attached = true;
	return ret;
}

void hosted_kvx_ipi_ctrl_detach(void)
{
	kvx_model_attached = false;
}

void hosted_kvx_ipi_ctrl_get_stats(struct hosted_kvx_ipi_ctrl_stats *stats)
{
	if (!stats)
		return;
	stats->interrupt_writes = atomic_load_explicit(&kvx_model.interrupt_writes,
						       memory_order_relaxed);
	stats->mask_writes = atomic_load_explicit(&kvx_model.mask_writes, memory_order_relaxed);
	stats->ignored_writes = atomic_load_explicit(&kvx_model.ignored_writes,
						     memory_order_relaxed);
	stats->raises = atomic_load_explicit(&kvx_model.raises, memory_order_relaxed);
	stats->masked = atomic_load_explicit(&kvx_model.masked, memory_order_relaxed);
	stats->absent = atomic_load_explicit(&kvx_model.absent, memory_order_relaxed);
}

/* The register index of @offset, or -1 if it is no register. */
static long kvx_model_reg(unsigned long offset)
{
	if ((offset & 3) || offset >= HOSTED_KVX_IPI_CTRL_REGS_SIZE)
		return -1;
	return (long)(offset / 4);
}

unsigned long hosted_kvx_ipi_ctrl_writes(unsigned long offset)
{
	unsigned long total = 0;
	long reg;

	if (offset == ~0UL) {
		for (unsigned int i = 0; i < KVX_MODEL_NR_REGS; i++)
			total += atomic_load_explicit(&kvx_model.writes[i], memory_order_relaxed);
		return total;
	}
	reg = kvx_model_reg(offset);
	return reg < 0 ? 0 : atomic_load_explicit(&kvx_model.writes[reg], memory_order_relaxed);
}

uint32_t hosted_kvx_ipi_ctrl_last_write(unsigned long offset)
{
	long reg = kvx_model_reg(offset);

	return reg < 0 ? 0 : atomic_load_explicit(&kvx_model.last[reg], memory_order_relaxed);
}

uint32_t hosted_kvx_ipi_ctrl_mask(unsigned int set)
{
	if (set >= HOSTED_KVX_IPI_CTRL_NR_SETS)
		return 0;
	return atomic_load_explicit(&kvx_model.mask[set], memory_order_acquire);
}

unsigned long hosted_kvx_ipi_ctrl_raised(unsigned int set, unsigned long hwid)
{
	if (set >= HOSTED_KVX_IPI_CTRL_NR_SETS || hwid >= HOSTED_KVX_IPI_CTRL_NR_BITS)
		return 0;
	return atomic_load_explicit(&kvx_model.raised[set][hwid], memory_order_relaxed);
}
