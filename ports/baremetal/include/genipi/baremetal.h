/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The bare-metal ports (ports/riscv64-virt, ports/aarch64-virt): what the
 * architecture code provides to the shared code in ports/baremetal/, and
 * what an application linked into an image provides.
 *
 * Boot flow (ports/baremetal/boot.c):
 *
 *   arch entry (asm): stack, BSS, trap vector, per-CPU register = 0
 *   -> baremetal_boot(boot hwid, DTB)                     boot CPU
 *        CPUs from /cpus (the boot CPU becomes CPU 0, as in Linux)
 *        irq_core_init(); arch_irq_init(DTB): the controllers' drivers
 *        app.setup(DTB); then on each CPU, boot CPU first:
 *          irqchip_fdt_cpu_starting(); app.cpu_starting(cpu); online
 *        arch_cpu_start() for each secondary, which enters
 *   -> baremetal_secondary()                               each secondary
 *        ... and then idles: interrupts masked, wfi, unmasked, forever
 *   app.main() on the boot CPU, interrupts enabled; then a last line
 *   "genipi: PASS" or "genipi: FAIL (...)" and arch_exit().
 */
#ifndef GENIPI_BAREMETAL_H
#define GENIPI_BAREMETAL_H

#include <genipi/types.h>

GENIPI_BEGIN_DECLS

/* ---- provided by the architecture (ports/<arch>-virt/) ------------------ */

/*
 * smp_processor_id() (<genipi/percpu.h>): the index the CPU's per-CPU
 * register holds (tp on RISC-V, TPIDR_EL1 on AArch64).
 */

/* Interrupt masking of the calling CPU (port_irq_save() and friends). */
unsigned long arch_irq_save(void);
void arch_irq_restore(unsigned long flags);
bool arch_irqs_disabled(void);
void arch_irq_enable(void);
void arch_irq_disable(void);

/*
 * Wait for an interrupt: call with interrupts masked; returns when one is
 * pending (taken after the caller unmasks), or spuriously.
 */
void arch_wait_for_interrupt(void);

/* A hint in spin loops. */
void arch_cpu_relax(void);

/* Write one character to the console UART (polled; callers serialise). */
void arch_console_putc(char c);

/*
 * Probe the interrupt controllers of @fdt (irqchip_fdt_probe()) and any
 * controller the DT does not describe (the SBI IPI). Boot CPU, after
 * irq_core_init(). Returns 0 or a negative errno.
 */
int arch_irq_init(const void *fdt);

/*
 * Start CPU @cpu (hardware id @hwid): it sets its per-CPU register to @cpu
 * (so smp_processor_id() works), installs its trap vector and calls
 * baremetal_secondary() on a stack of its own. Returns 0 once it is on its
 * way, or a negative errno (the CPU could not be started).
 */
int arch_cpu_start(unsigned int cpu, unsigned long hwid);

/*
 * Print what the firmware or the hardware says of CPU @cpu (hardware id
 * @hwid), which was started but did not come up: for the log of a failed
 * boot.
 */
void arch_cpu_report(unsigned int cpu, unsigned long hwid);

/* Stop the machine: QEMU exits; @status 0 for a pass. */
void arch_exit(int status) __attribute__((noreturn));

/* ---- provided by ports/baremetal/, called by the architecture ---------- */

/* The boot CPU, once its per-CPU register says CPU 0 and traps are set. */
void baremetal_boot(unsigned long boot_hwid, const void *fdt) __attribute__((noreturn));
/* A secondary started by arch_cpu_start(), its per-CPU register set. */
void baremetal_secondary(void) __attribute__((noreturn));
/*
 * Bring-up stages a starting CPU passes, for the report of one that does
 * not come up: the architecture marks its own (entry, ...), the shared
 * code the rest.
 */
enum baremetal_cpu_stage {
	BAREMETAL_CPU_ENTERED = 1,  /* the architecture's C entry */
	BAREMETAL_CPU_ARCH_READY,   /* the architecture's per-CPU setup done */
	BAREMETAL_CPU_DRIVERS_DONE, /* irqchip_fdt_cpu_starting() returned */
	BAREMETAL_CPU_APP_DONE,	    /* the application's starting step returned */
};
void baremetal_cpu_mark(unsigned int cpu, enum baremetal_cpu_stage stage);

/* The hardware id of CPU @cpu (after baremetal_boot() read /cpus). */
unsigned long baremetal_cpu_hwid(unsigned int cpu);
/* Formatted output on the console, whole lines kept together across CPUs. */
void baremetal_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- provided by the application linked into an image ------------------ */

/**
 * struct baremetal_app - the program an image runs
 * @name:         printed at boot
 * @setup:        boot CPU, after the controllers were probed, before any
 *                CPU's starting step; 0 or a negative errno (boot fails)
 * @cpu_starting: on each CPU as it comes up (boot CPU first), interrupts
 *                masked, after the drivers' per-CPU steps; 0 or an errno
 * @main:         boot CPU, every CPU online and idling, interrupts enabled;
 *                returns 0 for a pass, else the number of failures
 */
struct baremetal_app {
	const char *name;
	int (*setup)(const void *fdt);
	int (*cpu_starting)(unsigned int cpu);
	int (*main)(void);
};

extern const struct baremetal_app baremetal_app;

GENIPI_END_DECLS

#endif /* GENIPI_BAREMETAL_H */
