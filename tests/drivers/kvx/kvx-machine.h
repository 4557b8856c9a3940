/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Coolidge cluster the Kalray IPI controller tests run on: 16 PEs
 * (CPUs 0-15, hardware ids 0-15), the RM as a remote processor (hardware
 * id 16), the controller's device model on the MMIO bus and its driver.
 *
 * kvx_machine_boot() boots examples/coolidge.dtb through the device-tree
 * path (hosted_machine_boot_fdt()); kvx_machine_boot_direct() builds the
 * same machine without a device tree, calling the hardware init itself.
 *
 * An IPI under test is a struct kvx_ipi: a reserved virq whose handler
 * records, per CPU, how often it ran there and whether it ran on the CPU
 * its per-CPU dev_id belongs to.
 */
#ifndef KVX_MACHINE_H
#define KVX_MACHINE_H

#include "test-machine.h"

#include <genipi/io.h>

#include <stdatomic.h>

#define KVX_NR_PES 16
#define KVX_RM_HWID 16
/* Every PE and the RM: the 17 bits of the controller's registers. */
#define KVX_ALL_BITS 0x1ffffU

struct kvx_machine {
	struct irq_domain *domain; /* the controller's IPI domain */
	unsigned int rm;	   /* the RM's target id */
	void __iomem *regs;	   /* the controller's registers */
	const void *fdt;	   /* the blob booted (NULL: direct boot) */
	int node;		   /* the controller's node in it */
	char err[256];		   /* hosted_machine_boot_fdt()'s message */
};

extern struct kvx_machine kvx;

/*
 * Boot from @fdt (a blob that stays valid while the machine runs): every
 * CPU of it, or its first @nr_cpus. On error, kvx.err says why.
 */
int kvx_machine_boot_fdt(const void *fdt);
int kvx_machine_boot_fdt_cpus(const void *fdt, unsigned int nr_cpus);
/* Boot examples/coolidge.dtb. */
int kvx_machine_boot(void);
/*
 * The same cluster without a device tree: the model at
 * HOSTED_KVX_IPI_CTRL_BASE and, if @with_driver, kvx_ipi_ctrl_init() on
 * the hosted cpu-intc domain with a named fwnode.
 */
int kvx_machine_boot_direct(bool with_driver);
/* Shut down; returns the port_zalloc() blocks left live (0: no leak). */
long kvx_machine_shutdown(void);

/* examples/coolidge.dtb, read once (malloc'ed, never freed). */
const void *kvx_example_fdt(void);
/* A writable copy of @fdt with @extra bytes of room, for edited variants. */
void *kvx_fdt_copy(const void *fdt, int extra);

/* cmocka fixtures */
int kvx_setup(void **state);
int kvx_teardown(void **state);

struct kvx_ipi_dev;

struct kvx_ipi {
	unsigned int virq;
	struct kvx_ipi_dev *devs; /* per-CPU dev_id */
	_Atomic unsigned long hits[NR_CPUS];
	_Atomic unsigned long wrong_cpu;
};

/*
 * Request @virq's handler and enable it on every CPU (enabling on a CPU
 * outside the reservation is harmless: nothing is sent there). Returns 0
 * or request_percpu_irq()'s error.
 */
int kvx_ipi_request(struct kvx_ipi *ipi, unsigned int virq);
/* Disable on every CPU and free the handler. */
void kvx_ipi_release(struct kvx_ipi *ipi);
/* enable_percpu_irq() / disable_percpu_irq() of @ipi, run on @cpu. */
void kvx_ipi_enable_on(struct kvx_ipi *ipi, unsigned int cpu);
void kvx_ipi_disable_on(struct kvx_ipi *ipi, unsigned int cpu);

/* Make every CPU take what is pending for it: afterwards counts are final. */
void kvx_settle(void);

/* Wait until @ipi ran at least @n times on @cpu; false after a timeout. */
bool kvx_wait_hits(struct kvx_ipi *ipi, unsigned int cpu, unsigned long n);

/* The 17-bit register value naming @dest's targets. */
uint32_t kvx_bits_of(const struct cpumask *dest);

/* A mask of the targets with these hardware ids (bit i: hwid i). */
void kvx_mask_of_bits(struct cpumask *dest, uint32_t bits);

#endif /* KVX_MACHINE_H */
