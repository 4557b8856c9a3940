// SPDX-License-Identifier: BSD-2-Clause
/*
 * genipi-sim: the workloads.
 *
 *   pingpong   an IPI bounced between two CPUs, each pair of CPUs in turn:
 *              the handler on one CPU sends the answer to the other, so
 *              exactly one IPI is in flight; one-way latency is send to
 *              handler. Every IPI that reaches all CPUs takes its turn.
 *   broadcast  one CPU (the first) sends to every other CPU with
 *              ipi_send_mask(), then to the whole reservation (itself and
 *              any remote processor included) with ipi_send_all(), and so
 *              on, waiting each time until every target saw it.
 *   storm      every CPU sends at once, as fast as it can, to random CPUs
 *              on random IPIs (mostly ipi_send_single(), one send in eight
 *              an ipi_send_mask() to a random set): the multiplexer's
 *              virtual IPIs if the machine has fixed IPIs, else the
 *              controllers' IPIs. Sends merge; none may be lost.
 *   remote     each CPU in turn sends to the remote processors, one at a
 *              time (ipi_send_single()) or all at once (ipi_send_mask()),
 *              and watches their raise counts move; CPUs must get nothing.
 *
 * The waits have a deadline (--timeout): a target that never sees a
 * send is reported on a LOST line.
 */
#define _POSIX_C_SOURCE 200809L

#include "sim.h"

#include <genipi/port.h>

#include <sched.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

const char *const sim_workload_names[SIM_NR_WORKLOADS] = {
	[SIM_PINGPONG] = "pingpong",
	[SIM_BROADCAST] = "broadcast",
	[SIM_STORM] = "storm",
	[SIM_REMOTE] = "remote",
};

/* Round trips per pair and pingpong step when running for a duration. */
#define SIM_PINGPONG_STEP 16
/* Storm senders look at the clock every this many sends. */
#define SIM_STORM_CLOCK_EVERY 16

/* ---- which IPIs a workload uses ---------------------------------------------- */

typedef bool (*sim_ipi_filter_t)(const struct sim_ipi *ipi);

static bool sim_ipi_reaches_all_cpus(const struct sim_ipi *ipi)
{
	return cpumask_equal(&ipi->cpus, &sim.cpus);
}

static bool sim_ipi_reaches_remotes(const struct sim_ipi *ipi)
{
	return !cpumask_empty(&ipi->remotes);
}

/* The multiplexer's virtual IPIs if there are any, else the controllers'. */
static bool sim_ipi_storms(const struct sim_ipi *ipi)
{
	return !cpumask_empty(&ipi->cpus) && (ipi->kind == SIM_IPI_FIXED) == sim.has_fixed;
}

static unsigned int sim_select(sim_ipi_filter_t filter, struct sim_ipi **out)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < sim.nr_ipis; i++)
		if (filter(sim.ipis[i]))
			out[n++] = sim.ipis[i];
	return n;
}

const char *sim_workload_unfit(enum sim_workload w)
{
	struct sim_ipi *ipis[SIM_MAX_IPIS];

	switch (w) {
	case SIM_PINGPONG:
	case SIM_BROADCAST:
		if (sim.nr_cpus < 2)
			return "it needs at least 2 CPUs";
		if (!sim_select(sim_ipi_reaches_all_cpus, ipis))
			return "no IPI reaches every CPU";
		return NULL;
	case SIM_STORM:
		if (!sim_select(sim_ipi_storms, ipis))
			return "no IPI reaches the CPUs";
		return NULL;
	case SIM_REMOTE:
		if (cpumask_empty(&sim.remotes))
			return "the machine has no remote processor "
			       "(a \"genipi,remote-processor\" node)";
		if (!sim_select(sim_ipi_reaches_remotes, ipis))
			return "no IPI domain accepts its remote processors";
		return NULL;
	default:
		return "unknown workload";
	}
}

/* ---- waiting and reporting losses -------------------------------------------- */

