// SPDX-License-Identifier: BSD-2-Clause
/*
 * Per-CPU storage: __alloc_percpu()/alloc_percpu(), free_percpu(),
 * per_cpu_ptr(), this_cpu_ptr() and smp_processor_id().
 */
#include "test-domains.h"

#include <string.h>

#define NCPU TEST_MACHINE_NR_CPUS

struct sample {
	unsigned long a;
	char b[3];
};

static void alloc_percpu_gives_zeroed_instances_per_cpu(void **state)
{
	struct sample *p = alloc_percpu(struct sample);

	(void)state;
	assert_non_null(p);
	for (unsigned int cpu = 0; cpu < NCPU; cpu++) {
		struct sample *s = per_cpu_ptr(p, cpu);

		assert_int_equal(s->a, 0);
		assert_int_equal(s->b[0] | s->b[1] | s->b[2], 0);
		s->a = 100 + cpu;
	}
	for (unsigned int cpu = 0; cpu < NCPU; cpu++)
		assert_int_equal(per_cpu_ptr(p, cpu)->a, 100 + cpu);
	assert_ptr_equal(per_cpu_ptr(p, 0), p);
	free_percpu(p);
	assert_no_warning();
}

static void alloc_percpu_separates_cpus_by_cache_lines(void **state)
{
	struct row {
		size_t size, align;
	} rows[] = { { 1, 1 },	   { 8, 8 },	{ 64, 64 }, { 65, 8 },
		     { 1000, 16 }, { 24, 128 }, { 8, 4096 } };

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(rows); i++) {
		char *p = __alloc_percpu(rows[i].size, rows[i].align);

		assert_non_null(p);
		for (unsigned int cpu = 0; cpu < NCPU; cpu++) {
			char *mine = per_cpu_ptr(p, cpu);

			assert_int_equal((uintptr_t)mine % rows[i].align, 0);
			assert_int_equal((uintptr_t)mine % GENIPI_CACHE_LINE, 0);
			if (cpu + 1 < NCPU) {
				size_t gap = (size_t)(per_cpu_ptr(p, cpu + 1) - mine);

				assert_true(gap >= rows[i].size);
				assert_int_equal(gap % GENIPI_CACHE_LINE, 0);
			}
			/* every byte of every instance is usable */
			memset(mine, 0xa5, rows[i].size);
		}
		for (unsigned int cpu = 0; cpu < NCPU; cpu++)
			for (size_t b = 0; b < rows[i].size; b++)
				assert_int_equal((unsigned char)per_cpu_ptr(p, cpu)[b], 0xa5);
		free_percpu(p);
	}
	assert_no_warning();
}

struct this_cpu_probe {
	unsigned long *p;
	unsigned long *seen;
	unsigned int id;
};

static void probe_fn(void *arg)
{
	struct this_cpu_probe *probe = arg;

	probe->seen = this_cpu_ptr(probe->p);
	probe->id = smp_processor_id();
}

static void this_cpu_ptr_is_the_calling_cpus_instance(void **state)
{
	unsigned long *p = alloc_percpu(unsigned long);

	(void)state;
	for (unsigned int cpu = 0; cpu < NCPU; cpu++) {
		struct this_cpu_probe probe = { .p = p };

		test_on_cpu(cpu, probe_fn, &probe);
		assert_int_equal(probe.id, cpu);
		assert_ptr_equal(probe.seen, per_cpu_ptr(p, cpu));
	}
	free_percpu(p);
}

static void smp_processor_id_off_cpu_is_past_nr_cpu_ids(void **state)
{
	(void)state;
	assert_true(smp_processor_id() >= nr_cpu_ids);
}

static void free_percpu_releases_memory(void **state)
{
	long allocs = hosted_alloc_live();

	(void)state;
	free_percpu(__alloc_percpu(100, 8));
	assert_int_equal(hosted_alloc_live(), allocs);
}

static void free_percpu_ignores_null(void **state)
{
	(void)state;
	free_percpu(NULL);
	assert_no_warning();
}

