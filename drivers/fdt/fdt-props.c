// SPDX-License-Identifier: BSD-2-Clause
/*
 * Reading the properties interrupt controllers are described with: "reg",
 * the interrupt list ("interrupts-extended", "interrupts" and
 * "interrupt-parent"), the CPUs of /cpus and the remote-processor nodes.
 * Everything goes through libfdt; nothing here allocates.
 */
#include "fdt-internal.h"

#include <genipi/cpumask.h>
#include <genipi/errno.h>
#include <genipi/port.h>

#include <stdio.h>
#include <string.h>

/* ---- messages ------------------------------------------------------------ */

const char *irqchip_fdt_path(const void *fdt, int offset, char *buf, size_t len)
{
	if (fdt_get_path(fdt, offset, buf, (int)len) < 0)
		snprintf(buf, len, "<node at offset %d>", offset);
	return buf;
}

int irqchip_fdt_vreport(char *err, size_t errlen, const void *fdt, int offset, int ret,
			const char *fmt, va_list ap)
{
	char path[IRQCHIP_FDT_PATH_MAX], msg[2 * IRQCHIP_FDT_PATH_MAX];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (!err) {
		if (offset >= 0)
			genipi_log("fdt: %s: %s\n",
				   irqchip_fdt_path(fdt, offset, path, sizeof(path)), msg);
		else
			genipi_log("fdt: %s\n", msg);
		return ret;
	}
	if (!errlen)
		return ret;
	if (offset >= 0)
		snprintf(err, errlen, "%s: %s", irqchip_fdt_path(fdt, offset, path, sizeof(path)),
			 msg);
	else
		snprintf(err, errlen, "%s", msg);
	return ret;
}

int irqchip_fdt_report(char *err, size_t errlen, const void *fdt, int offset, int ret,
		       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	irqchip_fdt_vreport(err, errlen, fdt, offset, ret, fmt, ap);
	va_end(ap);
	return ret;
}

/* ---- the blob and its nodes ---------------------------------------------- */

/*
 * The structure block walked to its end within @size: libfdt's
 * fdt_check_full(). Linux's copy of libfdt, which the bare-metal ports
 * build (scripts/libfdt-source.sh), does not carry fdt_check.c; there
 * (GENIPI_LIBFDT_NO_CHECK_FULL) the blob is the one the firmware or QEMU
 * handed over and is checked by its header and size only, as Linux checks
 * its boot DTB. libfdt's accessors never read outside the blob either way.
 */
static int irqchip_fdt_check_structure(const void *fdt, size_t size)
{
#ifdef GENIPI_LIBFDT_NO_CHECK_FULL
	if (fdt_totalsize(fdt) > size)
		return -FDT_ERR_TRUNCATED;
	return fdt_check_header(fdt);
#else
	return fdt_check_full(fdt, size);
#endif
}

int irqchip_fdt_check_header(const void *fdt, char *err, size_t errlen)
{
	int ret;

	if (!fdt)
		return irqchip_fdt_report(err, errlen, NULL, -1, -EINVAL, "no device tree blob");
	ret = fdt_check_header(fdt);
	if (ret)
		return irqchip_fdt_report(err, errlen, fdt, -1, -EINVAL,
					  "not a valid flattened device tree (libfdt: %s)",
					  fdt_strerror(ret));
	/* the structure block, walked to its end within the blob's own size */
	ret = irqchip_fdt_check_structure(fdt, fdt_totalsize(fdt));
	if (ret)
		return irqchip_fdt_report(err, errlen, fdt, -1, -EINVAL,
					  "malformed or truncated device tree (libfdt: %s)",
					  fdt_strerror(ret));
	return 0;
}

