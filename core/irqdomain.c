// SPDX-License-Identifier: BSD-2-Clause
/*
 * Interrupt domains: hwirq -> virq translation, stacked in hierarchies.
 *
 * Every mutation runs under irq_config_lock. The reverse maps (linear array
 * or radix tree) are read without a lock on the dispatch path: entries and
 * tree nodes are published with release stores and read with acquire loads;
 * tree nodes are freed only when their domain is removed.
 */
#include "internals.h"

static struct irq_domain *irq_domain_list;

/* Named fwnodes, kept on a list so irq_core_teardown() can free them. */
struct named_fwnode {
	struct fwnode_handle fwnode; /* first: the handle given out */
	struct named_fwnode *next;
	char name[];
};

static struct named_fwnode *named_fwnode_list;

#define FWNODE_NAMED BIT(0)

/* ---- radix tree reverse map (tree domains, and hwirqs past a linear map) --- */

#define RADIX_BITS 6
#define RADIX_SLOTS (1U << RADIX_BITS)
#define RADIX_MASK (RADIX_SLOTS - 1)

struct radix_node {
	unsigned int height; /* 0: slots hold virqs; else child nodes */
	void *slots[RADIX_SLOTS];
};

/* Does a tree of this height cover @hwirq? */
static bool radix_covers(unsigned int height, irq_hw_number_t hwirq)
{
	unsigned int shift = RADIX_BITS * (height + 1);

	return shift >= 8 * sizeof(hwirq) || (hwirq >> shift) == 0;
}

static unsigned int radix_lookup(struct irq_domain *d, irq_hw_number_t hwirq)
{
	/* pairs with the release store of a new root in radix_insert() */
	struct radix_node *node = __atomic_load_n((struct radix_node **)&d->revmap_tree,
						  __ATOMIC_ACQUIRE);
	unsigned int level;

	if (!node || !radix_covers(node->height, hwirq))
		return 0;
	for (level = node->height;; level--) {
		void *slot =
			__atomic_load_n(&node->slots[(hwirq >> (RADIX_BITS * level)) & RADIX_MASK],
					__ATOMIC_ACQUIRE);

		if (!level)
			return (unsigned int)(uintptr_t)slot;
		if (!slot)
			return 0;
		node = slot;
	}
}

static struct radix_node *radix_node_alloc(unsigned int height)
{
	struct radix_node *node = port_zalloc(sizeof(*node));

	if (node)
		node->height = height;
	return node;
}

/* Insert or clear (virq 0) a mapping. Lock held. */
static int radix_insert(struct irq_domain *d, irq_hw_number_t hwirq, unsigned int virq)
{
	struct radix_node *root = d->revmap_tree, *node;
	unsigned int level;

	if (!root) {
		if (!virq)
			return 0;
		root = radix_node_alloc(0);
		if (!root)
			return -ENOMEM;
		__atomic_store_n((struct radix_node **)&d->revmap_tree, root, __ATOMIC_RELEASE);
	}
	while (!radix_covers(root->height, hwirq)) {
		struct radix_node *up;

		if (!virq)
			return 0;
		up = radix_node_alloc(root->height + 1);
		if (!up)
			return -ENOMEM;
		up->slots[0] = root;
		/* pairs with the acquire load of the root in radix_lookup() */
		__atomic_store_n((struct radix_node **)&d->revmap_tree, up, __ATOMIC_RELEASE);
		root = up;
	}
	for (node = root, level = node->height; level; level--) {
		void **slot = &node->slots[(hwirq >> (RADIX_BITS * level)) & RADIX_MASK];

		if (!*slot) {
			struct radix_node *child;

			if (!virq)
				return 0;
			child = radix_node_alloc(level - 1);
			if (!child)
				return -ENOMEM;
			/* pairs with the acquire load of the slot in radix_lookup() */
			__atomic_store_n(slot, child, __ATOMIC_RELEASE);
		}
		node = *slot;
	}
	__atomic_store_n(&node->slots[hwirq & RADIX_MASK], (void *)(uintptr_t)virq,
			 __ATOMIC_RELEASE);
	return 0;
}

