/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Per-CPU data: one zeroed instance per CPU, each on its own cache lines.
 *
 * The pointer returned by __alloc_percpu() is CPU 0's instance; the others
 * follow at a fixed stride recorded in a header just before it, so
 * per_cpu_ptr() is one load, one multiply and one add.
 */
#ifndef GENIPI_PERCPU_H
#define GENIPI_PERCPU_H

#include <genipi/types.h>

GENIPI_BEGIN_DECLS

/**
 * __alloc_percpu - allocate zeroed per-CPU storage
 * @size: bytes per CPU (> 0)
 * @align: alignment of each instance (a power of two, at most one page)
 *
 * One instance per possible CPU id (nr_cpu_ids at the time of the call),
 * each starting on its own cache line. Slow path: may take the port lock
 * and allocate. Returns NULL on bad arguments or when memory runs out.
 */
void *__alloc_percpu(size_t size, size_t align);
#define alloc_percpu(type) ((type *)__alloc_percpu(sizeof(type), _Alignof(type)))

/* Free storage from __alloc_percpu(). NULL is ignored. */
void free_percpu(void *ptr);

/* Distance in bytes between two CPUs' instances (internal to the macros). */
static inline size_t __percpu_stride(const void *ptr)
{
	return ((const size_t *)ptr)[-1];
}

static inline void *__per_cpu_ptr(const void *ptr, unsigned int cpu)
{
	return (char *)(uintptr_t)ptr + (size_t)cpu * __percpu_stride(ptr);
}

#if defined(__GNUC__)
#define per_cpu_ptr(ptr, cpu) ((__typeof__(ptr))__per_cpu_ptr((ptr), (cpu)))
#else
#define per_cpu_ptr(ptr, cpu) __per_cpu_ptr((ptr), (cpu))
#endif
#define this_cpu_ptr(ptr) per_cpu_ptr(ptr, smp_processor_id())

/**
 * smp_processor_id - the id of the calling CPU
 *
 * Provided by the port. A thread or context that is not one of our CPUs
 * (the hosted port's main thread) gets a value >= nr_cpu_ids.
 */
unsigned int smp_processor_id(void);

GENIPI_END_DECLS

#endif /* GENIPI_PERCPU_H */
