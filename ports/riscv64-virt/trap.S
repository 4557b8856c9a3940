/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The trap vector of every CPU (direct mode: all traps come here).
 *
 * Traps are taken in the mode the image runs in, on the interrupted
 * code's stack (there is no other privilege level of ours to switch
 * from). The caller-saved registers and the trap CSRs are saved; the
 * callee-saved ones are riscv_trap()'s to keep, as for any C function.
 * Interrupts stay masked in the handler (the trap cleared xstatus.xIE),
 * so traps do not nest; epc and status are restored anyway, so that the
 * return is right whatever the handler did.
 */
#include "riscv-virt.h"

	.section .text.trap, "ax", @progbits
	.balign 4			/* xtvec: direct mode, bits 1:0 zero */
	.globl riscv_trap_entry
riscv_trap_entry:
	addi	sp, sp, -RISCV_FRAME_SIZE
	sd	ra, 0(sp)
	sd	t0, 8(sp)
	sd	t1, 16(sp)
	sd	t2, 24(sp)
	sd	t3, 32(sp)
	sd	t4, 40(sp)
	sd	t5, 48(sp)
	sd	t6, 56(sp)
	sd	a0, 64(sp)
	sd	a1, 72(sp)
	sd	a2, 80(sp)
	sd	a3, 88(sp)
	sd	a4, 96(sp)
	sd	a5, 104(sp)
	sd	a6, 112(sp)
	sd	a7, 120(sp)
	csrr	t0, CSR_EPC
	sd	t0, RISCV_FRAME_EPC(sp)
	csrr	t0, CSR_STATUS
	sd	t0, RISCV_FRAME_STATUS(sp)

	mv	a0, sp
	call	riscv_trap

	ld	t0, RISCV_FRAME_STATUS(sp)
	csrw	CSR_STATUS, t0
	ld	t0, RISCV_FRAME_EPC(sp)
	csrw	CSR_EPC, t0
	ld	ra, 0(sp)
	ld	t0, 8(sp)
	ld	t1, 16(sp)
	ld	t2, 24(sp)
	ld	t3, 32(sp)
	ld	t4, 40(sp)
	ld	t5, 48(sp)
	ld	t6, 56(sp)
	ld	a0, 64(sp)
	ld	a1, 72(sp)
	ld	a2, 80(sp)
	ld	a3, 88(sp)
	ld	a4, 96(sp)
	ld	a5, 104(sp)
	ld	a6, 112(sp)
	ld	a7, 120(sp)
	addi	sp, sp, RISCV_FRAME_SIZE
	RISCV_XRET
