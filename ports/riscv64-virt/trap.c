// SPDX-License-Identifier: BSD-2-Clause
/*
 * The C side of the trap vector (trap.S): interrupts go to the root
 * handler the hart-local controller's driver installed; an exception is a
 * bug of ours, so it is reported and the machine stops with a failure.
 */
#include "riscv-virt.h"

#include <genipi/baremetal.h>
#include <genipi/percpu.h>
#include <genipi/port.h>

#include <stdio.h>

void riscv_trap(struct riscv_trap_frame *frame)
{
	unsigned long cause = csr_read(CSR_CAUSE);
	char line[192];

	if (cause & CAUSE_IRQ_FLAG) {
		if (!generic_handle_arch_irq())
			return;
		snprintf(line, sizeof(line),
			 "genipi: CPU %u: interrupt %lu, but no root handler is installed\n",
			 smp_processor_id(), cause & ~CAUSE_IRQ_FLAG);
	} else {
		snprintf(line, sizeof(line),
			 "genipi: CPU %u: exception %lu at epc %#lx (tval %#lx, ra %#lx, sp %#lx)\n",
			 smp_processor_id(), cause, frame->epc, csr_read(CSR_TVAL), frame->ra,
			 (unsigned long)(frame + 1));
	}
	/* not through the console lock: the trap may have come while it was held */
	riscv_console_puts_unlocked(line);
	riscv_console_puts_unlocked("genipi: FAIL (trap)\n");
	arch_exit(1);
}
