// SPDX-License-Identifier: BSD-2-Clause
/*
 * genipi-sim: what it prints. Latency percentiles from the samples the
 * handlers (and the remote workload's senders) take, the machine and its
 * IPIs, and the /proc/interrupts-style table: one row per virq, a column
 * per CPU (kstat_irqs_cpu()) and per remote processor (the raises the sim
 * saw that IPI cause), then the chip, the hwirq and the controller.
 */
#define _POSIX_C_SOURCE 200809L

#include "sim.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

uint64_t sim_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * SIM_NS_PER_SEC + (uint64_t)ts.tv_nsec;
}

/* ---- latency ------------------------------------------------------------------ */

/*
 * The first SIM_MAX_SAMPLES samples are kept; after that, sample n replaces
 * a random kept one with probability SIM_MAX_SAMPLES / n (reservoir
 * sampling), so what is kept stays a uniform sample of them all. The
 * maximum is tracked exactly. Handlers on any CPU add concurrently.
 */
static _Atomic uint32_t sim_samples[SIM_MAX_SAMPLES];
static atomic_ulong sim_nr_samples;
static _Atomic uint64_t sim_max_ns;

void sim_latency_reset(void)
{
	atomic_store(&sim_nr_samples, 0);
	atomic_store(&sim_max_ns, 0);
}

/* A well-mixed function of @n (splitmix64's finaliser): the reservoir's dice. */
static uint64_t sim_mix(uint64_t n)
{
	n += 0x9e3779b97f4a7c15ULL;
	n = (n ^ (n >> 30)) * 0xbf58476d1ce4e5b9ULL;
	n = (n ^ (n >> 27)) * 0x94d049bb133111ebULL;
	return n ^ (n >> 31);
}

void sim_latency_add(uint64_t ns)
{
	unsigned long n = atomic_fetch_add_explicit(&sim_nr_samples, 1, memory_order_relaxed);
	uint64_t max = atomic_load_explicit(&sim_max_ns, memory_order_relaxed);

	while (ns > max &&
	       !atomic_compare_exchange_weak_explicit(&sim_max_ns, &max, ns, memory_order_relaxed,
						      memory_order_relaxed))
		;
	if (n >= SIM_MAX_SAMPLES) {
		n = (unsigned long)(sim_mix(n) % (n + 1));
		if (n >= SIM_MAX_SAMPLES)
			return;
	}
	atomic_store_explicit(&sim_samples[n], ns > UINT32_MAX ? UINT32_MAX : (uint32_t)ns,
			      memory_order_relaxed);
}

static int sim_cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* The nearest-rank percentile @p of the sorted @v[@n]. */
static uint64_t sim_percentile(const uint32_t *v, size_t n, unsigned int p)
{
	size_t rank = (n * p + 99) / 100;

	return v[rank ? rank - 1 : 0];
}

void sim_latency_collect(struct sim_result *res)
{
	unsigned long n = atomic_load(&sim_nr_samples);
	size_t kept = n < SIM_MAX_SAMPLES ? n : SIM_MAX_SAMPLES;
	uint32_t *v;

	res->samples = n;
	if (!n)
		return;
	v = malloc(kept * sizeof(*v));
	if (!v) {
		res->samples = 0;
		return;
	}
	for (size_t i = 0; i < kept; i++)
		v[i] = atomic_load_explicit(&sim_samples[i], memory_order_relaxed);
	qsort(v, kept, sizeof(*v), sim_cmp_u32);
	res->p50_ns = sim_percentile(v, kept, 50);
	res->p99_ns = sim_percentile(v, kept, 99);
	res->max_ns = atomic_load(&sim_max_ns);
	free(v);
}

/* ---- names ---------------------------------------------------------------------- */

/* Append to @buf (of @len, holding @*pos bytes), truncating quietly. */
static void __attribute__((format(printf, 4, 5)))
sim_append(char *buf, size_t len, size_t *pos, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*pos >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *pos, len - *pos, fmt, ap);
	va_end(ap);
	if (n > 0)
		*pos += (size_t)n < len - *pos ? (size_t)n : len - *pos - 1;
}

