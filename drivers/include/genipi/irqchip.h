/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Device-tree discovery of interrupt controllers (libfdt).
 *
 * A driver is two files: the hardware logic (registers, chip, domain), which
 * knows nothing of device trees, and its DT glue, which declares the
 * compatible strings it handles with IRQCHIP_FDT_DECLARE() and turns a node
 * into a call of the hardware init. The build collects every declaration
 * into a generated table (no central switch to edit when adding a driver).
 *
 * irqchip_fdt_probe() inits every controller the blob describes whose
 * compatible has a driver, parents before children.
 *
 * Matching: a node takes part if its "status" is absent, "okay" or "ok" and
 * one of its compatible strings has a driver. The node's strings are tried
 * in their order (most specific first, as the DT binding intends); the
 * first string with a driver wins; two drivers for one string: the first
 * in the table (sorted by file, then line) wins.
 *
 * Interrupt parents: a node's parents are the controllers of every entry of
 * its "interrupts-extended" (the first entry's is *the* interrupt parent,
 * irqchip_fdt_node.parent); without that property, its "interrupt-parent",
 * its own or, if it has "interrupts", inherited from the nearest ancestor
 * that has one. A node that is its own parent, or has none, is a root.
 * Every parent must itself be a probed controller. A node is initialised
 * after all its parents.
 *
 * The whole blob is checked before any driver runs (a valid DTB, every
 * parent phandle resolvable and driven, no parent cycle, "reg" present
 * where the driver needs it), so a malformed blob registers nothing and the
 * error message names the node.
 *
 * Lifetime: the blob must stay valid, at the same address, as long as the
 * lookups below are used; they take the same pointer. The table of probed
 * nodes lives until irqchip_fdt_reset() (the hosted port calls it when it
 * shuts a machine down, right after irq_core_teardown() freed the fwnodes).
 * Probing and the lookups are slow-path calls made by one thread at a time,
 * at boot, before IPIs are sent.
 */
#ifndef GENIPI_IRQCHIP_H
#define GENIPI_IRQCHIP_H

#include <genipi/irqdomain.h>
#include <genipi/types.h>

GENIPI_BEGIN_DECLS

/**
 * struct irqchip_fdt_node - what a driver's DT glue is given
 * @fdt:           the blob
 * @offset:        the controller's node
 * @path:          its full path, for messages
 * @fwnode:        its fwnode: create the controller's domains with it, so
 *                 children and users find them with irq_find_matching_fwnode()
 * @parent:        the domain of its interrupt parent (NULL for a root)
 * @parent_offset: the parent's node, or -1 for a root
 */
struct irqchip_fdt_node {
	const void *fdt;
	int offset;
	const char *path;
	struct fwnode_handle *fwnode;
	struct irq_domain *parent;
	int parent_offset;
};

/* Returns 0 or a negative errno; may report details with irqchip_fdt_err(). */
typedef int (*irqchip_fdt_init_fn)(const struct irqchip_fdt_node *node);

/* irqchip_fdt_match.flags */
#define IRQCHIP_FDT_NEEDS_REG BIT(0) /* the node must have a "reg" */

struct irqchip_fdt_match {
	const char *compatible;
	irqchip_fdt_init_fn init;
	unsigned int flags;
};

/*
 * Declare that @fn inits nodes compatible with @compat. The build finds
 * these declarations (at the start of a line, in files compiled into the
 * library; cmake/irqchip-table.cmake) and lists them in the generated
 * driver table. @name must be unique in the library. The object is not
 * exported from the shared library.
 */
#define IRQCHIP_FDT_DECLARE(name, compat, fn, fl)                                                  \
	__attribute__((visibility("hidden")))                                                      \
	const struct irqchip_fdt_match irqchip_fdt_match_##name = {                                \
		.compatible = (compat),                                                            \
		.init = (fn),                                                                      \
		.flags = (fl),                                                                     \
	}

/* ---- probing ------------------------------------------------------------ */

/**
 * irqchip_fdt_check_blob - does a buffer hold a whole, well-formed DTB?
 * @fdt:    the buffer
 * @size:   its size in bytes (e.g. the size of the file it was read from)
 * @err:    where to put a one-line message (may be NULL)
 * @errlen: its size
 *
 * For loaders, which know how many bytes they have: the other functions
 * trust the blob's own size field. Returns 0 or -EINVAL (not a DTB, a blob
 * larger than @size, a malformed structure).
 */
int irqchip_fdt_check_blob(const void *fdt, size_t size, char *err, size_t errlen);

