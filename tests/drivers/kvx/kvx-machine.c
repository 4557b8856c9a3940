// SPDX-License-Identifier: BSD-2-Clause
/*
 * The Coolidge cluster of the Kalray IPI controller tests: see kvx-machine.h.
 */
#define _POSIX_C_SOURCE 200809L

#include "kvx-machine.h"

#include <genipi/hosted-fdt.h>
#include <genipi/hosted-kvx-ipi-ctrl.h>
#include <genipi/irqchip.h>
#include <genipi/irqchip/kvx-ipi-ctrl.h>

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define KVX_WAIT_TIMEOUT_MS 5000

struct kvx_machine kvx;

/* ---- machine --------------------------------------------------------------- */

int kvx_machine_boot_direct(bool with_driver)
{
	struct hosted_machine_config cfg = {
		.nr_cpus = KVX_NR_PES,
		/* 16 CPU threads on few cores: idle CPUs sleep */
		.delivery = HOSTED_DELIVERY_SLEEP,
	};
	struct fwnode_handle *fwnode;
	int ret;

	memset(&kvx, 0, sizeof(kvx));
	kvx.node = -1;
	test_log_install();
	ret = hosted_machine_boot(&cfg);
	if (ret)
		return ret;
	ret = hosted_remote_add("rm", KVX_RM_HWID);
	if (ret < 0)
		return ret;
	kvx.rm = (unsigned int)ret;
	ret = hosted_kvx_ipi_ctrl_attach(HOSTED_KVX_IPI_CTRL_BASE, HOSTED_KVX_IPI_CTRL_SIZE);
	if (ret)
		return ret;
	kvx.regs = ioremap(HOSTED_KVX_IPI_CTRL_BASE, HOSTED_KVX_IPI_CTRL_SIZE);
	if (!with_driver) {
		test_log_reset();
		return 0;
	}
	fwnode = irq_domain_alloc_named_fwnode("kvx-ipi-ctrl");
	if (!fwnode)
		return -ENOMEM;
	ret = kvx_ipi_ctrl_init(kvx.regs, hosted_cpu_intc_domain(), fwnode,
				KVX_IPI_CTRL_FIRST_LINE);
	if (ret)
		return ret;
	kvx.domain = irq_find_matching_fwnode(fwnode, DOMAIN_BUS_IPI);
	test_log_reset();
	return kvx.domain ? 0 : -ENODEV;
}

/* The controller's node: the first of either compatible. */
static int kvx_controller_node(const void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "kalray,coolidge-ipi-ctrl");

	return node >= 0 ? node : fdt_node_offset_by_compatible(fdt, -1, "kalray,kvx-ipi-ctrl");
}

int kvx_machine_boot_fdt_cpus(const void *fdt, unsigned int nr_cpus)
{
	struct hosted_machine_config cfg = {
		.nr_cpus = nr_cpus,
		.delivery = HOSTED_DELIVERY_SLEEP,
	};
	uint64_t addr, size;
	int ret;

	memset(&kvx, 0, sizeof(kvx));
	kvx.fdt = fdt;
	test_log_install();
	ret = hosted_machine_boot_fdt(fdt, &cfg, kvx.err, sizeof(kvx.err));
	if (ret)
		return ret;
	kvx.node = kvx_controller_node(fdt);
	if (kvx.node < 0 || irqchip_fdt_reg_at(fdt, kvx.node, 0, &addr, &size))
		return -ENODEV;
	kvx.regs = ioremap((uintptr_t)addr, (size_t)size);
	kvx.domain = irqchip_fdt_domain(fdt, kvx.node, DOMAIN_BUS_IPI);
	for (unsigned int t = nr_cpu_ids; t < nr_target_ids; t++)
		if (target_hwid(t) == KVX_RM_HWID)
			kvx.rm = t;
	test_log_reset();
	return kvx.domain && kvx.rm ? 0 : -ENODEV;
}

int kvx_machine_boot_fdt(const void *fdt)
{
	return kvx_machine_boot_fdt_cpus(fdt, 0);
}

int kvx_machine_boot(void)
{
	return kvx_machine_boot_fdt(kvx_example_fdt());
}

long kvx_machine_shutdown(void)
{
	if (!kvx.fdt)
		hosted_kvx_ipi_ctrl_detach();
	hosted_machine_shutdown();
	return hosted_alloc_live();
}

/* ---- device trees ---------------------------------------------------------- */

const void *kvx_example_fdt(void)
{
	static void *blob;
	char err[256];
	long len;
	FILE *f;

	if (blob)
		return blob;
	f = fopen(KVX_EXAMPLE_DTB, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET)) {
		print_error("cannot read %s\n", KVX_EXAMPLE_DTB);
		abort();
	}
	blob = malloc((size_t)len);
	if (!blob || fread(blob, 1, (size_t)len, f) != (size_t)len ||
	    irqchip_fdt_check_blob(blob, (size_t)len, err, sizeof(err))) {
		print_error("%s: not a usable DTB: %s\n", KVX_EXAMPLE_DTB, err);
		abort();
	}
	fclose(f);
	return blob;
}

