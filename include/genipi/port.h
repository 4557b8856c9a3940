/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The contract between the freestanding core and a port.
 *
 * A port (hosted POSIX threads, a bare-metal target, a host OS) provides the
 * port_*() functions and smp_processor_id() below; the core provides the
 * rest of this header for the port to call. Nothing else is needed: the core
 * includes no libc header and knows no port or driver.
 */
#ifndef GENIPI_PORT_H
#define GENIPI_PORT_H

#include <genipi/types.h>

#include <stdarg.h>

GENIPI_BEGIN_DECLS

/* ---- provided by the port ---------------------------------------------- */

/* Mask interrupts on the calling CPU; return the previous state. */
unsigned long port_irq_save(void);
/* Restore a state returned by port_irq_save(); may take pending interrupts. */
void port_irq_restore(unsigned long flags);
/* True if interrupts are masked on the calling CPU. */
bool port_irqs_disabled(void);

/*
 * A lock for the core's slow paths (reservation, domain and descriptor
 * management, request/free). Never taken on the send or dispatch path.
 * The word is only touched by the port (e.g. a futex word on hosted, a
 * test-and-set word on bare metal).
 */
struct port_spinlock {
	unsigned int word;
};
/* clang-format off */
#define PORT_SPINLOCK_INIT { 0 }
/* clang-format on */
void port_spin_lock(struct port_spinlock *lock);
void port_spin_unlock(struct port_spinlock *lock);

/* Zeroed memory aligned to GENIPI_CACHE_LINE; slow paths only. NULL on failure. */
void *port_zalloc(size_t size);
void port_free(void *ptr);

/* Log a message (printf format). The core uses it for WARN_ON_ONCE reports. */
void port_vlog(const char *fmt, va_list ap);

/* A hint inside spin-wait loops (pause / yield / wfe). */
void port_cpu_relax(void);

/* ---- provided by the core, called by the port -------------------------- */

/*
 * Log a message (printf format) through port_vlog(): the one printf-style
 * logger for the core, the ports and the drivers.
 */
void genipi_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define local_irq_save(flags) ((flags) = port_irq_save())
#define local_irq_restore(flags) port_irq_restore(flags)
#define irqs_disabled() port_irqs_disabled()

/**
 * irq_core_init - bring up the core for a machine of @nr_cpus CPUs
 * @nr_cpus: 1 .. NR_CPUS; all become possible; none online until
 *           set_cpu_online()
 * @hwids: hardware id of each CPU (NULL: the CPU index)
 *
 * Returns 0, -EINVAL for a bad count, -EBUSY if already initialised.
 */
int irq_core_init(unsigned int nr_cpus, const unsigned long *hwids);

/**
 * irq_core_teardown - forget the whole machine: every descriptor, domain,
 * fwnode, remote processor, the multiplexer and the root handler
 *
 * For ports that boot many machines in one process (the hosted test bed).
 * All CPUs must be quiescent. Not an embedder's API: a running system never
 * tears its interrupt core down.
 */
void irq_core_teardown(void);

/* Mark a CPU online / offline (it receives interrupts when online). */
void set_cpu_online(unsigned int cpu, bool online);

/**
 * generic_handle_arch_irq - the port's interrupt entry calls this with
 * interrupts masked on the interrupted CPU; it runs the root handler
 * installed with set_handle_irq(). Returns -ENODEV if none is installed.
 */
int generic_handle_arch_irq(void);

/* True while the calling CPU runs generic_handle_arch_irq(). */
bool in_interrupt(void);

GENIPI_END_DECLS

#endif /* GENIPI_PORT_H */