static void radix_free(struct radix_node *node)
{
	if (!node)
		return;
	if (node->height)
		for (unsigned int i = 0; i < RADIX_SLOTS; i++)
			radix_free(node->slots[i]);
	port_free(node);
}

/* ---- reverse map ------------------------------------------------------ */

int irq_domain_revmap_insert(struct irq_domain *d, irq_hw_number_t hwirq, unsigned int virq)
{
	if (hwirq < d->revmap_size) {
		/* pairs with the acquire load in irq_find_mapping() */
		__atomic_store_n(&d->revmap[hwirq], virq, __ATOMIC_RELEASE);
		return 0;
	}
	if (d->revmap_size)
		return -EINVAL; /* a linear domain: hwirq out of range */
	return radix_insert(d, hwirq, virq);
}

void irq_domain_revmap_remove(struct irq_domain *d, irq_hw_number_t hwirq)
{
	irq_domain_revmap_insert(d, hwirq, 0);
}

unsigned int irq_find_mapping(struct irq_domain *d, irq_hw_number_t hwirq)
{
	if (unlikely(!d))
		return 0;
	if (hwirq < d->revmap_size)
		/* pairs with the release store in irq_domain_revmap_insert() */
		return __atomic_load_n(&d->revmap[hwirq], __ATOMIC_ACQUIRE);
	if (d->revmap_size)
		return 0;
	return radix_lookup(d, hwirq);
}

/* ---- fwnodes ----------------------------------------------------------- */

struct fwnode_handle *irq_domain_alloc_named_fwnode(const char *name)
{
	struct named_fwnode *n;
	size_t len;

	if (WARN_ONCE(!name, "genipi: irq_domain_alloc_named_fwnode: NULL name\n"))
		return NULL;
	len = genipi_strlen(name);
	n = port_zalloc(sizeof(*n) + len + 1);
	if (!n)
		return NULL;
	for (size_t i = 0; i <= len; i++)
		n->name[i] = name[i];
	n->fwnode.name = n->name;
	n->fwnode.flags = FWNODE_NAMED;
	irq_config_lock_acquire();
	n->next = named_fwnode_list;
	named_fwnode_list = n;
	irq_config_lock_release();
	return &n->fwnode;
}

void irq_domain_free_fwnode(struct fwnode_handle *fwnode)
{
	struct named_fwnode **pp;
	struct irq_domain *d;

	if (!fwnode)
		return;
	irq_config_lock_acquire();
	for (d = irq_domain_list; d; d = d->next) {
		if (WARN_ONCE(d->fwnode == fwnode,
			      "genipi: irq_domain_free_fwnode(%s): a domain still uses it\n",
			      fwnode->name)) {
			irq_config_lock_release();
			return;
		}
	}
	for (pp = &named_fwnode_list; *pp; pp = &(*pp)->next) {
		if (&(*pp)->fwnode == fwnode) {
			struct named_fwnode *n = *pp;

			*pp = n->next;
			irq_config_lock_release();
			port_free(n);
			return;
		}
	}
	irq_config_lock_release();
	WARN_ONCE(1, "genipi: irq_domain_free_fwnode: not a named fwnode\n");
}

/* ---- domain creation and lookup ------------------------------------------ */

