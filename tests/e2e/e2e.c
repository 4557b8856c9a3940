// SPDX-License-Identifier: BSD-2-Clause
/*
 * End-to-end test fixture: see e2e.h.
 */
#define _POSIX_C_SOURCE 200809L

#include "e2e.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Default deadline of every wait; GENIPI_E2E_TIMEOUT_MS overrides it. */
#define E2E_DEFAULT_TIMEOUT_MS 20000

/* Waits spin with sched_yield() this often before they start napping. */
#define E2E_WAIT_YIELDS 200
#define E2E_WAIT_NAP_NS 20000L

const struct e2e_config e2e_configs[] = {
	{ 1, HOSTED_DELIVERY_POLL },   { 1, HOSTED_DELIVERY_SLEEP },
	{ 1, HOSTED_DELIVERY_HYBRID }, { 2, HOSTED_DELIVERY_POLL },
	{ 2, HOSTED_DELIVERY_SLEEP },  { 2, HOSTED_DELIVERY_HYBRID },
	{ 8, HOSTED_DELIVERY_SLEEP },  { 8, HOSTED_DELIVERY_HYBRID },
	{ 17, HOSTED_DELIVERY_SLEEP }, { 17, HOSTED_DELIVERY_HYBRID },
};
const size_t e2e_nr_configs = ARRAY_SIZE(e2e_configs);

const char *e2e_delivery_name(enum hosted_delivery delivery)
{
	switch (delivery) {
	case HOSTED_DELIVERY_POLL:
		return "poll";
	case HOSTED_DELIVERY_SLEEP:
		return "sleep";
	case HOSTED_DELIVERY_HYBRID:
		return "hybrid";
	}
	return "?";
}

/* ---- state of the current machine ----------------------------------------- */

static struct e2e_machine e2e_m;
static bool e2e_booted;
static struct e2e_ipi *e2e_ipis[E2E_MAX_IPIS];
static unsigned int e2e_nr_ipis;
static long e2e_alloc_baseline;

/* First misbehaviour a handler saw; the handlers run on CPU threads. */
static unsigned long e2e_handler_errors;
static char e2e_handler_msg[256];

static void e2e_handler_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void e2e_handler_error(const char *fmt, ...)
{
	va_list ap;

	/* only the first reporter writes the message */
	if (__atomic_fetch_add(&e2e_handler_errors, 1, __ATOMIC_ACQ_REL))
		return;
	va_start(ap, fmt);
	vsnprintf(e2e_handler_msg, sizeof(e2e_handler_msg), fmt, ap);
	va_end(ap);
}

/* ---- log capture ------------------------------------------------------------ */

static pthread_mutex_t e2e_log_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long e2e_log_nr;
static char e2e_log_last[256];
static bool e2e_log_echo;

static void e2e_log_hook(const char *msg, void *ctx)
{
	(void)ctx;
	pthread_mutex_lock(&e2e_log_lock);
	e2e_log_nr++;
	snprintf(e2e_log_last, sizeof(e2e_log_last), "%s", msg);
	pthread_mutex_unlock(&e2e_log_lock);
	if (e2e_log_echo)
		fprintf(stderr, "[log] %s", msg);
}

unsigned long e2e_log_count(void)
{
	unsigned long n;

	pthread_mutex_lock(&e2e_log_lock);
	n = e2e_log_nr;
	pthread_mutex_unlock(&e2e_log_lock);
	return n;
}

static void e2e_log_reset(void)
{
	pthread_mutex_lock(&e2e_log_lock);
	e2e_log_nr = 0;
	e2e_log_last[0] = '\0';
	pthread_mutex_unlock(&e2e_log_lock);
}

/* ---- waiting ---------------------------------------------------------------- */

static uint64_t e2e_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static uint64_t e2e_timeout_ns(void)
{
	static uint64_t timeout;
	const char *env;

	if (!timeout) {
		env = getenv("GENIPI_E2E_TIMEOUT_MS");
		timeout = (env && atol(env) > 0 ? (uint64_t)atol(env) : E2E_DEFAULT_TIMEOUT_MS) *
			  1000000ULL;
	}
	return timeout;
}

void e2e_deadline_start(struct e2e_deadline *dl)
{
	dl->end_ns = e2e_now_ns() + e2e_timeout_ns();
	dl->spins = 0;
}

