/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * swipi: the hosted machine's software IPI controller, a device model on
 * the hosted MMIO bus with its driver. It comes in two variants, both
 * present on every hosted machine:
 *
 * Per-CPU variant (shaped like the MIPS GIC's IPIs), at
 * HOSTED_SWIPI_PERCPU_BASE: 64 hwirqs, each routed to one processor. A send
 * latches the hwirq in its processor's pending word and raises cpu-intc
 * line HOSTED_LINE_SWIPI there. Its driver's domain is an
 * IRQ_DOMAIN_FLAG_IPI_PER_CPU domain (fwnode "swipi-percpu"): one hwirq per
 * reserved target. A target's hwirq reaches that target only, so
 * enable_percpu_irq()/disable_percpu_irq() of its virq act when called on
 * that CPU and do nothing on others; a remote processor's hwirq is enabled
 * when reserved, as nothing of ours runs there to enable it. Releasing a
 * hwirq disables it and clears its latch.
 *
 * Single variant (shaped like the Kalray Coolidge IPI controller and GIC
 * SGIs), at HOSTED_SWIPI_SINGLE_BASE: 8 register sets; set s raises cpu-intc
 * line HOSTED_LINE_SWIPI_SINGLE(s) on every processor named in the bitmask
 * written to its INTERRUPT register. Its driver's domain is an
 * IRQ_DOMAIN_FLAG_IPI_SINGLE child of the cpu-intc domain (fwnode
 * "swipi-single"): one hwirq (a set) for all targets. Its mask and unmask
 * are those of the cpu-intc line below, on the calling CPU; releasing the
 * set disables that line and drops what is latched on it, on every CPU.
 *
 * Processors are named by hardware id (target_hwid()), not target id.
 */
#ifndef GENIPI_HOSTED_SWIPI_H
#define GENIPI_HOSTED_SWIPI_H

#include <genipi/hosted.h>
#include <genipi/irqdomain.h>
#include <genipi/types.h>

GENIPI_BEGIN_DECLS

/* ---- per-CPU variant register map (32-bit registers) ------------------- */

#define HOSTED_SWIPI_PERCPU_BASE 0x10000000UL
#define HOSTED_SWIPI_PERCPU_SIZE 0x3000UL
#define HOSTED_SWIPI_PERCPU_NR_HWIRQS 64

/* RW: hwid of the processor hwirq @h is routed to; reset: no route. */
#define HOSTED_SWIPI_ROUTE(h) (0x000 + 4 * (h))
#define HOSTED_SWIPI_ROUTE_NONE 0xffffffffU
/*
 * WO: write a hwirq number to raise it: its bit is latched in the pending
 * word of its routed processor and, if the hwirq is enabled, line
 * HOSTED_LINE_SWIPI is raised there (at every send, even if already
 * latched). A send to an unrouted hwirq is dropped.
 */
#define HOSTED_SWIPI_SEND 0x100
/* WO: write a hwirq number to clear its latched bit (at its route). */
#define HOSTED_SWIPI_CLEAR 0x104
/* WO: write a hwirq number to enable it; raises the line if it is latched. */
#define HOSTED_SWIPI_ENABLE_SET 0x108
/* WO: write a hwirq number to disable it; a send still latches it. */
#define HOSTED_SWIPI_ENABLE_CLR 0x10c
/* RO: enabled hwirqs 0-31 (_LO) and 32-63 (_HI). */
#define HOSTED_SWIPI_ENABLE_LO 0x110
#define HOSTED_SWIPI_ENABLE_HI 0x114
/*
 * Read-to-clear: the latched, enabled hwirqs of processor @hwid, hwirqs 0-31
 * in half 0 and 32-63 in half 1. A read returns them and clears exactly
 * what it returned; disabled hwirqs stay latched. Writes are ignored.
 * @hwid < HOSTED_MAX_HWID.
 */
#define HOSTED_SWIPI_PENDING(hwid, half) (0x1000 + 8 * (hwid) + 4 * (half))

/* ---- single variant register map (the Kalray Coolidge layout) ---------- */

#define HOSTED_SWIPI_SINGLE_BASE 0x10010000UL
#define HOSTED_SWIPI_SINGLE_SIZE 0x40UL
#define HOSTED_SWIPI_SINGLE_NR_SETS 8
/* Bits of the target bitmasks: processors with hwid 0-31 only. */
#define HOSTED_SWIPI_SINGLE_MAX_HWID 32

/*
 * WO (reads 0): write a bitmask of hwids to raise line
 * HOSTED_LINE_SWIPI_SINGLE(@s) on each of those processors not blocked by
 * MASK(@s). Bits naming no processor are ignored.
 */
#define HOSTED_SWIPI_SINGLE_INTERRUPT(s) (0x00 + 4 * (s))
/* RW, reset 0: a set bit blocks (drops) delivery of set @s to that hwid. */
#define HOSTED_SWIPI_SINGLE_MASK(s) (0x20 + 4 * (s))

/* ---- driver ------------------------------------------------------------ */

/**
 * hosted_swipi_domain - the IPI domain of a swipi variant
 * @per_cpu: true for the per-CPU variant, false for the single one
 *
 * Use it with irq_reserve_ipi(). Returns NULL when no machine is booted.
 */
struct irq_domain *hosted_swipi_domain(bool per_cpu);

/* ---- model inspection for tests ---------------------------------------- */

/**
 * hosted_swipi_writes - register writes a swipi variant received since boot
 * @per_cpu: which variant
 * @offset:  a register offset (4-byte aligned, inside the variant's region),
 *           or ~0UL for the total over all its registers
 *
 * Returns the count, 0 for a bad @offset.
 */
unsigned long hosted_swipi_writes(bool per_cpu, unsigned long offset);

/**
 * hosted_swipi_last_write - the last value written to a swipi register
 * since boot (0 if never written or a bad @offset)
 */
uint32_t hosted_swipi_last_write(bool per_cpu, unsigned long offset);

/**
 * hosted_swipi_dropped - deliveries the model dropped since boot: per-CPU,
 * a send of a bad or unrouted hwirq or one routed to a hwid with no
 * processor; single, a target bit naming no processor or blocked by MASK
 */
unsigned long hosted_swipi_dropped(bool per_cpu);

GENIPI_END_DECLS

#endif /* GENIPI_HOSTED_SWIPI_H */
