// SPDX-License-Identifier: BSD-2-Clause
/*
 * The hosted machine: CPU threads and remote-processor threads, boot,
 * running functions on CPUs, raising lines, and shutdown.
 *
 * A CPU thread loops in its idle loop: take interrupts, run the function
 * hosted_run_on_cpu() handed it, or wait (delivery.c) until one of those
 * has something for it. A remote-processor thread loops counting the lines
 * raised on it.
 *
 * Run-on-cpu requests: one slot per CPU. A submitter holds the CPU's
 * work_lock, writes work_fn/work_arg, increments work_seq (release) and
 * kicks the CPU; the CPU runs the function and stores work_seq into
 * work_done (release), on which the submitter waits (futex).
 */
#include "hosted-internal.h"

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <genipi/errno.h>
#include <genipi/irqchip.h>

/* Submitters spin this long for a completion before sleeping on it. */
#define HOSTED_WORK_SPINS 1000

struct hosted_machine hosted_machine;

HOSTED_TLS struct hosted_proc *hosted_this_proc;
HOSTED_TLS unsigned int hosted_this_cpu = HOSTED_NO_CPU;

/* Serialises boot, shutdown and hosted_remote_add(). */
static pthread_mutex_t hosted_machine_lock = PTHREAD_MUTEX_INITIALIZER;
/* Set last by boot, cleared first by shutdown (release / acquire). */
static _Atomic bool hosted_booted;
/* Cores this process may run on, for pinning. */
static cpu_set_t hosted_usable_cores;
/* The machine's threads: spinning waiters yield when they outnumber the cores. */
static _Atomic unsigned int hosted_nr_threads;

bool hosted_machine_booted(void)
{
	/* acquire: pairs with the release store at the end of a boot */
	return atomic_load_explicit(&hosted_booted, memory_order_acquire);
}

struct hosted_proc *hosted_proc_of_target(unsigned int target)
{
	if (target >= NR_TARGETS)
		return NULL;
	/* acquire: pairs with the release store that publishes the processor */
	return atomic_load_explicit(&hosted_machine.procs[target], memory_order_acquire);
}

struct hosted_proc *hosted_proc_of_hwid(unsigned long hwid)
{
	unsigned int target;

	if (hwid >= HOSTED_MAX_HWID)
		return NULL;
	/* acquire: pairs with the release store in hosted_remote_add() / boot */
	target = atomic_load_explicit(&hosted_machine.hwid_to_target[hwid], memory_order_acquire);
	return target == HOSTED_NO_TARGET ? NULL : hosted_proc_of_target(target);
}

/**
 * hosted_proc_raise - latch @line pending on processor @p and wake it
 *
 * The one way lines are raised: by device models and hosted_raise_line().
 */
void hosted_proc_raise(struct hosted_proc *p, unsigned int line)
{
	/*
	 * release: what the raiser wrote before is visible to whoever takes
	 * the line. Pairs with the acquire RMW in hosted_cpu_claim_lines()
	 * (CPUs) or hosted_remote_thread() (remotes). This is the event
	 * store K1 of the wake-up protocol in delivery.c.
	 */
	atomic_fetch_or_explicit(&p->pending, HOSTED_LINE_BIT(line), memory_order_release);
	hosted_proc_kick(p);
}

int hosted_raise_line(unsigned int target, unsigned int line)
{
	struct hosted_proc *p;

	if (line >= HOSTED_NR_LINES || !hosted_machine_booted())
		return -EINVAL;
	p = hosted_proc_of_target(target);
	if (!p)
		return -EINVAL;
	hosted_proc_raise(p, line);
	return 0;
}

static void hosted_update_oversubscribed(void)
{
	/* the thread that boots and drives the machine needs a core too */
	bool over = atomic_load_explicit(&hosted_nr_threads, memory_order_relaxed) + 1 >
		    hosted_machine.nr_cores;

	atomic_store_explicit(&hosted_machine.oversubscribed, over, memory_order_relaxed);
}

/* ---- processors ---------------------------------------------------------- */

