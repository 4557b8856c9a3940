// SPDX-License-Identifier: BSD-2-Clause
/*
 * The multiplexer's API (<genipi/ipi-mux.h>) and the CLINT driver on the
 * hosted machine: creation and its errors, the virqs it returns, requesting,
 * sending in every form, per-CPU masking, the driver's per-CPU enable, and
 * machines booted and torn down again.
 *
 * Sends here are one at a time (each waits for its handler), so counts are
 * exact: one handler run per send, on the target, with its dev_id.
 */
#include "mux-machine.h"

#include <pthread.h>
#include <sched.h>
#include <string.h>

/* What each CPU's handler saw: the handler's per-CPU dev_id. */
struct api_dev {
	unsigned int cpu;
	_Atomic unsigned long runs[MUX_NR_VIPI];
	_Atomic unsigned long wrong_cpu;
	_Atomic unsigned long while_masked;
	_Atomic unsigned long payload_seen;
	/* written only by this CPU (disable/enable run there), read by its handler */
	bool masked[MUX_NR_VIPI];
};

static struct api_dev *api_dev;
/* What the main thread writes before a send; the handler must see it. */
static unsigned long api_payload;

static irqreturn_t api_handler(int irq, void *dev_id)
{
	struct api_dev *d = dev_id;
	unsigned int v = (unsigned int)irq - mux.first_virq;

	if (d->cpu != smp_processor_id())
		atomic_fetch_add_explicit(&d->wrong_cpu, 1, memory_order_relaxed);
	if (v >= MUX_NR_VIPI)
		return IRQ_NONE;
	if (d->masked[v])
		atomic_fetch_add_explicit(&d->while_masked, 1, memory_order_relaxed);
	/* plain read: the release/acquire pair of the multiplexer publishes it */
	atomic_store_explicit(&d->payload_seen, api_payload, memory_order_relaxed);
	/* release: pairs with the acquire in mux_wait_counter() */
	atomic_fetch_add_explicit(&d->runs[v], 1, memory_order_release);
	return IRQ_HANDLED;
}

static struct api_dev *api_on(unsigned int cpu)
{
	return per_cpu_ptr(api_dev, cpu);
}

static void api_enable_all_here(void *unused)
{
	struct api_dev *d = this_cpu_ptr(api_dev);

	(void)unused;
	for (unsigned int v = 0; v < mux.nr_vipi; v++) {
		d->masked[v] = false;
		enable_percpu_irq(mux_virq(v), IRQ_TYPE_NONE);
	}
}

static void api_disable_all_here(void *unused)
{
	struct api_dev *d = this_cpu_ptr(api_dev);

	(void)unused;
	for (unsigned int v = 0; v < mux.nr_vipi; v++) {
		d->masked[v] = true;
		disable_percpu_irq(mux_virq(v));
	}
}

/* Request every vIPI with api_handler and enable it on every CPU. */
static void api_request_all(void)
{
	api_dev = alloc_percpu(struct api_dev);
	assert_non_null(api_dev);
	for (unsigned int cpu = 0; cpu < mux.nr_cpus; cpu++)
		api_on(cpu)->cpu = cpu;
	for (unsigned int v = 0; v < mux.nr_vipi; v++)
		assert_int_equal(request_percpu_irq(mux_virq(v), api_handler, "api", api_dev), 0);
	mux_on_all_cpus(api_enable_all_here, NULL);
}

static void api_free_all(void)
{
	mux_on_all_cpus(api_disable_all_here, NULL);
	for (unsigned int v = 0; v < mux.nr_vipi; v++)
		free_percpu_irq(mux_virq(v), api_dev);
	free_percpu(api_dev);
	api_dev = NULL;
}

static unsigned long api_runs(unsigned int cpu, unsigned int v)
{
	return atomic_load_explicit(&api_on(cpu)->runs[v], memory_order_acquire);
}

