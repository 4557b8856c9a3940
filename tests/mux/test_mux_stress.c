// SPDX-License-Identifier: BSD-2-Clause
/*
 * Stress test of the multiplexer: no lost IPI under masking and faults.
 *
 *   test_mux_stress [--cpus N] [--mode sleep|hybrid|poll] [--faults off|on|both]
 *                   [--mask-in-handler off|on] [--seconds S] [--seed X]
 *
 * Half of the CPUs (at least one) are senders: they hammer every virtual
 * IPI at random targets with every send function (ipi_send_single/mask/all
 * and the __ fast paths; to themselves too, also with interrupts masked),
 * and take interrupts between sends. In the last fifth of a phase they send
 * one IPI at a time, up to STRESS_SPARSE_GAP_US apart: hammering, nearly
 * every send finds its bit pending and coalesces; sparse, nearly every send
 * sets a new bit and must raise the parent IPI itself (and wake a sleeping
 * receiver); nobody changes masks then. The others are receivers: they
 * randomly mask and unmask vIPIs on themselves (disable_percpu_irq() /
 * enable_percpu_irq()) and wait for interrupts (hosted_irq_poll(), or a
 * "wfi" that sleeps in the sleep and hybrid delivery modes). Senders mask
 * and unmask too, less often.
 *
 * Accounting. Before each send a sender bumps seq[target][vIPI] (an atomic
 * counter); a handler reads seq[this CPU][its vIPI] after it was entered
 * (the multiplexer's acquire claim makes the bump of every send it answers
 * visible) and keeps the largest value it saw. Checked:
 *
 *  - while running, in every handler: the vIPI is unmasked on this CPU (the
 *    CPU tracks its own mask state), it runs on the CPU its dev_id belongs
 *    to, the vIPI was sent at all (seq > 0), and seq never went back;
 *  - at quiescence (senders stopped), every CPU takes interrupts with its
 *    masks as they are until the handlers of its enabled vIPIs caught up,
 *    then unmasks everything and does it again: every handler must have
 *    seen the final seq of its (CPU, vIPI), coalescing is allowed, losing
 *    is not. The first step needs no incidental parent IPI (another
 *    vIPI's, an unmask's) to rescue a send that should have raised its own;
 *  - handler runs <= sends for every (CPU, vIPI).
 *
 * With --mask-in-handler on, handlers also mask another vIPI of their CPU
 * now and then (disable_percpu_irq() in a handler, as Linux allows); a vIPI
 * claimed in the same batch must then not run until unmasked.
 *
 * Printed: sends (per target), handler runs, coalesced sends (the
 * difference), mask/unmask calls and what the CLINT model did.
 *
 * Each phase runs for --seconds (default STRESS_DEFAULT_SECONDS; the
 * environment variable GENIPI_STRESS_SECONDS overrides the default, and
 * --seconds overrides both). --faults both runs a phase without and one
 * with the model's fault injection (duplicated, delayed and spurious
 * parent IPIs).
 */
#define _POSIX_C_SOURCE 200809L

#include "mux-machine.h"

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STRESS_DEFAULT_SECONDS 6
#define STRESS_NR_VIPI MUX_NR_VIPI
/* A free cpu-intc line: rung to get receivers out of their wfi at the end. */
#define STRESS_LINE_DOORBELL 40
/* How long CPUs may take to catch up at quiescence before sends count as lost. */
#define STRESS_QUIESCE_MS 10000
/* Senders pause up to this long between sends in the sparse tail of a phase. */
#define STRESS_SPARSE_GAP_US 200
/* Interrupts taken after catching up, for late (delayed, duplicated) parent IPIs. */
#define STRESS_DRAIN_MS 20

struct stress_config {
	unsigned int nr_cpus;
	enum hosted_delivery delivery;
	bool faults;
	bool mask_in_handler;
	unsigned int seconds;
	unsigned long seed;
};

/* Each CPU's own record; its handler's dev_id. Only that CPU writes it. */
struct stress_cpu {
	unsigned int cpu;
	uint64_t rng;
	bool enabled[STRESS_NR_VIPI];
	unsigned long observed[STRESS_NR_VIPI];
	unsigned long runs[STRESS_NR_VIPI];
	unsigned long lost[STRESS_NR_VIPI];
	bool lost_while_enabled; /* lost before the final unmasks */
	/* violations seen by the handler */
	unsigned long runs_while_masked;
	unsigned long runs_on_wrong_cpu;
	unsigned long runs_never_sent;
	unsigned long seq_went_back;
	/* work done */
	unsigned long send_calls;
	unsigned long send_errors;
	unsigned long masks;
	unsigned long unmasks;
	unsigned long waits;
	unsigned long doorbells;
};

