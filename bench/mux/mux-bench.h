/* SPDX-License-Identifier: BSD-2-Clause */
/* Timing helpers shared by the multiplexer benchmarks. */
#ifndef GENIPI_BENCH_MUX_BENCH_H
#define GENIPI_BENCH_MUX_BENCH_H

#include <stdlib.h>
#include <time.h>

static inline double bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The median of @nr values; sorts @v. */
static inline double bench_median(double *v, unsigned int nr)
{
	qsort(v, nr, sizeof(v[0]), bench_cmp_double);
	return v[nr / 2];
}

#endif /* GENIPI_BENCH_MUX_BENCH_H */
