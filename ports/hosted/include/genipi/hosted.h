/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hosted port: a machine of CPU threads in a Linux process.
 *
 * Each CPU is a thread with HOSTED_NR_LINES interrupt input lines and a
 * per-thread soft interrupt mask (local_irq_save()/local_irq_restore()).
 * Interrupts are polled, never signalled: a CPU takes its pending, enabled
 * lines only at an interrupt point, with its interrupts unmasked:
 *
 *   - its idle loop (between the functions hosted_run_on_cpu() gives it),
 *   - port_irq_restore() when it leaves interrupts unmasked,
 *   - hosted_irq_poll() and hosted_cpu_wait_for_interrupt().
 *
 * Taking an interrupt masks interrupts, calls generic_handle_arch_irq() and
 * restores. The root handler is the hosted,cpu-intc driver's.
 *
 * Remote processors (hosted_remote_add()) are threads too; they run none of
 * our code and only count, per input line, what reaches them.
 *
 * One machine per process at a time; boot and shut down as often as needed.
 */
#ifndef GENIPI_HOSTED_H
#define GENIPI_HOSTED_H

#include <genipi/cpumask.h>
#include <genipi/irqdomain.h>
#include <genipi/types.h>

GENIPI_BEGIN_DECLS

/* smp_processor_id() of a thread that is not one of the machine's CPUs. */
#define HOSTED_NO_CPU (~0U)

/* Interrupt input lines of each CPU and remote processor. */
#define HOSTED_NR_LINES 64

/*
 * Lines of the machine's own controllers. Line 3 is HOSTED_LINE_MSWI of the
 * optional CLINT model (<genipi/hosted-clint.h>); the others are free for
 * tests and other device models.
 */
#define HOSTED_LINE_SWIPI 16			   /* swipi per-CPU variant */
#define HOSTED_LINE_SWIPI_SINGLE(set) (24 + (set)) /* swipi single, sets 0-7 */

/* Hardware ids (what device models address processors by) are below this. */
#define HOSTED_MAX_HWID 1024

/* Spins before sleeping in HOSTED_DELIVERY_HYBRID when none is given. */
#define HOSTED_DEFAULT_SPIN_ITERATIONS 2000

/**
 * enum hosted_delivery - how a raised line reaches an idle processor thread
 * @HOSTED_DELIVERY_POLL:   idle threads spin on their pending word; lowest
 *                          latency, no system call on either side
 * @HOSTED_DELIVERY_SLEEP:  idle threads sleep on a futex; a raiser makes the
 *                          wake-up system call only if the target sleeps
 * @HOSTED_DELIVERY_HYBRID: spin a while, then sleep
 */
enum hosted_delivery {
	HOSTED_DELIVERY_POLL,
	HOSTED_DELIVERY_SLEEP,
	HOSTED_DELIVERY_HYBRID,
};

/**
 * struct hosted_machine_config - what hosted_machine_boot() builds
 * @nr_cpus:         CPUs, 1 .. NR_CPUS
 * @delivery:        how idle threads wait for interrupts
 * @spin_iterations: spins before sleeping (HYBRID only); 0 selects
 *                   HOSTED_DEFAULT_SPIN_ITERATIONS
 * @no_pin:          never pin CPU threads; otherwise CPU i is pinned to the
 *                   i-th usable core when @nr_cpus does not exceed them
 * @bare:            no built-in controllers (no hosted,cpu-intc domain, no
 *                   swipi, no root handler): something else provides them,
 *                   e.g. a device tree (<genipi/hosted-fdt.h>)
 * @hwids:           hardware id of each CPU (@nr_cpus of them, each below
 *                   HOSTED_MAX_HWID, all different); NULL: CPU i has hwid i
 */
struct hosted_machine_config {
	unsigned int nr_cpus;
	enum hosted_delivery delivery;
	unsigned int spin_iterations;
	bool no_pin;
	bool bare;
	const unsigned long *hwids;
};

