/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The machine the multiplexer tests run on: a hosted machine with the
 * CLINT model attached and its driver initialised, so every virtual IPI
 * goes through the whole path (ipi_send_*, the multiplexer, the driver's
 * writel() to MSIP, the model, the cpu-intc line, the chained handler,
 * ipi_mux_process()).
 */
#ifndef GENIPI_TESTS_MUX_MACHINE_H
#define GENIPI_TESTS_MUX_MACHINE_H

#include "test-machine.h"

#include <genipi/hosted-clint.h>
#include <genipi/hosted.h>
#include <genipi/io.h>
#include <genipi/irqchip/riscv-clint.h>
#include <genipi/port.h>

#include <stdatomic.h>

/* Virtual IPIs mux_machine_boot() creates. */
#define MUX_NR_VIPI 8

/* A wait in the tests that takes longer than this has failed. */
#define MUX_WAIT_MS 10000

struct mux_machine {
	unsigned int nr_cpus;
	unsigned int nr_vipi;
	unsigned int first_virq; /* the multiplexer's first virq */
};

extern struct mux_machine mux;

/*
 * Boot @nr_cpus CPUs with @delivery, attach the CLINT model, create
 * @nr_vipi virtual IPIs with clint_ipi_init() and enable the software
 * interrupt on every CPU. Returns 0 or a negative errno.
 */
int mux_machine_boot(unsigned int nr_cpus, enum hosted_delivery delivery, unsigned int nr_vipi);

/* Detach the model and shut the machine down. */
void mux_machine_shutdown(void);

/* cmocka fixtures: 4 CPUs, sleep delivery, MUX_NR_VIPI; the teardown checks for leaks. */
int mux_machine_setup(void **state);
int mux_machine_teardown(void **state);

#define mux_unit_test(f) cmocka_unit_test_setup_teardown(f, mux_machine_setup, mux_machine_teardown)

/* The virq of virtual IPI @v. */
static inline unsigned int mux_virq(unsigned int v)
{
	return mux.first_virq + v;
}

/* Run @fn(@arg) on every CPU of the machine at once and wait. */
void mux_on_all_cpus(void (*fn)(void *arg), void *arg);

/* Milliseconds since an arbitrary point (CLOCK_MONOTONIC). */
unsigned long mux_now_ms(void);

/*
 * Wait until *@counter >= @value (acquire) or MUX_WAIT_MS pass.
 * Returns true if it got there.
 */
bool mux_wait_counter(_Atomic unsigned long *counter, unsigned long value);

/* Sleep @ms milliseconds (to show that something does not happen). */
void mux_sleep_ms(unsigned int ms);

/* The MSIP register of @cpu, read through the bus as the driver would. */
uint32_t mux_msip(unsigned int cpu);

#endif /* GENIPI_TESTS_MUX_MACHINE_H */
