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
 *
 * Built with BENCH_PORT_THREADS (bench_mux_send_process), the same port
 * serves a few threads, each its own CPU: the CPU number and the interrupt
 * flag are thread-local (bench_port_set_cpu() names the calling thread's
 * CPU; 0 until then), the lock spins on an atomic word and port_cpu_relax()
 * is the hosted port's pause. The single-threaded build is unchanged, so
 * its instruction counts are too.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */

#include "bench_port.h"

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

#ifdef BENCH_PORT_THREADS
#define BENCH_PER_THREAD _Thread_local
#else
#define BENCH_PER_THREAD
#endif

static BENCH_PER_THREAD bool bench_irqs_masked;

#ifdef BENCH_PORT_THREADS
static _Thread_local unsigned int bench_cpu;

void bench_port_set_cpu(unsigned int cpu)
{
	bench_cpu = cpu;
}

unsigned int smp_processor_id(void)
{
	return bench_cpu;
}
#else
unsigned int smp_processor_id(void)
{
	return 0;
}
#endif

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

#ifdef BENCH_PORT_THREADS
void port_spin_lock(struct port_spinlock *lock)
{
	while (__atomic_exchange_n(&lock->word, 1U, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&lock->word, __ATOMIC_RELAXED))
			port_cpu_relax();
}

void port_spin_unlock(struct port_spinlock *lock)
{
	__atomic_store_n(&lock->word, 0U, __ATOMIC_RELEASE);
}
#else
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
#endif

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
#ifdef BENCH_PORT_THREADS
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
	__asm__ __volatile__("yield" ::: "memory");
#else
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
#endif
#endif
}
