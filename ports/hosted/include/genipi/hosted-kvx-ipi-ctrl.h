/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Kalray Coolidge IPI controller as a hosted device model: the
 * hardware behind drivers/irqchip/irq-kvx-ipi-ctrl.c, which reaches it only
 * through readl()/writel().
 *
 * Register map (offsets from the base the device tree's "reg" gives;
 * 32-bit registers, bits 31:17 ignored on write and read as zero):
 *
 *   INTERRUPT(n) at 0x00 + 4n, n = 0-7: write-only, reads 0. Writing a
 *   value raises set n's line, cpu-intc line HOSTED_KVX_IPI_CTRL_LINE(n),
 *   on each core whose bit is set and not blocked by MASK(n): bit i is the
 *   processor with hardware id i (PE i is CPU i, the RM is the remote
 *   processor with hardware id 16). A bit blocked by MASK(n), or naming
 *   no processor of the machine, is dropped and counted. Each write
 *   raises again, even if the line is still pending: the core merges it.
 *
 *   MASK(n) at 0x20 + 4n: read-write. A set bit blocks set n's delivery to
 *   that core. Reset value 0, everything open: the public sources do not
 *   say, and an open reset is the pessimistic choice (a driver that counts
 *   on the hardware to start closed is caught).
 *
 * Every other offset of the region reads 0 and ignores writes.
 *
 * The model is one instance: the controller of the machine's cluster. The
 * device-tree boot (hosted_machine_boot_fdt()) puts it on the bus at the
 * "reg" of a "kalray,coolidge-ipi-ctrl" or "kalray,kvx-ipi-ctrl" node;
 * without a device tree, hosted_kvx_ipi_ctrl_attach() does.
 */
#ifndef GENIPI_HOSTED_KVX_IPI_CTRL_H
#define GENIPI_HOSTED_KVX_IPI_CTRL_H

#include <genipi/types.h>

GENIPI_BEGIN_DECLS

#define HOSTED_KVX_IPI_CTRL_NR_SETS 8
#define HOSTED_KVX_IPI_CTRL_INTERRUPT(n) (0x00UL + 4UL * (n))
#define HOSTED_KVX_IPI_CTRL_MASK(n) (0x20UL + 4UL * (n))
/* The registers span this much; a region may be larger (Coolidge: 0x1000). */
#define HOSTED_KVX_IPI_CTRL_REGS_SIZE 0x40UL

/* Register bits: PE0-PE15 are hardware ids 0-15, the RM is 16. */
#define HOSTED_KVX_IPI_CTRL_NR_BITS 17
#define HOSTED_KVX_IPI_CTRL_RM_HWID 16
#define HOSTED_KVX_IPI_CTRL_ALL_BITS 0x1ffffU

/* The cpu-intc line set @n raises: lines 24-31 of a kv3-1 core-intc. */
#define HOSTED_KVX_IPI_CTRL_LINE(n) (24 + (n))

/* Where hosted_kvx_ipi_ctrl_attach() users put it: Coolidge's address. */
#define HOSTED_KVX_IPI_CTRL_BASE 0xad0000UL
#define HOSTED_KVX_IPI_CTRL_SIZE 0x1000UL

/**
 * hosted_kvx_ipi_ctrl_attach - reset the model and put it on the MMIO bus
 * @base: its first address (4-byte aligned, not 0)
 * @size: bytes it claims, at least HOSTED_KVX_IPI_CTRL_REGS_SIZE and a
 *        multiple of 4
 *
 * Once per boot, while no CPU thread touches the model (at boot, or after
 * hosted_machine_boot() from the booting thread), and undone with
 * hosted_kvx_ipi_ctrl_detach() before hosted_machine_shutdown(); the
 * device-tree boot does both. Every MASK reads 0 and every counter is 0
 * again.
 *
 * Returns 0, -EINVAL for a bad @base or @size, -EBUSY if attached (a
 * cluster has one controller), or the bus's error (e.g. -EINVAL when the
 * range is taken).
 */
int hosted_kvx_ipi_ctrl_attach(uintptr_t base, size_t size);

/**
 * hosted_kvx_ipi_ctrl_detach - let the next boot attach the model again
 *
 * The registers keep working until hosted_machine_shutdown() empties the
 * bus; the counters can still be read. Does nothing if not attached.
 */
void hosted_kvx_ipi_ctrl_detach(void);

/**
 * struct hosted_kvx_ipi_ctrl_stats - what the model did since it was attached
 * @interrupt_writes: writes to an INTERRUPT register
 * @mask_writes:      writes to a MASK register
 * @ignored_writes:   writes elsewhere in the region
 * @raises:           lines raised (one per admitted bit of an INTERRUPT write)
 * @masked:           bits of INTERRUPT writes blocked by MASK
 * @absent:           admitted bits naming no processor of the machine
 */
struct hosted_kvx_ipi_ctrl_stats {
	unsigned long interrupt_writes;
	unsigned long mask_writes;
	unsigned long ignored_writes;
	unsigned long raises;
	unsigned long masked;
	unsigned long absent;
};

/**
 * hosted_kvx_ipi_ctrl_get_stats - read the model's counters
 * @stats: filled in (zeros if never attached)
 */
void hosted_kvx_ipi_ctrl_get_stats(struct hosted_kvx_ipi_ctrl_stats *stats);

/**
 * hosted_kvx_ipi_ctrl_writes - writes a register received since attach
 * @offset: INTERRUPT(n) or MASK(n), or ~0UL for all registers together
 *
 * Returns the count, 0 for an offset that is no register.
 */
unsigned long hosted_kvx_ipi_ctrl_writes(unsigned long offset);

/**
 * hosted_kvx_ipi_ctrl_last_write - the last value written to a register
 * since attach, all 32 bits as the driver wrote them (0 if never written
 * or not a register)
 */
uint32_t hosted_kvx_ipi_ctrl_last_write(unsigned long offset);

/**
 * hosted_kvx_ipi_ctrl_mask - the current value of MASK(@set), read without
 * a bus access (0 for a bad @set)
 */
uint32_t hosted_kvx_ipi_ctrl_mask(unsigned int set);

/**
 * hosted_kvx_ipi_ctrl_raised - how many times set @set raised its line on
 * the processor with hardware id @hwid since attach (0 for bad arguments)
 */
unsigned long hosted_kvx_ipi_ctrl_raised(unsigned int set, unsigned long hwid);

GENIPI_END_DECLS

#endif /* GENIPI_HOSTED_KVX_IPI_CTRL_H */
