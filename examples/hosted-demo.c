// SPDX-License-Identifier: BSD-2-Clause
/*
 * hosted-demo: genipi end to end on a hosted machine, in one page.
 *
 * The machine is a set of CPU threads plus one remote processor, "rm" (a
 * core that runs none of our code, like the resource-manager core of a
 * Kalray cluster). It has two software IPI controllers:
 *
 *   swipi-percpu  one hwirq per target (like the MIPS GIC): a reservation
 *                 gets one virq per target;
 *   swipi-single  one hwirq for every target (like Kalray's IPI controller
 *                 or a GIC SGI): a reservation gets one virq.
 *
 * The demo reserves an IPI on each, requests a handler and enables it on
 * every CPU, has every CPU send single / mask / all IPIs, waits until each
 * target has seen each send, and prints a /proc/interrupts-style table.
 * It exits 1 if an IPI that was sent was not observed.
 *
 *   hosted-demo [--cpus N] [--mode poll|sleep|hybrid] [--rounds N]
 */
#define _POSIX_C_SOURCE 200809L

#include <genipi/genipi.h>
#include <genipi/hosted-swipi.h>
#include <genipi/hosted.h>

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEMO_DEFAULT_CPUS 8
#define DEMO_DEFAULT_ROUNDS 3
/* The single controller addresses hwids 0-31, and rm needs one of them. */
#define DEMO_MAX_CPUS (HOSTED_SWIPI_SINGLE_MAX_HWID - 1)
/* Kalray's resource-manager core is bit 16 of the IPI registers. */
#define DEMO_RM_HWID 16UL
/* How long a target may take to see an IPI before we call it lost. */
#define DEMO_TIMEOUT_NS (10ULL * 1000 * 1000 * 1000)

/* One per CPU (alloc_percpu()): what the handler of one IPI saw there. */
struct demo_stat {
	unsigned int owner;  /* the CPU this instance belongs to */
	unsigned long runs;  /* handler runs on this CPU */
	unsigned long seen;  /* the send sequence when the last run started */
	unsigned long wrong; /* runs with another CPU's instance */
};

/* One reserved IPI. */
struct demo_ipi {
	const char *name;
	bool per_cpu;
	unsigned int virq; /* the first virq of the reservation */
	unsigned int nr_virqs;
	struct cpumask targets;
	struct demo_stat *stat;
	/* send sequence per target, bumped before each send to it */
	unsigned long sent[NR_TARGETS];
	unsigned long sends; /* ipi_send_*() calls made */
};

static unsigned int demo_nr_cpus = DEMO_DEFAULT_CPUS;
static unsigned int demo_rounds = DEMO_DEFAULT_ROUNDS;
static enum hosted_delivery demo_mode = HOSTED_DELIVERY_SLEEP;
static unsigned int demo_rm;
static struct cpumask demo_cpus;
static struct demo_ipi demo_percpu = { .name = "demo-percpu", .per_cpu = true };
static struct demo_ipi demo_single = { .name = "demo-single", .per_cpu = false };
static unsigned long demo_failed_sends;

static const char *const demo_mode_names[] = {
	[HOSTED_DELIVERY_POLL] = "poll",
	[HOSTED_DELIVERY_SLEEP] = "sleep",
	[HOSTED_DELIVERY_HYBRID] = "hybrid",
};

/* ---- handlers and sending -------------------------------------------------- */

static irqreturn_t demo_handler(int irq, void *dev_id, struct demo_ipi *ipi)
{
	struct demo_stat *st = dev_id;
	unsigned int cpu = smp_processor_id();

	(void)irq;
	if (st->owner != cpu)
		__atomic_fetch_add(&st->wrong, 1, __ATOMIC_RELAXED);
	/* pairs with the release increment in demo_bump() */
	__atomic_store_n(&st->seen, __atomic_load_n(&ipi->sent[cpu], __ATOMIC_ACQUIRE),
			 __ATOMIC_RELEASE);
	/* only this CPU writes it */
	__atomic_store_n(&st->runs, __atomic_load_n(&st->runs, __ATOMIC_RELAXED) + 1,
			 __ATOMIC_RELEASE);
	return IRQ_HANDLED;
}

static irqreturn_t demo_percpu_handler(int irq, void *dev_id)
{
	return demo_handler(irq, dev_id, &demo_percpu);
}

static irqreturn_t demo_single_handler(int irq, void *dev_id)
{
	return demo_handler(irq, dev_id, &demo_single);
}