/**
 * hosted_machine_boot - build and start a machine
 * @cfg: its configuration
 *
 * Initialises the core (irq_core_init()), the device models and the drivers
 * of the machine's interrupt controllers (hosted,cpu-intc and both swipi
 * variants, unless @cfg->bare), starts one thread per CPU, marks every CPU
 * online and enables the controllers' per-CPU inputs on each CPU. Call it
 * from a thread that is not a CPU of a machine.
 *
 * Returns 0, -EINVAL for a NULL or bad @cfg or a call from a CPU thread,
 * -EBUSY if a machine is already booted (or the core was initialised by
 * someone else), -ENOMEM (or another negative errno) if a resource runs
 * out; on error nothing is left behind.
 */
int hosted_machine_boot(const struct hosted_machine_config *cfg);

/**
 * hosted_machine_shutdown - stop the machine and forget it
 *
 * Stops every CPU and remote-processor thread, tears the core down
 * (irq_core_teardown(): every descriptor, domain and handler is freed) and
 * resets the port, the device models and the MMIO bus, so that
 * hosted_machine_boot() can build a fresh machine. Nothing may be running
 * on the machine's behalf (no hosted_run_on_cpu() in progress, no thread
 * raising lines). Does nothing if no machine is booted or when called from
 * a CPU thread (it cannot stop itself).
 */
void hosted_machine_shutdown(void);

/**
 * hosted_machine_booted - true between a successful hosted_machine_boot()
 * and hosted_machine_shutdown()
 */
bool hosted_machine_booted(void);

/**
 * hosted_run_on_cpu - run a function on a CPU thread and wait for it
 * @cpu: the CPU
 * @fn:  called as fn(@arg) on that CPU's thread, with interrupts unmasked;
 *       it must return with them unmasked (it is warned and corrected)
 * @arg: its argument
 *
 * Calls for one CPU are run one at a time, in no particular order. A CPU
 * calling this for itself runs @fn directly. CPUs that wait for each other
 * through this function in a cycle deadlock, so do not build one.
 *
 * Returns 0, or -EINVAL for no machine, a bad @cpu, a NULL @fn, or a call
 * from an interrupt handler.
 */
int hosted_run_on_cpu(unsigned int cpu, void (*fn)(void *), void *arg);

/**
 * hosted_run_on_cpus - run a function on several CPUs at once and wait for
 * all of them
 * @cpus: CPUs of the machine (an empty mask does nothing)
 * @fn:   called as fn(@arg) on each CPU's thread, as for hosted_run_on_cpu()
 * @arg:  its argument, shared by every call
 *
 * Returns 0, or -EINVAL for no machine, a NULL @cpus or @fn, a mask naming
 * a target that is not a CPU of the machine, or a call from an interrupt
 * handler.
 */
int hosted_run_on_cpus(const struct cpumask *cpus, void (*fn)(void *), void *arg);

/**
 * hosted_remote_add - add a remote processor to the machine
 * @name: a name (copied)
 * @hwid: its hardware id, below HOSTED_MAX_HWID and unique in the machine
 *        (a CPU's is its index, or its hosted_machine_config.hwids
 *        entry); the swipi single variant reaches hwids < 32
 *
 * Starts a thread that counts the lines raised on it and registers it with
 * the core (ipi_register_remote()).
 *
 * Returns the new target id (>= nr_cpu_ids), -EINVAL for no machine, a NULL
 * @name or a bad @hwid, -EEXIST if @hwid is taken, -ENOSPC when NR_TARGETS
 * is full, -ENOMEM or another negative errno if the thread cannot start.
 */
int hosted_remote_add(const char *name, unsigned long hwid);

/**
 * hosted_remote_count - how many times a line reached a remote processor
 * @target: a target id from hosted_remote_add()
 * @line:   an input line, below HOSTED_NR_LINES
 *
 * Raises that arrive before the remote processor has seen the previous one
 * merge with it (the line is one pending bit), as on hardware.
 * Returns the count, or 0 for no machine, a bad @target or a bad @line.
 */
unsigned long hosted_remote_count(unsigned int target, unsigned int line);

/**
 * hosted_remote_wait - wait until a remote processor's count of a line
 * reaches a value
 * @target:     a target id from hosted_remote_add()
 * @line:       an input line, below HOSTED_NR_LINES
 * @count:      the count to reach
 * @timeout_ms: give up after this many milliseconds
 *
 * Returns 0, -EINVAL for bad arguments, -ETIMEDOUT.
 */
