/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RISC-V SBI IPI driver, for images running in supervisor mode under an
 * SBI firmware (OpenSBI): the firmware's IPI extension ("sPI") raises the
 * supervisor software interrupt (cause 1, SSIP) of the harts it is asked
 * to, which gives one hardware IPI per hart, so every IPI of the system is
 * a virtual IPI of the multiplexer (<genipi/ipi-mux.h>).
 *
 * The firmware is no device: the DT does not describe it, so nothing
 * probes this driver. The port sets it up after the probe, as Linux's
 * init_IRQ() does: sbi_ipi_init() with the hart-local controller's domain,
 * then sbi_ipi_starting_cpu() on each CPU (e.g. registered with
 * irqchip_fdt_add_cpu_starting()).
 *
 * The driver's code exists only for RISC-V supervisor-mode images; this
 * header is portable.
 */
#ifndef GENIPI_IRQCHIP_RISCV_SBI_IPI_H
#define GENIPI_IRQCHIP_RISCV_SBI_IPI_H

#include <genipi/irqdomain.h>
#include <genipi/types.h>

GENIPI_BEGIN_DECLS

/* The supervisor software interrupt: the cause the firmware raises. */
#define SBI_IPI_SOFT_IRQ_LINE 1

/**
 * sbi_ipi_init - bring up IPIs over the SBI IPI extension
 * @intc:   the domain of each hart's local interrupt controller, in which
 *          SBI_IPI_SOFT_IRQ_LINE is the supervisor software interrupt
 *          (riscv_intc_domain())
 * @nr_ipi: virtual IPIs to create, 1 .. 32
 *
 * Checks that the firmware has the IPI extension, maps the software
 * interrupt in @intc, creates the multiplexer and installs the chained
 * handler of the line. Each CPU then calls sbi_ipi_starting_cpu().
 *
 * Returns the first of @nr_ipi consecutive virqs (see ipi_mux_create()),
 * -EINVAL (NULL @intc, a domain that cannot map the line, a bad @nr_ipi),
 * -ENODEV (the firmware has no IPI extension), -EEXIST (a multiplexer
 * exists already) or -ENOMEM. On error nothing is left behind.
 */
int sbi_ipi_init(struct irq_domain *intc, unsigned int nr_ipi);

/**
 * sbi_ipi_starting_cpu - enable the software interrupt on the calling CPU
 *
 * Called on each CPU as it comes up, after sbi_ipi_init(). Returns 0 or
 * -ENODEV if sbi_ipi_init() has not succeeded.
 */
int sbi_ipi_starting_cpu(void);

/**
 * sbi_ipi_dying_cpu - disable the software interrupt on the calling CPU
 *
 * For a CPU going offline. IPIs sent to it meanwhile stay pending in the
 * multiplexer (and SSIP) until it calls sbi_ipi_starting_cpu() again.
 * Returns 0 or -ENODEV.
 */
int sbi_ipi_dying_cpu(void);

GENIPI_END_DECLS

#endif /* GENIPI_IRQCHIP_RISCV_SBI_IPI_H */
