// SPDX-License-Identifier: BSD-2-Clause
/*
 * The KV3 core interrupt controller SFRs (<genipi/kvx-sfr.h>) on the hosted
 * port: ILE is the low 32 bits of the calling CPU's enabled lines, ILR the
 * low 32 bits of its pending lines. The ordering each access needs is
 * documented where irq.c does it.
 */
#include "hosted-internal.h"

#include <genipi/kvx-sfr.h>

uint32_t kvx_sfr_get_ile(void)
{
	return (uint32_t)hosted_cpu_enabled_lines();
}

void kvx_sfr_set_ile_bits(uint32_t bits)
{
	hosted_cpu_enable_lines(bits, true);
}

void kvx_sfr_clear_ile_bits(uint32_t bits)
{
	hosted_cpu_enable_lines(bits, false);
}

/* Acquire (hosted_cpu_pending_lines()): a line seen here comes with its raiser's data. */
uint32_t kvx_sfr_get_ilr(void)
{
	return (uint32_t)hosted_cpu_pending_lines();
}

/* Acquire (hosted_cpu_clear_lines()): a raise merged by the clear is seen too. */
void kvx_sfr_clear_ilr_bits(uint32_t bits)
{
	hosted_cpu_clear_lines(bits);
}