bool e2e_deadline_wait(struct e2e_deadline *dl)
{
	struct timespec nap = { 0, E2E_WAIT_NAP_NS };

	if (e2e_now_ns() > dl->end_ns)
		return false;
	/*
	 * Give the cores to the CPU threads: in poll mode they spin, and
	 * this machine has fewer cores than a 17-CPU machine has threads.
	 */
	if (dl->spins++ < E2E_WAIT_YIELDS)
		sched_yield();
	else
		nanosleep(&nap, NULL);
	return true;
}

/* ---- helpers ---------------------------------------------------------------- */

void e2e_on_cpu(unsigned int cpu, void (*fn)(void *), void *arg)
{
	int ret = hosted_run_on_cpu(cpu, fn, arg);

	if (ret)
		fail_msg("hosted_run_on_cpu(%u) returned %d", cpu, ret);
}

void e2e_mask_range(struct cpumask *m, unsigned int first, unsigned int last, bool rm)
{
	cpumask_clear(m);
	for (unsigned int cpu = first; cpu <= last && cpu < e2e_m.nr_cpus; cpu++)
		cpumask_set_cpu(cpu, m);
	if (rm)
		cpumask_set_cpu(e2e_m.rm, m);
}

const char *e2e_mask_str(const struct cpumask *m, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int t, run_end;

	buf[0] = '\0';
	for (t = cpumask_first(m); t < NR_TARGETS; t = cpumask_next((int)run_end, m)) {
		const char *name = target_is_remote(t) ? target_name(t) : NULL;
		int n;

		run_end = t;
		if (name) {
			n = snprintf(buf + used, len - used, "%s%s", used ? "," : "", name);
		} else {
			while (run_end + 1 < nr_cpu_ids && cpumask_test_cpu(run_end + 1, m))
				run_end++;
			if (run_end == t)
				n = snprintf(buf + used, len - used, "%s%u", used ? "," : "", t);
			else
				n = snprintf(buf + used, len - used, "%s%u-%u", used ? "," : "", t,
					     run_end);
		}
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
	return buf;
}

/* ---- machine ---------------------------------------------------------------- */

struct e2e_machine *e2e_machine_boot(const struct e2e_config *cfg)
{
	struct hosted_machine_config hcfg = {
		.nr_cpus = cfg->nr_cpus,
		.delivery = cfg->delivery,
	};
	int ret;

	if (e2e_booted) {
		print_error("e2e: a machine is already booted\n");
		return NULL;
	}
	e2e_log_echo = getenv("GENIPI_E2E_LOG") != NULL;
	hosted_set_log_hook(e2e_log_hook, NULL);
	e2e_alloc_baseline = hosted_alloc_live();
	__atomic_store_n(&e2e_handler_errors, 0, __ATOMIC_RELAXED);
	e2e_handler_msg[0] = '\0';

	ret = hosted_machine_boot(&hcfg);
	if (ret) {
		print_error("e2e: hosted_machine_boot(%u CPUs, %s) returned %d\n", cfg->nr_cpus,
			    e2e_delivery_name(cfg->delivery), ret);
		return NULL;
	}
	memset(&e2e_m, 0, sizeof(e2e_m));
	e2e_m.cfg = cfg;
	e2e_m.nr_cpus = cfg->nr_cpus;
	ret = hosted_remote_add("rm", E2E_RM_HWID);
	if (ret != (int)cfg->nr_cpus) {
		print_error("e2e: hosted_remote_add(rm) returned %d, expected target %u\n", ret,
			    cfg->nr_cpus);
		hosted_machine_shutdown();
		return NULL;
	}
	e2e_m.rm = (unsigned int)ret;
	e2e_mask_range(&e2e_m.cpus, 0, cfg->nr_cpus - 1, false);
	e2e_mask_range(&e2e_m.all, 0, cfg->nr_cpus - 1, true);
	e2e_booted = true;
	e2e_log_reset();
	return &e2e_m;
}

int e2e_machine_shutdown(void)
{
	unsigned long errors;
	long live;
	int ret = 0;

	if (!e2e_booted)
		return 0;
	hosted_machine_shutdown();
	e2e_booted = false;
	/* no CPU thread runs any more: the handlers' statistics can go */
	for (unsigned int i = 0; i < e2e_nr_ipis; i++) {
		free_percpu(e2e_ipis[i]->stat);
		free(e2e_ipis[i]);
		e2e_ipis[i] = NULL;
	}
	e2e_nr_ipis = 0;
	hosted_set_log_hook(NULL, NULL);

	errors = __atomic_load_n(&e2e_handler_errors, __ATOMIC_ACQUIRE);
	if (errors) {
		print_error("e2e: %lu handler error(s), first: %s\n", errors, e2e_handler_msg);
		ret = -1;
	}
	live = hosted_alloc_live();
	if (live != e2e_alloc_baseline) {
		print_error(
			"e2e: %ld port_zalloc() block(s) live after shutdown (%ld before boot)\n",
			live, e2e_alloc_baseline);
		ret = -1;
	}
	return ret;
}

int e2e_setup(void **state)
{
	struct e2e_machine *m = e2e_machine_boot(*state);

	if (!m)
		return -1;
	*state = m;
	return 0;
}

int e2e_teardown(void **state)
{
	(void)state;
	return e2e_machine_shutdown();
}

unsigned int e2e_add_remote(const char *name, unsigned long hwid)
{
	int ret = hosted_remote_add(name, hwid);

	if (ret < (int)e2e_m.nr_cpus || (unsigned int)ret - e2e_m.nr_cpus >= E2E_MAX_REMOTES)
		fail_msg("hosted_remote_add(%s, %lu) returned %d", name, hwid, ret);
	cpumask_set_cpu((unsigned int)ret, &e2e_m.all);
	return (unsigned int)ret;
}

/* ---- the handler ------------------------------------------------------------ */

static irqreturn_t e2e_handler(int irq, void *dev_id)
{
	struct e2e_stat *st = dev_id;
	unsigned int cpu = smp_processor_id();

	if (cpu != st->owner)
		e2e_handler_error("virq %d ran on CPU %u with CPU %u's dev_id", irq, cpu,
				  st->owner);
	if ((unsigned int)irq != st->expected_irq)
		e2e_handler_error("CPU %u got virq %d, expected virq %u", cpu, irq,
				  st->expected_irq);
	if (!in_interrupt() || !irqs_disabled())
		e2e_handler_error("virq %d on CPU %u: handler not in interrupt context", irq, cpu);
	/* pairs with the release increment of the sender (e2e_bump()) */
	__atomic_store_n(&st->seen, __atomic_load_n(st->sent, __ATOMIC_ACQUIRE), __ATOMIC_RELEASE);
	/* only this CPU writes it; pairs with the acquire loads of e2e_load() */
	__atomic_store_n(&st->count, __atomic_load_n(&st->count, __ATOMIC_RELAXED) + 1,
			 __ATOMIC_RELEASE);
	return IRQ_HANDLED;
}

irqreturn_t e2e_dummy_handler(int irq, void *dev_id)
{
	(void)irq;
	(void)dev_id;
	return IRQ_HANDLED;
}

/* ---- IPIs under test ---------------------------------------------------------- */

struct irq_domain *e2e_domain(bool per_cpu)
{
	struct irq_domain *d = hosted_swipi_domain(per_cpu);

	assert_non_null(d);
	assert_true(irq_domain_is_ipi(d));
	assert_true(per_cpu ? irq_domain_is_ipi_per_cpu(d) : irq_domain_is_ipi_single(d));
	assert_non_null(d->fwnode);
	/* what a driver that knows only the controller's node would do */
	assert_ptr_equal(irq_find_matching_fwnode(d->fwnode, DOMAIN_BUS_IPI), d);
	return d;
}

unsigned int e2e_ipi_virq(const struct e2e_ipi *ipi, unsigned int target)
{
	return ipi->per_cpu ? ipi->virq + target - ipi->offset : ipi->virq;
}

unsigned int e2e_ipi_send_virq(const struct e2e_ipi *ipi)
{
	unsigned int first = cpumask_first(&ipi->reserved);

	if (first >= NR_TARGETS)
		return ipi->virq;
	return e2e_ipi_virq(ipi, first);
}

unsigned int e2e_ipi_line(const struct e2e_ipi *ipi, unsigned int target)
{
	if (ipi->per_cpu)
		return HOSTED_LINE_SWIPI;
	return HOSTED_LINE_SWIPI_SINGLE((unsigned int)ipi_get_hwirq(ipi->virq, target));
}

/* What the reservation must look like right after irq_reserve_ipi(). */
static void e2e_ipi_check_reservation(struct e2e_ipi *ipi, struct irq_domain *d,
				      const struct cpumask *dest)
{
	irq_hw_number_t first_hwirq = INVALID_HWIRQ;
	unsigned int t;

	for (t = 0; t < nr_target_ids; t++) {
		irq_hw_number_t hwirq = ipi_get_hwirq(ipi->virq, t);
		struct irq_data *data;

		if (!cpumask_test_cpu(t, dest)) {
			assert_true(hwirq == INVALID_HWIRQ);
			continue;
		}
		assert_true(hwirq != INVALID_HWIRQ);
		data = irq_get_irq_data(e2e_ipi_virq(ipi, t));
		assert_non_null(data);
		assert_ptr_equal(data->domain, d);
		assert_non_null(data->chip);
		assert_non_null(data->chip->name);
		assert_true(cpumask_equal(irq_data_get_affinity_mask(data), dest));
		assert_true(irq_get_status_flags(data->irq) & IRQ_IS_IPI);
		if (ipi->per_cpu) {
			/* one hwirq per target: that target's own virq carries it */
			assert_true(irqd_to_hwirq(data) == hwirq);
			assert_true(irq_get_status_flags(data->irq) & IRQ_PER_CPU_DEVID);
		} else {
			/* one hwirq for everyone */
			if (first_hwirq == INVALID_HWIRQ)
				first_hwirq = hwirq;
			assert_true(hwirq == first_hwirq);
		}
		/* nothing of ours runs on a remote processor */
		if (target_is_remote(t) && ipi->per_cpu)
			assert_true(irq_get_status_flags(data->irq) & IRQ_NOREQUEST);
	}
	if (ipi->per_cpu) {
		/* per-target hwirqs are all different */
		for (t = 0; t < nr_target_ids; t++) {
			if (!cpumask_test_cpu(t, dest))
				continue;
			for (unsigned int u = t + 1; u < nr_target_ids; u++)
				if (cpumask_test_cpu(u, dest))
					assert_true(ipi_get_hwirq(ipi->virq, t) !=
						    ipi_get_hwirq(ipi->virq, u));
		}
	}
}

struct e2e_ipi *e2e_ipi_reserve(bool per_cpu, const struct cpumask *dest, int *err)
{
	struct irq_domain *d = e2e_domain(per_cpu);
	struct e2e_ipi *ipi;
	int virq;

	assert_true(e2e_nr_ipis < E2E_MAX_IPIS);
	virq = irq_reserve_ipi(d, dest);
	*err = virq < 0 ? virq : 0;
	if (virq < 0)
		return NULL;
	assert_true(virq > 0);

	ipi = calloc(1, sizeof(*ipi));
	assert_non_null(ipi);
	ipi->per_cpu = per_cpu;
	ipi->virq = (unsigned int)virq;
	ipi->offset = cpumask_first(dest);
	ipi->nr_virqs = per_cpu ? cpumask_weight(dest) : 1;
	cpumask_copy(&ipi->reserved, dest);
	ipi->stat = alloc_percpu(struct e2e_stat);
	assert_non_null(ipi->stat);
	for (unsigned int cpu = 0; cpu < e2e_m.nr_cpus; cpu++) {
		struct e2e_stat *st = per_cpu_ptr(ipi->stat, cpu);

		st->owner = cpu;
		st->sent = &ipi->sent[cpu];
		st->expected_irq = cpumask_test_cpu(cpu, dest) ? e2e_ipi_virq(ipi, cpu) : 0;
	}
	/* registered first, so the teardown frees it even if a check fails */
	e2e_ipis[e2e_nr_ipis++] = ipi;
	e2e_ipi_check_reservation(ipi, d, dest);
	return ipi;
}

void e2e_ipi_request(struct e2e_ipi *ipi)
{
	unsigned int cpu;
	int ret;

	if (!ipi->per_cpu) {
		if (cpumask_first(&ipi->reserved) >= e2e_m.nr_cpus)
			return; /* remote processors only: nothing to request */
		ret = request_percpu_irq(ipi->virq, e2e_handler, "e2e", ipi->stat);
		if (ret)
			fail_msg("request_percpu_irq(%u) returned %d", ipi->virq, ret);
		ipi->requested_single = true;
		return;
	}
	for_each_cpu(cpu, &ipi->reserved) {
		if (cpu >= e2e_m.nr_cpus)
			break;
		ret = request_percpu_irq(e2e_ipi_virq(ipi, cpu), e2e_handler, "e2e", ipi->stat);
		if (ret)
			fail_msg("request_percpu_irq(%u) for CPU %u returned %d",
				 e2e_ipi_virq(ipi, cpu), cpu, ret);
		cpumask_set_cpu(cpu, &ipi->requested);
	}
}

struct e2e_enable_req {
	struct e2e_ipi *ipi;
	bool enable;
	bool was; /* irq_percpu_is_enabled() before */
	bool now; /* and after */
};

static void e2e_enable_on_cpu(void *arg)
{
	struct e2e_enable_req *req = arg;
	unsigned int virq = e2e_ipi_virq(req->ipi, smp_processor_id());

	req->was = irq_percpu_is_enabled(virq);
	if (req->enable)
		enable_percpu_irq(virq, IRQ_TYPE_NONE);
	else
		disable_percpu_irq(virq);
	req->now = irq_percpu_is_enabled(virq);
}

static void e2e_ipi_set_enabled(struct e2e_ipi *ipi, const struct cpumask *cpus, bool enable)
{
	struct e2e_enable_req req = { .ipi = ipi, .enable = enable };
	unsigned int cpu;

	for_each_cpu(cpu, cpus) {
		if (cpu >= e2e_m.nr_cpus)
			break;
		e2e_on_cpu(cpu, e2e_enable_on_cpu, &req);
		assert_int_equal(req.was, cpumask_test_cpu(cpu, &ipi->enabled));
		assert_int_equal(req.now, enable);
		if (enable)
			cpumask_set_cpu(cpu, &ipi->enabled);
		else
			cpumask_clear_cpu(cpu, &ipi->enabled);
	}
}

void e2e_ipi_enable(struct e2e_ipi *ipi, const struct cpumask *cpus)
{
	e2e_ipi_set_enabled(ipi, cpus, true);
}

void e2e_ipi_disable(struct e2e_ipi *ipi, const struct cpumask *cpus)
{
	e2e_ipi_set_enabled(ipi, cpus, false);
}

struct e2e_ipi *e2e_ipi_setup(bool per_cpu, const struct cpumask *dest)
{
	struct e2e_ipi *ipi;
	char buf[128];
	int err;

	ipi = e2e_ipi_reserve(per_cpu, dest, &err);
	if (!ipi)
		fail_msg("irq_reserve_ipi(%s, %s) returned %d", per_cpu ? "per-cpu" : "single",
			 e2e_mask_str(dest, buf, sizeof(buf)), err);
	e2e_ipi_request(ipi);
	e2e_ipi_enable(ipi, &ipi->reserved);
	return ipi;
}

void e2e_ipi_free_handlers(struct e2e_ipi *ipi)
{
	unsigned int cpu;

	e2e_ipi_disable(ipi, &ipi->enabled);
	if (ipi->requested_single) {
		free_percpu_irq(ipi->virq, ipi->stat);
		ipi->requested_single = false;
	}
	for_each_cpu(cpu, &ipi->requested)
		free_percpu_irq(e2e_ipi_virq(ipi, cpu), ipi->stat);
	cpumask_clear(&ipi->requested);
}

void e2e_ipi_release(struct e2e_ipi *ipi, const struct cpumask *dest)
{
	unsigned int virq = e2e_ipi_send_virq(ipi);
	struct cpumask going, remaining;
	unsigned int cpu;
	char buf[128];
	int ret;

	cpumask_andnot(&remaining, &ipi->reserved, dest);
	if (ipi->per_cpu) {
		/* the virqs of these targets go away: their handlers first */
		cpumask_and(&going, dest, &ipi->enabled);
		e2e_ipi_disable(ipi, &going);
		cpumask_and(&going, dest, &ipi->requested);
		for_each_cpu(cpu, &going)
			free_percpu_irq(e2e_ipi_virq(ipi, cpu), ipi->stat);
		cpumask_andnot(&ipi->requested, &ipi->requested, dest);
	} else if (cpumask_empty(&remaining)) {
		/* the one virq goes away */
		e2e_ipi_free_handlers(ipi);
	}
	ret = irq_destroy_ipi(virq, dest);
	if (ret)
		fail_msg("irq_destroy_ipi(%u, %s) returned %d", virq,
			 e2e_mask_str(dest, buf, sizeof(buf)), ret);
	cpumask_copy(&ipi->reserved, &remaining);
}

unsigned long e2e_ipi_count(const struct e2e_ipi *ipi, unsigned int cpu)
{
	return e2e_load(&per_cpu_ptr(ipi->stat, cpu)->count);
}

/* ---- sending -------------------------------------------------------------------- */

enum e2e_send_kind {
	E2E_SEND_SINGLE,
	E2E_SEND_MASK,
	E2E_SEND_ALL,
};

struct e2e_send_req {
	enum e2e_send_kind kind;
	unsigned int virq;
	unsigned int target;
	const struct cpumask *dest;
	int ret;
};

static void e2e_send_on_cpu(void *arg)
{
	struct e2e_send_req *req = arg;

	switch (req->kind) {
	case E2E_SEND_SINGLE:
		req->ret = ipi_send_single(req->virq, req->target);
		break;
	case E2E_SEND_MASK:
		req->ret = ipi_send_mask(req->virq, req->dest);
		break;
	case E2E_SEND_ALL:
		req->ret = ipi_send_all(req->virq);
		break;
	}
}

/* Bump (or with @undo, drop) the send sequence of every CPU target in @dest. */
static void e2e_bump(struct e2e_ipi *ipi, const struct cpumask *dest, bool undo)
{
	unsigned int t;

	for_each_cpu(t, dest) {
		if (t >= e2e_m.nr_cpus)
			break;
		/* pairs with the acquire load in the handler */
		if (undo)
			__atomic_fetch_sub(&ipi->sent[t], 1, __ATOMIC_RELEASE);
		else
			__atomic_fetch_add(&ipi->sent[t], 1, __ATOMIC_RELEASE);
	}
}

void e2e_ipi_bump(struct e2e_ipi *ipi, const struct cpumask *dest)
{
	e2e_bump(ipi, dest, false);
}

static int e2e_send(struct e2e_ipi *ipi, unsigned int from, struct e2e_send_req *req,
		    const struct cpumask *bumped)
{
	if (!req->virq)
		req->virq = e2e_ipi_send_virq(ipi);
	e2e_bump(ipi, bumped, false);
	if (from == E2E_FROM_MAIN)
		e2e_send_on_cpu(req);
	else
		e2e_on_cpu(from, e2e_send_on_cpu, req);
	if (req->ret)
		e2e_bump(ipi, bumped, true);
	return req->ret;
}

int e2e_send_single(struct e2e_ipi *ipi, unsigned int from, unsigned int virq, unsigned int target)
{
	struct e2e_send_req req = { .kind = E2E_SEND_SINGLE, .virq = virq, .target = target };
	struct cpumask none;

	cpumask_clear(&none);
	return e2e_send(ipi, from, &req,
			target < NR_TARGETS && cpumask_test_cpu(target, &ipi->reserved) ?
				cpumask_of(target) :
				&none);
}

int e2e_send_mask(struct e2e_ipi *ipi, unsigned int from, unsigned int virq,
		  const struct cpumask *dest)
{
	struct e2e_send_req req = { .kind = E2E_SEND_MASK, .virq = virq, .dest = dest };
	struct cpumask bumped;

	cpumask_clear(&bumped);
	if (dest)
		cpumask_and(&bumped, dest, &ipi->reserved);
	return e2e_send(ipi, from, &req, &bumped);
}

int e2e_send_all(struct e2e_ipi *ipi, unsigned int from, unsigned int virq)
{
	struct e2e_send_req req = { .kind = E2E_SEND_ALL, .virq = virq };

	return e2e_send(ipi, from, &req, &ipi->reserved);
}

void e2e_wait_remote(unsigned int target, unsigned int line, unsigned long count)
{
	e2e_wait_until(hosted_remote_count(target, line) >= count,
		       "remote %u line %u: count %lu, waiting for %lu\n", target, line,
		       hosted_remote_count(target, line), count);
}

/* After a send to @dest that returned 0: wait for each target to handle it. */
static void e2e_expect(struct e2e_ipi *ipi, const struct cpumask *dest, const char *what,
		       unsigned int from)
{
	unsigned int t;

	for_each_cpu(t, dest) {
		if (t < e2e_m.nr_cpus) {
			unsigned long want = ++ipi->expected[t];

			e2e_wait_until(e2e_ipi_count(ipi, t) >= want,
				       "%s from %d: CPU %u handled %lu, expected %lu\n", what,
				       (int)from, t, e2e_ipi_count(ipi, t), want);
		} else {
			unsigned int line = e2e_ipi_line(ipi, t);
			unsigned long *want = &e2e_m.remote_expected[t - e2e_m.nr_cpus][line];

			e2e_wait_remote(t, line, ++*want);
		}
	}
}

void e2e_deliver_single(struct e2e_ipi *ipi, unsigned int from, unsigned int target)
{
	int ret = e2e_send_single(ipi, from, 0, target);

	if (ret)
		fail_msg("ipi_send_single(%u, %u) from %d returned %d", e2e_ipi_send_virq(ipi),
			 target, (int)from, ret);
	e2e_expect(ipi, cpumask_of(target), "send_single", from);
}

void e2e_deliver_mask(struct e2e_ipi *ipi, unsigned int from, const struct cpumask *dest)
{
	int ret = e2e_send_mask(ipi, from, 0, dest);
	char buf[128];

	if (ret)
		fail_msg("ipi_send_mask(%u, %s) from %d returned %d", e2e_ipi_send_virq(ipi),
			 e2e_mask_str(dest, buf, sizeof(buf)), (int)from, ret);
	e2e_expect(ipi, dest, "send_mask", from);
}

void e2e_deliver_all(struct e2e_ipi *ipi, unsigned int from)
{
	struct cpumask dest;
	int ret;

	cpumask_copy(&dest, &ipi->reserved);
	ret = e2e_send_all(ipi, from, 0);
	if (ret)
		fail_msg("ipi_send_all(%u) from %d returned %d", e2e_ipi_send_virq(ipi), (int)from,
			 ret);
	e2e_expect(ipi, &dest, "send_all", from);
}

struct e2e_storm_req {
	struct e2e_ipi *ipi;
	unsigned int virq;
	unsigned int rounds;
	bool single_each;
	unsigned long failures;
};

static void e2e_storm_on_cpu(void *arg)
{
	struct e2e_storm_req *req = arg;
	struct e2e_ipi *ipi = req->ipi;
	unsigned int t;
	int ret;

	for (unsigned int r = 0; r < req->rounds; r++) {
		if (req->single_each) {
			for_each_cpu(t, &ipi->reserved) {
				e2e_bump(ipi, cpumask_of(t), false);
				ret = ipi_send_single(req->virq, t);
				if (ret)
					__atomic_fetch_add(&req->failures, 1, __ATOMIC_RELAXED);
			}
		} else {
			e2e_bump(ipi, &ipi->reserved, false);
			ret = ipi_send_all(req->virq);
			if (ret)
				__atomic_fetch_add(&req->failures, 1, __ATOMIC_RELAXED);
		}
		/* an interrupt point: take what the others sent us meanwhile */
		hosted_irq_poll();
	}
}

void e2e_storm(struct e2e_ipi *ipi, const struct cpumask *senders, unsigned int rounds,
	       bool single_each)
{
	struct e2e_storm_req req = {
		.ipi = ipi,
		.virq = e2e_ipi_send_virq(ipi),
		.rounds = rounds,
		.single_each = single_each,
	};
	int ret = hosted_run_on_cpus(senders, e2e_storm_on_cpu, &req);

	if (ret)
		fail_msg("hosted_run_on_cpus() returned %d", ret);
	if (req.failures)
		fail_msg("%lu send(s) of the storm failed", req.failures);
}

void e2e_ipi_quiesce(struct e2e_ipi *ipi)
{
	struct cpumask cpus;

	cpumask_copy(&cpus, &ipi->enabled);
	e2e_ipi_disable(ipi, &cpus);
}

void e2e_wait_seen(struct e2e_ipi *ipi, const struct cpumask *cpus)
{
	unsigned int t;

	for_each_cpu(t, cpus) {
		struct e2e_stat *st;
		unsigned long want;

		if (t >= e2e_m.nr_cpus)
			break;
		st = per_cpu_ptr(ipi->stat, t);
		want = e2e_load(&ipi->sent[t]);
		e2e_wait_until(e2e_load(&st->seen) >= want,
			       "CPU %u: last handler run saw send %lu, waiting for %lu\n", t,
			       e2e_load(&st->seen), want);
	}
}

/* ---- checks ---------------------------------------------------------------------- */

void e2e_check_clean(void)
{
	unsigned long errors = __atomic_load_n(&e2e_handler_errors, __ATOMIC_ACQUIRE);
	unsigned long logged = e2e_log_count();

	if (errors)
		fail_msg("%lu handler error(s), first: %s", errors, e2e_handler_msg);
	if (logged && !e2e_m.allow_log) {
		pthread_mutex_lock(&e2e_log_lock);
		print_error("last message: %s", e2e_log_last);
		pthread_mutex_unlock(&e2e_log_lock);
		fail_msg("%lu unexpected log message(s)", logged);
	}
}

void e2e_check_kstat(struct e2e_ipi *ipi)
{
	for (unsigned int cpu = 0; cpu < e2e_m.nr_cpus; cpu++) {
		unsigned long count = e2e_ipi_count(ipi, cpu) + ipi->foreign[cpu];
		unsigned int t;

		if (!cpumask_test_cpu(cpu, &ipi->reserved))
			continue; /* its descriptor may be gone */
		if (kstat_irqs_cpu(e2e_ipi_virq(ipi, cpu), cpu) != count)
			fail_msg("CPU %u: kstat_irqs_cpu(%u) = %u, handlers counted %lu", cpu,
				 e2e_ipi_virq(ipi, cpu),
				 kstat_irqs_cpu(e2e_ipi_virq(ipi, cpu), cpu), count);
		if (!ipi->per_cpu)
			continue;
		/* no CPU ever takes another target's virq */
		for_each_cpu(t, &ipi->reserved)
			if (t != cpu && kstat_irqs_cpu(e2e_ipi_virq(ipi, t), cpu))
				fail_msg("CPU %u took virq %u of target %u", cpu,
					 e2e_ipi_virq(ipi, t), t);
	}
}

void e2e_check_counts(struct e2e_ipi *ipi)
{
	e2e_check_clean();
	for (unsigned int cpu = 0; cpu < e2e_m.nr_cpus; cpu++)
		if (e2e_ipi_count(ipi, cpu) != ipi->expected[cpu])
			fail_msg("CPU %u: handler ran %lu times, expected %lu", cpu,
				 e2e_ipi_count(ipi, cpu), ipi->expected[cpu]);
	e2e_check_kstat(ipi);
	for (unsigned int r = e2e_m.nr_cpus; r < nr_target_ids; r++)
		for (unsigned int line = 0; line < HOSTED_NR_LINES; line++)
			if (hosted_remote_count(r, line) !=
			    e2e_m.remote_expected[r - e2e_m.nr_cpus][line])
				fail_msg("remote %u line %u: count %lu, expected %lu", r, line,
					 hosted_remote_count(r, line),
					 e2e_m.remote_expected[r - e2e_m.nr_cpus][line]);
}

/* ---- the runner -------------------------------------------------------------------- */

/* "name/8cpu-sleep": the case on one configuration. 0 or -1. */
static int e2e_case_name(char **out, const char *name, const struct e2e_config *cfg)
{
	size_t len = strlen(name) + 32;

	*out = malloc(len);
	if (!*out)
		return -1;
	snprintf(*out, len, "%s/%ucpu-%s", name, cfg->nr_cpus, e2e_delivery_name(cfg->delivery));
	return 0;
}

static void e2e_usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [--cpus N] [--mode poll|sleep|hybrid] [--filter TEXT]\n"
		"Runs every test on every machine configuration; the options narrow that.\n",
		prog);
}

