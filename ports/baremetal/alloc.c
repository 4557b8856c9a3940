// SPDX-License-Identifier: BSD-2-Clause
/*
 * port_zalloc()/port_free() on the bare-metal ports: a first-fit heap in a
 * static array, for the core's slow paths (descriptors, domains, per-CPU
 * areas). Blocks are multiples of GENIPI_CACHE_LINE, each preceded by a
 * header of one cache line, so every pointer handed out is line aligned.
 * Free neighbours are merged when a block is freed. One lock serialises it.
 */
#include <genipi/port.h>

#include <stdint.h>
#include <string.h>

#ifndef BAREMETAL_HEAP_SIZE
#define BAREMETAL_HEAP_SIZE (4u << 20)
#endif

#define BLOCK_ALIGN GENIPI_CACHE_LINE

struct heap_block {
	size_t size; /* bytes of the block, header included */
	size_t free; /* 1 if free */
	struct heap_block *prev;
};

_Static_assert(sizeof(struct heap_block) <= BLOCK_ALIGN, "header fits in one line");

static _Alignas(BLOCK_ALIGN) unsigned char heap[BAREMETAL_HEAP_SIZE];
static struct port_spinlock heap_lock = PORT_SPINLOCK_INIT;
static bool heap_ready;

static struct heap_block *heap_next(struct heap_block *b)
{
	unsigned char *next = (unsigned char *)b + b->size;

	return next < heap + sizeof(heap) ? (struct heap_block *)next : NULL;
}

static void heap_init(void)
{
	struct heap_block *b = (struct heap_block *)heap;

	b->size = sizeof(heap);
	b->free = 1;
	b->prev = NULL;
	heap_ready = true;
}

void *port_zalloc(size_t size)
{
	struct heap_block *b, *rest;
	unsigned long flags;
	size_t need;
	void *ret = NULL;

	if (!size || size > sizeof(heap))
		return NULL;
	need = BLOCK_ALIGN + ((size + BLOCK_ALIGN - 1) & ~(size_t)(BLOCK_ALIGN - 1));

	flags = port_irq_save();
	port_spin_lock(&heap_lock);
	if (!heap_ready)
		heap_init();
	for (b = (struct heap_block *)heap; b; b = heap_next(b)) {
		if (!b->free || b->size < need)
			continue;
		if (b->size - need >= 2 * BLOCK_ALIGN) {
			rest = (struct heap_block *)((unsigned char *)b + need);
			rest->size = b->size - need;
			rest->free = 1;
			rest->prev = b;
			b->size = need;
			if (heap_next(rest))
				heap_next(rest)->prev = rest;
		}
		b->free = 0;
		ret = (unsigned char *)b + BLOCK_ALIGN;
		break;
	}
	port_spin_unlock(&heap_lock);
	port_irq_restore(flags);

	if (ret)
		memset(ret, 0, b->size - BLOCK_ALIGN);
	return ret;
}

/* Merge @b with the free block after it, if there is one. */
static void heap_merge_next(struct heap_block *b)
{
	struct heap_block *next = heap_next(b);

	if (!next || !next->free)
		return;
	b->size += next->size;
	next = heap_next(b);
	if (next)
		next->prev = b;
}

void port_free(void *ptr)
{
	struct heap_block *b;
	unsigned long flags;

	if (!ptr)
		return;
	b = (struct heap_block *)((unsigned char *)ptr - BLOCK_ALIGN);
	if ((unsigned char *)b < heap || (unsigned char *)b >= heap + sizeof(heap) || b->free) {
		genipi_log("port_free: %p is not an allocated block\n", ptr);
		return;
	}

	flags = port_irq_save();
	port_spin_lock(&heap_lock);
	b->free = 1;
	heap_merge_next(b);
	if (b->prev && b->prev->free)
		heap_merge_next(b->prev);
	port_spin_unlock(&heap_lock);
	port_irq_restore(flags);
}
