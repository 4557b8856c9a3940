// SPDX-License-Identifier: BSD-2-Clause
/*
 * A program written against genipi's public API, as an embedder would
 * write it: the build tests compile it against an installed genipi
 * (pkg-config), a genipi added with add_subdirectory(), and a genipi built
 * with GENIPI_PREFIX, and run it.
 *
 * It boots a two-CPU hosted machine with one remote processor, reserves an
 * IPI on each of the machine's IPI domains, sends through them and checks
 * that every target saw its IPI.
 */
#define _POSIX_C_SOURCE 200809L

#include <genipi/genipi.h>
#include <genipi/hosted.h>
#include <genipi/hosted-swipi.h>

#include <stdio.h>
#include <time.h>

#define NR_CPUS_BOOTED 2
#define WAIT_MS 10000

static unsigned int consumer_virq;

static irqreturn_t consumer_handler(int irq, void *dev_id)
{
	unsigned long *count = dev_id;

	(void)irq;
	__atomic_fetch_add(count, 1, __ATOMIC_RELAXED);
	return IRQ_HANDLED;
}

static void consumer_enable(void *arg)
{
	(void)arg;
	enable_percpu_irq(consumer_virq, IRQ_TYPE_NONE);
}

static void consumer_disable(void *arg)
{
	(void)arg;
	disable_percpu_irq(consumer_virq);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Wait until every CPU's handler ran at least once. */
static int wait_for_handlers(unsigned long *counts)
{
	for (int waited = 0; waited < WAIT_MS; waited++) {
		unsigned int cpu, done = 0;

		for_each_possible_cpu(cpu)
			done += __atomic_load_n(per_cpu_ptr(counts, cpu), __ATOMIC_RELAXED) > 0;
		if (done == nr_cpu_ids)
			return 0;
		sleep_ms(1);
	}
	return -1;
}

/* The single IPI domain: one virq for all CPUs, sent with ipi_send_mask(). */
static int check_single_domain(void)
{
	struct irq_domain *domain = hosted_swipi_domain(false);
	unsigned long *counts = alloc_percpu(unsigned long);
	int virq, ret = -1;

	if (!domain || !counts) {
		fprintf(stderr, "consumer: no single IPI domain or no memory\n");
		goto out_free;
	}
	virq = irq_reserve_ipi(domain, cpu_possible_mask);
	if (virq <= 0) {
		fprintf(stderr, "consumer: irq_reserve_ipi: %d\n", virq);
		goto out_free;
	}
	consumer_virq = (unsigned int)virq;
	if (request_percpu_irq(consumer_virq, consumer_handler, "consumer", counts)) {
		fprintf(stderr, "consumer: request_percpu_irq failed\n");
		goto out_destroy;
	}
	hosted_run_on_cpus(cpu_possible_mask, consumer_enable, NULL);

	if (ipi_send_mask(consumer_virq, cpu_possible_mask) || wait_for_handlers(counts)) {
		fprintf(stderr, "consumer: an IPI on the single domain never arrived\n");
		goto out_disable;
	}
	printf("consumer: single domain: virq %u reached %u CPUs\n", consumer_virq, nr_cpu_ids);
	ret = 0;

out_disable:
	hosted_run_on_cpus(cpu_possible_mask, consumer_disable, NULL);
	free_percpu_irq(consumer_virq, counts);
out_destroy:
	irq_destroy_ipi(consumer_virq, cpu_possible_mask);
out_free:
	free_percpu(counts);
	return ret;
}

/*
 * The per-CPU IPI domain with a remote processor: one virq per target; the
 * remote runs none of our code, so it only counts what reaches its line.
 */
static int check_remote_processor(void)
{
	struct irq_domain *domain = hosted_swipi_domain(true);
	struct cpumask dest;
	int remote, virq;
	unsigned long before;

	remote = hosted_remote_add("consumer-dsp", 16);
	if (remote < 0 || !domain) {
		fprintf(stderr, "consumer: hosted_remote_add: %d\n", remote);
		return -1;
	}
	cpumask_clear(&dest);
	cpumask_set_cpu((unsigned int)remote, &dest);
	virq = irq_reserve_ipi(domain, &dest);
	if (virq <= 0) {
		fprintf(stderr, "consumer: irq_reserve_ipi(remote): %d\n", virq);
		return -1;
	}
	before = hosted_remote_count((unsigned int)remote, HOSTED_LINE_SWIPI);
	if (ipi_send_single((unsigned int)virq, (unsigned int)remote) ||
	    hosted_remote_wait((unsigned int)remote, HOSTED_LINE_SWIPI, before + 1, WAIT_MS)) {
		fprintf(stderr, "consumer: the IPI to the remote processor never arrived\n");
		irq_destroy_ipi((unsigned int)virq, &dest);
		return -1;
	}
	printf("consumer: remote processor %d got hwirq %lu\n", remote,
	       ipi_get_hwirq((unsigned int)virq, (unsigned int)remote));
	return irq_destroy_ipi((unsigned int)virq, &dest);
}

int main(void)
{
	const struct hosted_machine_config cfg = {
		.nr_cpus = NR_CPUS_BOOTED,
		.delivery = HOSTED_DELIVERY_HYBRID,
		.no_pin = true,
	};
	int ret = hosted_machine_boot(&cfg);

	if (ret) {
		fprintf(stderr, "consumer: hosted_machine_boot: %d\n", ret);
		return 1;
	}
	ret = check_single_domain();
	if (!ret)
		ret = check_remote_processor();
	hosted_machine_shutdown();
	if (ret)
		return 1;
	printf("consumer: ok\n");
	return 0;
}