/* The virq @target receives @ipi on. */
static unsigned int demo_virq(const struct demo_ipi *ipi, unsigned int target)
{
	return ipi->per_cpu ? ipi->virq + target - cpumask_first(&ipi->targets) : ipi->virq;
}

/* The remote input line @ipi reaches rm on. */
static unsigned int demo_rm_line(const struct demo_ipi *ipi)
{
	if (ipi->per_cpu)
		return HOSTED_LINE_SWIPI;
	return HOSTED_LINE_SWIPI_SINGLE((unsigned int)ipi_get_hwirq(ipi->virq, demo_rm));
}

static void demo_bump(struct demo_ipi *ipi, const struct cpumask *dest)
{
	unsigned int t;

	for_each_cpu(t, dest)
		__atomic_fetch_add(&ipi->sent[t], 1, __ATOMIC_RELEASE);
}

static void demo_check_send(struct demo_ipi *ipi, int ret)
{
	__atomic_fetch_add(&ipi->sends, 1, __ATOMIC_RELAXED);
	if (ret)
		__atomic_fetch_add(&demo_failed_sends, 1, __ATOMIC_RELAXED);
}

/* On each CPU: one single, one mask and one "all" send per IPI. */
static void demo_send_from_cpu(void *arg)
{
	struct demo_ipi *ipis[] = { &demo_percpu, &demo_single };
	unsigned int cpu = smp_processor_id(), next = (cpu + 1) % demo_nr_cpus;
	struct cpumask half;

	(void)arg;
	/* the CPUs of our parity, and rm when the IPI reaches it */
	for (unsigned int i = 0; i < 2; i++) {
		struct demo_ipi *ipi = ipis[i];

		cpumask_clear(&half);
		for (unsigned int t = cpu % 2; t < demo_nr_cpus; t += 2)
			cpumask_set_cpu(t, &half);
		if (cpumask_test_cpu(demo_rm, &ipi->targets))
			cpumask_set_cpu(demo_rm, &half);

		demo_bump(ipi, cpumask_of(next));
		demo_check_send(ipi, ipi_send_single(ipi->virq, next));
		demo_bump(ipi, &half);
		demo_check_send(ipi, ipi_send_mask(ipi->virq, &half));
		demo_bump(ipi, &ipi->targets);
		demo_check_send(ipi, ipi_send_all(ipi->virq));
	}
}

static void demo_enable_on_cpu(void *arg)
{
	unsigned int cpu = smp_processor_id();

	(void)arg;
	enable_percpu_irq(demo_virq(&demo_percpu, cpu), IRQ_TYPE_NONE);
	enable_percpu_irq(demo_virq(&demo_single, cpu), IRQ_TYPE_NONE);
}

static void demo_disable_on_cpu(void *arg)
{
	unsigned int cpu = smp_processor_id();

	(void)arg;
	disable_percpu_irq(demo_virq(&demo_percpu, cpu));
	disable_percpu_irq(demo_virq(&demo_single, cpu));
}

/* ---- waiting --------------------------------------------------------------- */

static unsigned long long demo_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec;
}

/*
 * Wait until every CPU target of @ipi ran its handler after the last send
 * to it: "at least one run after the send", since sends to a CPU that has
 * not yet taken the previous one merge with it (a pending bit).
 */
static bool demo_wait_seen(struct demo_ipi *ipi)
{
	unsigned long long deadline = demo_now_ns() + DEMO_TIMEOUT_NS;
	unsigned int cpu;

	for_each_cpu(cpu, &ipi->targets) {
		struct demo_stat *st;
		unsigned long want;

		if (cpu >= demo_nr_cpus)
			break;
		st = per_cpu_ptr(ipi->stat, cpu);
		want = __atomic_load_n(&ipi->sent[cpu], __ATOMIC_ACQUIRE);
		while (__atomic_load_n(&st->seen, __ATOMIC_ACQUIRE) < want) {
			if (demo_now_ns() > deadline) {
				fprintf(stderr, "LOST: %s to CPU %u (sent %lu, seen %lu)\n",
					ipi->name, cpu, want,
					__atomic_load_n(&st->seen, __ATOMIC_ACQUIRE));
				return false;
			}
			sched_yield();
		}
	}
	return true;
}

