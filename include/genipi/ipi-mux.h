/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPI multiplexer: up to 32 virtual IPIs over one parent IPI
 * per CPU. See docs and core/ipi-mux.c for the ordering contract.
 */
#ifndef GENIPI_IPI_MUX_H
#define GENIPI_IPI_MUX_H

#include <genipi/types.h>

GENIPI_BEGIN_DECLS

int ipi_mux_create(unsigned int nr_ipi, void (*mux_send)(unsigned int target));
void ipi_mux_process(void);

GENIPI_END_DECLS

#endif /* GENIPI_IPI_MUX_H */
