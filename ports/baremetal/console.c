// SPDX-License-Identifier: BSD-2-Clause
/*
 * The console: formatted lines to the architecture's UART, one CPU at a
 * time (port_vlog() and baremetal_printf()). Formatting is picolibc's
 * vsnprintf(); a line longer than the buffer is cut.
 */
#include <genipi/baremetal.h>
#include <genipi/port.h>

#include <stdarg.h>
#include <stdio.h>

static struct port_spinlock console_lock = PORT_SPINLOCK_INIT;

static void console_vprintf(const char *fmt, va_list ap)
{
	char buf[256];
	unsigned long flags;
	int len = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (len < 0)
		return;
	if ((size_t)len >= sizeof(buf))
		len = sizeof(buf) - 1;

	flags = port_irq_save();
	port_spin_lock(&console_lock);
	for (int i = 0; i < len; i++) {
		if (buf[i] == '\n')
			arch_console_putc('\r');
		arch_console_putc(buf[i]);
	}
	port_spin_unlock(&console_lock);
	port_irq_restore(flags);
}

void port_vlog(const char *fmt, va_list ap)
{
	console_vprintf(fmt, ap);
}

void baremetal_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	console_vprintf(fmt, ap);
	va_end(ap);
}
