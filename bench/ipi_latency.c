// SPDX-License-Identifier: BSD-2-Clause
/*
 * ipi_latency - one-way IPI latency on the hosted port, against a raw
 * ping-pong between two threads measured in the same run
 *
 *   bench_ipi_latency [--quick] [--rounds N] [--sleep-rounds N] [--reps N]
 *                     [--delivery poll|sleep|both] [--paths single,percpu,line]
 *
 * The IPI ping-pong: CPU 0 sends an IPI to CPU 1; CPU 1's handler sends
 * one back; CPU 0's handler counts it; CPU 0 sends the next. Each round is
 * the library's real path twice: ipi_send_single(), the swipi driver and
 * device model, the hosted delivery, the cpu-intc root handler, the swipi
 * chained handler, handle_percpu_devid_irq() and the handler. One-way
 * latency is half a round trip.
 *
 * The baseline does the same with nothing in between, on the same two
 * cores the hosted port pins CPU 0 and CPU 1 to, waiting the same way:
 *
 *  - poll delivery busy-polls (pause between checks): the baseline is two
 *    threads busy-polling an atomic flag each, with port_cpu_relax();
 *  - sleep delivery sleeps on a futex and the sender wakes it only if it
 *    announced a sleep: the baseline is two threads doing exactly that on
 *    two futex words, with no spinning first.
 *
 * A third ping-pong raises a bare cpu-intc line (hosted_raise_line()) and
 * answers from that line's handler: the port's delivery, interrupt entry,
 * root handler and flow handler without the IPI layer and the swipi device
 * model. It has no target; it tells where the IPI's extra time goes.
 *
 * Each side's timestamps come from one clock read per round on the
 * initiating thread, so both ping-pongs pay the same timing overhead. The
 * median is over means of BENCH_BATCH consecutive round trips (the clock
 * may step in 10 ns), the 99th percentile over single round trips.
 * Baseline and IPI blocks alternate (--reps times) so slow phases of a
 * shared machine hit both; the first rounds of each block are dropped.
 * Prints the median and the 99th percentile of the one-way latency.
 */
#define _GNU_SOURCE /* pthread_setaffinity_np, CPU_SET */

#include <genipi/genipi.h>
#include <genipi/hosted-swipi.h>
#include <genipi/hosted.h>
#include <genipi/port.h>

#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Targets on the one-way median: the issue's, ratio to the baseline. */
#define BENCH_TARGET_POLL 1.3
#define BENCH_TARGET_SLEEP 1.1

/*
 * What carries the ping-pong on the hosted machine: an IPI reserved on
 * either swipi domain, or (to split the time between the port and the rest)
 * a bare cpu-intc line raised with hosted_raise_line(), which skips the IPI
 * layer and the swipi device model but not the port's interrupt entry, the
 * root handler and the flow handler.
 */
enum bench_path {
	BENCH_PATH_SINGLE,
	BENCH_PATH_PERCPU,
	BENCH_PATH_LINE,
	BENCH_NR_PATHS,
};

static const char *const bench_path_names[] = {
	[BENCH_PATH_SINGLE] = "single",
	[BENCH_PATH_PERCPU] = "percpu",
	[BENCH_PATH_LINE] = "line",
};

struct bench_options {
	unsigned long rounds;	    /* round trips per block, poll delivery */
	unsigned long sleep_rounds; /* the same for sleep delivery (~10x slower) */
	unsigned int reps;	    /* baseline/IPI block pairs */
	bool delivery[2];	    /* [0] poll, [1] sleep */
	bool paths[BENCH_NR_PATHS]; /* which to measure */
};

/*
 * The clock may advance in coarse steps (10 ns on some virtual machines),
 * as coarse as the difference being measured: the median is taken over
 * the means of batches of this many consecutive round trips, the tail
 * percentile over single round trips.
 */
#define BENCH_BATCH 16

/* Round trips of one kind of ping-pong. */
struct bench_samples {
	uint64_t *ns;	    /* single round trips, nanoseconds */
	uint64_t *batch_ps; /* means of BENCH_BATCH round trips, picoseconds */
	size_t nr, nr_batches, cap;
};

static int bench_samples_init(struct bench_samples *s, size_t cap)
{
	s->ns = calloc(cap, sizeof(*s->ns));
	s->batch_ps = calloc(cap / BENCH_BATCH + 1, sizeof(*s->batch_ps));
	s->nr = 0;
	s->nr_batches = 0;
	s->cap = cap;
	return s->ns && s->batch_ps ? 0 : -ENOMEM;
}