static struct irq_domain *irq_domain_create(struct fwnode_handle *fwnode, unsigned int size,
					    const struct irq_domain_ops *ops, void *host_data,
					    unsigned int flags, struct irq_domain *parent)
{
	struct irq_domain *d;

	if (WARN_ONCE(!ops, "genipi: irq_domain_create: NULL ops\n"))
		return NULL;
	d = port_zalloc(sizeof(*d));
	if (!d)
		return NULL;
	if (size) {
		d->revmap = port_zalloc(size * sizeof(*d->revmap));
		if (!d->revmap) {
			port_free(d);
			return NULL;
		}
	}
	d->name = fwnode && fwnode->name ? fwnode->name : "unnamed";
	d->ops = ops;
	d->host_data = host_data;
	d->flags = flags | (ops->alloc ? IRQ_DOMAIN_FLAG_HIERARCHY : 0);
	d->fwnode = fwnode;
	d->parent = parent;
	d->revmap_size = size;
	d->hwirq_max = size ? size : ~0UL;
	d->bus_token = DOMAIN_BUS_ANY;

	irq_config_lock_acquire();
	d->next = irq_domain_list;
	irq_domain_list = d;
	irq_config_lock_release();
	return d;
}

struct irq_domain *irq_domain_create_linear(struct fwnode_handle *fwnode, unsigned int size,
					    const struct irq_domain_ops *ops, void *host_data)
{
	if (WARN_ONCE(!size, "genipi: irq_domain_create_linear: size 0\n"))
		return NULL;
	return irq_domain_create(fwnode, size, ops, host_data, 0, NULL);
}

struct irq_domain *irq_domain_create_tree(struct fwnode_handle *fwnode,
					  const struct irq_domain_ops *ops, void *host_data)
{
	return irq_domain_create(fwnode, 0, ops, host_data, 0, NULL);
}

#define IRQ_DOMAIN_FLAG_IPI (IRQ_DOMAIN_FLAG_IPI_PER_CPU | IRQ_DOMAIN_FLAG_IPI_SINGLE)

struct irq_domain *irq_domain_create_hierarchy(struct irq_domain *parent, unsigned int flags,
					       unsigned int size, struct fwnode_handle *fwnode,
					       const struct irq_domain_ops *ops, void *host_data)
{
	if (WARN_ONCE((flags & IRQ_DOMAIN_FLAG_IPI) == IRQ_DOMAIN_FLAG_IPI,
		      "genipi: irq_domain_create_hierarchy: both IPI kinds in flags\n"))
		return NULL;
	if (WARN_ONCE(ops && !ops->alloc,
		      "genipi: irq_domain_create_hierarchy: ops without alloc\n"))
		return NULL;
	return irq_domain_create(fwnode, size, ops, host_data, flags | IRQ_DOMAIN_FLAG_HIERARCHY,
				 parent);
}

static void irq_domain_free(struct irq_domain *d)
{
	radix_free(d->revmap_tree);
	port_free(d->revmap);
	port_free(d);
}

/* Does any virq have a level in @d, or any domain have @d as parent? Lock held. */
static bool irq_domain_in_use(struct irq_domain *d)
{
	struct irq_domain *child;

	for (unsigned int virq = 1; virq < NR_IRQS; virq++) {
		struct irq_desc *desc = irq_desc_table[virq];

		for (struct irq_data *data = desc ? &desc->irq_data : NULL; data;
		     data = data->parent_data)
			if (data->domain == d)
				return true;
	}
	for (child = irq_domain_list; child; child = child->next)
		if (child->parent == d)
			return true;
	return false;
}

/**
 * irq_domain_remove - remove a domain that nothing uses any more
 *
 * A domain that still has mappings or child domains is left in place and
 * the misuse reported.
 */
void irq_domain_remove(struct irq_domain *d)
{
	struct irq_domain **pp;

	if (WARN_ONCE(!d, "genipi: irq_domain_remove: NULL domain\n"))
		return;
	irq_config_lock_acquire();
	if (WARN_ONCE(irq_domain_in_use(d),
		      "genipi: irq_domain_remove(%s): still has mappings or children\n", d->name)) {
		irq_config_lock_release();
		return;
	}
	for (pp = &irq_domain_list; *pp; pp = &(*pp)->next) {
		if (*pp == d) {
			*pp = d->next;
			irq_config_lock_release();
			irq_domain_free(d);
			return;
		}
	}
	irq_config_lock_release();
	WARN_ONCE(1, "genipi: irq_domain_remove: unknown domain\n");
}