/* Wait until @done(@arg), at most --timeout; false if it never came. */
static bool sim_wait(bool (*done)(void *), void *arg)
{
	const struct timespec nap = { .tv_nsec = 20000 };
	uint64_t deadline = sim_now_ns() + sim.timeout_ns;

	for (unsigned int i = 0;; i++) {
		if (done(arg))
			return true;
		if (sim_now_ns() > deadline)
			return done(arg);
		/* the CPU threads need the cores more than we do */
		if (i < 64)
			sched_yield();
		else
			nanosleep(&nap, NULL);
	}
}

static bool sim_slot_settled(struct sim_slot *slot)
{
	/* acquire: pairs with the handler's release store of seen */
	return atomic_load_explicit(&slot->seen, memory_order_acquire) ==
	       atomic_load_explicit(&slot->sent, memory_order_relaxed);
}

/* Has every CPU target of @arg (an IPI) seen the last send to it? */
static bool sim_ipi_settled(void *arg)
{
	struct sim_ipi *ipi = arg;
	unsigned int cpu;

	for_each_cpu(cpu, &ipi->cpus)
		if (!sim_slot_settled(&ipi->slot[cpu]))
			return false;
	return true;
}

static bool sim_all_settled(void *arg)
{
	(void)arg;
	for (unsigned int i = 0; i < sim.nr_ipis; i++)
		if (!sim_ipi_settled(sim.ipis[i]))
			return false;
	return true;
}

/* A LOST line for every target of every IPI that has not seen its last send. */
unsigned long sim_report_lost(const char *what)
{
	unsigned long lost = 0;

	for (unsigned int i = 0; i < sim.nr_ipis; i++) {
		struct sim_ipi *ipi = sim.ipis[i];
		unsigned int t;

		for_each_cpu(t, &ipi->targets) {
			struct sim_slot *slot = &ipi->slot[t];
			unsigned int virq = sim_ipi_virq_of(ipi, t);
			char who[64];

			if (sim_slot_settled(slot))
				continue;
			if (cpumask_test_cpu(t, &sim.cpus))
				snprintf(who, sizeof(who), "CPU%u", t);
			else
				snprintf(who, sizeof(who), "%s", target_name(t));
			printf("LOST: %s: virq %u (hwirq %lu of %s) to %s: sent #%lu, %s #%lu\n",
			       what, virq, ipi_get_hwirq(ipi->virq, t), ipi->controller, who,
			       atomic_load(&slot->sent),
			       cpumask_test_cpu(t, &sim.cpus) ? "the handler saw" :
								"its raise count moved for",
			       atomic_load(&slot->seen));
			lost++;
		}
	}
	return lost;
}

/* A wait timed out: report, and make sure the run fails even if the IPI came since. */
static unsigned long sim_lost(enum sim_workload w)
{
	unsigned long lost = sim_report_lost(sim_workload_names[w]);

	if (!lost) {
		printf("LOST: %s: a wait timed out, and the IPI arrived after it\n",
		       sim_workload_names[w]);
		lost = 1;
	}
	return lost;
}

static void sim_nothing(void *arg)
{
	(void)arg;
}

/*
 * Let every CPU pass through its idle loop, which takes what is pending
 * first: raises that merged with a send an earlier handler run consumed
 * are taken now (as stale runs), not in the next workload.
 */
static void sim_quiesce(void)
{
	hosted_run_on_cpus(&sim.cpus, sim_nothing, NULL);
}

/* ---- the clock and the budget ------------------------------------------------ */

struct sim_budget {
	uint64_t start;
	uint64_t deadline; /* 0 with --rounds */
	unsigned long rounds;
};

static void sim_budget_init(struct sim_budget *b, const struct sim_options *opts)
{
	b->start = sim_now_ns();
	b->rounds = opts->rounds;
	b->deadline = opts->rounds ? 0 : b->start + (uint64_t)(opts->duration * 1e9);
}

/* May round @done (0, 1, ...) start? */
static bool sim_budget_left(const struct sim_budget *b, unsigned long done)
{
	if (b->rounds)
		return done < b->rounds;
	return sim_now_ns() < b->deadline;
}

/* ---- pingpong ---------------------------------------------------------------- */