int irqchip_fdt_check_blob(const void *fdt, size_t size, char *err, size_t errlen)
{
	int ret;

	if (!fdt || size < sizeof(struct fdt_header))
		return irqchip_fdt_report(err, errlen, NULL, -1, -EINVAL,
					  "not a flattened device tree: %zu bytes", fdt ? size : 0);
	/* the magic before the size field: a random file is "not a DTB" */
	if (fdt_magic(fdt) != FDT_MAGIC)
		return irqchip_fdt_report(err, errlen, NULL, -1, -EINVAL,
					  "not a flattened device tree (bad magic 0x%08x)",
					  fdt_magic(fdt));
	if (fdt_totalsize(fdt) > size)
		return irqchip_fdt_report(err, errlen, NULL, -1, -EINVAL,
					  "truncated device tree: %u bytes announced, %zu present",
					  fdt_totalsize(fdt), size);
	ret = irqchip_fdt_check_structure(fdt, size);
	if (ret)
		return irqchip_fdt_report(err, errlen, fdt, -1, -EINVAL,
					  "malformed or truncated device tree (libfdt: %s)",
					  fdt_strerror(ret));
	return 0;
}

bool irqchip_fdt_node_enabled(const void *fdt, int offset)
{
	int len;
	const char *status = fdt_getprop(fdt, offset, "status", &len);

	if (!status)
		return true;
	/* the value is a string: its terminating NUL is part of the length */
	return (len == 5 && !memcmp(status, "okay", 5)) || (len == 3 && !memcmp(status, "ok", 3));
}

bool irqchip_fdt_node_is_cpu(const void *fdt, int offset)
{
	int len;
	const char *type = fdt_getprop(fdt, offset, "device_type", &len);

	return type && len == 4 && !memcmp(type, "cpu", 4);
}

/* ---- reg ----------------------------------------------------------------- */

/* A number of 1 or 2 cells (0 cells: 0). */
static uint64_t irqchip_fdt_read_number(const fdt32_t *cells, int nr)
{
	uint64_t val = 0;

	for (int i = 0; i < nr; i++)
		val = (val << 32) | fdt32_ld(&cells[i]);
	return val;
}

int irqchip_fdt_reg_at(const void *fdt, int offset, unsigned int index, uint64_t *addr,
		       uint64_t *size)
{
	const fdt32_t *reg;
	int parent, address_cells, size_cells, len, entry;

	if (!fdt || offset < 0 || !addr)
		return -EINVAL;
	parent = fdt_parent_offset(fdt, offset);
	if (parent < 0)
		return -EINVAL;
	/* libfdt gives the defaults (2 and 1) when the bus has none */
	address_cells = fdt_address_cells(fdt, parent);
	size_cells = fdt_size_cells(fdt, parent);
	if (address_cells < 1 || address_cells > 2 || size_cells < 0 || size_cells > 2)
		return -EINVAL;
	reg = fdt_getprop(fdt, offset, "reg", &len);
	entry = 4 * (address_cells + size_cells);
	if (!reg || len <= 0 || len % entry || index >= (unsigned int)(len / entry))
		return -EINVAL;
	reg += index * (unsigned int)(address_cells + size_cells);
	*addr = irqchip_fdt_read_number(reg, address_cells);
	if (size)
		*size = irqchip_fdt_read_number(reg + address_cells, size_cells);
	return 0;
}

int irqchip_fdt_get_reg(const struct irqchip_fdt_node *node, unsigned int index, uint64_t *addr,
			uint64_t *size)
{
	if (!node)
		return -EINVAL;
	return irqchip_fdt_reg_at(node->fdt, node->offset, index, addr, size);
}

/* ---- the interrupt list -------------------------------------------------- */

/* #interrupt-cells of @node: 0 .. IRQ_FWSPEC_PARAMS, or -1. */
static int irqchip_fdt_interrupt_cells(const void *fdt, int node)
{
	int len;
	const fdt32_t *prop = fdt_getprop(fdt, node, "#interrupt-cells", &len);
	uint32_t cells;

	if (!prop || len != 4)
		return -1;
	cells = fdt32_ld(prop);
	return cells <= IRQ_FWSPEC_PARAMS ? (int)cells : -1;
}

