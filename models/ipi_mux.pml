/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Ordering model of the genipi IPI multiplexer (<genipi/ipi-mux.h>).
 *
 * Run it with models/check.sh good|broken; models/README.md has the measured
 * state counts and the line-by-line order the C code must follow.
 *
 * THE PROTOCOL (per target CPU c: words enable[c] and pending[c], bit v is
 * virtual IPI v; parent[c] is the parent IPI's hardware pending flag)
 *
 *   send(v, c):   old = fetch_or_release(&pending[c], BIT(v));
 *                 smp_mb();                                        B1
 *                 if (!(old & BIT(v)) && (load(&enable[c]) & BIT(v)))
 *                         raise parent IPI on c;
 *   unmask(v):    fetch_or(&enable[c], BIT(v));      (on CPU c)
 *                 smp_mb();                                        B2
 *                 if (load(&pending[c]) & BIT(v))
 *                         raise parent IPI on c (self);
 *   mask(v):      fetch_andnot(&enable[c], BIT(v));  (on CPU c)
 *   parent IPI:   ack (parent[c] = 0);
 *   process():    smp_mb();                                        B3
 *                 en = load(&enable[c]);
 *                 bits = fetch_and_acquire(&pending[c], ~en) & en;
 *                 for each v in bits, lowest first:
 *                         if (load(&enable[c]) & BIT(v))  run handler v;
 *                         else fetch_or(&pending[c], BIT(v));  (re-pend)
 *
 * PROCESSES
 *
 *   sender(id)   NSENDS sends each, to a nondeterministic (CPU, vIPI).  A
 *                send first stores a payload the handler must see, then runs
 *                send().  A sender stands for any CPU, the target included.
 *   task(c)      CPU c's thread context: NTASKOPS rounds of mask(v) then
 *                unmask(v).  Every step is guarded by !in_irq[c]: the parent
 *                IPI may interrupt it between any two steps, and it does
 *                not run while the CPU is in interrupt context.
 *   cpu_irq(c)   CPU c's interrupt context: takes the parent IPI when
 *                parent[c] is set, acks it, runs process() and the handlers.
 *                A handler on a CPU in HMASK_CPUS may mask the other vIPI
 *                (once): that is what the re-check in process() is for.
 *   noise()      (SPURIOUS) one spurious parent IPI to any CPU.
 *
 *   enable[c] is written only on CPU c (task(c), or a handler on c) and
 *   never concurrently with itself: enable/disable_percpu_irq act on the
 *   calling CPU.  The C code must keep that rule.
 *
 * MEMORY MODEL AND BARRIERS
 *
 *   Promela interleaves the steps of all processes: sequentially consistent
 *   memory.  Each step below is one memory access (a load, a store, or one
 *   atomic read-modify-write) plus local bookkeeping; the few steps that
 *   group two accesses say why that is sound where they do it.
 *
 *   The protocol needs these orderings:
 *
 *     B1 send:     pending RMW        -> load enable[c]     (smp_mb)
 *     B2 unmask:   enable RMW         -> load pending[c]    (smp_mb)
 *     B3 process:  ack store parent   -> claim RMW pending  (smp_mb)
 *     R  send:     payload store      -> pending RMW        (release)
 *     A  process:  claim RMW pending  -> payload load       (acquire)
 *
 *   B1..B3 order a store before a later load of another location: the
 *   store-buffering (Dekker) shape, which Arm, RISC-V, POWER and even x86
 *   (for plain stores) break without a full barrier.  B1+B2 is the classic
 *   SB pair (send vs unmask); B1+B3 pairs the sender's pending RMW and raise
 *   with the receiver's ack and claim.  R and A are message passing.
 *
 *   A missing barrier is modelled as a reordering of the pair it guarded:
 *   the model may perform the two accesses in program order or swapped (the
 *   later load satisfied before the earlier store or RMW is visible; for R,
 *   the payload store visible after the RMW).  On a multi-copy-atomic
 *   machine (Armv8, RVWMO, x86) the swapped order is exactly the outcome the
 *   barrier forbids for that pair, so "barrier present" = "the pair is
 *   performed in program order", which is what the good model does.  Each
 *   BROKEN_* define removes one barrier (or breaks one rule) and spin must
 *   then find a counterexample.
 *
 *   Why program order is sound for the pairs the protocol does not fence:
 *   - send:    load enable -> raise: the raise is control dependent on the
 *              load and comes after B1.
 *   - unmask:  load pending -> self raise: same, after B2.
 *   - process: the loads of enable[c] read a word only this CPU writes, so
 *              coherence gives program order; the claim -> handler pair is
 *              the acquire (A); the re-pend RMW is read later by an unmask
 *              on this same CPU (coherence again).
 *   - mask:    one RMW.  A sender that still reads the old (enabled) value
 *              behaves as if it read before the mask: a spurious parent IPI,
 *              which the model explores anyway.
 *
 * PROPERTIES
 *
 *   (a) No lost IPI.  At quiescence (senders, noise and tasks finished, no
 *       parent flag set, no CPU in interrupt context; nothing can move any
 *       more) no CPU has a vIPI both pending and enabled, and every send to
 *       a vIPI that is enabled has been answered by a handler run started
 *       after the send's RMW.  Checked by init.
 *   (b) No handler runs for a masked vIPI.  Precisely: at the instant the
 *       handler for v starts on CPU c, bit v of enable[c] is set.  (Only CPU
 *       c writes enable[c] and the handler runs on c, so this is the
 *       strongest claim one can make; a mask issued after the handler has
 *       started is the caller's business.)  Without the re-check in
 *       process() it fails: a handler that masks a vIPI claimed in the same
 *       batch would see it dispatched anyway.  The implied weaker statement
 *       "v was enabled when its pending bit was claimed" holds by
 *       construction (bits = claimed & en).
 *   (c) Payload visibility.  A handler for (c, v) sees the payload of every
 *       send whose pending RMW on (c, v) came before the claim that started
 *       it: release in send pairs with acquire in process.
 *   Deadlock freedom: spin's end-state check.  init has no end label and
 *   finishes only through its final check, so any state where nothing can
 *   move before every sender and task has finished and every CPU is idle is
 *   reported as an invalid end state.
 */

/* ---------------------------------------------------------- configuration */

#ifndef NSENDERS
#define NSENDERS	3	/* sender processes (1..3) */
#endif
#ifndef NSENDS
#define NSENDS		1	/* sends per sender */
#endif
#ifndef NTASKOPS
#define NTASKOPS	1	/* mask(v) + unmask(v) rounds per CPU */
#endif
#ifndef SPURIOUS
#define SPURIOUS	0	/* spurious parent IPIs injected (0 or 1) */
#endif
#ifndef HMASK_CPUS
#define HMASK_CPUS	3	/* bitmask of CPUs whose handlers may mask */
#endif
#ifndef TASK_VIPI_BY_CPU
#define TASK_VIPI_BY_CPU 1	/* 1: task(c) works on vIPI c % 2; 0: any */
#endif

#define NCPU		3
#define NVIPI		2
#define BIT(v)		(1 << (v))
#define ALL_VIPIS	(BIT(NVIPI) - 1)
#define OTHER(v)	(1 - (v))

#if NSENDERS < 1 || NSENDERS > 3
#error "NSENDERS must be 1..3"
#endif
#if NSENDERS * NSENDS > 8
#error "payload and posted[] are bytes: at most 8 sends in all"
#endif

/*
 * Variants.  At most one BROKEN_* is defined at a time; each must be
 * rejected.
 *
 * BROKEN_SEND_NO_MB          B1 removed: the enable load may be performed
 *                            before the pending RMW.
 * BROKEN_UNMASK_NO_MB        B2 removed: the pending load may be performed
 *                            before the enable RMW.
 * BROKEN_ACK_NO_MB           B3 removed: the ack may become visible after
 *                            the claim (or after the handlers).
 * BROKEN_NO_RELEASE          R removed: the payload store may become visible
 *                            after the pending RMW.
 * BROKEN_NO_ACQUIRE          A removed: the handlers' payload load may be
 *                            performed before the claim.
 * BROKEN_NEWLY_SET_INVERTED  send raises when the bit was already pending
 *                            instead of when it was newly set.
 * BROKEN_NO_RECHECK          process dispatches every claimed bit without
 *                            re-reading enable[c].
 */

/* ------------------------------------------------------------------ state */

/* The mux's words, per target CPU; bit v = vIPI v. */
byte enable[NCPU];
byte pending[NCPU];

/* The parent IPI's hardware pending flag, per CPU (raising twice merges). */
bit parent[NCPU];

/* CPU c runs its parent IPI handler; its thread context is preempted. */
bit in_irq[NCPU];

/*
 * Payload.  Bit s set: the payload store of send s is visible.  A handler
 * consumes (clears) the payloads it is owed, so that finished sends leave no
 * trace in the state.
 */
byte payload;

/*
 * Ghost.  Bit s of POSTED(c, v): send s has performed its pending RMW on
 * (c, v) and no claim of (c, v) has answered it yet.
 */
byte posted[NCPU * NVIPI];

/* Bound: a handler on CPU c may still mask the other vIPI. */
bit may_mask_in_handler[NCPU];

byte senders_done;		/* sender and noise processes finished */
byte tasks_done;		/* task processes finished */

#define POSTED(c, v)	posted[(c) * NVIPI + (v)]
#define CPU_QUIET(c)	(parent[c] == 0 && in_irq[c] == 0)
#define ALL_QUIET	(CPU_QUIET(0) && CPU_QUIET(1) && CPU_QUIET(2))
#define NOT_OWED(c, v)	(POSTED(c, v) == 0 || (enable[c] & BIT(v)) == 0)

inline pick_cpu(c)
{
	if
	:: c = 0
	:: c = 1
	:: c = 2
	fi
}

inline pick_vipi(v)
{
	if
	:: v = 0
	:: v = 1
	fi
}

/*
 * Every process is one loop of guarded steps selected by a local phase, so
 * that no state is spent on purely local control flow: each step is one
 * memory access, and the local decision that follows it rides along.
 */

/* ------------------------------------------------------------------- send */

#define S_POST		0	/* next: payload store + pending RMW */
#define S_LOAD		1	/* next: load enable[c] */
#define S_RAISE		2	/* next: raise the parent IPI */
#define S_DONE		3
#define S_RMW		4	/* BROKEN_*: next: the pending RMW */
#define S_PAYLOAD	5	/* BROKEN_NO_RELEASE: next: the payload store */

/* Plain store of the payload the handler will read (send id sid). */
#define SEND_PAYLOAD_STORE	payload = payload | BIT(sid)

/* old = atomic_fetch_or_explicit(&pending[c], BIT(v), memory_order_release) */
#define SEND_PENDING_RMW						\
	old = pending[c];						\
	pending[c] = old | BIT(v);					\
	POSTED(c, v) = POSTED(c, v) | BIT(sid)

/* en = atomic_load_explicit(&enable[c], memory_order_relaxed) */
#define SEND_ENABLE_LOAD	en = enable[c]

#ifdef BROKEN_NEWLY_SET_INVERTED
#define SEND_MUST_RAISE	((old & BIT(v)) != 0 && (en & BIT(v)) != 0)
#else
#define SEND_MUST_RAISE	((old & BIT(v)) == 0 && (en & BIT(v)) != 0)
#endif

/* Local: this send is over; start the next one or finish. */
#define SEND_FINISH							\
	old = 0; en = 0; c = 0; v = 0;					\
	sid++;								\
	if								\
	:: sid == (id + 1) * NSENDS -> ph = S_DONE; senders_done++	\
	:: else -> ph = S_POST						\
	fi

/* After both the RMW and the load: raise, or finish right away. */
#define SEND_DECIDE							\
	if								\
	:: SEND_MUST_RAISE -> ph = S_RAISE				\
	:: else ->							\
		printf("MSC: send %d: cpu %d vipi %d: old %d enable %d: no raise\n", \
		       sid, c, v, old, en);				\
		SEND_FINISH						\
	fi

proctype sender(byte id)
{
	byte sid = id * NSENDS;		/* payload id of the current send */
	byte ph = S_POST;
	byte c, v, old, en;

end_sender:
	do
#ifdef BROKEN_NO_RELEASE
	/* R missing: the payload store and the RMW in either order. */
	:: atomic {
		ph == S_POST -> pick_cpu(c); pick_vipi(v);
		SEND_PAYLOAD_STORE;
		ph = S_RMW
	   }
	:: atomic {
		ph == S_POST -> pick_cpu(c); pick_vipi(v);
		SEND_PENDING_RMW;
		printf("MSC: send %d: cpu %d vipi %d: pending RMW before the payload store\n",
		       sid, c, v);
		ph = S_PAYLOAD
	   }
	:: d_step {
		ph == S_RMW -> SEND_PENDING_RMW;
		printf("MSC: send %d: cpu %d vipi %d: pending RMW (old %d)\n",
		       sid, c, v, old);
		ph = S_LOAD
	   }
	:: d_step {
		ph == S_PAYLOAD -> SEND_PAYLOAD_STORE;
		printf("MSC: send %d: payload stored (late)\n", sid);
		ph = S_LOAD
	   }
#else
	/*
	 * Payload store, release, pending RMW: one step.  Sound: until the
	 * RMW is performed, bit sid of POSTED() is clear, so no handler is
	 * owed this payload, and a handler only tests and consumes the payload
	 * bits it is owed.  Delaying the store to just before the RMW changes
	 * no other process's step.
	 */
	:: atomic {
		ph == S_POST -> pick_cpu(c); pick_vipi(v);
		SEND_PAYLOAD_STORE;
		SEND_PENDING_RMW;
		printf("MSC: send %d: cpu %d vipi %d: payload stored, pending RMW (old %d)\n",
		       sid, c, v, old);
		/* smp_mb (B1): pairs with B2 in unmask and B3 in process */
		ph = S_LOAD
	   }
#endif
#ifdef BROKEN_SEND_NO_MB
	/*
	 * B1 missing: the enable load may be performed before the RMW.  (The
	 * payload store shares this step; grouping only removes behaviours,
	 * so a counterexample found here is real.)
	 */
	:: atomic {
		ph == S_POST -> pick_cpu(c); pick_vipi(v);
		SEND_PAYLOAD_STORE;
		SEND_ENABLE_LOAD;
		printf("MSC: send %d: cpu %d vipi %d: enable %d loaded before the pending RMW\n",
		       sid, c, v, en);
		ph = S_RMW
	   }
	:: d_step { ph == S_RMW -> SEND_PENDING_RMW; SEND_DECIDE }
#endif
	:: d_step { ph == S_LOAD -> SEND_ENABLE_LOAD; SEND_DECIDE }
	/* mux_send(c): raise the parent IPI */
	:: d_step {
		ph == S_RAISE -> parent[c] = 1;
		printf("MSC: send %d: cpu %d vipi %d: newly set and enabled: raise parent\n",
		       sid, c, v);
		SEND_FINISH
	   }
	od
}

/* One spurious (or duplicated) parent IPI. */
proctype noise()
{
	byte c;

	atomic {
		pick_cpu(c);
		parent[c] = 1;
		printf("MSC: spurious parent IPI to cpu %d\n", c);
		senders_done++;
		c = 0
	}
}

/* ---------------------------------------------------------- mask / unmask */

#define T_MASK		0	/* next: mask RMW */
#define T_UNMASK	1	/* next: unmask RMW */
#define T_LOAD		2	/* next: load pending[c] */
#define T_RAISE		3	/* next: raise the parent IPI to self */
#define T_DONE		4
#define T_UNMASK_LATE	5	/* BROKEN_UNMASK_NO_MB: next: the unmask RMW */

/* atomic_fetch_and(&enable[c], ~BIT(v)) */
#define TASK_MASK_RMW		enable[c] = enable[c] & ~BIT(v)
/* atomic_fetch_or(&enable[c], BIT(v)) */
#define TASK_UNMASK_RMW		enable[c] = enable[c] | BIT(v)
/* atomic_load_explicit(&pending[c], memory_order_relaxed) */
#define TASK_PENDING_LOAD	p = pending[c]

#define TASK_FINISH							\
	p = 0; v = 0;							\
	k++;								\
	if								\
	:: k == NTASKOPS -> ph = T_DONE; tasks_done++			\
	:: else -> ph = T_MASK						\
	fi

#define TASK_DECIDE							\
	if								\
	:: (p & BIT(v)) != 0 -> ph = T_RAISE				\
	:: else ->							\
		printf("MSC: cpu %d: unmask vipi %d: pending %d: no self raise\n", \
		       c, v, p);					\
		TASK_FINISH						\
	fi

proctype task(byte c)
{
	byte ph = T_MASK;
	byte k, v, p;

end_task:
	do
	:: atomic {
		ph == T_MASK && !in_irq[c] ->
#if TASK_VIPI_BY_CPU
		v = c % 2;
#else
		pick_vipi(v);
#endif
		TASK_MASK_RMW;
		printf("MSC: cpu %d: mask vipi %d\n", c, v);
		ph = T_UNMASK
	   }
	:: atomic {
		ph == T_UNMASK && !in_irq[c] -> TASK_UNMASK_RMW;
		printf("MSC: cpu %d: unmask vipi %d: enable set\n", c, v);
		/* smp_mb (B2): pairs with B1 in send */
		ph = T_LOAD
	   }
#ifdef BROKEN_UNMASK_NO_MB
	/* B2 missing: the pending load may be performed before the RMW. */
	:: atomic {
		ph == T_UNMASK && !in_irq[c] -> TASK_PENDING_LOAD;
		printf("MSC: cpu %d: unmask vipi %d: pending %d loaded before the enable RMW\n",
		       c, v, p);
		ph = T_UNMASK_LATE
	   }
	:: atomic {
		ph == T_UNMASK_LATE && !in_irq[c] -> TASK_UNMASK_RMW;
		printf("MSC: cpu %d: unmask vipi %d: enable set\n", c, v);
		TASK_DECIDE
	   }
#endif
	:: atomic { ph == T_LOAD && !in_irq[c] -> TASK_PENDING_LOAD; TASK_DECIDE }
	/* pending while masked: raise the parent IPI to ourselves */
	:: atomic {
		ph == T_RAISE && !in_irq[c] -> parent[c] = 1;
		printf("MSC: cpu %d: unmask vipi %d: pending: self raise\n", c, v);
		TASK_FINISH
	   }
	od
}

/* ---------------------------------------------------------------- process */

#define I_IDLE		0	/* waiting for the parent IPI */
#define I_CLAIM		1	/* next: load enable[c] + claim RMW */
#define I_DISPATCH	2	/* next: dispatch the lowest claimed bit */
#define I_HMASK		3	/* next: the running handler masks the other vIPI */

/* Lowest set bit of bits (bits != 0): handlers run lowest vIPI first. */
#define NEXT_BIT	((bits & BIT(0)) != 0 -> 0 : 1)
#define NEED(v)		((v) == 0 -> need0 : need1)

#define FORGET_NEED(v)							\
	if								\
	:: (v) == 0 -> need0 = 0					\
	:: else -> need1 = 0						\
	fi

/*
 * Claim: en = atomic_load_explicit(&enable[c], relaxed), then
 * bits = atomic_fetch_and_explicit(&pending[c], ~en, acquire) & en.  The two
 * share a step: enable[c] is written only by CPU c, which is here, so the
 * load commutes with every step of every other process.  need0/need1 take
 * the sends this claim answers (ghost).
 */
#define PROCESS_CLAIM							\
	en = enable[c];							\
	bits = pending[c] & en;						\
	pending[c] = pending[c] & ~en;					\
	if								\
	:: (bits & BIT(0)) != 0 -> need0 = POSTED(c, 0); POSTED(c, 0) = 0 \
	:: else								\
	fi;								\
	if								\
	:: (bits & BIT(1)) != 0 -> need1 = POSTED(c, 1); POSTED(c, 1) = 0 \
	:: else								\
	fi;								\
	printf("MSC: cpu %d: claim: bits %d (enable %d)\n", c, bits, en); \
	en = 0

/*
 * Return from the parent IPI once every claimed bit is dispatched (and, for
 * BROKEN_ACK_NO_MB, the ack is done).  It rides on the step before it:
 * in_irq[c] is read only by task(c), which cannot run before the return.
 */
#define PROCESS_RETURN_IF_DONE						\
	if								\
	:: bits == 0 && ph == I_DISPATCH && acked ->			\
		in_irq[c] = 0; ph = I_IDLE; v = 0; early = 0; seen = 0;	\
		printf("MSC: cpu %d: return from parent IPI\n", c)	\
	:: else								\
	fi

#ifdef BROKEN_NO_ACQUIRE
#define HANDLER_PAYLOAD_LOAD						\
	if								\
	:: !early -> seen = payload					\
	:: else								\
	fi
#define HANDLER_PAYLOAD_DONE	skip
#else
#define HANDLER_PAYLOAD_LOAD	seen = payload
#define HANDLER_PAYLOAD_DONE	seen = 0
#endif

/*
 * Handler v starts.  (b): v is enabled on this CPU now.  (c): its payload
 * load, after the claim's acquire, sees the payload of every send the claim
 * answers; the handler consumes them.  Then it may decide to mask the other
 * vIPI (next step).
 */
#define HANDLER_START							\
	HANDLER_PAYLOAD_LOAD;						\
	printf("MSC: cpu %d: handler vipi %d runs (enable %d, payload %d, owed %d)\n", \
	       c, v, enable[c], seen, NEED(v));				\
	assert((enable[c] & BIT(v)) != 0);		/* (b) */	\
	assert((NEED(v) & ~seen) == 0);			/* (c) */	\
	payload = payload & ~NEED(v);					\
	FORGET_NEED(v);							\
	HANDLER_PAYLOAD_DONE;						\
	if								\
	:: may_mask_in_handler[c] -> ph = I_HMASK			\
	:: true								\
	fi

/*
 * Start the handlers of the claimed bits, lowest first, while the next one
 * is enabled and no handler wants to mask.  These handler starts share the
 * step of the access before them (the claim, a handler's mask, a re-pend).
 * Sound: a handler start reads enable[c] (written only by this CPU) and
 * reads and consumes only the payload bits it is owed, of sends whose RMW
 * came before the claim, which no other process touches any more.  It
 * commutes with every step another process can take after the claim, so
 * taking it at once loses no behaviour.  The steps that do not commute (a
 * handler's mask, a re-pend) stay separate.
 */
#ifdef BROKEN_NO_RECHECK
#define NEXT_MAY_RUN	(bits != 0)
#else
#define NEXT_MAY_RUN	(bits != 0 && (enable[c] & BIT(NEXT_BIT)) != 0)
#endif

#define PROCESS_RUN_HANDLERS						\
	do								\
	:: ph == I_DISPATCH && NEXT_MAY_RUN ->				\
		v = NEXT_BIT;						\
		bits = bits & ~BIT(v);					\
		HANDLER_START						\
	:: else -> break						\
	od;								\
	PROCESS_RETURN_IF_DONE

proctype cpu_irq(byte c)
{
	byte ph = I_IDLE;
	byte bits, need0, need1, seen, en, v;
	bit acked = 1, early;

end_cpu:
	do
#ifdef BROKEN_ACK_NO_MB
	/* Interrupt taken; B3 missing: the ack may come after the claim. */
	:: atomic {
		ph == I_IDLE && parent[c] -> in_irq[c] = 1; acked = 0;
		printf("MSC: cpu %d: parent IPI taken\n", c);
		ph = I_CLAIM
	   }
	:: atomic {
		ph != I_IDLE && !acked -> parent[c] = 0; acked = 1;
		printf("MSC: cpu %d: ack parent\n", c);
		PROCESS_RETURN_IF_DONE
	   }
#else
	/*
	 * Interrupt taken and acked: one step.  Sound: between the two no
	 * other process changes parent[c] (a raise stores the 1 already there,
	 * which commutes with taking the interrupt), and task(c), the only
	 * reader of in_irq[c], is preempted.
	 */
	:: atomic {
		ph == I_IDLE && parent[c] -> in_irq[c] = 1;
		parent[c] = 0;
		printf("MSC: cpu %d: parent IPI taken and acked\n", c);
		/* smp_mb (B3): pairs with B1 in send */
		ph = I_CLAIM
	   }
#endif
#ifdef BROKEN_NO_ACQUIRE
	/* A missing: the handlers' payload load performed before the claim. */
	:: atomic {
		ph == I_CLAIM && !early -> seen = payload; early = 1;
		printf("MSC: cpu %d: payload %d loaded before the claim\n", c, seen)
	   }
#endif
	:: atomic {
		ph == I_CLAIM -> PROCESS_CLAIM;
		ph = I_DISPATCH;
		PROCESS_RUN_HANDLERS
	   }
#ifndef BROKEN_NO_RECHECK
	/*
	 * Re-check failed: v was masked since the claim (by an earlier
	 * handler of this batch).  Put the bit back with
	 * atomic_fetch_or(&pending[c], BIT(v)): it stays pending, and the
	 * unmask's self raise delivers it.  The sends it answers are owed
	 * again.  (The re-check's load of enable[c] shares the step, as in the
	 * claim.)
	 */
	:: atomic {
		ph == I_DISPATCH && bits != 0 &&
		(enable[c] & BIT(NEXT_BIT)) == 0 -> v = NEXT_BIT;
		bits = bits & ~BIT(v);
		pending[c] = pending[c] | BIT(v);
		POSTED(c, v) = POSTED(c, v) | NEED(v);
		FORGET_NEED(v);
		printf("MSC: cpu %d: vipi %d masked since the claim: re-pend\n", c, v);
		PROCESS_RUN_HANDLERS
	   }
#endif
	/* disable_percpu_irq(the other vIPI), called by the running handler */
	:: atomic {
		ph == I_HMASK -> may_mask_in_handler[c] = 0;
		enable[c] = enable[c] & ~BIT(OTHER(v));
		printf("MSC: cpu %d: handler vipi %d masks vipi %d\n", c, v, OTHER(v));
		ph = I_DISPATCH;
		PROCESS_RUN_HANDLERS
	   }
	od
}

/* ------------------------------------------------------------------- init */

init {
	atomic {
		enable[0] = ALL_VIPIS;
		enable[1] = ALL_VIPIS;
		enable[2] = ALL_VIPIS;
		may_mask_in_handler[0] = (HMASK_CPUS >> 0) & 1;
		may_mask_in_handler[1] = (HMASK_CPUS >> 1) & 1;
		may_mask_in_handler[2] = (HMASK_CPUS >> 2) & 1;
		run cpu_irq(0);
		run cpu_irq(1);
		run cpu_irq(2);
		run task(0);
		run task(1);
		run task(2);
		run sender(0);
#if NSENDERS >= 2
		run sender(1);
#endif
#if NSENDERS >= 3
		run sender(2);
#endif
#if SPURIOUS
		run noise();
#endif
	}

	/*
	 * Quiescence: senders, noise and tasks finished, no parent IPI pending,
	 * no CPU in interrupt context.  Nothing can move after that, so one
	 * check is enough.
	 */
	atomic {
		senders_done == NSENDERS + SPURIOUS && tasks_done == NCPU && ALL_QUIET ->
		printf("MSC: quiescent: pending %d %d %d, enable %d %d %d\n",
		       pending[0], pending[1], pending[2], enable[0], enable[1], enable[2]);
		assert((pending[0] & enable[0]) == 0);		/* (a) */
		assert((pending[1] & enable[1]) == 0);		/* (a) */
		assert((pending[2] & enable[2]) == 0);		/* (a) */
		assert(NOT_OWED(0, 0) && NOT_OWED(0, 1));	/* (a) */
		assert(NOT_OWED(1, 0) && NOT_OWED(1, 1));	/* (a) */
		assert(NOT_OWED(2, 0) && NOT_OWED(2, 1))	/* (a) */
	}
}
