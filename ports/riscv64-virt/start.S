/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry of the riscv64-virt images, machine or supervisor mode.
 *
 * Machine mode (QEMU -bios none): every hart starts at _start with
 * a0 = mhartid, a1 = the DTB. The first hart to win the lottery boots: it
 * clears the BSS and calls riscv_boot_main() as CPU 0. The others park in
 * wfi, with only the machine software interrupt enabled (mie.MSIE, but
 * mstatus.MIE clear: it wakes them without a trap), until
 * arch_cpu_start() names them in riscv_start_mailbox and raises their
 * MSIP; they then enter riscv_secondary_entry with the CPU index it gave.
 *
 * Supervisor mode (under OpenSBI): the firmware sends one hart to _start
 * with a0 = hartid, a1 = the DTB; arch_cpu_start() has the firmware start
 * the others (SBI HSM hart_start) at riscv_secondary_entry with
 * a1 = the CPU index (or, by a firmware race, at _start: see riscv_park).
 *
 * A CPU's index lives in tp from its first instruction of C on
 * (smp_processor_id()); nothing else writes tp.
 */
#include "riscv-virt.h"

	.section .text.entry, "ax", @progbits
	.globl _start
_start:
	/* no interrupt source may wake or trap us before we are ready */
	csrw	CSR_IE, zero

	/* the lottery: the first hart to swap a 1 into the word boots */
	lla	t0, riscv_boot_lottery
	li	t1, 1
	amoswap.w t1, t1, (t0)
	bnez	t1, riscv_park

	/* the BSS, once, before any C runs (the lottery word is in .data) */
	lla	t0, __bss_start
	lla	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	li	tp, 0
	lla	sp, riscv_cpu_stacks + RISCV_STACK_SIZE
	lla	t0, riscv_trap_entry
	csrw	CSR_TVEC, t0
	/* a0 (hart id) and a1 (DTB) are still what we were given */
	call	riscv_boot_main
	j	riscv_halt

riscv_park:
#if GENIPI_RISCV_S_MODE
	/*
	 * Under an SBI firmware only the boot hart should come here. But a
	 * hart started with HSM hart_start sometimes arrives here, at the
	 * image's entry, instead of at the address it was given, with the
	 * firmware reporting it started: seen in about 1 run in 100 of
	 * QEMU 7.2's bundled OpenSBI under multi-threaded TCG, as if the
	 * hart left its wait before the firmware stored the new address.
	 * arch_cpu_start() names the hart it starts in the mailbox before
	 * the call: if it names us, we are that CPU; go on as if entered at
	 * riscv_secondary_entry. Any other hart stops here.
	 */
	lla	t0, riscv_start_mailbox
	ld	t1, 0(t0)		/* riscv_start_mailbox.hwid */
	bne	t1, a0, riscv_halt
	/* acquire: pairs with the release store of .hwid in arch_cpu_start() */
	fence	r, rw
	ld	a1, 8(t0)		/* riscv_start_mailbox.cpu */
	/* counted, for the log (arch_exit()) */
	lla	t2, riscv_late_starts
	li	t3, 1
	amoadd.w zero, t3, (t2)
	j	riscv_secondary_entry
#else
	li	t0, RISCV_MIE_MSIE
	csrw	mie, t0
	lla	t0, riscv_start_mailbox
1:	ld	t1, 0(t0)		/* riscv_start_mailbox.hwid */
	beq	t1, a0, 2f
	/* an MSIP raised before this wfi makes it return at once: no lost wake-up */
	wfi
	j	1b
2:
	/*
	 * Acquire: pairs with the release store of .hwid in arch_cpu_start():
	 * .cpu, and all the boot CPU wrote before, are read after it.
	 */
	fence	r, rw
	ld	a1, 8(t0)		/* riscv_start_mailbox.cpu */
	/*
	 * Release: our read of .cpu before the word that frees the mailbox;
	 * pairs with the acquire load of .hwid in arch_cpu_start().
	 */
	fence	rw, w
	li	t1, RISCV_NO_HART
	sd	t1, 0(t0)
	j	riscv_secondary_entry
#endif

/* a0 = hart id, a1 = CPU index */
	.globl riscv_secondary_entry
riscv_secondary_entry:
	csrw	CSR_IE, zero
	mv	tp, a1
	/* our stack ends at riscv_cpu_stacks + (cpu + 1) * RISCV_STACK_SIZE */
	lla	sp, riscv_cpu_stacks
	addi	t0, a1, 1
	slli	t0, t0, RISCV_STACK_SHIFT
	add	sp, sp, t0
	lla	t0, riscv_trap_entry
	csrw	CSR_TVEC, t0
	call	riscv_secondary_main

riscv_halt:
	wfi
	j	riscv_halt

	.section .data.riscv_boot, "aw", @progbits
	.balign 8
riscv_boot_lottery:
	.word	0
	.balign 8
	.globl riscv_late_starts
riscv_late_starts:
	.word	0
	.balign 8
	.globl riscv_start_mailbox
riscv_start_mailbox:
	.dword	RISCV_NO_HART		/* .hwid */
	.dword	0			/* .cpu */
