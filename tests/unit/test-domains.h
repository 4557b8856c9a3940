/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Software IPI controllers for the unit tests: an IPI domain whose chip
 * records every send as (hwirq, target), with a fixed pool of hwirqs so
 * that running out of them (-ENOSPC from the domain) can be tested, and
 * with a choice of which send callbacks the chip has.
 */
#ifndef GENIPI_TEST_DOMAINS_H
#define GENIPI_TEST_DOMAINS_H

#include "test-machine.h"

#define TEST_MAX_HWIRQS 128
#define TEST_MAX_SENDS 512

/* Which send callbacks the controller's chip provides. */
enum test_chip_kind {
	TEST_CHIP_SEND_BOTH,
	TEST_CHIP_SEND_SINGLE,
	TEST_CHIP_SEND_MASK,
	TEST_CHIP_SEND_NONE,
};

/* One target reached by a send: what the hardware would have seen. */
struct test_send {
	irq_hw_number_t hwirq;
	unsigned int target;
	bool via_mask; /* the chip's ipi_send_mask was called */
};

/*
 * struct test_ipi_ctrl - one software IPI controller
 * @domain:     its IPI domain
 * @hwirq_base: its hwirqs are hwirq_base .. hwirq_base + nr_hwirqs - 1
 * @hwirq_stride: distance between consecutive hwirqs (1: linear)
 * @nr_hwirqs:  size of the pool
 * @used:       which pool entries are allocated
 * @fail_alloc: if non-zero, alloc returns it (after touching nothing)
 * @alloc_calls, @free_calls: callback counts
 * @last_alloc_nr, @last_alloc_dest: what the last alloc received
 * @sends:      recorded sends (@nr_sends of them, atomically appended)
 */
struct test_ipi_ctrl {
	struct irq_domain *domain;
	struct fwnode_handle *fwnode;
	struct irq_chip chip;
	irq_hw_number_t hwirq_base;
	irq_hw_number_t hwirq_stride;
	unsigned int nr_hwirqs;
	bool used[TEST_MAX_HWIRQS];
	int fail_alloc;
	unsigned int alloc_calls;
	unsigned int free_calls;
	unsigned int last_alloc_nr;
	struct cpumask last_alloc_dest;
	struct test_send sends[TEST_MAX_SENDS];
	unsigned int nr_sends;
	/* called at the start of alloc when set (e.g. to send from under the lock) */
	void (*alloc_hook)(struct test_ipi_ctrl *ctrl);
};

/*
 * Create an IPI domain of @kind_flags (IRQ_DOMAIN_FLAG_IPI_PER_CPU or
 * IRQ_DOMAIN_FLAG_IPI_SINGLE) with @nr_hwirqs hwirqs and a chip of @chip_kind,
 * as a child of @parent (may be NULL). Fails the test on error.
 */
struct irq_domain *test_ipi_domain_create(struct test_ipi_ctrl *ctrl, const char *name,
					  unsigned int kind_flags, unsigned int nr_hwirqs,
					  enum test_chip_kind chip_kind, struct irq_domain *parent);

/* Pool entries in use. */
unsigned int test_ipi_hwirqs_used(const struct test_ipi_ctrl *ctrl);

/* Sends recorded so far; forget them. */
unsigned int test_ipi_nr_sends(struct test_ipi_ctrl *ctrl);
void test_ipi_clear_sends(struct test_ipi_ctrl *ctrl);

/* True if a send of @hwirq to @target was recorded. */
bool test_ipi_sent(struct test_ipi_ctrl *ctrl, irq_hw_number_t hwirq, unsigned int target);

/* A mask from a list of targets ending with TEST_END. */
#define TEST_END (~0U)
struct cpumask test_mask(unsigned int first, ...);
#define MASK(...) test_mask(__VA_ARGS__, TEST_END)

/* A mask of targets lo .. hi (inclusive). */
struct cpumask test_mask_range(unsigned int lo, unsigned int hi);

/*
 * A snapshot of what a reservation-changing call must leave alone when it
 * fails: allocated descriptors, port allocations, a controller's hwirqs.
 */
struct test_state {
	unsigned int descs;
	long allocs;
	unsigned int hwirqs_used;
	unsigned int alloc_calls;
};

struct test_state test_state_of(const struct test_ipi_ctrl *ctrl);
#define assert_state_unchanged(before, ctrl)                                                       \
	_test_assert_state_unchanged(&(before), (ctrl), __FILE__, __LINE__)
void _test_assert_state_unchanged(const struct test_state *before, const struct test_ipi_ctrl *ctrl,
				  const char *file, int line);

#endif /* GENIPI_TEST_DOMAINS_H */
