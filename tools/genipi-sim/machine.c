// SPDX-License-Identifier: BSD-2-Clause
/*
 * genipi-sim: the machine. Boot it from the device tree, find every IPI it
 * offers, reserve and request them through the public API only:
 *
 *   - every node whose controller registered a DOMAIN_BUS_IPI domain
 *     (irqchip_fdt_domain()) gives one reservation for all CPUs and every
 *     remote processor the domain accepts (CPUs only if it accepts none),
 *     plus, for the storm workload on a machine without fixed IPIs, more
 *     reservations for the CPUs while the domain has hwirqs to give;
 *   - every node whose driver created fixed IPIs (irqchip_fdt_ipi_virqs():
 *     the multiplexer's virtual IPIs behind a CLINT) gives those.
 *
 * Nothing here knows a controller by name: a new driver with an IPI domain
 * or a multiplexer works with the sim as it is.
 */
#define _POSIX_C_SOURCE 200809L

#include "sim.h"

#include <genipi/hosted-fdt.h>
#include <genipi/irqchip.h>

#include <libfdt.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct sim_machine sim;

/*
 * Library log messages: while the machine boots they are kept (the boot's
 * error message says the same, better); afterwards they go to stderr.
 */
static struct {
	bool capture;
	char text[4096];
	size_t len;
} sim_log;

static void sim_log_hook(const char *msg, void *ctx)
{
	size_t n = strlen(msg);

	(void)ctx;
	if (!sim_log.capture) {
		fprintf(stderr, "genipi-sim: library: %s", msg);
		return;
	}
	if (n > sizeof(sim_log.text) - 1 - sim_log.len)
		n = sizeof(sim_log.text) - 1 - sim_log.len;
	memcpy(sim_log.text + sim_log.len, msg, n);
	sim_log.len += n;
	sim_log.text[sim_log.len] = '\0';
}

/* Start keeping log messages, or stop and print (@print) or drop what was kept. */
static void sim_log_capture(bool on, bool print)
{
	hosted_set_log_hook(NULL, NULL);
	if (!on && print && sim_log.len)
		fprintf(stderr, "genipi-sim: library: %s", sim_log.text);
	sim_log.capture = on;
	sim_log.len = 0;
	sim_log.text[0] = '\0';
	hosted_set_log_hook(sim_log_hook, NULL);
}

/* ---- handlers ---------------------------------------------------------------- */

static irqreturn_t sim_handler(int irq, void *dev_id)
{
	struct sim_pcpu *pc = dev_id;
	struct sim_ipi *ipi = pc->ipi;
	unsigned int cpu = smp_processor_id();
	struct sim_slot *slot = &ipi->slot[cpu];
	uint64_t now = sim_now_ns(), t_send;
	unsigned long seq, prev;

	(void)irq;
	if (pc->cpu != cpu)
		atomic_fetch_add_explicit(&pc->wrong, 1, memory_order_relaxed);
	/* only this CPU writes its instance's runs and its own slot's seen */
	atomic_store_explicit(&pc->runs, atomic_load_explicit(&pc->runs, memory_order_relaxed) + 1,
			      memory_order_relaxed);
	prev = atomic_load_explicit(&slot->seen, memory_order_relaxed);
	/*
	 * acquire: pairs with the release bump in sim_prepare_send(), so
	 * t_send and everything the sender wrote before sending are visible
	 */
	seq = atomic_load_explicit(&slot->sent, memory_order_acquire);
	if (seq == prev) {
		/* a raise that merged with one an earlier run consumed */
		atomic_fetch_add_explicit(&pc->stale, 1, memory_order_relaxed);
		return IRQ_HANDLED;
	}
	t_send = atomic_load_explicit(&slot->t_send, memory_order_relaxed);
	if (t_send && now > t_send)
		sim_latency_add(now - t_send);
	/*
	 * release: pairs with the acquire loads of the waiters (workloads.c),
	 * who then find the latency sample too
	 */
	atomic_store_explicit(&slot->seen, seq, memory_order_release);
	sim_pingpong_on_ipi(ipi, cpu);
	return IRQ_HANDLED;
}