/*
 * The interrupt parent of a node without "interrupts-extended": its own
 * "interrupt-parent", else, if it has "interrupts", the nearest ancestor's.
 * A node with neither is a root (-1), even below an ancestor that names an
 * interrupt parent for its devices: a CPU's local controller under a root
 * node that says interrupt-parent = <&plic> is not the PLIC's child.
 */
static int irqchip_fdt_irqs_find_parent(struct irqchip_fdt_irqs *it, bool has_interrupts)
{
	const fdt32_t *prop;
	int node = it->node, len;

	for (;;) {
		prop = fdt_getprop(it->fdt, node, "interrupt-parent", &len);
		if (prop)
			break;
		if (!has_interrupts)
			return 0;
		node = fdt_parent_offset(it->fdt, node);
		if (node < 0)
			return IRQCHIP_FDT_IRQS_NO_PARENT;
	}
	if (len != 4) {
		it->bad_node = node;
		return IRQCHIP_FDT_IRQS_BAD_PROPERTY;
	}
	it->parent = fdt_node_offset_by_phandle(it->fdt, fdt32_ld(prop));
	if (it->parent < 0) {
		it->bad_phandle = fdt32_ld(prop);
		it->parent = -1;
		return IRQCHIP_FDT_IRQS_UNKNOWN_PHANDLE;
	}
	return 0;
}

int irqchip_fdt_irqs_open(struct irqchip_fdt_irqs *it, const void *fdt, int node)
{
	int len, ret;

	memset(it, 0, sizeof(*it));
	it->fdt = fdt;
	it->node = node;
	it->parent = -1;
	it->parent_nr_cells = -1;
	it->bad_node = node;

	it->cells = fdt_getprop(fdt, node, "interrupts-extended", &len);
	if (it->cells) {
		it->extended = true;
	} else {
		it->cells = fdt_getprop(fdt, node, "interrupts", &len);
		ret = irqchip_fdt_irqs_find_parent(it, it->cells);
		if (ret)
			return ret;
	}
	if (!it->cells)
		return 0;
	if (len % 4)
		return IRQCHIP_FDT_IRQS_BAD_PROPERTY;
	it->nr_cells = len / 4;
	if (!it->extended && it->nr_cells) {
		if (it->parent < 0)
			return IRQCHIP_FDT_IRQS_NO_PARENT;
		it->parent_nr_cells = irqchip_fdt_interrupt_cells(fdt, it->parent);
		if (it->parent_nr_cells < 0) {
			it->bad_node = it->parent;
			return IRQCHIP_FDT_IRQS_NO_CELLS;
		}
		/* entries of no cells would be an endless list */
		if (!it->parent_nr_cells || it->nr_cells % it->parent_nr_cells)
			return IRQCHIP_FDT_IRQS_TRUNCATED;
	}
	return 0;
}

int irqchip_fdt_irqs_next(struct irqchip_fdt_irqs *it)
{
	int cells;

	if (it->pos >= it->nr_cells)
		return 0;
	if (!it->extended) {
		it->entry_parent = it->parent;
		it->entry_nr_cells = it->parent_nr_cells;
		it->entry_cells = it->cells + it->pos;
		it->pos += it->parent_nr_cells;
		return 1;
	}
	/* an entry of interrupts-extended: <phandle cell...> */
	it->entry_parent = fdt_node_offset_by_phandle(it->fdt, fdt32_ld(&it->cells[it->pos]));
	if (it->entry_parent < 0) {
		it->bad_phandle = fdt32_ld(&it->cells[it->pos]);
		return IRQCHIP_FDT_IRQS_UNKNOWN_PHANDLE;
	}
	cells = irqchip_fdt_interrupt_cells(it->fdt, it->entry_parent);
	if (cells < 0) {
		it->bad_node = it->entry_parent;
		return IRQCHIP_FDT_IRQS_NO_CELLS;
	}
	if (cells > it->nr_cells - it->pos - 1)
		return IRQCHIP_FDT_IRQS_TRUNCATED;
	it->entry_nr_cells = cells;
	it->entry_cells = it->cells + it->pos + 1;
	it->pos += 1 + cells;
	return 1;
}