static void api_wait_runs(unsigned int cpu, unsigned int v, unsigned long value)
{
	if (!mux_wait_counter(&api_on(cpu)->runs[v], value)) {
		print_error("CPU %u vIPI %u: %lu handler runs, waited for %lu\n", cpu, v,
			    api_runs(cpu, v), value);
		fail();
	}
}

/* No handler ran on a wrong CPU or while masked. */
static void api_assert_clean(void)
{
	for (unsigned int cpu = 0; cpu < mux.nr_cpus; cpu++) {
		assert_int_equal(atomic_load(&api_on(cpu)->wrong_cpu), 0);
		assert_int_equal(atomic_load(&api_on(cpu)->while_masked), 0);
	}
}

/* Every CPU's handler count of every vIPI equals @expected[cpu][v]. */
static void api_assert_runs(unsigned long expected[][MUX_NR_VIPI])
{
	for (unsigned int cpu = 0; cpu < mux.nr_cpus; cpu++)
		for (unsigned int v = 0; v < mux.nr_vipi; v++)
			if (api_runs(cpu, v) != expected[cpu][v]) {
				print_error("CPU %u vIPI %u: %lu handler runs, expected %lu\n", cpu,
					    v, api_runs(cpu, v), expected[cpu][v]);
				fail();
			}
}

static unsigned long api_clint_sets(void)
{
	struct hosted_clint_stats s;

	hosted_clint_get_stats(&s);
	return s.sets;
}

static void api_dummy_send(unsigned int target)
{
	(void)target;
}

/* ---- creation ------------------------------------------------------------- */

static void create_again_fails_with_eexist(void **state)
{
	unsigned int descs = test_count_descs();

	(void)state;
	assert_int_equal(ipi_mux_create(4, api_dummy_send), -EEXIST);
	assert_int_equal(test_count_descs(), descs);
	/* the existing multiplexer is untouched */
	api_request_all();
	assert_int_equal(ipi_send_single(mux_virq(1), 2), 0);
	api_wait_runs(2, 1, 1);
	api_assert_clean();
	api_free_all();
}

struct create_row {
	unsigned int nr_ipi;
	void (*send)(unsigned int target);
};

static const struct create_row create_nr_zero = { 0, api_dummy_send };
static const struct create_row create_nr_33 = { 33, api_dummy_send };
static const struct create_row create_null_send = { 4, NULL };

/* A bad call returns -EINVAL, warns once and leaves no multiplexer behind. */
static void create_rejects(void **state)
{
	const struct create_row *row = *state;
	unsigned int descs = test_count_descs();
	int virq;

	assert_int_equal(ipi_mux_create(row->nr_ipi, row->send), -EINVAL);
	assert_warned_once();
	assert_int_equal(test_count_descs(), descs);
	/* nothing was created: a good call still succeeds, with the maximum */
	virq = ipi_mux_create(32, api_dummy_send);
	assert_true(virq > 0);
	assert_int_equal(test_count_descs(), descs + 32);
	assert_no_warning();
}

static void create_before_core_init_fails(void **state)
{
	(void)state;
	test_log_install();
	assert_int_equal(ipi_mux_create(4, api_dummy_send), -EINVAL);
	assert_warned_once();
}

static void create_returns_consecutive_per_cpu_ipis(void **state)
{
	unsigned int descs = test_count_descs(), cpu;
	int first = ipi_mux_create(MUX_NR_VIPI, api_dummy_send);

	(void)state;
	assert_true(first > 0);
	assert_int_equal(test_count_descs(), descs + MUX_NR_VIPI);
	for (unsigned int v = 0; v < MUX_NR_VIPI; v++) {
		unsigned int virq = (unsigned int)first + v;
		struct irq_data *d = irq_get_irq_data(virq);
		unsigned int flags = irq_get_status_flags(virq);

		assert_non_null(d);
		assert_int_equal(irqd_to_hwirq(d), v);
		assert_true(flags & IRQ_PER_CPU_DEVID);
		assert_true(flags & IRQ_IS_IPI);
		assert_false(flags & IRQ_NOREQUEST);
		assert_true(cpumask_equal(irq_data_get_affinity_mask(d), cpu_possible_mask));
		for (cpu = 0; cpu < nr_cpu_ids; cpu++)
			assert_int_equal(ipi_get_hwirq(virq, cpu), v);
	}
}

