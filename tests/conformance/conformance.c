// SPDX-License-Identifier: BSD-2-Clause
/*
 * The IPI conformance program (conformance.h says how a port runs it).
 *
 * Suites, each run on every subject it applies to, each a table of cases
 * with one behaviour per case:
 *
 *   boot      the call IPI reaches every CPU and runs there
 *   reserve   per IPI domain: reservations to all CPUs and to subsets
 *             (and to remote processors), their layout, request + enable
 *             on each CPU, every send flavour from the boot CPU and from
 *             every CPU, a partial destroy, the release
 *   fixed     the fixed IPIs the program does not use itself (a driver's,
 *             the multiplexer's): request, enable, every send flavour
 *   pingpong  a handler-driven chain between every ordered pair of CPUs
 *   storm     the multiplexer: many sends from the boot CPU, from every
 *             CPU at once, to all including the sender, and a masked
 *             virtual IPI that must stay pending until unmasked
 *   misuse    bad input to every public entry point returns the
 *             documented error and changes nothing
 *   release   everything reserved was given back
 *
 * The work reaches the other CPUs through the call IPI: each CPU has a
 * mailbox (function, argument, request and completion numbers); the boot
 * CPU fills mailboxes and sends the call IPI, whose handler runs the
 * function and publishes its completion, as Linux's
 * smp_call_function_single() does, with one caller.
 *
 * Delivery is never checked as "one handler run per send": an IPI is a
 * pending bit, and sends before the target took it merge. A sender
 * publishes a sequence number with release before it sends; every handler
 * run reads it with acquire and records the highest it saw; after the
 * sender's last send every target must record at least that number. A
 * handler also checks it got its own CPU's dev_id instance, runs for its
 * CPU's virq, with interrupts masked, and on a CPU the IPI was sent to.
 * Handlers record what is wrong (they never log: they run anywhere) and the
 * boot CPU reports it at the end of the case.
 *
 * No clock: every wait is a bounded number of relax iterations, and a wait
 * that runs out is a failure that names what it waited for.
 */
#include "conformance.h"

#include <genipi/cpumask.h>
#include <genipi/errno.h>
#include <genipi/ipi-mux.h>
#include <genipi/ipi.h>
#include <genipi/irq.h>
#include <genipi/irqchip.h>
#include <genipi/irqdomain.h>
#include <genipi/percpu.h>
#include <genipi/port.h>

#include <libfdt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- knobs ------------------------------------------------------------------ */

/*
 * Rounds: the default keeps a hosted run (TSan included) well under a
 * second; a build may set CONF_PINGPONG_ROUNDS and CONF_STORM_ROUNDS
 * itself (the QEMU images run more: cmake/baremetal.cmake).
 */
#define CONF_DEFAULT_PINGPONG_ROUNDS 8
#define CONF_DEFAULT_STORM_ROUNDS 200
#ifndef CONF_PINGPONG_ROUNDS
#define CONF_PINGPONG_ROUNDS CONF_DEFAULT_PINGPONG_ROUNDS /* round trips per ordered pair */
#endif
#ifndef CONF_STORM_ROUNDS
#define CONF_STORM_ROUNDS CONF_DEFAULT_STORM_ROUNDS /* sends per sender per storm */
#endif

/*
 * Relax iterations a wait may spend without progress before it fails:
 * seconds on the hosted port, tens of seconds under QEMU's TCG. Only a
 * failing run ever waits that long.
 */
#ifndef CONF_WAIT_SPINS
#define CONF_WAIT_SPINS 100000000UL
#endif

#define CONF_MAX_DOMAINS 8	 /* IPI domains looked at */
#define CONF_MAX_FIXED_GROUPS 4	 /* nodes with fixed IPIs looked at */
#define CONF_MAX_CAPACITY 64	 /* reservations tried when measuring a domain */
#define CONF_MUX_NR_IPI 8	 /* virtual IPIs of a multiplexer the program creates */
#define CONF_STORM_MAX_VIRQS 3	 /* virtual IPIs a storm rotates over */
#define CONF_MAX_TAKEN 8	 /* virqs the program keeps for itself */
#define CONF_PATH_LEN 80	 /* node paths in messages */
#define CONF_MAX_FAULT_NOTES 16	 /* handler faults kept with their details */
#define CONF_MAX_MISSING_NOTES 4 /* late deliveries reported per wait */

#define CONF_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- what a case reports ---------------------------------------------------- */

struct conf_tally {
	unsigned int passed, failed, skipped;
	unsigned long sends, checks;
};

static struct {
	const char *suite, *subject, *name;
	bool case_failed, case_skipped;
	unsigned long faults_reported;
	struct conf_tally suite_tally, total;
} conf_run;

/* The first failure of a case names it; later ones add their lines. */
static void conf_case_failed(void)
{
	if (!conf_run.case_failed)
		genipi_log("conformance: FAIL %s/%s on %s\n", conf_run.suite, conf_run.name,
			   conf_run.subject);
	conf_run.case_failed = true;
}

/* Fail the current case; the arguments are a genipi_log() line ending in "\n". */
#define conf_fail(...) (conf_case_failed(), genipi_log("conformance:   " __VA_ARGS__))

static void conf_case_skipped(void)
{
	if (!conf_run.case_skipped)
		genipi_log("conformance: skip %s/%s on %s\n", conf_run.suite, conf_run.name,
			   conf_run.subject);
	conf_run.case_skipped = true;
}

/* Skip the current case: it does not apply to this machine; the reason as for conf_fail(). */
#define conf_skip(...) (conf_case_skipped(), genipi_log("conformance:   " __VA_ARGS__))

/* An entry point's return value must be @want. */
static bool conf_expect_ret(long got, long want, const char *what)
{
	if (got == want)
		return true;
	conf_fail("%s returned %ld, expected %ld\n", what, got, want);
	return false;
}

/* ---- what handlers report ------------------------------------------------------- */

struct conf_fault {
	const char *what;
	unsigned int virq, cpu;
	unsigned long detail;
	bool ready;
};

static struct conf_fault conf_faults[CONF_MAX_FAULT_NOTES];
static unsigned long conf_nr_faults;

/* Record a violation seen in a handler, on any CPU; the boot CPU reports it. */
static void conf_handler_fault(const char *what, int virq, unsigned int cpu, unsigned long detail)
{
	unsigned long n = __atomic_fetch_add(&conf_nr_faults, 1, __ATOMIC_RELAXED);
	struct conf_fault *f;

	if (n >= CONF_MAX_FAULT_NOTES)
		return;
	f = &conf_faults[n];
	f->what = what;
	f->virq = (unsigned int)virq;
	f->cpu = cpu;
	f->detail = detail;
	/* release: the fields before the flag; pairs with the acquire in conf_report_faults() */
	__atomic_store_n(&f->ready, true, __ATOMIC_RELEASE);
}

/* Fail the current case for every handler fault recorded since the last report. */
static void conf_report_faults(void)
{
	unsigned long n = __atomic_load_n(&conf_nr_faults, __ATOMIC_RELAXED);

	for (unsigned long i = conf_run.faults_reported; i < n; i++) {
		const struct conf_fault *f = &conf_faults[i];

		if (i >= CONF_MAX_FAULT_NOTES) {
			conf_fail("%lu more handler faults (details not kept)\n", n - i);
			break;
		}
		if (!__atomic_load_n(&f->ready, __ATOMIC_ACQUIRE)) {
			conf_fail("a handler fault still being recorded\n");
			continue;
		}
		conf_fail("handler of virq %u on CPU %u: %s (%lu)\n", f->virq, f->cpu, f->what,
			  f->detail);
	}
	conf_run.faults_reported = n;
}

/* ---- suites and cases ------------------------------------------------------------ */

static void conf_suite_begin(const char *suite, const char *subject)
{
	conf_run.suite = suite;
	conf_run.subject = subject;
	memset(&conf_run.suite_tally, 0, sizeof(conf_run.suite_tally));
}

static void conf_suite_end(void)
{
	struct conf_tally *t = &conf_run.suite_tally;

	genipi_log("conformance: %s on %s: %u cases: %u passed, %u failed, %u skipped; %lu sends, "
		   "%lu deliveries checked\n",
		   conf_run.suite, conf_run.subject, t->passed + t->failed + t->skipped, t->passed,
		   t->failed, t->skipped, t->sends, t->checks);
	conf_run.total.passed += t->passed;
	conf_run.total.failed += t->failed;
	conf_run.total.skipped += t->skipped;
	conf_run.total.sends += t->sends;
	conf_run.total.checks += t->checks;
}

static void conf_case_begin(const char *name)
{
	conf_run.name = name;
	conf_run.case_failed = false;
	conf_run.case_skipped = false;
}

static void conf_case_end(void)
{
	conf_report_faults();
	if (conf_run.case_failed)
		conf_run.suite_tally.failed++;
	else if (conf_run.case_skipped)
		conf_run.suite_tally.skipped++;
	else
		conf_run.suite_tally.passed++;
}

/* ---- waiting ----------------------------------------------------------------------- */

/*
 * An interrupt window, then a relax hint. main runs with interrupts
 * enabled: on hardware they arrive at any instruction, but the hosted port
 * takes them only at interrupt points, and a port_irq_restore() that
 * leaves them enabled is one. This pair is one on every port.
 */
static void conf_relax(void)
{
	unsigned long flags;

	local_irq_save(flags);
	local_irq_restore(flags);
	port_cpu_relax();
}

/*
 * Wait until @cond(@arg) holds, spending at most CONF_WAIT_SPINS relax
 * iterations without progress. @progress (may be NULL) is a word that
 * changes while the awaited work advances: each change renews the budget.
 */
static bool conf_wait(bool (*cond)(const void *arg), const void *arg, const unsigned long *progress)
{
	unsigned long spins = 0, last = progress ? __atomic_load_n(progress, __ATOMIC_RELAXED) : 0;

	while (!cond(arg)) {
		if (progress) {
			unsigned long now = __atomic_load_n(progress, __ATOMIC_RELAXED);

			if (now != last) {
				last = now;
				spins = 0;
			}
		}
		if (++spins >= CONF_WAIT_SPINS)
			return cond(arg);
		conf_relax();
	}
	return true;
}

/* ---- the machine ------------------------------------------------------------------- */

struct conf_domain {
	struct irq_domain *d;
	char path[CONF_PATH_LEN];
	bool per_cpu;
	unsigned int capacity; /* single-target reservations it took at setup (at most MAX) */
	int full_ret;	       /* what the reservation after the last one returned */
	unsigned int infra;    /* hwirqs the program's own IPIs hold for good */
};

struct conf_fixed_group {
	unsigned int first, nr;
	char path[CONF_PATH_LEN];
};

static unsigned int conf_boot_cpu;
static struct conf_domain conf_domains[CONF_MAX_DOMAINS];
static unsigned int conf_nr_domains;
static struct conf_fixed_group conf_fixed[CONF_MAX_FIXED_GROUPS];
static unsigned int conf_nr_fixed_groups;
static struct irq_domain *conf_non_ipi_domain;
static char conf_non_ipi_path[CONF_PATH_LEN];
static struct cpumask conf_remotes; /* the registered remote processors */