int irqchip_fdt_irqs_report(const struct irqchip_fdt_irqs *it, int code, char *err, size_t errlen)
{
	const char *prop = it->extended ? "interrupts-extended" : "interrupts";
	char path[IRQCHIP_FDT_PATH_MAX];

	switch (code) {
	case IRQCHIP_FDT_IRQS_UNKNOWN_PHANDLE:
		return irqchip_fdt_report(err, errlen, it->fdt, it->node, -EINVAL,
					  "interrupt parent phandle 0x%x names no node",
					  it->bad_phandle);
	case IRQCHIP_FDT_IRQS_NO_CELLS:
		return irqchip_fdt_report(err, errlen, it->fdt, it->node, -EINVAL,
					  "interrupt parent %s has no valid #interrupt-cells",
					  irqchip_fdt_path(it->fdt, it->bad_node, path,
							   sizeof(path)));
	case IRQCHIP_FDT_IRQS_TRUNCATED:
		return irqchip_fdt_report(err, errlen, it->fdt, it->node, -EINVAL,
					  "\"%s\" ends in the middle of an entry", prop);
	case IRQCHIP_FDT_IRQS_NO_PARENT:
		return irqchip_fdt_report(err, errlen, it->fdt, it->node, -EINVAL,
					  "\"interrupts\" without an interrupt parent");
	default:
		if (it->bad_node != it->node)
			return irqchip_fdt_report(err, errlen, it->fdt, it->node, -EINVAL,
						  "malformed \"interrupt-parent\" in %s",
						  irqchip_fdt_path(it->fdt, it->bad_node, path,
								   sizeof(path)));
		return irqchip_fdt_report(err, errlen, it->fdt, it->node, -EINVAL,
					  "malformed \"%s\"", prop);
	}
}

int irqchip_fdt_nr_parent_irqs(const struct irqchip_fdt_node *node)
{
	struct irqchip_fdt_irqs it;
	int ret, nr = 0;

	if (!node || !node->fdt)
		return -EINVAL;
	ret = irqchip_fdt_irqs_open(&it, node->fdt, node->offset);
	while (!ret && (ret = irqchip_fdt_irqs_next(&it)) > 0) {
		nr++;
		ret = 0;
	}
	return ret < 0 ? -EINVAL : nr;
}

int irqchip_fdt_parent_irq(const struct irqchip_fdt_node *node, unsigned int index,
			   int *parent_offset, struct irq_fwspec *fwspec)
{
	struct irqchip_fdt_irqs it;
	unsigned int i = 0;
	int ret;

	if (!node || !node->fdt || !fwspec)
		return -EINVAL;
	ret = irqchip_fdt_irqs_open(&it, node->fdt, node->offset);
	while (!ret && (ret = irqchip_fdt_irqs_next(&it)) > 0) {
		ret = 0;
		if (i++ < index)
			continue;
		memset(fwspec, 0, sizeof(*fwspec));
		fwspec->fwnode = irqchip_fdt_fwnode(node->fdt, it.entry_parent);
		if (!fwspec->fwnode)
			return -EINVAL;
		fwspec->param_count = it.entry_nr_cells;
		for (int c = 0; c < it.entry_nr_cells; c++)
			fwspec->param[c] = fdt32_ld(&it.entry_cells[c]);
		if (parent_offset)
			*parent_offset = it.entry_parent;
		return 0;
	}
	return -EINVAL;
}

/* ---- CPUs and remote processors ------------------------------------------ */

int irqchip_fdt_cpu_of(const void *fdt, int offset)
{
	uint64_t hwid;
	int node;

	if (!fdt || offset < 0)
		return -EINVAL;
	for (node = offset; node >= 0; node = fdt_parent_offset(fdt, node))
		if (irqchip_fdt_node_is_cpu(fdt, node))
			break;
	if (node < 0 || irqchip_fdt_reg_at(fdt, node, 0, &hwid, NULL))
		return -EINVAL;
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
		if (target_hwid(cpu) == hwid)
			return (int)cpu;
	return -ENODEV;
}

