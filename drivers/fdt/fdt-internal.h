/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private to the device-tree framework (drivers/fdt/): the generated driver
 * table, messages, and the parsing shared by the probe's checks and the
 * helpers drivers call.
 */
#ifndef GENIPI_FDT_INTERNAL_H
#define GENIPI_FDT_INTERNAL_H

#include <genipi/irqchip.h>

#include <libfdt.h>
#include <stdarg.h>

#pragma GCC visibility push(hidden)

/*
 * Every IRQCHIP_FDT_DECLARE() of the library, NULL-terminated; written by
 * cmake/irqchip-table.cmake into the build tree.
 */
extern const struct irqchip_fdt_match *const irqchip_fdt_table[];

/* Longest node path a message quotes in full. */
#define IRQCHIP_FDT_PATH_MAX 256

/*
 * Write "PATH: message" (or just the message for @offset < 0) into @err,
 * or log it when @err is NULL. Returns @ret.
 */
int irqchip_fdt_report(char *err, size_t errlen, const void *fdt, int offset, int ret,
		       const char *fmt, ...) __attribute__((format(printf, 6, 7)));
int irqchip_fdt_vreport(char *err, size_t errlen, const void *fdt, int offset, int ret,
			const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

/* The full path of node @offset into @buf (a placeholder if it does not fit). */
const char *irqchip_fdt_path(const void *fdt, int offset, char *buf, size_t len);

/*
 * Is @fdt a well-formed blob? fdt_check_header() and fdt_check_full()
 * within the blob's own size. Returns 0 or -EINVAL with a message.
 */
int irqchip_fdt_check_header(const void *fdt, char *err, size_t errlen);

/* "status" absent, "okay" or "ok". */
bool irqchip_fdt_node_enabled(const void *fdt, int offset);

/* Is the node's device_type "cpu"? */
bool irqchip_fdt_node_is_cpu(const void *fdt, int offset);

/*
 * A node's interrupt list: "interrupts-extended" (each entry names its
 * controller), else "interrupts" (every entry's controller is the node's
 * interrupt parent). Also gives the interrupt parent of a node without
 * "interrupts-extended" (own "interrupt-parent", else inherited when the
 * node has "interrupts").
 *
 *	struct irqchip_fdt_irqs it;
 *	ret = irqchip_fdt_irqs_open(&it, fdt, node);
 *	while (ret == 0 && (ret = irqchip_fdt_irqs_next(&it)) > 0)
 *		use it.entry_parent, it.entry_cells[0 .. it.entry_nr_cells - 1];
 *	if (ret < 0)
 *		irqchip_fdt_irqs_report(&it, ret, err, errlen);
 */
struct irqchip_fdt_irqs {
	const void *fdt;
	int node;
	const fdt32_t *cells; /* the property's cells */
	int nr_cells;
	int pos;	     /* next cell */
	bool extended;	     /* "interrupts-extended" */
	int parent;	     /* without "interrupts-extended": the interrupt parent, -1 none */
	int parent_nr_cells; /* its #interrupt-cells (if "interrupts" is there) */
	/* the entry irqchip_fdt_irqs_next() returned */
	int entry_parent;
	int entry_nr_cells;
	const fdt32_t *entry_cells;
	/* what went wrong, for irqchip_fdt_irqs_report() */
	uint32_t bad_phandle;
	int bad_node;
};

/* Errors of irqchip_fdt_irqs_open()/_next() (negative). */
enum irqchip_fdt_irqs_error {
	IRQCHIP_FDT_IRQS_BAD_PROPERTY = -1,    /* odd length, bad interrupt-parent */
	IRQCHIP_FDT_IRQS_UNKNOWN_PHANDLE = -2, /* bad_phandle */
	IRQCHIP_FDT_IRQS_NO_CELLS = -3,	       /* bad_node has no (valid) #interrupt-cells */
	IRQCHIP_FDT_IRQS_TRUNCATED = -4,       /* the last entry is cut short */
	IRQCHIP_FDT_IRQS_NO_PARENT = -5,       /* "interrupts" but no interrupt parent */
};

int irqchip_fdt_irqs_open(struct irqchip_fdt_irqs *it, const void *fdt, int node);
/* 1: an entry; 0: no more; negative: an enum irqchip_fdt_irqs_error. */
int irqchip_fdt_irqs_next(struct irqchip_fdt_irqs *it);
/* Describe error @code of @it as "PATH: message". Returns -EINVAL. */
int irqchip_fdt_irqs_report(const struct irqchip_fdt_irqs *it, int code, char *err, size_t errlen);

#pragma GCC visibility pop

#endif /* GENIPI_FDT_INTERNAL_H */