/*
 * The step in progress. Main writes the fields before it starts the step
 * (hosted_run_on_cpu() publishes them to the first sender); then each
 * sender updates @next before the release bump of its send, which the
 * receiving handler acquires: one handler at a time owns @next. It is
 * atomic (relaxed) only because main reads it, unsynchronised, after a
 * step timed out.
 */
static struct {
	atomic_bool active;
	atomic_bool done;
	unsigned int cpu[2];
	struct sim_ipi *ipis[SIM_MAX_IPIS];
	unsigned int nr_ipis;
	unsigned int first; /* the IPI of the step's first send */
	atomic_uint next;   /* sends made in the step */
	unsigned int total; /* sends the step makes */
} sim_pp;

static void sim_pp_send(unsigned int to)
{
	unsigned int next = atomic_load_explicit(&sim_pp.next, memory_order_relaxed);
	struct sim_ipi *ipi = sim_pp.ipis[(sim_pp.first + next) % sim_pp.nr_ipis];

	atomic_store_explicit(&sim_pp.next, next + 1, memory_order_relaxed);
	sim_prepare_send(ipi, to, sim_now_ns());
	sim_send_single(ipi, to);
}

void sim_pingpong_on_ipi(struct sim_ipi *ipi, unsigned int cpu)
{
	(void)ipi;
	if (!atomic_load_explicit(&sim_pp.active, memory_order_acquire))
		return;
	if (cpu != sim_pp.cpu[0] && cpu != sim_pp.cpu[1])
		return;
	if (atomic_load_explicit(&sim_pp.next, memory_order_relaxed) == sim_pp.total) {
		/* release: main reads the step's results after it */
		atomic_store_explicit(&sim_pp.done, true, memory_order_release);
		return;
	}
	/* the answer goes to the other CPU of the pair */
	sim_pp_send(sim_pp.cpu[cpu == sim_pp.cpu[0]]);
}

/* On the pair's first CPU: the step's first send. */
static void sim_pp_kick(void *arg)
{
	(void)arg;
	sim_pp_send(sim_pp.cpu[1]);
}

static bool sim_pp_done(void *arg)
{
	(void)arg;
	return atomic_load_explicit(&sim_pp.done, memory_order_acquire);
}

/* @round_trips between @a and @b. Returns false if an IPI got lost. */
static bool sim_pp_step(unsigned int a, unsigned int b, unsigned long round_trips,
			unsigned int first)
{
	bool ok;

	sim_pp.cpu[0] = a;
	sim_pp.cpu[1] = b;
	sim_pp.first = first;
	atomic_store_explicit(&sim_pp.next, 0, memory_order_relaxed);
	sim_pp.total = (unsigned int)(2 * round_trips);
	atomic_store_explicit(&sim_pp.done, false, memory_order_relaxed);
	atomic_store_explicit(&sim_pp.active, true, memory_order_release);
	ok = !hosted_run_on_cpu(a, sim_pp_kick, NULL) && sim_wait(sim_pp_done, NULL);
	atomic_store_explicit(&sim_pp.active, false, memory_order_release);
	return ok;
}

static int sim_pingpong(const struct sim_options *opts, struct sim_result *res)
{
	unsigned long per_step = opts->rounds ? opts->rounds : SIM_PINGPONG_STEP, steps = 0;
	struct sim_budget budget;
	unsigned int a, b;
	bool ok;

	sim_pp.nr_ipis = sim_select(sim_ipi_reaches_all_cpus, sim_pp.ipis);
	sim_budget_init(&budget, opts);
	/* with --rounds: one pass over the pairs, every step that many round trips */
	do {
		for_each_cpu(a, &sim.cpus) {
			for (b = cpumask_next((int)a, &sim.cpus); b < sim.nr_cpus;
			     b = cpumask_next((int)b, &sim.cpus)) {
				if (!opts->rounds && !sim_budget_left(&budget, 0))
					goto out;
				ok = sim_pp_step(a, b, per_step,
						 (unsigned int)(steps % sim_pp.nr_ipis));
				res->sends += atomic_load_explicit(&sim_pp.next,
								   memory_order_relaxed);
				if (!ok) {
					res->lost = sim_lost(SIM_PINGPONG);
					goto out;
				}
				steps++;
				res->rounds += per_step;
			}
		}
	} while (!opts->rounds);
out:
	res->deliveries = res->sends;
	res->elapsed_ns = sim_now_ns() - budget.start;
	return res->lost ? SIM_EXIT_LOST : SIM_EXIT_OK;
}

