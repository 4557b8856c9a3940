/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * End-to-end test fixture: whole hosted machines (CPU threads, a remote
 * processor, both swipi controllers) driven through the public API only.
 *
 * Every test runs once per machine configuration (CPUs x delivery mode) on
 * a freshly booted machine with one remote processor, "rm". A test builds
 * IPIs with e2e_ipi_setup(), sends with the e2e_deliver_*() helpers (send,
 * then wait until every target observed it) or the e2e_send_*() ones (send
 * only), and ends with e2e_check_counts().
 *
 * What the handler checks on every run, on the CPU that runs it:
 *   - it received the per-CPU dev_id instance of the CPU it runs on,
 *   - the virq is the one this CPU's instance expects,
 *   - it runs in interrupt context with interrupts masked.
 * A violation is recorded (handlers cannot fail a cmocka test from another
 * thread) and reported by the next e2e_check_*() on the main thread.
 *
 * Counting: a send to a target whose previous IPI was not yet handled may
 * merge with it (a pending bit), so exact counts are only expected where a
 * test waited for every send to be handled before the next one (the
 * e2e_deliver_*() helpers). Elsewhere, senders bump a per-target sequence
 * number before sending and the handler records the value it sees: "a
 * handler ran after my send" is "seen >= the sequence number I sent with".
 *
 * No test sleeps for a fixed time to let IPIs arrive: every wait is on a
 * condition, with a generous deadline that fails the test.
 */
#ifndef GENIPI_E2E_H
#define GENIPI_E2E_H

/* cmocka needs these before <cmocka.h> */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>

#include <genipi/genipi.h>
#include <genipi/hosted-swipi.h>
#include <genipi/hosted.h>
#include <genipi/port.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* "Sent from the main thread", not from a CPU of the machine. */
#define E2E_FROM_MAIN (~0U)

/* The remote processor's hardware id: Kalray's RM is bit 16; we stay clear
 * of the CPUs' ids (0 .. nr_cpus - 1) and below the single swipi's limit. */
#define E2E_RM_HWID 31UL

/* IPIs a test may hold at once, and remote processors a machine may have. */
#define E2E_MAX_IPIS 80
#define E2E_MAX_REMOTES 4

/* ---- machine configurations -------------------------------------------- */

struct e2e_config {
	unsigned int nr_cpus;
	enum hosted_delivery delivery;
};

const char *e2e_delivery_name(enum hosted_delivery delivery);

/*
 * The configurations every parameterized test runs on: 1, 2, 8 and 17
 * CPUs; busy-poll only up to 2 CPUs (one spinning thread per core), sleep
 * and hybrid for all.
 */
extern const struct e2e_config e2e_configs[];
extern const size_t e2e_nr_configs;

/* ---- the machine of a test --------------------------------------------- */

struct e2e_machine {
	const struct e2e_config *cfg;
	unsigned int nr_cpus;
	unsigned int rm;     /* target id of the remote processor */
	struct cpumask cpus; /* every CPU */
	struct cpumask all;  /* every CPU and the remote processor */
	/* expected count of each remote's input lines (exact deliveries only) */
	unsigned long remote_expected[E2E_MAX_REMOTES][HOSTED_NR_LINES];
	/* a test that provokes WARNs on purpose sets this */
	bool allow_log;
};

/*
 * Boot a machine of @cfg with the remote processor and the log capture.
 * Returns the machine, or NULL with a message printed.
 */
struct e2e_machine *e2e_machine_boot(const struct e2e_config *cfg);

/*
 * Shut the machine down, free every IPI's per-CPU statistics, and return
 * 0, or -1 if a handler misbehaved or memory leaked (message printed).
 */
int e2e_machine_shutdown(void);

/* cmocka fixtures: boot the configuration given as the test's prestate. */
int e2e_setup(void **state);
int e2e_teardown(void **state);

/* ---- IPIs under test ----------------------------------------------------- */

/* One per CPU, from alloc_percpu(): the dev_id of the test handler. */
struct e2e_stat {
	unsigned int owner;	   /* the CPU this instance belongs to */
	unsigned int expected_irq; /* the virq this CPU is to be called for */
	const unsigned long *sent; /* the IPI's send sequence for @owner */
	unsigned long count;	   /* handler runs on @owner (atomic) */
	unsigned long seen;	   /* *sent when the last run started (atomic) */
};