static struct hosted_proc *hosted_proc_alloc(enum hosted_proc_kind kind, unsigned int target,
					     unsigned long hwid, const char *name)
{
	struct hosted_proc *p = aligned_alloc(GENIPI_CACHE_LINE, sizeof(*p));

	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	if (name) {
		p->name = strdup(name);
		if (!p->name) {
			free(p);
			return NULL;
		}
	}
	if (pthread_mutex_init(&p->work_lock, NULL)) {
		free(p->name);
		free(p);
		return NULL;
	}
	p->kind = kind;
	p->target = target;
	p->hwid = hwid;
	atomic_init(&p->wake_word, HOSTED_AWAKE);
	/* a remote processor has no interrupt controller of ours: all lines count */
	atomic_init(&p->enabled, kind == HOSTED_PROC_REMOTE ? ~(uint64_t)0 : 0);
	return p;
}

static void hosted_proc_free(struct hosted_proc *p)
{
	pthread_mutex_destroy(&p->work_lock);
	free(p->name);
	free(p);
}

/* Tell @p's thread to leave its loop. */
static void hosted_proc_stop(struct hosted_proc *p)
{
	atomic_store_explicit(&p->stop, true, memory_order_release);
	/* stop is an event of the wake-up protocol: kick after storing it */
	hosted_proc_kick(p);
}

static void hosted_proc_join(struct hosted_proc *p)
{
	if (!p->thread_started)
		return;
	pthread_join(p->thread, NULL);
	p->thread_started = false;
	atomic_fetch_sub_explicit(&hosted_nr_threads, 1, memory_order_relaxed);
}

/* Start @p's thread; pin it to the @core-th usable core unless @core < 0. */
static int hosted_proc_start(struct hosted_proc *p, void *(*loop)(void *), int core)
{
	pthread_attr_t attr;
	cpu_set_t one;
	int ret, seen = -1;

	if (pthread_attr_init(&attr))
		return -ENOMEM;
	if (core >= 0) {
		CPU_ZERO(&one);
		for (int c = 0; c < CPU_SETSIZE; c++) {
			if (CPU_ISSET(c, &hosted_usable_cores) && ++seen == core) {
				CPU_SET(c, &one);
				pthread_attr_setaffinity_np(&attr, sizeof(one), &one);
				break;
			}
		}
	}
	ret = pthread_create(&p->thread, &attr, loop, p);
	if (ret && core >= 0) {
		/* pinning is a preference: retry without it */
		pthread_attr_destroy(&attr);
		pthread_attr_init(&attr);
		ret = pthread_create(&p->thread, &attr, loop, p);
	}
	pthread_attr_destroy(&attr);
	if (ret)
		return ret == EAGAIN ? -ENOMEM : -ret;
	p->thread_started = true;
	atomic_fetch_add_explicit(&hosted_nr_threads, 1, memory_order_relaxed);
	hosted_update_oversubscribed();
	return 0;
}

/* ---- CPU threads --------------------------------------------------------- */

/* Does idle CPU @c have something to do? (its wake-up condition) */
static bool hosted_cpu_idle_ready(struct hosted_proc *c)
{
	return hosted_cpu_irq_ready(c) ||
	       atomic_load_explicit(&c->work_seq, memory_order_relaxed) != c->work_seen ||
	       atomic_load_explicit(&c->stop, memory_order_relaxed);
}

static void hosted_cpu_run_work(struct hosted_proc *c, unsigned int seq)
{
	c->work_seen = seq;
	c->work_fn(c->work_arg);
	if (hosted_irqs_masked()) {
		genipi_log("hosted: CPU %u: a function run on it returned with interrupts masked\n",
			   c->target);
		hosted_irqs_set_masked(false);
	}
	/*
	 * release: the function's effects are visible to the submitter.
	 * Pairs with the acquire load in hosted_work_wait().
	 */
	atomic_store_explicit(&c->work_done, seq, memory_order_release);
	hosted_futex_wake(&c->work_done, INT_MAX);
}

