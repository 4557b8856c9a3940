// SPDX-License-Identifier: BSD-2-Clause
/*
 * The services of <genipi/port.h> that are not about interrupts: the CPU
 * id, memory, logging and the spin-wait hint. (The interrupt mask is in
 * irq.c, the lock in spinlock.c.)
 */
#include "hosted-internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

unsigned int smp_processor_id(void)
{
	return hosted_this_cpu;
}

void port_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
	__asm__ __volatile__("yield" ::: "memory");
#else
	atomic_signal_fence(memory_order_seq_cst);
#endif
}

/* ---- memory ------------------------------------------------------------- */

/* Blocks handed out and not freed, for leak checks after a teardown. */
static _Atomic long hosted_alloc_nr_live;
/* Calls of port_zalloc() to let through before one fails; -1: none fails. */
static _Atomic long hosted_alloc_countdown = -1;

void hosted_alloc_fail_nth(long nth)
{
	atomic_store_explicit(&hosted_alloc_countdown, nth < 0 ? -1 : nth, memory_order_relaxed);
}

long hosted_alloc_live(void)
{
	return atomic_load_explicit(&hosted_alloc_nr_live, memory_order_relaxed);
}

/* Consume one step of the fault-injection countdown; true: fail this call. */
static bool hosted_alloc_should_fail(void)
{
	long n = atomic_load_explicit(&hosted_alloc_countdown, memory_order_relaxed);

	while (n >= 0) {
		/* n - 1 == -1 after the failing call: the injection is one-shot */
		if (atomic_compare_exchange_weak_explicit(&hosted_alloc_countdown, &n, n - 1,
							  memory_order_relaxed,
							  memory_order_relaxed))
			return n == 0;
	}
	return false;
}

void *port_zalloc(size_t size)
{
	size_t rounded;
	void *ptr;

	if (hosted_alloc_should_fail())
		return NULL;
	if (size > SIZE_MAX - GENIPI_CACHE_LINE)
		return NULL;
	/* aligned_alloc() wants a multiple of the alignment; 0 gets one line */
	rounded = (size + GENIPI_CACHE_LINE - 1) & ~(size_t)(GENIPI_CACHE_LINE - 1);
	if (!rounded)
		rounded = GENIPI_CACHE_LINE;
	ptr = aligned_alloc(GENIPI_CACHE_LINE, rounded);
	if (!ptr)
		return NULL;
	memset(ptr, 0, rounded);
	atomic_fetch_add_explicit(&hosted_alloc_nr_live, 1, memory_order_relaxed);
	return ptr;
}

void port_free(void *ptr)
{
	if (!ptr)
		return;
	free(ptr);
	atomic_fetch_sub_explicit(&hosted_alloc_nr_live, 1, memory_order_relaxed);
}

/* ---- logging ------------------------------------------------------------ */

#define HOSTED_LOG_LINE 512

/* Serialises hook calls, and (un)installing a hook against them. */
static pthread_mutex_t hosted_log_lock = PTHREAD_MUTEX_INITIALIZER;
static hosted_log_hook_t hosted_log_hook;
static void *hosted_log_ctx;
static _Atomic unsigned long hosted_log_count;
/* Set while this thread runs the hook: a hook that logs goes to stderr. */
static HOSTED_TLS bool hosted_in_log_hook;

void hosted_set_log_hook(hosted_log_hook_t hook, void *ctx)
{
	pthread_mutex_lock(&hosted_log_lock);
	hosted_log_hook = hook;
	hosted_log_ctx = ctx;
	pthread_mutex_unlock(&hosted_log_lock);
}

unsigned long hosted_log_messages(void)
{
	return atomic_load_explicit(&hosted_log_count, memory_order_relaxed);
}

void port_vlog(const char *fmt, va_list ap)
{
	char msg[HOSTED_LOG_LINE];

	if (!fmt)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	atomic_fetch_add_explicit(&hosted_log_count, 1, memory_order_relaxed);
	if (hosted_in_log_hook) {
		fputs(msg, stderr);
		return;
	}
	pthread_mutex_lock(&hosted_log_lock);
	if (hosted_log_hook) {
		hosted_in_log_hook = true;
		hosted_log_hook(msg, hosted_log_ctx);
		hosted_in_log_hook = false;
	} else {
		fputs(msg, stderr);
	}
	pthread_mutex_unlock(&hosted_log_lock);
}