/* ---- the driver's own errors ------------------------------------------------ */

static void clint_init_rejects_bad_arguments(void **state)
{
	void __iomem *base = ioremap(HOSTED_CLINT_BASE, HOSTED_CLINT_SIZE);
	struct irq_domain *intc = hosted_cpu_intc_domain();
	unsigned int descs = test_count_descs();

	(void)state;
	assert_int_equal(hosted_clint_attach(), 0);
	assert_int_equal(clint_ipi_init(NULL, intc, HOSTED_LINE_MSWI, 4), -EINVAL);
	assert_int_equal(clint_ipi_init(base, NULL, HOSTED_LINE_MSWI, 4), -EINVAL);
	assert_int_equal(clint_ipi_init(base, intc, HOSTED_NR_LINES, 4), -EINVAL);
	assert_int_equal(clint_ipi_init(base, intc, HOSTED_LINE_MSWI, 0), -EINVAL);
	assert_int_equal(clint_ipi_init(base, intc, HOSTED_LINE_MSWI, 33), -EINVAL);
	/* the line's mapping made for the failed calls is gone again */
	assert_int_equal(test_count_descs(), descs);
	assert_int_equal(irq_find_mapping(intc, HOSTED_LINE_MSWI), 0);
	assert_int_equal(clint_ipi_starting_cpu(), -ENODEV);
	hosted_clint_detach();
}

static void clint_init_twice_fails_with_eexist(void **state)
{
	void __iomem *base = ioremap(HOSTED_CLINT_BASE, HOSTED_CLINT_SIZE);
	unsigned int descs = test_count_descs();

	(void)state;
	assert_int_equal(clint_ipi_init(base, hosted_cpu_intc_domain(), HOSTED_LINE_MSWI, 4),
			 -EEXIST);
	assert_int_equal(test_count_descs(), descs);
	api_request_all();
	assert_int_equal(ipi_send_single(mux_virq(0), 3), 0);
	api_wait_runs(3, 0, 1);
	api_free_all();
}

/* ---- requesting ------------------------------------------------------------- */

static void request_percpu_irq_takes_each_vipi_once(void **state)
{
	struct api_dev *dev = alloc_percpu(struct api_dev);

	(void)state;
	assert_non_null(dev);
	for (unsigned int v = 0; v < mux.nr_vipi; v++) {
		assert_int_equal(request_percpu_irq(mux_virq(v), api_handler, "a", dev), 0);
		assert_int_equal(request_percpu_irq(mux_virq(v), api_handler, "b", dev), -EBUSY);
	}
	assert_no_warning();
	/* a per-CPU interrupt: request_irq() is refused, as misuse */
	assert_int_equal(request_irq(mux_virq(0), api_handler, 0, "c", dev), -EINVAL);
	assert_warned_once();
	for (unsigned int v = 0; v < mux.nr_vipi; v++) {
		free_percpu_irq(mux_virq(v), dev);
		assert_int_equal(request_percpu_irq(mux_virq(v), api_handler, "d", dev), 0);
		free_percpu_irq(mux_virq(v), dev);
	}
	free_percpu(dev);
	assert_no_warning();
}

/* ---- sending ---------------------------------------------------------------- */

static void send_single_runs_handler_on_target_with_its_dev_id(void **state)
{
	unsigned long expected[NR_CPUS][MUX_NR_VIPI] = { { 0 } };

	(void)state;
	api_request_all();
	for (unsigned int cpu = 0; cpu < mux.nr_cpus; cpu++) {
		for (unsigned int v = 0; v < mux.nr_vipi; v++) {
			api_payload = 1000 * cpu + v + 1;
			assert_int_equal(ipi_send_single(mux_virq(v), cpu), 0);
			api_wait_runs(cpu, v, 1);
			expected[cpu][v] = 1;
			assert_int_equal(atomic_load(&api_on(cpu)->payload_seen), api_payload);
		}
	}
	mux_sleep_ms(20);
	api_assert_runs(expected);
	api_assert_clean();
	api_free_all();
}