static void *hosted_cpu_thread(void *arg)
{
	struct hosted_proc *c = arg;
	unsigned int seq;

	hosted_this_proc = c;
	hosted_this_cpu = c->target;
	hosted_irq_thread_init(false);

	for (;;) {
		/* an interrupt point: the idle loop runs with interrupts unmasked */
		hosted_cpu_take_interrupts(c);
		/*
		 * acquire: work_fn/work_arg are those the submitter wrote.
		 * Pairs with the release increment in hosted_work_submit().
		 */
		seq = atomic_load_explicit(&c->work_seq, memory_order_acquire);
		if (seq != c->work_seen) {
			hosted_cpu_run_work(c, seq);
			continue;
		}
		if (atomic_load_explicit(&c->stop, memory_order_acquire))
			break;
		hosted_proc_wait(c, hosted_cpu_idle_ready);
	}
	return NULL;
}

/* Hand @fn to CPU @c; the caller holds c->work_lock. Returns the request's seq. */
static unsigned int hosted_work_submit(struct hosted_proc *c, void (*fn)(void *), void *arg)
{
	unsigned int seq;

	c->work_fn = fn;
	c->work_arg = arg;
	/*
	 * release: publishes work_fn/work_arg. Pairs with the acquire load
	 * in hosted_cpu_thread(). This is the event store K1 of the wake-up
	 * protocol in delivery.c.
	 */
	seq = atomic_fetch_add_explicit(&c->work_seq, 1, memory_order_release) + 1;
	hosted_proc_kick(c);
	return seq;
}

static void hosted_work_wait(struct hosted_proc *c, unsigned int seq)
{
	for (unsigned int i = 0;; i++) {
		/* acquire: pairs with the release store in hosted_cpu_run_work() */
		unsigned int done = atomic_load_explicit(&c->work_done, memory_order_acquire);

		if (done == seq)
			return;
		if (i < HOSTED_WORK_SPINS)
			port_cpu_relax();
		else
			hosted_futex_wait(&c->work_done, done);
	}
}

int hosted_run_on_cpu(unsigned int cpu, void (*fn)(void *), void *arg)
{
	struct hosted_proc *c;
	unsigned int seq;

	if (!fn || hosted_cpu_in_irq() || !hosted_machine_booted() || cpu >= hosted_machine.nr_cpus)
		return -EINVAL;
	c = hosted_proc_of_target(cpu);
	if (c == hosted_this_proc) {
		fn(arg);
		return 0;
	}
	pthread_mutex_lock(&c->work_lock);
	seq = hosted_work_submit(c, fn, arg);
	hosted_work_wait(c, seq);
	pthread_mutex_unlock(&c->work_lock);
	return 0;
}

/* Run @fn on every CPU of @cpus; no validation. */
static void __hosted_run_on_cpus(const struct cpumask *cpus, void (*fn)(void *), void *arg)
{
	struct hosted_proc *self = hosted_this_proc;
	bool run_here = false;
	unsigned int cpu;

	/* ascending order: concurrent callers cannot deadlock on the locks */
	for_each_cpu(cpu, cpus) {
		struct hosted_proc *c = hosted_proc_of_target(cpu);

		if (c == self) {
			run_here = true;
			continue;
		}
		pthread_mutex_lock(&c->work_lock);
		hosted_work_submit(c, fn, arg);
	}
	if (run_here)
		fn(arg);
	for_each_cpu(cpu, cpus) {
		struct hosted_proc *c = hosted_proc_of_target(cpu);

		if (c == self)
			continue;
		/* we hold its lock: the latest request is ours */
		hosted_work_wait(c, atomic_load_explicit(&c->work_seq, memory_order_relaxed));
		pthread_mutex_unlock(&c->work_lock);
	}
}

int hosted_run_on_cpus(const struct cpumask *cpus, void (*fn)(void *), void *arg)
{
	unsigned int cpu;

	if (!cpus || !fn || hosted_cpu_in_irq() || !hosted_machine_booted())
		return -EINVAL;
	for_each_cpu(cpu, cpus)
		if (cpu >= hosted_machine.nr_cpus)
			return -EINVAL;
	__hosted_run_on_cpus(cpus, fn, arg);
	return 0;
}

/* ---- remote processors --------------------------------------------------- */

static bool hosted_remote_ready(struct hosted_proc *r)
{
	return atomic_load_explicit(&r->pending, memory_order_relaxed) ||
	       atomic_load_explicit(&r->stop, memory_order_relaxed);
}