static const struct stress_config *stress_cfg;
static struct stress_cpu *stress_pcpu;
static struct irq_desc *stress_desc[STRESS_NR_VIPI];
static unsigned int stress_doorbell_virq;
static unsigned int stress_nr_senders;

/* Bumped by senders before each send; read by handlers. */
struct stress_seq {
	_Alignas(64) _Atomic unsigned long v[STRESS_NR_VIPI];
};
static struct stress_seq stress_seq[NR_CPUS];

static _Atomic bool stress_stop;
static _Atomic bool stress_sparse;
static _Atomic unsigned int stress_finished;

static uint64_t stress_random(struct stress_cpu *me)
{
	/* xorshift64* */
	me->rng ^= me->rng >> 12;
	me->rng ^= me->rng << 25;
	me->rng ^= me->rng >> 27;
	return me->rng * 0x2545f4914f6cdd1dULL;
}

static void stress_mask(struct stress_cpu *me, unsigned int v);

/* ---- handlers --------------------------------------------------------------- */

static irqreturn_t stress_handler(int irq, void *dev_id)
{
	struct stress_cpu *me = dev_id;
	unsigned int cpu = smp_processor_id();
	unsigned int v = (unsigned int)irq - mux.first_virq;
	unsigned long seq;

	if (me->cpu != cpu || v >= STRESS_NR_VIPI) {
		me->runs_on_wrong_cpu++;
		return IRQ_NONE;
	}
	/*
	 * relaxed: the bump came before the send's release (S1), and the claim
	 * that released this handler was an acquire (P2).
	 */
	seq = atomic_load_explicit(&stress_seq[cpu].v[v], memory_order_relaxed);
	if (!me->enabled[v])
		me->runs_while_masked++;
	if (!seq)
		me->runs_never_sent++;
	if (seq < me->observed[v])
		me->seq_went_back++;
	else
		me->observed[v] = seq;
	me->runs[v]++;
	/*
	 * --mask-in-handler: now and then mask another vIPI of this CPU from
	 * here. If it was claimed in the same batch, it must not run now.
	 */
	if (stress_cfg->mask_in_handler && !(stress_random(me) % 64)) {
		unsigned int u = (unsigned int)(stress_random(me) % STRESS_NR_VIPI);

		if (u != v && me->enabled[u])
			stress_mask(me, u);
	}
	return IRQ_HANDLED;
}

static irqreturn_t stress_doorbell(int irq, void *dev_id)
{
	struct stress_cpu *me = dev_id;

	(void)irq;
	me->doorbells++;
	return IRQ_HANDLED;
}

/* ---- what the CPUs do ------------------------------------------------------- */

static void stress_unmask(struct stress_cpu *me, unsigned int v)
{
	/* tracked first: the handler may run as soon as the unmask is done */
	me->enabled[v] = true;
	enable_percpu_irq(mux_virq(v), IRQ_TYPE_NONE);
	me->unmasks++;
}

static void stress_mask(struct stress_cpu *me, unsigned int v)
{
	disable_percpu_irq(mux_virq(v));
	me->enabled[v] = false;
	me->masks++;
}

static void stress_toggle(struct stress_cpu *me)
{
	unsigned int v = (unsigned int)(stress_random(me) % STRESS_NR_VIPI);

	if (me->enabled[v])
		stress_mask(me, v);
	else
		stress_unmask(me, v);
}

static void stress_bump(unsigned int target, unsigned int v)
{
	/* the handler reads it after the claim; see stress_handler() */
	atomic_fetch_add_explicit(&stress_seq[target].v[v], 1, memory_order_relaxed);
}