/**
 * irqchip_fdt_check - check what irqchip_fdt_probe() would init, init nothing
 * @fdt:    a flattened device tree
 * @err:    where to put a one-line message naming the offending node (may be NULL)
 * @errlen: its size
 *
 * Returns the number of controllers irqchip_fdt_probe() would init (0 if
 * none has a driver), -EINVAL for a malformed blob (not a DTB, truncated,
 * a missing "reg", an unknown parent phandle, a parent cycle, a parent
 * without a driver) or -ENOMEM. Allocates nothing that outlives the call.
 */
int irqchip_fdt_check(const void *fdt, char *err, size_t errlen);

/**
 * irqchip_fdt_probe - init every interrupt controller of @fdt that has a driver
 * @fdt:    a flattened device tree
 * @err:    where to put a one-line message naming the offending node (may be NULL)
 * @errlen: its size
 *
 * Checks the blob (irqchip_fdt_check()), gives every matched node a fwnode
 * named by its path (irq_domain_alloc_named_fwnode()), then calls the
 * drivers' inits, parents first; within a generation, in node order.
 * Without @err, the message is logged.
 *
 * Returns the number of controllers initialised, or a negative errno:
 * -EINVAL for a malformed blob (nothing was initialised), -EBUSY if a probe
 * already ran since the last irqchip_fdt_reset(), -ENOMEM, or the first
 * error of a driver's init (the caller tears the machine down: drivers
 * that ran are not undone).
 */
int irqchip_fdt_probe(const void *fdt, char *err, size_t errlen);

/**
 * irqchip_fdt_reset - forget the probed nodes and the per-CPU callbacks
 *
 * For ports that boot many machines in one process: call it after
 * irq_core_teardown(), which freed the fwnodes the table points to.
 */
void irqchip_fdt_reset(void);

/* ---- lookups ------------------------------------------------------------ */

/**
 * irqchip_fdt_fwnode - the fwnode irqchip_fdt_probe() gave node @offset
 * (or the one it shares, irqchip_fdt_share_domain()), or NULL.
 * Valid until irq_core_teardown().
 */
struct fwnode_handle *irqchip_fdt_fwnode(const void *fdt, int offset);

/**
 * irqchip_fdt_domain - the domain of node @offset for @bus_token (e.g.
 * DOMAIN_BUS_IPI for a controller's IPI domain), or NULL
 */
struct irq_domain *irqchip_fdt_domain(const void *fdt, int offset,
				      enum irq_domain_bus_token bus_token);

/**
 * irqchip_fdt_ipi_virqs - the fixed IPIs a node's driver created (see
 * irqchip_fdt_set_ipi_virqs(); e.g. the multiplexer's virtual IPIs)
 * @fdt:    the probed blob
 * @offset: the node, or -1 for the first node (in init order) that has any
 * @nr:     set to how many (consecutive virqs); may be NULL
 *
 * Returns the first virq (> 0), or -ENOENT.
 */
int irqchip_fdt_ipi_virqs(const void *fdt, int offset, unsigned int *nr);

/* ---- for drivers' DT glue ----------------------------------------------- */

/**
 * irqchip_fdt_get_reg - the @index-th (address, size) of node's "reg",
 * decoded with the parent bus's #address-cells/#size-cells.
 * Returns 0 or -EINVAL (no such entry).
 */
int irqchip_fdt_get_reg(const struct irqchip_fdt_node *node, unsigned int index, uint64_t *addr,
			uint64_t *size);

/**
 * irqchip_fdt_reg_at - irqchip_fdt_get_reg() for any node (device models,
 * nodes that are not probed controllers); @size may be NULL
 */
int irqchip_fdt_reg_at(const void *fdt, int offset, unsigned int index, uint64_t *addr,
		       uint64_t *size);

/**
 * irqchip_fdt_nr_parent_irqs - how many entries node's interrupt list has
 * ("interrupts-extended", else "interrupts"): 0 or more, or -EINVAL if it
 * is malformed
 */
int irqchip_fdt_nr_parent_irqs(const struct irqchip_fdt_node *node);

/**
 * irqchip_fdt_parent_irq - the @index-th entry of node's interrupt list
 * ("interrupts-extended", else "interrupts" with the interrupt parent)
 * @parent_offset: the entry's controller node
 * @fwspec:        the entry as a firmware specifier (fwnode of that
 *                 controller, its #interrupt-cells cells)
 * Returns 0 or -EINVAL (no such entry, or a malformed one, or a controller
 * that was not probed).
 */