/* Copy a string into a CONF_PATH_LEN buffer, cut if it is longer. */
static void conf_copy_path(char *dst, const char *src)
{
	size_t len = strlen(src);

	if (len > CONF_PATH_LEN - 1)
		len = CONF_PATH_LEN - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* A node's path for messages, or a placeholder. */
static void conf_node_path(const void *fdt, int node, char *buf)
{
	if (fdt_get_path(fdt, node, buf, CONF_PATH_LEN) < 0)
		conf_copy_path(buf, "(a node whose path is too long)");
}

/* True if @mask has a hole between its first and last target. */
static bool conf_mask_has_holes(const struct cpumask *mask)
{
	unsigned int first = cpumask_first(mask), gap;

	if (first >= NR_TARGETS)
		return false;
	gap = cpumask_next_zero((int)first, mask);
	return gap < NR_TARGETS && cpumask_next((int)gap, mask) < NR_TARGETS;
}

/* The CPUs of the machine other than @cpu. */
static void conf_others(struct cpumask *mask, unsigned int cpu)
{
	cpumask_andnot(mask, cpu_online_mask, cpumask_of(cpu));
}

/* ---- an IPI under test --------------------------------------------------------------- */

struct conf_ipi;

/* One CPU's instance of an IPI's dev_id: what its handler runs on that CPU saw. */
struct conf_pcpu {
	struct conf_ipi *ipi;
	unsigned int cpu;
	unsigned int kstat_base;     /* kstat_irqs_cpu() of its virq when requested */
	unsigned long runs;	     /* handler runs on this CPU since */
	unsigned long stale;	     /* runs before anything was sent (see conf_stale_run()) */
	unsigned long seen;	     /* the highest ipi->seq a run here read */
	unsigned long from[NR_CPUS]; /* storm: the highest ipi->pub[s] a run here read */
};

/*
 * The ping-pong state of an IPI: the ball is the number of the hop in
 * flight and the CPU it is sent to, in one word so a handler reads both at
 * once.
 */
#define CONF_PP_NOBODY 0xffffUL
#define CONF_PP_BALL(hop, cpu) (((unsigned long)(hop) << 16) | (cpu))
#define CONF_PP_HOP(ball) ((ball) >> 16)
#define CONF_PP_HOLDER(ball) ((ball)&0xffffUL)

struct conf_pingpong {
	unsigned int a, b;
	unsigned long hops;
	unsigned long ball;
	unsigned long done;
};

/*
 * struct conf_ipi - a reservation, a fixed IPI or a multiplexer virq
 * @virq:     the first virq; a per-CPU reservation has one per target,
 *            target t's is @virq + t - @offset
 * @targets:  the reserved targets (a fixed IPI: its affinity)
 * @cpus:     the targets that are CPUs: where handlers are requested
 * @enabled:  the CPUs where it is enabled
 * @allowed:  the CPUs it was sent to: where its handler may run
 * @seq:      the last sequence number published by a sender
 * @expect:   the sequence number each CPU must see (set by the senders)
 * @pub:      storm: the last sequence number each CPU published
 * @sent_to:  storm: where each CPU sent during the case
 */
struct conf_ipi {
	struct irq_domain *domain;
	unsigned int virq, offset;
	struct cpumask targets, cpus, enabled, allowed;
	bool per_cpu, reserved, requested;
	struct conf_pcpu *pcpu;
	unsigned long seq;
	unsigned long expect[NR_CPUS];
	unsigned long pub[NR_CPUS];
	struct cpumask sent_to[NR_CPUS];
	struct conf_pingpong pp;
};

static unsigned int conf_ipi_virq_of(const struct conf_ipi *ipi, unsigned int target)
{
	return ipi->per_cpu ? ipi->virq + target - ipi->offset : ipi->virq;
}

/* A virq of the reservation whose target is still reserved. */
static unsigned int conf_ipi_any_virq(const struct conf_ipi *ipi)
{
	return conf_ipi_virq_of(ipi, cpumask_first(&ipi->targets));
}

static struct conf_pcpu *conf_ipi_pcpu(const struct conf_ipi *ipi, unsigned int cpu)
{
	return per_cpu_ptr(ipi->pcpu, cpu);
}

static void conf_ipi_set_targets(struct conf_ipi *ipi, const struct cpumask *targets)
{
	cpumask_copy(&ipi->targets, targets);
	cpumask_and(&ipi->cpus, targets, cpu_possible_mask);
}

/* Reserve @mask on @domain into a fresh @ipi. Returns irq_reserve_ipi()'s result. */
static int conf_ipi_reserve(struct conf_ipi *ipi, struct irq_domain *domain,
			    const struct cpumask *mask)
{
	int ret;

	memset(ipi, 0, sizeof(*ipi));
	ipi->domain = domain;
	ipi->per_cpu = irq_domain_is_ipi_per_cpu(domain);
	conf_ipi_set_targets(ipi, mask);
	ret = irq_reserve_ipi(domain, mask);
	if (ret > 0) {
		ipi->virq = (unsigned int)ret;
		ipi->offset = cpumask_first(mask);
		ipi->reserved = true;
	}
	return ret;
}

/* A fixed IPI (a driver's or a multiplexer's virq) into a fresh @ipi. */
static int conf_ipi_fixed(struct conf_ipi *ipi, unsigned int virq)
{
	struct irq_data *data = irq_get_irq_data(virq);

	memset(ipi, 0, sizeof(*ipi));
	if (!data || !(irq_get_status_flags(virq) & IRQ_IS_IPI))
		return -EINVAL;
	ipi->domain = data->domain;
	ipi->per_cpu = irq_domain_is_ipi_per_cpu(data->domain);
	ipi->virq = ipi->per_cpu ? data->common->ipi_base : virq;
	ipi->offset = data->common->ipi_offset;
	conf_ipi_set_targets(ipi, irq_data_get_affinity_mask(data));
	return 0;
}

static irqreturn_t conf_never_handler(int irq, void *dev_id)
{
	(void)dev_id;
	conf_handler_fault("a handler that must never run ran", irq, smp_processor_id(), 0);
	return IRQ_HANDLED;
}

/* Request @handler with @dev_id on each CPU target's virq (per-CPU) or on the one virq. */
static int conf_ipi_request_dev(struct conf_ipi *ipi, irq_handler_t handler, void *dev_id)
{
	unsigned int cpu, undo;
	int ret;

	for_each_cpu(cpu, &ipi->cpus) {
		ret = request_percpu_irq(conf_ipi_virq_of(ipi, cpu), handler, "conformance",
					 dev_id);
		if (ret)
			goto err_free;
		if (!ipi->per_cpu)
			break;
	}
	ipi->requested = !cpumask_empty(&ipi->cpus);
	return 0;

err_free:
	for_each_cpu(undo, &ipi->cpus) {
		if (undo == cpu)
			break;
		free_percpu_irq(conf_ipi_virq_of(ipi, undo), dev_id);
	}
	return ret;
}

/* Undo conf_ipi_request_dev(). */
static void conf_ipi_free_dev(struct conf_ipi *ipi, void *dev_id)
{
	unsigned int cpu;

	if (!ipi->requested)
		return;
	for_each_cpu(cpu, &ipi->cpus) {
		free_percpu_irq(conf_ipi_virq_of(ipi, cpu), dev_id);
		if (!ipi->per_cpu)
			break;
	}
	ipi->requested = false;
}

/* Request @handler with fresh per-CPU instances as dev_id. */
static int conf_ipi_request(struct conf_ipi *ipi, irq_handler_t handler)
{
	unsigned int cpu;
	int ret;

	ipi->pcpu = alloc_percpu(struct conf_pcpu);
	if (!ipi->pcpu)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct conf_pcpu *pc = conf_ipi_pcpu(ipi, cpu);

		pc->ipi = ipi;
		pc->cpu = cpu;
		/* the count lives as long as the virq, across requests */
		if (cpumask_test_cpu(cpu, &ipi->cpus))
			pc->kstat_base = kstat_irqs_cpu(conf_ipi_virq_of(ipi, cpu), cpu);
	}
	ret = conf_ipi_request_dev(ipi, handler, ipi->pcpu);
	if (ret) {
		free_percpu(ipi->pcpu);
		ipi->pcpu = NULL;
	}
	return ret;
}

/* ---- the call IPI -------------------------------------------------------------------- */

/*
 * struct conf_call_slot - a CPU's mailbox
 * @fn, @arg: what to run; written by the boot CPU before it bumps @req
 * @req:      calls made: the boot CPU's release, the handler's acquire
 * @done:     calls run: the handler's release, the boot CPU's acquire
 */
struct conf_call_slot {
	unsigned int cpu;
	void (*fn)(void *arg);
	void *arg;
	unsigned long req;
	unsigned long done;
};

static struct conf_call_slot *conf_call_slots;
static struct conf_ipi conf_call_ipi;
static bool conf_call_broken;

static irqreturn_t conf_call_handler(int irq, void *dev_id)
{
	struct conf_call_slot *slot = dev_id;
	unsigned int cpu = smp_processor_id();
	unsigned long req;

	if (slot->cpu != cpu) {
		conf_handler_fault("call IPI: another CPU's mailbox", irq, cpu, slot->cpu);
		return IRQ_HANDLED;
	}
	/* acquire: pairs with the release in conf_call_on(), so fn and arg are the new ones */
	req = __atomic_load_n(&slot->req, __ATOMIC_ACQUIRE);
	if (req == __atomic_load_n(&slot->done, __ATOMIC_RELAXED))
		return IRQ_HANDLED; /* merged with an earlier call IPI, or spurious */
	slot->fn(slot->arg);
	/* release: what fn did before the completion (acquire in conf_call_done()) */
	__atomic_store_n(&slot->done, req, __ATOMIC_RELEASE);
	return IRQ_HANDLED;
}

static bool conf_call_done(const void *arg)
{
	const struct conf_call_slot *slot = arg;

	/* acquire: pairs with the release in conf_call_handler() */
	return __atomic_load_n(&slot->done, __ATOMIC_ACQUIRE) ==
	       __atomic_load_n(&slot->req, __ATOMIC_RELAXED);
}

/*
 * Run @fn(@arg) on every CPU of @cpus and wait for all of them: in the call
 * IPI's handler on the others, directly (interrupts masked, as there) on
 * the calling CPU. Boot CPU only. Returns 0 or a negative errno; a CPU that
 * never ran it fails the case and ends all further calls (its mailbox may
 * still be read).
 */
static int conf_call_on(const struct cpumask *cpus, void (*fn)(void *arg), void *arg)
{
	unsigned int self = smp_processor_id(), cpu;
	struct conf_call_slot *slot;
	struct cpumask others;
	unsigned long flags;
	int ret = 0;

	if (conf_call_broken) {
		conf_fail("the call IPI was lost earlier: the other CPUs cannot be driven\n");
		return -ETIMEDOUT;
	}
	cpumask_andnot(&others, cpus, cpumask_of(self));
	for_each_cpu(cpu, &others) {
		slot = per_cpu_ptr(conf_call_slots, cpu);
		slot->fn = fn;
		slot->arg = arg;
		/* release: fn and arg before the request (acquire in conf_call_handler()) */
		__atomic_store_n(&slot->req, __atomic_load_n(&slot->req, __ATOMIC_RELAXED) + 1,
				 __ATOMIC_RELEASE);
	}
	if (!cpumask_empty(&others)) {
		ret = ipi_send_mask(conf_ipi_any_virq(&conf_call_ipi), &others);
		if (ret) {
			conf_fail("ipi_send_mask() of the call IPI returned %d\n", ret);
			conf_call_broken = true;
			return ret;
		}
	}
	if (cpumask_test_cpu(self, cpus)) {
		local_irq_save(flags);
		fn(arg);
		local_irq_restore(flags);
	}
	for_each_cpu(cpu, &others) {
		slot = per_cpu_ptr(conf_call_slots, cpu);
		if (!conf_wait(conf_call_done, slot, NULL)) {
			conf_fail("waited for CPU %u to run call #%lu (call IPI virq %u): it never "
				  "did, the call IPI was lost\n",
				  cpu, __atomic_load_n(&slot->req, __ATOMIC_RELAXED),
				  conf_ipi_virq_of(&conf_call_ipi, cpu));
			conf_call_broken = true;
			ret = -ETIMEDOUT;
		}
	}
	return ret;
}

static int conf_call_on_cpu(unsigned int cpu, void (*fn)(void *arg), void *arg)
{
	return conf_call_on(cpumask_of(cpu), fn, arg);
}

static void conf_enable_fn(void *arg)
{
	struct conf_ipi *ipi = arg;
	unsigned int cpu = smp_processor_id();

	enable_percpu_irq(conf_ipi_virq_of(ipi, cpu), IRQ_TYPE_NONE);
	cpumask_set_cpu(cpu, &ipi->enabled);
}

static void conf_disable_fn(void *arg)
{
	struct conf_ipi *ipi = arg;
	unsigned int cpu = smp_processor_id();

	disable_percpu_irq(conf_ipi_virq_of(ipi, cpu));
	cpumask_clear_cpu(cpu, &ipi->enabled);
}

static int conf_ipi_enable(struct conf_ipi *ipi, const struct cpumask *cpus)
{
	return conf_call_on(cpus, conf_enable_fn, ipi);
}

static int conf_ipi_disable(struct conf_ipi *ipi, const struct cpumask *cpus)
{
	return conf_call_on(cpus, conf_disable_fn, ipi);
}

static void conf_nothing_fn(void *arg)
{
	(void)arg;
}

/*
 * Give an IPI back: disable it on every CPU, check the core's counts
 * against its handler's, free the handlers, destroy the reservation.
 */
static void conf_ipi_release(struct conf_ipi *ipi)
{
	struct cpumask enabled;
	unsigned int cpu;
	int ret;

	cpumask_copy(&enabled, &ipi->enabled);
	if (!cpumask_empty(&enabled) && conf_ipi_disable(ipi, &enabled))
		return; /* a CPU may still run its handler: keep everything */
	if (ipi->requested && ipi->pcpu) {
		/* disabled everywhere: the counts no longer move */
		for_each_cpu(cpu, &ipi->cpus) {
			const struct conf_pcpu *pc = conf_ipi_pcpu(ipi, cpu);
			unsigned int virq = conf_ipi_virq_of(ipi, cpu);
			unsigned long runs = __atomic_load_n(&pc->runs, __ATOMIC_ACQUIRE) +
					     __atomic_load_n(&pc->stale, __ATOMIC_ACQUIRE);
			unsigned int kstat = kstat_irqs_cpu(virq, cpu) - pc->kstat_base;

			if (kstat != (unsigned int)runs)
				conf_fail(
					"kstat_irqs_cpu(%u, %u) grew by %u, the handler counted %lu "
					"runs\n",
					virq, cpu, kstat, runs);
		}
	}
	conf_ipi_free_dev(ipi, ipi->pcpu);
	if (ipi->reserved) {
		ret = irq_destroy_ipi(conf_ipi_any_virq(ipi), &ipi->targets);
		conf_expect_ret(ret, 0, "irq_destroy_ipi(the whole reservation)");
		ipi->reserved = false;
	}
	free_percpu(ipi->pcpu);
	ipi->pcpu = NULL;
}