static void stress_send(struct stress_cpu *me)
{
	uint64_t r = stress_random(me);
	unsigned int v = (unsigned int)(r % STRESS_NR_VIPI);
	unsigned int nr = stress_cfg->nr_cpus, t;
	unsigned int kind = (unsigned int)((r >> 8) % 10);
	struct cpumask dest;
	int ret;

	r >>= 16;
	if (kind < 5) {
		/* one target */
		t = (unsigned int)(r % nr);
		stress_bump(t, v);
		if (kind & 1)
			ret = ipi_send_single(mux_virq(v), t);
		else
			ret = __ipi_send_single(stress_desc[v], t);
	} else if (kind < 8) {
		/* a random non-empty set */
		cpumask_clear(&dest);
		for (t = 0; t < nr; t++)
			if ((r >> t) & 1)
				cpumask_set_cpu(t, &dest);
		if (cpumask_empty(&dest))
			cpumask_set_cpu((unsigned int)(r % nr), &dest);
		for_each_cpu(t, &dest)
			stress_bump(t, v);
		if (kind == 7)
			ret = __ipi_send_mask(stress_desc[v], &dest);
		else
			ret = ipi_send_mask(mux_virq(v), &dest);
	} else if (kind == 8) {
		/* everyone */
		for (t = 0; t < nr; t++)
			stress_bump(t, v);
		ret = ipi_send_all(mux_virq(v));
	} else {
		/* itself */
		stress_bump(me->cpu, v);
		ret = ipi_send_single(mux_virq(v), me->cpu);
	}
	me->send_calls++;
	if (ret)
		me->send_errors++;
}

static bool stress_any_enabled(struct stress_cpu *me)
{
	for (unsigned int v = 0; v < STRESS_NR_VIPI; v++)
		if (me->enabled[v])
			return true;
	return false;
}

/* Take interrupts for up to STRESS_SPARSE_GAP_US microseconds. */
static void stress_gap(struct stress_cpu *me)
{
	struct timespec ts;
	uint64_t end, now;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	end = now + 1000u * (stress_random(me) % STRESS_SPARSE_GAP_US);
	while (now < end) {
		hosted_irq_poll();
		clock_gettime(CLOCK_MONOTONIC, &ts);
		now = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	}
}

static void stress_sender_step(struct stress_cpu *me)
{
	unsigned int r = (unsigned int)(stress_random(me) % 100);
	unsigned long flags;

	/*
	 * The sparse tail: one send at a time, each likely a newly pending
	 * bit. Nobody changes masks: an unmask's self-raise would deliver
	 * whatever else is pending on that CPU, and hide a send that failed
	 * to raise its own parent IPI.
	 */
	if (atomic_load_explicit(&stress_sparse, memory_order_relaxed)) {
		stress_send(me);
		stress_gap(me);
		return;
	}

	if (r < 75) {
		stress_send(me);
	} else if (r < 80) {
		stress_toggle(me);
	} else if (r < 95) {
		hosted_irq_poll();
	} else {
		/* sends with interrupts masked: self-IPIs wait for the restore */
		local_irq_save(flags);
		stress_send(me);
		stress_send(me);
		local_irq_restore(flags);
	}
}

static void stress_receiver_step(struct stress_cpu *me)
{
	unsigned int r = (unsigned int)(stress_random(me) % 100);
	bool sparse = atomic_load_explicit(&stress_sparse, memory_order_relaxed);

	if (r < 40 && !sparse) {
		stress_toggle(me);
	} else if (r < 70 || !stress_any_enabled(me)) {
		hosted_irq_poll();
	} else {
		me->waits++;
		hosted_cpu_wait_for_interrupt();
	}
}

static void stress_run_here(void *unused)
{
	struct stress_cpu *me = this_cpu_ptr(stress_pcpu);
	bool sender = me->cpu < stress_nr_senders;

	(void)unused;
	enable_percpu_irq(stress_doorbell_virq, IRQ_TYPE_NONE);
	/* acquire: pairs with the release store of stress_stop in stress_phase() */
	while (!atomic_load_explicit(&stress_stop, memory_order_acquire)) {
		if (sender)
			stress_sender_step(me);
		else
			stress_receiver_step(me);
	}
	atomic_fetch_add_explicit(&stress_finished, 1, memory_order_release);
}

/* Has every handler of the vIPIs enabled here seen its final sequence number? */
static bool stress_caught_up(struct stress_cpu *me)
{
	for (unsigned int v = 0; v < STRESS_NR_VIPI; v++)
		if (me->enabled[v] &&
		    me->observed[v] <
			    atomic_load_explicit(&stress_seq[me->cpu].v[v], memory_order_relaxed))
			return false;
	return true;
}

/*
 * Take interrupts until caught up, then for STRESS_DRAIN_MS more (late
 * parent IPIs). Returns false if STRESS_QUIESCE_MS passed first.
 */