/* Only this thread writes its counters; readers load them with acquire. */
static void hosted_remote_bump(_Atomic unsigned long *count)
{
	/* release: pairs with the acquire loads of hosted_remote_count() */
	atomic_store_explicit(count, atomic_load_explicit(count, memory_order_relaxed) + 1,
			      memory_order_release);
}

static void *hosted_remote_thread(void *arg)
{
	struct hosted_proc *r = arg;
	uint64_t lines;

	hosted_this_proc = r;
	hosted_irq_thread_init(true);

	while (!atomic_load_explicit(&r->stop, memory_order_acquire)) {
		/* acquire: pairs with the release RMW in hosted_proc_raise() */
		lines = atomic_exchange_explicit(&r->pending, 0, memory_order_acquire);
		if (!lines) {
			hosted_proc_wait(r, hosted_remote_ready);
			continue;
		}
		while (lines) {
			hosted_remote_bump(&r->line_count[__builtin_ctzll(lines)]);
			hosted_remote_bump(&r->interrupts);
			lines &= lines - 1;
		}
	}
	return NULL;
}

int hosted_remote_add(const char *name, unsigned long hwid)
{
	struct hosted_proc *r;
	int ret;

	if (!name || hwid >= HOSTED_MAX_HWID)
		return -EINVAL;
	pthread_mutex_lock(&hosted_machine_lock);
	if (!hosted_machine_booted()) {
		ret = -EINVAL;
		goto out_unlock;
	}
	if (atomic_load_explicit(&hosted_machine.hwid_to_target[hwid], memory_order_relaxed) !=
	    HOSTED_NO_TARGET) {
		ret = -EEXIST;
		goto out_unlock;
	}
	r = hosted_proc_alloc(HOSTED_PROC_REMOTE, HOSTED_NO_TARGET, hwid, name);
	if (!r) {
		ret = -ENOMEM;
		goto out_unlock;
	}
	/* the thread first: registration cannot be undone, a thread can */
	ret = hosted_proc_start(r, hosted_remote_thread, -1);
	if (ret)
		goto err_free;
	ret = ipi_register_remote(r->name, hwid);
	if (ret < 0)
		goto err_stop;
	r->target = (unsigned int)ret;
	/* release: pairs with the acquire loads in hosted_proc_of_target/_hwid() */
	atomic_store_explicit(&hosted_machine.procs[ret], r, memory_order_release);
	atomic_store_explicit(&hosted_machine.hwid_to_target[hwid], r->target,
			      memory_order_release);
	goto out_unlock;

err_stop:
	hosted_proc_stop(r);
	hosted_proc_join(r);
	hosted_update_oversubscribed();
err_free:
	hosted_proc_free(r);
out_unlock:
	pthread_mutex_unlock(&hosted_machine_lock);
	return ret;
}

static struct hosted_proc *hosted_remote_of(unsigned int target, unsigned int line)
{
	struct hosted_proc *r;

	if (line >= HOSTED_NR_LINES || !hosted_machine_booted())
		return NULL;
	r = hosted_proc_of_target(target);
	return r && r->kind == HOSTED_PROC_REMOTE ? r : NULL;
}

unsigned long hosted_remote_count(unsigned int target, unsigned int line)
{
	struct hosted_proc *r = hosted_remote_of(target, line);

	/* acquire: pairs with the release store in hosted_remote_bump() */
	return r ? atomic_load_explicit(&r->line_count[line], memory_order_acquire) : 0;
}

static long hosted_elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000L + (now.tv_nsec - start->tv_nsec) / 1000000L;
}

int hosted_remote_wait(unsigned int target, unsigned int line, unsigned long count,
		       unsigned int timeout_ms)
{
	const struct timespec nap = { .tv_sec = 0, .tv_nsec = 50000 };
	struct hosted_proc *r = hosted_remote_of(target, line);
	struct timespec start;

	if (!r)
		return -EINVAL;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (unsigned int i = 0;; i++) {
		/* acquire: pairs with the release store in hosted_remote_bump() */
		if (atomic_load_explicit(&r->line_count[line], memory_order_acquire) >= count)
			return 0;
		if (hosted_elapsed_ms(&start) > (long)timeout_ms)
			return -ETIMEDOUT;
		if (i < 100)
			sched_yield();
		else
			nanosleep(&nap, NULL);
	}
}

