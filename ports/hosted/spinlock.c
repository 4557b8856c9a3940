// SPDX-License-Identifier: BSD-2-Clause
/*
 * port_spin_lock(): the core's slow-path lock, a futex-based mutex over the
 * 32-bit word of struct port_spinlock.
 *
 *   0 free, 1 locked with no sleeper, 2 locked and maybe contended.
 *
 * Locking tries 0 -> 1, spins a little, then swaps in 2 and sleeps until
 * the swap returns 0 (the lock was free: it is now ours, marked contended
 * since others may still sleep). Unlocking swaps in 0 and makes the wake
 * system call only if the old value was 2, so an uncontended lock/unlock
 * pair makes no system call.
 *
 * The lock does not mask interrupts (Linux spin_lock(), not
 * spin_lock_irqsave()): an interrupt handler must not take a lock the code
 * it interrupted may hold. The core never takes it on the send or dispatch
 * path.
 */
#include "hosted-internal.h"

#define HOSTED_LOCK_FREE 0U
#define HOSTED_LOCK_LOCKED 1U
#define HOSTED_LOCK_CONTENDED 2U

/* Spins before sleeping: the core's critical sections are short. */
#define HOSTED_LOCK_SPINS 100

static bool hosted_lock_try(struct port_spinlock *lock)
{
	unsigned int expected = HOSTED_LOCK_FREE;

	/* acquire: pairs with the release exchange in port_spin_unlock() */
	return __atomic_compare_exchange_n(&lock->word, &expected, HOSTED_LOCK_LOCKED, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void port_spin_lock(struct port_spinlock *lock)
{
	if (hosted_lock_try(lock))
		return;
	for (unsigned int i = 0; i < HOSTED_LOCK_SPINS; i++) {
		port_cpu_relax();
		if (__atomic_load_n(&lock->word, __ATOMIC_RELAXED) == HOSTED_LOCK_FREE &&
		    hosted_lock_try(lock))
			return;
	}
	/*
	 * acquire: pairs with the release exchange in port_spin_unlock(). The
	 * futex wait returns at once if the word is no longer 2, so an unlock
	 * between the exchange and the wait is not missed.
	 */
	while (__atomic_exchange_n(&lock->word, HOSTED_LOCK_CONTENDED, __ATOMIC_ACQUIRE) !=
	       HOSTED_LOCK_FREE)
		hosted_futex_wait(&lock->word, HOSTED_LOCK_CONTENDED);
}

void port_spin_unlock(struct port_spinlock *lock)
{
	/* release: pairs with the acquire operations of port_spin_lock() */
	if (__atomic_exchange_n(&lock->word, HOSTED_LOCK_FREE, __ATOMIC_RELEASE) ==
	    HOSTED_LOCK_CONTENDED)
		hosted_futex_wake(&lock->word, 1);
}