const char *sim_targets_str(const struct cpumask *m, char *buf, size_t len)
{
	size_t pos = 0;
	unsigned int t, first = 0, last = 0;
	bool open = false;

	buf[0] = '\0';
	/* CPUs as ranges: CPU0-3,6 */
	for_each_cpu(t, m) {
		if (t >= sim.nr_cpus)
			break;
		if (open && t == last + 1) {
			last = t;
			continue;
		}
		if (open)
			sim_append(buf, len, &pos, first == last ? "%u," : "%u-%u,", first, last);
		else
			sim_append(buf, len, &pos, "CPU");
		first = last = t;
		open = true;
	}
	if (open)
		sim_append(buf, len, &pos, first == last ? "%u" : "%u-%u", first, last);
	for_each_cpu(t, m) {
		if (t < sim.nr_cpus)
			continue;
		sim_append(buf, len, &pos, "%s%s", pos ? " + " : "", target_name(t));
	}
	return buf;
}

/* @v[@n] as "56-60,62": runs of consecutive numbers as ranges, repeats once. */
static const char *sim_ranges_str(const unsigned long *v, unsigned int n, char *buf, size_t len)
{
	size_t pos = 0;
	unsigned int i = 0;

	buf[0] = '\0';
	while (i < n) {
		unsigned long first = v[i], last = v[i];

		for (i++; i < n && (v[i] == last || v[i] == last + 1); i++)
			last = v[i];
		sim_append(buf, len, &pos, first == last ? "%s%lu" : "%s%lu-%lu", pos ? "," : "",
			   first, last);
	}
	return buf;
}

static const char *const sim_mode_names[] = {
	[HOSTED_DELIVERY_POLL] = "poll",
	[HOSTED_DELIVERY_SLEEP] = "sleep",
	[HOSTED_DELIVERY_HYBRID] = "hybrid",
};

static const char *sim_kind_str(const struct sim_ipi *ipi)
{
	switch (ipi->kind) {
	case SIM_IPI_PER_CPU:
		return "IPI domain, one hwirq per target (IRQ_DOMAIN_FLAG_IPI_PER_CPU)";
	case SIM_IPI_SINGLE:
		return "IPI domain, one hwirq for all targets (IRQ_DOMAIN_FLAG_IPI_SINGLE)";
	default:
		return "fixed IPIs its driver created";
	}
}

/* Single-hwirq IPIs of one controller, to the same targets, on consecutive virqs. */
static bool sim_ipi_alike(const struct sim_ipi *a, const struct sim_ipi *b)
{
	return a->kind != SIM_IPI_PER_CPU && a->kind == b->kind && b->virq == a->virq + 1 &&
	       !strcmp(a->controller, b->controller) && cpumask_equal(&a->targets, &b->targets);
}

/* ---- the machine ---------------------------------------------------------------- */

void sim_print_machine(const struct sim_options *opts)
{
	char buf[256], hw[128];
	unsigned int t;
	long cores;

	printf("genipi-sim: %s%s%s%s\n", sim.label, sim.model[0] ? " (" : "", sim.model,
	       sim.model[0] ? ")" : "");
	printf("  CPUs         %u, %s (hardware ids", sim.nr_cpus,
	       sim_targets_str(&sim.cpus, buf, sizeof(buf)));
	for_each_cpu(t, &sim.cpus)
		printf(" %lu", target_hwid(t));
	printf("), delivery %s\n", sim_mode_names[opts->mode]);
	for_each_cpu(t, &sim.remotes)
		printf("  remote       %s: target %u, hardware id %lu; runs no genipi code\n",
		       target_name(t), t, target_hwid(t));

	for (unsigned int i = 0, next; i < sim.nr_ipis; i = next) {
		const struct sim_ipi *ipi = sim.ipis[i], *last;
		unsigned long hwirqs[NR_TARGETS];
		unsigned int n = 0;

		/* one heading per controller and kind */
		if (!i || strcmp(ipi->controller, sim.ipis[i - 1]->controller) ||
		    ipi->kind != sim.ipis[i - 1]->kind) {
			printf("  controller   %s: %s", ipi->controller, sim_kind_str(ipi));
			if (strcmp(ipi->controller, ipi->domain->name))
				printf(", domain \"%s\"", ipi->domain->name);
			printf("\n");
		}
		/* then a line per IPI, or per run of alike single-hwirq IPIs */
		for (next = i + 1;
		     next < sim.nr_ipis && sim_ipi_alike(sim.ipis[next - 1], sim.ipis[next]);
		     next++)
			;
		last = sim.ipis[next - 1];
		if (ipi->kind == SIM_IPI_PER_CPU)
			for_each_cpu(t, &ipi->targets)
				hwirqs[n++] = ipi_get_hwirq(ipi->virq, t);
		else
			for (unsigned int k = i; k < next; k++)
				hwirqs[n++] = irqd_to_hwirq(irq_get_irq_data(sim.ipis[k]->virq));
		if (last->virq + last->nr_virqs - 1 > ipi->virq)
			printf("    virqs %u-%u", ipi->virq, last->virq + last->nr_virqs - 1);
		else
			printf("    virq %u", ipi->virq);
		sim_ranges_str(hwirqs, n, hw, sizeof(hw));
		printf(", hwirq%s %s: %s", strpbrk(hw, ",-") ? "s" : "", hw,
		       sim_targets_str(&ipi->targets, buf, sizeof(buf)));
		/* what a coprocessor must be told: ipi_get_hwirq() */
		for_each_cpu(t, &ipi->remotes)
			printf("; %s is told hwirq %lu", target_name(t),
			       ipi_get_hwirq(ipi->virq, t));
		printf("\n");
	}
	cores = sysconf(_SC_NPROCESSORS_ONLN);
	if (opts->mode == HOSTED_DELIVERY_POLL && cores > 0 && sim.nr_cpus + 1 > cores)
		printf("  note         poll mode, %u CPU threads on %ld cores: idle CPUs spin, so "
		       "latencies are the scheduler's\n",
		       sim.nr_cpus, cores);
	printf("\n");
}