enum send_kind {
	SEND_SINGLE,
	SEND_MASK,
	SEND_ALL,
	SEND_SINGLE_FAST,
	SEND_MASK_FAST,
};

struct send_row {
	enum send_kind kind;
	bool from_cpu;	     /* send from CPU 1 (a target too) rather than the main thread */
	unsigned long dests; /* bit per CPU; SEND_ALL: ignored */
};

struct send_ctx {
	const struct send_row *row;
	unsigned int v;
	int ret;
};

static void send_do(void *arg)
{
	struct send_ctx *ctx = arg;
	unsigned int virq = mux_virq(ctx->v);
	struct cpumask dest;
	unsigned int cpu;

	cpumask_clear(&dest);
	for (cpu = 0; cpu < mux.nr_cpus; cpu++)
		if (ctx->row->dests & (1UL << cpu))
			cpumask_set_cpu(cpu, &dest);
	switch (ctx->row->kind) {
	case SEND_SINGLE:
		ctx->ret = 0;
		for_each_cpu(cpu, &dest)
			ctx->ret |= ipi_send_single(virq, cpu);
		break;
	case SEND_SINGLE_FAST:
		ctx->ret = 0;
		for_each_cpu(cpu, &dest)
			ctx->ret |= __ipi_send_single(irq_to_desc(virq), cpu);
		break;
	case SEND_MASK:
		ctx->ret = ipi_send_mask(virq, &dest);
		break;
	case SEND_MASK_FAST:
		ctx->ret = __ipi_send_mask(irq_to_desc(virq), &dest);
		break;
	case SEND_ALL:
		ctx->ret = ipi_send_all(virq);
		break;
	}
}

/* Each vIPI in turn reaches exactly the CPUs named, once each. */
static void send_reaches_exactly_its_targets(void **state)
{
	const struct send_row *row = *state;
	unsigned long expected[NR_CPUS][MUX_NR_VIPI] = { { 0 } };
	unsigned long dests = row->kind == SEND_ALL ? (1UL << mux.nr_cpus) - 1 : row->dests;

	api_request_all();
	for (unsigned int v = 0; v < mux.nr_vipi; v++) {
		struct send_ctx ctx = { .row = row, .v = v, .ret = -1 };

		if (row->from_cpu)
			test_on_cpu(1, send_do, &ctx);
		else
			send_do(&ctx);
		assert_int_equal(ctx.ret, 0);
		for (unsigned int cpu = 0; cpu < mux.nr_cpus; cpu++) {
			if (!(dests & (1UL << cpu)))
				continue;
			expected[cpu][v] = 1;
			api_wait_runs(cpu, v, 1);
		}
	}
	mux_sleep_ms(20);
	api_assert_runs(expected);
	api_assert_clean();
	api_free_all();
}

static const struct send_row send_single_main = { SEND_SINGLE, false, 0x5 };
static const struct send_row send_single_cpu = { SEND_SINGLE, true, 0x3 };
static const struct send_row send_mask_main = { SEND_MASK, false, 0xa };
static const struct send_row send_mask_cpu = { SEND_MASK, true, 0x7 };
static const struct send_row send_all_main = { SEND_ALL, false, 0 };
static const struct send_row send_all_cpu = { SEND_ALL, true, 0 };
static const struct send_row send_fast_single_cpu = { SEND_SINGLE_FAST, true, 0x6 };
static const struct send_row send_fast_mask_main = { SEND_MASK_FAST, false, 0xf };
static const struct send_row send_fast_mask_cpu = { SEND_MASK_FAST, true, 0x9 };

