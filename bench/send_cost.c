// SPDX-License-Identifier: BSD-2-Clause
/*
 * send_cost - call one IPI send function many times, for callgrind
 *
 *   send_cost FUNCTION DOMAIN CPUS TARGETS ITERATIONS
 *
 * FUNCTION is ipi_send_single, __ipi_send_single, ipi_send_mask or
 * __ipi_send_mask, or the baseline bench_raw_send_single: a function that
 * only calls the chip's ipi_send_single through irq_data->chip and returns
 * 0, a send with no check at all. DOMAIN is "single" (one hwirq for
 * every target) or "percpu" (one hwirq, and so one virq, per target). The
 * machine has CPUS CPUs, all reserved. Single sends go to target
 * TARGETS - 1 (any target costs the same); mask sends go to the first
 * TARGETS CPUs.
 *
 * The chip has only an ipi_send_single callback that counts, so a mask send
 * runs the core's per-target loop. bench/callgrind-cost.sh runs this under
 * callgrind with --toggle-collect=FUNCTION, so everything counted is inside
 * the send function, and subtracts the callbacks (functions named
 * bench_chip_*) to get the cost of the core above the chip.
 */
#include <genipi/genipi.h>
#include <genipi/port.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long bench_chip_sends;

/* The only chip callback: cheap, and never inlined (called through a pointer). */
static void bench_chip_ipi_send_single(struct irq_data *d, unsigned int target)
{
	(void)d;
	(void)target;
	bench_chip_sends++;
}

static struct irq_chip bench_chip = {
	.name = "bench-ipi",
	.ipi_send_single = bench_chip_ipi_send_single,
};

static int bench_domain_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs,
			      void *arg)
{
	const struct cpumask *dest = arg;
	unsigned int first = cpumask_first(dest);

	for (unsigned int i = 0; i < nr_irqs; i++) {
		irq_hw_number_t hwirq = irq_domain_is_ipi_per_cpu(d) ? first + i : 0;

		irq_domain_set_info(d, virq + i, hwirq, &bench_chip, NULL, handle_percpu_devid_irq,
				    NULL, NULL);
	}
	return 0;
}

static void bench_domain_free(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs)
{
	irq_domain_free_irqs_top(d, virq, nr_irqs);
}

/* The baseline: a send with no check, the chip found through irq_data->chip. */
static __attribute__((noinline)) int bench_raw_send_single(struct irq_data *d, unsigned int target)
{
	d->chip->ipi_send_single(d, target);
	return 0;
}

static const struct irq_domain_ops bench_domain_ops = {
	.alloc = bench_domain_alloc,
	.free = bench_domain_free,
};

enum bench_function {
	BENCH_SEND_SINGLE,
	BENCH___SEND_SINGLE,
	BENCH_SEND_MASK,
	BENCH___SEND_MASK,
	BENCH_RAW_SEND_SINGLE,
};

static const char *const bench_function_names[] = {
	[BENCH_SEND_SINGLE] = "ipi_send_single",
	[BENCH___SEND_SINGLE] = "__ipi_send_single",
	[BENCH_SEND_MASK] = "ipi_send_mask",
	[BENCH___SEND_MASK] = "__ipi_send_mask",
	[BENCH_RAW_SEND_SINGLE] = "bench_raw_send_single",
};

#define BENCH_NR_FUNCTIONS (sizeof(bench_function_names) / sizeof(bench_function_names[0]))

static int bench_usage(void)
{
	fputs("usage: send_cost {ipi_send_single|__ipi_send_single|ipi_send_mask|"
	      "__ipi_send_mask|bench_raw_send_single} {single|percpu} CPUS TARGETS "
	      "ITERATIONS\n",
	      stderr);
	return 2;
}

static bool bench_parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (!*s || *end || v == 0 || v > max)
		return false;
	*out = v;
	return true;
}