int fdt_cpus_parse(const void *fdt, unsigned long *hwids, unsigned int max, char *err,
		   size_t errlen)
{
	unsigned int nr = 0;
	uint64_t hwid;
	int cpus, node, ret;

	ret = irqchip_fdt_check_header(fdt, err, errlen);
	if (ret)
		return ret;
	if (!hwids || !max)
		return irqchip_fdt_report(err, errlen, fdt, -1, -EINVAL, "no room for CPUs");
	cpus = fdt_path_offset(fdt, "/cpus");
	if (cpus < 0)
		return irqchip_fdt_report(err, errlen, fdt, -1, -EINVAL,
					  "/cpus: no such node: the device tree describes no CPU");
	fdt_for_each_subnode(node, fdt, cpus) {
		if (!irqchip_fdt_node_is_cpu(fdt, node) || !irqchip_fdt_node_enabled(fdt, node))
			continue;
		if (nr == max)
			return irqchip_fdt_report(err, errlen, fdt, node, -EINVAL,
						  "more than %u CPUs (the build's limit, NR_CPUS, "
						  "or the machine's)",
						  max);
		if (irqchip_fdt_reg_at(fdt, node, 0, &hwid, NULL) || (unsigned long)hwid != hwid)
			return irqchip_fdt_report(err, errlen, fdt, node, -EINVAL,
						  "a CPU without a valid \"reg\" (its hardware id)");
		for (unsigned int i = 0; i < nr; i++)
			if (hwids[i] == hwid)
				return irqchip_fdt_report(err, errlen, fdt, node, -EINVAL,
							  "hardware id %lu is CPU %u's already",
							  hwids[i], i);
		hwids[nr++] = (unsigned long)hwid;
	}
	if (node != -FDT_ERR_NOTFOUND)
		return irqchip_fdt_report(err, errlen, fdt, cpus, -EINVAL, "malformed (libfdt: %s)",
					  fdt_strerror(node));
	if (!nr)
		return irqchip_fdt_report(err, errlen, fdt, cpus, -EINVAL,
					  "no CPU (no enabled child with device_type \"cpu\")");
	return (int)nr;
}

int fdt_remotes_parse(const void *fdt, struct fdt_remote *remotes, unsigned int max, char *err,
		      size_t errlen)
{
	unsigned int nr = 0;
	uint64_t hwid;
	int node, ret;

	ret = irqchip_fdt_check_header(fdt, err, errlen);
	if (ret)
		return ret;
	if (!remotes && max)
		return irqchip_fdt_report(err, errlen, fdt, -1, -EINVAL,
					  "no room for remote processors");
	for (node = fdt_node_offset_by_compatible(fdt, -1, FDT_REMOTE_PROCESSOR_COMPATIBLE);
	     node >= 0;
	     node = fdt_node_offset_by_compatible(fdt, node, FDT_REMOTE_PROCESSOR_COMPATIBLE)) {
		if (!irqchip_fdt_node_enabled(fdt, node))
			continue;
		if (nr == max)
			return irqchip_fdt_report(err, errlen, fdt, node, -EINVAL,
						  "more than %u remote processors", max);
		if (irqchip_fdt_reg_at(fdt, node, 0, &hwid, NULL) || (unsigned long)hwid != hwid)
			return irqchip_fdt_report(err, errlen, fdt, node, -EINVAL,
						  "a remote processor without a valid \"reg\" "
						  "(its hardware id)");
		remotes[nr].name = fdt_get_name(fdt, node, NULL);
		remotes[nr].hwid = (unsigned long)hwid;
		nr++;
	}
	if (node != -FDT_ERR_NOTFOUND)
		return irqchip_fdt_report(err, errlen, fdt, -1, -EINVAL, "malformed (libfdt: %s)",
					  fdt_strerror(node));
	return (int)nr;
}
