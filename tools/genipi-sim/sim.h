/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * genipi-sim: boot a machine from a device tree on the hosted port, reserve
 * its IPIs through the public API, run workloads over them and report what
 * every CPU and remote processor received (docs/genipi-sim.md).
 *
 *   main.c       options, loading the blob, the run, exit status
 *   machine.c    booting, finding the IPI controllers, reserving, handlers
 *   workloads.c  pingpong, broadcast, storm, remote
 *   report.c     latency percentiles, the /proc/interrupts-style table
 *
 * Correctness bookkeeping, the same in every workload: each (target, IPI)
 * has a slot. A sender bumps the slot's "sent" number (release) before it
 * sends; the handler on that CPU stores the number it reads (acquire) as
 * "seen". Sends that reach a CPU before it took the previous one merge
 * with it (a pending bit), so a target must end having seen the last
 * number, not having run once per send. A remote processor runs none of
 * our code: its slot's "seen" is set by whoever watched its raise count
 * move after the send (the remote and broadcast workloads, which never
 * have two sends to a remote processor in flight).
 */
#ifndef GENIPI_SIM_H
#define GENIPI_SIM_H

#include <genipi/genipi.h>
#include <genipi/hosted.h>

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

/* Exit status. */
#define SIM_EXIT_OK 0
#define SIM_EXIT_LOST 1	     /* an IPI was lost, or the library misbehaved */
#define SIM_EXIT_BAD_INPUT 2 /* usage, machine or device tree */

#define SIM_MAX_IPIS 64
/* IPIs the storm workload reserves from each IPI domain when there is no multiplexer. */
#define SIM_STORM_IPIS_PER_DOMAIN 4
/* How long a target may take to see an IPI before the sim calls it lost (--timeout). */
#define SIM_DEFAULT_TIMEOUT 10.0
/* Latency samples kept per workload (a uniform sample of them all beyond). */
#define SIM_MAX_SAMPLES (1U << 18)

#define SIM_NS_PER_SEC 1000000000ULL

enum sim_workload {
	SIM_PINGPONG,
	SIM_BROADCAST,
	SIM_STORM,
	SIM_REMOTE,
	SIM_NR_WORKLOADS,
};

/* What an IPI is made of. */
enum sim_ipi_kind {
	SIM_IPI_PER_CPU, /* reserved from an IRQ_DOMAIN_FLAG_IPI_PER_CPU domain */
	SIM_IPI_SINGLE,	 /* reserved from an IRQ_DOMAIN_FLAG_IPI_SINGLE domain */
	SIM_IPI_FIXED,	 /* created by a driver (the multiplexer's virtual IPIs) */
};

/*
 * struct sim_slot - one (target, IPI): see the top of this file
 * @sent:   the sender's sequence number, bumped (release) before each send
 * @seen:   the number the target observed last (written by one thread)
 * @t_send: CLOCK_MONOTONIC ns of the last send, 0: take no latency sample
 * @raises: remote processors: raises of its lines the sim saw this IPI cause
 */
struct sim_slot {
	_Alignas(64) _Atomic unsigned long sent;
	_Atomic unsigned long seen;
	_Atomic uint64_t t_send;
	_Atomic unsigned long raises;
};

struct sim_ipi;

/*
 * struct sim_pcpu - a CPU's instance of an IPI's per-CPU dev_id
 * @cpu:   the CPU it belongs to: the handler checks it runs there
 * @ipi:   the IPI
 * @runs:  handler runs on that CPU
 * @stale: runs that found no send they had not seen (merged raises)
 * @wrong: runs on another CPU than @cpu (must stay 0)
 */
struct sim_pcpu {
	unsigned int cpu;
	struct sim_ipi *ipi;
	_Atomic unsigned long runs;
	_Atomic unsigned long stale;
	_Atomic unsigned long wrong;
};

/*
 * struct sim_ipi - one IPI the sim sends on
 * @kind:       see enum sim_ipi_kind
 * @virq:       the virq ipi_send_*() take (the first of a per-CPU reservation)
 * @nr_virqs:   virqs it has: one per target for SIM_IPI_PER_CPU, else 1
 * @targets:    every target (the reservation's mask)
 * @cpus:       its CPU targets
 * @remotes:    its remote-processor targets
 * @controller: the device-tree node of the controller it comes from
 * @domain:     the domain of its virq
 * @pcpu:       per-CPU dev_id (alloc_percpu())
 * @requested:  handlers requested (per-CPU: on each CPU's virq)
 * @slot:       per target
 */
struct sim_ipi {
	enum sim_ipi_kind kind;
	unsigned int virq;
	unsigned int nr_virqs;
	struct cpumask targets;
	struct cpumask cpus;
	struct cpumask remotes;
	char controller[128];
	struct irq_domain *domain;
	struct sim_pcpu *pcpu;
	bool requested;
	struct sim_slot slot[NR_TARGETS];
};

/* The command line. */
struct sim_options {
	const char *dtb_path;
	const char *machine;
	unsigned int nr_cpus; /* 0: every CPU of the device tree */
	enum hosted_delivery mode;
	enum sim_workload order[SIM_NR_WORKLOADS];
	unsigned int nr_workloads;
	bool all_workloads; /* --workload all: skip the ones that do not apply */
	double duration;    /* seconds per workload */
	unsigned long rounds;
	unsigned int seed;
	double timeout;	    /* seconds a target may take to see an IPI */
	unsigned long lose; /* skip the lose-th send (testing the loss detection); 0: none */
};