/* ---- a workload's lines ------------------------------------------------------- */

static void sim_print_latency(const char *what, const struct sim_result *res)
{
	if (!res->samples)
		return;
	printf("%-11s%s: p50 %.1f us, p99 %.1f us, max %.1f us (%lu samples)\n", "", what,
	       (double)res->p50_ns / 1e3, (double)res->p99_ns / 1e3, (double)res->max_ns / 1e3,
	       res->samples);
}

void sim_print_result(enum sim_workload w, const struct sim_result *res)
{
	double secs = (double)res->elapsed_ns / 1e9;
	unsigned long pairs = sim.nr_cpus * (sim.nr_cpus - 1UL) / 2, news;

	printf("%-11s", sim_workload_names[w]);
	switch (w) {
	case SIM_PINGPONG:
		printf("%lu round trips between the %lu pairs of CPUs in turn, %.2f s: %lu IPIs, "
		       "%lu handler runs\n",
		       res->rounds, pairs, secs, res->sends, res->runs);
		sim_print_latency("one-way latency, send to handler", res);
		break;
	case SIM_BROADCAST:
		printf("%lu broadcasts from CPU%u (ipi_send_mask to the other CPUs, ipi_send_all "
		       "to every target), %.2f s: %lu deliveries, %lu handler runs\n",
		       res->rounds, cpumask_first(&sim.cpus), secs, res->deliveries, res->runs);
		sim_print_latency("one-way latency, send to handler", res);
		break;
	case SIM_STORM:
		/* a run that found a new send covers one or more of them */
		news = res->runs - res->stale;
		printf("%u CPU%s sending at once to random CPUs, %.2f s: %lu sends to %lu targets "
		       "(%.0f targets/s), %lu handler runs, %lu sends merged with one pending\n",
		       sim.nr_cpus, sim.nr_cpus == 1 ? "" : "s", secs, res->sends, res->deliveries,
		       secs > 0 ? (double)res->deliveries / secs : 0.0, res->runs,
		       res->deliveries > news ? res->deliveries - news : 0);
		break;
	case SIM_REMOTE:
		printf("%lu rounds of sends to the remote processors from each CPU in turn, %.2f s: "
		       "%lu sends to %lu targets, %lu CPU handler runs\n",
		       res->rounds, secs, res->sends, res->deliveries, res->runs);
		sim_print_latency("latency, send to the remote processor's count", res);
		if (res->stray)
			printf("BAD: remote: CPUs ran %lu handlers while IPIs were sent only to "
			       "remote processors\n",
			       res->stray);
		break;
	default:
		break;
	}
	if (res->lost)
		printf("%-11s%lu target%s never saw an IPI sent to it\n", "", res->lost,
		       res->lost == 1 ? "" : "s");
}

/* ---- the table -------------------------------------------------------------------- */

