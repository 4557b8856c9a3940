/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private to the hosted port: the processor model shared by the machine,
 * the interrupt entry, the delivery modes, the drivers of the machine's
 * controllers and the device models (swipi-model.c, and those of real
 * controllers in models/). A model drives a processor's input lines with
 * hosted_proc_raise() on hosted_proc_of_hwid(), nothing else.
 */
#ifndef GENIPI_HOSTED_INTERNAL_H
#define GENIPI_HOSTED_INTERNAL_H

#include <genipi/hosted.h>
#include <genipi/percpu.h>
#include <genipi/port.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

/* Nothing declared here is exported from the shared library. */
#pragma GCC visibility push(hidden)

#define HOSTED_LINE_BIT(line) ((uint64_t)1 << (line))

/* Initial-exec TLS: smp_processor_id() and the irq mask are one load each. */
#define HOSTED_TLS _Thread_local __attribute__((tls_model("initial-exec")))

/* Values of hosted_proc.wake_word, the futex word a processor sleeps on. */
#define HOSTED_AWAKE 0U
#define HOSTED_SLEEPING 1U

/* A target id that names no processor (hosted_proc_of_hwid()). */
#define HOSTED_NO_TARGET (~0U)

enum hosted_proc_kind {
	HOSTED_PROC_CPU,
	HOSTED_PROC_REMOTE,
};

/**
 * struct hosted_proc - a processor of the machine: a CPU or a remote
 * @pending:    latched input lines; set by raisers (hosted_proc_raise()),
 *              cleared by the processor when it takes them
 * @wake_word:  HOSTED_SLEEPING while the thread sleeps (futex word), see
 *              delivery.c for the protocol
 * @stop:       set by shutdown; the thread leaves its loop
 * @work_seq:   a CPU's run-on-cpu request counter (submitters increment it)
 * @enabled:    lines enabled at the CPU's cpu-intc; set only by the CPU
 *              itself, cleared by hosted_line_reset() (all ones for a
 *              remote processor)
 * @work_done:  last request completed (futex word the submitter waits on)
 * @work_lock:  serialises submitters of run-on-cpu requests
 * @work_fn:    the request, written under @work_lock before @work_seq
 * @work_arg:   its argument
 * @work_seen:  last request the CPU started (its thread only)
 * @line_count: a remote processor's per-line counts
 */
struct hosted_proc {
	/* written by other threads: a line of its own */
	_Alignas(GENIPI_CACHE_LINE) _Atomic uint64_t pending;
	_Atomic unsigned int wake_word;
	_Atomic bool stop;
	_Atomic unsigned int work_seq;

	/* owned by the processor's thread */
	_Alignas(GENIPI_CACHE_LINE) _Atomic uint64_t enabled;
	enum hosted_proc_kind kind;
	unsigned int target;
	unsigned long hwid;
	char *name;
	pthread_t thread;
	bool thread_started;
	unsigned int work_seen;

	/* run-on-cpu submitters */
	_Alignas(GENIPI_CACHE_LINE) _Atomic unsigned int work_done;
	pthread_mutex_t work_lock;
	void (*work_fn)(void *);
	void *work_arg;

	/* statistics, relaxed */
	_Atomic unsigned long interrupts;
	_Atomic unsigned long sleeps;
	_Atomic unsigned long wakeups;
	_Atomic unsigned long line_count[HOSTED_NR_LINES];
};

/*
 * The machine. Configuration fields are written at boot before any thread
 * starts and only read while it runs; @procs and @hwid_to_target also gain
 * entries when remote processors are added.
 */
struct hosted_machine {
	unsigned int nr_cpus;
	enum hosted_delivery delivery;
	unsigned int spin_iterations;
	_Atomic bool oversubscribed; /* more threads than usable cores */
	unsigned int nr_cores;
	_Atomic(struct hosted_proc *) procs[NR_TARGETS];
	_Atomic unsigned int hwid_to_target[HOSTED_MAX_HWID];
};

extern struct hosted_machine hosted_machine;

/* The calling thread's processor, NULL on other threads (machine.c). */
extern HOSTED_TLS struct hosted_proc *hosted_this_proc;
/* The calling thread's CPU number, HOSTED_NO_CPU if not a CPU (machine.c). */
extern HOSTED_TLS unsigned int hosted_this_cpu;

/* machine.c */
struct hosted_proc *hosted_proc_of_target(unsigned int target);
struct hosted_proc *hosted_proc_of_hwid(unsigned long hwid);
void hosted_proc_raise(struct hosted_proc *p, unsigned int line);

/* delivery.c: waiting for work and waking a waiter, per delivery mode */
void hosted_proc_kick(struct hosted_proc *p);
void hosted_proc_wait(struct hosted_proc *p, bool (*ready)(struct hosted_proc *p));
void hosted_futex_wait(void *word, unsigned int val);
void hosted_futex_wake(void *word, int nr);

/* irq.c: the soft interrupt mask and interrupt entry */
bool hosted_cpu_irq_ready(struct hosted_proc *c);
void hosted_cpu_take_interrupts(struct hosted_proc *c);
bool hosted_cpu_in_irq(void);
void hosted_irq_thread_init(bool irqs_masked);
bool hosted_irqs_masked(void);
void hosted_irqs_set_masked(bool masked);

/* irq.c: the calling CPU's cpu-intc "CSRs" */
uint64_t hosted_cpu_claim_lines(void);
void hosted_cpu_enable_line(unsigned int line, bool enable);
void hosted_cpu_enable_lines(uint64_t lines, bool enable);
uint64_t hosted_cpu_enabled_lines(void);
uint64_t hosted_cpu_pending_lines(void);
void hosted_cpu_clear_lines(uint64_t lines);
void hosted_line_reset(unsigned int line);

/* mmio.c */
void hosted_mmio_reset(void);

/* cpu-intc.c */
int hosted_cpu_intc_create(struct fwnode_handle *fwnode, unsigned int nr_lines);
unsigned int hosted_cpu_intc_nr_lines(void);
int hosted_cpu_intc_init(void);
void hosted_cpu_intc_reset(void);

/* fdt-boot.c: remove the device models a device tree boot created */
void hosted_fdt_models_remove(void);

/* swipi-model.c */
int hosted_swipi_model_init(void);
void hosted_swipi_model_reset(void);

/* swipi.c */
int hosted_swipi_init(void);
void hosted_swipi_init_cpu(void *unused);
void hosted_swipi_reset(void);

#pragma GCC visibility pop

#endif /* GENIPI_HOSTED_INTERNAL_H */