/* What a workload measured. */
struct sim_result {
	uint64_t elapsed_ns;
	unsigned long rounds;	  /* its unit: round trips, broadcasts, ... */
	unsigned long sends;	  /* ipi_send_*() calls */
	unsigned long deliveries; /* targets those sends named */
	unsigned long runs;	  /* handler runs on CPUs */
	unsigned long stale;	  /* of those, runs that found nothing new */
	unsigned long lost;	  /* targets that never saw a send */
	unsigned long stray;	  /* remote: CPU handler runs (must be 0) */
	unsigned long samples;	  /* latency samples */
	uint64_t p50_ns, p99_ns, max_ns;
};

/* The machine being simulated. */
struct sim_machine {
	const void *fdt;
	const char *label; /* the built-in machine's name, or the file */
	const char *model; /* the root's "model", or "" */
	unsigned int nr_cpus;
	struct cpumask cpus;
	struct cpumask remotes;
	struct sim_ipi *ipis[SIM_MAX_IPIS];
	unsigned int nr_ipis;
	bool has_fixed; /* some IPIs are a driver's (a multiplexer) */
	uint64_t timeout_ns;
	unsigned long lose;    /* --lose */
	atomic_ulong nr_sends; /* counted only with --lose */
	atomic_ulong failed_sends;
};

extern struct sim_machine sim;

/* ---- built-in machines (generated from examples/ *.dts) ------------------ */

struct sim_builtin {
	const char *name;
	const unsigned char *dtb;
	size_t size;
};

extern const struct sim_builtin sim_builtins[];
extern const unsigned int sim_nr_builtins;

/* ---- machine.c ----------------------------------------------------------- */

/*
 * Boot the machine of @fdt, find its IPIs and get them ready (reserved,
 * handlers requested and enabled on every CPU). Returns SIM_EXIT_OK, or
 * another exit status after a message on stderr (nothing left booted).
 */
int sim_machine_up(const void *fdt, const char *label, const struct sim_options *opts);

/* Release the IPIs and shut the machine down. */
void sim_machine_down(void);

/* The virq of @ipi that @target receives on. */
unsigned int sim_ipi_virq_of(const struct sim_ipi *ipi, unsigned int target);

/* Handler runs of @ipi on @cpu (our count; kstat_irqs_cpu() must agree). */
unsigned long sim_ipi_runs(const struct sim_ipi *ipi, unsigned int cpu);

/* Handler runs, and runs that found no new send, over every IPI and CPU. */
unsigned long sim_total_runs(void);
unsigned long sim_total_stale(void);

/*
 * After the workloads: disable the IPIs on every CPU (no handler runs
 * after this), then check what the handlers recorded: each ran on its own
 * CPU's instance, kstat_irqs_cpu() agrees with the runs, no send failed.
 * Prints a BAD line per problem; returns how many there were.
 */
unsigned long sim_machine_check(void);

/*
 * Before a send to @target on @ipi: note the time (@t_send, 0 for no
 * latency sample) and bump the sequence number. Returns the new number.
 */
unsigned long sim_prepare_send(struct sim_ipi *ipi, unsigned int target, uint64_t t_send);

/* ipi_send_single()/ipi_send_mask()/ipi_send_all(), counting failures. */
void sim_send_single(struct sim_ipi *ipi, unsigned int target);
void sim_send_mask(struct sim_ipi *ipi, const struct cpumask *dest);
void sim_send_all(struct sim_ipi *ipi);

/* Raises a remote processor has counted, on all its lines. */
unsigned long sim_remote_raises(unsigned int target);

/* ---- workloads.c --------------------------------------------------------- */

/*
 * Called by the handler on @cpu after it recorded a send of @ipi it had not
 * seen: during a pingpong step, the answer is sent from there.
 */
void sim_pingpong_on_ipi(struct sim_ipi *ipi, unsigned int cpu);

extern const char *const sim_workload_names[SIM_NR_WORKLOADS];

/*
 * Why @w cannot run on this machine (a sentence for an error message), or
 * NULL if it can.
 */
const char *sim_workload_unfit(enum sim_workload w);

/*
 * A LOST line, naming the workload @what, for each target of each IPI that
 * has not seen the last send to it. Returns how many.
 */
unsigned long sim_report_lost(const char *what);

/* Run @w; fills @res. Returns SIM_EXIT_OK or SIM_EXIT_LOST. */
int sim_workload_run(enum sim_workload w, const struct sim_options *opts, struct sim_result *res);

/* ---- report.c ------------------------------------------------------------ */

uint64_t sim_now_ns(void);

/* Latency samples: reset before a workload, add from any thread, sum up after. */
void sim_latency_reset(void);
void sim_latency_add(uint64_t ns);
void sim_latency_collect(struct sim_result *res);

/* "CPU0-15 + rm@16" */
const char *sim_targets_str(const struct cpumask *m, char *buf, size_t len);

/* The machine and its IPIs, before the workloads. */
void sim_print_machine(const struct sim_options *opts);

/* One workload's lines. */
void sim_print_result(enum sim_workload w, const struct sim_result *res);

/* The /proc/interrupts-style table. */
void sim_print_table(void);

/* How the CPU threads waited: futex sleeps and wake-up calls. */
void sim_print_delivery(void);

#endif /* GENIPI_SIM_H */
