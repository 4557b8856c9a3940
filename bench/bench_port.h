/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bench_port.c's own interface, beside what <genipi/port.h> declares.
 */
#ifndef GENIPI_BENCH_PORT_H
#define GENIPI_BENCH_PORT_H

#ifdef BENCH_PORT_THREADS
/* The calling thread is CPU @cpu from now on (BENCH_PORT_THREADS only). */
void bench_port_set_cpu(unsigned int cpu);
#endif

#endif /* GENIPI_BENCH_PORT_H */
