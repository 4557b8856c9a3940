// SPDX-License-Identifier: BSD-2-Clause
/*
 * The RISC-V CLINT / ACLINT MSWI device model (register map and fault
 * injection in <genipi/hosted-clint.h>). It sits on the hosted MMIO bus and
 * drives each hart's cpu-intc line HOSTED_LINE_MSWI with hosted_proc_raise().
 *
 * Register accesses run on the accessing thread, concurrently with others.
 * An MSIP register is one atomic word per hart, on its own cache line with
 * that hart's counters (the sender writing MSIP touches that line anyway).
 *
 * Ordering: a set stores MSIP = 1 and then raises the line; the raise is a
 * release RMW of the hart's pending lines (hosted_proc_raise()), so the
 * hart, which claims its lines with an acquire RMW, sees everything the
 * sender wrote before its writel(). A clear stores MSIP = 0, lowers the
 * line and re-checks MSIP (the level emulation, see clint_msip_clear()); the
 * driver orders the clear before its claim of the multiplexer's pending
 * word.
 *
 * Two threads serve the fault injection, both started by attach and
 * stopped by detach:
 *
 *   - the delayer raises lines at a due time. It holds at most one raise
 *     per hart: a raise scheduled for a hart that already has one merges
 *     with it at the earlier due time. Merging loses nothing: the held
 *     raise happens after the set that found it held, and a raise is all a
 *     set asks for. On detach it raises everything it holds at once.
 *   - the injector raises the line on a random CPU hart whose MSIP is 0,
 *     every spurious_interval_us on average.
 */
#include "../hosted-internal.h"

#include <genipi/cpumask.h>
#include <genipi/errno.h>
#include <genipi/hosted-clint.h>
#include <genipi/hosted-mmio.h>

#include <string.h>
#include <time.h>

/* Harts the model can address: the machine's hardware id space. */
#define CLINT_NR_HARTS HOSTED_MAX_HWID

struct clint_hart {
	_Alignas(GENIPI_CACHE_LINE) _Atomic uint32_t msip;
	_Atomic unsigned long sets;
	_Atomic unsigned long clears;
	_Atomic unsigned long raises;
};

static struct clint_hart clint_harts[CLINT_NR_HARTS];

/* The fault configuration, read without a lock on the write path. */
struct clint_fault_config {
	_Atomic bool on; /* any fault on the write path: the only load when off */
	_Atomic unsigned int duplicate_percent;
	_Atomic unsigned int delay_percent;
	_Atomic unsigned int delay_max_us;
	_Atomic unsigned int spurious_interval_us;
	/* bumped by every configuration: threads reseed their generators */
	_Atomic unsigned int seed_generation;
	_Atomic unsigned int seed;
};

static struct {
	/* @lock protects everything from here to @nr_held */
	pthread_mutex_t lock;
	pthread_cond_t delayer_wake;  /* a new or earlier held raise, stop */
	pthread_cond_t injector_wake; /* a new configuration, stop */
	bool attached;
	bool stop;
	pthread_t delayer;
	pthread_t injector;
	uint64_t due_ns[CLINT_NR_HARTS]; /* 0: no raise held for that hart */
	unsigned int held[CLINT_NR_HARTS];
	unsigned int nr_held;

	struct clint_fault_config faults;
	_Atomic unsigned long duplicated;
	_Atomic unsigned long delayed;
	_Atomic unsigned long spurious;
	_Atomic unsigned long dropped;
} clint = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
};

static pthread_once_t clint_once = PTHREAD_ONCE_INIT;

/* ---- helpers --------------------------------------------------------------- */

static uint64_t clint_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static struct timespec clint_timespec(uint64_t ns)
{
	struct timespec ts = {
		.tv_sec = (time_t)(ns / 1000000000u),
		.tv_nsec = (long)(ns % 1000000000u),
	};

	return ts;
}

/*
 * A generator per thread (splitmix64), reseeded from the configured seed
 * and a per-thread number whenever the configuration changes.
 */
