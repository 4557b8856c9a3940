// SPDX-License-Identifier: BSD-2-Clause
/*
 * The multiplexer tests' machine: see mux-machine.h.
 */
#define _POSIX_C_SOURCE 200809L

#include "mux-machine.h"

#include <sched.h>
#include <stdio.h>
#include <time.h>

struct mux_machine mux;

static void mux_starting_cpu(void *arg)
{
	_Atomic int *failed = arg;

	if (clint_ipi_starting_cpu())
		atomic_store_explicit(failed, 1, memory_order_relaxed);
}

int mux_machine_boot(unsigned int nr_cpus, enum hosted_delivery delivery, unsigned int nr_vipi)
{
	struct hosted_machine_config cfg = {
		.nr_cpus = nr_cpus,
		.delivery = delivery,
	};
	_Atomic int failed = 0;
	int ret;

	test_log_install();
	ret = hosted_machine_boot(&cfg);
	if (ret)
		return ret;
	ret = hosted_clint_attach();
	if (ret)
		goto err_shutdown;
	ret = clint_ipi_init(ioremap(HOSTED_CLINT_BASE, HOSTED_CLINT_SIZE),
			     hosted_cpu_intc_domain(), HOSTED_LINE_MSWI, nr_vipi);
	if (ret < 0)
		goto err_detach;
	mux.nr_cpus = nr_cpus;
	mux.nr_vipi = nr_vipi;
	mux.first_virq = (unsigned int)ret;
	mux_on_all_cpus(mux_starting_cpu, &failed);
	if (atomic_load_explicit(&failed, memory_order_relaxed)) {
		ret = -ENODEV;
		goto err_detach;
	}
	/* messages of the boot itself are not the test's */
	test_log_reset();
	return 0;

err_detach:
	hosted_clint_detach();
err_shutdown:
	hosted_machine_shutdown();
	return ret;
}

void mux_machine_shutdown(void)
{
	hosted_clint_detach();
	hosted_machine_shutdown();
}

int mux_machine_setup(void **state)
{
	int ret = mux_machine_boot(TEST_MACHINE_NR_CPUS, HOSTED_DELIVERY_SLEEP, MUX_NR_VIPI);

	(void)state;
	if (ret)
		print_error("mux_machine_boot: %d\n", ret);
	return ret;
}

int mux_machine_teardown(void **state)
{
	long live;

	(void)state;
	mux_machine_shutdown();
	live = hosted_alloc_live();
	if (live) {
		print_error("%ld port_zalloc() block(s) leaked\n", live);
		return -1;
	}
	return 0;
}

void mux_on_all_cpus(void (*fn)(void *arg), void *arg)
{
	int ret = hosted_run_on_cpus(cpu_possible_mask, fn, arg);

	if (ret) {
		print_error("hosted_run_on_cpus failed: %d\n", ret);
		fail();
	}
}

unsigned long mux_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long)ts.tv_sec * 1000UL + (unsigned long)ts.tv_nsec / 1000000UL;
}

void mux_sleep_ms(unsigned int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

bool mux_wait_counter(_Atomic unsigned long *counter, unsigned long value)
{
	unsigned long start = mux_now_ms();

	for (unsigned int i = 0;; i++) {
		if (atomic_load_explicit(counter, memory_order_acquire) >= value)
			return true;
		if (mux_now_ms() - start > MUX_WAIT_MS)
			return false;
		if (i < 1000) {
			sched_yield();
		} else {
			struct timespec nap = { .tv_sec = 0, .tv_nsec = 20000 };

			nanosleep(&nap, NULL);
		}
	}
}

uint32_t mux_msip(unsigned int cpu)
{
	return readl((char *)ioremap(HOSTED_CLINT_BASE, HOSTED_CLINT_SIZE) +
		     HOSTED_CLINT_MSIP(target_hwid(cpu)));
}