static void bench_samples_free(struct bench_samples *s)
{
	free(s->ns);
	free(s->batch_ps);
}

static uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/*
 * Keep the round trips of @stamps (rounds + 1 timestamps, one per round
 * boundary), dropping the first tenth of the block as warm-up.
 */
static void bench_samples_add(struct bench_samples *s, const uint64_t *stamps, unsigned long rounds)
{
	unsigned long first = rounds / 10, i;

	for (i = first; i < rounds && s->nr < s->cap; i++)
		s->ns[s->nr++] = stamps[i + 1] - stamps[i];
	for (i = first; i + BENCH_BATCH <= rounds && s->nr_batches <= s->cap / BENCH_BATCH;
	     i += BENCH_BATCH)
		s->batch_ps[s->nr_batches++] = (stamps[i + BENCH_BATCH] - stamps[i]) * 1000 /
					       BENCH_BATCH;
}

static int bench_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The @permille-th per mille of @nr values; sorts them. */
static double bench_quantile(uint64_t *values, size_t nr, unsigned int permille)
{
	if (!nr)
		return 0;
	qsort(values, nr, sizeof(values[0]), bench_cmp_u64);
	return (double)values[(nr - 1) * permille / 1000];
}

/* One-way latency in nanoseconds: median of the batch means, or a tail percentile. */
static double bench_oneway_median(struct bench_samples *s)
{
	return bench_quantile(s->batch_ps, s->nr_batches, 500) / 1000 / 2;
}

static double bench_oneway_tail(struct bench_samples *s, unsigned int permille)
{
	return bench_quantile(s->ns, s->nr, permille) / 2;
}

/* ---- pinning: the cores the hosted port gives CPU 0 and CPU 1 ---------- */

static int bench_cores[2] = { -1, -1 };

/* The first two cores of our affinity mask, as hosted_proc_start() counts. */
static int bench_find_cores(void)
{
	cpu_set_t usable;
	int found = 0;

	if (sched_getaffinity(0, sizeof(usable), &usable))
		return -errno;
	for (int c = 0; c < CPU_SETSIZE && found < 2; c++)
		if (CPU_ISSET(c, &usable))
			bench_cores[found++] = c;
	return found == 2 ? 0 : -ENODEV;
}

/* Pin the calling thread; with fewer than two cores (core < 0) leave it free. */
static void bench_pin_self(int core)
{
	cpu_set_t one;

	if (core < 0)
		return;
	CPU_ZERO(&one);
	CPU_SET(core, &one);
	pthread_setaffinity_np(pthread_self(), sizeof(one), &one);
}

/* ---- raw baselines ------------------------------------------------------- */

#define BENCH_AWAKE 0U
#define BENCH_SLEEPING 1U

/*
 * One direction of a raw ping-pong: a sequence number the receiver waits
 * for and, in sleep mode, the futex word it sleeps on. A line each, so
 * the baseline moves no more cache lines than it must.
 */
struct bench_channel {
	_Alignas(64) atomic_ulong seq;
	atomic_uint wake_word;
};

struct bench_pingpong {
	struct bench_channel ping; /* thread 0 -> thread 1 */
	struct bench_channel pong; /* thread 1 -> thread 0 */
	bool sleep;
	unsigned long rounds;
	uint64_t *stamps;
	atomic_uint ready;
};

