/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kalray KV3 system function registers (SFRs) of the core interrupt
 * controller, as a port provides them to drivers
 * (drivers/irqchip/irq-kvx-core-intc.c).
 *
 *   ILE  interrupt line enable: bit n enables line n
 *   ILR  interrupt line request: bit n is set while line n is pending;
 *        software acknowledges a line by clearing its bit
 *
 * Each function acts on the calling core's own registers, lines 0-31, as
 * the sfr instructions do. A kvx port implements them with get/wfxl; the
 * hosted port (kvx-sfr.c) over its CPU thread's line state, where on a
 * thread that is not a CPU reads return 0 and writes do nothing.
 *
 * Setting an ILE bit of a pending line makes the core take it at its next
 * interrupt point.
 */
#ifndef GENIPI_KVX_SFR_H
#define GENIPI_KVX_SFR_H

#include <genipi/types.h>

#include <stdint.h>

GENIPI_BEGIN_DECLS

/* ILE of the calling core. */
uint32_t kvx_sfr_get_ile(void);
/* Enable the lines of @bits on the calling core; the others keep their state. */
void kvx_sfr_set_ile_bits(uint32_t bits);
/* Disable the lines of @bits on the calling core; the others keep their state. */
void kvx_sfr_clear_ile_bits(uint32_t bits);

/* ILR of the calling core: its pending lines, enabled or not. */
uint32_t kvx_sfr_get_ilr(void);
/* Acknowledge the lines of @bits on the calling core (clear their requests). */
void kvx_sfr_clear_ilr_bits(uint32_t bits);

GENIPI_END_DECLS

#endif /* GENIPI_KVX_SFR_H */