static bool stress_catch_up(struct stress_cpu *me)
{
	unsigned long start = mux_now_ms(), caught = 0;

	for (;;) {
		unsigned long now = mux_now_ms();

		hosted_irq_poll();
		if (!caught && stress_caught_up(me))
			caught = now ? now : 1;
		if (caught && now - caught >= STRESS_DRAIN_MS)
			return true;
		if (!caught && now - start > STRESS_QUIESCE_MS)
			return false;
		sched_yield();
	}
}

static void stress_count_lost(struct stress_cpu *me)
{
	for (unsigned int v = 0; v < STRESS_NR_VIPI; v++) {
		unsigned long final = atomic_load_explicit(&stress_seq[me->cpu].v[v],
							   memory_order_relaxed);

		if (me->enabled[v] && final > me->observed[v])
			me->lost[v] = final - me->observed[v];
	}
}

/*
 * Quiescence on each CPU, senders stopped. First with the masks as they
 * are: a vIPI enabled now must deliver every send without anything else
 * happening (a send found it enabled and raised, or found it pending behind
 * one that did, or found it masked and the unmask raised it). Then unmask
 * the rest: each must deliver what waited while it was masked.
 */
static void stress_quiesce_here(void *unused)
{
	struct stress_cpu *me = this_cpu_ptr(stress_pcpu);

	(void)unused;
	if (!stress_catch_up(me)) {
		stress_count_lost(me);
		me->lost_while_enabled = true;
	}
	for (unsigned int v = 0; v < STRESS_NR_VIPI; v++)
		if (!me->enabled[v])
			stress_unmask(me, v);
	if (!stress_catch_up(me))
		stress_count_lost(me);
	disable_percpu_irq(stress_doorbell_virq);
}

static void stress_mask_all_here(void *unused)
{
	struct stress_cpu *me = this_cpu_ptr(stress_pcpu);

	(void)unused;
	for (unsigned int v = 0; v < STRESS_NR_VIPI; v++)
		if (me->enabled[v])
			stress_mask(me, v);
}

/* ---- the phase ---------------------------------------------------------------- */

static void *stress_cpus_thread(void *unused)
{
	(void)unused;
	mux_on_all_cpus(stress_run_here, NULL);
	return NULL;
}

static void stress_setup_records(const struct stress_config *cfg)
{
	stress_cfg = cfg;
	stress_nr_senders = cfg->nr_cpus / 2 ? cfg->nr_cpus / 2 : 1;
	memset(stress_seq, 0, sizeof(stress_seq));
	atomic_store(&stress_stop, false);
	atomic_store(&stress_sparse, false);
	atomic_store(&stress_finished, 0);
	stress_pcpu = alloc_percpu(struct stress_cpu);
	assert_non_null(stress_pcpu);
	for (unsigned int cpu = 0; cpu < cfg->nr_cpus; cpu++) {
		struct stress_cpu *c = per_cpu_ptr(stress_pcpu, cpu);

		c->cpu = cpu;
		c->rng = (cfg->seed + 1) * 0x9e3779b97f4a7c15ULL + cpu * 0xbf58476d1ce4e5b9ULL + 1;
	}
	for (unsigned int v = 0; v < STRESS_NR_VIPI; v++) {
		stress_desc[v] = irq_to_desc(mux_virq(v));
		assert_non_null(stress_desc[v]);
		assert_int_equal(request_percpu_irq(mux_virq(v), stress_handler, "stress",
						    stress_pcpu),
				 0);
	}
	stress_doorbell_virq = irq_create_mapping(hosted_cpu_intc_domain(), STRESS_LINE_DOORBELL);
	assert_true(stress_doorbell_virq > 0);
	assert_int_equal(request_percpu_irq(stress_doorbell_virq, stress_doorbell, "doorbell",
					    stress_pcpu),
			 0);
}

static void stress_free_records(void)
{
	mux_on_all_cpus(stress_mask_all_here, NULL);
	for (unsigned int v = 0; v < STRESS_NR_VIPI; v++)
		free_percpu_irq(mux_virq(v), stress_pcpu);
	free_percpu_irq(stress_doorbell_virq, stress_pcpu);
	irq_dispose_mapping(stress_doorbell_virq);
	free_percpu(stress_pcpu);
	stress_pcpu = NULL;
}