void irq_domain_remove_all(void)
{
	while (irq_domain_list) {
		struct irq_domain *d = irq_domain_list;

		irq_domain_list = d->next;
		irq_domain_free(d);
	}
	while (named_fwnode_list) {
		struct named_fwnode *n = named_fwnode_list;

		named_fwnode_list = n->next;
		port_free(n);
	}
}

void irq_domain_update_bus_token(struct irq_domain *d, enum irq_domain_bus_token bus_token)
{
	if (WARN_ONCE(!d, "genipi: irq_domain_update_bus_token: NULL domain\n"))
		return;
	irq_config_lock_acquire();
	d->bus_token = bus_token;
	irq_config_lock_release();
}

struct irq_domain *irq_find_matching_fwnode(struct fwnode_handle *fwnode,
					    enum irq_domain_bus_token bus_token)
{
	struct irq_domain *d, *found = NULL;
	struct irq_fwspec fwspec = { .fwnode = fwnode };

	if (!fwnode)
		return NULL;
	irq_config_lock_acquire();
	for (d = irq_domain_list; d && !found; d = d->next) {
		if (d->ops->select && bus_token != DOMAIN_BUS_ANY) {
			if (d->ops->select(d, &fwspec, bus_token))
				found = d;
		} else if (d->fwnode == fwnode &&
			   (bus_token == DOMAIN_BUS_ANY || d->bus_token == bus_token)) {
			found = d;
		}
	}
	irq_config_lock_release();
	return found;
}

bool irq_domain_is_hierarchy(struct irq_domain *d)
{
	return d && (d->flags & IRQ_DOMAIN_FLAG_HIERARCHY);
}

bool irq_domain_is_ipi(struct irq_domain *d)
{
	return d && (d->flags & IRQ_DOMAIN_FLAG_IPI);
}

bool irq_domain_is_ipi_per_cpu(struct irq_domain *d)
{
	return d && (d->flags & IRQ_DOMAIN_FLAG_IPI_PER_CPU);
}

bool irq_domain_is_ipi_single(struct irq_domain *d)
{
	return d && (d->flags & IRQ_DOMAIN_FLAG_IPI_SINGLE);
}

/* ---- hierarchy levels -------------------------------------------------- */

struct irq_data *irq_domain_get_irq_data(struct irq_domain *d, unsigned int virq)
{
	struct irq_data *data;

	for (data = irq_get_irq_data(virq); data; data = data->parent_data)
		if (data->domain == d)
			return data;
	return NULL;
}

static struct irq_chip no_irq_chip = { .name = "none" };

int irq_domain_set_hwirq_and_chip(struct irq_domain *d, unsigned int virq, irq_hw_number_t hwirq,
				  const struct irq_chip *chip, void *chip_data)
{
	struct irq_data *data = irq_domain_get_irq_data(d, virq);

	if (WARN_ONCE(!data, "genipi: virq %u has no level in domain %s\n", virq,
		      d ? d->name : "(null)"))
		return -ENOENT;
	data->hwirq = hwirq;
	data->chip = (struct irq_chip *)(uintptr_t)(chip ? chip : &no_irq_chip);
	data->chip_data = chip_data;
	return 0;
}

void irq_domain_set_info(struct irq_domain *d, unsigned int virq, irq_hw_number_t hwirq,
			 const struct irq_chip *chip, void *chip_data, irq_flow_handler_t handler,
			 void *handler_data, const char *handler_name)
{
	struct irq_desc *desc = __irq_to_desc(virq);

	/* reported by irq_domain_set_hwirq_and_chip(); no descriptor means no level */
	if (irq_domain_set_hwirq_and_chip(d, virq, hwirq, chip, chip_data))
		return;
	desc->irq_common_data.handler_data = handler_data;
	desc->name = handler_name;
	/* pairs with the acquire load in generic_handle_irq() */
	__atomic_store_n(&desc->handle_irq, handler ? handler : handle_bad_irq, __ATOMIC_RELEASE);
}

