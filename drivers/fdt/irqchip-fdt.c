// SPDX-License-Identifier: BSD-2-Clause
/*
 * Probing interrupt controllers from a device tree: match nodes against
 * the generated driver table, check the whole interrupt-parent graph, then
 * init the drivers parents first (rules in <genipi/irqchip.h>).
 *
 * The graph: one entry per matched node, in node order (so in increasing
 * offset order, which the lookups search), each with the entries of its
 * interrupt parents. Its generations give the init order: generation 1 is
 * the roots; a node belongs to the generation after the last of its
 * parents'. Nodes left without a generation sit on, or below, a cycle.
 *
 * After a probe the graph stays published as the table the lookups read,
 * until irqchip_fdt_reset(). The fwnodes it points to belong to the core
 * (irq_domain_alloc_named_fwnode()): irq_core_teardown() frees them.
 */
#include "fdt-internal.h"

#include <genipi/errno.h>
#include <genipi/port.h>

#include <stdio.h>
#include <string.h>

/**
 * struct irqchip_fdt_entry - a matched node
 * @offset:       the node
 * @match:        its driver
 * @fwnode:       what lookups return for it: @own_fwnode, or a shared one
 * @own_fwnode:   the fwnode the probe allocated, named by the node's path
 * @first_parent: its parents are parents[first_parent .. + nr_parents - 1]
 *                of the graph; the first is the interrupt parent
 * @nr_parents:   how many (0: a root)
 * @generation:   1 for roots, else one more than its last parent's; 0 while
 *                unknown
 * @ipi_first:    irqchip_fdt_set_ipi_virqs(), 0 if none
 * @ipi_nr:       how many
 */
struct irqchip_fdt_entry {
	int offset;
	const struct irqchip_fdt_match *match;
	struct fwnode_handle *fwnode;
	struct fwnode_handle *own_fwnode;
	unsigned int first_parent;
	unsigned int nr_parents;
	unsigned int generation;
	unsigned int ipi_first;
	unsigned int ipi_nr;
};

struct irqchip_fdt_graph {
	const void *fdt;
	struct irqchip_fdt_entry *entries;
	unsigned int nr_entries;
	unsigned int *parents; /* entry indexes */
	unsigned int nr_parents;
	unsigned int *order; /* entry indexes in init order */
};

/* The table of the last probe (empty before one and after a reset). */
static struct irqchip_fdt_graph irqchip_fdt_probed;
/* A probe ran since the last reset: a second one would init drivers twice. */
static bool irqchip_fdt_busy;

static int (*irqchip_fdt_cpu_callbacks[IRQCHIP_FDT_MAX_CPU_CALLBACKS])(void);
static unsigned int irqchip_fdt_nr_cpu_callbacks;

/* What the running init reported with irqchip_fdt_err(). */
static char irqchip_fdt_init_msg[2 * IRQCHIP_FDT_PATH_MAX];
static bool irqchip_fdt_init_msg_set;

/* ---- matching ------------------------------------------------------------ */

/* The driver of node @offset: its compatible strings in order, then the table's. */
static const struct irqchip_fdt_match *irqchip_fdt_match_of(const void *fdt, int offset)
{
	int nr = fdt_stringlist_count(fdt, offset, "compatible");

	for (int i = 0; i < nr; i++) {
		const char *compat = fdt_stringlist_get(fdt, offset, "compatible", i, NULL);

		if (!compat)
			return NULL;
		for (const struct irqchip_fdt_match *const *m = irqchip_fdt_table; *m; m++)
			if (!strcmp((*m)->compatible, compat))
				return *m;
	}
	return NULL;
}

