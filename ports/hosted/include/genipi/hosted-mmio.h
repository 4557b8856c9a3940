/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hosted MMIO bus, model side: a device model claims a range of fake
 * physical addresses and receives the 32-bit accesses drivers make there
 * with readl()/writel() (<genipi/io.h>).
 *
 * The bus is a small fixed table. Registration is append-only and may
 * happen at any time; the access path takes no lock. hosted_machine_shutdown()
 * empties the bus, and the machine's own models register again at boot.
 */
#ifndef GENIPI_HOSTED_MMIO_H
#define GENIPI_HOSTED_MMIO_H

#include <genipi/types.h>

GENIPI_BEGIN_DECLS

/* Regions the bus holds. */
#define HOSTED_MMIO_MAX_REGIONS 16

/**
 * struct hosted_mmio_ops - a device model's register callbacks
 * @read32:  a read at byte @offset into the region (4-byte aligned)
 * @write32: a write of @val at byte @offset
 *
 * Called on the accessing thread, concurrently from several threads: the
 * model does its own synchronisation.
 */
struct hosted_mmio_ops {
	uint32_t (*read32)(void *opaque, uintptr_t offset);
	void (*write32)(void *opaque, uintptr_t offset, uint32_t val);
};

/**
 * hosted_mmio_register - claim [@base, @base + @size) for a device model
 * @base:   first address, 4-byte aligned, not 0
 * @size:   bytes, a non-zero multiple of 4
 * @ops:    the model's callbacks (both set); must outlive the registration
 * @opaque: passed to them
 *
 * Returns 0, -EINVAL for bad arguments or a range overlapping a registered
 * one, -ENOSPC when HOSTED_MMIO_MAX_REGIONS are taken.
 */
int hosted_mmio_register(uintptr_t base, size_t size, const struct hosted_mmio_ops *ops,
			 void *opaque);

/**
 * hosted_mmio_bad_accesses - accesses that hit no region or were unaligned
 * since the bus was last emptied
 */
unsigned long hosted_mmio_bad_accesses(void);

GENIPI_END_DECLS

#endif /* GENIPI_HOSTED_MMIO_H */
