/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Register accessors for drivers on the bare-metal ports: readl()/writel()
 * on an address from ioremap(), as in Linux. Device memory is identity
 * mapped (or the MMU is off), so ioremap() is the physical address.
 *
 * Ordering, as Linux's non-relaxed accessors: writel() orders every earlier
 * memory access of the caller before the device sees the write (an IPI
 * sender's stores to the message it announces, paired with the receiver's
 * loads after it took the interrupt); readl() orders the read before every
 * later memory access of the caller.
 */
#ifndef GENIPI_IO_H
#define GENIPI_IO_H

#include <genipi/types.h>

GENIPI_BEGIN_DECLS

#ifndef __iomem
#define __iomem
#endif

#if defined(__riscv)
/* earlier memory reads/writes before the device write (fence rw,o) */
#define genipi_io_before_write() __asm__ volatile("fence rw,o" ::: "memory")
/* the device read before later memory reads/writes (fence i,rw) */
#define genipi_io_after_read() __asm__ volatile("fence i,rw" ::: "memory")
#elif defined(__aarch64__)
/*
 * Normal-memory accesses before the Device write: dmb osh (outer shareable,
 * loads and stores: the receiver reads what we wrote, and we must not read
 * what it writes after it saw the IPI).
 */
#define genipi_io_before_write() __asm__ volatile("dmb osh" ::: "memory")
#define genipi_io_after_read() __asm__ volatile("dmb osh" ::: "memory")
#else
#error "no MMIO barriers for this architecture"
#endif

static inline uint32_t readl_relaxed(const volatile void __iomem *addr)
{
	return *(const volatile uint32_t *)addr;
}

static inline void writel_relaxed(uint32_t val, volatile void __iomem *addr)
{
	*(volatile uint32_t *)addr = val;
}

static inline uint64_t readq_relaxed(const volatile void __iomem *addr)
{
	return *(const volatile uint64_t *)addr;
}

static inline void writeq_relaxed(uint64_t val, volatile void __iomem *addr)
{
	*(volatile uint64_t *)addr = val;
}

static inline uint32_t readl(const volatile void __iomem *addr)
{
	uint32_t val = readl_relaxed(addr);

	genipi_io_after_read();
	return val;
}

static inline void writel(uint32_t val, volatile void __iomem *addr)
{
	genipi_io_before_write();
	writel_relaxed(val, addr);
}

static inline uint64_t readq(const volatile void __iomem *addr)
{
	uint64_t val = readq_relaxed(addr);

	genipi_io_after_read();
	return val;
}

static inline void writeq(uint64_t val, volatile void __iomem *addr)
{
	genipi_io_before_write();
	writeq_relaxed(val, addr);
}

/* Map a device's registers: identity on these ports. */
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