int hosted_target_state(unsigned int target, struct hosted_target_state *state)
{
	struct hosted_proc *p;

	if (!state || !hosted_machine_booted())
		return -EINVAL;
	p = hosted_proc_of_target(target);
	if (!p)
		return -EINVAL;
	state->pending = atomic_load_explicit(&p->pending, memory_order_relaxed);
	state->enabled = atomic_load_explicit(&p->enabled, memory_order_relaxed);
	state->interrupts = atomic_load_explicit(&p->interrupts, memory_order_relaxed);
	state->sleeps = atomic_load_explicit(&p->sleeps, memory_order_relaxed);
	state->wakeups = atomic_load_explicit(&p->wakeups, memory_order_relaxed);
	return 0;
}

/* ---- boot and shutdown --------------------------------------------------- */

/* The processor of target @t, for boot and shutdown (no thread reads it then). */
static struct hosted_proc *hosted_proc_slot(unsigned int t)
{
	return atomic_load_explicit(&hosted_machine.procs[t], memory_order_relaxed);
}

/*
 * Stop every thread and forget the machine, from any state a boot can
 * leave. @core_up: irq_core_init() succeeded and must be undone.
 */
static void hosted_machine_teardown(bool core_up)
{
	unsigned int t;

	/* device models from a device tree first: their threads raise lines */
	hosted_fdt_models_remove();
	for (t = 0; t < NR_TARGETS; t++) {
		struct hosted_proc *p = hosted_proc_slot(t);

		if (p && p->thread_started)
			hosted_proc_stop(p);
	}
	for (t = 0; t < NR_TARGETS; t++) {
		struct hosted_proc *p = hosted_proc_slot(t);

		if (p)
			hosted_proc_join(p);
	}
	/* no thread of the machine runs any more: plain resets from here */
	if (core_up)
		irq_core_teardown();
	/* after the core freed the fwnodes the probed-node table points to */
	irqchip_fdt_reset();
	hosted_swipi_reset();
	hosted_cpu_intc_reset();
	hosted_swipi_model_reset();
	hosted_mmio_reset();
	for (t = 0; t < NR_TARGETS; t++) {
		struct hosted_proc *p = hosted_proc_slot(t);

		atomic_store_explicit(&hosted_machine.procs[t], NULL, memory_order_relaxed);
		if (p)
			hosted_proc_free(p);
	}
	for (t = 0; t < HOSTED_MAX_HWID; t++)
		atomic_store_explicit(&hosted_machine.hwid_to_target[t], HOSTED_NO_TARGET,
				      memory_order_relaxed);
	hosted_machine.nr_cpus = 0;
	atomic_store_explicit(&hosted_nr_threads, 0, memory_order_relaxed);
}

static unsigned int hosted_count_usable_cores(void)
{
	long online;

	if (!sched_getaffinity(0, sizeof(hosted_usable_cores), &hosted_usable_cores))
		return (unsigned int)CPU_COUNT(&hosted_usable_cores);
	CPU_ZERO(&hosted_usable_cores);
	online = sysconf(_SC_NPROCESSORS_ONLN);
	return online > 0 ? (unsigned int)online : 1;
}

/* CPU hardware ids: each below HOSTED_MAX_HWID, no two alike. */
static bool hosted_hwids_valid(const unsigned long *hwids, unsigned int nr)
{
	static bool seen[HOSTED_MAX_HWID];
	bool valid = true;
	unsigned int cpu;

	/* serialised by hosted_machine_lock, so one table does */
	for (cpu = 0; cpu < nr && valid; cpu++) {
		valid = hwids[cpu] < HOSTED_MAX_HWID && !seen[hwids[cpu]];
		if (valid)
			seen[hwids[cpu]] = true;
	}
	while (cpu--)
		if (hwids[cpu] < HOSTED_MAX_HWID)
			seen[hwids[cpu]] = false;
	return valid;
}