void irq_domain_reset_irq_data(struct irq_data *d)
{
	if (!d)
		return;
	d->hwirq = INVALID_HWIRQ;
	d->chip = &no_irq_chip;
	d->chip_data = NULL;
}

/* Build the irq_data levels below the top one for [virq, virq + nr). */
static int irq_domain_alloc_levels(struct irq_domain *d, unsigned int virq, unsigned int nr)
{
	for (unsigned int i = 0; i < nr; i++) {
		struct irq_desc *desc = irq_desc_table[virq + i];
		struct irq_data *child = &desc->irq_data;
		struct irq_domain *parent;

		child->domain = d;
		child->chip = &no_irq_chip;
		for (parent = d->parent; parent; parent = parent->parent) {
			struct irq_data *level = port_zalloc(sizeof(*level));

			if (!level)
				return -ENOMEM;
			level->irq = virq + i;
			level->common = &desc->irq_common_data;
			level->domain = parent;
			level->hwirq = INVALID_HWIRQ;
			level->chip = &no_irq_chip;
			child->parent_data = level;
			child = level;
		}
	}
	return 0;
}

static void irq_domain_free_levels(unsigned int virq, unsigned int nr)
{
	for (unsigned int i = 0; i < nr; i++)
		if (irq_desc_table[virq + i])
			irq_desc_free_levels(irq_desc_table[virq + i]);
}

/* Enter (@virq != 0) or remove (@virq == 0) the reverse maps of every level. */
static int irq_domain_map_levels(unsigned int first, unsigned int nr, bool insert)
{
	for (unsigned int i = 0; i < nr; i++) {
		struct irq_data *data;

		for (data = &irq_desc_table[first + i]->irq_data; data; data = data->parent_data) {
			int ret;

			if (data->hwirq == INVALID_HWIRQ || !data->domain)
				continue;
			if (!insert) {
				if (irq_find_mapping(data->domain, data->hwirq) == first + i)
					irq_domain_revmap_remove(data->domain, data->hwirq);
				continue;
			}
			if (irq_find_mapping(data->domain, data->hwirq))
				return -EEXIST;
			ret = irq_domain_revmap_insert(data->domain, data->hwirq, first + i);
			if (ret)
				return ret;
		}
	}
	return 0;
}

/* Lock held. */
int irq_domain_alloc_irqs_locked(struct irq_domain *d, unsigned int nr_irqs, void *arg)
{
	int virq, ret;

	virq = irq_alloc_descs(nr_irqs);
	if (virq < 0)
		return virq;
	ret = irq_domain_alloc_levels(d, (unsigned int)virq, nr_irqs);
	if (ret)
		goto err_free_levels;
	ret = d->ops->alloc(d, (unsigned int)virq, nr_irqs, arg);
	if (ret)
		goto err_free_levels;
	ret = irq_domain_map_levels((unsigned int)virq, nr_irqs, true);
	if (ret)
		goto err_unmap;
	for (unsigned int i = 0; i < nr_irqs; i++)
		irq_desc_table[(unsigned int)virq + i]->domain_alloc = true;
	return virq;

err_unmap:
	irq_domain_map_levels((unsigned int)virq, nr_irqs, false);
	if (d->ops->free)
		d->ops->free(d, (unsigned int)virq, nr_irqs);
err_free_levels:
	irq_domain_free_levels((unsigned int)virq, nr_irqs);
	irq_free_descs((unsigned int)virq, nr_irqs);
	return ret;
}

/**
 * irq_domain_alloc_irqs - allocate @nr_irqs consecutive virqs from domain @d
 * @d: a hierarchical domain (its ops have alloc)
 * @nr_irqs: how many
 * @node: NUMA node, ignored (NUMA_NO_NODE)
 * @arg: passed to the domain's alloc callback (an irq_fwspec, or for IPI
 *       domains the target mask)
 *
 * Returns the first virq, -EINVAL for a bad domain or count, -ENOSPC when
 * the virq space is full, -ENOMEM, or the error of a domain's alloc.
 */
