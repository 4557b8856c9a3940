/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RISC-V CLINT / ACLINT MSWI IPI driver (riscv,clint0, sifive,clint0,
 * riscv,aclint-mswi): one machine software interrupt per hart, so every
 * IPI of the system is a virtual IPI of the multiplexer (<genipi/ipi-mux.h>).
 *
 * Port-neutral: the device is reached through readl()/writel() on the
 * address the caller mapped, harts through target_hwid(). Device-tree glue
 * finds base, parent domain and line and calls clint_ipi_init().
 */
#ifndef GENIPI_IRQCHIP_RISCV_CLINT_H
#define GENIPI_IRQCHIP_RISCV_CLINT_H

#include <genipi/irqdomain.h>
#include <genipi/types.h>

#ifndef __iomem
#define __iomem
#endif

GENIPI_BEGIN_DECLS

/* The MSIP register of hart @hwid: offset from the device's base. */
#define CLINT_MSIP(hwid) (4UL * (hwid))
/* MSIP bit 0: machine software interrupt pending; bits 31:1 are WARL zero. */
#define CLINT_MSIP_PENDING 0x1U

/**
 * clint_ipi_init - bring up IPIs over a CLINT / ACLINT MSWI
 * @base:          the mapped MSIP registers (MSIP of hart h at @base + 4 * h)
 * @parent:        the domain of each hart's local interrupt controller
 * @soft_irq_line: the software interrupt's hwirq in @parent (RISC-V: 3 for
 *                 machine mode, 1 for supervisor mode)
 * @nr_ipi:        virtual IPIs to create, 1 .. 32
 *
 * Maps @soft_irq_line, creates the multiplexer and installs the chained
 * handler of the line. Each CPU then calls clint_ipi_starting_cpu().
 *
 * Returns the first of @nr_ipi consecutive virqs (see ipi_mux_create()),
 * -EINVAL (NULL @base or @parent, a line @parent cannot map, a bad
 * @nr_ipi), -EEXIST (a multiplexer exists already) or -ENOMEM. On error
 * nothing is left behind.
 */
int clint_ipi_init(void __iomem *base, struct irq_domain *parent, irq_hw_number_t soft_irq_line,
		   unsigned int nr_ipi);

/**
 * clint_ipi_starting_cpu - enable the software interrupt on the calling CPU
 *
 * Called on each CPU as it comes up, after clint_ipi_init(). Returns 0 or
 * -ENODEV if clint_ipi_init() has not succeeded.
 */
int clint_ipi_starting_cpu(void);

/**
 * clint_ipi_dying_cpu - disable the software interrupt on the calling CPU
 *
 * For a CPU going offline. IPIs sent to it meanwhile stay pending in the
 * multiplexer (and MSIP) until it calls clint_ipi_starting_cpu() again.
 * Returns 0 or -ENODEV.
 */
int clint_ipi_dying_cpu(void);

GENIPI_END_DECLS

#endif /* GENIPI_IRQCHIP_RISCV_CLINT_H */