static const char *stress_mode_name(enum hosted_delivery d)
{
	switch (d) {
	case HOSTED_DELIVERY_POLL:
		return "poll";
	case HOSTED_DELIVERY_SLEEP:
		return "sleep";
	default:
		return "hybrid";
	}
}

struct stress_result {
	unsigned long sends, runs, lost, bad, too_many, errors;
};

/* Sum the records and print them. */
static void stress_sum(const struct stress_config *cfg, unsigned long ms, struct stress_result *res)
{
	unsigned long sends = 0, runs = 0, calls = 0, masks = 0, unmasks = 0, waits = 0;
	unsigned long bad = 0, errors = 0, lost = 0, too_many = 0;
	struct hosted_clint_stats s;

	for (unsigned int cpu = 0; cpu < cfg->nr_cpus; cpu++) {
		struct stress_cpu *c = per_cpu_ptr(stress_pcpu, cpu);

		for (unsigned int v = 0; v < STRESS_NR_VIPI; v++) {
			unsigned long seq = atomic_load(&stress_seq[cpu].v[v]);

			sends += seq;
			runs += c->runs[v];
			lost += c->lost[v];
			if (c->lost[v])
				fprintf(stderr,
					"LOST: CPU %u vIPI %u: %lu send(s) up to seq %lu not handled%s\n",
					cpu, v, c->lost[v], seq,
					c->observed[v] == seq && c->lost_while_enabled ?
						" while enabled (only an unmask delivered them)" :
						"");
			if (c->runs[v] > seq) {
				too_many++;
				fprintf(stderr, "CPU %u vIPI %u: %lu handler runs for %lu sends\n",
					cpu, v, c->runs[v], seq);
			}
		}
		if (c->runs_while_masked || c->runs_on_wrong_cpu || c->runs_never_sent ||
		    c->seq_went_back)
			fprintf(stderr,
				"CPU %u: %lu runs while masked, %lu on a wrong CPU, %lu never sent, "
				"%lu seq went back\n",
				cpu, c->runs_while_masked, c->runs_on_wrong_cpu, c->runs_never_sent,
				c->seq_went_back);
		bad += c->runs_while_masked + c->runs_on_wrong_cpu + c->runs_never_sent +
		       c->seq_went_back;
		errors += c->send_errors;
		calls += c->send_calls;
		masks += c->masks;
		unmasks += c->unmasks;
		waits += c->waits;
	}
	hosted_clint_get_stats(&s);
	printf("mux stress: %u CPUs (%u senders), %s delivery, faults %s%s, seed %lu: %.1f s\n",
	       cfg->nr_cpus, stress_nr_senders, stress_mode_name(cfg->delivery),
	       cfg->faults ? "on" : "off", cfg->mask_in_handler ? ", masking in handlers" : "",
	       cfg->seed, ms / 1000.0);
	printf("  sends %lu (%lu send calls), handler runs %lu, coalesced %lu (%.1f%%)\n", sends,
	       calls, runs, sends - runs, sends ? 100.0 * (double)(sends - runs) / sends : 0.0);
	printf("  masks %lu, unmasks %lu, wfi %lu; CLINT: MSIP sets %lu, raises %lu, "
	       "duplicated %lu, delayed %lu, spurious %lu\n",
	       masks, unmasks, waits, s.sets, s.raises, s.duplicated, s.delayed, s.spurious);
	printf("  lost %lu, bad handler runs %lu, runs > sends %lu, send errors %lu\n", lost, bad,
	       too_many, errors);
	fflush(stdout);
	*res = (struct stress_result){ sends, runs, lost, bad, too_many, errors };
}