int irq_domain_alloc_irqs(struct irq_domain *d, unsigned int nr_irqs, int node, void *arg)
{
	int ret;

	(void)node;
	if (WARN_ONCE(!d || !nr_irqs || nr_irqs >= NR_IRQS || !d->ops->alloc,
		      "genipi: irq_domain_alloc_irqs: bad domain or count %u\n", nr_irqs))
		return -EINVAL;
	irq_config_lock_acquire();
	ret = irq_domain_alloc_irqs_locked(d, nr_irqs, arg);
	irq_config_lock_release();
	return ret;
}

/* Lock held. */
void irq_domain_free_irqs_locked(unsigned int virq, unsigned int nr_irqs)
{
	struct irq_domain *d = irq_desc_table[virq]->irq_data.domain;

	irq_domain_map_levels(virq, nr_irqs, false);
	if (d && d->ops->free)
		d->ops->free(d, virq, nr_irqs);
	irq_domain_free_levels(virq, nr_irqs);
	irq_free_descs(virq, nr_irqs);
}

/* Free virqs that irq_domain_alloc_irqs() allocated together. */
void irq_domain_free_irqs(unsigned int virq, unsigned int nr_irqs)
{
	irq_config_lock_acquire();
	for (unsigned int i = 0; i < nr_irqs; i++) {
		/* an IPI reservation is released with irq_destroy_ipi() */
		if (WARN_ONCE(virq + i >= NR_IRQS || !irq_desc_table[virq + i] ||
				      (desc_status(irq_desc_table[virq + i]) & IRQ_IS_IPI),
			      "genipi: irq_domain_free_irqs: virq %u not allocated or an IPI\n",
			      virq + i)) {
			irq_config_lock_release();
			return;
		}
	}
	if (nr_irqs)
		irq_domain_free_irqs_locked(virq, nr_irqs);
	irq_config_lock_release();
}

int irq_domain_alloc_irqs_parent(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs,
				 void *arg)
{
	if (WARN_ONCE(!d || !d->parent || !d->parent->ops->alloc,
		      "genipi: irq_domain_alloc_irqs_parent: no parent domain that allocates\n"))
		return -EINVAL;
	return d->parent->ops->alloc(d->parent, virq, nr_irqs, arg);
}

void irq_domain_free_irqs_parent(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs)
{
	if (!d || !d->parent || !d->parent->ops->free)
		return;
	d->parent->ops->free(d->parent, virq, nr_irqs);
}

void irq_domain_free_irqs_top(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs)
{
	for (unsigned int i = 0; i < nr_irqs; i++) {
		struct irq_desc *desc = __irq_to_desc(virq + i);

		if (!desc)
			continue;
		__atomic_store_n(&desc->handle_irq, handle_bad_irq, __ATOMIC_RELEASE);
		desc->irq_common_data.handler_data = NULL;
		irq_domain_reset_irq_data(irq_domain_get_irq_data(d, virq + i));
	}
	irq_domain_free_irqs_parent(d, virq, nr_irqs);
}

/* ---- non-hierarchical mappings and firmware specifiers -------------------- */

unsigned int irq_create_mapping(struct irq_domain *d, irq_hw_number_t hwirq)
{
	struct irq_desc *desc;
	int virq;

	if (WARN_ONCE(!d, "genipi: irq_create_mapping: NULL domain\n"))
		return 0;
	if (WARN_ONCE(d->revmap_size && hwirq >= d->revmap_size,
		      "genipi: irq_create_mapping: hwirq %lu past %s's %u\n", hwirq, d->name,
		      d->revmap_size))
		return 0;
	irq_config_lock_acquire();
	virq = (int)irq_find_mapping(d, hwirq);
	if (virq)
		goto out_unlock;
	virq = irq_alloc_descs(1);
	if (virq < 0) {
		virq = 0;
		goto out_unlock;
	}
	desc = irq_desc_table[virq];
	desc->irq_data.domain = d;
	desc->irq_data.hwirq = hwirq;
	desc->irq_data.chip = &no_irq_chip;
	if (d->ops->map && d->ops->map(d, (unsigned int)virq, hwirq))
		goto err_free;
	if (irq_domain_revmap_insert(d, hwirq, (unsigned int)virq)) {
		if (d->ops->unmap)
			d->ops->unmap(d, (unsigned int)virq);
		goto err_free;
	}
out_unlock:
	irq_config_lock_release();
	return (unsigned int)virq;

err_free:
	irq_free_descs((unsigned int)virq, 1);
	irq_config_lock_release();
	return 0;
}

