/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The generic IPI layer: reserve an IPI for a set of targets, get one virq,
 * send through it. Semantics follow Linux kernel/irq/ipi.c.
 */
#ifndef GENIPI_IPI_H
#define GENIPI_IPI_H

#include <genipi/cpumask.h>
#include <genipi/irq.h>
#include <genipi/irqdomain.h>

GENIPI_BEGIN_DECLS

int irq_reserve_ipi(struct irq_domain *domain, const struct cpumask *dest);
int irq_destroy_ipi(unsigned int virq, const struct cpumask *dest);
irq_hw_number_t ipi_get_hwirq(unsigned int virq, unsigned int target);
int ipi_send_single(unsigned int virq, unsigned int target);
int ipi_send_mask(unsigned int virq, const struct cpumask *dest);
int ipi_send_all(unsigned int virq);
int __ipi_send_single(struct irq_desc *desc, unsigned int target);
int __ipi_send_mask(struct irq_desc *desc, const struct cpumask *dest);

/*
 * struct ipi_mapping: a target -> hwirq table for IPI domains whose targets
 * each use their own, not necessarily linear, hwirq. Unmapped entries hold
 * INVALID_HWIRQ.
 */
struct ipi_mapping;

struct ipi_mapping *irq_alloc_ipi_mapping(unsigned int nr_targets);
void irq_free_ipi_mapping(struct ipi_mapping *map);
int irq_map_ipi(struct ipi_mapping *map, unsigned int target, irq_hw_number_t hwirq);
int irq_unmap_ipi(struct ipi_mapping *map, unsigned int target);
irq_hw_number_t irq_ipi_mapping_get_hwirq(struct ipi_mapping *map, unsigned int target);

GENIPI_END_DECLS

#endif /* GENIPI_IPI_H */
