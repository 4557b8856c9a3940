/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Register accessors for drivers: readl()/writel() on an address from
 * ioremap(), as in Linux. Every port provides this header.
 *
 * On the hosted port there is no real device memory. Addresses are fake
 * physical addresses (never dereferenced) owned by device models registered
 * on the hosted MMIO bus (<genipi/hosted-mmio.h>); an access is a call into
 * the model owning the address.
 */
#ifndef GENIPI_IO_H
#define GENIPI_IO_H

#include <genipi/types.h>

GENIPI_BEGIN_DECLS

#ifndef __iomem
#define __iomem
#endif

/*
 * The bus: dispatch a 32-bit access to the model owning @addr. An access to
 * no model, or not 4-byte aligned, reads as all ones and writes nothing.
 * hosted_mmio_write32() orders the caller's earlier memory accesses before
 * the model sees the write, and hosted_mmio_read32() the caller's later ones
 * after the read, as writel()/readl() do.
 */
uint32_t hosted_mmio_read32(uintptr_t addr);
void hosted_mmio_write32(uintptr_t addr, uint32_t val);

static inline uint32_t readl(const volatile void __iomem *addr)
{
	return hosted_mmio_read32((uintptr_t)addr);
}

static inline void writel(uint32_t val, volatile void __iomem *addr)
{
	hosted_mmio_write32((uintptr_t)addr, val);
}

/* Map a device's physical registers: on the hosted bus, the address itself. */
static inline void __iomem *ioremap(uintptr_t phys, size_t size)
{
	(void)size;
	return (void __iomem *)phys;
}

static inline void iounmap(volatile void __iomem *addr)
{
	(void)addr;
}

GENIPI_END_DECLS

#endif /* GENIPI_IO_H */