void irq_dispose_mapping(unsigned int virq)
{
	struct irq_desc *desc;
	struct irq_domain *d;

	irq_config_lock_acquire();
	desc = __irq_to_desc(virq);
	if (WARN_ONCE(!desc || (desc_status(desc) & IRQ_IS_IPI),
		      "genipi: irq_dispose_mapping: no virq %u, or an IPI\n", virq))
		goto out_unlock;
	d = desc->irq_data.domain;
	if (desc->domain_alloc) {
		irq_domain_free_irqs_locked(virq, 1);
		goto out_unlock;
	}
	if (d) {
		if (irq_find_mapping(d, desc->irq_data.hwirq) == virq)
			irq_domain_revmap_remove(d, desc->irq_data.hwirq);
		if (d->ops->unmap)
			d->ops->unmap(d, virq);
	}
	irq_free_descs(virq, 1);
out_unlock:
	irq_config_lock_release();
}

unsigned int irq_create_fwspec_mapping(struct irq_fwspec *fwspec)
{
	struct irq_domain *d;
	irq_hw_number_t hwirq;
	unsigned int type = IRQ_TYPE_NONE;
	unsigned int virq;
	int ret;

	if (WARN_ONCE(!fwspec || fwspec->param_count < 0 || fwspec->param_count > IRQ_FWSPEC_PARAMS,
		      "genipi: irq_create_fwspec_mapping: bad fwspec\n"))
		return 0;
	d = irq_find_matching_fwnode(fwspec->fwnode, DOMAIN_BUS_WIRED);
	if (!d)
		d = irq_find_matching_fwnode(fwspec->fwnode, DOMAIN_BUS_ANY);
	if (WARN_ONCE(!d, "genipi: irq_create_fwspec_mapping: no domain for %s\n",
		      fwspec->fwnode && fwspec->fwnode->name ? fwspec->fwnode->name : "(null)"))
		return 0;
	if (d->ops->translate) {
		if (WARN_ONCE(d->ops->translate(d, fwspec, &hwirq, &type),
			      "genipi: irq_create_fwspec_mapping: %s rejects the specifier\n",
			      d->name))
			return 0;
	} else if (WARN_ONCE(fwspec->param_count < 1,
			     "genipi: irq_create_fwspec_mapping: no cells for %s\n", d->name)) {
		return 0;
	} else {
		hwirq = fwspec->param[0];
	}
	virq = irq_find_mapping(d, hwirq);
	if (virq)
		return virq;
	if (!irq_domain_is_hierarchy(d))
		return irq_create_mapping(d, hwirq);
	ret = irq_domain_alloc_irqs(d, 1, NUMA_NO_NODE, fwspec);
	return ret > 0 ? (unsigned int)ret : 0;
}

/*
 * The dispatch path of every chained and root handler: one reverse-map
 * lookup, then the descriptor and its flow handler, nothing looked up twice.
 */
int generic_handle_domain_irq(struct irq_domain *d, irq_hw_number_t hwirq)
{
	struct irq_desc *desc;

	if (likely(d && hwirq < d->revmap_size))
		return handle_domain_irq_linear(d, hwirq);
	desc = __irq_to_desc(irq_find_mapping(d, hwirq));
	if (unlikely(!desc))
		return -EINVAL;
	handle_irq_desc(desc);
	return 0;
}