unsigned int sim_ipi_virq_of(const struct sim_ipi *ipi, unsigned int target)
{
	/* a per-CPU reservation has no holes: one virq per target, in order */
	if (ipi->kind == SIM_IPI_PER_CPU)
		return ipi->virq + target - cpumask_first(&ipi->targets);
	return ipi->virq;
}

unsigned long sim_ipi_runs(const struct sim_ipi *ipi, unsigned int cpu)
{
	return atomic_load_explicit(&per_cpu_ptr(ipi->pcpu, cpu)->runs, memory_order_relaxed);
}

unsigned long sim_total_runs(void)
{
	unsigned long runs = 0;
	unsigned int cpu;

	for (unsigned int i = 0; i < sim.nr_ipis; i++)
		for_each_cpu(cpu, &sim.ipis[i]->cpus)
			runs += sim_ipi_runs(sim.ipis[i], cpu);
	return runs;
}

unsigned long sim_total_stale(void)
{
	unsigned long stale = 0;
	unsigned int cpu;

	for (unsigned int i = 0; i < sim.nr_ipis; i++)
		for_each_cpu(cpu, &sim.ipis[i]->cpus)
			stale += atomic_load_explicit(&per_cpu_ptr(sim.ipis[i]->pcpu, cpu)->stale,
						      memory_order_relaxed);
	return stale;
}

/* ---- sending ----------------------------------------------------------------- */

unsigned long sim_prepare_send(struct sim_ipi *ipi, unsigned int target, uint64_t t_send)
{
	struct sim_slot *slot = &ipi->slot[target];

	atomic_store_explicit(&slot->t_send, t_send, memory_order_relaxed);
	/* release: pairs with the acquire load in sim_handler() */
	return atomic_fetch_add_explicit(&slot->sent, 1, memory_order_release) + 1;
}

static void sim_count_send(int ret)
{
	if (ret)
		atomic_fetch_add_explicit(&sim.failed_sends, 1, memory_order_relaxed);
}

/* --lose: is this the send not to make? */
static bool sim_lose_this(void)
{
	return sim.lose &&
	       atomic_fetch_add_explicit(&sim.nr_sends, 1, memory_order_relaxed) + 1 == sim.lose;
}

void sim_send_single(struct sim_ipi *ipi, unsigned int target)
{
	if (!sim_lose_this())
		sim_count_send(ipi_send_single(ipi->virq, target));
}

void sim_send_mask(struct sim_ipi *ipi, const struct cpumask *dest)
{
	if (!sim_lose_this())
		sim_count_send(ipi_send_mask(ipi->virq, dest));
}

void sim_send_all(struct sim_ipi *ipi)
{
	if (!sim_lose_this())
		sim_count_send(ipi_send_all(ipi->virq));
}

unsigned long sim_remote_raises(unsigned int target)
{
	struct hosted_target_state st;

	return hosted_target_state(target, &st) ? 0 : st.interrupts;
}

/* ---- finding and reserving IPIs ---------------------------------------------- */

static struct sim_ipi *sim_ipi_new(const char *controller)
{
	struct sim_ipi *ipi;

	if (sim.nr_ipis == SIM_MAX_IPIS)
		return NULL;
	/* the slots are cache-line aligned */
	ipi = aligned_alloc(_Alignof(struct sim_ipi), sizeof(*ipi));
	if (!ipi)
		return NULL;
	memset(ipi, 0, sizeof(*ipi));
	snprintf(ipi->controller, sizeof(ipi->controller), "%s", controller);
	return ipi;
}

/* Split @ipi->targets into CPUs and remote processors and keep it. */
static void sim_ipi_add(struct sim_ipi *ipi)
{
	cpumask_and(&ipi->cpus, &ipi->targets, &sim.cpus);
	cpumask_and(&ipi->remotes, &ipi->targets, &sim.remotes);
	ipi->domain = irq_get_irq_data(ipi->virq)->domain;
	sim.ipis[sim.nr_ipis++] = ipi;
}

