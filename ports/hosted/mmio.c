// SPDX-License-Identifier: BSD-2-Clause
/*
 * The hosted MMIO bus: fake physical address ranges owned by device models.
 *
 * A small table filled append-only: a new entry is written in full, then
 * published by a release store of the count; the access path loads the
 * count with acquire and scans the entries before it, without a lock.
 * Entries never change until hosted_machine_shutdown() empties the table,
 * when no thread accesses the bus.
 */
#include "hosted-internal.h"

#include <genipi/errno.h>
#include <genipi/hosted-mmio.h>
#include <genipi/io.h>

#include <string.h>

struct hosted_mmio_region {
	uintptr_t base;
	size_t size;
	const struct hosted_mmio_ops *ops;
	void *opaque;
};

static struct hosted_mmio_region hosted_mmio_regions[HOSTED_MMIO_MAX_REGIONS];
static _Atomic unsigned int hosted_mmio_nr_regions;
/* Serialises registrations (and the reset) against each other. */
static pthread_mutex_t hosted_mmio_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic unsigned long hosted_mmio_nr_bad;

int hosted_mmio_register(uintptr_t base, size_t size, const struct hosted_mmio_ops *ops,
			 void *opaque)
{
	struct hosted_mmio_region *r;
	uintptr_t last;
	unsigned int nr, i;
	int ret = 0;

	if (!ops || !ops->read32 || !ops->write32 || !base || (base & 3) || !size || (size & 3) ||
	    size - 1 > UINTPTR_MAX - base)
		return -EINVAL;
	last = base + (size - 1);

	pthread_mutex_lock(&hosted_mmio_lock);
	nr = atomic_load_explicit(&hosted_mmio_nr_regions, memory_order_relaxed);
	for (i = 0; i < nr; i++) {
		r = &hosted_mmio_regions[i];
		if (base <= r->base + (r->size - 1) && r->base <= last) {
			ret = -EINVAL;
			goto out_unlock;
		}
	}
	if (nr == HOSTED_MMIO_MAX_REGIONS) {
		ret = -ENOSPC;
		goto out_unlock;
	}
	r = &hosted_mmio_regions[nr];
	r->base = base;
	r->size = size;
	r->ops = ops;
	r->opaque = opaque;
	/* release: pairs with the acquire load in hosted_mmio_find() */
	atomic_store_explicit(&hosted_mmio_nr_regions, nr + 1, memory_order_release);
out_unlock:
	pthread_mutex_unlock(&hosted_mmio_lock);
	return ret;
}

void hosted_mmio_reset(void)
{
	pthread_mutex_lock(&hosted_mmio_lock);
	atomic_store_explicit(&hosted_mmio_nr_regions, 0, memory_order_relaxed);
	memset(hosted_mmio_regions, 0, sizeof(hosted_mmio_regions));
	atomic_store_explicit(&hosted_mmio_nr_bad, 0, memory_order_relaxed);
	pthread_mutex_unlock(&hosted_mmio_lock);
}

unsigned long hosted_mmio_bad_accesses(void)
{
	return atomic_load_explicit(&hosted_mmio_nr_bad, memory_order_relaxed);
}

/* The region holding the aligned word at @addr, or NULL (counted as bad). */
static const struct hosted_mmio_region *hosted_mmio_find(uintptr_t addr)
{
	/* acquire: pairs with the release store in hosted_mmio_register() */
	unsigned int nr = atomic_load_explicit(&hosted_mmio_nr_regions, memory_order_acquire);

	if (!(addr & 3)) {
		for (unsigned int i = 0; i < nr; i++) {
			const struct hosted_mmio_region *r = &hosted_mmio_regions[i];

			if (addr - r->base < r->size)
				return r;
		}
	}
	atomic_fetch_add_explicit(&hosted_mmio_nr_bad, 1, memory_order_relaxed);
	return NULL;
}

uint32_t hosted_mmio_read32(uintptr_t addr)
{
	const struct hosted_mmio_region *r = hosted_mmio_find(addr);
	uint32_t val;

	if (!r)
		return ~0U;
	val = r->ops->read32(r->opaque, addr - r->base);
	/*
	 * readl(): the caller's later accesses come after the read. Pairs
	 * with the release by which whoever changed the state the read
	 * returns published it (the models use release RMWs).
	 */
	atomic_thread_fence(memory_order_acquire);
	return val;
}

void hosted_mmio_write32(uintptr_t addr, uint32_t val)
{
	const struct hosted_mmio_region *r = hosted_mmio_find(addr);

	if (!r)
		return;
	/*
	 * writel(): the caller's earlier accesses come before the device
	 * sees the write (a send after the data it announces). Pairs with
	 * the acquire by which the write's effect is observed, e.g. the
	 * claim of a raised line in hosted_cpu_claim_lines().
	 */
	atomic_thread_fence(memory_order_release);
	r->ops->write32(r->opaque, addr - r->base, val);
}
