/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Interrupt domains: translation of a controller's hwirq numbers to virqs,
 * stacked in a hierarchy (an IPI domain is a child of its controller's
 * domain). Names and meanings follow Linux kernel/irq/irqdomain.c.
 */
#ifndef GENIPI_IRQDOMAIN_H
#define GENIPI_IRQDOMAIN_H

#include <genipi/irq.h>
#include <genipi/types.h>

GENIPI_BEGIN_DECLS

struct irq_domain;

/*
 * A firmware node: what identifies a domain's controller. The device-tree
 * layer embeds it (with the node offset) in its own structure; named
 * fwnodes are allocated with irq_domain_alloc_named_fwnode().
 */
struct fwnode_handle {
	const char *name;
	unsigned int flags;
};

#define IRQ_FWSPEC_PARAMS 16

/* A firmware interrupt specifier: a controller and its cells. */
struct irq_fwspec {
	struct fwnode_handle *fwnode;
	int param_count;
	uint32_t param[IRQ_FWSPEC_PARAMS];
};

enum irq_domain_bus_token {
	DOMAIN_BUS_ANY = 0,
	DOMAIN_BUS_WIRED,
	DOMAIN_BUS_IPI,
	DOMAIN_BUS_NEXUS,
};

/* Domain flags (irq_domain->flags). */
#define IRQ_DOMAIN_FLAG_HIERARCHY BIT(0)
#define IRQ_DOMAIN_FLAG_IPI_PER_CPU BIT(2) /* one hwirq per target */
#define IRQ_DOMAIN_FLAG_IPI_SINGLE BIT(3)  /* one hwirq for all targets */

/**
 * struct irq_domain_ops - what a controller driver provides
 * @select:    does this domain serve @fwspec? (default: same fwnode and bus)
 * @translate: turn @fwspec into hwirq and trigger type
 * @map:       set up a non-hierarchical mapping (irq_create_mapping())
 * @unmap:     undo @map
 * @alloc:     hierarchical allocation of @nr_irqs virqs from @virq; for IPI
 *             domains @arg is the target mask
 * @free:      undo @alloc
 */
struct irq_domain_ops {
	int (*select)(struct irq_domain *d, struct irq_fwspec *fwspec,
		      enum irq_domain_bus_token bus_token);
	int (*translate)(struct irq_domain *d, struct irq_fwspec *fwspec,
			 irq_hw_number_t *out_hwirq, unsigned int *out_type);
	int (*map)(struct irq_domain *d, unsigned int virq, irq_hw_number_t hwirq);
	void (*unmap)(struct irq_domain *d, unsigned int virq);
	int (*alloc)(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs, void *arg);
	void (*free)(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs);
};

/**
 * struct irq_domain - a hwirq -> virq translation space
 *
 * Fields are public as in Linux; drivers read @host_data, @parent, @flags,
 * @fwnode and @name, and change nothing directly.
 */
struct irq_domain {
	const char *name;
	const struct irq_domain_ops *ops;
	void *host_data;
	unsigned int flags;
	enum irq_domain_bus_token bus_token;
	struct fwnode_handle *fwnode;
	struct irq_domain *parent;
	struct irq_domain *next; /* registry link, core-private */
	irq_hw_number_t hwirq_max;
	unsigned int revmap_size; /* 0: tree domain */
	void *revmap_tree;	  /* core-private radix tree root */
	unsigned int *revmap;	  /* linear map, revmap_size entries, core-private */
};

struct irq_domain *irq_domain_create_linear(struct fwnode_handle *fwnode, unsigned int size,
					    const struct irq_domain_ops *ops, void *host_data);
struct irq_domain *irq_domain_create_tree(struct fwnode_handle *fwnode,
					  const struct irq_domain_ops *ops, void *host_data);
struct irq_domain *irq_domain_create_hierarchy(struct irq_domain *parent, unsigned int flags,
					       unsigned int size, struct fwnode_handle *fwnode,
					       const struct irq_domain_ops *ops, void *host_data);
void irq_domain_remove(struct irq_domain *d);
void irq_domain_update_bus_token(struct irq_domain *d, enum irq_domain_bus_token bus_token);
struct irq_domain *irq_find_matching_fwnode(struct fwnode_handle *fwnode,
					    enum irq_domain_bus_token bus_token);
struct fwnode_handle *irq_domain_alloc_named_fwnode(const char *name);
void irq_domain_free_fwnode(struct fwnode_handle *fwnode);

bool irq_domain_is_hierarchy(struct irq_domain *d);
bool irq_domain_is_ipi(struct irq_domain *d);
bool irq_domain_is_ipi_per_cpu(struct irq_domain *d);
bool irq_domain_is_ipi_single(struct irq_domain *d);

int irq_domain_alloc_irqs(struct irq_domain *d, unsigned int nr_irqs, int node, void *arg);
void irq_domain_free_irqs(unsigned int virq, unsigned int nr_irqs);
int irq_domain_alloc_irqs_parent(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs,
				 void *arg);
void irq_domain_free_irqs_parent(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs);
void irq_domain_free_irqs_top(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs);
void irq_domain_reset_irq_data(struct irq_data *d);
int irq_domain_set_hwirq_and_chip(struct irq_domain *d, unsigned int virq, irq_hw_number_t hwirq,
				  const struct irq_chip *chip, void *chip_data);
void irq_domain_set_info(struct irq_domain *d, unsigned int virq, irq_hw_number_t hwirq,
			 const struct irq_chip *chip, void *chip_data, irq_flow_handler_t handler,
			 void *handler_data, const char *handler_name);
struct irq_data *irq_domain_get_irq_data(struct irq_domain *d, unsigned int virq);

unsigned int irq_find_mapping(struct irq_domain *d, irq_hw_number_t hwirq);
unsigned int irq_create_mapping(struct irq_domain *d, irq_hw_number_t hwirq);
void irq_dispose_mapping(unsigned int virq);
unsigned int irq_create_fwspec_mapping(struct irq_fwspec *fwspec);

int generic_handle_domain_irq(struct irq_domain *d, irq_hw_number_t hwirq);

/* NUMA node argument of irq_domain_alloc_irqs(): genipi has no NUMA. */
#define NUMA_NO_NODE (-1)

GENIPI_END_DECLS

#endif /* GENIPI_IRQDOMAIN_H */
