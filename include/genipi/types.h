/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Basic types shared by every genipi header. Freestanding: only the
 * compiler-provided headers are used.
 */
#ifndef GENIPI_TYPES_H
#define GENIPI_TYPES_H

#include <genipi/config.h>
#include <genipi/prefix.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define GENIPI_BEGIN_DECLS extern "C" {
#define GENIPI_END_DECLS }
#else
#define GENIPI_BEGIN_DECLS
#define GENIPI_END_DECLS
#endif

GENIPI_BEGIN_DECLS

/* A hardware interrupt number, as the controller knows it. 0 is valid. */
typedef unsigned long irq_hw_number_t;

#define INVALID_HWIRQ (~0UL)

#define BITS_PER_LONG (8 * (int)sizeof(long))
#define BITS_TO_LONGS(nr) (((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)

#ifndef BIT
#define BIT(nr) (1UL << (nr))
#endif

/* Size of a cache line: per-CPU data and hot words are separated by this. */
#define GENIPI_CACHE_LINE 64

GENIPI_END_DECLS

#endif /* GENIPI_TYPES_H */