static void stress_phase(void **state)
{
	const struct stress_config *cfg = *state;
	const struct hosted_clint_faults faults = {
		.duplicate_percent = 10,
		.delay_percent = 10,
		.delay_max_us = 200,
		.spurious_interval_us = 200,
		.seed = (unsigned int)cfg->seed,
	};
	struct stress_result res;
	unsigned long start, ms;
	pthread_t cpus;

	stress_setup_records(cfg);
	if (cfg->faults)
		assert_int_equal(hosted_clint_set_faults(&faults), 0);

	start = mux_now_ms();
	assert_int_equal(pthread_create(&cpus, NULL, stress_cpus_thread, NULL), 0);
	mux_sleep_ms(cfg->seconds * 800);
	atomic_store_explicit(&stress_sparse, true, memory_order_relaxed);
	mux_sleep_ms(cfg->seconds * 200);
	/* release: pairs with the acquire load in stress_run_here() */
	atomic_store_explicit(&stress_stop, true, memory_order_release);
	/* receivers may sit in a wfi with every vIPI masked: ring until all left */
	while (atomic_load_explicit(&stress_finished, memory_order_acquire) < cfg->nr_cpus) {
		for (unsigned int cpu = 0; cpu < cfg->nr_cpus; cpu++)
			hosted_raise_line(cpu, STRESS_LINE_DOORBELL);
		mux_sleep_ms(1);
	}
	pthread_join(cpus, NULL);
	ms = mux_now_ms() - start;

	/* senders have stopped: every CPU unmasks everything and catches up */
	mux_on_all_cpus(stress_quiesce_here, NULL);
	hosted_clint_set_faults(NULL);
	stress_sum(cfg, ms, &res);
	stress_free_records();
	assert_int_equal(res.lost, 0);
	assert_int_equal(res.bad, 0);
	assert_int_equal(res.too_many, 0);
	assert_int_equal(res.errors, 0);
	assert_true(res.sends > 0);
	assert_true(res.runs > 0);
}

static int stress_setup(void **state)
{
	const struct stress_config *cfg = *state;
	int ret = mux_machine_boot(cfg->nr_cpus, cfg->delivery, STRESS_NR_VIPI);

	if (ret)
		print_error("mux_machine_boot(%u CPUs): %d\n", cfg->nr_cpus, ret);
	return ret;
}

/* ---- command line ------------------------------------------------------------- */

static void stress_usage(void)
{
	fprintf(stderr, "usage: test_mux_stress [--cpus N] [--mode sleep|hybrid|poll]\n"
			"                       [--faults off|on|both] [--mask-in-handler off|on]\n"
			"                       [--seconds S] [--seed X]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static struct stress_config cfgs[2];
	struct stress_config base = {
		.nr_cpus = 4,
		.delivery = HOSTED_DELIVERY_SLEEP,
		.seconds = STRESS_DEFAULT_SECONDS,
		.seed = (unsigned long)time(NULL),
	};
	const char *env = getenv("GENIPI_STRESS_SECONDS");
	const char *faults = "both";
	struct CMUnitTest tests[2];
	char names[2][64];
	size_t nr = 0;

	if (env && atoi(env) > 0)
		base.seconds = (unsigned int)atoi(env);
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!val)
			stress_usage();
		i++;
		if (!strcmp(arg, "--cpus"))
			base.nr_cpus = (unsigned int)atoi(val);
		else if (!strcmp(arg, "--seconds"))
			base.seconds = (unsigned int)atoi(val);
		else if (!strcmp(arg, "--seed"))
			base.seed = strtoul(val, NULL, 0);
		else if (!strcmp(arg, "--faults"))
			faults = val;
		else if (!strcmp(arg, "--mask-in-handler"))
			base.mask_in_handler = !strcmp(val, "on");
		else if (!strcmp(arg, "--mode") && !strcmp(val, "sleep"))
			base.delivery = HOSTED_DELIVERY_SLEEP;
		else if (!strcmp(arg, "--mode") && !strcmp(val, "hybrid"))
			base.delivery = HOSTED_DELIVERY_HYBRID;
		else if (!strcmp(arg, "--mode") && !strcmp(val, "poll"))
			base.delivery = HOSTED_DELIVERY_POLL;
		else
			stress_usage();
	}
	if (!base.nr_cpus || base.nr_cpus > NR_CPUS || !base.seconds)
		stress_usage();

	for (int f = 0; f < 2; f++) {
		if ((f == 0 && !strcmp(faults, "on")) || (f == 1 && !strcmp(faults, "off")))
			continue;
		cfgs[nr] = base;
		cfgs[nr].faults = f;
		snprintf(names[nr], sizeof(names[nr]), "stress_%ucpu_%s_faults_%s%s", base.nr_cpus,
			 stress_mode_name(base.delivery), f ? "on" : "off",
			 base.mask_in_handler ? "_mask_in_handler" : "");
		tests[nr] = (struct CMUnitTest){
			.name = names[nr],
			.test_func = stress_phase,
			.setup_func = stress_setup,
			.teardown_func = mux_machine_teardown,
			.initial_state = &cfgs[nr],
		};
		nr++;
	}
	if (!nr)
		stress_usage();
	return _cmocka_run_group_tests("mux_stress", tests, nr, NULL, NULL);
}