struct alloc_bad_row {
	size_t size, align;
};

static void alloc_percpu_rejects(void **state)
{
	const struct alloc_bad_row *row = *state;
	long allocs = hosted_alloc_live();

	assert_null(__alloc_percpu(row->size, row->align));
	assert_warned_once();
	assert_int_equal(hosted_alloc_live(), allocs);
}

static struct alloc_bad_row abad_size0 = { 0, 8 };
static struct alloc_bad_row abad_align0 = { 8, 0 };
static struct alloc_bad_row abad_align3 = { 8, 3 };
static struct alloc_bad_row abad_align_huge = { 8, 8192 };

static void alloc_percpu_of_overflowing_size_is_null(void **state)
{
	long allocs = hosted_alloc_live();

	(void)state;
	assert_null(__alloc_percpu(~(size_t)0 - 16, 8));
	assert_null(__alloc_percpu(~(size_t)0 / 2, 8));
	assert_int_equal(hosted_alloc_live(), allocs);
}

static void alloc_percpu_returns_null_without_memory(void **state)
{
	long allocs = hosted_alloc_live();

	(void)state;
	hosted_alloc_fail_nth(0);
	assert_null(__alloc_percpu(8, 8));
	hosted_alloc_fail_nth(-1);
	assert_int_equal(hosted_alloc_live(), allocs);
}

static void alloc_percpu_before_any_machine_is_null(void **state)
{
	(void)state;
	test_log_install();
	assert_null(__alloc_percpu(8, 8));
	assert_int_equal(hosted_alloc_live(), 0);
}

/*
 * A bigger machine gets more instances. (Not NR_CPUS: booting 64 CPUs makes
 * the hosted port hold 64 mutexes at once, past ThreadSanitizer's limit.)
 */
#define BIG_NCPU (NR_CPUS < 16 ? NR_CPUS : 16)

static void alloc_percpu_follows_machine_size(void **state)
{
	unsigned long *p;

	(void)state;
	test_machine_shutdown();
	assert_int_equal(test_machine_boot(BIG_NCPU), 0);
	p = alloc_percpu(unsigned long);
	assert_non_null(p);
	for (unsigned int cpu = 0; cpu < BIG_NCPU; cpu++)
		*per_cpu_ptr(p, cpu) = cpu;
	for (unsigned int cpu = 0; cpu < BIG_NCPU; cpu++)
		assert_int_equal(*per_cpu_ptr(p, cpu), cpu);
	free_percpu(p);
}

#define ROW(name, fn, row) test_machine_table_test(name, fn, row)

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_machine_unit_test(alloc_percpu_gives_zeroed_instances_per_cpu),
		test_machine_unit_test(alloc_percpu_separates_cpus_by_cache_lines),
		test_machine_unit_test(this_cpu_ptr_is_the_calling_cpus_instance),
		test_machine_unit_test(smp_processor_id_off_cpu_is_past_nr_cpu_ids),
		test_machine_unit_test(free_percpu_releases_memory),
		test_machine_unit_test(free_percpu_ignores_null),
		ROW("alloc_percpu_rejects_size_zero", alloc_percpu_rejects, &abad_size0),
		ROW("alloc_percpu_rejects_alignment_zero", alloc_percpu_rejects, &abad_align0),
		ROW("alloc_percpu_rejects_alignment_not_power_of_two", alloc_percpu_rejects,
		    &abad_align3),
		ROW("alloc_percpu_rejects_alignment_above_page", alloc_percpu_rejects,
		    &abad_align_huge),
		test_machine_unit_test(alloc_percpu_of_overflowing_size_is_null),
		test_machine_unit_test(alloc_percpu_returns_null_without_memory),
		cmocka_unit_test(alloc_percpu_before_any_machine_is_null),
		test_machine_unit_test(alloc_percpu_follows_machine_size),
	};

	return test_run_isolated("percpu", tests, ARRAY_SIZE(tests));
}