static void send_rejects_targets_outside_the_cpus(void **state)
{
	struct cpumask dest;
	int remote = hosted_remote_add("dsp", 100);

	(void)state;
	assert_true(remote >= (int)nr_cpu_ids);
	assert_int_equal(ipi_send_single(mux_virq(0), nr_cpu_ids), -EINVAL);
	assert_int_equal(ipi_send_single(mux_virq(0), (unsigned int)remote), -EINVAL);
	assert_int_equal(ipi_send_single(mux_virq(0), NR_TARGETS), -EINVAL);
	cpumask_copy(&dest, cpumask_of(0));
	cpumask_set_cpu((unsigned int)remote, &dest);
	assert_int_equal(ipi_send_mask(mux_virq(0), &dest), -EINVAL);
	/* past the last vIPI: not an IPI of ours */
	assert_int_equal(ipi_send_all(mux_virq(mux.nr_vipi)), -EINVAL);
	/* nothing reached the device, nothing was raised at the remote */
	assert_int_equal(api_clint_sets(), 0);
	assert_int_equal(hosted_remote_count((unsigned int)remote, HOSTED_LINE_MSWI), 0);
}

static void handler_sees_writes_made_before_the_send(void **state)
{
	(void)state;
	api_request_all();
	for (unsigned long i = 1; i <= 200; i++) {
		unsigned int cpu = (unsigned int)(i % mux.nr_cpus);
		unsigned int v = (unsigned int)(i % mux.nr_vipi);
		unsigned long before = api_runs(cpu, v);

		/* a plain store: only the multiplexer's release/acquire publishes it */
		api_payload = i;
		assert_int_equal(ipi_send_single(mux_virq(v), cpu), 0);
		api_wait_runs(cpu, v, before + 1);
		assert_int_equal(atomic_load(&api_on(cpu)->payload_seen), i);
	}
	api_assert_clean();
	api_free_all();
}

/*
 * A send that finds its bit already pending raises nothing: only the
 * multiplexer's release (S1) and acquire (P2) carry its writes to the
 * handler. CPU 1 holds its interrupts masked while the main thread sends
 * first (the parent IPI is raised and waits) and another thread then
 * writes a payload and sends again (coalesced). The flags between the
 * threads are relaxed on purpose: they order nothing, so under
 * ThreadSanitizer a missing release or acquire in the multiplexer is a
 * data race on the payload (on builds where smp_mb() is a fence TSan does
 * not see; see docs/ipi-mux.md).
 */
static _Atomic int coalesce_masked;
static _Atomic int coalesce_sent;

static void coalesce_hold_interrupts(void *unused)
{
	unsigned long flags;

	(void)unused;
	local_irq_save(flags);
	atomic_store_explicit(&coalesce_masked, 1, memory_order_relaxed);
	while (!atomic_load_explicit(&coalesce_sent, memory_order_relaxed))
		sched_yield();
	local_irq_restore(flags); /* takes the parent IPI: one claim, one run */
}

static void *coalesce_cpu1(void *unused)
{
	(void)unused;
	hosted_run_on_cpu(1, coalesce_hold_interrupts, NULL);
	return NULL;
}

static void *coalesce_second_sender(void *unused)
{
	(void)unused;
	api_payload = 42;
	ipi_send_single(mux_virq(6), 1);
	atomic_store_explicit(&coalesce_sent, 1, memory_order_relaxed);
	return NULL;
}

static void coalesced_send_publishes_its_writes(void **state)
{
	pthread_t cpu1, sender;

	(void)state;
	api_request_all();
	assert_int_equal(pthread_create(&cpu1, NULL, coalesce_cpu1, NULL), 0);
	while (!atomic_load_explicit(&coalesce_masked, memory_order_relaxed))
		sched_yield();
	assert_int_equal(ipi_send_single(mux_virq(6), 1), 0);
	assert_int_equal(pthread_create(&sender, NULL, coalesce_second_sender, NULL), 0);
	pthread_join(sender, NULL);
	pthread_join(cpu1, NULL);
	api_wait_runs(1, 6, 1);
	mux_sleep_ms(10);
	assert_int_equal(api_runs(1, 6), 1);
	/* the second send found the bit pending: one parent IPI for both */
	assert_int_equal(api_clint_sets(), 1);
	assert_int_equal(atomic_load(&api_on(1)->payload_seen), 42);
	api_assert_clean();
	api_free_all();
}