struct e2e_ipi {
	bool per_cpu;			 /* per-CPU or single swipi domain */
	unsigned int virq;		 /* first virq of the reservation */
	unsigned int offset;		 /* its first target */
	unsigned int nr_virqs;		 /* virqs the reservation had */
	struct cpumask reserved;	 /* targets still reserved */
	struct cpumask requested;	 /* CPUs whose virq has our handler (per-CPU) */
	bool requested_single;		 /* the single virq has our handler */
	struct cpumask enabled;		 /* CPUs where it is enabled */
	struct e2e_stat *stat;		 /* alloc_percpu() */
	unsigned long sent[NR_TARGETS];	 /* send sequence per target (atomic) */
	unsigned long expected[NR_CPUS]; /* exact handler runs expected per CPU */
	unsigned long foreign[NR_CPUS];	 /* runs of other handlers (kstat counts them) */
};

/* The swipi domain of a variant, checked to be the one the fwnode finds. */
struct irq_domain *e2e_domain(bool per_cpu);

/*
 * Reserve an IPI to @dest on the per-CPU or single swipi domain. Returns
 * the IPI, or NULL with *@err set to irq_reserve_ipi()'s error.
 */
struct e2e_ipi *e2e_ipi_reserve(bool per_cpu, const struct cpumask *dest, int *err);

/* Reserve (must succeed), request the handler on every CPU target, enable
 * it on each of them. */
struct e2e_ipi *e2e_ipi_setup(bool per_cpu, const struct cpumask *dest);

/* The virq target @target receives @ipi on. */
unsigned int e2e_ipi_virq(const struct e2e_ipi *ipi, unsigned int target);

/* A virq of @ipi that is still reserved (what drivers pass to ipi_send_*). */
unsigned int e2e_ipi_send_virq(const struct e2e_ipi *ipi);

/* The remote input line @target sees @ipi on. */
unsigned int e2e_ipi_line(const struct e2e_ipi *ipi, unsigned int target);

/* Request the handler for each CPU of the reservation (must succeed). */
void e2e_ipi_request(struct e2e_ipi *ipi);

/* enable_percpu_irq() / disable_percpu_irq() on each CPU of @cpus, on that CPU. */
void e2e_ipi_enable(struct e2e_ipi *ipi, const struct cpumask *cpus);
void e2e_ipi_disable(struct e2e_ipi *ipi, const struct cpumask *cpus);

/* Disable everywhere and free_percpu_irq() every handler we requested. */
void e2e_ipi_free_handlers(struct e2e_ipi *ipi);

/*
 * Release @dest from the reservation the way a driver must: disable and
 * free the handlers of the per-CPU virqs that go away, then
 * irq_destroy_ipi(). Must succeed.
 */
void e2e_ipi_release(struct e2e_ipi *ipi, const struct cpumask *dest);

/* A handler that does nothing, for requests that are expected to fail. */
irqreturn_t e2e_dummy_handler(int irq, void *dev_id);

/* Handler runs on @cpu so far. */
unsigned long e2e_ipi_count(const struct e2e_ipi *ipi, unsigned int cpu);

/* ---- sending ------------------------------------------------------------- */

/*
 * Bump the send sequence of every CPU target in @dest: do it before a send
 * made outside the helpers below, so e2e_wait_seen() waits for it. Any
 * thread may call it.
 */
void e2e_ipi_bump(struct e2e_ipi *ipi, const struct cpumask *dest);

/*
 * Send, from CPU @from or E2E_FROM_MAIN, through virq @virq (0: the IPI's
 * e2e_ipi_send_virq()), bumping the send sequence of every target first.
 * Return what ipi_send_*() returned; nothing is waited for.
 */
int e2e_send_single(struct e2e_ipi *ipi, unsigned int from, unsigned int virq, unsigned int target);
int e2e_send_mask(struct e2e_ipi *ipi, unsigned int from, unsigned int virq,
		  const struct cpumask *dest);
int e2e_send_all(struct e2e_ipi *ipi, unsigned int from, unsigned int virq);

