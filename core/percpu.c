// SPDX-License-Identifier: BSD-2-Clause
/*
 * Per-CPU storage: nr_cpu_ids instances at a cache-line multiple stride,
 * the stride stored in the cache line before CPU 0's instance.
 */
#include "internals.h"

#define PERCPU_MAX_ALIGN 4096

void *__alloc_percpu(size_t size, size_t align)
{
	size_t unit = GENIPI_CACHE_LINE, stride, header;
	unsigned int nr = nr_cpu_ids;
	char *base;

	if (WARN_ONCE(!size || !align || (align & (align - 1)) || align > PERCPU_MAX_ALIGN,
		      "genipi: __alloc_percpu(%zu, %zu): bad size or alignment\n", size, align))
		return NULL;
	if (WARN_ONCE(!nr, "genipi: __alloc_percpu before the CPUs are known\n"))
		return NULL;
	if (align > unit)
		unit = align;
	if (size > ((size_t)-1 - 3 * unit) / nr)
		return NULL; /* the rounding below and the total would overflow */
	stride = (size + unit - 1) & ~(unit - 1);
	/* the header line keeps CPU 0's instance aligned to @unit */
	header = unit;
	base = port_zalloc(header + stride * nr + unit);
	if (!base)
		return NULL;
	/* port_zalloc() aligns to a cache line; realign to @unit if larger */
	char *cpu0 = (char *)(((uintptr_t)base + header + unit - 1) & ~(uintptr_t)(unit - 1));

	((size_t *)cpu0)[-1] = stride;
	((void **)cpu0)[-2] = base;
	return cpu0;
}

void free_percpu(void *ptr)
{
	if (!ptr)
		return;
	port_free(((void **)ptr)[-2]);
}