/* ---- sending and checking delivery ------------------------------------------------------ */

enum conf_op {
	CONF_SEND_SINGLE,      /* ipi_send_single() to each target of dest */
	CONF_SEND_MASK,	       /* ipi_send_mask(dest) */
	CONF_SEND_ALL,	       /* ipi_send_all(): dest must be the reservation */
	CONF_SEND_FAST_SINGLE, /* __ipi_send_single() to each target of dest */
	CONF_SEND_FAST_MASK,   /* __ipi_send_mask(dest) */
	CONF_NR_OPS,
};

static const char *const conf_op_names[CONF_NR_OPS] = {
	[CONF_SEND_SINGLE] = "ipi_send_single",	   [CONF_SEND_MASK] = "ipi_send_mask",
	[CONF_SEND_ALL] = "ipi_send_all",	   [CONF_SEND_FAST_SINGLE] = "__ipi_send_single",
	[CONF_SEND_FAST_MASK] = "__ipi_send_mask",
};

/* Perform @op on @virq to @dest; 0 or the first error. */
static int conf_do_send(unsigned int virq, enum conf_op op, const struct cpumask *dest)
{
	struct irq_desc *desc = irq_to_desc(virq);
	unsigned int t;
	int ret = 0;

	switch (op) {
	case CONF_SEND_SINGLE:
		for_each_cpu(t, dest)
			if (!ret)
				ret = ipi_send_single(virq, t);
		break;
	case CONF_SEND_MASK:
		ret = ipi_send_mask(virq, dest);
		break;
	case CONF_SEND_ALL:
		ret = ipi_send_all(virq);
		break;
	case CONF_SEND_FAST_SINGLE:
		for_each_cpu(t, dest)
			if (!ret)
				ret = __ipi_send_single(desc, t);
		break;
	case CONF_SEND_FAST_MASK:
		ret = __ipi_send_mask(desc, dest);
		break;
	default:
		ret = -EINVAL;
		break;
	}
	return ret;
}

/*
 * Send @ipi to @dest with @op from the calling CPU (any CPU: the boot CPU,
 * or another in its call handler): publish a new sequence number, then
 * send; every CPU in @dest must see at least that number. Returns the
 * send's result.
 */
static int conf_send(struct conf_ipi *ipi, enum conf_op op, const struct cpumask *dest)
{
	struct cpumask cpus;
	unsigned long seq;
	unsigned int t;
	int ret;

	cpumask_and(&cpus, dest, &ipi->cpus);
	for_each_cpu(t, &cpus)
		cpumask_set_cpu(t, &ipi->allowed);
	/* release: the allowed bits before the number (acquire in conf_probe_handler()) */
	seq = __atomic_add_fetch(&ipi->seq, 1, __ATOMIC_RELEASE);
	ret = conf_do_send(conf_ipi_any_virq(ipi), op, dest);
	if (ret)
		return ret;
	/* expect[] is read by the boot CPU after this call returned to it */
	for_each_cpu(t, &cpus)
		if (ipi->expect[t] < seq)
			ipi->expect[t] = seq;
	return 0;
}

static irqreturn_t conf_probe_handler(int irq, void *dev_id);

/* Checks every handler makes on the CPU it runs on; false: do nothing more. */
static bool conf_handler_sane(const struct conf_pcpu *pc, int irq, unsigned int cpu)
{
	if (pc->cpu != cpu) {
		conf_handler_fault("got another CPU's dev_id instance (its CPU in detail)", irq,
				   cpu, pc->cpu);
		return false;
	}
	if ((unsigned int)irq != conf_ipi_virq_of(pc->ipi, cpu))
		conf_handler_fault("ran for a virq that is not this CPU's (that one in detail)",
				   irq, cpu, conf_ipi_virq_of(pc->ipi, cpu));
	if (!irqs_disabled())
		conf_handler_fault("runs with interrupts enabled", irq, cpu, 0);
	return true;
}

/*
 * A run before anything was sent through this IPI: a pending bit its virq
 * or hwirq kept from its previous user (the multiplexer keeps a masked
 * vIPI pending and delivers it on unmask; an SGI or an IMSIC identity
 * stays pending while disabled). An earlier case waited only until each
 * target had seen its last number, which a run may see before the bit of
 * that last send is claimed, so such a bit can outlive the case. Counted
 * apart, not as a run of this IPI; a run after the first send still has
 * to be where the IPI was sent.
 */
static void conf_stale_run(struct conf_pcpu *pc)
{
	__atomic_store_n(&pc->stale, __atomic_load_n(&pc->stale, __ATOMIC_RELAXED) + 1,
			 __ATOMIC_RELEASE);
}

/* The handler of the reserve, fixed and misuse suites. */
static irqreturn_t conf_probe_handler(int irq, void *dev_id)
{
	struct conf_pcpu *pc = dev_id;
	unsigned int cpu = smp_processor_id();
	struct conf_ipi *ipi = pc->ipi;
	unsigned long seq;

	if (!conf_handler_sane(pc, irq, cpu))
		return IRQ_HANDLED;
	/* acquire: pairs with the sender's release in conf_send() */
	seq = __atomic_load_n(&ipi->seq, __ATOMIC_ACQUIRE);
	if (!seq) {
		conf_stale_run(pc);
		return IRQ_HANDLED;
	}
	if (!cpumask_test_cpu(cpu, &ipi->allowed))
		conf_handler_fault("ran on a CPU the IPI was not sent to (sequence in detail)", irq,
				   cpu, seq);
	/*
	 * Count the run before publishing what it saw: a boot CPU that saw
	 * the number (conf_seen()) then finds the run counted, and a later
	 * count is a later run (conf_victim_unchanged()).
	 */
	__atomic_store_n(&pc->runs, __atomic_load_n(&pc->runs, __ATOMIC_RELAXED) + 1,
			 __ATOMIC_RELAXED);
	/* release: pairs with the acquire in conf_seen(); orders the count too */
	if (seq > __atomic_load_n(&pc->seen, __ATOMIC_RELAXED))
		__atomic_store_n(&pc->seen, seq, __ATOMIC_RELEASE);
	return IRQ_HANDLED;
}

struct conf_seen_arg {
	const struct conf_ipi *ipi;
	unsigned int cpu;
};

static bool conf_seen(const void *arg)
{
	const struct conf_seen_arg *s = arg;

	/* acquire: pairs with the release in conf_probe_handler() */
	return __atomic_load_n(&conf_ipi_pcpu(s->ipi, s->cpu)->seen, __ATOMIC_ACQUIRE) >=
	       s->ipi->expect[s->cpu];
}

/* Wait until every CPU saw what was sent to it; false (and a failure) if one never did. */
static bool conf_wait_delivered(struct conf_ipi *ipi, const char *what)
{
	unsigned int cpu, late = 0;

	for_each_cpu(cpu, &ipi->cpus) {
		struct conf_seen_arg s = { ipi, cpu };

		if (!ipi->expect[cpu])
			continue;
		conf_run.suite_tally.checks++;
		if (conf_wait(conf_seen, &s, NULL))
			continue;
		if (late++ < CONF_MAX_MISSING_NOTES)
			conf_fail("after %s, waited for CPU %u to run the handler of virq %u after "
				  "send #%lu: the last run it had saw #%lu (an IPI was lost)\n",
				  what, cpu, conf_ipi_virq_of(ipi, cpu), ipi->expect[cpu],
				  __atomic_load_n(&conf_ipi_pcpu(ipi, cpu)->seen,
						  __ATOMIC_ACQUIRE));
	}
	return !late;
}

/* Send from the boot CPU and wait for every CPU of @dest to see it. */
static bool conf_deliver(struct conf_ipi *ipi, enum conf_op op, const struct cpumask *dest)
{
	int ret = conf_send(ipi, op, dest);

	conf_run.suite_tally.sends++;
	if (ret) {
		conf_fail("%s(virq %u) returned %d for a valid send\n", conf_op_names[op],
			  conf_ipi_any_virq(ipi), ret);
		return false;
	}
	return conf_wait_delivered(ipi, conf_op_names[op]);
}

struct conf_remote_send {
	struct conf_ipi *ipi;
	enum conf_op op;
	struct cpumask dest;
	int ret;
};

static void conf_send_fn(void *arg)
{
	struct conf_remote_send *rs = arg;

	rs->ret = conf_send(rs->ipi, rs->op, &rs->dest);
}

/* Send from CPU @from (in its call handler) and wait for delivery. */
static bool conf_deliver_from(unsigned int from, struct conf_ipi *ipi, enum conf_op op,
			      const struct cpumask *dest)
{
	struct conf_remote_send rs = { .ipi = ipi, .op = op };

	cpumask_copy(&rs.dest, dest);
	if (conf_call_on_cpu(from, conf_send_fn, &rs))
		return false;
	conf_run.suite_tally.sends++;
	if (rs.ret) {
		conf_fail("%s(virq %u) on CPU %u returned %d for a valid send\n", conf_op_names[op],
			  conf_ipi_any_virq(ipi), from, rs.ret);
		return false;
	}
	return conf_wait_delivered(ipi, conf_op_names[op]);
}

/*
 * Every send flavour to @ipi's targets: to each target alone, to the whole
 * reservation, to every other CPU target, the fast paths, and from every
 * CPU. Handlers must run exactly where sent (the allowed check).
 */
static void conf_send_every_way(struct conf_ipi *ipi)
{
	struct cpumask alternate;
	unsigned int t, i = 0;

	for_each_cpu(t, &ipi->targets)
		if (!conf_deliver(ipi, CONF_SEND_SINGLE, cpumask_of(t)))
			return;
	if (!conf_deliver(ipi, CONF_SEND_MASK, &ipi->targets))
		return;
	if (cpumask_subset(cpu_online_mask, &ipi->targets) &&
	    !conf_deliver(ipi, CONF_SEND_MASK, cpu_online_mask))
		return;
	cpumask_clear(&alternate);
	for_each_cpu(t, &ipi->cpus)
		if (i++ % 2)
			cpumask_set_cpu(t, &alternate);
	if (!cpumask_empty(&alternate) && !conf_deliver(ipi, CONF_SEND_MASK, &alternate))
		return;
	if (!conf_deliver(ipi, CONF_SEND_ALL, &ipi->targets) ||
	    !conf_deliver(ipi, CONF_SEND_FAST_SINGLE, &ipi->targets) ||
	    !conf_deliver(ipi, CONF_SEND_FAST_MASK, &ipi->targets))
		return;
	for_each_online_cpu(t) {
		if (t == conf_boot_cpu)
			continue;
		if (!conf_deliver_from(t, ipi, CONF_SEND_MASK, &ipi->targets) ||
		    !conf_deliver_from(t, ipi, CONF_SEND_SINGLE, &ipi->targets))
			return;
	}
}

/* ---- the multiplexer ------------------------------------------------------------------- */

static struct conf_ipi conf_parent; /* the parent of a multiplexer the program made */
static struct irq_desc *conf_parent_desc;
static bool conf_own_mux, conf_mux_exists;
static unsigned int conf_mux_first, conf_nr_mux;
static unsigned int conf_taken[CONF_MAX_TAKEN]; /* virqs the program keeps for itself */
static unsigned int conf_nr_taken;

static bool conf_virq_taken(unsigned int virq)
{
	for (unsigned int i = 0; i < conf_nr_taken; i++)
		if (conf_taken[i] == virq)
			return true;
	return false;
}

static void conf_take_virq(unsigned int virq)
{
	if (conf_nr_taken < CONF_MAX_TAKEN)
		conf_taken[conf_nr_taken++] = virq;
}

/* A suite is done with a virq it took: give it back for the next. */
static void conf_untake_virq(unsigned int virq)
{
	for (unsigned int i = 0; i < conf_nr_taken; i++) {
		if (conf_taken[i] == virq) {
			conf_taken[i] = conf_taken[--conf_nr_taken];
			return;
		}
	}
}

/* The multiplexer's mux_send: the parent IPI to @target, through the arch fast path. */
static void conf_mux_send(unsigned int target)
{
	__ipi_send_single(conf_parent_desc, target);
}

/* The parent IPI's handler: the flow handler acknowledged the parent already. */
static irqreturn_t conf_mux_parent_handler(int irq, void *dev_id)
{
	(void)irq;
	(void)dev_id;
	ipi_mux_process();
	return IRQ_HANDLED;
}

/* The domain the multiplexer's parent costs least on: single-hwirq first. */
static struct conf_domain *conf_parent_domain(void)
{
	struct conf_domain *per_cpu = NULL;

	for (unsigned int i = 0; i < conf_nr_domains; i++) {
		struct conf_domain *cd = &conf_domains[i];

		if (!cd->per_cpu && cd->capacity >= 1)
			return cd;
		if (cd->per_cpu && cd->capacity >= nr_cpu_ids && !per_cpu)
			per_cpu = cd;
	}
	return per_cpu;
}