static bool hosted_config_valid(const struct hosted_machine_config *cfg)
{
	if (!cfg || !cfg->nr_cpus || cfg->nr_cpus > NR_CPUS || cfg->nr_cpus > NR_TARGETS ||
	    cfg->nr_cpus > HOSTED_MAX_HWID)
		return false;
	switch (cfg->delivery) {
	case HOSTED_DELIVERY_POLL:
	case HOSTED_DELIVERY_SLEEP:
	case HOSTED_DELIVERY_HYBRID:
		return true;
	default:
		return false;
	}
}

int hosted_machine_boot(const struct hosted_machine_config *cfg)
{
	bool pin, core_up = false;
	unsigned int cpu;
	int ret;

	if (!hosted_config_valid(cfg) || hosted_this_proc)
		return -EINVAL;
	pthread_mutex_lock(&hosted_machine_lock);
	if (hosted_machine_booted()) {
		ret = -EBUSY;
		goto out_unlock;
	}
	if (cfg->hwids && !hosted_hwids_valid(cfg->hwids, cfg->nr_cpus)) {
		ret = -EINVAL;
		goto out_unlock;
	}

	hosted_machine.nr_cpus = cfg->nr_cpus;
	hosted_machine.delivery = cfg->delivery;
	hosted_machine.spin_iterations = cfg->spin_iterations ? cfg->spin_iterations :
								HOSTED_DEFAULT_SPIN_ITERATIONS;
	hosted_machine.nr_cores = hosted_count_usable_cores();
	pin = !cfg->no_pin && cfg->nr_cpus <= hosted_machine.nr_cores &&
	      CPU_COUNT(&hosted_usable_cores);
	for (cpu = 0; cpu < HOSTED_MAX_HWID; cpu++)
		atomic_store_explicit(&hosted_machine.hwid_to_target[cpu], HOSTED_NO_TARGET,
				      memory_order_relaxed);

	ret = irq_core_init(cfg->nr_cpus, cfg->hwids);
	if (ret)
		goto err_teardown;
	core_up = true;

	for (cpu = 0; cpu < cfg->nr_cpus; cpu++) {
		unsigned long hwid = cfg->hwids ? cfg->hwids[cpu] : cpu;
		struct hosted_proc *c = hosted_proc_alloc(HOSTED_PROC_CPU, cpu, hwid, NULL);

		if (!c) {
			ret = -ENOMEM;
			goto err_teardown;
		}
		/* no thread runs yet: published by pthread_create() */
		atomic_store_explicit(&hosted_machine.procs[cpu], c, memory_order_relaxed);
		atomic_store_explicit(&hosted_machine.hwid_to_target[hwid], cpu,
				      memory_order_relaxed);
	}

	if (!cfg->bare) {
		ret = hosted_swipi_model_init();
		if (ret)
			goto err_teardown;
		ret = hosted_cpu_intc_init();
		if (ret)
			goto err_teardown;
		ret = hosted_swipi_init();
		if (ret)
			goto err_teardown;
	}

	for (cpu = 0; cpu < cfg->nr_cpus; cpu++) {
		ret = hosted_proc_start(hosted_proc_of_target(cpu), hosted_cpu_thread,
					pin ? (int)cpu : -1);
		if (ret)
			goto err_teardown;
	}
	for (cpu = 0; cpu < cfg->nr_cpus; cpu++)
		set_cpu_online(cpu, true);
	/* each CPU enables its own inputs, as a secondary CPU does at bring-up */
	if (!cfg->bare)
		__hosted_run_on_cpus(cpu_possible_mask, hosted_swipi_init_cpu, NULL);

	/* release: pairs with the acquire load in hosted_machine_booted() */
	atomic_store_explicit(&hosted_booted, true, memory_order_release);
	goto out_unlock;

err_teardown:
	hosted_machine_teardown(core_up);
out_unlock:
	pthread_mutex_unlock(&hosted_machine_lock);
	return ret;
}

void hosted_machine_shutdown(void)
{
	if (hosted_this_proc) {
		genipi_log("hosted: hosted_machine_shutdown() called on a thread of the machine\n");
		return;
	}
	pthread_mutex_lock(&hosted_machine_lock);
	if (hosted_machine_booted()) {
		atomic_store_explicit(&hosted_booted, false, memory_order_relaxed);
		hosted_machine_teardown(true);
	}
	pthread_mutex_unlock(&hosted_machine_lock);
}