/*
 * Send (must return 0), then wait until each target handled it: every CPU
 * target's handler count reaches its expected value, the remote processor's
 * line count grows. Exact counting: call only when nothing else is in
 * flight towards these targets and they are enabled.
 */
void e2e_deliver_single(struct e2e_ipi *ipi, unsigned int from, unsigned int target);
void e2e_deliver_mask(struct e2e_ipi *ipi, unsigned int from, const struct cpumask *dest);
void e2e_deliver_all(struct e2e_ipi *ipi, unsigned int from);

/*
 * Have every CPU of @senders send @rounds times at once, without waiting
 * for delivery: ipi_send_all(), or with @single_each an ipi_send_single()
 * to each reserved target. Senders poll for interrupts between rounds, so
 * they handle IPIs while others send to them. Every send must return 0.
 */
void e2e_storm(struct e2e_ipi *ipi, const struct cpumask *senders, unsigned int rounds,
	       bool single_each);

/*
 * Disable @ipi on every CPU where it is enabled: no handler of it runs
 * afterwards, so its counts are stable (after a storm, before checking).
 */
void e2e_ipi_quiesce(struct e2e_ipi *ipi);

/* Wait until each CPU in @cpus ran the handler after the last send to it. */
void e2e_wait_seen(struct e2e_ipi *ipi, const struct cpumask *cpus);

/* Wait until remote processor @target's count of @line reaches @count. */
void e2e_wait_remote(unsigned int target, unsigned int line, unsigned long count);

/* Add another remote processor (must succeed); returns its target id. */
unsigned int e2e_add_remote(const char *name, unsigned long hwid);

/* ---- checks -------------------------------------------------------------- */

/*
 * Exact counts: on every CPU, the handler ran as often as expected and
 * kstat_irqs_cpu() agrees; the remote processor's lines match; no handler
 * misbehaved; nothing was logged (unless allowed).
 */
void e2e_check_counts(struct e2e_ipi *ipi);

/* kstat_irqs_cpu() equals the handler's own count on every CPU. */
void e2e_check_kstat(struct e2e_ipi *ipi);

/* No handler misbehaved and nothing was logged (unless allowed). */
void e2e_check_clean(void);

/* Messages the port logged since the machine booted. */
unsigned long e2e_log_count(void);

/* ---- waiting ------------------------------------------------------------- */

struct e2e_deadline {
	uint64_t end_ns;
	unsigned long spins;
};

void e2e_deadline_start(struct e2e_deadline *dl);
/* Back off a little; false once the deadline has passed. */
bool e2e_deadline_wait(struct e2e_deadline *dl);

/* Wait until @cond holds; fail the test with the message if it does not in time. */
#define e2e_wait_until(cond, ...)                                                                  \
	do {                                                                                       \
		struct e2e_deadline __e2e_dl;                                                      \
		e2e_deadline_start(&__e2e_dl);                                                     \
		while (!(cond)) {                                                                  \
			if (!e2e_deadline_wait(&__e2e_dl)) {                                       \
				print_error(__VA_ARGS__);                                          \
				fail_msg("timed out waiting for: %s", #cond);                      \
			}                                                                          \
		}                                                                                  \
	} while (0)

/* ---- helpers -------------------------------------------------------------- */

/* Run @fn(@arg) on CPU @cpu and wait for it (must succeed). */
void e2e_on_cpu(unsigned int cpu, void (*fn)(void *), void *arg);

/* A mask of the CPUs [first, last], plus the remote processor if @rm. */
void e2e_mask_range(struct cpumask *m, unsigned int first, unsigned int last, bool rm);

/* Format @m as "0-3,5,rm" for messages. */
const char *e2e_mask_str(const struct cpumask *m, char *buf, size_t len);

static inline unsigned long e2e_load(const unsigned long *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

/* ---- the runner ---------------------------------------------------------- */

struct e2e_case {
	const char *name;
	CMUnitTestFunction fn;
};

/*
 * Run every case on every configuration ("name/8cpu-sleep"). Options:
 * --cpus N and --mode poll|sleep|hybrid restrict the configurations;
 * --filter S runs only cases whose name contains S. Returns main()'s value.
 */
int e2e_run(const char *group, const struct e2e_case *cases, size_t nr_cases, int argc,
	    char **argv);

#endif /* GENIPI_E2E_H */