/*
 * Make sure there is a multiplexer, and know its virqs: try to create one
 * over an IPI of ours (a reservation to every CPU, else the last fixed
 * IPI); -EEXIST means a driver made one, whose virqs are the first fixed
 * IPIs.
 */
static int conf_mux_setup(void)
{
	struct conf_domain *host = conf_parent_domain();
	void *dev_id;
	int ret;

	if (host) {
		ret = conf_ipi_reserve(&conf_parent, host->d, cpu_possible_mask);
		if (ret < 0) {
			genipi_log(
				"conformance: setup: cannot reserve the multiplexer's parent on %s "
				"(%d)\n",
				host->path, ret);
			return ret;
		}
	} else if (conf_nr_fixed_groups) {
		const struct conf_fixed_group *g = &conf_fixed[conf_nr_fixed_groups - 1];

		ret = conf_ipi_fixed(&conf_parent, g->first + g->nr - 1);
		if (ret)
			return ret;
	} else {
		genipi_log("conformance: setup: no IPI domain and no fixed IPI: nothing to test\n");
		return -ENODEV;
	}
	/* any per-CPU storage does as dev_id: the handler does not use it */
	dev_id = conf_call_slots;
	ret = conf_ipi_request_dev(&conf_parent, conf_mux_parent_handler, dev_id);
	if (ret) {
		genipi_log("conformance: setup: cannot request the multiplexer's parent virq %u "
			   "(%d)\n",
			   conf_parent.virq, ret);
		goto err_destroy;
	}
	conf_parent_desc = irq_to_desc(conf_ipi_any_virq(&conf_parent));
	ret = ipi_mux_create(CONF_MUX_NR_IPI, conf_mux_send);
	if (ret > 0) {
		conf_own_mux = conf_mux_exists = true;
		conf_mux_first = (unsigned int)ret;
		conf_nr_mux = CONF_MUX_NR_IPI;
		if (host)
			host->infra += conf_parent.per_cpu ? cpumask_weight(&conf_parent.cpus) : 1;
		conf_take_virq(conf_parent.virq);
		return 0;
	}

	conf_ipi_free_dev(&conf_parent, dev_id);
	if (ret != -EEXIST) {
		genipi_log("conformance: setup: ipi_mux_create() returned %d\n", ret);
		goto err_destroy;
	}
	conf_mux_exists = true;
	if (conf_nr_fixed_groups) {
		conf_mux_first = conf_fixed[0].first;
		conf_nr_mux = conf_fixed[0].nr;
	}
	ret = 0;
err_destroy:
	if (conf_parent.reserved)
		irq_destroy_ipi(conf_parent.virq, &conf_parent.targets);
	memset(&conf_parent, 0, sizeof(conf_parent));
	return ret;
}

/* The call IPI: the first multiplexer virq the program can request, else a reservation. */
static int conf_call_setup(void)
{
	int ret;

	for (unsigned int i = 0; i < conf_nr_mux; i++) {
		ret = conf_ipi_fixed(&conf_call_ipi, conf_mux_first + i);
		if (!ret && !cpumask_subset(cpu_possible_mask, &conf_call_ipi.cpus))
			ret = -EINVAL; /* it must reach every CPU */
		if (!ret)
			ret = conf_ipi_request_dev(&conf_call_ipi, conf_call_handler,
						   conf_call_slots);
		if (!ret) {
			conf_take_virq(conf_call_ipi.virq);
			return 0;
		}
	}
	for (unsigned int i = 0; i < conf_nr_domains; i++) {
		struct conf_domain *cd = &conf_domains[i];
		unsigned int need = cd->per_cpu ? nr_cpu_ids : 1;

		if (cd->capacity < cd->infra + need)
			continue;
		ret = conf_ipi_reserve(&conf_call_ipi, cd->d, cpu_possible_mask);
		if (ret < 0)
			continue;
		ret = conf_ipi_request_dev(&conf_call_ipi, conf_call_handler, conf_call_slots);
		if (ret) {
			irq_destroy_ipi(conf_call_ipi.virq, &conf_call_ipi.targets);
			continue;
		}
		cd->infra += need;
		conf_take_virq(conf_call_ipi.virq);
		return 0;
	}
	genipi_log("conformance: setup: no IPI to every CPU can carry the call IPI\n");
	return -ENODEV;
}

/* ---- setup ------------------------------------------------------------------------------ */

/* Fill @d with reservations to CPU 0 until it refuses; returns how many it took. */
static unsigned int conf_fill_domain(struct irq_domain *d, unsigned int *virqs, int *last_ret)
{
	unsigned int n = 0;
	int ret = 0;

	while (n < CONF_MAX_CAPACITY) {
		ret = irq_reserve_ipi(d, cpumask_of(0));
		if (ret <= 0)
			break;
		virqs[n++] = (unsigned int)ret;
	}
	*last_ret = ret;
	return n;
}

/* Destroy what conf_fill_domain() reserved; returns how many destroys failed. */
static unsigned int conf_empty_domain(const unsigned int *virqs, unsigned int n)
{
	unsigned int bad = 0;

	while (n--)
		if (irq_destroy_ipi(virqs[n], cpumask_of(0)))
			bad++;
	return bad;
}

static void conf_add_domain(struct irq_domain *d, const char *path)
{
	struct conf_domain *cd;
	unsigned int virqs[CONF_MAX_CAPACITY];

	for (unsigned int i = 0; i < conf_nr_domains; i++)
		if (conf_domains[i].d == d)
			return; /* nodes may share a domain */
	if (conf_nr_domains == CONF_MAX_DOMAINS)
		return;
	cd = &conf_domains[conf_nr_domains++];
	cd->d = d;
	cd->per_cpu = irq_domain_is_ipi_per_cpu(d);
	conf_copy_path(cd->path, path);
	cd->capacity = conf_fill_domain(d, virqs, &cd->full_ret);
	conf_empty_domain(virqs, cd->capacity);
}

/* The IPI domains, fixed IPIs and a domain that is not an IPI domain, from the tree. */
static void conf_find_ipis(const void *fdt)
{
	static const enum irq_domain_bus_token other_tokens[] = { DOMAIN_BUS_WIRED,
								  DOMAIN_BUS_NEXUS,
								  DOMAIN_BUS_ANY };
	char path[CONF_PATH_LEN];
	int node, depth = 0;

	for (node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		struct irq_domain *d = irqchip_fdt_domain(fdt, node, DOMAIN_BUS_IPI);
		unsigned int nr = 0;
		int first;

		conf_node_path(fdt, node, path);
		if (d && irq_domain_is_ipi(d))
			conf_add_domain(d, path);
		first = irqchip_fdt_ipi_virqs(fdt, node, &nr);
		if (first > 0 && nr && conf_nr_fixed_groups < CONF_MAX_FIXED_GROUPS) {
			struct conf_fixed_group *g = &conf_fixed[conf_nr_fixed_groups++];

			g->first = (unsigned int)first;
			g->nr = nr;
			conf_copy_path(g->path, path);
		}
		for (unsigned int i = 0; i < CONF_ARRAY_SIZE(other_tokens) && !conf_non_ipi_domain;
		     i++) {
			d = irqchip_fdt_domain(fdt, node, other_tokens[i]);
			if (d && !irq_domain_is_ipi(d)) {
				conf_non_ipi_domain = d;
				conf_copy_path(conf_non_ipi_path, path);
			}
		}
	}
	cpumask_clear(&conf_remotes);
	for (unsigned int t = nr_cpu_ids; t < nr_target_ids; t++)
		if (target_is_remote(t))
			cpumask_set_cpu(t, &conf_remotes);
}

/* How many more hwirqs a reservation may take on @cd, the program's own IPIs reserved. */
static unsigned int conf_domain_room(const struct conf_domain *cd)
{
	if (cd->capacity >= CONF_MAX_CAPACITY)
		return ~0U; /* more than the program measures: plenty */
	return cd->capacity > cd->infra ? cd->capacity - cd->infra : 0;
}

/* "@prefix@n" into @buf, for the names of cases and subjects. */
static const char *conf_numbered(char *buf, size_t len, const char *prefix, unsigned int n)
{
	char digits[12];
	size_t i = 0, at = strlen(prefix);

	do {
		digits[i++] = (char)('0' + n % 10);
		n /= 10;
	} while (n && i < sizeof(digits));
	if (at > len - 1)
		at = len - 1;
	memcpy(buf, prefix, at);
	while (i && at < len - 1)
		buf[at++] = digits[--i];
	buf[at] = '\0';
	return buf;
}

int conformance_setup(const void *fdt)
{
	unsigned int cpu;
	int ret;

	if (!fdt)
		return -EINVAL;
	conf_call_slots = alloc_percpu(struct conf_call_slot);
	if (!conf_call_slots)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		per_cpu_ptr(conf_call_slots, cpu)->cpu = cpu;

	conf_find_ipis(fdt);
	for (unsigned int i = 0; i < conf_nr_domains; i++)
		genipi_log("conformance: IPI domain of %s: %s, room for %u%s single-target "
			   "reservations (the next one: %d)\n",
			   conf_domains[i].path,
			   conf_domains[i].per_cpu ? "per-CPU" : "single-hwirq",
			   conf_domains[i].capacity,
			   conf_domains[i].capacity == CONF_MAX_CAPACITY ? " or more" : "",
			   conf_domains[i].full_ret);
	for (unsigned int i = 0; i < conf_nr_fixed_groups; i++)
		genipi_log("conformance: fixed IPIs of %s: virqs %u-%u\n", conf_fixed[i].path,
			   conf_fixed[i].first, conf_fixed[i].first + conf_fixed[i].nr - 1);
	if (conf_non_ipi_domain)
		genipi_log("conformance: not an IPI domain, for misuse: that of %s\n",
			   conf_non_ipi_path);

	ret = conf_mux_setup();
	if (ret)
		return ret;
	if (conf_own_mux)
		genipi_log(
			"conformance: multiplexer: made by the program, virqs %u-%u over virq %u\n",
			conf_mux_first, conf_mux_first + conf_nr_mux - 1, conf_parent.virq);
	else if (conf_nr_mux)
		genipi_log("conformance: multiplexer: a driver's, virqs %u-%u\n", conf_mux_first,
			   conf_mux_first + conf_nr_mux - 1);
	else
		genipi_log("conformance: multiplexer: a driver's, its virqs unknown\n");

	ret = conf_call_setup();
	if (ret)
		return ret;
	genipi_log("conformance: call IPI: virq %u; %u CPUs, %u remote processors\n",
		   conf_call_ipi.virq, nr_cpu_ids, cpumask_weight(&conf_remotes));
	return 0;
}

int conformance_cpu_starting(unsigned int cpu)
{
	if (cpu >= nr_cpu_ids || cpu != smp_processor_id())
		return -EINVAL;
	if (!conf_call_ipi.requested)
		return -ENODEV;
	if (conf_own_mux)
		conf_enable_fn(&conf_parent);
	conf_enable_fn(&conf_call_ipi);
	return 0;
}

/* ---- suite: boot ----------------------------------------------------------------------- */

static unsigned int conf_ran_on[NR_CPUS];

/* Record, in the slot of the CPU it runs on, that it ran there (CPU + 1: 0 is "never"). */
static void conf_whoami_fn(void *arg)
{
	unsigned int cpu = smp_processor_id();

	(void)arg;
	if (cpu < NR_CPUS)
		__atomic_store_n(&conf_ran_on[cpu], cpu + 1, __ATOMIC_RELAXED);
}

static void conf_clear_ran_on(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		__atomic_store_n(&conf_ran_on[cpu], 0, __ATOMIC_RELAXED);
}

static void conf_boot_suite(void)
{
	unsigned int cpu, other;

	conf_suite_begin("boot", "the machine");

	conf_case_begin("every_cpu_online");
	if (!cpumask_equal(cpu_online_mask, cpu_possible_mask))
		conf_fail("%u CPUs possible, %u online\n", cpumask_weight(cpu_possible_mask),
			  cpumask_weight(cpu_online_mask));
	if (conf_boot_cpu != 0)
		conf_fail("main runs on CPU %u, not the boot CPU 0\n", conf_boot_cpu);
	conf_case_end();

	conf_case_begin("call_runs_on_the_cpu_called");
	for_each_online_cpu(cpu) {
		conf_clear_ran_on();
		if (conf_call_on_cpu(cpu, conf_whoami_fn, NULL))
			break;
		conf_run.suite_tally.checks++;
		for_each_online_cpu(other)
			if (__atomic_load_n(&conf_ran_on[other], __ATOMIC_RELAXED) !=
			    (other == cpu ? other + 1 : 0))
				conf_fail("a call to CPU %u: CPU %u %s\n", cpu, other,
					  other == cpu ? "did not run it" : "ran it too");
	}
	conf_case_end();

	conf_case_begin("call_reaches_every_cpu_at_once");
	conf_clear_ran_on();
	if (!conf_call_on(cpu_online_mask, conf_whoami_fn, NULL)) {
		for_each_online_cpu(cpu) {
			conf_run.suite_tally.checks++;
			if (__atomic_load_n(&conf_ran_on[cpu], __ATOMIC_RELAXED) != cpu + 1)
				conf_fail("a call to every CPU did not run on CPU %u\n", cpu);
		}
	}
	conf_case_end();

	conf_suite_end();
}

