/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Core-private declarations. Included by core/ only; never by ports,
 * drivers or users.
 */
#ifndef GENIPI_CORE_INTERNALS_H
#define GENIPI_CORE_INTERNALS_H

#include <genipi/errno.h>
#include <genipi/ipi.h>
#include <genipi/irq.h>
#include <genipi/irqdomain.h>
#include <genipi/percpu.h>
#include <genipi/port.h>

#include <stdarg.h>

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define READ_ONCE(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELAXED)

/*
 * Full barrier: orders every earlier access before every later one.
 * ThreadSanitizer does not model fences; the synchronisation it checks on
 * the send paths comes from the release/acquire pairs each fence sits
 * beside, so TSan builds keep the real fence (gcc: built with -Wno-tsan).
 */
#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The handler and its cookie of a requested interrupt. Published with a
 * release store into desc->action; read with an acquire load on dispatch.
 */
struct irqaction {
	irq_handler_t handler;
	void *dev_id; /* the per-CPU pointer for per-CPU devid interrupts */
	const char *name;
};

/*
 * How an IPI descriptor sends to one target, resolved once at reservation
 * from its chip and domain kind (see ipi_resolve_send() in ipi.c), so the
 * send paths make one indirect call and no other decision.
 */
typedef void (*ipi_send_single_fn)(struct irq_data *data, unsigned int target);

/*
 * struct irq_desc - one per virq
 * @irq_data:        the top level (the domain the virq was allocated from);
 *                   first, so the send path finds it at the descriptor
 * @ipi_send_single: for an IPI, how to send to one target; NULL otherwise
 * @irq_common_data: shared by every level of the hierarchy
 * @handle_irq:      the flow handler
 * @action:          the requested handler, or NULL
 * @status:          IRQ_NOREQUEST, IRQ_PER_CPU_DEVID, ... (atomic)
 * @kstat_irqs:      per-CPU handled counts (written by the owning CPU)
 * @percpu_enabled:  CPUs on which a per-CPU interrupt is enabled
 * @name:            handler name from irq_domain_set_info()
 * @domain_alloc:    allocated through the domain's alloc (freed through its free)
 */
struct irq_desc {
	struct irq_data irq_data;
	ipi_send_single_fn ipi_send_single;
	struct irq_common_data irq_common_data;
	irq_flow_handler_t handle_irq;
	struct irqaction *action;
	unsigned int status;
	unsigned long *kstat_irqs;
	struct cpumask percpu_enabled;
	const char *name;
	bool domain_alloc; /* from irq_domain_alloc_irqs(), not irq_create_mapping() */
};

/* The inline helpers of <genipi/irq.h> find the top level at the descriptor. */
_Static_assert(offsetof(struct irq_desc, irq_data) == 0, "irq_data begins struct irq_desc");

/* irqdesc.c */
extern struct irq_desc *irq_desc_table[NR_IRQS];
int irq_alloc_descs(unsigned int nr);
void irq_free_descs(unsigned int virq, unsigned int nr);
void irq_free_all_descs(void);
void irq_desc_free_levels(struct irq_desc *desc);

static inline struct irq_desc *__irq_to_desc(unsigned int virq)
{
	/* pairs with the release store that publishes a descriptor in irqdesc.c */
	return virq < NR_IRQS ? __atomic_load_n(&irq_desc_table[virq], __ATOMIC_ACQUIRE) : NULL;
}

/* Run @desc's flow handler: the dispatch path's last step, no checks. */
static inline void handle_irq_desc(struct irq_desc *desc)
{
	/* pairs with the release stores in irq_domain_set_info() and friends */
	__atomic_load_n(&desc->handle_irq, __ATOMIC_ACQUIRE)(desc);
}

/*
 * Dispatch @hwirq of @d, which the caller knows lies inside @d's linear
 * map: one reverse-map load, one descriptor load, the flow handler. A map
 * entry is 0 (no descriptor: virq 0 never has one) or a live virq.
 */
static inline int handle_domain_irq_linear(struct irq_domain *d, irq_hw_number_t hwirq)
{
	/* pairs with the release store in irq_domain_revmap_insert() */
	unsigned int virq = __atomic_load_n(&d->revmap[hwirq], __ATOMIC_ACQUIRE);
	/* pairs with the release store that publishes a descriptor in irqdesc.c */
	struct irq_desc *desc = __atomic_load_n(&irq_desc_table[virq], __ATOMIC_ACQUIRE);

	if (unlikely(!desc))
		return -EINVAL;
	handle_irq_desc(desc);
	return 0;
}

/* The lock of every slow path: domains, descriptors, request/free. */
extern struct port_spinlock irq_config_lock;

static inline void irq_config_lock_acquire(void)
{
	port_spin_lock(&irq_config_lock);
}

static inline void irq_config_lock_release(void)
{
	port_spin_unlock(&irq_config_lock);
}

/* Log once per call site: the core's WARN_ON_ONCE. */
#define WARN_ONCE(cond, ...)                                                                       \
	({                                                                                         \
		static bool __warned;                                                              \
		bool __c = !!(cond);                                                               \
		if (unlikely(__c) && !__atomic_exchange_n(&__warned, true, __ATOMIC_RELAXED))      \
			genipi_log(__VA_ARGS__);                                                   \
		__c;                                                                               \
	})
#define WARN_ON_ONCE(cond)                                                                         \
	WARN_ONCE(cond, "genipi: WARN_ON_ONCE(%s) at %s:%d\n", #cond, __func__, __LINE__)

/* cpumask.c */
int cpumask_core_init(unsigned int nr_cpus, const unsigned long *hwids);
void cpumask_core_reset(void);
bool target_is_valid(unsigned int target);
extern struct cpumask valid_targets_mask; /* possible CPUs + registered remotes */

static inline unsigned int desc_status(struct irq_desc *desc)
{
	return __atomic_load_n(&desc->status, __ATOMIC_RELAXED);
}

/* irqdomain.c */
int irq_domain_alloc_irqs_locked(struct irq_domain *d, unsigned int nr_irqs, void *arg);
void irq_domain_free_irqs_locked(unsigned int virq, unsigned int nr_irqs);
void irq_domain_remove_all(void);
struct irq_data *irq_domain_alloc_irq_data_level(void);
int irq_domain_revmap_insert(struct irq_domain *d, irq_hw_number_t hwirq, unsigned int virq);
void irq_domain_revmap_remove(struct irq_domain *d, irq_hw_number_t hwirq);

/* handle.c */
void irq_handle_reset(void);

/* ipi.c */
void ipi_mark_reserved(unsigned int virq, const struct cpumask *dest, unsigned int target);

/* ipi-mux.c */
void ipi_mux_teardown(void);

/* string helpers (no libc) */
static inline size_t genipi_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static inline int genipi_strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

#endif /* GENIPI_CORE_INTERNALS_H */
