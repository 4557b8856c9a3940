/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The generic IRQ core: descriptors, the irq_data hierarchy, chips, flow
 * handlers and per-CPU interrupts. Names and meanings follow Linux genirq.
 */
#ifndef GENIPI_IRQ_H
#define GENIPI_IRQ_H

#include <genipi/cpumask.h>
#include <genipi/types.h>

GENIPI_BEGIN_DECLS

struct irq_desc;
struct irq_domain;
struct irq_data;

enum irqreturn {
	IRQ_NONE = 0,
	IRQ_HANDLED = 1,
};
typedef enum irqreturn irqreturn_t;

typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);
typedef void (*irq_flow_handler_t)(struct irq_desc *desc);

/* Trigger types for enable_percpu_irq(); IPIs use IRQ_TYPE_NONE. */
#define IRQ_TYPE_NONE 0x0
#define IRQ_TYPE_EDGE_RISING 0x1
#define IRQ_TYPE_EDGE_FALLING 0x2
#define IRQ_TYPE_LEVEL_HIGH 0x4
#define IRQ_TYPE_LEVEL_LOW 0x8

/**
 * struct irq_chip - hardware interrupt chip operations
 *
 * Every callback is optional. For per-CPU interrupts irq_mask/irq_unmask act
 * on the calling CPU. An IPI chip provides ipi_send_single, ipi_send_mask or
 * both; the core falls back from one to the other.
 */
struct irq_chip {
	const char *name;
	void (*irq_mask)(struct irq_data *d);
	void (*irq_unmask)(struct irq_data *d);
	void (*irq_ack)(struct irq_data *d);
	void (*irq_eoi)(struct irq_data *d);
	void (*ipi_send_single)(struct irq_data *d, unsigned int target);
	void (*ipi_send_mask)(struct irq_data *d, const struct cpumask *dest);
};

/**
 * struct irq_common_data - per-descriptor data shared by every level of the
 * hierarchy
 * @affinity:     for an IPI, the reserved target mask
 * @ipi_offset:   for an IPI, the first target of the reservation
 * @ipi_base:     for a per-CPU IPI, the virq of target @ipi_offset
 * @handler_data: flow handler data (irq_set_chained_handler_and_data())
 */
struct irq_common_data {
	struct cpumask affinity;
	unsigned int ipi_offset;
	unsigned int ipi_base;
	void *handler_data;
};

/**
 * struct irq_data - one level of an interrupt's hierarchy
 * @irq:         the virq
 * @hwirq:       the hardware number in @domain
 * @common:      data shared by all levels
 * @chip:        this level's chip
 * @domain:      this level's domain
 * @parent_data: the next level towards the root, NULL at the root
 * @chip_data:   the chip driver's private data
 */
struct irq_data {
	unsigned int irq;
	irq_hw_number_t hwirq;
	struct irq_common_data *common;
	struct irq_chip *chip;
	struct irq_domain *domain;
	struct irq_data *parent_data;
	void *chip_data;
};

/* Descriptor status bits (irq_settings in Linux). */
#define IRQ_NOREQUEST BIT(0)	 /* no handler may be requested */
#define IRQ_PER_CPU_DEVID BIT(1) /* per-CPU interrupt, per-CPU dev_id */
#define IRQ_NO_BALANCING BIT(2)	 /* affinity is fixed (IPIs) */
#define IRQ_IS_IPI BIT(3)	 /* part of an IPI reservation */

/* descriptors and accessors */
struct irq_desc *irq_to_desc(unsigned int virq);
struct irq_data *irq_get_irq_data(unsigned int virq);
struct irq_data *irq_desc_get_irq_data(struct irq_desc *desc);
void *irq_desc_get_handler_data(struct irq_desc *desc);
struct irq_chip *irq_data_get_irq_chip(struct irq_data *d);
void *irq_data_get_irq_chip_data(struct irq_data *d);
void *irq_get_chip_data(unsigned int virq);
irq_hw_number_t irqd_to_hwirq(struct irq_data *d);
const struct cpumask *irq_data_get_affinity_mask(struct irq_data *d);
int irq_set_chip_data(unsigned int virq, void *data);
int irq_set_handler_data(unsigned int virq, void *data);
void irq_set_status_flags(unsigned int virq, unsigned int set);
void irq_clear_status_flags(unsigned int virq, unsigned int clr);
unsigned int irq_get_status_flags(unsigned int virq);

/* chip helpers for hierarchical domains: forward to the parent level */
void irq_chip_mask_parent(struct irq_data *d);
void irq_chip_unmask_parent(struct irq_data *d);
void irq_chip_ack_parent(struct irq_data *d);
void irq_chip_eoi_parent(struct irq_data *d);

/* flow handling */
int generic_handle_irq(unsigned int virq);
void handle_percpu_devid_irq(struct irq_desc *desc);
void handle_percpu_irq(struct irq_desc *desc);
void handle_bad_irq(struct irq_desc *desc);
void irq_set_percpu_devid(unsigned int virq);
void irq_set_chained_handler_and_data(unsigned int virq, irq_flow_handler_t handle, void *data);

/*
 * Inline, for the interrupt path: the chained handlers of cascaded
 * controllers call these on every interrupt. C99 inline definitions: the
 * library holds the external definitions (core/chip.c), so they stay
 * exported for callers that do not inline them. They reach a descriptor's
 * top irq_data where struct irq_desc begins with it (core/internals.h
 * checks that at build time); the descriptor itself stays opaque.
 */
inline struct irq_chip *irq_desc_get_chip(struct irq_desc *desc)
{
	return desc ? ((struct irq_data *)(void *)desc)->chip : NULL;
}

/* Begin a chained handler: an EOI chip ends the interrupt at the exit only. */
inline void chained_irq_enter(struct irq_chip *chip, struct irq_desc *desc)
{
	if (!chip || !desc || chip->irq_eoi)
		return;
	if (chip->irq_mask)
		chip->irq_mask((struct irq_data *)(void *)desc);
	if (chip->irq_ack)
		chip->irq_ack((struct irq_data *)(void *)desc);
}

inline void chained_irq_exit(struct irq_chip *chip, struct irq_desc *desc)
{
	if (!chip || !desc)
		return;
	if (chip->irq_eoi)
		chip->irq_eoi((struct irq_data *)(void *)desc);
	else if (chip->irq_unmask)
		chip->irq_unmask((struct irq_data *)(void *)desc);
}

/* per-CPU interrupts */
int request_percpu_irq(unsigned int virq, irq_handler_t handler, const char *name,
		       void *percpu_dev_id);
void free_percpu_irq(unsigned int virq, void *percpu_dev_id);
void enable_percpu_irq(unsigned int virq, unsigned int type);
void disable_percpu_irq(unsigned int virq);
bool irq_percpu_is_enabled(unsigned int virq);
unsigned int kstat_irqs_cpu(unsigned int virq, unsigned int cpu);

/* non-per-CPU handlers, for the wired interrupts that chained controllers use */
int request_irq(unsigned int virq, irq_handler_t handler, unsigned long flags, const char *name,
		void *dev_id);
void free_irq(unsigned int virq, void *dev_id);

/**
 * set_handle_irq - install the root interrupt handler
 *
 * The root interrupt controller's driver installs the function that
 * generic_handle_arch_irq() calls. Returns 0, -EINVAL for NULL, -EBUSY if a
 * handler is already installed.
 */
int set_handle_irq(void (*handle_irq)(void));

GENIPI_END_DECLS

#endif /* GENIPI_IRQ_H */