static bool demo_wait_rm(const struct demo_ipi *ipi, unsigned long count)
{
	unsigned int line = demo_rm_line(ipi);

	if (hosted_remote_wait(demo_rm, line, count, DEMO_TIMEOUT_NS / 1000000)) {
		fprintf(stderr, "LOST: %s to rm (line %u: count %lu, expected %lu)\n", ipi->name,
			line, hosted_remote_count(demo_rm, line), count);
		return false;
	}
	return true;
}

/* ---- setting up -------------------------------------------------------------- */

static int demo_reserve(struct demo_ipi *ipi, const struct cpumask *targets, irq_handler_t handler)
{
	struct irq_domain *d = hosted_swipi_domain(ipi->per_cpu);
	unsigned int cpu;
	int virq, ret;

	virq = irq_reserve_ipi(d, targets);
	if (virq < 0) {
		fprintf(stderr, "irq_reserve_ipi(%s): %d\n", d->name, virq);
		return virq;
	}
	ipi->virq = (unsigned int)virq;
	ipi->nr_virqs = ipi->per_cpu ? cpumask_weight(targets) : 1;
	cpumask_copy(&ipi->targets, targets);
	ipi->stat = alloc_percpu(struct demo_stat);
	if (!ipi->stat)
		return -ENOMEM;
	for_each_cpu(cpu, &demo_cpus)
		per_cpu_ptr(ipi->stat, cpu)->owner = cpu;

	/* a per-CPU reservation has a virq per CPU; rm's has no handler */
	for_each_cpu(cpu, &demo_cpus) {
		if (!ipi->per_cpu && cpu > 0)
			break;
		ret = request_percpu_irq(demo_virq(ipi, cpu), handler, ipi->name, ipi->stat);
		if (ret) {
			fprintf(stderr, "request_percpu_irq(%u): %d\n", demo_virq(ipi, cpu), ret);
			return ret;
		}
	}
	return 0;
}

static void demo_release(struct demo_ipi *ipi)
{
	unsigned int cpu;

	for_each_cpu(cpu, &demo_cpus) {
		if (!ipi->per_cpu && cpu > 0)
			break;
		free_percpu_irq(demo_virq(ipi, cpu), ipi->stat);
	}
	irq_destroy_ipi(ipi->virq, &ipi->targets);
	free_percpu(ipi->stat);
}

/* ---- output ------------------------------------------------------------------- */

/* "CPU0-7 + rm" */
static const char *demo_targets_str(const struct cpumask *m, char *buf, size_t len)
{
	const char *rm = cpumask_test_cpu(demo_rm, m) ? " + rm" : "";

	if (demo_nr_cpus == 1)
		snprintf(buf, len, "CPU0%s", rm);
	else
		snprintf(buf, len, "CPU0-%u%s", demo_nr_cpus - 1, rm);
	return buf;
}

static void demo_print_row(const struct demo_ipi *ipi, unsigned int target)
{
	unsigned int virq = demo_virq(ipi, target), cpu;
	struct irq_data *data = irq_get_irq_data(virq);

	printf("%5u: ", virq);
	for_each_cpu(cpu, &demo_cpus)
		printf("%8u ", kstat_irqs_cpu(virq, cpu));
	/* rm's column: only where the virq reaches rm */
	if (cpumask_test_cpu(demo_rm, &ipi->targets) && (!ipi->per_cpu || target == demo_rm))
		printf("%8lu ", hosted_remote_count(demo_rm, demo_rm_line(ipi)));
	else
		printf("%8s ", "-");
	printf(" %-13s %5lu  %-13s %s", data->chip->name, irqd_to_hwirq(data), data->domain->name,
	       ipi->name);
	if (ipi->per_cpu)
		printf(target == demo_rm ? " (rm)" : " (CPU%u)", target);
	else
		printf(" (all)");
	printf("\n");
}

static void demo_print_table(void)
{
	unsigned int cpu, t;

	printf("\n%7s", "");
	for_each_cpu(cpu, &demo_cpus) {
		char name[16];

		snprintf(name, sizeof(name), "CPU%u", cpu);
		printf("%8s ", name);
	}
	printf("%8s  %-13s %5s  %-13s %s\n", "rm", "chip", "hwirq", "domain", "handler");
	for_each_cpu(t, &demo_percpu.targets)
		demo_print_row(&demo_percpu, t);
	demo_print_row(&demo_single, 0);
}