/* ---- suite: reserve ------------------------------------------------------------------- */

static struct conf_ipi conf_case_ipi;

struct conf_mask_case {
	const char *name;
	bool (*build)(struct cpumask *mask); /* false: the machine has no such set */
};

static bool conf_mask_all_cpus(struct cpumask *m)
{
	cpumask_copy(m, cpu_possible_mask);
	return true;
}

static bool conf_mask_boot_cpu(struct cpumask *m)
{
	cpumask_clear(m);
	cpumask_set_cpu(conf_boot_cpu, m);
	return true;
}

static bool conf_mask_last_cpu(struct cpumask *m)
{
	cpumask_clear(m);
	cpumask_set_cpu(nr_cpu_ids - 1, m);
	return nr_cpu_ids > 1;
}

static bool conf_mask_stride(struct cpumask *m, unsigned int first)
{
	cpumask_clear(m);
	for (unsigned int cpu = first; cpu < nr_cpu_ids; cpu += 2)
		cpumask_set_cpu(cpu, m);
	return true;
}

static bool conf_mask_odd_cpus(struct cpumask *m)
{
	return conf_mask_stride(m, 1) && nr_cpu_ids > 1;
}

static bool conf_mask_even_cpus(struct cpumask *m)
{
	return conf_mask_stride(m, 0) && nr_cpu_ids > 2;
}

static bool conf_mask_all_but_boot(struct cpumask *m)
{
	cpumask_andnot(m, cpu_possible_mask, cpumask_of(conf_boot_cpu));
	return !cpumask_empty(m);
}

static bool conf_mask_upper_half(struct cpumask *m)
{
	cpumask_clear(m);
	for (unsigned int cpu = nr_cpu_ids / 2; cpu < nr_cpu_ids; cpu++)
		cpumask_set_cpu(cpu, m);
	return nr_cpu_ids > 3;
}

static bool conf_mask_last_cpu_and_remotes(struct cpumask *m)
{
	cpumask_copy(m, &conf_remotes);
	cpumask_set_cpu(nr_cpu_ids - 1, m);
	return !cpumask_empty(&conf_remotes);
}

static bool conf_mask_remotes_only(struct cpumask *m)
{
	cpumask_copy(m, &conf_remotes);
	return !cpumask_empty(&conf_remotes);
}

static bool conf_mask_all_targets(struct cpumask *m)
{
	cpumask_or(m, cpu_possible_mask, &conf_remotes);
	return !cpumask_empty(&conf_remotes);
}

static const struct conf_mask_case conf_reserve_cases[] = {
	{ "all_cpus", conf_mask_all_cpus },
	{ "boot_cpu_only", conf_mask_boot_cpu },
	{ "last_cpu_only", conf_mask_last_cpu },
	{ "odd_cpus", conf_mask_odd_cpus },
	{ "even_cpus", conf_mask_even_cpus },
	{ "all_but_boot_cpu", conf_mask_all_but_boot },
	{ "upper_half", conf_mask_upper_half },
	{ "last_cpu_and_remotes", conf_mask_last_cpu_and_remotes },
	{ "remotes_only", conf_mask_remotes_only },
	{ "all_targets", conf_mask_all_targets },
};

/*
 * A fresh reservation's layout: every target has a virq that is an IPI
 * with the reserved mask as affinity and a hwirq (one for all in a
 * single-hwirq domain, one each in a per-CPU domain); other targets have
 * none; remote targets cannot be requested.
 */
static void conf_check_layout(const struct conf_ipi *ipi)
{
	irq_hw_number_t first_hwirq = INVALID_HWIRQ;
	unsigned int t, u, outside;

	for_each_cpu(t, &ipi->targets) {
		unsigned int virq = conf_ipi_virq_of(ipi, t);
		struct irq_data *data = irq_get_irq_data(virq);
		irq_hw_number_t hwirq = ipi_get_hwirq(ipi->virq, t);

		if (!data || !(irq_get_status_flags(virq) & IRQ_IS_IPI)) {
			conf_fail("virq %u of target %u is not an IPI\n", virq, t);
			continue;
		}
		if (!cpumask_equal(irq_data_get_affinity_mask(data), &ipi->targets))
			conf_fail("the affinity of virq %u is not the reserved mask\n", virq);
		if (hwirq == INVALID_HWIRQ) {
			conf_fail("ipi_get_hwirq(%u, %u) is INVALID_HWIRQ for a reserved target\n",
				  ipi->virq, t);
			continue;
		}
		if (!ipi->per_cpu && first_hwirq != INVALID_HWIRQ && hwirq != first_hwirq)
			conf_fail("single-hwirq IPI: target %u has hwirq %lu, the first %lu\n", t,
				  hwirq, first_hwirq);
		if (first_hwirq == INVALID_HWIRQ)
			first_hwirq = hwirq;
		if (ipi->per_cpu) {
			for_each_cpu(u, &ipi->targets) {
				if (u >= t)
					break;
				if (ipi_get_hwirq(ipi->virq, u) == hwirq)
					conf_fail("per-CPU IPI: targets %u and %u share hwirq %lu\n",
						  u, t, hwirq);
			}
		}
		if (target_is_remote(t) && (ipi->per_cpu || cpumask_empty(&ipi->cpus)) &&
		    !(irq_get_status_flags(virq) & IRQ_NOREQUEST))
			conf_fail("virq %u of remote processor %u can be requested\n", virq, t);
	}
	outside = cpumask_next_zero(-1, &ipi->targets);
	if (outside < nr_target_ids && ipi_get_hwirq(ipi->virq, outside) != INVALID_HWIRQ)
		conf_fail("ipi_get_hwirq(%u, %u) gives a hwirq to a target outside the "
			  "reservation\n",
			  ipi->virq, outside);
}

/* No handler can be requested for a remote processor's part of a reservation. */
static void conf_check_remote_request(const struct conf_ipi *ipi)
{
	unsigned int t;

	for_each_cpu(t, &ipi->targets) {
		unsigned int virq = conf_ipi_virq_of(ipi, t);
		int ret;

		if (!target_is_remote(t) || (!ipi->per_cpu && !cpumask_empty(&ipi->cpus)))
			continue;
		ret = request_percpu_irq(virq, conf_never_handler, "conformance", conf_call_slots);
		if (!conf_expect_ret(ret, -EINVAL,
				     "request_percpu_irq(a remote processor's IPI)") &&
		    !ret)
			free_percpu_irq(virq, conf_call_slots);
		if (!ipi->per_cpu)
			break;
	}
}

/* A destroyed IPI sends nothing and has no hwirq. */
static void conf_check_gone(unsigned int virq, unsigned int target)
{
	conf_expect_ret(ipi_send_single(virq, target), -EINVAL,
			"ipi_send_single() on a destroyed IPI");
	if (ipi_get_hwirq(virq, target) != INVALID_HWIRQ)
		conf_fail("ipi_get_hwirq(%u, %u) still gives a hwirq after irq_destroy_ipi()\n",
			  virq, target);
}

/* Reserve @mask on @cd, check it, use it every way, release it. */
static void conf_exercise(struct conf_domain *cd, const struct cpumask *mask)
{
	struct conf_ipi *ipi = &conf_case_ipi;
	unsigned int first, virq;
	int ret = conf_ipi_reserve(ipi, cd->d, mask);

	if (ret <= 0) {
		conf_fail("irq_reserve_ipi() of %u targets returned %d\n", cpumask_weight(mask),
			  ret);
		return;
	}
	conf_check_layout(ipi);
	conf_check_remote_request(ipi);
	if (!cpumask_empty(&ipi->cpus)) {
		ret = conf_ipi_request(ipi, conf_probe_handler);
		if (ret)
			conf_fail("request_percpu_irq() of virq %u returned %d\n", ipi->virq, ret);
		else if (!conf_ipi_enable(ipi, &ipi->cpus))
			conf_send_every_way(ipi);
	} else {
		/* only remote processors: the sends go out, nothing of ours runs */
		for (unsigned int op = 0; op < CONF_NR_OPS; op++) {
			conf_run.suite_tally.sends++;
			ret = conf_do_send(ipi->virq, (enum conf_op)op, &ipi->targets);
			if (ret)
				conf_fail("%s(virq %u) to remote processors returned %d\n",
					  conf_op_names[op], ipi->virq, ret);
		}
	}
	first = cpumask_first(&ipi->targets);
	virq = conf_ipi_any_virq(ipi);
	conf_ipi_release(ipi);
	if (!ipi->reserved && !conf_call_broken)
		conf_check_gone(virq, first);
}

static void conf_reserve_case(struct conf_domain *cd, const struct conf_mask_case *mc)
{
	struct cpumask mask;
	unsigned int need;
	int ret;

	conf_case_begin(mc->name);
	if (!mc->build(&mask)) {
		conf_skip("this machine has no such set of targets\n");
	} else if (cd->per_cpu && conf_mask_has_holes(&mask)) {
		/* a per-CPU reservation's virqs are consecutive: holes are refused */
		ret = irq_reserve_ipi(cd->d, &mask);
		if (ret > 0)
			irq_destroy_ipi((unsigned int)ret, &mask);
		conf_expect_ret(ret, -EINVAL, "irq_reserve_ipi(a mask with holes, per-CPU domain)");
	} else {
		need = cd->per_cpu ? cpumask_weight(&mask) : 1;
		if (need > conf_domain_room(cd))
			conf_skip(
				"needs %u hwirqs, the domain has %u beside the program's own IPIs\n",
				need, conf_domain_room(cd));
		else
			conf_exercise(cd, &mask);
	}
	conf_case_end();
}

/* Each CPU alone, in turn: the reservation reaches that CPU and no other. */
static void conf_every_cpu_alone_case(struct conf_domain *cd)
{
	unsigned int cpu;

	conf_case_begin("every_cpu_alone");
	for_each_possible_cpu(cpu) {
		if (conf_run.case_failed)
			break;
		conf_exercise(cd, cpumask_of(cpu));
	}
	conf_case_end();
}

/*
 * irq_destroy_ipi() of one target: it is no longer sent to and has no
 * hwirq, the others still work, and destroying it again is refused.
 */
static void conf_destroy_part_case(struct conf_domain *cd)
{
	struct conf_ipi *ipi = &conf_case_ipi;
	unsigned int last = nr_cpu_ids - 1, any;
	struct cpumask all;
	int ret;

	conf_case_begin("destroy_part_keeps_the_rest");
	if (nr_cpu_ids < 2 || (cd->per_cpu ? nr_cpu_ids : 1) > conf_domain_room(cd)) {
		conf_skip("needs 2 CPUs and room for a reservation to all of them\n");
		goto out;
	}
	ret = conf_ipi_reserve(ipi, cd->d, cpu_possible_mask);
	if (ret <= 0) {
		conf_fail("irq_reserve_ipi(every CPU) returned %d\n", ret);
		goto out;
	}
	ret = conf_ipi_request(ipi, conf_probe_handler);
	if (ret) {
		conf_fail("request_percpu_irq() of virq %u returned %d\n", ipi->virq, ret);
		goto release;
	}
	if (conf_ipi_enable(ipi, &ipi->cpus) || conf_ipi_disable(ipi, cpumask_of(last)))
		goto release;
	if (ipi->per_cpu)
		free_percpu_irq(conf_ipi_virq_of(ipi, last), ipi->pcpu);
	any = conf_ipi_virq_of(ipi, 0);
	ret = irq_destroy_ipi(any, cpumask_of(last));
	if (!conf_expect_ret(ret, 0, "irq_destroy_ipi(the last CPU only)")) {
		if (ipi->per_cpu) /* keep the bookkeeping true: it is requested again */
			request_percpu_irq(conf_ipi_virq_of(ipi, last), conf_probe_handler,
					   "conformance", ipi->pcpu);
		goto release;
	}
	cpumask_copy(&all, &ipi->targets);
	cpumask_clear_cpu(last, &ipi->targets);
	cpumask_clear_cpu(last, &ipi->cpus);

	conf_expect_ret(ipi_send_single(any, last), -EINVAL, "ipi_send_single(a destroyed target)");
	conf_expect_ret(ipi_send_mask(any, &all), -EINVAL,
			"ipi_send_mask(the old mask, with a destroyed target)");
	if (ipi_get_hwirq(any, last) != INVALID_HWIRQ)
		conf_fail("ipi_get_hwirq() still gives a destroyed target a hwirq\n");
	if (!cpumask_equal(irq_data_get_affinity_mask(irq_get_irq_data(any)), &ipi->targets))
		conf_fail("the affinity of virq %u still holds the destroyed target\n", any);
	if (conf_deliver(ipi, CONF_SEND_MASK, &ipi->targets))
		conf_deliver(ipi, CONF_SEND_ALL, &ipi->targets);
	conf_expect_ret(irq_destroy_ipi(any, cpumask_of(last)), -EINVAL,
			"irq_destroy_ipi() of a target destroyed already");
release:
	conf_ipi_release(ipi);
out:
	conf_case_end();
}

