/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * IPI targets: one index space holding the CPUs our code runs on
 * (0 .. nr_cpu_ids - 1) followed by remote processors that can be
 * interrupted but run none of our code (nr_cpu_ids .. nr_target_ids - 1).
 *
 * struct cpumask is a bitmap over that space. cpumask_set_cpu() and
 * cpumask_clear_cpu() are atomic (like Linux set_bit()); the __ variants
 * and the whole-mask operations are not, and need the caller's exclusion.
 */
#ifndef GENIPI_CPUMASK_H
#define GENIPI_CPUMASK_H

#include <genipi/types.h>

GENIPI_BEGIN_DECLS

struct cpumask {
	unsigned long bits[BITS_TO_LONGS(NR_TARGETS)];
};

#define CPUMASK_LONGS BITS_TO_LONGS(NR_TARGETS)

extern unsigned int nr_cpu_ids;
extern unsigned int nr_target_ids;
extern struct cpumask __cpu_possible_mask;
extern struct cpumask __cpu_online_mask;
#define cpu_possible_mask ((const struct cpumask *)&__cpu_possible_mask)
#define cpu_online_mask ((const struct cpumask *)&__cpu_online_mask)

/**
 * cpumask_of - a constant mask holding only @target
 * @target: target id; must be below NR_TARGETS
 *
 * Returns a pointer into a static table; never NULL for a valid target.
 */
const struct cpumask *cpumask_of(unsigned int target);

/**
 * ipi_register_remote - register a remote processor as an IPI target
 * @name: a name for diagnostics (not copied: must outlive the registration)
 * @hwid: its hardware id (bit index, hart id, ...), returned by target_hwid()
 *
 * Remote processors are registered by the platform before IPIs naming them
 * are reserved. Returns the new target id (>= nr_cpu_ids), -EINVAL for a
 * NULL name or before the CPUs are set up, -ENOSPC when NR_TARGETS is full.
 */
int ipi_register_remote(const char *name, unsigned long hwid);

/**
 * target_hwid - the hardware id of a target
 *
 * Returns the hart id / MPIDR / VP id / bit index the controller knows the
 * target by, or INVALID_HWIRQ ((unsigned long)-1) for an unknown target.
 */
unsigned long target_hwid(unsigned int target);

/**
 * target_name - the name of a registered remote processor, "cpu" for a CPU,
 * or NULL for an unknown target.
 */
const char *target_name(unsigned int target);

/**
 * target_is_remote - true if @target is a registered remote processor.
 */
bool target_is_remote(unsigned int target);

static inline void cpumask_set_cpu(unsigned int t, struct cpumask *m)
{
	__atomic_fetch_or(&m->bits[t / BITS_PER_LONG], BIT(t % BITS_PER_LONG), __ATOMIC_RELAXED);
}

static inline void cpumask_clear_cpu(unsigned int t, struct cpumask *m)
{
	__atomic_fetch_and(&m->bits[t / BITS_PER_LONG], ~BIT(t % BITS_PER_LONG), __ATOMIC_RELAXED);
}

static inline void __cpumask_set_cpu(unsigned int t, struct cpumask *m)
{
	m->bits[t / BITS_PER_LONG] |= BIT(t % BITS_PER_LONG);
}

static inline void __cpumask_clear_cpu(unsigned int t, struct cpumask *m)
{
	m->bits[t / BITS_PER_LONG] &= ~BIT(t % BITS_PER_LONG);
}

/* Single-bit test: safe against concurrent cpumask_set_cpu/clear_cpu. */
static inline bool cpumask_test_cpu(unsigned int t, const struct cpumask *m)
{
	return (__atomic_load_n(&m->bits[t / BITS_PER_LONG], __ATOMIC_RELAXED) >>
		(t % BITS_PER_LONG)) &
	       1;
}

static inline void cpumask_clear(struct cpumask *m)
{
	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		m->bits[i] = 0;
}

static inline void cpumask_copy(struct cpumask *dst, const struct cpumask *src)
{
	*dst = *src;
}

static inline bool cpumask_and(struct cpumask *dst, const struct cpumask *a,
			       const struct cpumask *b)
{
	unsigned long any = 0;

	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		any |= (dst->bits[i] = a->bits[i] & b->bits[i]);
	return any != 0;
}

static inline void cpumask_or(struct cpumask *dst, const struct cpumask *a, const struct cpumask *b)
{
	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		dst->bits[i] = a->bits[i] | b->bits[i];
}

static inline bool cpumask_andnot(struct cpumask *dst, const struct cpumask *a,
				  const struct cpumask *b)
{
	unsigned long any = 0;

	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		any |= (dst->bits[i] = a->bits[i] & ~b->bits[i]);
	return any != 0;
}

static inline bool cpumask_empty(const struct cpumask *m)
{
	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		if (m->bits[i])
			return false;
	return true;
}

static inline unsigned int cpumask_weight(const struct cpumask *m)
{
	unsigned int w = 0;

	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		w += (unsigned int)__builtin_popcountl(m->bits[i]);
	return w;
}

/* True if every target in @a is also in @b. */
static inline bool cpumask_subset(const struct cpumask *a, const struct cpumask *b)
{
	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		if (a->bits[i] & ~b->bits[i])
			return false;
	return true;
}

static inline bool cpumask_equal(const struct cpumask *a, const struct cpumask *b)
{
	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		if (a->bits[i] != b->bits[i])
			return false;
	return true;
}

static inline bool cpumask_intersects(const struct cpumask *a, const struct cpumask *b)
{
	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		if (a->bits[i] & b->bits[i])
			return true;
	return false;
}

/*
 * Search helpers return NR_TARGETS when nothing is found, so loops written
 * as "t < nr_target_ids" or "t < NR_TARGETS" both terminate.
 */
static inline unsigned int __cpumask_find(const struct cpumask *m, unsigned int start,
					  unsigned long invert)
{
	unsigned int i = start / BITS_PER_LONG;
	unsigned long word;

	if (start >= NR_TARGETS)
		return NR_TARGETS;
	word = (m->bits[i] ^ invert) & (~0UL << (start % BITS_PER_LONG));
	for (;;) {
		if (word) {
			unsigned int t = i * BITS_PER_LONG + (unsigned int)__builtin_ctzl(word);

			return t < NR_TARGETS ? t : NR_TARGETS;
		}
		if (++i >= CPUMASK_LONGS)
			return NR_TARGETS;
		word = m->bits[i] ^ invert;
	}
}

static inline unsigned int cpumask_first(const struct cpumask *m)
{
	return __cpumask_find(m, 0, 0);
}

/* The first target after @t (pass -1 to start from 0, as in Linux). */
static inline unsigned int cpumask_next(int t, const struct cpumask *m)
{
	return __cpumask_find(m, (unsigned int)(t + 1), 0);
}

static inline unsigned int cpumask_next_zero(int t, const struct cpumask *m)
{
	return __cpumask_find(m, (unsigned int)(t + 1), ~0UL);
}

#define for_each_cpu(t, mask)                                                                      \
	for ((t) = cpumask_first(mask); (t) < NR_TARGETS; (t) = cpumask_next((int)(t), mask))

#define for_each_possible_cpu(cpu) for_each_cpu(cpu, cpu_possible_mask)
#define for_each_online_cpu(cpu) for_each_cpu(cpu, cpu_online_mask)

GENIPI_END_DECLS

#endif /* GENIPI_CPUMASK_H */
