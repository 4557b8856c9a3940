// SPDX-License-Identifier: BSD-2-Clause
/*
 * A minimal single-threaded port for the instruction-count benchmarks.
 *
 * The send path under test never enters the port, so the port only has to
 * let the core's slow paths (init, domain creation, reservation) run in one
 * thread: the calling thread is CPU 0, interrupts are a flag, the lock is a
 * plain word and memory comes from libc or mmap. No threads means callgrind
 * sees nothing but the code being counted, and a 4096-CPU machine boots in
 * milliseconds.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */

#include <genipi/percpu.h>
#include <genipi/port.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/*
 * Every block starts with one cache line of header so the pointer handed
 * out stays cache-line aligned. Large blocks are mapped: the core's per-CPU
 * counters of a 4096-CPU machine are 256 KiB per descriptor, and fresh
 * anonymous pages are zero without being touched.
 */
#define BENCH_MAP_THRESHOLD (64 * 1024)

struct bench_block {
	size_t size; /* including this header */
	bool mapped;
};

static bool bench_irqs_masked;

unsigned int smp_processor_id(void)
{
	return 0;
}

unsigned long port_irq_save(void)
{
	unsigned long flags = bench_irqs_masked;

	bench_irqs_masked = true;
	return flags;
}

void port_irq_restore(unsigned long flags)
{
	bench_irqs_masked = flags != 0;
}

bool port_irqs_disabled(void)
{
	return bench_irqs_masked;
}

/* One thread: the lock only has to catch recursive use, which is a core bug. */
void port_spin_lock(struct port_spinlock *lock)
{
	if (lock->word) {
		fputs("bench_port: recursive port_spin_lock\n", stderr);
		abort();
	}
	lock->word = 1;
}

void port_spin_unlock(struct port_spinlock *lock)
{
	lock->word = 0;
}

void *port_zalloc(size_t size)
{
	size_t total = (size + 2 * GENIPI_CACHE_LINE - 1) & ~(size_t)(GENIPI_CACHE_LINE - 1);
	struct bench_block *block;

	if (size > SIZE_MAX / 2)
		return NULL;
	if (total >= BENCH_MAP_THRESHOLD) {
		block = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
			     0);
		if (block == MAP_FAILED)
			return NULL;
		block->mapped = true;
	} else {
		/* aligned_alloc() wants a multiple of the alignment: total is one */
		block = aligned_alloc(GENIPI_CACHE_LINE, total);
		if (!block)
			return NULL;
		memset(block, 0, total);
	}
	block->size = total;
	return (char *)block + GENIPI_CACHE_LINE;
}

void port_free(void *ptr)
{
	struct bench_block *block;

	if (!ptr)
		return;
	block = (struct bench_block *)((char *)ptr - GENIPI_CACHE_LINE);
	if (block->mapped)
		munmap(block, block->size);
	else
		free(block);
}

void port_vlog(const char *fmt, va_list ap)
{
	vfprintf(stderr, fmt, ap);
}

void port_cpu_relax(void)
{
}