/* ---- broadcast --------------------------------------------------------------- */

struct sim_bcast {
	struct sim_ipi *ipi;
	bool all;
	struct cpumask dest;
	unsigned long raises[NR_TARGETS]; /* remote processors' counts before the send */
};

/* On the sending CPU. */
static void sim_bcast_send(void *arg)
{
	struct sim_bcast *bc = arg;
	unsigned int self = smp_processor_id(), t;
	uint64_t now;

	if (bc->all) {
		cpumask_copy(&bc->dest, &bc->ipi->targets);
	} else {
		cpumask_copy(&bc->dest, &bc->ipi->cpus);
		cpumask_clear_cpu(self, &bc->dest);
	}
	for_each_cpu(t, &bc->dest)
		if (!cpumask_test_cpu(t, &sim.cpus))
			bc->raises[t] = sim_remote_raises(t);
	now = sim_now_ns();
	/* latency samples for the other CPUs: not for our own IPI or a remote */
	for_each_cpu(t, &bc->dest)
		sim_prepare_send(bc->ipi, t,
				 t == self || !cpumask_test_cpu(t, &sim.cpus) ? 0 : now);
	if (bc->all)
		sim_send_all(bc->ipi);
	else
		sim_send_mask(bc->ipi, &bc->dest);
}

/* Every target of the broadcast saw it; remote processors: their count moved. */
static bool sim_bcast_seen(void *arg)
{
	struct sim_bcast *bc = arg;
	unsigned int t;

	for_each_cpu(t, &bc->dest) {
		if (cpumask_test_cpu(t, &sim.cpus)) {
			if (!sim_slot_settled(&bc->ipi->slot[t]))
				return false;
		} else if (sim_remote_raises(t) == bc->raises[t]) {
			return false;
		}
	}
	return true;
}

/* The remote processors of @dest saw the send: account their raises to @ipi. */
static void sim_remote_seen(struct sim_ipi *ipi, const struct cpumask *dest,
			    const unsigned long *before)
{
	unsigned int t;

	for_each_cpu(t, dest) {
		struct sim_slot *slot = &ipi->slot[t];

		if (cpumask_test_cpu(t, &sim.cpus))
			continue;
		atomic_fetch_add(&slot->raises, sim_remote_raises(t) - before[t]);
		atomic_store_explicit(&slot->seen, atomic_load(&slot->sent), memory_order_release);
	}
}

static int sim_broadcast(const struct sim_options *opts, struct sim_result *res)
{
	struct sim_ipi *ipis[SIM_MAX_IPIS];
	unsigned int nr = sim_select(sim_ipi_reaches_all_cpus, ipis);
	unsigned int sender = cpumask_first(&sim.cpus);
	struct sim_budget budget;
	static struct sim_bcast bc;

	sim_budget_init(&budget, opts);
	for (unsigned long round = 0; sim_budget_left(&budget, round); round++) {
		memset(&bc, 0, sizeof(bc));
		bc.ipi = ipis[round % nr];
		/* ipi_send_mask() and ipi_send_all() in turn, on each IPI */
		bc.all = (round / nr) % 2;
		if (hosted_run_on_cpu(sender, sim_bcast_send, &bc) ||
		    !sim_wait(sim_bcast_seen, &bc)) {
			res->lost = sim_lost(SIM_BROADCAST);
			break;
		}
		sim_remote_seen(bc.ipi, &bc.dest, bc.raises);
		res->rounds++;
		res->sends++;
		res->deliveries += cpumask_weight(&bc.dest);
	}
	res->elapsed_ns = sim_now_ns() - budget.start;
	return res->lost ? SIM_EXIT_LOST : SIM_EXIT_OK;
}

