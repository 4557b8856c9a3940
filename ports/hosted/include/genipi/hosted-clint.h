/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The RISC-V CLINT / ACLINT MSWI as a hosted device model: the machine
 * software interrupt part of the core-local interruptor, one 32-bit MSIP
 * register per hart. Its driver is drivers/irqchip/irq-riscv-clint.c, which
 * reaches the model only through readl()/writel().
 *
 * Register map (offsets from HOSTED_CLINT_BASE, the address QEMU's virt
 * machine uses):
 *
 *   MSIP(hwid) at 4 * hwid: bit 0 is the hart's machine software interrupt
 *   pending bit; bits 31:1 are WARL zero. Writing 1 sets it and raises
 *   cpu-intc line HOSTED_LINE_MSWI (the machine software interrupt cause
 *   number, 3) on that hart; writing 0 clears it and lowers the line if the
 *   hart has not taken it yet; reads return it. A hart is a processor of
 *   the machine addressed by hardware id (target_hwid()): a CPU or a remote
 *   processor. Registers of hwids with no processor read 0 and ignore
 *   writes.
 *
 * On hardware MIP.MSIP is MSIP itself, a level. The hosted cpu-intc latches
 * raised lines instead, and a CPU's claim clears the latch before the
 * handler runs, so the model emulates the level: it raises the line on
 * every write of 1 and lowers it on a write of 0. What a driver gets wrong
 * on hardware it gets wrong here too: a hart that clears MSIP after it
 * looked for work loses a set that came in between.
 *
 * The model is not part of hosted_machine_boot(): a test puts it on the bus
 * with hosted_clint_attach() after booting, and must call
 * hosted_clint_detach() before hosted_machine_shutdown() (it stops the
 * model's fault-injection threads, which raise lines on the machine).
 *
 * Fault injection (hosted_clint_set_faults(), any time while attached),
 * for the multiplexer's "duplicate, spurious and late parent IPIs are
 * harmless" contract:
 *
 *   duplicated: a set raises the line at once and once more a little later
 *               (from the delayer thread), so the hart usually takes two
 *               parent interrupts for one set;
 *   delayed:    a set leaves MSIP set at once but its raise comes later,
 *               from the delayer thread, after a random delay;
 *   spurious:   a background thread raises the line on random CPU harts
 *               whose MSIP is 0.
 */
#ifndef GENIPI_HOSTED_CLINT_H
#define GENIPI_HOSTED_CLINT_H

#include <genipi/types.h>

GENIPI_BEGIN_DECLS

/* The cpu-intc line MSIP drives: RISC-V interrupt cause 3, "machine software". */
#define HOSTED_LINE_MSWI 3

/* Where the model sits on the hosted MMIO bus, and how much it claims. */
#define HOSTED_CLINT_BASE 0x02000000UL
#define HOSTED_CLINT_SIZE 0x4000UL /* an ACLINT MSWI device: MSIP of hwids 0-4094 */

/* The MSIP register of hart @hwid (offset from the base). */
#define HOSTED_CLINT_MSIP(hwid) (4UL * (hwid))
/* MSIP bit 0: the machine software interrupt is pending. */
#define HOSTED_CLINT_MSIP_PENDING 0x1U

/**
 * struct hosted_clint_faults - what the model does wrong on purpose
 * @duplicate_percent:    percentage of sets whose raise is duplicated
 * @delay_percent:        percentage of sets whose raise is delayed
 * @delay_max_us:         delays (and the gap before a duplicate) are
 *                        uniform in [0, @delay_max_us] microseconds
 * @spurious_interval_us: mean interval between spurious raises; 0: none
 * @seed:                 seeds the model's random choices (0: a fixed seed)
 *
 * All zero: a faithful CLINT.
 */
struct hosted_clint_faults {
	unsigned int duplicate_percent;
	unsigned int delay_percent;
	unsigned int delay_max_us;
	unsigned int spurious_interval_us;
	unsigned int seed;
};

/**
 * struct hosted_clint_stats - what the model did since it was attached
 * @sets:       writes of 1 to the MSIP of a hart
 * @clears:     writes of 0 to the MSIP of a hart
 * @raises:     raises of HOSTED_LINE_MSWI, whatever the cause
 * @duplicated: sets whose raise was duplicated
 * @delayed:    sets whose raise was delayed
 * @spurious:   spurious raises
 * @dropped:    accesses to the MSIP of a hwid with no processor
 */
struct hosted_clint_stats {
	unsigned long sets;
	unsigned long clears;
	unsigned long raises;
	unsigned long duplicated;
	unsigned long delayed;
	unsigned long spurious;
	unsigned long dropped;
};

/**
 * hosted_clint_attach - reset the model and put it on the MMIO bus at
 * HOSTED_CLINT_BASE
 *
 * Once per boot, after hosted_machine_boot(), from a thread that is not a
 * CPU. All MSIP registers read 0, no fault is injected.
 *
 * Returns 0, -EINVAL for no machine or a call from a CPU thread, -EBUSY if
 * already attached, the bus's error (e.g. -EINVAL when the region is still
 * registered from an earlier attach in this boot), or -ENOMEM if a thread
 * cannot start.
 */
int hosted_clint_attach(void);

/**
 * hosted_clint_detach - stop the model's threads
 *
 * Raises what the delayer still holds, then stops it and the spurious
 * injector. Call before hosted_machine_shutdown(). The registers keep
 * working (without faults) until the shutdown empties the bus. Does nothing
 * if not attached.
 */
void hosted_clint_detach(void);

/**
 * hosted_clint_set_faults - configure fault injection
 * @faults: the faults; NULL turns every fault off
 *
 * Returns 0, -EINVAL if not attached or a percentage is above 100.
 */
int hosted_clint_set_faults(const struct hosted_clint_faults *faults);

/**
 * hosted_clint_get_stats - read the model's counters
 * @stats: filled in (zeros if never attached)
 */
void hosted_clint_get_stats(struct hosted_clint_stats *stats);

GENIPI_END_DECLS

#endif /* GENIPI_HOSTED_CLINT_H */