/* The entry of node @offset, or NULL (entries are in offset order). */
static struct irqchip_fdt_entry *irqchip_fdt_find(const struct irqchip_fdt_graph *g, int offset)
{
	unsigned int lo = 0, hi = g->nr_entries;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (g->entries[mid].offset == offset)
			return &g->entries[mid];
		if (g->entries[mid].offset < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* ---- the graph ----------------------------------------------------------- */

static void irqchip_fdt_graph_free(struct irqchip_fdt_graph *g)
{
	port_free(g->entries);
	port_free(g->parents);
	port_free(g->order);
	memset(g, 0, sizeof(*g));
}

/* One entry per enabled node with a driver. */
static int irqchip_fdt_collect(struct irqchip_fdt_graph *g, char *err, size_t errlen)
{
	unsigned int nr = 0, pass;
	int node, depth;

	/* pass 0 counts, pass 1 fills */
	for (pass = 0; pass < 2; pass++) {
		nr = 0;
		depth = 0;
		for (node = fdt_next_node(g->fdt, -1, &depth); node >= 0;
		     node = fdt_next_node(g->fdt, node, &depth)) {
			const struct irqchip_fdt_match *match = irqchip_fdt_match_of(g->fdt, node);

			if (!match || !irqchip_fdt_node_enabled(g->fdt, node))
				continue;
			if (pass) {
				g->entries[nr].offset = node;
				g->entries[nr].match = match;
			}
			nr++;
		}
		if (node != -FDT_ERR_NOTFOUND)
			return irqchip_fdt_report(err, errlen, g->fdt, -1, -EINVAL,
						  "malformed device tree (libfdt: %s)",
						  fdt_strerror(node));
		if (pass || !nr)
			break;
		g->entries = port_zalloc(nr * sizeof(*g->entries));
		if (!g->entries)
			return -ENOMEM;
	}
	g->nr_entries = nr;
	return 0;
}

/* Room for every entry's parents: an upper bound of their number. */
static int irqchip_fdt_count_parents(struct irqchip_fdt_graph *g, char *err, size_t errlen)
{
	unsigned int total = 0;

	for (unsigned int i = 0; i < g->nr_entries; i++) {
		struct irqchip_fdt_irqs it;
		int ret = irqchip_fdt_irqs_open(&it, g->fdt, g->entries[i].offset);

		if (ret)
			return irqchip_fdt_irqs_report(&it, ret, err, errlen);
		/* an entry of interrupts-extended takes at least its phandle's cell */
		total += it.extended ? (unsigned int)it.nr_cells : 1;
	}
	if (!total)
		return 0;
	g->parents = port_zalloc(total * sizeof(*g->parents));
	return g->parents ? 0 : -ENOMEM;
}

/* Record node @parent as a parent of entry @e (once; not itself). */
static int irqchip_fdt_add_parent(struct irqchip_fdt_graph *g, struct irqchip_fdt_entry *e,
				  int parent, char *err, size_t errlen)
{
	char path[IRQCHIP_FDT_PATH_MAX];
	struct irqchip_fdt_entry *p;
	unsigned int index;

	if (parent == e->offset)
		return 0;
	p = irqchip_fdt_find(g, parent);
	if (!p) {
		irqchip_fdt_path(g->fdt, parent, path, sizeof(path));
		if (irqchip_fdt_match_of(g->fdt, parent))
			return irqchip_fdt_report(err, errlen, g->fdt, e->offset, -EINVAL,
						  "interrupt parent %s is disabled", path);
		return irqchip_fdt_report(err, errlen, g->fdt, e->offset, -EINVAL,
					  "interrupt parent %s has no driver", path);
	}
	index = (unsigned int)(p - g->entries);
	for (unsigned int i = 0; i < e->nr_parents; i++)
		if (g->parents[e->first_parent + i] == index)
			return 0;
	g->parents[g->nr_parents++] = index;
	e->nr_parents++;
	return 0;
}

/* Every entry's parents, checked; and "reg" where the driver needs it. */
static int irqchip_fdt_link(struct irqchip_fdt_graph *g, char *err, size_t errlen)
{
	for (unsigned int i = 0; i < g->nr_entries; i++) {
		struct irqchip_fdt_entry *e = &g->entries[i];
		struct irqchip_fdt_irqs it;
		uint64_t addr;
		int ret;

		if ((e->match->flags & IRQCHIP_FDT_NEEDS_REG) &&
		    irqchip_fdt_reg_at(g->fdt, e->offset, 0, &addr, NULL))
			return irqchip_fdt_report(err, errlen, g->fdt, e->offset, -EINVAL,
						  "no valid \"reg\" (the \"%s\" driver needs it)",
						  e->match->compatible);

		e->first_parent = g->nr_parents;
		ret = irqchip_fdt_irqs_open(&it, g->fdt, e->offset);
		if (!ret && !it.extended && it.parent >= 0)
			ret = irqchip_fdt_add_parent(g, e, it.parent, err, errlen);
		while (!ret && it.extended && (ret = irqchip_fdt_irqs_next(&it)) > 0)
			ret = irqchip_fdt_add_parent(g, e, it.entry_parent, err, errlen);
		if (ret == -EINVAL)
			return ret;
		if (ret)
			return irqchip_fdt_irqs_report(&it, ret, err, errlen);
	}
	return 0;
}

/* A parent of entry @i that has no generation yet; @i must have one. */
static unsigned int irqchip_fdt_unplaced_parent(const struct irqchip_fdt_graph *g, unsigned int i)
{
	const struct irqchip_fdt_entry *e = &g->entries[i];

	for (unsigned int k = 0; k < e->nr_parents; k++)
		if (!g->entries[g->parents[e->first_parent + k]].generation)
			return g->parents[e->first_parent + k];
	return i;
}

/*
 * Name a cycle: from an unplaced entry, follow unplaced parents (every
 * unplaced entry has one, or it would have been placed); after as many
 * steps as there are entries, we are on the cycle.
 */
static int irqchip_fdt_report_cycle(const struct irqchip_fdt_graph *g, unsigned int start,
				    char *err, size_t errlen)
{
	char path[IRQCHIP_FDT_PATH_MAX];
	unsigned int i = start, next;

	for (unsigned int step = 0; step < g->nr_entries; step++)
		i = irqchip_fdt_unplaced_parent(g, i);
	next = irqchip_fdt_unplaced_parent(g, i);
	return irqchip_fdt_report(err, errlen, g->fdt, g->entries[i].offset, -EINVAL,
				  "interrupt parent cycle: its parent %s depends on it",
				  irqchip_fdt_path(g->fdt, g->entries[next].offset, path,
						   sizeof(path)));
}

/* The init order, generation by generation; fails on a cycle. */
static int irqchip_fdt_order(struct irqchip_fdt_graph *g, char *err, size_t errlen)
{
	unsigned int placed = 0, generation;

	g->order = port_zalloc(g->nr_entries * sizeof(*g->order));
	if (!g->order)
		return -ENOMEM;
	for (generation = 1; placed < g->nr_entries; generation++) {
		unsigned int before = placed;

		for (unsigned int i = 0; i < g->nr_entries; i++) {
			struct irqchip_fdt_entry *e = &g->entries[i];
			bool ready = !e->generation;

			for (unsigned int k = 0; ready && k < e->nr_parents; k++) {
				unsigned int pg =
					g->entries[g->parents[e->first_parent + k]].generation;

				/* placed in an earlier generation, not this one */
				ready = pg && pg < generation;
			}
			if (ready) {
				e->generation = generation;
				g->order[placed++] = i;
			}
		}
		if (placed == before) {
			for (unsigned int i = 0; i < g->nr_entries; i++)
				if (!g->entries[i].generation)
					return irqchip_fdt_report_cycle(g, i, err, errlen);
		}
	}
	return 0;
}

/* Build and check the graph of @fdt; on error nothing stays allocated. */
static int irqchip_fdt_build(struct irqchip_fdt_graph *g, const void *fdt, char *err, size_t errlen)
{
	int ret;

	memset(g, 0, sizeof(*g));
	ret = irqchip_fdt_check_header(fdt, err, errlen);
	if (ret)
		return ret;
	g->fdt = fdt;
	ret = irqchip_fdt_collect(g, err, errlen);
	if (!ret && g->nr_entries)
		ret = irqchip_fdt_count_parents(g, err, errlen);
	if (!ret && g->nr_entries)
		ret = irqchip_fdt_link(g, err, errlen);
	if (!ret && g->nr_entries)
		ret = irqchip_fdt_order(g, err, errlen);
	if (ret == -ENOMEM)
		irqchip_fdt_report(err, errlen, fdt, -1, ret, "out of memory");
	if (ret)
		irqchip_fdt_graph_free(g);
	return ret;
}

int irqchip_fdt_check(const void *fdt, char *err, size_t errlen)
{
	struct irqchip_fdt_graph g;
	int ret = irqchip_fdt_build(&g, fdt, err, errlen);

	if (ret)
		return ret;
	ret = (int)g.nr_entries;
	irqchip_fdt_graph_free(&g);
	return ret;
}

/* ---- probing ------------------------------------------------------------- */

/* Give every entry its fwnode; on -ENOMEM the ones given are freed. */
static int irqchip_fdt_alloc_fwnodes(struct irqchip_fdt_graph *g)
{
	char path[IRQCHIP_FDT_PATH_MAX];

	for (unsigned int i = 0; i < g->nr_entries; i++) {
		struct irqchip_fdt_entry *e = &g->entries[i];

		e->own_fwnode = irq_domain_alloc_named_fwnode(
			irqchip_fdt_path(g->fdt, e->offset, path, sizeof(path)));
		if (!e->own_fwnode) {
			while (i--)
				irq_domain_free_fwnode(g->entries[i].own_fwnode);
			return -ENOMEM;
		}
		e->fwnode = e->own_fwnode;
	}
	return 0;
}

/* The domain children of @fwnode's controller hang under. */
static struct irq_domain *irqchip_fdt_parent_domain(struct fwnode_handle *fwnode)
{
	struct irq_domain *d = irq_find_matching_fwnode(fwnode, DOMAIN_BUS_WIRED);

	return d ? d : irq_find_matching_fwnode(fwnode, DOMAIN_BUS_ANY);
}

/* Init the driver of entry @e; its parents are up. */
static int irqchip_fdt_init_one(struct irqchip_fdt_graph *g, struct irqchip_fdt_entry *e, char *err,
				size_t errlen)
{
	struct irqchip_fdt_node node = {
		.fdt = g->fdt,
		.offset = e->offset,
		.path = e->own_fwnode->name,
		.fwnode = e->own_fwnode,
		.parent_offset = -1,
	};
	int ret;

	if (e->nr_parents) {
		struct irqchip_fdt_entry *p = &g->entries[g->parents[e->first_parent]];

		node.parent_offset = p->offset;
		node.parent = irqchip_fdt_parent_domain(p->fwnode);
		if (!node.parent)
			return irqchip_fdt_report(err, errlen, g->fdt, e->offset, -ENODEV,
						  "interrupt parent %s has no domain",
						  p->own_fwnode->name);
	}
	irqchip_fdt_init_msg_set = false;
	ret = e->match->init(&node);
	if (!ret)
		return 0;
	if (irqchip_fdt_init_msg_set) {
		if (err && errlen)
			snprintf(err, errlen, "%s", irqchip_fdt_init_msg);
		return ret;
	}
	return irqchip_fdt_report(err, errlen, g->fdt, e->offset, ret,
				  "the \"%s\" driver failed to init it (%d)", e->match->compatible,
				  ret);
}

int irqchip_fdt_probe(const void *fdt, char *err, size_t errlen)
{
	struct irqchip_fdt_graph g;
	int ret;

	if (irqchip_fdt_busy)
		return irqchip_fdt_report(err, errlen, fdt, -1, -EBUSY,
					  "a device tree was probed already");
	ret = irqchip_fdt_build(&g, fdt, err, errlen);
	if (ret)
		return ret;
	ret = irqchip_fdt_alloc_fwnodes(&g);
	if (ret) {
		irqchip_fdt_graph_free(&g);
		return irqchip_fdt_report(err, errlen, fdt, -1, ret, "out of memory");
	}
	/* published before the inits: they share domains and record IPIs */
	irqchip_fdt_probed = g;
	irqchip_fdt_busy = true;
	for (unsigned int i = 0; i < g.nr_entries; i++) {
		ret = irqchip_fdt_init_one(&irqchip_fdt_probed,
					   &irqchip_fdt_probed.entries[g.order[i]], err, errlen);
		if (ret)
			return ret;
	}
	return (int)g.nr_entries;
}

void irqchip_fdt_reset(void)
{
	irqchip_fdt_graph_free(&irqchip_fdt_probed);
	irqchip_fdt_busy = false;
	irqchip_fdt_nr_cpu_callbacks = 0;
	memset(irqchip_fdt_cpu_callbacks, 0, sizeof(irqchip_fdt_cpu_callbacks));
}

/* ---- lookups ------------------------------------------------------------- */

static struct irqchip_fdt_entry *irqchip_fdt_probed_entry(const void *fdt, int offset)
{
	if (!fdt || fdt != irqchip_fdt_probed.fdt)
		return NULL;
	return irqchip_fdt_find(&irqchip_fdt_probed, offset);
}

struct fwnode_handle *irqchip_fdt_fwnode(const void *fdt, int offset)
{
	struct irqchip_fdt_entry *e = irqchip_fdt_probed_entry(fdt, offset);

	return e ? e->fwnode : NULL;
}

struct irq_domain *irqchip_fdt_domain(const void *fdt, int offset,
				      enum irq_domain_bus_token bus_token)
{
	struct fwnode_handle *fwnode = irqchip_fdt_fwnode(fdt, offset);

	return fwnode ? irq_find_matching_fwnode(fwnode, bus_token) : NULL;
}

int irqchip_fdt_ipi_virqs(const void *fdt, int offset, unsigned int *nr)
{
	const struct irqchip_fdt_graph *g = &irqchip_fdt_probed;
	const struct irqchip_fdt_entry *e = NULL;

	if (offset >= 0) {
		e = irqchip_fdt_probed_entry(fdt, offset);
	} else if (fdt && fdt == g->fdt) {
		for (unsigned int i = 0; i < g->nr_entries && !e; i++)
			if (g->entries[g->order[i]].ipi_nr)
				e = &g->entries[g->order[i]];
	}
	if (!e || !e->ipi_nr)
		return -ENOENT;
	if (nr)
		*nr = e->ipi_nr;
	return (int)e->ipi_first;
}

/* ---- for drivers' DT glue ------------------------------------------------ */

int irqchip_fdt_share_domain(const struct irqchip_fdt_node *node, struct irq_domain *domain)
{
	struct irqchip_fdt_entry *e;

	if (!node || !domain || !domain->fwnode)
		return -EINVAL;
	e = irqchip_fdt_probed_entry(node->fdt, node->offset);
	if (!e)
		return -EINVAL;
	e->fwnode = domain->fwnode;
	return 0;
}

int irqchip_fdt_set_ipi_virqs(const struct irqchip_fdt_node *node, unsigned int first,
			      unsigned int nr)
{
	struct irqchip_fdt_entry *e;

	if (!node || !first || !nr)
		return -EINVAL;
	e = irqchip_fdt_probed_entry(node->fdt, node->offset);
	if (!e)
		return -EINVAL;
	e->ipi_first = first;
	e->ipi_nr = nr;
	return 0;
}

int irqchip_fdt_add_cpu_starting(int (*fn)(void))
{
	if (!fn)
		return -EINVAL;
	if (irqchip_fdt_nr_cpu_callbacks == IRQCHIP_FDT_MAX_CPU_CALLBACKS)
		return -ENOSPC;
	irqchip_fdt_cpu_callbacks[irqchip_fdt_nr_cpu_callbacks++] = fn;
	return 0;
}

int irqchip_fdt_cpu_starting(void)
{
	for (unsigned int i = 0; i < irqchip_fdt_nr_cpu_callbacks; i++) {
		int ret = irqchip_fdt_cpu_callbacks[i]();

		if (ret)
			return ret;
	}
	return 0;
}

int irqchip_fdt_err(const struct irqchip_fdt_node *node, int ret, const char *fmt, ...)
{
	char msg[IRQCHIP_FDT_PATH_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(irqchip_fdt_init_msg, sizeof(irqchip_fdt_init_msg), "%s: %s",
		 node && node->path ? node->path : "?", msg);
	irqchip_fdt_init_msg_set = true;
	genipi_log("fdt: %s\n", irqchip_fdt_init_msg);
	return ret;
}