void *kvx_fdt_copy(const void *fdt, int extra)
{
	int size = (int)fdt_totalsize(fdt) + extra;
	void *copy = malloc((size_t)size);

	if (!copy || fdt_open_into(fdt, copy, size)) {
		print_error("cannot copy the DTB\n");
		abort();
	}
	return copy;
}

int kvx_setup(void **state)
{
	(void)state;
	return kvx_machine_boot();
}

int kvx_teardown(void **state)
{
	long live;

	(void)state;
	live = kvx_machine_shutdown();
	if (live) {
		print_error("%ld port_zalloc() block(s) still live after shutdown\n", live);
		return -1;
	}
	return 0;
}

/* ---- IPIs under test ------------------------------------------------------- */

struct kvx_ipi_dev {
	struct kvx_ipi *ipi;
	unsigned int cpu;
};

static irqreturn_t kvx_ipi_handler(int irq, void *dev_id)
{
	struct kvx_ipi_dev *dev = dev_id;
	struct kvx_ipi *ipi = dev->ipi;
	unsigned int cpu = smp_processor_id();

	if (cpu >= KVX_NR_PES || cpu != dev->cpu || (unsigned int)irq != ipi->virq)
		atomic_fetch_add(&ipi->wrong_cpu, 1);
	else
		atomic_fetch_add(&ipi->hits[cpu], 1);
	return IRQ_HANDLED;
}

static void kvx_enable_here(void *arg)
{
	enable_percpu_irq(*(unsigned int *)arg, IRQ_TYPE_NONE);
}

static void kvx_disable_here(void *arg)
{
	disable_percpu_irq(*(unsigned int *)arg);
}

int kvx_ipi_request(struct kvx_ipi *ipi, unsigned int virq)
{
	unsigned int cpu;
	int ret;

	memset(ipi, 0, sizeof(*ipi));
	ipi->virq = virq;
	ipi->devs = alloc_percpu(struct kvx_ipi_dev);
	if (!ipi->devs)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		per_cpu_ptr(ipi->devs, cpu)->ipi = ipi;
		per_cpu_ptr(ipi->devs, cpu)->cpu = cpu;
	}
	ret = request_percpu_irq(virq, kvx_ipi_handler, "kvx-test", ipi->devs);
	if (ret) {
		free_percpu(ipi->devs);
		ipi->devs = NULL;
		return ret;
	}
	return hosted_run_on_cpus(cpu_possible_mask, kvx_enable_here, &ipi->virq);
}

void kvx_ipi_release(struct kvx_ipi *ipi)
{
	if (!ipi->devs)
		return;
	hosted_run_on_cpus(cpu_possible_mask, kvx_disable_here, &ipi->virq);
	free_percpu_irq(ipi->virq, ipi->devs);
	free_percpu(ipi->devs);
	ipi->devs = NULL;
}

void kvx_ipi_enable_on(struct kvx_ipi *ipi, unsigned int cpu)
{
	test_on_cpu(cpu, kvx_enable_here, &ipi->virq);
}

void kvx_ipi_disable_on(struct kvx_ipi *ipi, unsigned int cpu)
{
	test_on_cpu(cpu, kvx_disable_here, &ipi->virq);
}

static void kvx_poll_here(void *arg)
{
	(void)arg;
	hosted_irq_poll();
}

void kvx_settle(void)
{
	hosted_run_on_cpus(cpu_possible_mask, kvx_poll_here, NULL);
}

bool kvx_wait_hits(struct kvx_ipi *ipi, unsigned int cpu, unsigned long n)
{
	const struct timespec nap = { .tv_nsec = 100000 };

	for (unsigned int waited_us = 0; waited_us < KVX_WAIT_TIMEOUT_MS * 1000; waited_us += 100) {
		if (atomic_load(&ipi->hits[cpu]) >= n)
			return true;
		nanosleep(&nap, NULL);
	}
	return false;
}

uint32_t kvx_bits_of(const struct cpumask *dest)
{
	uint32_t bits = 0;
	unsigned int t;

	for_each_cpu(t, dest)
		bits |= 1U << target_hwid(t);
	return bits;
}

void kvx_mask_of_bits(struct cpumask *dest, uint32_t bits)
{
	cpumask_clear(dest);
	for (unsigned int hwid = 0; hwid < KVX_NR_PES; hwid++)
		if (bits & (1U << hwid))
			cpumask_set_cpu(hwid, dest);
	if (bits & (1U << KVX_RM_HWID))
		cpumask_set_cpu(kvx.rm, dest);
}