static unsigned int sim_digits(unsigned long v)
{
	unsigned int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* The target a per-CPU IPI's @index-th virq belongs to. */
static unsigned int sim_row_target(const struct sim_ipi *ipi, unsigned int index)
{
	unsigned int t;

	for_each_cpu(t, &ipi->targets)
		if (!index--)
			return t;
	return NR_TARGETS;
}

/* A remote processor's cell of a row: the raises, or -1 where the row cannot reach it. */
static long sim_remote_cell(const struct sim_ipi *ipi, unsigned int index, unsigned int remote)
{
	if (!cpumask_test_cpu(remote, &ipi->remotes))
		return -1;
	if (ipi->kind == SIM_IPI_PER_CPU && sim_row_target(ipi, index) != remote)
		return -1;
	return (long)atomic_load(&ipi->slot[remote].raises);
}

void sim_print_table(void)
{
	unsigned int width[NR_TARGETS], virq_width = 3, chip_width = 4, ctrl_width = 10, t;
	char buf[256];

	/* column widths: the header or the largest count */
	for_each_cpu(t, &sim.cpus) {
		snprintf(buf, sizeof(buf), "CPU%u", t);
		width[t] = (unsigned int)strlen(buf);
	}
	for_each_cpu(t, &sim.remotes)
		width[t] = (unsigned int)strlen(target_name(t));
	for (unsigned int i = 0; i < sim.nr_ipis; i++) {
		const struct sim_ipi *ipi = sim.ipis[i];

		for (unsigned int v = 0; v < ipi->nr_virqs; v++) {
			struct irq_data *data = irq_get_irq_data(ipi->virq + v);
			unsigned int n;

			if (sim_digits(ipi->virq + v) > virq_width)
				virq_width = sim_digits(ipi->virq + v);
			n = (unsigned int)strlen(irq_data_get_irq_chip(data)->name);
			chip_width = n > chip_width ? n : chip_width;
			n = (unsigned int)strlen(ipi->controller);
			ctrl_width = n > ctrl_width ? n : ctrl_width;
			for_each_cpu(t, &sim.cpus) {
				n = sim_digits(kstat_irqs_cpu(ipi->virq + v, t));
				width[t] = n > width[t] ? n : width[t];
			}
			for_each_cpu(t, &sim.remotes) {
				long cell = sim_remote_cell(ipi, v, t);

				n = cell < 0 ? 1 : sim_digits((unsigned long)cell);
				width[t] = n > width[t] ? n : width[t];
			}
		}
	}

	printf("%*s ", virq_width + 1, "");
	for_each_cpu(t, &sim.cpus) {
		snprintf(buf, sizeof(buf), "CPU%u", t);
		printf(" %*s", width[t], buf);
	}
	for_each_cpu(t, &sim.remotes)
		printf(" %*s", width[t], target_name(t));
	printf("  %-*s %5s  %-*s  %s\n", chip_width, "chip", "hwirq", ctrl_width, "controller",
	       "targets");

	for (unsigned int i = 0; i < sim.nr_ipis; i++) {
		const struct sim_ipi *ipi = sim.ipis[i];

		for (unsigned int v = 0; v < ipi->nr_virqs; v++) {
			unsigned int virq = ipi->virq + v;
			struct irq_data *data = irq_get_irq_data(virq);

			printf("%*u: ", virq_width, virq);
			for_each_cpu(t, &sim.cpus)
				printf(" %*u", width[t], kstat_irqs_cpu(virq, t));
			for_each_cpu(t, &sim.remotes) {
				long cell = sim_remote_cell(ipi, v, t);

				if (cell < 0)
					printf(" %*s", width[t], "-");
				else
					printf(" %*ld", width[t], cell);
			}
			printf("  %-*s %5lu  %-*s  ", chip_width, irq_data_get_irq_chip(data)->name,
			       irqd_to_hwirq(data), ctrl_width, ipi->controller);
			if (ipi->kind == SIM_IPI_PER_CPU)
				printf("%s\n", sim_targets_str(cpumask_of(sim_row_target(ipi, v)),
							       buf, sizeof(buf)));
			else
				printf("%s\n", sim_targets_str(&ipi->targets, buf, sizeof(buf)));
		}
	}
	printf("\nCPU columns: kstat_irqs_cpu(virq, cpu), the handler runs on that CPU.\n");
	if (!cpumask_empty(&sim.remotes))
		printf("Remote processor columns: the raises of its lines the sim saw that IPI "
		       "cause.\n");
	printf("An IPI sent to a CPU that has not yet taken the previous one merges with it.\n");
}

void sim_print_delivery(void)
{
	unsigned long sleeps = 0, wakeups = 0;
	struct hosted_target_state st;
	unsigned int t;

	for_each_cpu(t, &sim.cpus) {
		if (hosted_target_state(t, &st))
			continue;
		sleeps += st.sleeps;
		wakeups += st.wakeups;
	}
	printf("Idle CPUs slept %lu times on their futex; raisers made %lu wake-up calls.\n",
	       sleeps, wakeups);
}