/* Reserve an IPI for @dest on @d. Returns 0, a negative errno, or 1 if the sim is full. */
static int sim_reserve(struct irq_domain *d, const char *controller, const struct cpumask *dest)
{
	struct sim_ipi *ipi = sim_ipi_new(controller);
	int virq;

	if (!ipi)
		return 1;
	virq = irq_reserve_ipi(d, dest);
	if (virq < 0) {
		free(ipi);
		return virq;
	}
	ipi->kind = irq_domain_is_ipi_per_cpu(d) ? SIM_IPI_PER_CPU : SIM_IPI_SINGLE;
	ipi->virq = (unsigned int)virq;
	ipi->nr_virqs = ipi->kind == SIM_IPI_PER_CPU ? cpumask_weight(dest) : 1;
	cpumask_copy(&ipi->targets, dest);
	sim_ipi_add(ipi);
	return 0;
}

/*
 * The first IPI of a domain: for every CPU and every remote processor, or,
 * if the domain refuses the remote processors, for the CPUs.
 */
static void sim_reserve_first(struct irq_domain *d, const char *controller)
{
	struct cpumask all;
	int ret = -EINVAL;

	cpumask_or(&all, &sim.cpus, &sim.remotes);
	if (!cpumask_empty(&sim.remotes)) {
		sim_log_capture(true, false);
		ret = sim_reserve(d, controller, &all);
		sim_log_capture(false, false);
	}
	if (ret < 0)
		ret = sim_reserve(d, controller, &sim.cpus);
	if (ret < 0)
		fprintf(stderr,
			"genipi-sim: %s: irq_reserve_ipi() for the CPUs failed (%d); "
			"its IPI domain is left out\n",
			controller, ret);
}

/* The storm's extra IPIs: CPUs only, while the domain has hwirqs for them. */
static void sim_reserve_more(struct irq_domain *d, const char *controller)
{
	/* a domain out of hwirqs may say so in the log: that is expected here */
	sim_log_capture(true, false);
	for (unsigned int n = 1; n < SIM_STORM_IPIS_PER_DOMAIN; n++)
		if (sim_reserve(d, controller, &sim.cpus))
			break;
	sim_log_capture(false, false);
}

/* The fixed IPIs node @offset's driver created: one virq each, for all its targets. */
static void sim_add_fixed(const char *controller, unsigned int first, unsigned int nr)
{
	for (unsigned int i = 0; i < nr; i++) {
		struct irq_data *data = irq_get_irq_data(first + i);
		struct sim_ipi *ipi;

		if (!data || irq_domain_is_ipi_per_cpu(data->domain)) {
			fprintf(stderr,
				"genipi-sim: %s: fixed IPI virq %u is not a single-hwirq IPI; "
				"left out\n",
				controller, first + i);
			continue;
		}
		ipi = sim_ipi_new(controller);
		if (!ipi)
			return;
		ipi->kind = SIM_IPI_FIXED;
		ipi->virq = first + i;
		ipi->nr_virqs = 1;
		cpumask_copy(&ipi->targets, irq_data_get_affinity_mask(data));
		sim_ipi_add(ipi);
		sim.has_fixed = true;
	}
}

/*
 * Walk the tree: the IPI domains (deduplicated: nodes may share one) and
 * the fixed IPIs, in node order.
 */