/* ---- masking ------------------------------------------------------------------ */

struct mask_ctx {
	unsigned int v;
	bool enable;
};

static void mask_here(void *arg)
{
	struct mask_ctx *ctx = arg;
	struct api_dev *d = this_cpu_ptr(api_dev);

	if (ctx->enable) {
		d->masked[ctx->v] = false;
		enable_percpu_irq(mux_virq(ctx->v), IRQ_TYPE_NONE);
	} else {
		d->masked[ctx->v] = true;
		disable_percpu_irq(mux_virq(ctx->v));
	}
}

static void api_set_masked(unsigned int cpu, unsigned int v, bool masked)
{
	struct mask_ctx ctx = { .v = v, .enable = !masked };

	test_on_cpu(cpu, mask_here, &ctx);
}

static void masked_vipi_stays_pending_until_unmasked(void **state)
{
	(void)state;
	api_request_all();
	api_set_masked(1, 2, true);
	for (unsigned int i = 0; i < 3; i++)
		assert_int_equal(ipi_send_single(mux_virq(2), 1), 0);
	mux_sleep_ms(50);
	assert_int_equal(api_runs(1, 2), 0);
	/* masked: the sends raised no parent IPI (S3) */
	assert_int_equal(api_clint_sets(), 0);
	api_set_masked(1, 2, false);
	/* the unmask raised it (U3); three sends, one pending bit: one run */
	api_wait_runs(1, 2, 1);
	mux_sleep_ms(20);
	assert_int_equal(api_runs(1, 2), 1);
	assert_int_equal(api_clint_sets(), 1);
	assert_int_equal(mux_msip(1), 0);
	api_assert_clean();
	api_free_all();
}

static void masking_is_per_cpu(void **state)
{
	(void)state;
	api_request_all();
	api_set_masked(1, 0, true);
	assert_int_equal(ipi_send_all(mux_virq(0)), 0);
	api_wait_runs(0, 0, 1);
	api_wait_runs(2, 0, 1);
	api_wait_runs(3, 0, 1);
	mux_sleep_ms(30);
	assert_int_equal(api_runs(1, 0), 0);
	api_set_masked(1, 0, false);
	api_wait_runs(1, 0, 1);
	api_assert_clean();
	api_free_all();
}

static void unmask_with_nothing_pending_raises_nothing(void **state)
{
	(void)state;
	api_request_all();
	for (unsigned int i = 0; i < 10; i++) {
		api_set_masked(2, 5, true);
		api_set_masked(2, 5, false);
	}
	mux_sleep_ms(20);
	assert_int_equal(api_clint_sets(), 0);
	assert_int_equal(api_runs(2, 5), 0);
	api_free_all();
}

/* On a CPU: a self-IPI sent with interrupts masked runs when they are restored. */
struct self_ctx {
	unsigned long runs_masked;
	unsigned long runs_after;
	int ret;
};

static void self_send_masked(void *arg)
{
	struct self_ctx *ctx = arg;
	unsigned int cpu = smp_processor_id();
	unsigned long flags;

	local_irq_save(flags);
	ctx->ret = ipi_send_single(mux_virq(3), cpu);
	hosted_irq_poll(); /* not an interrupt point while masked */
	ctx->runs_masked = api_runs(cpu, 3);
	local_irq_restore(flags);
	ctx->runs_after = api_runs(cpu, 3);
}

static void self_ipi_runs_when_interrupts_are_restored(void **state)
{
	struct self_ctx ctx = { 0 };

	(void)state;
	api_request_all();
	test_on_cpu(2, self_send_masked, &ctx);
	assert_int_equal(ctx.ret, 0);
	assert_int_equal(ctx.runs_masked, 0);
	assert_int_equal(ctx.runs_after, 1);
	api_assert_clean();
	api_free_all();
}