int e2e_run(const char *group, const struct e2e_case *cases, size_t nr_cases, int argc, char **argv)
{
	const char *filter = NULL, *mode = NULL;
	struct CMUnitTest *tests;
	unsigned int cpus = 0;
	size_t nr = 0;
	int ret;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--cpus") && i + 1 < argc) {
			cpus = (unsigned int)atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--mode") && i + 1 < argc) {
			mode = argv[++i];
		} else if (!strcmp(argv[i], "--filter") && i + 1 < argc) {
			filter = argv[++i];
		} else {
			e2e_usage(argv[0]);
			return strcmp(argv[i], "--help") ? 2 : 0;
		}
	}

	tests = calloc(nr_cases * e2e_nr_configs, sizeof(*tests));
	if (!tests)
		return 1;
	for (size_t c = 0; c < e2e_nr_configs; c++) {
		const struct e2e_config *cfg = &e2e_configs[c];

		if (cpus && cfg->nr_cpus != cpus)
			continue;
		if (mode && strcmp(mode, e2e_delivery_name(cfg->delivery)))
			continue;
		for (size_t i = 0; i < nr_cases; i++) {
			char *name;

			if (filter && !strstr(cases[i].name, filter))
				continue;
			if (e2e_case_name(&name, cases[i].name, cfg))
				return 1;
			tests[nr].name = name;
			tests[nr].test_func = cases[i].fn;
			tests[nr].setup_func = e2e_setup;
			tests[nr].teardown_func = e2e_teardown;
			tests[nr].initial_state = (void *)cfg;
			nr++;
		}
	}
	if (!nr) {
		fprintf(stderr, "%s: no test matches\n", group);
		free(tests);
		return 1;
	}
	ret = _cmocka_run_group_tests(group, tests, nr, NULL, NULL);
	for (size_t i = 0; i < nr; i++)
		free((void *)tests[i].name);
	free(tests);
	return ret;
}