static _Thread_local uint64_t clint_rng_state;
static _Thread_local unsigned int clint_rng_generation;
static _Atomic unsigned int clint_rng_threads;

static uint64_t clint_random(void)
{
	unsigned int gen = atomic_load_explicit(&clint.faults.seed_generation,
						memory_order_relaxed);
	uint64_t z;

	if (clint_rng_generation != gen) {
		unsigned int me = atomic_fetch_add_explicit(&clint_rng_threads, 1,
							    memory_order_relaxed);

		clint_rng_generation = gen;
		clint_rng_state = ((uint64_t)atomic_load_explicit(&clint.faults.seed,
								  memory_order_relaxed)
				   << 32) ^
				  (0x9e3779b97f4a7c15u * (me + 1));
	}
	z = (clint_rng_state += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static bool clint_chance(_Atomic unsigned int *percent)
{
	unsigned int p = atomic_load_explicit(percent, memory_order_relaxed);

	return p && clint_random() % 100 < p;
}

/* A delay in [0, delay_max_us] microseconds, in nanoseconds. */
static uint64_t clint_random_delay_ns(void)
{
	uint64_t max_ns = 1000u * (uint64_t)atomic_load_explicit(&clint.faults.delay_max_us,
								 memory_order_relaxed);

	return clint_random() % (max_ns + 1);
}

/* ---- the wire -------------------------------------------------------------- */

/* Raise HOSTED_LINE_MSWI on hart @hwid, if it is a processor of the machine. */
static void clint_raise(unsigned int hwid)
{
	struct hosted_proc *p = hosted_proc_of_hwid(hwid);

	if (!p)
		return;
	atomic_fetch_add_explicit(&clint_harts[hwid].raises, 1, memory_order_relaxed);
	/*
	 * release RMW: pairs with the acquire claim in hosted_cpu_claim_lines(),
	 * so the hart sees the MSIP store above us and what the sender wrote
	 * before its writel().
	 */
	hosted_proc_raise(p, HOSTED_LINE_MSWI);
}

/*
 * Have the delayer raise hart @hwid's line @delay_ns from now. Raises at
 * once when the delayer is not running (never attached, or detached).
 */
static void clint_raise_later(unsigned int hwid, uint64_t delay_ns)
{
	uint64_t due = clint_now_ns() + delay_ns;
	bool now = false;

	pthread_mutex_lock(&clint.lock);
	if (!clint.attached || clint.stop) {
		now = true;
	} else if (!clint.due_ns[hwid]) {
		clint.due_ns[hwid] = due;
		clint.held[clint.nr_held++] = hwid;
		pthread_cond_signal(&clint.delayer_wake);
	} else if (due < clint.due_ns[hwid]) {
		clint.due_ns[hwid] = due;
		pthread_cond_signal(&clint.delayer_wake);
	}
	pthread_mutex_unlock(&clint.lock);
	if (now)
		clint_raise(hwid);
}

/* ---- registers ------------------------------------------------------------- */

static bool clint_hart_exists(uintptr_t hwid)
{
	return hwid < CLINT_NR_HARTS && hosted_proc_of_hwid(hwid);
}

static void clint_msip_set(unsigned int hwid)
{
	struct clint_hart *h = &clint_harts[hwid];

	atomic_fetch_add_explicit(&h->sets, 1, memory_order_relaxed);
	/*
	 * seq_cst, then the raise: pairs with the store -> lower -> re-check
	 * of clint_msip_clear(). If its lowering erased our raise, it read
	 * our release RMW, so this store happens before its re-check, which
	 * then sees MSIP = 1 (or a later clear's 0) and raises again.
	 */
	atomic_store_explicit(&h->msip, 1, memory_order_seq_cst);
	if (atomic_load_explicit(&clint.faults.on, memory_order_relaxed)) {
		if (clint_chance(&clint.faults.delay_percent)) {
			atomic_fetch_add_explicit(&clint.delayed, 1, memory_order_relaxed);
			clint_raise_later(hwid, clint_random_delay_ns());
			return;
		}
		if (clint_chance(&clint.faults.duplicate_percent)) {
			atomic_fetch_add_explicit(&clint.duplicated, 1, memory_order_relaxed);
			clint_raise(hwid);
			clint_raise_later(hwid, clint_random_delay_ns());
			return;
		}
	}
	clint_raise(hwid);
}

/*
 * MIP.MSIP follows MSIP: clearing MSIP also lowers the hart's line if it is
 * still latched. A set racing with us may have raised the line between our
 * store and the lowering; the store -> lower -> re-check order (all seq_cst,
 * pairing with the store -> raise of clint_msip_set()) makes sure that such
 * a set, whose 1 is now in MSIP, is raised again. So the line is never left
 * low while MSIP is 1 (it may be left high while MSIP is 0: a spurious
 * interrupt, as a level signal sampled late gives).
 */
static void clint_msip_clear(unsigned int hwid)
{
	struct clint_hart *h = &clint_harts[hwid];
	struct hosted_proc *p = hosted_proc_of_hwid(hwid);

	atomic_fetch_add_explicit(&h->clears, 1, memory_order_relaxed);
	atomic_store_explicit(&h->msip, 0, memory_order_seq_cst);
	atomic_fetch_and_explicit(&p->pending, ~HOSTED_LINE_BIT(HOSTED_LINE_MSWI),
				  memory_order_seq_cst);
	if (atomic_load_explicit(&h->msip, memory_order_seq_cst))
		clint_raise(hwid);
}

static void clint_write32(void *opaque, uintptr_t offset, uint32_t val)
{
	uintptr_t hwid = offset / 4;

	(void)opaque;
	if (!clint_hart_exists(hwid)) {
		atomic_fetch_add_explicit(&clint.dropped, 1, memory_order_relaxed);
		return;
	}
	/* bits 31:1 are WARL zero: only bit 0 is written */
	if (val & HOSTED_CLINT_MSIP_PENDING) {
		clint_msip_set((unsigned int)hwid);
		return;
	}
	clint_msip_clear((unsigned int)hwid);
}

static uint32_t clint_read32(void *opaque, uintptr_t offset)
{
	uintptr_t hwid = offset / 4;

	(void)opaque;
	if (!clint_hart_exists(hwid)) {
		atomic_fetch_add_explicit(&clint.dropped, 1, memory_order_relaxed);
		return 0;
	}
	return atomic_load_explicit(&clint_harts[hwid].msip, memory_order_seq_cst);
}

static const struct hosted_mmio_ops clint_mmio_ops = {
	.read32 = clint_read32,
	.write32 = clint_write32,
};

/* ---- fault-injection threads ----------------------------------------------- */

/* Wait on @cond until @due_ns (0: no limit); may return early. Lock held. */
static void clint_wait(pthread_cond_t *cond, uint64_t due_ns)
{
	struct timespec ts;

	if (!due_ns) {
		pthread_cond_wait(cond, &clint.lock);
		return;
	}
	ts = clint_timespec(due_ns);
	pthread_cond_timedwait(cond, &clint.lock, &ts);
}

static void *clint_delayer_thread(void *unused)
{
	(void)unused;
	pthread_mutex_lock(&clint.lock);
	for (;;) {
		unsigned int i, first = 0, hwid;
		uint64_t now;

		if (!clint.nr_held) {
			if (clint.stop)
				break;
			clint_wait(&clint.delayer_wake, 0);
			continue;
		}
		for (i = 1; i < clint.nr_held; i++)
			if (clint.due_ns[clint.held[i]] < clint.due_ns[clint.held[first]])
				first = i;
		hwid = clint.held[first];
		now = clint_now_ns();
		/* stopping: raise everything held at once, nothing is lost */
		if (!clint.stop && clint.due_ns[hwid] > now) {
			clint_wait(&clint.delayer_wake, clint.due_ns[hwid]);
			continue;
		}
		clint.due_ns[hwid] = 0;
		clint.held[first] = clint.held[--clint.nr_held];
		pthread_mutex_unlock(&clint.lock);
		clint_raise(hwid);
		pthread_mutex_lock(&clint.lock);
	}
	pthread_mutex_unlock(&clint.lock);
	return NULL;
}

/* A raise on a random CPU hart, if its MSIP is 0. */
static void clint_inject_spurious(void)
{
	unsigned int nr = nr_cpu_ids, hwid;
	unsigned long id;

	if (!nr || !hosted_machine_booted())
		return;
	id = target_hwid((unsigned int)(clint_random() % nr));
	if (id >= CLINT_NR_HARTS)
		return;
	hwid = (unsigned int)id;
	if (atomic_load_explicit(&clint_harts[hwid].msip, memory_order_relaxed))
		return;
	atomic_fetch_add_explicit(&clint.spurious, 1, memory_order_relaxed);
	clint_raise(hwid);
}

static void *clint_injector_thread(void *unused)
{
	(void)unused;
	pthread_mutex_lock(&clint.lock);
	while (!clint.stop) {
		uint64_t mean_ns =
			1000u * (uint64_t)atomic_load_explicit(&clint.faults.spurious_interval_us,
							       memory_order_relaxed);
		uint64_t due;

		if (!mean_ns) {
			clint_wait(&clint.injector_wake, 0);
			continue;
		}
		/* the next one in [mean / 2, 3 * mean / 2] from now */
		due = clint_now_ns() + mean_ns / 2 + clint_random() % (mean_ns + 1);
		while (!clint.stop && clint_now_ns() < due)
			clint_wait(&clint.injector_wake, due);
		if (clint.stop)
			break;
		pthread_mutex_unlock(&clint.lock);
		clint_inject_spurious();
		pthread_mutex_lock(&clint.lock);
	}
	pthread_mutex_unlock(&clint.lock);
	return NULL;
}

/* ---- life cycle ------------------------------------------------------------ */

static void clint_init_once(void)
{
	pthread_condattr_t attr;

	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&clint.delayer_wake, &attr);
	pthread_cond_init(&clint.injector_wake, &attr);
	pthread_condattr_destroy(&attr);
}

static void clint_faults_off(void)
{
	struct clint_fault_config *f = &clint.faults;

	atomic_store_explicit(&f->on, false, memory_order_relaxed);
	atomic_store_explicit(&f->duplicate_percent, 0, memory_order_relaxed);
	atomic_store_explicit(&f->delay_percent, 0, memory_order_relaxed);
	atomic_store_explicit(&f->delay_max_us, 0, memory_order_relaxed);
	atomic_store_explicit(&f->spurious_interval_us, 0, memory_order_relaxed);
	atomic_store_explicit(&f->seed, 0, memory_order_relaxed);
	atomic_fetch_add_explicit(&f->seed_generation, 1, memory_order_relaxed);
}

/* Back to the reset state; no thread of the model runs, no CPU accesses it. */
static void clint_reset(void)
{
	for (unsigned int h = 0; h < CLINT_NR_HARTS; h++) {
		atomic_store_explicit(&clint_harts[h].msip, 0, memory_order_relaxed);
		atomic_store_explicit(&clint_harts[h].sets, 0, memory_order_relaxed);
		atomic_store_explicit(&clint_harts[h].clears, 0, memory_order_relaxed);
		atomic_store_explicit(&clint_harts[h].raises, 0, memory_order_relaxed);
	}
	memset(clint.due_ns, 0, sizeof(clint.due_ns));
	clint.nr_held = 0;
	clint_faults_off();
	atomic_store_explicit(&clint.duplicated, 0, memory_order_relaxed);
	atomic_store_explicit(&clint.delayed, 0, memory_order_relaxed);
	atomic_store_explicit(&clint.spurious, 0, memory_order_relaxed);
	atomic_store_explicit(&clint.dropped, 0, memory_order_relaxed);
}

int hosted_clint_attach(void)
{
	int ret;

	if (hosted_this_proc || !hosted_machine_booted())
		return -EINVAL;
	pthread_once(&clint_once, clint_init_once);
	pthread_mutex_lock(&clint.lock);
	if (clint.attached) {
		ret = -EBUSY;
		goto out_unlock;
	}
	clint_reset();
	ret = hosted_mmio_register(HOSTED_CLINT_BASE, HOSTED_CLINT_SIZE, &clint_mmio_ops, NULL);
	if (ret)
		goto out_unlock;
	clint.stop = false;
	if (pthread_create(&clint.delayer, NULL, clint_delayer_thread, NULL)) {
		ret = -ENOMEM;
		goto out_unlock;
	}
	if (pthread_create(&clint.injector, NULL, clint_injector_thread, NULL)) {
		clint.stop = true;
		pthread_cond_signal(&clint.delayer_wake);
		pthread_mutex_unlock(&clint.lock);
		pthread_join(clint.delayer, NULL);
		return -ENOMEM;
	}
	clint.attached = true;
out_unlock:
	pthread_mutex_unlock(&clint.lock);
	return ret;
}

void hosted_clint_detach(void)
{
	pthread_mutex_lock(&clint.lock);
	if (!clint.attached || clint.stop) {
		pthread_mutex_unlock(&clint.lock);
		return;
	}
	clint_faults_off();
	clint.stop = true;
	pthread_cond_signal(&clint.delayer_wake);
	pthread_cond_signal(&clint.injector_wake);
	pthread_mutex_unlock(&clint.lock);
	/* the delayer raises what it holds before it leaves */
	pthread_join(clint.delayer, NULL);
	pthread_join(clint.injector, NULL);
	pthread_mutex_lock(&clint.lock);
	clint.attached = false;
	pthread_mutex_unlock(&clint.lock);
}

int hosted_clint_set_faults(const struct hosted_clint_faults *faults)
{
	struct clint_fault_config *f = &clint.faults;
	int ret = 0;

	if (faults && (faults->duplicate_percent > 100 || faults->delay_percent > 100))
		return -EINVAL;
	pthread_mutex_lock(&clint.lock);
	if (!clint.attached || clint.stop) {
		ret = -EINVAL;
		goto out_unlock;
	}
	if (!faults) {
		clint_faults_off();
		goto out_wake;
	}
	atomic_store_explicit(&f->duplicate_percent, faults->duplicate_percent,
			      memory_order_relaxed);
	atomic_store_explicit(&f->delay_percent, faults->delay_percent, memory_order_relaxed);
	atomic_store_explicit(&f->delay_max_us, faults->delay_max_us, memory_order_relaxed);
	atomic_store_explicit(&f->spurious_interval_us, faults->spurious_interval_us,
			      memory_order_relaxed);
	atomic_store_explicit(&f->seed, faults->seed, memory_order_relaxed);
	atomic_fetch_add_explicit(&f->seed_generation, 1, memory_order_relaxed);
	atomic_store_explicit(&f->on, faults->duplicate_percent || faults->delay_percent,
			      memory_order_relaxed);
out_wake:
	/* the injector picks up a new interval */
	pthread_cond_signal(&clint.injector_wake);
out_unlock:
	pthread_mutex_unlock(&clint.lock);
	return ret;
}

void hosted_clint_get_stats(struct hosted_clint_stats *stats)
{
	if (!stats)
		return;
	memset(stats, 0, sizeof(*stats));
	for (unsigned int h = 0; h < CLINT_NR_HARTS; h++) {
		stats->sets += atomic_load_explicit(&clint_harts[h].sets, memory_order_relaxed);
		stats->clears += atomic_load_explicit(&clint_harts[h].clears, memory_order_relaxed);
		stats->raises += atomic_load_explicit(&clint_harts[h].raises, memory_order_relaxed);
	}
	stats->duplicated = atomic_load_explicit(&clint.duplicated, memory_order_relaxed);
	stats->delayed = atomic_load_explicit(&clint.delayed, memory_order_relaxed);
	stats->spurious = atomic_load_explicit(&clint.spurious, memory_order_relaxed);
	stats->dropped = atomic_load_explicit(&clint.dropped, memory_order_relaxed);
}