static void conf_reserve_suite(struct conf_domain *cd)
{
	conf_suite_begin("reserve", cd->path);
	for (unsigned int i = 0; i < CONF_ARRAY_SIZE(conf_reserve_cases); i++)
		conf_reserve_case(cd, &conf_reserve_cases[i]);
	conf_every_cpu_alone_case(cd);
	conf_destroy_part_case(cd);
	conf_suite_end();
}

/* ---- suite: fixed ---------------------------------------------------------------------- */

/* Request, enable and send every way on a fixed IPI or a spare multiplexer virq. */
static void conf_fixed_case(unsigned int virq)
{
	struct conf_ipi *ipi = &conf_case_ipi;
	char name[24];
	int ret;

	if (conf_virq_taken(virq))
		return; /* the program's own: the call IPI, the multiplexer's parent */
	conf_case_begin(conf_numbered(name, sizeof(name), "virq_", virq));
	if (conf_ipi_fixed(ipi, virq)) {
		conf_fail("virq %u is not an IPI\n", virq);
		goto out;
	}
	if (cpumask_empty(&ipi->cpus)) {
		conf_skip("virq %u reaches no CPU\n", virq);
		goto out;
	}
	ret = conf_ipi_request(ipi, conf_probe_handler);
	if (ret == -EBUSY) {
		conf_skip("virq %u has a handler already (the port's or a driver's)\n", virq);
		goto out;
	}
	if (ret) {
		conf_fail("request_percpu_irq() of virq %u returned %d\n", virq, ret);
		goto out;
	}
	if (!conf_ipi_enable(ipi, &ipi->cpus))
		conf_send_every_way(ipi);
	conf_ipi_release(ipi);
out:
	conf_case_end();
}

static void conf_fixed_suite(void)
{
	for (unsigned int g = 0; g < conf_nr_fixed_groups; g++) {
		conf_suite_begin("fixed", conf_fixed[g].path);
		for (unsigned int i = 0; i < conf_fixed[g].nr; i++)
			conf_fixed_case(conf_fixed[g].first + i);
		conf_suite_end();
	}
	if (conf_own_mux) {
		conf_suite_begin("fixed", "the program's multiplexer");
		for (unsigned int i = 0; i < conf_nr_mux; i++)
			conf_fixed_case(conf_mux_first + i);
		conf_suite_end();
	}
}

/* ---- suite: pingpong ------------------------------------------------------------------- */

/* Hand the ball (hop @hop) to CPU @to: publish it, then send, each hop another way. */
static void conf_pingpong_pass(struct conf_ipi *ipi, unsigned long hop, unsigned int to)
{
	unsigned int virq = conf_ipi_any_virq(ipi);
	int ret;

	/* release: pairs with the acquire in conf_pingpong_handler() on @to */
	__atomic_store_n(&ipi->pp.ball, CONF_PP_BALL(hop, to), __ATOMIC_RELEASE);
	switch (hop % 3) {
	case 0:
		ret = ipi_send_single(virq, to);
		break;
	case 1:
		ret = ipi_send_mask(virq, cpumask_of(to));
		break;
	default:
		ret = __ipi_send_single(irq_to_desc(virq), to);
		break;
	}
	if (ret)
		conf_handler_fault("ping-pong: a send failed (the hop in detail)", (int)virq,
				   smp_processor_id(), hop);
}

static void conf_pingpong_start(void *arg)
{
	struct conf_ipi *ipi = arg;

	conf_pingpong_pass(ipi, 1, ipi->pp.b);
}

static irqreturn_t conf_pingpong_handler(int irq, void *dev_id)
{
	struct conf_pcpu *pc = dev_id;
	unsigned int cpu = smp_processor_id();
	struct conf_ipi *ipi = pc->ipi;
	struct conf_pingpong *pp = &ipi->pp;
	unsigned long ball, hop;

	if (!conf_handler_sane(pc, irq, cpu))
		return IRQ_HANDLED;
	__atomic_store_n(&pc->runs, __atomic_load_n(&pc->runs, __ATOMIC_RELAXED) + 1,
			 __ATOMIC_RELAXED);
	/* acquire: pairs with the release in conf_pingpong_pass() */
	ball = __atomic_load_n(&pp->ball, __ATOMIC_ACQUIRE);
	if (CONF_PP_HOLDER(ball) != cpu) {
		/* a send merged into one this CPU already handled, or a spurious run */
		return IRQ_HANDLED;
	}
	hop = CONF_PP_HOP(ball);
	if (hop >= pp->hops) {
		__atomic_store_n(&pp->ball, CONF_PP_BALL(hop, CONF_PP_NOBODY), __ATOMIC_RELAXED);
		/* release: pairs with the acquire in conf_pingpong_done() */
		__atomic_store_n(&pp->done, hop, __ATOMIC_RELEASE);
		return IRQ_HANDLED;
	}
	conf_pingpong_pass(ipi, hop + 1, cpu == pp->a ? pp->b : pp->a);
	return IRQ_HANDLED;
}

static bool conf_pingpong_done(const void *arg)
{
	const struct conf_pingpong *pp = arg;

	/* acquire: pairs with the release in conf_pingpong_handler() */
	return __atomic_load_n(&pp->done, __ATOMIC_ACQUIRE) == pp->hops;
}

/* CONF_PINGPONG_ROUNDS round trips between @a and @b, started by @a. */
static bool conf_pingpong_pair(struct conf_ipi *ipi, unsigned int a, unsigned int b)
{
	struct conf_pingpong *pp = &ipi->pp;
	unsigned long ball;

	pp->a = a;
	pp->b = b;
	pp->hops = 2UL * CONF_PINGPONG_ROUNDS;
	__atomic_store_n(&pp->done, 0, __ATOMIC_RELAXED);
	/* release: a, b and hops before any handler can find the ball its own */
	__atomic_store_n(&pp->ball, CONF_PP_BALL(0, CONF_PP_NOBODY), __ATOMIC_RELEASE);
	cpumask_set_cpu(a, &ipi->allowed);
	cpumask_set_cpu(b, &ipi->allowed);
	if (conf_call_on_cpu(a, conf_pingpong_start, ipi))
		return false;
	conf_run.suite_tally.sends += pp->hops;
	conf_run.suite_tally.checks += pp->hops;
	if (conf_wait(conf_pingpong_done, pp, &pp->ball))
		return true;
	ball = __atomic_load_n(&pp->ball, __ATOMIC_ACQUIRE);
	conf_fail("CPU %u <-> CPU %u on virq %u: waited for the ball's hop %lu; it stopped at hop "
		  "%lu, handed to CPU %lu, which never passed it on (an IPI was lost)\n",
		  a, b, ipi->virq, pp->hops, CONF_PP_HOP(ball), CONF_PP_HOLDER(ball));
	return false;
}

static void conf_pingpong_run(struct conf_ipi *ipi)
{
	unsigned int a, b;

	conf_case_begin("every_ordered_pair");
	if (nr_cpu_ids < 2) {
		conf_skip("needs 2 CPUs\n");
		goto out;
	}
	if (conf_ipi_request(ipi, conf_pingpong_handler)) {
		conf_fail("request_percpu_irq() of virq %u failed\n", ipi->virq);
		goto out;
	}
	if (conf_ipi_enable(ipi, &ipi->cpus))
		goto release;
	for_each_online_cpu(a) {
		for_each_online_cpu(b) {
			if (a != b && !conf_pingpong_pair(ipi, a, b))
				goto release;
		}
	}
release:
	conf_ipi_release(ipi);
out:
	conf_case_end();
}

/* The first spare multiplexer virq the program can have, taken; 0 if none. */
static unsigned int conf_take_mux_virq(void)
{
	for (unsigned int i = 0; i < conf_nr_mux; i++) {
		unsigned int virq = conf_mux_first + i;
		struct conf_ipi probe;

		if (conf_virq_taken(virq) || conf_ipi_fixed(&probe, virq))
			continue;
		if (!cpumask_subset(cpu_possible_mask, &probe.cpus))
			continue;
		/* -EBUSY: a handler of the port's or a driver's */
		if (request_percpu_irq(virq, conf_never_handler, "conformance", conf_call_slots))
			continue;
		free_percpu_irq(virq, conf_call_slots);
		conf_take_virq(virq);
		return virq;
	}
	return 0;
}

static void conf_pingpong_suite(void)
{
	struct conf_ipi *ipi = &conf_case_ipi;
	unsigned int virq = conf_take_mux_virq();

	conf_suite_begin("pingpong", "the multiplexer");
	if (!virq) {
		conf_case_begin("every_ordered_pair");
		conf_skip("no spare multiplexer virq\n");
		conf_case_end();
	} else if (!conf_ipi_fixed(ipi, virq)) {
		conf_pingpong_run(ipi);
	}
	if (virq)
		conf_untake_virq(virq);
	conf_suite_end();

	for (unsigned int i = 0; i < conf_nr_domains; i++) {
		struct conf_domain *cd = &conf_domains[i];
		int ret;

		conf_suite_begin("pingpong", cd->path);
		if ((cd->per_cpu ? nr_cpu_ids : 1) > conf_domain_room(cd)) {
			conf_case_begin("every_ordered_pair");
			conf_skip("no room for a reservation to every CPU\n");
			conf_case_end();
		} else if ((ret = conf_ipi_reserve(ipi, cd->d, cpu_possible_mask)) <= 0) {
			conf_case_begin("every_ordered_pair");
			conf_fail("irq_reserve_ipi(every CPU) returned %d\n", ret);
			conf_case_end();
		} else {
			conf_pingpong_run(ipi);
		}
		conf_suite_end();
	}
}

/* ---- suite: storm ----------------------------------------------------------------------- */

static struct conf_ipi conf_storm_ipis[CONF_STORM_MAX_VIRQS];
static unsigned int conf_nr_storm;

static irqreturn_t conf_storm_handler(int irq, void *dev_id)
{
	struct conf_pcpu *pc = dev_id;
	unsigned int cpu = smp_processor_id();
	struct conf_ipi *ipi = pc->ipi;

	unsigned long any = 0;

	if (!conf_handler_sane(pc, irq, cpu))
		return IRQ_HANDLED;
	for (unsigned int s = 0; s < nr_cpu_ids; s++)
		any |= __atomic_load_n(&ipi->pub[s], __ATOMIC_ACQUIRE);
	if (!any) {
		conf_stale_run(pc);
		return IRQ_HANDLED;
	}
	__atomic_store_n(&pc->runs, __atomic_load_n(&pc->runs, __ATOMIC_RELAXED) + 1,
			 __ATOMIC_RELAXED);
	for (unsigned int s = 0; s < nr_cpu_ids; s++) {
		/* acquire: pairs with the release in conf_storm_send() on CPU s */
		unsigned long seq = __atomic_load_n(&ipi->pub[s], __ATOMIC_ACQUIRE);

		/* release: pairs with the acquire in conf_storm_caught_up() */
		if (seq > __atomic_load_n(&pc->from[s], __ATOMIC_RELAXED))
			__atomic_store_n(&pc->from[s], seq, __ATOMIC_RELEASE);
	}
	/* after the acquires: a sender sets the bit before it publishes */
	if (!cpumask_test_cpu(cpu, &ipi->allowed))
		conf_handler_fault("storm: ran on a CPU no one sent to", irq, cpu, 0);
	return IRQ_HANDLED;
}

/*
 * Publish the calling CPU's next sequence number on @ipi, then send it to
 * @dest. Each CPU sends to one @dest per case (sent_to is what it must
 * have reached).
 */
static int conf_storm_send(struct conf_ipi *ipi, enum conf_op op, const struct cpumask *dest)
{
	unsigned int self = smp_processor_id(), t;

	for_each_cpu(t, dest)
		cpumask_set_cpu(t, &ipi->allowed);
	cpumask_or(&ipi->sent_to[self], &ipi->sent_to[self], dest);
	/* release: pairs with the acquire in conf_storm_handler() */
	__atomic_store_n(&ipi->pub[self], __atomic_load_n(&ipi->pub[self], __ATOMIC_RELAXED) + 1,
			 __ATOMIC_RELEASE);
	return conf_do_send(ipi->virq, op, dest);
}

static bool conf_storm_caught_up(const void *arg)
{
	const struct conf_ipi *ipi = arg;
	unsigned int s, t;

	for_each_online_cpu(s) {
		unsigned long seq = __atomic_load_n(&ipi->pub[s], __ATOMIC_RELAXED);

		for_each_cpu(t, &ipi->sent_to[s])
			/* acquire: pairs with the release in conf_storm_handler() */
			if (t < nr_cpu_ids && __atomic_load_n(&conf_ipi_pcpu(ipi, t)->from[s],
							      __ATOMIC_ACQUIRE) < seq)
				return false;
	}
	return true;
}