int irqchip_fdt_parent_irq(const struct irqchip_fdt_node *node, unsigned int index,
			   int *parent_offset, struct irq_fwspec *fwspec);

/**
 * irqchip_fdt_cpu_of - the CPU (target id) whose /cpus/cpu node contains
 * node @offset (a CPU-local interrupt controller): the CPU whose
 * target_hwid() is that node's "reg". Returns it, -EINVAL if @offset is
 * not inside a CPU node, -ENODEV if that CPU is not one of the machine's.
 */
int irqchip_fdt_cpu_of(const void *fdt, int offset);

/**
 * irqchip_fdt_share_domain - node is served by a domain another node's
 * init created (e.g. one domain for all the per-CPU interrupt controller
 * nodes): from now on irqchip_fdt_fwnode() of the node, the fwspecs of
 * its children's irqchip_fdt_parent_irq() and their irqchip_fdt_node.parent
 * all lead to @domain. Call it from the node's init instead of creating a
 * domain; node->fwnode stays unused.
 * Returns 0, or -EINVAL (a node not being probed, a domain without fwnode).
 */
int irqchip_fdt_share_domain(const struct irqchip_fdt_node *node, struct irq_domain *domain);

/**
 * irqchip_fdt_set_ipi_virqs - record the fixed IPIs node's driver created
 * (@nr consecutive virqs from @first), for irqchip_fdt_ipi_virqs()
 * Returns 0, or -EINVAL (a node not being probed, @first 0, @nr 0).
 */
int irqchip_fdt_set_ipi_virqs(const struct irqchip_fdt_node *node, unsigned int first,
			      unsigned int nr);

/* Per-CPU callbacks a probe can register (up to this many). */
#define IRQCHIP_FDT_MAX_CPU_CALLBACKS 16

/**
 * irqchip_fdt_add_cpu_starting - have @fn run on every CPU as it comes up
 *
 * For a driver whose init left something to do on each CPU (enable its
 * parent line there: clint_ipi_starting_cpu()). The port calls
 * irqchip_fdt_cpu_starting() on each CPU after the probe. Returns 0,
 * -EINVAL for NULL, -ENOSPC when IRQCHIP_FDT_MAX_CPU_CALLBACKS are taken.
 */
int irqchip_fdt_add_cpu_starting(int (*fn)(void));

/**
 * irqchip_fdt_cpu_starting - run, on the calling CPU, the callbacks
 * registered with irqchip_fdt_add_cpu_starting(), in registration order
 * Returns 0 or the first callback's error.
 */
int irqchip_fdt_cpu_starting(void);

/**
 * irqchip_fdt_err - report why a node's init fails: logs "PATH: message"
 * and makes it the message irqchip_fdt_probe() returns if the init fails.
 * Returns @ret, so glue can write `return irqchip_fdt_err(node, -EINVAL, ...)`.
 */
int irqchip_fdt_err(const struct irqchip_fdt_node *node, int ret, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- CPUs and remote processors ---------------------------------------- */

/*
 * A remote processor node: compatible "genipi,remote-processor", anywhere
 * in the tree, reg = <hwid> (in the parent bus's #address-cells; only the
 * address is used), status as for controllers. Its node name names it.
 */
#define FDT_REMOTE_PROCESSOR_COMPATIBLE "genipi,remote-processor"

/**
 * fdt_cpus_parse - the CPUs of /cpus (children with device_type "cpu" and
 * a status that is absent, "okay" or "ok"), in node order: CPU i gets
 * @hwids[i] = its "reg" (the first address, in /cpus's #address-cells)
 * Returns the count (1 .. @max), or -EINVAL (not a DTB, no /cpus, no CPU,
 * a CPU without reg, two CPUs with one reg, more than @max CPUs; @err
 * names the node).
 */
int fdt_cpus_parse(const void *fdt, unsigned long *hwids, unsigned int max, char *err,
		   size_t errlen);

struct fdt_remote {
	const char *name; /* the node's name (points into the blob) */
	unsigned long hwid;
};

/**
 * fdt_remotes_parse - the remote-processor nodes, in node order
 * Returns how many (0 .. @max), or -EINVAL (malformed, no reg, more than
 * @max; @err names the node).
 */
int fdt_remotes_parse(const void *fdt, struct fdt_remote *remotes, unsigned int max, char *err,
		      size_t errlen);

GENIPI_END_DECLS

#endif /* GENIPI_IRQCHIP_H */