int hosted_remote_wait(unsigned int target, unsigned int line, unsigned long count,
		       unsigned int timeout_ms);

/**
 * hosted_raise_line - raise an interrupt input line of a processor
 * @target: a CPU or remote-processor target id
 * @line:   the line, below HOSTED_NR_LINES
 *
 * The wire a device model drives: latches @line pending on @target and
 * wakes it if it sleeps. A CPU takes it at its next interrupt point once the
 * line is enabled (hosted,cpu-intc irq_unmask) and its interrupts unmasked.
 * Everything the caller wrote before is visible to the handler.
 *
 * Returns 0, or -EINVAL for no machine, an unknown @target or a bad @line.
 */
int hosted_raise_line(unsigned int target, unsigned int line);

/**
 * hosted_irq_poll - an interrupt point: take the calling CPU's pending,
 * enabled lines
 *
 * Does nothing with interrupts masked or on a thread that is not a CPU.
 */
void hosted_irq_poll(void);

/**
 * hosted_cpu_wait_for_interrupt - wait for an interrupt (a "wfi"), then
 * take it
 *
 * On a CPU thread: masks interrupts, waits (as the machine's delivery mode
 * says) until one of the CPU's enabled lines is pending, then restores the
 * caller's mask; if that unmasks interrupts, the interrupt is taken before
 * returning. A raise that lands between the check and the sleep wakes the
 * sleep, so no wake-up is lost. With interrupts masked by the caller it
 * returns with the line still pending, as a wfi does. May also return
 * early when the machine shuts down. Does nothing on other threads.
 */
void hosted_cpu_wait_for_interrupt(void);

/**
 * hosted_cpu_intc_domain - the hosted,cpu-intc domain (fwnode "cpu-intc",
 * or, on a machine booted from a device tree, that of the first CPU-local
 * interrupt controller node)
 *
 * One hwirq per input line, each a per-CPU devid interrupt (map it with
 * irq_create_mapping() or an irq_fwspec of one cell, the line). NULL when
 * no machine is booted, or a bare one that has none yet.
 */
struct irq_domain *hosted_cpu_intc_domain(void);

/**
 * struct hosted_target_state - a processor's lines and counters
 * @pending:    lines latched and not yet taken
 * @enabled:    lines enabled at its cpu-intc (remote processors: all)
 * @interrupts: interrupt entries taken (CPU) or raises seen (remote)
 * @sleeps:     times its thread slept on its futex
 * @wakeups:    wake-up system calls made for it by raisers
 */
struct hosted_target_state {
	uint64_t pending;
	uint64_t enabled;
	unsigned long interrupts;
	unsigned long sleeps;
	unsigned long wakeups;
};

/**
 * hosted_target_state - read a processor's lines and counters
 * @target: a CPU or remote-processor target id
 * @state:  filled in
 *
 * Returns 0, or -EINVAL for no machine, an unknown @target or NULL @state.
 */
int hosted_target_state(unsigned int target, struct hosted_target_state *state);

/* Receives each message of port_vlog(), formatted, instead of stderr. */
typedef void (*hosted_log_hook_t)(const char *msg, void *ctx);

/**
 * hosted_set_log_hook - capture the core's and the port's log messages
 * @hook: called with each message (NULL: back to stderr)
 * @ctx:  passed to @hook
 *
 * Calls of @hook are serialised, and none is in progress once this
 * returns, so @ctx may be freed after the hook is removed. @hook must not
 * log itself.
 */
void hosted_set_log_hook(hosted_log_hook_t hook, void *ctx);

/**
 * hosted_log_messages - number of messages port_vlog() has logged since
 * the process started
 */
unsigned long hosted_log_messages(void);

/**
 * hosted_alloc_fail_nth - make one future port_zalloc() fail
 * @nth: 0 fails the next call, 1 the one after, ...; negative disarms
 *
 * Fault injection for the core's -ENOMEM paths. One-shot.
 */
void hosted_alloc_fail_nth(long nth);

/**
 * hosted_alloc_live - blocks returned by port_zalloc() and not yet given to
 * port_free(); 0 after hosted_machine_shutdown() unless something leaks
 */
long hosted_alloc_live(void);

GENIPI_END_DECLS

#endif /* GENIPI_HOSTED_H */