/* ---- the driver's per-CPU enable ---------------------------------------------- */

static void run_dying(void *arg)
{
	*(int *)arg = clint_ipi_dying_cpu();
}

static void run_starting(void *arg)
{
	*(int *)arg = clint_ipi_starting_cpu();
}

static void dying_cpu_holds_ipis_until_it_starts_again(void **state)
{
	int ret = -1;

	(void)state;
	api_request_all();
	test_on_cpu(3, run_dying, &ret);
	assert_int_equal(ret, 0);
	assert_int_equal(ipi_send_single(mux_virq(4), 3), 0);
	mux_sleep_ms(30);
	assert_int_equal(api_runs(3, 4), 0);
	assert_int_equal(mux_msip(3), 1); /* the parent IPI waits at the device */
	test_on_cpu(3, run_starting, &ret);
	assert_int_equal(ret, 0);
	api_wait_runs(3, 4, 1);
	assert_int_equal(mux_msip(3), 0);
	api_assert_clean();
	api_free_all();
}

/* ---- the chained handler, called where it should not be ----------------------- */

static void process_off_cpu_warns_and_does_nothing(void **state)
{
	(void)state;
	api_request_all();
	ipi_mux_process();
	assert_warned_once();
	api_free_all();
}

/* ---- the MSIP register ---------------------------------------------------------- */

static bool msip_line_pending(unsigned int cpu)
{
	struct hosted_target_state st;

	assert_int_equal(hosted_target_state(cpu, &st), 0);
	return st.pending & (1ULL << HOSTED_LINE_MSWI);
}

static void msip_register_is_a_level_on_bit_0(void **state)
{
	char __iomem *base = ioremap(HOSTED_CLINT_BASE, HOSTED_CLINT_SIZE);
	struct hosted_clint_stats s;
	int ret = -1;

	(void)state;
	api_request_all();
	/* CPU 3 does not take the software interrupt: MSIP stays as written */
	test_on_cpu(3, run_dying, &ret);
	writel(0xffffffffU, base + HOSTED_CLINT_MSIP(3));
	assert_int_equal(readl(base + HOSTED_CLINT_MSIP(3)), 1);
	assert_true(msip_line_pending(3));
	/* bit 0 clear: a clear, which lowers the line too */
	writel(0xfffffffeU, base + HOSTED_CLINT_MSIP(3));
	assert_int_equal(readl(base + HOSTED_CLINT_MSIP(3)), 0);
	assert_false(msip_line_pending(3));
	/* a hart that does not exist: reads 0, writes go nowhere */
	writel(1, base + HOSTED_CLINT_MSIP(77));
	assert_int_equal(readl(base + HOSTED_CLINT_MSIP(77)), 0);
	hosted_clint_get_stats(&s);
	assert_int_equal(s.sets, 1);
	assert_int_equal(s.clears, 1);
	assert_int_equal(s.raises, 1);
	assert_int_equal(s.dropped, 2);
	/* set without a vIPI pending: CPU 3 takes it, acks it, runs no handler */
	writel(1, base + HOSTED_CLINT_MSIP(3));
	test_on_cpu(3, run_starting, &ret);
	for (unsigned int i = 0; i < 1000 && mux_msip(3); i++)
		mux_sleep_ms(1);
	assert_int_equal(mux_msip(3), 0);
	mux_sleep_ms(10);
	for (unsigned int v = 0; v < mux.nr_vipi; v++)
		assert_int_equal(api_runs(3, v), 0);
	api_free_all();
}

/* ---- machines booted and shut down again ------------------------------------------ */

