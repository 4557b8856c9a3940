// SPDX-License-Identifier: BSD-2-Clause
/*
 * Delivery: how an idle processor thread waits for something to do and how
 * whoever gives it something wakes it.
 *
 * "Something to do" is any event the waiter's ready() callback checks: a
 * pending enabled line, a run-on-cpu request, the stop flag. Whoever
 * creates an event first stores it (an atomic store or RMW) and then calls
 * hosted_proc_kick(). The waiter, per delivery mode:
 *
 *   POLL:   spins on ready(); nobody ever sleeps, so kicks do nothing.
 *   SLEEP:  goes straight to the futex protocol below.
 *   HYBRID: spins hosted_machine.spin_iterations times, then sleeps.
 *
 * The futex protocol, on the processor's wake_word (Dekker style):
 *
 *   waiter (hosted_proc_sleep)             kicker (hosted_proc_kick)
 *   W1 store wake_word = SLEEPING          K1 store / RMW the event
 *   W2 seq_cst fence                       K2 seq_cst fence
 *   W3 load the events (ready())           K3 load wake_word
 *   W4 if none: futex_wait(SLEEPING)       K4 if SLEEPING and our exchange
 *   W5 store wake_word = AWAKE                to AWAKE won: futex_wake
 *
 * The two fences are ordered in the single total order of seq_cst
 * operations. If W2 comes first, K3 sees SLEEPING (or a later AWAKE, which
 * means the waiter is awake or another kicker is waking it); if K2 comes
 * first, W3 sees the event (or a later value of it: it has been consumed).
 * So either the waiter does not sleep or the kicker wakes it: no lost
 * wake-up. futex_wait() itself re-checks that wake_word is still SLEEPING
 * in the kernel, so a kick between W3 and W4 makes it return at once.
 * A kicker makes the system call only when the waiter announced a sleep,
 * and only one kicker per sleep wins the exchange.
 */
#include "hosted-internal.h"

#include <limits.h>
#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Spinning on an oversubscribed machine, yield the core this often. */
#define HOSTED_POLL_YIELD_EVERY 64

/*
 * Sleep while the 32-bit word at @word holds @val. EAGAIN (it did not),
 * EINTR and spurious returns are all fine: every caller re-checks its
 * condition in a loop.
 */
void hosted_futex_wait(void *word, unsigned int val)
{
	syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

/* Wake up to @nr threads sleeping on @word. */
void hosted_futex_wake(void *word, int nr)
{
	syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, nr, NULL, NULL, 0);
}

/**
 * hosted_proc_kick - wake processor @p if it sleeps
 *
 * Called after the caller stored an event @p's ready() checks.
 */
void hosted_proc_kick(struct hosted_proc *p)
{
	if (hosted_machine.delivery == HOSTED_DELIVERY_POLL)
		return; /* nobody sleeps */

	/*
	 * K2: orders the caller's event store (K1: the pending bit, work_seq
	 * or stop) before the load of wake_word (K3). Pairs with W2 in
	 * hosted_proc_sleep().
	 */
	atomic_thread_fence(memory_order_seq_cst);
	if (atomic_load_explicit(&p->wake_word, memory_order_relaxed) != HOSTED_SLEEPING)
		return;
	/* K4: among concurrent kickers, the one that flips the word wakes. */
	if (atomic_exchange_explicit(&p->wake_word, HOSTED_AWAKE, memory_order_relaxed) ==
	    HOSTED_SLEEPING) {
		atomic_fetch_add_explicit(&p->wakeups, 1, memory_order_relaxed);
		hosted_futex_wake(&p->wake_word, 1);
	}
}

/*
 * One step of a spin-wait. On an oversubscribed machine the thread we wait
 * for may need our core, so every HOSTED_POLL_YIELD_EVERY steps give it up.
 */
static void hosted_spin_once(unsigned int step)
{
	port_cpu_relax();
	if (!(step % HOSTED_POLL_YIELD_EVERY) &&
	    atomic_load_explicit(&hosted_machine.oversubscribed, memory_order_relaxed))
		sched_yield();
}

/* Sleep on @p's futex unless ready() already holds; see the protocol above. */
static void hosted_proc_sleep(struct hosted_proc *p, bool (*ready)(struct hosted_proc *p))
{
	/* W1 */
	atomic_store_explicit(&p->wake_word, HOSTED_SLEEPING, memory_order_relaxed);
	/*
	 * W2: orders the store of SLEEPING before the event loads in
	 * ready() (W3). Pairs with K2 in hosted_proc_kick().
	 */
	atomic_thread_fence(memory_order_seq_cst);
	if (!ready(p)) {
		atomic_fetch_add_explicit(&p->sleeps, 1, memory_order_relaxed);
		/* W4: returns at once if a kicker already flipped the word */
		hosted_futex_wait(&p->wake_word, HOSTED_SLEEPING);
	}
	/* W5: a kicker that still sees SLEEPING only makes a spurious wake */
	atomic_store_explicit(&p->wake_word, HOSTED_AWAKE, memory_order_relaxed);
}

/**
 * hosted_proc_wait - wait, per the machine's delivery mode, until
 * ready(@p) holds
 *
 * Called by @p's own thread. May return before ready() holds (a spurious
 * wake-up, or a bounded spin in POLL mode); callers loop.
 */
void hosted_proc_wait(struct hosted_proc *p, bool (*ready)(struct hosted_proc *p))
{
	unsigned int i;

	switch (hosted_machine.delivery) {
	case HOSTED_DELIVERY_POLL:
		for (i = 1; !ready(p); i++) {
			hosted_spin_once(i);
			if (i == UINT_MAX / 2)
				return;
		}
		return;
	case HOSTED_DELIVERY_HYBRID:
		for (i = 1; i <= hosted_machine.spin_iterations; i++) {
			if (ready(p))
				return;
			hosted_spin_once(i);
		}
		hosted_proc_sleep(p, ready);
		return;
	case HOSTED_DELIVERY_SLEEP:
	default:
		hosted_proc_sleep(p, ready);
		return;
	}
}
