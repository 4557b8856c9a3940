// SPDX-License-Identifier: BSD-2-Clause
/*
 * struct ipi_mapping: a target -> hwirq table for IPI domains whose targets
 * each use their own hwirq (MIPS GIC style), with unmapped targets marked
 * INVALID_HWIRQ.
 */
#include "internals.h"

struct ipi_mapping {
	unsigned int nr_targets;
	unsigned int nr_mapped;
	irq_hw_number_t hwirq[];
};

/**
 * irq_alloc_ipi_mapping - a table for @nr_targets targets (1 .. NR_TARGETS),
 * every entry INVALID_HWIRQ. Returns NULL on a bad count or no memory.
 */
struct ipi_mapping *irq_alloc_ipi_mapping(unsigned int nr_targets)
{
	struct ipi_mapping *map;

	if (WARN_ONCE(!nr_targets || nr_targets > NR_TARGETS,
		      "genipi: irq_alloc_ipi_mapping(%u): bad count\n", nr_targets))
		return NULL;
	map = port_zalloc(sizeof(*map) + nr_targets * sizeof(map->hwirq[0]));
	if (!map)
		return NULL;
	map->nr_targets = nr_targets;
	for (unsigned int t = 0; t < nr_targets; t++)
		map->hwirq[t] = INVALID_HWIRQ;
	return map;
}

void irq_free_ipi_mapping(struct ipi_mapping *map)
{
	port_free(map);
}

/**
 * irq_map_ipi - record that @target receives on @hwirq
 *
 * Returns 0, -EINVAL (NULL map, target out of range, INVALID_HWIRQ) or
 * -EBUSY (the target is already mapped; unmap it first).
 */
int irq_map_ipi(struct ipi_mapping *map, unsigned int target, irq_hw_number_t hwirq)
{
	if (WARN_ONCE(!map || target >= map->nr_targets || hwirq == INVALID_HWIRQ,
		      "genipi: irq_map_ipi: bad argument\n"))
		return -EINVAL;
	if (map->hwirq[target] != INVALID_HWIRQ)
		return -EBUSY;
	map->hwirq[target] = hwirq;
	map->nr_mapped++;
	return 0;
}

/* Forget @target's hwirq. Returns 0 or -EINVAL (bad map/target, not mapped). */
int irq_unmap_ipi(struct ipi_mapping *map, unsigned int target)
{
	if (WARN_ONCE(!map || target >= map->nr_targets || map->hwirq[target] == INVALID_HWIRQ,
		      "genipi: irq_unmap_ipi: bad argument\n"))
		return -EINVAL;
	map->hwirq[target] = INVALID_HWIRQ;
	map->nr_mapped--;
	return 0;
}

/* @target's hwirq, or INVALID_HWIRQ (unmapped, bad map or target). */
irq_hw_number_t irq_ipi_mapping_get_hwirq(struct ipi_mapping *map, unsigned int target)
{
	if (!map || target >= map->nr_targets)
		return INVALID_HWIRQ;
	return map->hwirq[target];
}