static void bench_futex_wait(atomic_uint *word, unsigned int val)
{
	syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void bench_futex_wake(atomic_uint *word)
{
	syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

/* Wait until @ch carries @seq: spin with a pause, or the futex protocol. */
static void bench_channel_wait(struct bench_channel *ch, unsigned long seq, bool sleep)
{
	if (!sleep) {
		while (atomic_load_explicit(&ch->seq, memory_order_acquire) != seq)
			port_cpu_relax();
		return;
	}
	/* the hosted port's protocol (delivery.c), without its bookkeeping */
	while (atomic_load_explicit(&ch->seq, memory_order_acquire) != seq) {
		atomic_store_explicit(&ch->wake_word, BENCH_SLEEPING, memory_order_relaxed);
		/* orders the announcement before the re-check; pairs with the signal's fence */
		atomic_thread_fence(memory_order_seq_cst);
		if (atomic_load_explicit(&ch->seq, memory_order_acquire) != seq)
			bench_futex_wait(&ch->wake_word, BENCH_SLEEPING);
		atomic_store_explicit(&ch->wake_word, BENCH_AWAKE, memory_order_relaxed);
	}
}

static void bench_channel_signal(struct bench_channel *ch, unsigned long seq, bool sleep)
{
	atomic_store_explicit(&ch->seq, seq, memory_order_release);
	if (!sleep)
		return;
	/* orders the store of seq before the load of wake_word; pairs with the waiter's fence */
	atomic_thread_fence(memory_order_seq_cst);
	if (atomic_load_explicit(&ch->wake_word, memory_order_relaxed) == BENCH_SLEEPING &&
	    atomic_exchange_explicit(&ch->wake_word, BENCH_AWAKE, memory_order_relaxed) ==
		    BENCH_SLEEPING)
		bench_futex_wake(&ch->wake_word);
}

/* Both threads pinned and running before the first round. */
static void bench_pingpong_start(struct bench_pingpong *pp, int side)
{
	bench_pin_self(bench_cores[side]);
	atomic_fetch_add_explicit(&pp->ready, 1, memory_order_acq_rel);
	while (atomic_load_explicit(&pp->ready, memory_order_acquire) < 2)
		port_cpu_relax();
}

static void *bench_pingpong_echo(void *arg)
{
	struct bench_pingpong *pp = arg;

	bench_pingpong_start(pp, 1);
	for (unsigned long seq = 1; seq <= pp->rounds; seq++) {
		bench_channel_wait(&pp->ping, seq, pp->sleep);
		bench_channel_signal(&pp->pong, seq, pp->sleep);
	}
	return NULL;
}

static void *bench_pingpong_initiate(void *arg)
{
	struct bench_pingpong *pp = arg;

	bench_pingpong_start(pp, 0);
	for (unsigned long seq = 1; seq <= pp->rounds; seq++) {
		pp->stamps[seq - 1] = bench_now_ns();
		bench_channel_signal(&pp->ping, seq, pp->sleep);
		bench_channel_wait(&pp->pong, seq, pp->sleep);
	}
	pp->stamps[pp->rounds] = bench_now_ns();
	return NULL;
}

/* One block of the raw ping-pong; its round trips go to @out. */
static int bench_raw_block(bool sleep, unsigned long rounds, uint64_t *stamps,
			   struct bench_samples *out)
{
	struct bench_pingpong *pp;
	pthread_t threads[2];
	int ret;

	pp = aligned_alloc(64, sizeof(*pp));
	if (!pp)
		return -ENOMEM;
	memset(pp, 0, sizeof(*pp));
	pp->sleep = sleep;
	pp->rounds = rounds;
	pp->stamps = stamps;
	ret = pthread_create(&threads[1], NULL, bench_pingpong_echo, pp);
	if (ret)
		goto out_free;
	ret = pthread_create(&threads[0], NULL, bench_pingpong_initiate, pp);
	if (ret) {
		/* no rounds: release the echo thread so it returns at once */
		pp->rounds = 0;
		atomic_fetch_add_explicit(&pp->ready, 1, memory_order_acq_rel);
		pthread_join(threads[1], NULL);
		goto out_free;
	}
	pthread_join(threads[0], NULL);
	pthread_join(threads[1], NULL);
	bench_samples_add(out, stamps, rounds);
out_free:
	free(pp);
	return -ret;
}

/* ---- the IPI ping-pong on a hosted machine ------------------------------ */

/* A cpu-intc line no controller of the hosted machine uses. */
#define BENCH_LINE 40

struct bench_ipi_cpu {
	unsigned long received; /* interrupts this CPU's handler ran for */
};

/* Set up before the CPUs send, read by their handlers. */
static struct bench_ipi {
	enum bench_path path;
	int virq;		   /* first virq of the reservation, or the line's */
	unsigned int nr_virqs;	   /* 2 for the per-CPU domain, else 1 */
	struct bench_ipi_cpu *cpu; /* per-CPU */
	unsigned long rounds;
	uint64_t *stamps;
	atomic_int error; /* set by either CPU, read by CPU 0 */
} bench_ipi;

static int bench_ipi_send(unsigned int cpu)
{
	if (bench_ipi.path == BENCH_PATH_LINE)
		return hosted_raise_line(cpu, BENCH_LINE);
	return ipi_send_single((unsigned int)bench_ipi.virq, cpu);
}

/*
 * Runs on both CPUs. CPU 1 answers; CPU 0 only counts, and its waiting
 * loop sees the count move.
 */
static irqreturn_t bench_ipi_handler(int irq, void *dev_id)
{
	struct bench_ipi_cpu *me = dev_id;

	(void)irq;
	me->received++;
	if (smp_processor_id() == 1 && bench_ipi_send(0))
		atomic_store_explicit(&bench_ipi.error, -EIO, memory_order_relaxed);
	return IRQ_HANDLED;
}

/* The virq @cpu receives the IPI on. */
static unsigned int bench_ipi_virq_of(unsigned int cpu)
{
	return (unsigned int)bench_ipi.virq + (bench_ipi.nr_virqs > 1 ? cpu : 0);
}

static void bench_ipi_enable(void *arg)
{
	(void)arg;
	enable_percpu_irq(bench_ipi_virq_of(smp_processor_id()), IRQ_TYPE_NONE);
}

static void bench_ipi_disable(void *arg)
{
	(void)arg;
	disable_percpu_irq(bench_ipi_virq_of(smp_processor_id()));
}

/* CPU 0: the timed rounds. */
static void bench_ipi_initiate(void *arg)
{
	struct bench_ipi_cpu *me = this_cpu_ptr(bench_ipi.cpu);

	(void)arg;
	for (unsigned long i = 0; i < bench_ipi.rounds; i++) {
		unsigned long seen = me->received;

		bench_ipi.stamps[i] = bench_now_ns();
		if (bench_ipi_send(1)) {
			atomic_store_explicit(&bench_ipi.error, -EIO, memory_order_relaxed);
			return;
		}
		/* "wfi": waits as the delivery mode says, then takes the IPI */
		while (me->received == seen &&
		       !atomic_load_explicit(&bench_ipi.error, memory_order_relaxed))
			hosted_cpu_wait_for_interrupt();
	}
	bench_ipi.stamps[bench_ipi.rounds] = bench_now_ns();
}

/* Reserve the IPI of @path, or map the bare line. */
static int bench_ipi_get(enum bench_path path, const struct cpumask *both)
{
	if (path == BENCH_PATH_LINE) {
		bench_ipi.virq = (int)irq_create_mapping(hosted_cpu_intc_domain(), BENCH_LINE);
		bench_ipi.nr_virqs = 1;
		return bench_ipi.virq ? 0 : -ENOMEM;
	}
	bench_ipi.virq = irq_reserve_ipi(hosted_swipi_domain(path == BENCH_PATH_PERCPU), both);
	bench_ipi.nr_virqs = path == BENCH_PATH_PERCPU ? 2 : 1;
	return bench_ipi.virq > 0 ? 0 : bench_ipi.virq ? bench_ipi.virq : -EINVAL;
}

static void bench_ipi_put(const struct cpumask *both)
{
	if (bench_ipi.path == BENCH_PATH_LINE)
		irq_dispose_mapping((unsigned int)bench_ipi.virq);
	else
		irq_destroy_ipi((unsigned int)bench_ipi.virq, both);
}

/* One block on a freshly booted machine; its round trips go to @out. */
static int bench_ipi_block(enum hosted_delivery delivery, enum bench_path path,
			   unsigned long rounds, uint64_t *stamps, struct bench_samples *out)
{
	struct hosted_machine_config cfg = { .nr_cpus = 2, .delivery = delivery };
	struct cpumask both;
	unsigned int requested = 0;
	int ret;

	ret = hosted_machine_boot(&cfg);
	if (ret)
		return ret;
	/* no handler of ours is requested yet: nothing reads bench_ipi */
	memset(&bench_ipi, 0, sizeof(bench_ipi));
	atomic_init(&bench_ipi.error, 0);
	bench_ipi.path = path;
	bench_ipi.rounds = rounds;
	bench_ipi.stamps = stamps;
	cpumask_clear(&both);
	cpumask_set_cpu(0, &both);
	cpumask_set_cpu(1, &both);

	ret = bench_ipi_get(path, &both);
	if (ret)
		goto out_shutdown;
	bench_ipi.cpu = alloc_percpu(struct bench_ipi_cpu);
	if (!bench_ipi.cpu) {
		ret = -ENOMEM;
		goto out_put;
	}
	for (; requested < bench_ipi.nr_virqs; requested++) {
		ret = request_percpu_irq((unsigned int)bench_ipi.virq + requested,
					 bench_ipi_handler, "bench-ipi", bench_ipi.cpu);
		if (ret)
			goto out_free;
	}
	ret = hosted_run_on_cpus(&both, bench_ipi_enable, NULL);
	if (ret)
		goto out_free;

	ret = hosted_run_on_cpu(0, bench_ipi_initiate, NULL);
	if (!ret)
		ret = atomic_load_explicit(&bench_ipi.error, memory_order_relaxed);
	if (!ret)
		bench_samples_add(out, stamps, rounds);

	hosted_run_on_cpus(&both, bench_ipi_disable, NULL);
out_free:
	while (requested--)
		free_percpu_irq((unsigned int)bench_ipi.virq + requested, bench_ipi.cpu);
	free_percpu(bench_ipi.cpu);
out_put:
	bench_ipi_put(&both);
out_shutdown:
	hosted_machine_shutdown();
	return ret;
}

/* ---- driver ------------------------------------------------------------ */

static const char *const bench_delivery_names[] = { "poll", "sleep" };

static void bench_print(const char *name, double value, const char *baseline_name, double baseline,
			double target)
{
	double ratio = baseline > 0 ? value / baseline : 0;

	if (target > 0)
		printf("bench %s: %.1f ns (baseline %s: %.1f, ratio %.2f, target <= %.1f)\n", name,
		       value, baseline_name, baseline, ratio, target);
	else
		printf("bench %s: %.1f ns (baseline %s: %.1f, ratio %.2f, no target)\n", name,
		       value, baseline_name, baseline, ratio);
}

/* Median and 99th percentile of the one-way latency (half a round trip). */
static void bench_report(const char *name, struct bench_samples *s, const char *raw_name,
			 struct bench_samples *raw, double target)
{
	char p99[80], raw_p99[80];

	snprintf(p99, sizeof(p99), "%s_p99", name);
	snprintf(raw_p99, sizeof(raw_p99), "%s_p99", raw_name);
	bench_print(name, bench_oneway_median(s), raw_name, bench_oneway_median(raw), target);
	bench_print(p99, bench_oneway_tail(s, 990), raw_p99, bench_oneway_tail(raw, 990), 0);
}

static int bench_run_delivery(const struct bench_options *opt, unsigned int mode)
{
	const bool sleep = mode == 1;
	const unsigned long rounds = sleep ? opt->sleep_rounds : opt->rounds;
	const size_t cap = (size_t)rounds * opt->reps;
	const char *raw_name = sleep ? "futex_pingpong_oneway" : "flag_pingpong_oneway";
	struct bench_samples raw, path[BENCH_NR_PATHS];
	uint64_t *stamps;
	char name[64];
	unsigned int p;
	int ret;

	/* every array is allocated (or NULL) before the first check: one exit frees all */
	ret = bench_samples_init(&raw, cap);
	for (p = 0; p < BENCH_NR_PATHS; p++)
		if (bench_samples_init(&path[p], cap))
			ret = -ENOMEM;
	stamps = calloc(rounds + 1, sizeof(*stamps));
	if (ret || !stamps) {
		ret = -ENOMEM;
		goto out_free;
	}

	/* alternate: a slow phase of a shared machine hits every kind alike */
	for (unsigned int rep = 0; rep < opt->reps; rep++) {
		ret = bench_raw_block(sleep, rounds, stamps, &raw);
		if (ret) {
			fprintf(stderr, "bench_ipi_latency: raw %s ping-pong: %s\n",
				bench_delivery_names[mode], strerror(-ret));
			goto out_free;
		}
		for (p = 0; p < BENCH_NR_PATHS; p++) {
			if (!opt->paths[p])
				continue;
			ret = bench_ipi_block(sleep ? HOSTED_DELIVERY_SLEEP : HOSTED_DELIVERY_POLL,
					      p, rounds, stamps, &path[p]);
			if (ret) {
				fprintf(stderr, "bench_ipi_latency: %s ping-pong (%s): %s\n",
					bench_delivery_names[mode], bench_path_names[p],
					strerror(-ret));
				goto out_free;
			}
		}
	}

	for (p = 0; p < BENCH_NR_PATHS; p++) {
		if (!opt->paths[p])
			continue;
		if (p == BENCH_PATH_LINE) {
			/* the port alone: context for the analysis, no target of its own */
			snprintf(name, sizeof(name), "hosted_line_oneway_%s",
				 bench_delivery_names[mode]);
			bench_report(name, &path[p], raw_name, &raw, 0);
			continue;
		}
		snprintf(name, sizeof(name), "ipi_oneway_%s_%s", bench_delivery_names[mode],
			 bench_path_names[p]);
		bench_report(name, &path[p], raw_name, &raw,
			     sleep ? BENCH_TARGET_SLEEP : BENCH_TARGET_POLL);
	}
	printf("# %s: %zu round trips per kind (%u blocks of %lu, first tenth of each dropped), ",
	       bench_delivery_names[mode], raw.nr, opt->reps, rounds);
	if (bench_cores[1] >= 0)
		printf("pinned to cores %d and %d\n", bench_cores[0], bench_cores[1]);
	else
		printf("unpinned (one usable core)\n");
	ret = 0;
out_free:
	free(stamps);
	bench_samples_free(&raw);
	for (p = 0; p < BENCH_NR_PATHS; p++)
		bench_samples_free(&path[p]);
	return ret;
}

static int bench_usage(void)
{
	fputs("usage: bench_ipi_latency [--quick] [--rounds N] [--sleep-rounds N] [--reps N]\n"
	      "                         [--delivery poll|sleep|both] [--paths single,percpu,line]\n",
	      stderr);
	return 2;
}

/* "poll", "sleep" or "both". */
static bool bench_parse_delivery(const char *arg, bool on[2])
{
	on[0] = !strcmp(arg, "poll") || !strcmp(arg, "both");
	on[1] = !strcmp(arg, "sleep") || !strcmp(arg, "both");
	return on[0] || on[1];
}

/* A comma-separated list of path names. */
static bool bench_parse_paths(const char *arg, bool on[BENCH_NR_PATHS])
{
	char list[64], *save, *name;
	bool any = false;

	if (strlen(arg) >= sizeof(list))
		return false;
	strcpy(list, arg);
	memset(on, 0, BENCH_NR_PATHS * sizeof(on[0]));
	for (name = strtok_r(list, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		unsigned int p;

		for (p = 0; p < BENCH_NR_PATHS; p++)
			if (!strcmp(name, bench_path_names[p]))
				break;
		if (p == BENCH_NR_PATHS)
			return false;
		on[p] = any = true;
	}
	return any;
}

int main(int argc, char **argv)
{
	struct bench_options opt = {
		.rounds = 20000,
		.sleep_rounds = 4000,
		.reps = 8,
		.delivery = { true, true },
		.paths = { true, true, true },
	};

	for (int i = 1; i < argc; i++) {
		const char *value = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(argv[i], "--quick")) {
			opt.rounds = 5000;
			opt.sleep_rounds = 1000;
			opt.reps = 2;
			continue;
		}
		if (!value)
			return bench_usage();
		if (!strcmp(argv[i], "--rounds")) {
			opt.rounds = strtoul(value, NULL, 10);
		} else if (!strcmp(argv[i], "--sleep-rounds")) {
			opt.sleep_rounds = strtoul(value, NULL, 10);
		} else if (!strcmp(argv[i], "--reps")) {
			opt.reps = (unsigned int)strtoul(value, NULL, 10);
		} else if (!strcmp(argv[i], "--delivery")) {
			if (!bench_parse_delivery(value, opt.delivery))
				return bench_usage();
		} else if (!strcmp(argv[i], "--paths")) {
			if (!bench_parse_paths(value, opt.paths))
				return bench_usage();
		} else {
			return bench_usage();
		}
		i++;
	}
	if (opt.rounds < 10 || opt.sleep_rounds < 10 || !opt.reps)
		return bench_usage();

	if (bench_find_cores() && opt.delivery[0]) {
		/* two busy-polling threads on one core measure the scheduler, not us */
		for (unsigned int p = 0; p < BENCH_NR_PATHS; p++)
			if (opt.paths[p] && p != BENCH_PATH_LINE)
				printf("bench ipi_oneway_poll_%s: skipped (needs two usable cores)\n",
				       bench_path_names[p]);
		opt.delivery[0] = false;
	}
	for (unsigned int mode = 0; mode < 2; mode++)
		if (opt.delivery[mode] && bench_run_delivery(&opt, mode))
			return 1;
	return 0;
}