static void demo_usage(FILE *out, const char *prog)
{
	fprintf(out,
		"usage: %s [--cpus N] [--mode poll|sleep|hybrid] [--rounds N]\n"
		"\n"
		"Boots a hosted genipi machine (CPUs are threads) with a remote processor\n"
		"\"rm\", reserves a per-CPU IPI (CPUs + rm) and a single-hwirq IPI (CPUs),\n"
		"has every CPU send single / mask / all IPIs, and prints per-CPU counts\n"
		"like /proc/interrupts. Exits 1 if a sent IPI was not observed.\n"
		"\n"
		"  --cpus N     CPUs, 1-%u (default %u)\n"
		"  --mode M     how idle CPUs wait: poll (spin), sleep (futex) or hybrid\n"
		"               (spin, then sleep); default sleep\n"
		"  --rounds N   times every CPU sends, 1-1000000 (default %u)\n",
		prog, DEMO_MAX_CPUS, DEMO_DEFAULT_CPUS, DEMO_DEFAULT_ROUNDS);
}

/* Parse an unsigned option value in [min, max]; false if it is not one. */
static bool demo_parse_uint(const char *s, unsigned int min, unsigned int max, unsigned int *out)
{
	char *end;
	unsigned long v;

	if (!s || !*s)
		return false;
	v = strtoul(s, &end, 10);
	if (*end || v < min || v > max)
		return false;
	*out = (unsigned int)v;
	return true;
}

static int demo_parse_args(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		bool ok = true;

		if (!strcmp(opt, "--help") || !strcmp(opt, "-h")) {
			demo_usage(stdout, argv[0]);
			return 1;
		} else if (!strcmp(opt, "--cpus")) {
			ok = demo_parse_uint(val, 1,
					     DEMO_MAX_CPUS < NR_CPUS ? DEMO_MAX_CPUS : NR_CPUS,
					     &demo_nr_cpus);
			i++;
		} else if (!strcmp(opt, "--rounds")) {
			ok = demo_parse_uint(val, 1, 1000000, &demo_rounds);
			i++;
		} else if (!strcmp(opt, "--mode")) {
			ok = false;
			for (unsigned int m = 0; val && m < 3; m++) {
				if (!strcmp(val, demo_mode_names[m])) {
					demo_mode = (enum hosted_delivery)m;
					ok = true;
				}
			}
			i++;
		} else {
			fprintf(stderr, "%s: unknown option '%s'\n", argv[0], opt);
			demo_usage(stderr, argv[0]);
			return 2;
		}
		if (!ok) {
			fprintf(stderr, "%s: bad value for %s: '%s'\n", argv[0], opt,
				val ? val : "(missing)");
			demo_usage(stderr, argv[0]);
			return 2;
		}
	}
	return 0;
}

/* ---- the demo ------------------------------------------------------------------ */

/* Send from every CPU, round after round; false if an IPI got lost. */
static bool demo_send_rounds(void)
{
	unsigned long rm_percpu;
	unsigned int cpu;

	for (unsigned int round = 0; round < demo_rounds; round++) {
		for_each_cpu(cpu, &demo_cpus) {
			rm_percpu = hosted_remote_count(demo_rm, demo_rm_line(&demo_percpu));
			if (hosted_run_on_cpu(cpu, demo_send_from_cpu, NULL))
				return false;
			/* each of rm's IPIs was sent at least once by that CPU */
			if (!demo_wait_seen(&demo_percpu) || !demo_wait_seen(&demo_single) ||
			    !demo_wait_rm(&demo_percpu, rm_percpu + 1))
				return false;
		}
	}
	return true;
}

/* Every CPU ran each handler, kstat agrees, nobody got a wrong instance. */
static bool demo_check(const struct demo_ipi *ipi)
{
	bool ok = true;
	unsigned int cpu;

	for_each_cpu(cpu, &demo_cpus) {
		struct demo_stat *st = per_cpu_ptr(ipi->stat, cpu);
		unsigned long runs = __atomic_load_n(&st->runs, __ATOMIC_ACQUIRE);
		unsigned long wrong = __atomic_load_n(&st->wrong, __ATOMIC_RELAXED);
		unsigned int virq = demo_virq(ipi, cpu);

		if (!runs || wrong || kstat_irqs_cpu(virq, cpu) != runs) {
			fprintf(stderr,
				"BAD: %s on CPU %u: %lu runs, %lu with a wrong dev_id, kstat %u\n",
				ipi->name, cpu, runs, wrong, kstat_irqs_cpu(virq, cpu));
			ok = false;
		}
	}
	return ok;
}

