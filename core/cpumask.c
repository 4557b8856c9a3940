// SPDX-License-Identifier: BSD-2-Clause
/*
 * Targets: the CPUs our code runs on and the remote processors registered
 * beside them, in one index space.
 */
#include "internals.h"

unsigned int nr_cpu_ids;
unsigned int nr_target_ids;
struct cpumask __cpu_possible_mask;
struct cpumask __cpu_online_mask;

/* Possible CPUs plus registered remote processors: what a reservation may name. */
struct cpumask valid_targets_mask;

struct target_info {
	unsigned long hwid;
	const char *name; /* NULL for CPUs */
};

static struct target_info targets[NR_TARGETS];

/*
 * cpumask_of(t) needs a constant mask with only bit t set, valid at all
 * times. Rather than NR_TARGETS masks, keep BITS_PER_LONG + 1 rows of
 * CPUMASK_LONGS words in one flat array, row r + 1 holding bit r in its
 * first word and row 0 all zeros. The mask of target t starts t / BITS_PER_LONG
 * words before row (t % BITS_PER_LONG) + 1: the words before that row's bit
 * are the zero tail of the previous row.
 */
#define BIT_ROW(r) [((r) + 1) * CPUMASK_LONGS] = 1UL << (r)
#define BIT_ROWS8(r)                                                                               \
	BIT_ROW(r), BIT_ROW((r) + 1), BIT_ROW((r) + 2), BIT_ROW((r) + 3), BIT_ROW((r) + 4),        \
		BIT_ROW((r) + 5), BIT_ROW((r) + 6), BIT_ROW((r) + 7)

static const unsigned long cpu_bit_bitmap[(BITS_PER_LONG + 1) * CPUMASK_LONGS] = {
	BIT_ROWS8(0),  BIT_ROWS8(8),  BIT_ROWS8(16), BIT_ROWS8(24),
#if __SIZEOF_LONG__ == 8
	BIT_ROWS8(32), BIT_ROWS8(40), BIT_ROWS8(48), BIT_ROWS8(56),
#endif
};

const struct cpumask *cpumask_of(unsigned int target)
{
	const unsigned long *row;

	/* out of range: the empty mask (row 0), which every send refuses */
	if (WARN_ONCE(target >= NR_TARGETS, "genipi: cpumask_of(%u): target out of range\n",
		      target))
		return (const struct cpumask *)cpu_bit_bitmap;
	row = &cpu_bit_bitmap[(target % BITS_PER_LONG + 1) * CPUMASK_LONGS];
	return (const struct cpumask *)(row - target / BITS_PER_LONG);
}

bool target_is_valid(unsigned int target)
{
	return target < nr_target_ids && cpumask_test_cpu(target, &valid_targets_mask);
}

bool target_is_remote(unsigned int target)
{
	return target >= nr_cpu_ids && target < nr_target_ids;
}

unsigned long target_hwid(unsigned int target)
{
	if (!target_is_valid(target))
		return INVALID_HWIRQ;
	return READ_ONCE(targets[target].hwid);
}

const char *target_name(unsigned int target)
{
	if (!target_is_valid(target))
		return NULL;
	return target < nr_cpu_ids ? "cpu" : targets[target].name;
}

int ipi_register_remote(const char *name, unsigned long hwid)
{
	int ret;

	if (WARN_ONCE(!name, "genipi: ipi_register_remote: NULL name\n"))
		return -EINVAL;

	irq_config_lock_acquire();
	if (WARN_ONCE(!nr_cpu_ids, "genipi: ipi_register_remote(%s): no CPUs yet\n", name)) {
		ret = -EINVAL;
		goto out_unlock;
	}
	if (nr_target_ids >= NR_TARGETS) {
		ret = -ENOSPC;
		goto out_unlock;
	}
	ret = (int)nr_target_ids;
	targets[ret].hwid = hwid;
	targets[ret].name = name;
	cpumask_set_cpu((unsigned int)ret, &valid_targets_mask);
	/* pairs with the READ_ONCE in senders' bound checks */
	WRITE_ONCE(nr_target_ids, nr_target_ids + 1);
out_unlock:
	irq_config_lock_release();
	return ret;
}

void set_cpu_online(unsigned int cpu, bool online)
{
	if (WARN_ONCE(cpu >= nr_cpu_ids, "genipi: set_cpu_online(%u): no such CPU\n", cpu))
		return;
	if (online)
		cpumask_set_cpu(cpu, &__cpu_online_mask);
	else
		cpumask_clear_cpu(cpu, &__cpu_online_mask);
}

int cpumask_core_init(unsigned int nr_cpus, const unsigned long *hwids)
{
	unsigned int t;

	cpumask_clear(&__cpu_possible_mask);
	cpumask_clear(&__cpu_online_mask);
	cpumask_clear(&valid_targets_mask);
	for (t = 0; t < nr_cpus; t++) {
		targets[t].hwid = hwids ? hwids[t] : t;
		targets[t].name = NULL;
		__cpumask_set_cpu(t, &__cpu_possible_mask);
		__cpumask_set_cpu(t, &valid_targets_mask);
	}
	nr_cpu_ids = nr_cpus;
	nr_target_ids = nr_cpus;
	return 0;
}

void cpumask_core_reset(void)
{
	cpumask_clear(&__cpu_possible_mask);
	cpumask_clear(&__cpu_online_mask);
	cpumask_clear(&valid_targets_mask);
	for (unsigned int t = 0; t < NR_TARGETS; t++) {
		targets[t].hwid = 0;
		targets[t].name = NULL;
	}
	nr_cpu_ids = 0;
	nr_target_ids = 0;
}