/* Build the machine and reserve an IPI to every CPU; returns its first virq. */
static int bench_setup(bool per_cpu, unsigned int cpus)
{
	struct fwnode_handle *fwnode;
	struct irq_domain *domain;
	unsigned int flags = per_cpu ? IRQ_DOMAIN_FLAG_IPI_PER_CPU : IRQ_DOMAIN_FLAG_IPI_SINGLE;

	if (irq_core_init(cpus, NULL))
		return -1;
	for (unsigned int cpu = 0; cpu < cpus; cpu++)
		set_cpu_online(cpu, true);
	fwnode = irq_domain_alloc_named_fwnode("bench-ipi");
	if (!fwnode)
		return -1;
	domain = irq_domain_create_hierarchy(NULL, flags, per_cpu ? cpus : 1, fwnode,
					     &bench_domain_ops, NULL);
	if (!domain)
		return -1;
	irq_domain_update_bus_token(domain, DOMAIN_BUS_IPI);
	return irq_reserve_ipi(domain, cpu_possible_mask);
}

int main(int argc, char **argv)
{
	unsigned long cpus, targets, iterations, i;
	enum bench_function fn;
	struct irq_desc *desc;
	struct irq_data *data;
	struct cpumask dest;
	bool per_cpu;
	int virq, ret = 0;

	if (argc != 6)
		return bench_usage();
	for (fn = 0; fn < BENCH_NR_FUNCTIONS; fn++)
		if (!strcmp(argv[1], bench_function_names[fn]))
			break;
	if (fn == BENCH_NR_FUNCTIONS)
		return bench_usage();
	if (strcmp(argv[2], "single") && strcmp(argv[2], "percpu"))
		return bench_usage();
	per_cpu = !strcmp(argv[2], "percpu");
	if (!bench_parse_uint(argv[3], NR_CPUS, &cpus) ||
	    !bench_parse_uint(argv[4], cpus, &targets) ||
	    !bench_parse_uint(argv[5], 1UL << 40, &iterations))
		return bench_usage();

	virq = bench_setup(per_cpu, (unsigned int)cpus);
	if (virq <= 0) {
		fprintf(stderr, "send_cost: setting up %lu CPUs failed (%d)\n", cpus, virq);
		return 1;
	}
	desc = irq_to_desc((unsigned int)virq);
	data = irq_get_irq_data((unsigned int)virq);
	cpumask_clear(&dest);
	for (i = 0; i < targets; i++)
		cpumask_set_cpu((unsigned int)i, &dest);

	/*
	 * Only these loops matter; callgrind counts inside the send function.
	 * The loops stay simple so a plain run (no callgrind) is quick too.
	 */
	switch (fn) {
	case BENCH_SEND_SINGLE:
		for (i = 0; i < iterations; i++)
			ret |= ipi_send_single((unsigned int)virq, (unsigned int)targets - 1);
		break;
	case BENCH___SEND_SINGLE:
		for (i = 0; i < iterations; i++)
			ret |= __ipi_send_single(desc, (unsigned int)targets - 1);
		break;
	case BENCH_SEND_MASK:
		for (i = 0; i < iterations; i++)
			ret |= ipi_send_mask((unsigned int)virq, &dest);
		break;
	case BENCH___SEND_MASK:
		for (i = 0; i < iterations; i++)
			ret |= __ipi_send_mask(desc, &dest);
		break;
	case BENCH_RAW_SEND_SINGLE:
		for (i = 0; i < iterations; i++)
			ret |= bench_raw_send_single(data, (unsigned int)targets - 1);
		break;
	}

	if (ret) {
		fprintf(stderr, "send_cost: %s returned an error\n", argv[1]);
		return 1;
	}
	if (fn == BENCH_SEND_MASK || fn == BENCH___SEND_MASK)
		iterations *= targets;
	if (bench_chip_sends != iterations) {
		fprintf(stderr, "send_cost: chip saw %lu sends, expected %lu\n", bench_chip_sends,
			iterations);
		return 1;
	}
	irq_core_teardown();
	return 0;
}
