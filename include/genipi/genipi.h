/* SPDX-License-Identifier: BSD-2-Clause */
/* genipi: the umbrella header. */
#ifndef GENIPI_GENIPI_H
#define GENIPI_GENIPI_H

#include <genipi/config.h>
#include <genipi/errno.h>
#include <genipi/types.h>
#include <genipi/cpumask.h>
#include <genipi/percpu.h>
#include <genipi/irq.h>
#include <genipi/irqdomain.h>
#include <genipi/ipi.h>
#include <genipi/ipi-mux.h>

#endif /* GENIPI_GENIPI_H */