/* ---- storm ------------------------------------------------------------------- */

struct sim_storm {
	struct sim_ipi *ipis[SIM_MAX_IPIS];
	unsigned int nr_ipis;
	struct sim_budget budget;
	unsigned int seed;
	atomic_ulong sends;
	atomic_ulong deliveries;
};

/* xorshift64*: the storm's random choices, one stream per CPU. */
static uint64_t sim_random(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* A CPU target of @ipi picked by @r. */
static unsigned int sim_storm_target(const struct sim_ipi *ipi, uint64_t r)
{
	unsigned int t = (unsigned int)(r % sim.nr_cpus);

	return cpumask_test_cpu(t, &ipi->cpus) ? t : cpumask_first(&ipi->cpus);
}

/* On every CPU at once. */
static void sim_storm_cpu(void *arg)
{
	struct sim_storm *st = arg;
	unsigned int cpu = smp_processor_id();
	uint64_t rng = ((uint64_t)st->seed << 32 | (cpu + 1)) * 0x9e3779b97f4a7c15ULL | 1;
	unsigned long sends = 0, deliveries = 0;
	struct cpumask dest;

	for (unsigned long i = 0;; i++) {
		uint64_t r = sim_random(&rng);
		struct sim_ipi *ipi = st->ipis[r % st->nr_ipis];
		unsigned int t;

		/* with a duration, look at the clock now and then only */
		if ((st->budget.rounds || i % SIM_STORM_CLOCK_EVERY == 0) &&
		    !sim_budget_left(&st->budget, i))
			break;
		if ((r >> 20) % 8 == 0) {
			uint64_t bits = sim_random(&rng);

			cpumask_clear(&dest);
			for_each_cpu(t, &ipi->cpus)
				if (bits >> (t % 64) & 1)
					cpumask_set_cpu(t, &dest);
			if (cpumask_empty(&dest))
				cpumask_set_cpu(sim_storm_target(ipi, r >> 8), &dest);
			for_each_cpu(t, &dest)
				sim_prepare_send(ipi, t, 0);
			sim_send_mask(ipi, &dest);
			deliveries += cpumask_weight(&dest);
		} else {
			t = sim_storm_target(ipi, r >> 8);
			sim_prepare_send(ipi, t, 0);
			sim_send_single(ipi, t);
			deliveries++;
		}
		sends++;
		/* an interrupt point: take what the others sent us meanwhile */
		hosted_irq_poll();
	}
	atomic_fetch_add(&st->sends, sends);
	atomic_fetch_add(&st->deliveries, deliveries);
}

static int sim_storm(const struct sim_options *opts, struct sim_result *res)
{
	static struct sim_storm st;

	memset(&st, 0, sizeof(st));
	st.nr_ipis = sim_select(sim_ipi_storms, st.ipis);
	st.seed = opts->seed;
	sim_budget_init(&st.budget, opts);
	if (hosted_run_on_cpus(&sim.cpus, sim_storm_cpu, &st) || !sim_wait(sim_all_settled, NULL))
		res->lost = sim_lost(SIM_STORM);
	res->sends = atomic_load(&st.sends);
	res->deliveries = atomic_load(&st.deliveries);
	res->rounds = res->sends;
	res->elapsed_ns = sim_now_ns() - st.budget.start;
	return res->lost ? SIM_EXIT_LOST : SIM_EXIT_OK;
}

/* ---- remote ------------------------------------------------------------------ */

struct sim_remote_round {
	struct sim_ipi *ipis[SIM_MAX_IPIS];
	unsigned int nr_ipis;
	bool one_by_one;
	unsigned long sends;
	unsigned long deliveries;
	bool timed_out;
};

/*
 * On a CPU: send @ipi to the remote processors of @dest, with one
 * ipi_send_single() or one ipi_send_mask(), and watch their raise counts
 * until each moved.
 */
static bool sim_remote_send(struct sim_remote_round *rr, struct sim_ipi *ipi,
			    const struct cpumask *dest)
{
	unsigned long before[NR_TARGETS];
	uint64_t t0, deadline;
	unsigned int t;

	for_each_cpu(t, dest) {
		before[t] = sim_remote_raises(t);
		sim_prepare_send(ipi, t, 0);
	}
	t0 = sim_now_ns();
	deadline = t0 + sim.timeout_ns;
	if (rr->one_by_one)
		sim_send_single(ipi, cpumask_first(dest));
	else
		sim_send_mask(ipi, dest);
	rr->sends++;
	rr->deliveries += cpumask_weight(dest);

	for_each_cpu(t, dest) {
		for (unsigned int spin = 1; sim_remote_raises(t) == before[t]; spin++) {
			if (sim_now_ns() > deadline)
				return false;
			/* the remote processor's thread may need this core */
			if (spin % 64)
				port_cpu_relax();
			else
				sched_yield();
		}
		sim_latency_add(sim_now_ns() - t0);
	}
	sim_remote_seen(ipi, dest, before);
	return true;
}

static void sim_remote_cpu(void *arg)
{
	struct sim_remote_round *rr = arg;
	unsigned int t;

	for (unsigned int i = 0; i < rr->nr_ipis && !rr->timed_out; i++) {
		struct sim_ipi *ipi = rr->ipis[i];

		if (!rr->one_by_one) {
			rr->timed_out = !sim_remote_send(rr, ipi, &ipi->remotes);
			continue;
		}
		for_each_cpu(t, &ipi->remotes)
			if (!rr->timed_out)
				rr->timed_out = !sim_remote_send(rr, ipi, cpumask_of(t));
	}
}

static int sim_remote(const struct sim_options *opts, struct sim_result *res)
{
	static struct sim_remote_round rr;
	unsigned long runs = sim_total_runs();
	struct sim_budget budget;
	unsigned int cpu = cpumask_first(&sim.cpus);

	memset(&rr, 0, sizeof(rr));
	rr.nr_ipis = sim_select(sim_ipi_reaches_remotes, rr.ipis);
	sim_budget_init(&budget, opts);
	for (unsigned long round = 0; sim_budget_left(&budget, round); round++) {
		/* every CPU in turn sends, one remote at a time, then all at once */
		rr.one_by_one = (round / sim.nr_cpus) % 2 == 0;
		if (hosted_run_on_cpu(cpu, sim_remote_cpu, &rr) || rr.timed_out) {
			res->lost = sim_lost(SIM_REMOTE);
			break;
		}
		res->rounds++;
		cpu = cpumask_next((int)cpu, &sim.cpus);
		if (cpu >= sim.nr_cpus)
			cpu = cpumask_first(&sim.cpus);
	}
	res->sends = rr.sends;
	res->deliveries = rr.deliveries;
	res->elapsed_ns = sim_now_ns() - budget.start;
	/* the sends named remote processors only: no CPU may have run a handler */
	sim_quiesce();
	res->stray = sim_total_runs() - runs;
	return res->lost || res->stray ? SIM_EXIT_LOST : SIM_EXIT_OK;
}

/* ---- running one --------------------------------------------------------------- */

int sim_workload_run(enum sim_workload w, const struct sim_options *opts, struct sim_result *res)
{
	unsigned long runs, stale;
	int ret;

	sim_quiesce();
	runs = sim_total_runs();
	stale = sim_total_stale();
	memset(res, 0, sizeof(*res));
	sim_latency_reset();
	switch (w) {
	case SIM_PINGPONG:
		ret = sim_pingpong(opts, res);
		break;
	case SIM_BROADCAST:
		ret = sim_broadcast(opts, res);
		break;
	case SIM_STORM:
		ret = sim_storm(opts, res);
		break;
	case SIM_REMOTE:
		ret = sim_remote(opts, res);
		break;
	default:
		return SIM_EXIT_BAD_INPUT;
	}
	sim_quiesce();
	res->runs = sim_total_runs() - runs;
	res->stale = sim_total_stale() - stale;
	sim_latency_collect(res);
	return ret;
}