int main(int argc, char **argv)
{
	struct hosted_machine_config cfg = { 0 };
	struct cpumask with_rm;
	unsigned long long start, elapsed;
	char buf[64];
	bool ok;
	int ret;

	ret = demo_parse_args(argc, argv);
	if (ret)
		return ret == 1 ? 0 : 2;

	cfg.nr_cpus = demo_nr_cpus;
	cfg.delivery = demo_mode;
	ret = hosted_machine_boot(&cfg);
	if (ret) {
		fprintf(stderr, "hosted_machine_boot: %d\n", ret);
		return 1;
	}
	/* rm takes bit 16 like Kalray's RM, or the first hwid after the CPUs */
	ret = hosted_remote_add("rm", demo_nr_cpus <= DEMO_RM_HWID ? DEMO_RM_HWID : demo_nr_cpus);
	if (ret < 0) {
		fprintf(stderr, "hosted_remote_add: %d\n", ret);
		goto err_shutdown;
	}
	demo_rm = (unsigned int)ret;
	cpumask_copy(&demo_cpus, cpu_possible_mask);
	cpumask_copy(&with_rm, &demo_cpus);
	cpumask_set_cpu(demo_rm, &with_rm);

	printf("genipi hosted demo\n\n");
	printf("  machine      %u CPU threads (delivery: %s) and remote processor \"rm\"\n"
	       "               (target %u, hwid %lu), which runs no genipi code\n",
	       demo_nr_cpus, demo_mode_names[demo_mode], demo_rm, target_hwid(demo_rm));

	if (demo_reserve(&demo_percpu, &with_rm, demo_percpu_handler) ||
	    demo_reserve(&demo_single, &demo_cpus, demo_single_handler))
		goto err_shutdown;
	if (hosted_run_on_cpus(&demo_cpus, demo_enable_on_cpu, NULL))
		goto err_shutdown;

	printf("  per-CPU IPI  virqs %u-%u on \"%s\": one virq and hwirq per target (%s)\n",
	       demo_percpu.virq, demo_percpu.virq + demo_percpu.nr_virqs - 1,
	       hosted_swipi_domain(true)->name, demo_targets_str(&with_rm, buf, sizeof(buf)));
	printf("  single IPI   virq %u on \"%s\": one virq, hwirq %lu for every target (%s)\n",
	       demo_single.virq, hosted_swipi_domain(false)->name,
	       ipi_get_hwirq(demo_single.virq, 0), demo_targets_str(&demo_cpus, buf, sizeof(buf)));
	printf("\n  What rm must be told (ipi_get_hwirq): the per-CPU IPI arrives as hwirq %lu\n",
	       ipi_get_hwirq(demo_percpu.virq, demo_rm));
	printf("  of swipi-percpu, routed to its hwid %lu.\n", target_hwid(demo_rm));

	printf("\n  Sending: %u round%s; in each, every CPU sends on both IPIs one\n"
	       "  ipi_send_single (to the next CPU), one ipi_send_mask (CPUs of its parity,\n"
	       "  plus rm on the per-CPU IPI) and one ipi_send_all, then waits until each\n"
	       "  target ran its handler after the send.\n",
	       demo_rounds, demo_rounds == 1 ? "" : "s");
	start = demo_now_ns();
	ok = demo_send_rounds();
	elapsed = demo_now_ns() - start;

	/* quiesce before reading the counts: no handler runs after this */
	if (hosted_run_on_cpus(&demo_cpus, demo_disable_on_cpu, NULL))
		ok = false;
	ok = ok && !demo_failed_sends;
	ok = demo_check(&demo_percpu) && ok;
	ok = demo_check(&demo_single) && ok;

	printf("\n  %lu sends in %.1f ms, %s\n", demo_percpu.sends + demo_single.sends,
	       (double)elapsed / 1e6,
	       ok ? "every one observed by its targets" : "SOME IPIs WERE NOT OBSERVED");
	demo_print_table();
	printf("\n  CPU columns are kstat_irqs_cpu(virq, cpu): handler runs on that CPU; the\n"
	       "  rm column counts raises of the line rm sees that IPI on. A send to a CPU\n"
	       "  that had not yet taken the previous one merges with it, so counts can be\n"
	       "  lower than the number of sends.\n");

	demo_release(&demo_percpu);
	demo_release(&demo_single);
	hosted_machine_shutdown();
	printf("\n%s\n", ok ? "OK" : "FAILED");
	return ok ? 0 : 1;

err_shutdown:
	hosted_machine_shutdown();
	return 1;
}
