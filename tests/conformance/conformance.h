/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPI conformance program: one program, written only against genipi's
 * public API, that every port runs (the bare-metal images through
 * app-baremetal.c, the hosted port through hosted-conformance.c).
 *
 * A port calls the three steps in this order, as a kernel brings its CPUs
 * up:
 *
 *   conformance_setup(fdt)        boot CPU, once, after the interrupt
 *                                 controllers of @fdt were probed and
 *                                 before any CPU's starting step;
 *   conformance_cpu_starting(cpu) on each CPU as it comes up, boot CPU
 *                                 first, interrupts masked;
 *   conformance_main()            boot CPU, every CPU online and idling
 *                                 with interrupts enabled.
 *
 * Every CPU but the boot CPU only runs interrupt handlers: all the work
 * there is driven by IPIs. The program logs through genipi_log() only.
 */
#ifndef GENIPI_CONFORMANCE_H
#define GENIPI_CONFORMANCE_H

/**
 * conformance_setup - find the IPIs @fdt's drivers made and build the
 * program's own: a multiplexer if there is none, the call IPI
 * @fdt: the blob the controllers were probed from; it must stay valid
 *
 * Returns 0, or a negative errno (the machine cannot run the program).
 */
int conformance_setup(const void *fdt);

/**
 * conformance_cpu_starting - enable the program's IPIs on CPU @cpu
 * @cpu: the calling CPU
 *
 * Returns 0, or a negative errno (-EINVAL when @cpu is not the caller).
 */
int conformance_cpu_starting(unsigned int cpu);

/**
 * conformance_main - run every case
 *
 * Returns the number of failed cases: 0 is a pass.
 */
int conformance_main(void);

#endif /* GENIPI_CONFORMANCE_H */