static void sim_find_ipis(bool storm)
{
	struct irq_domain *domains[SIM_MAX_IPIS];
	char paths[SIM_MAX_IPIS][128];
	unsigned int nr_domains = 0;
	int node, depth = 0;

	for (node = fdt_next_node(sim.fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(sim.fdt, node, &depth)) {
		struct irq_domain *d = irqchip_fdt_domain(sim.fdt, node, DOMAIN_BUS_IPI);
		unsigned int nr = 0, i;
		char path[128];
		int first;

		if (fdt_get_path(sim.fdt, node, path, sizeof(path)) < 0)
			snprintf(path, sizeof(path), "<node at %d>", node);
		first = irqchip_fdt_ipi_virqs(sim.fdt, node, &nr);
		if (first > 0)
			sim_add_fixed(path, (unsigned int)first, nr);
		if (!d || nr_domains == SIM_MAX_IPIS)
			continue;
		for (i = 0; i < nr_domains && domains[i] != d; i++)
			;
		if (i < nr_domains)
			continue;
		domains[nr_domains] = d;
		snprintf(paths[nr_domains], sizeof(paths[0]), "%s", path);
		nr_domains++;
	}

	for (unsigned int i = 0; i < nr_domains; i++)
		sim_reserve_first(domains[i], paths[i]);
	/* storm hammers the multiplexer if there is one, else the controllers' IPIs */
	if (storm && !sim.has_fixed)
		for (unsigned int i = 0; i < nr_domains; i++)
			sim_reserve_more(domains[i], paths[i]);
}

/* ---- handlers: request, enable ----------------------------------------------- */

static int sim_request(struct sim_ipi *ipi)
{
	unsigned int cpu;
	int ret;

	ipi->pcpu = alloc_percpu(struct sim_pcpu);
	if (!ipi->pcpu)
		return -ENOMEM;
	for_each_cpu(cpu, &sim.cpus) {
		per_cpu_ptr(ipi->pcpu, cpu)->cpu = cpu;
		per_cpu_ptr(ipi->pcpu, cpu)->ipi = ipi;
	}
	if (cpumask_empty(&ipi->cpus))
		return 0;
	/* per-CPU: one virq per CPU target; single: one for all; never a remote's */
	for_each_cpu(cpu, &ipi->cpus) {
		ret = request_percpu_irq(sim_ipi_virq_of(ipi, cpu), sim_handler, "genipi-sim",
					 ipi->pcpu);
		if (ret) {
			fprintf(stderr, "genipi-sim: request_percpu_irq(%u) failed (%d)\n",
				sim_ipi_virq_of(ipi, cpu), ret);
			return ret;
		}
		ipi->requested = true;
		if (ipi->kind != SIM_IPI_PER_CPU)
			break;
	}
	return 0;
}

static void sim_release(struct sim_ipi *ipi)
{
	unsigned int cpu;

	if (ipi->requested) {
		for_each_cpu(cpu, &ipi->cpus) {
			free_percpu_irq(sim_ipi_virq_of(ipi, cpu), ipi->pcpu);
			if (ipi->kind != SIM_IPI_PER_CPU)
				break;
		}
	}
	if (ipi->kind != SIM_IPI_FIXED)
		irq_destroy_ipi(ipi->virq, &ipi->targets);
	if (ipi->pcpu)
		free_percpu(ipi->pcpu);
}

/* On each CPU: enable (@arg non-NULL) or disable the virq of each IPI it receives. */
static void sim_enable_on_cpu(void *arg)
{
	unsigned int cpu = smp_processor_id();

	for (unsigned int i = 0; i < sim.nr_ipis; i++) {
		const struct sim_ipi *ipi = sim.ipis[i];

		if (!ipi->requested || !cpumask_test_cpu(cpu, &ipi->cpus))
			continue;
		if (arg)
			enable_percpu_irq(sim_ipi_virq_of(ipi, cpu), IRQ_TYPE_NONE);
		else
			disable_percpu_irq(sim_ipi_virq_of(ipi, cpu));
	}
}

/* ---- up and down ------------------------------------------------------------- */

static void sim_find_targets(void)
{
	sim.nr_cpus = nr_cpu_ids;
	cpumask_copy(&sim.cpus, cpu_possible_mask);
	cpumask_clear(&sim.remotes);
	for (unsigned int t = nr_cpu_ids; t < nr_target_ids; t++)
		if (target_is_remote(t))
			cpumask_set_cpu(t, &sim.remotes);
}

static bool sim_wants(const struct sim_options *opts, enum sim_workload w)
{
	for (unsigned int i = 0; i < opts->nr_workloads; i++)
		if (opts->order[i] == w)
			return true;
	return false;
}

int sim_machine_up(const void *fdt, const char *label, const struct sim_options *opts)
{
	struct hosted_machine_config cfg = { 0 };
	char err[512] = "";
	const char *model;
	int ret;

	memset(&sim, 0, sizeof(sim));
	sim.fdt = fdt;
	sim.timeout_ns = (uint64_t)(opts->timeout * 1e9);
	sim.lose = opts->lose;
	sim.label = label;
	model = fdt_getprop(fdt, 0, "model", NULL);
	sim.model = model ? model : "";

	cfg.nr_cpus = opts->nr_cpus;
	cfg.delivery = opts->mode;
	sim_log_capture(true, false);
	ret = hosted_machine_boot_fdt(fdt, &cfg, err, sizeof(err));
	sim_log_capture(false, ret == 0);
	if (ret) {
		fprintf(stderr, "genipi-sim: %s: cannot boot the machine: %s\n", label,
			err[0] ? err : "no reason given");
		return ret == -ENOMEM ? SIM_EXIT_LOST : SIM_EXIT_BAD_INPUT;
	}

	sim_find_targets();
	sim_find_ipis(sim_wants(opts, SIM_STORM) || opts->all_workloads);
	if (!sim.nr_ipis) {
		fprintf(stderr,
			"genipi-sim: %s: the machine has no IPI to send: no controller "
			"registered an IPI domain (DOMAIN_BUS_IPI) or fixed IPIs (a multiplexer)\n",
			label);
		sim_machine_down();
		return SIM_EXIT_BAD_INPUT;
	}
	for (unsigned int i = 0; i < sim.nr_ipis; i++) {
		ret = sim_request(sim.ipis[i]);
		if (ret) {
			sim_machine_down();
			return SIM_EXIT_LOST;
		}
	}
	ret = hosted_run_on_cpus(&sim.cpus, sim_enable_on_cpu, &sim);
	if (ret) {
		fprintf(stderr, "genipi-sim: cannot enable the IPIs on the CPUs (%d)\n", ret);
		sim_machine_down();
		return SIM_EXIT_LOST;
	}
	return SIM_EXIT_OK;
}

unsigned long sim_machine_check(void)
{
	unsigned long problems = 0;
	unsigned int cpu;

	if (hosted_run_on_cpus(&sim.cpus, sim_enable_on_cpu, NULL)) {
		printf("BAD: cannot disable the IPIs on the CPUs\n");
		problems++;
	}
	for (unsigned int i = 0; i < sim.nr_ipis; i++) {
		struct sim_ipi *ipi = sim.ipis[i];

		for_each_cpu(cpu, &ipi->cpus) {
			const struct sim_pcpu *pc = per_cpu_ptr(ipi->pcpu, cpu);
			unsigned int virq = sim_ipi_virq_of(ipi, cpu);
			unsigned long runs = sim_ipi_runs(ipi, cpu);

			if (atomic_load(&pc->wrong)) {
				printf("BAD: virq %u: %lu handler runs on CPU%u got another CPU's "
				       "dev_id\n",
				       virq, atomic_load(&pc->wrong), cpu);
				problems++;
			}
			if (kstat_irqs_cpu(virq, cpu) != runs) {
				printf("BAD: virq %u: kstat_irqs_cpu() says %u runs on CPU%u, the "
				       "handler counted %lu\n",
				       virq, kstat_irqs_cpu(virq, cpu), cpu, runs);
				problems++;
			}
		}
	}
	if (atomic_load(&sim.failed_sends)) {
		printf("BAD: %lu ipi_send_*() calls failed\n", atomic_load(&sim.failed_sends));
		problems++;
	}
	return problems;
}

void sim_machine_down(void)
{
	if (!hosted_machine_booted())
		return;
	hosted_run_on_cpus(&sim.cpus, sim_enable_on_cpu, NULL);
	for (unsigned int i = 0; i < sim.nr_ipis; i++) {
		sim_release(sim.ipis[i]);
		free(sim.ipis[i]);
		sim.ipis[i] = NULL;
	}
	sim.nr_ipis = 0;
	hosted_machine_shutdown();
	hosted_set_log_hook(NULL, NULL);
}