/* Wait until, on every storm virq, every target saw every sender's last send. */
static void conf_storm_wait(const char *what)
{
	for (unsigned int i = 0; i < conf_nr_storm; i++) {
		struct conf_ipi *ipi = &conf_storm_ipis[i];
		unsigned int s, t, late = 0;

		if (conf_wait(conf_storm_caught_up, ipi, NULL))
			continue;
		for_each_online_cpu(s) {
			unsigned long seq = __atomic_load_n(&ipi->pub[s], __ATOMIC_RELAXED);

			for_each_cpu(t, &ipi->sent_to[s]) {
				unsigned long saw = __atomic_load_n(&conf_ipi_pcpu(ipi, t)->from[s],
								    __ATOMIC_ACQUIRE);

				if (saw < seq && late++ < CONF_MAX_MISSING_NOTES)
					conf_fail(
						"%s: waited for CPU %u to run virq %u's handler "
						"after CPU %u's send #%lu: it saw #%lu at most (an "
						"IPI was lost)\n",
						what, t, ipi->virq, s, seq, saw);
			}
		}
	}
}

static void conf_storm_clear_sent_to(void)
{
	for (unsigned int i = 0; i < conf_nr_storm; i++)
		for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
			cpumask_clear(&conf_storm_ipis[i].sent_to[cpu]);
}

/* The op of round @round: the three flavours that take a mask, in turn. */
static enum conf_op conf_storm_op(unsigned int round)
{
	static const enum conf_op ops[] = { CONF_SEND_MASK, CONF_SEND_SINGLE, CONF_SEND_FAST_MASK };

	return ops[round % CONF_ARRAY_SIZE(ops)];
}

/* On each CPU at once: CONF_STORM_ROUNDS sends to every other CPU. */
static void conf_storm_cpu_fn(void *arg)
{
	unsigned int self = smp_processor_id();
	struct cpumask others;

	(void)arg;
	conf_others(&others, self);
	for (unsigned int r = 0; r < CONF_STORM_ROUNDS; r++) {
		struct conf_ipi *ipi = &conf_storm_ipis[(r + self) % conf_nr_storm];
		int ret = conf_storm_send(ipi, conf_storm_op(r / conf_nr_storm), &others);

		if (ret)
			conf_handler_fault("storm: a send failed (the round in detail)",
					   (int)ipi->virq, self, r);
	}
}

static void conf_storm_from_boot_case(void)
{
	struct cpumask others;

	conf_case_begin("boot_cpu_to_all_others");
	conf_others(&others, conf_boot_cpu);
	if (cpumask_empty(&others)) {
		conf_skip("needs 2 CPUs\n");
		goto out;
	}
	conf_storm_clear_sent_to();
	for (unsigned int r = 0; r < CONF_STORM_ROUNDS; r++) {
		struct conf_ipi *ipi = &conf_storm_ipis[r % conf_nr_storm];
		enum conf_op op = conf_storm_op(r / conf_nr_storm);
		int ret = conf_storm_send(ipi, op, &others);

		conf_run.suite_tally.sends++;
		if (ret) {
			conf_fail("%s(virq %u) returned %d\n", conf_op_names[op], ipi->virq, ret);
			break;
		}
	}
	conf_run.suite_tally.checks += CONF_STORM_ROUNDS * cpumask_weight(&others);
	conf_storm_wait("a storm from the boot CPU");
out:
	conf_case_end();
}

static void conf_storm_from_every_cpu_case(void)
{
	conf_case_begin("every_cpu_to_all_others_at_once");
	if (nr_cpu_ids < 2) {
		conf_skip("needs 2 CPUs\n");
		goto out;
	}
	conf_storm_clear_sent_to();
	if (conf_call_on(cpu_online_mask, conf_storm_cpu_fn, NULL))
		goto out;
	conf_run.suite_tally.sends += CONF_STORM_ROUNDS * nr_cpu_ids;
	conf_run.suite_tally.checks += CONF_STORM_ROUNDS * nr_cpu_ids * (nr_cpu_ids - 1);
	conf_storm_wait("a storm from every CPU at once");
out:
	conf_case_end();
}

/* ipi_send_all() and masks of every CPU: the sender is a target too. */
static void conf_storm_including_self_case(void)
{
	static const enum conf_op ops[] = { CONF_SEND_ALL, CONF_SEND_MASK, CONF_SEND_FAST_MASK };

	conf_case_begin("to_every_cpu_including_the_sender");
	conf_storm_clear_sent_to();
	for (unsigned int r = 0; r < CONF_STORM_ROUNDS; r++) {
		struct conf_ipi *ipi = &conf_storm_ipis[r % conf_nr_storm];
		enum conf_op op = ops[(r / conf_nr_storm) % CONF_ARRAY_SIZE(ops)];
		int ret = conf_storm_send(ipi, op, &ipi->cpus);

		conf_run.suite_tally.sends++;
		if (ret) {
			conf_fail("%s(virq %u) returned %d\n", conf_op_names[op], ipi->virq, ret);
			break;
		}
	}
	conf_run.suite_tally.checks += CONF_STORM_ROUNDS * nr_cpu_ids;
	conf_storm_wait("sends to every CPU");
	conf_case_end();
}

/*
 * The multiplexer's contract: a virtual IPI sent while masked on its
 * target stays pending, and unmasking raises it.
 */
static void conf_storm_masked_case(void)
{
	struct conf_ipi *ipi = &conf_storm_ipis[0];
	unsigned int t = nr_cpu_ids - 1;
	unsigned long sent, saw;

	conf_case_begin("masked_virq_stays_pending");
	conf_storm_clear_sent_to();
	if (conf_ipi_disable(ipi, cpumask_of(t)))
		goto out;
	conf_storm_send(ipi, CONF_SEND_SINGLE, cpumask_of(t));
	conf_run.suite_tally.sends++;
	/*
	 * Let t take whatever is pending: two calls later, an unmasked virq
	 * sent before them would have run.
	 */
	if (t != conf_boot_cpu) {
		if (conf_call_on_cpu(t, conf_nothing_fn, NULL) ||
		    conf_call_on_cpu(t, conf_nothing_fn, NULL))
			goto out;
	} else {
		for (unsigned int i = 0; i < 10000; i++)
			conf_relax();
	}
	sent = __atomic_load_n(&ipi->pub[conf_boot_cpu], __ATOMIC_RELAXED);
	saw = __atomic_load_n(&conf_ipi_pcpu(ipi, t)->from[conf_boot_cpu], __ATOMIC_ACQUIRE);
	if (saw >= sent)
		conf_fail("CPU %u ran virq %u's handler for send #%lu while the virq was disabled "
			  "there\n",
			  t, ipi->virq, sent);
	if (conf_ipi_enable(ipi, cpumask_of(t)))
		goto out;
	conf_run.suite_tally.checks++;
	conf_storm_wait("enabling a virq that was sent while disabled");
out:
	conf_case_end();
}

static void conf_storm_suite(void)
{
	conf_suite_begin("storm", "the multiplexer");
	conf_nr_storm = 0;
	while (conf_nr_storm < CONF_STORM_MAX_VIRQS) {
		struct conf_ipi *ipi = &conf_storm_ipis[conf_nr_storm];
		unsigned int virq = conf_take_mux_virq();

		if (!virq || conf_ipi_fixed(ipi, virq) || conf_ipi_request(ipi, conf_storm_handler))
			break;
		conf_nr_storm++;
		if (conf_ipi_enable(ipi, &ipi->cpus))
			break;
	}
	conf_case_begin("setup");
	if (!conf_nr_storm)
		conf_skip("no spare multiplexer virq\n");
	conf_case_end();
	if (conf_nr_storm && !conf_call_broken) {
		conf_storm_from_boot_case();
		conf_storm_from_every_cpu_case();
		conf_storm_including_self_case();
		conf_storm_masked_case();
	}
	conf_case_begin("release_counts_agree");
	for (unsigned int i = 0; i < conf_nr_storm; i++) {
		conf_ipi_release(&conf_storm_ipis[i]);
		conf_untake_virq(conf_storm_ipis[i].virq);
	}
	conf_case_end();
	conf_suite_end();
}

/* ---- suite: misuse ---------------------------------------------------------------------- */

static struct conf_ipi conf_victim;

/* A virq that is allocated but not an IPI (with all of @flags set), or 0. */
static unsigned int conf_find_non_ipi_virq(unsigned int flags)
{
	for (unsigned int virq = 1; virq < NR_IRQS; virq++) {
		unsigned int status;

		if (!irq_get_irq_data(virq))
			continue;
		status = irq_get_status_flags(virq);
		if (!(status & IRQ_IS_IPI) && (status & flags) == flags)
			return virq;
	}
	return 0;
}

static unsigned int conf_find_free_virq(void)
{
	for (unsigned int virq = NR_IRQS - 1; virq > 0; virq--)
		if (!irq_get_irq_data(virq))
			return virq;
	return 0;
}

/* A CPU outside the victim's reservation, or NR_TARGETS. */
static unsigned int conf_victim_outside(void)
{
	unsigned int cpu;

	for_each_online_cpu(cpu)
		if (!cpumask_test_cpu(cpu, &conf_victim.targets))
			return cpu;
	return NR_TARGETS;
}

static void conf_misuse_reserve_null_domain(void)
{
	conf_expect_ret(irq_reserve_ipi(NULL, cpu_possible_mask), -EINVAL,
			"irq_reserve_ipi(NULL domain)");
}

static void conf_misuse_reserve_non_ipi_domain(void)
{
	if (!conf_non_ipi_domain) {
		conf_skip("no domain that is not an IPI domain\n");
		return;
	}
	conf_expect_ret(irq_reserve_ipi(conf_non_ipi_domain, cpu_possible_mask), -EINVAL,
			"irq_reserve_ipi(a domain that is not an IPI domain)");
}

static void conf_misuse_reserve_bad_masks(void)
{
	struct cpumask empty, unknown;

	cpumask_clear(&empty);
	cpumask_copy(&unknown, cpu_possible_mask);
	if (nr_target_ids < NR_TARGETS)
		cpumask_set_cpu(nr_target_ids, &unknown);
	if (!conf_nr_domains)
		conf_skip("no IPI domain\n");
	for (unsigned int i = 0; i < conf_nr_domains; i++) {
		struct irq_domain *d = conf_domains[i].d;

		conf_expect_ret(irq_reserve_ipi(d, NULL), -EINVAL, "irq_reserve_ipi(NULL mask)");
		conf_expect_ret(irq_reserve_ipi(d, &empty), -EINVAL, "irq_reserve_ipi(empty mask)");
		if (nr_target_ids < NR_TARGETS) {
			conf_expect_ret(irq_reserve_ipi(d, cpumask_of(nr_target_ids)), -EINVAL,
					"irq_reserve_ipi(a target that is no CPU nor remote)");
			conf_expect_ret(irq_reserve_ipi(d, &unknown), -EINVAL,
					"irq_reserve_ipi(every CPU and an unknown target)");
		}
	}
}

static void conf_misuse_send_bad_virqs(void)
{
	const unsigned int bad[] = { 0, conf_find_free_virq(), NR_IRQS, ~0U,
				     conf_find_non_ipi_virq(0) };

	for (unsigned int i = 0; i < CONF_ARRAY_SIZE(bad); i++) {
		if (i && !bad[i])
			continue; /* no free or non-IPI virq on this machine */
		conf_expect_ret(ipi_send_single(bad[i], conf_boot_cpu), -EINVAL,
				"ipi_send_single(a virq that is not an IPI)");
		conf_expect_ret(ipi_send_mask(bad[i], cpu_online_mask), -EINVAL,
				"ipi_send_mask(a virq that is not an IPI)");
		conf_expect_ret(ipi_send_all(bad[i]), -EINVAL,
				"ipi_send_all(a virq that is not an IPI)");
	}
}

static void conf_misuse_send_bad_targets(void)
{
	unsigned int virq = conf_ipi_any_virq(&conf_victim), outside = conf_victim_outside();
	const unsigned int bad[] = { outside, nr_target_ids, NR_TARGETS, ~0U };
	struct cpumask mask;

	for (unsigned int i = 0; i < CONF_ARRAY_SIZE(bad); i++) {
		if (!i && outside == NR_TARGETS)
			continue; /* the victim reaches every CPU */
		conf_expect_ret(ipi_send_single(virq, bad[i]), -EINVAL,
				"ipi_send_single(a target outside the reservation)");
		if (bad[i] >= NR_TARGETS)
			continue;
		cpumask_copy(&mask, &conf_victim.targets);
		cpumask_set_cpu(bad[i], &mask);
		conf_expect_ret(ipi_send_mask(virq, &mask), -EINVAL,
				"ipi_send_mask(the reservation and a target outside it)");
		conf_expect_ret(ipi_send_mask(virq, cpumask_of(bad[i])), -EINVAL,
				"ipi_send_mask(a target outside the reservation)");
	}
}