static void mux_survives_boot_and_teardown_cycles(void **state)
{
	(void)state;
	for (unsigned int cycle = 0; cycle < 5; cycle++) {
		unsigned int nr_cpus = 1 + cycle % 4;

		assert_int_equal(mux_machine_boot(nr_cpus,
						  cycle % 2 ? HOSTED_DELIVERY_POLL :
							      HOSTED_DELIVERY_SLEEP,
						  MUX_NR_VIPI),
				 0);
		api_request_all();
		assert_int_equal(ipi_send_all(mux_virq(cycle)), 0);
		for (unsigned int cpu = 0; cpu < nr_cpus; cpu++)
			api_wait_runs(cpu, cycle, 1);
		api_assert_clean();
		api_free_all();
		mux_machine_shutdown();
		assert_int_equal(hosted_alloc_live(), 0);
		/* irq_core_teardown() forgot the multiplexer: no machine, no mux */
		assert_int_equal(ipi_mux_create(4, api_dummy_send), -EINVAL);
	}
	/* a plain machine creates one again: nothing is left of the old ones */
	assert_int_equal(test_machine_boot(2), 0);
	assert_true(ipi_mux_create(4, api_dummy_send) > 0);
	test_machine_shutdown();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		mux_unit_test(create_again_fails_with_eexist),
		test_machine_table_test("create_rejects_nr_ipi_0", create_rejects, &create_nr_zero),
		test_machine_table_test("create_rejects_nr_ipi_33", create_rejects, &create_nr_33),
		test_machine_table_test("create_rejects_null_mux_send", create_rejects,
					&create_null_send),
		cmocka_unit_test(create_before_core_init_fails),
		test_machine_unit_test(create_returns_consecutive_per_cpu_ipis),
		test_machine_unit_test(clint_init_rejects_bad_arguments),
		mux_unit_test(clint_init_twice_fails_with_eexist),
		mux_unit_test(request_percpu_irq_takes_each_vipi_once),
		mux_unit_test(send_single_runs_handler_on_target_with_its_dev_id),
		{ "send_single_from_main", send_reaches_exactly_its_targets, mux_machine_setup,
		  mux_machine_teardown, (void *)&send_single_main },
		{ "send_single_from_cpu", send_reaches_exactly_its_targets, mux_machine_setup,
		  mux_machine_teardown, (void *)&send_single_cpu },
		{ "send_mask_from_main", send_reaches_exactly_its_targets, mux_machine_setup,
		  mux_machine_teardown, (void *)&send_mask_main },
		{ "send_mask_from_cpu", send_reaches_exactly_its_targets, mux_machine_setup,
		  mux_machine_teardown, (void *)&send_mask_cpu },
		{ "send_all_from_main", send_reaches_exactly_its_targets, mux_machine_setup,
		  mux_machine_teardown, (void *)&send_all_main },
		{ "send_all_from_cpu", send_reaches_exactly_its_targets, mux_machine_setup,
		  mux_machine_teardown, (void *)&send_all_cpu },
		{ "__send_single_from_cpu", send_reaches_exactly_its_targets, mux_machine_setup,
		  mux_machine_teardown, (void *)&send_fast_single_cpu },
		{ "__send_mask_from_main", send_reaches_exactly_its_targets, mux_machine_setup,
		  mux_machine_teardown, (void *)&send_fast_mask_main },
		{ "__send_mask_from_cpu", send_reaches_exactly_its_targets, mux_machine_setup,
		  mux_machine_teardown, (void *)&send_fast_mask_cpu },
		mux_unit_test(send_rejects_targets_outside_the_cpus),
		mux_unit_test(handler_sees_writes_made_before_the_send),
		mux_unit_test(coalesced_send_publishes_its_writes),
		mux_unit_test(masked_vipi_stays_pending_until_unmasked),
		mux_unit_test(masking_is_per_cpu),
		mux_unit_test(unmask_with_nothing_pending_raises_nothing),
		mux_unit_test(self_ipi_runs_when_interrupts_are_restored),
		mux_unit_test(dying_cpu_holds_ipis_until_it_starts_again),
		mux_unit_test(process_off_cpu_warns_and_does_nothing),
		mux_unit_test(msip_register_is_a_level_on_bit_0),
		cmocka_unit_test(mux_survives_boot_and_teardown_cycles),
	};

	return test_run_isolated("mux_api", tests, ARRAY_SIZE(tests));
}