static void conf_misuse_send_null_masks(void)
{
	struct cpumask empty;

	cpumask_clear(&empty);
	conf_expect_ret(ipi_send_mask(conf_ipi_any_virq(&conf_victim), NULL), -EINVAL,
			"ipi_send_mask(NULL mask)");
	conf_expect_ret(ipi_send_mask(conf_ipi_any_virq(&conf_victim), &empty), -EINVAL,
			"ipi_send_mask(empty mask)");
}

static void conf_misuse_get_hwirq(void)
{
	unsigned int virq = conf_ipi_any_virq(&conf_victim), outside = conf_victim_outside();
	const struct {
		unsigned int virq, target;
	} bad[] = {
		{ 0, conf_boot_cpu },
		{ virq, outside },
		{ virq, NR_TARGETS },
		{ virq, ~0U },
		{ conf_find_free_virq(), conf_boot_cpu },
		{ conf_find_non_ipi_virq(0), conf_boot_cpu },
	};

	for (unsigned int i = 0; i < CONF_ARRAY_SIZE(bad); i++) {
		if ((i && !bad[i].virq) || (i == 1 && outside == NR_TARGETS))
			continue;
		if (ipi_get_hwirq(bad[i].virq, bad[i].target) != INVALID_HWIRQ)
			conf_fail("ipi_get_hwirq(%u, %u) is not INVALID_HWIRQ\n", bad[i].virq,
				  bad[i].target);
	}
}

static void conf_misuse_destroy_bad_arguments(void)
{
	unsigned int virq = conf_ipi_any_virq(&conf_victim), outside = conf_victim_outside();
	unsigned int free_virq = conf_find_free_virq(), non_ipi = conf_find_non_ipi_virq(0);
	struct cpumask empty, beyond;

	cpumask_clear(&empty);
	cpumask_copy(&beyond, &conf_victim.targets);
	if (outside < NR_TARGETS)
		cpumask_set_cpu(outside, &beyond);
	else if (nr_target_ids < NR_TARGETS)
		cpumask_set_cpu(nr_target_ids, &beyond);
	conf_expect_ret(irq_destroy_ipi(virq, NULL), -EINVAL, "irq_destroy_ipi(NULL mask)");
	conf_expect_ret(irq_destroy_ipi(virq, &empty), -EINVAL, "irq_destroy_ipi(empty mask)");
	if (!cpumask_equal(&beyond, &conf_victim.targets))
		conf_expect_ret(irq_destroy_ipi(virq, &beyond), -EINVAL,
				"irq_destroy_ipi(more than the reservation)");
	conf_expect_ret(irq_destroy_ipi(0, &conf_victim.targets), -EINVAL,
			"irq_destroy_ipi(virq 0)");
	if (free_virq)
		conf_expect_ret(irq_destroy_ipi(free_virq, cpumask_of(0)), -EINVAL,
				"irq_destroy_ipi(a free virq)");
	if (non_ipi)
		conf_expect_ret(irq_destroy_ipi(non_ipi, cpumask_of(0)), -EINVAL,
				"irq_destroy_ipi(a virq that is not an IPI)");
}

static void conf_misuse_destroy_twice(void)
{
	for (unsigned int i = 0; i < conf_nr_domains; i++) {
		struct conf_domain *cd = &conf_domains[i];
		int virq;

		/* the victim may hold this domain's room: skip it then */
		if (conf_domain_room(cd) <
		    1 + (conf_victim.domain == cd->d ?
				 (conf_victim.per_cpu ? cpumask_weight(&conf_victim.targets) : 1) :
				 0))
			continue;
		virq = irq_reserve_ipi(cd->d, cpumask_of(conf_boot_cpu));
		if (virq <= 0) {
			conf_fail("irq_reserve_ipi(the boot CPU) on %s returned %d\n", cd->path,
				  virq);
			return;
		}
		conf_expect_ret(irq_destroy_ipi((unsigned int)virq, cpumask_of(conf_boot_cpu)), 0,
				"irq_destroy_ipi()");
		conf_expect_ret(irq_destroy_ipi((unsigned int)virq, cpumask_of(conf_boot_cpu)),
				-EINVAL, "irq_destroy_ipi() a second time");
		return;
	}
	conf_skip("no IPI domain with room for one more reservation\n");
}

static void conf_misuse_request(void)
{
	unsigned int virq = conf_ipi_virq_of(&conf_victim, cpumask_first(&conf_victim.cpus));
	unsigned int free_virq = conf_find_free_virq();
	int ret;

	ret = request_percpu_irq(virq, conf_never_handler, "conformance", conf_call_slots);
	if (!conf_expect_ret(ret, -EBUSY, "request_percpu_irq() of a virq requested already") &&
	    !ret)
		free_percpu_irq(virq, conf_call_slots);
	conf_expect_ret(request_percpu_irq(virq, NULL, "conformance", conf_call_slots), -EINVAL,
			"request_percpu_irq(NULL handler)");
	conf_expect_ret(request_percpu_irq(virq, conf_never_handler, "conformance", NULL), -EINVAL,
			"request_percpu_irq(NULL dev_id)");
	conf_expect_ret(request_percpu_irq(0, conf_never_handler, "conformance", conf_call_slots),
			-EINVAL, "request_percpu_irq(virq 0)");
	if (free_virq)
		conf_expect_ret(request_percpu_irq(free_virq, conf_never_handler, "conformance",
						   conf_call_slots),
				-EINVAL, "request_percpu_irq(a free virq)");
}

static void conf_misuse_request_not_requestable(void)
{
	unsigned int virq = conf_find_non_ipi_virq(IRQ_NOREQUEST | IRQ_PER_CPU_DEVID);
	int ret;

	if (!virq) {
		conf_skip("no per-CPU virq marked not requestable (a chained parent)\n");
		return;
	}
	ret = request_percpu_irq(virq, conf_never_handler, "conformance", conf_call_slots);
	if (!conf_expect_ret(ret, -EINVAL, "request_percpu_irq(a virq that is not requestable)") &&
	    !ret)
		free_percpu_irq(virq, conf_call_slots);
}

static void conf_misuse_mux_create(void)
{
	conf_expect_ret(ipi_mux_create(0, conf_mux_send), -EINVAL, "ipi_mux_create(0 virqs)");
	conf_expect_ret(ipi_mux_create(33, conf_mux_send), -EINVAL,
			"ipi_mux_create(more virqs than the pending word has bits)");
	conf_expect_ret(ipi_mux_create(1, NULL), -EINVAL, "ipi_mux_create(NULL mux_send)");
	if (conf_mux_exists)
		conf_expect_ret(ipi_mux_create(1, conf_mux_send), -EEXIST,
				"ipi_mux_create() a second time");
}

struct conf_misuse_case {
	const char *name;
	void (*run)(void);
};

static const struct conf_misuse_case conf_misuse_cases[] = {
	{ "reserve_null_domain", conf_misuse_reserve_null_domain },
	{ "reserve_non_ipi_domain", conf_misuse_reserve_non_ipi_domain },
	{ "reserve_null_empty_or_unknown_mask", conf_misuse_reserve_bad_masks },
	{ "send_to_virq_that_is_not_an_ipi", conf_misuse_send_bad_virqs },
	{ "send_to_target_outside_or_out_of_range", conf_misuse_send_bad_targets },
	{ "send_mask_null_or_empty", conf_misuse_send_null_masks },
	{ "get_hwirq_outside_the_reservation", conf_misuse_get_hwirq },
	{ "destroy_bad_virq_or_mask", conf_misuse_destroy_bad_arguments },
	{ "destroy_twice", conf_misuse_destroy_twice },
	{ "request_twice_or_bad_arguments", conf_misuse_request },
	{ "request_not_requestable", conf_misuse_request_not_requestable },
	{ "mux_create_bad_arguments_or_twice", conf_misuse_mux_create },
};

/*
 * The victim of the misuse cases: a reservation to every CPU but the last
 * (so there is a CPU outside it), else a spare multiplexer virq.
 */
static bool conf_victim_setup(void)
{
	struct cpumask mask;
	unsigned int virq;

	cpumask_copy(&mask, cpu_possible_mask);
	if (nr_cpu_ids > 1)
		cpumask_clear_cpu(nr_cpu_ids - 1, &mask);
	for (unsigned int i = 0; i < conf_nr_domains; i++) {
		struct conf_domain *cd = &conf_domains[i];

		if ((cd->per_cpu ? cpumask_weight(&mask) : 1) > conf_domain_room(cd))
			continue;
		if (conf_ipi_reserve(&conf_victim, cd->d, &mask) > 0)
			goto request;
	}
	virq = conf_take_mux_virq();
	if (!virq || conf_ipi_fixed(&conf_victim, virq))
		return false;
request:
	if (conf_ipi_request(&conf_victim, conf_probe_handler)) {
		conf_ipi_release(&conf_victim);
		return false;
	}
	return !conf_ipi_enable(&conf_victim, &conf_victim.cpus);
}

/* After a misuse: no handler ran for it, the reservation is as it was and still delivers. */
static void conf_victim_unchanged(const unsigned long *runs_before)
{
	const struct cpumask *aff = irq_data_get_affinity_mask(
		irq_get_irq_data(conf_ipi_any_virq(&conf_victim)));
	unsigned int cpu;

	for_each_cpu(cpu, &conf_victim.cpus)
		if (__atomic_load_n(&conf_ipi_pcpu(&conf_victim, cpu)->runs, __ATOMIC_ACQUIRE) !=
		    runs_before[cpu])
			conf_fail("the handler of virq %u ran on CPU %u after misuse only\n",
				  conf_ipi_virq_of(&conf_victim, cpu), cpu);
	if (!aff || !cpumask_equal(aff, &conf_victim.targets))
		conf_fail("the reservation of virq %u changed\n", conf_victim.virq);
	else
		conf_deliver(&conf_victim, CONF_SEND_MASK, &conf_victim.targets);
}

static void conf_misuse_suite(void)
{
	static unsigned long runs[NR_CPUS];

	conf_suite_begin("misuse", "every entry point");
	conf_case_begin("setup");
	if (!conf_victim_setup())
		conf_fail(
			"no IPI to misuse: no room on any domain and no spare multiplexer virq\n");
	conf_case_end();
	if (!conf_victim.requested) {
		conf_suite_end();
		return;
	}
	for (unsigned int i = 0; i < CONF_ARRAY_SIZE(conf_misuse_cases); i++) {
		unsigned int cpu;

		/* every CPU took what the last valid send raised before counting */
		conf_call_on(cpu_online_mask, conf_nothing_fn, NULL);
		for_each_cpu(cpu, &conf_victim.cpus)
			runs[cpu] = __atomic_load_n(&conf_ipi_pcpu(&conf_victim, cpu)->runs,
						    __ATOMIC_ACQUIRE);
		conf_case_begin(conf_misuse_cases[i].name);
		conf_misuse_cases[i].run();
		/* let a wrongly sent IPI land before looking */
		conf_call_on(cpu_online_mask, conf_nothing_fn, NULL);
		conf_victim_unchanged(runs);
		conf_case_end();
	}
	conf_case_begin("release");
	conf_ipi_release(&conf_victim);
	conf_untake_virq(conf_victim.virq); /* if it was a multiplexer virq */
	conf_case_end();
	conf_suite_end();
}

/* ---- suite: release --------------------------------------------------------------------- */

/* Every domain takes as many reservations as at setup, minus the program's own. */
static void conf_release_suite(void)
{
	for (unsigned int i = 0; i < conf_nr_domains; i++) {
		struct conf_domain *cd = &conf_domains[i];
		unsigned int virqs[CONF_MAX_CAPACITY], n, expect;
		int last;

		conf_suite_begin("release", cd->path);
		conf_case_begin("room_is_back");
		n = conf_fill_domain(cd->d, virqs, &last);
		if (conf_empty_domain(virqs, n))
			conf_fail("irq_destroy_ipi() failed on a fresh single-CPU reservation\n");
		expect = cd->capacity - cd->infra;
		if (cd->capacity >= CONF_MAX_CAPACITY ? n < expect : n != expect)
			conf_fail(
				"the domain takes %u single-CPU reservations (then %d), %u at setup "
				"less %u the program keeps: something was not released\n",
				n, last, cd->capacity, cd->infra);
		conf_case_end();
		conf_suite_end();
	}
}

int conformance_main(void)
{
	const struct conf_tally *t = &conf_run.total;

	conf_boot_cpu = smp_processor_id();
	genipi_log("conformance: %u ping-pong round trips per pair, %u sends per storm sender\n",
		   CONF_PINGPONG_ROUNDS, CONF_STORM_ROUNDS);
	conf_boot_suite();
	for (unsigned int i = 0; i < conf_nr_domains; i++)
		conf_reserve_suite(&conf_domains[i]);
	conf_fixed_suite();
	conf_pingpong_suite();
	conf_storm_suite();
	conf_misuse_suite();
	conf_release_suite();
	genipi_log("conformance: %u cases: %u passed, %u failed, %u skipped; %lu sends, %lu "
		   "deliveries checked\n",
		   t->passed + t->failed + t->skipped, t->passed, t->failed, t->skipped, t->sends,
		   t->checks);
	return (int)t->failed;
}
