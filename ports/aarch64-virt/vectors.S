/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The EL1 exception vector table (VBAR_EL1, set by start.S).
 *
 * We run at EL1 with SP_EL1, so the one exception we expect is an IRQ
 * from the current EL with SP_ELx: irq_entry saves what the AAPCS64 lets
 * a C call clobber (x0-x18, x30, and the FP/SIMD registers q0-q7,
 * q16-q31 with FPCR/FPSR: interrupted code may be inside picolibc's SIMD
 * memset/memcpy, and handlers may call them), plus ELR/SPSR, then calls
 * generic_handle_arch_irq() with interrupts masked (as the exception
 * left them) and returns with eret.
 *
 * Every other entry (synchronous exceptions, FIQ, SError, anything from
 * SP_EL0 or a lower EL) goes to arch_trap(kind), which prints ESR, ELR and
 * FAR and ends the run.
 */
#include <genipi/aarch64-virt.h>

/* irq_entry's frame: x0-x18, x29, x30, ELR, SPSR and a pad; then the FP/SIMD part */
#define IRQ_FRAME_GPRS 192
#define IRQ_FRAME_FPSIMD 400 /* 24 q registers, FPCR, FPSR */
#define IRQ_FRAME (IRQ_FRAME_GPRS + IRQ_FRAME_FPSIMD)

	.macro	vector_trap kind
	.balign	0x80
	mov	x0, #(\kind)
	b	trap_entry
	.endm

	.section .text.vectors, "ax"
	.balign 2048
	.global arch_vectors
arch_vectors:
	/* current EL, SP_EL0: we never run on SP_EL0 */
	vector_trap (AARCH64_TRAP_FROM_SP_EL0 | AARCH64_TRAP_SYNC)
	vector_trap (AARCH64_TRAP_FROM_SP_EL0 | AARCH64_TRAP_IRQ)
	vector_trap (AARCH64_TRAP_FROM_SP_EL0 | AARCH64_TRAP_FIQ)
	vector_trap (AARCH64_TRAP_FROM_SP_EL0 | AARCH64_TRAP_SERROR)
	/* current EL, SP_ELx: us */
	vector_trap (AARCH64_TRAP_FROM_SP_ELX | AARCH64_TRAP_SYNC)
	.balign	0x80
	b	irq_entry
	vector_trap (AARCH64_TRAP_FROM_SP_ELX | AARCH64_TRAP_FIQ)
	vector_trap (AARCH64_TRAP_FROM_SP_ELX | AARCH64_TRAP_SERROR)
	/* lower EL: nothing of ours runs there */
	vector_trap (AARCH64_TRAP_FROM_LOWER_A64 | AARCH64_TRAP_SYNC)
	vector_trap (AARCH64_TRAP_FROM_LOWER_A64 | AARCH64_TRAP_IRQ)
	vector_trap (AARCH64_TRAP_FROM_LOWER_A64 | AARCH64_TRAP_FIQ)
	vector_trap (AARCH64_TRAP_FROM_LOWER_A64 | AARCH64_TRAP_SERROR)
	vector_trap (AARCH64_TRAP_FROM_LOWER_A32 | AARCH64_TRAP_SYNC)
	vector_trap (AARCH64_TRAP_FROM_LOWER_A32 | AARCH64_TRAP_IRQ)
	vector_trap (AARCH64_TRAP_FROM_LOWER_A32 | AARCH64_TRAP_FIQ)
	vector_trap (AARCH64_TRAP_FROM_LOWER_A32 | AARCH64_TRAP_SERROR)

/* Not coming back: arch_trap() reports and ends the run. */
trap_entry:
	bl	arch_trap
1:	wfe
	b	1b

irq_entry:
	sub	sp, sp, #IRQ_FRAME
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x29, [sp, #144]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x30, x0, [sp, #160]
	str	x1, [sp, #176]
	add	x0, sp, #IRQ_FRAME_GPRS
	stp	q0, q1, [x0, #0]
	stp	q2, q3, [x0, #32]
	stp	q4, q5, [x0, #64]
	stp	q6, q7, [x0, #96]
	stp	q16, q17, [x0, #128]
	stp	q18, q19, [x0, #160]
	stp	q20, q21, [x0, #192]
	stp	q22, q23, [x0, #224]
	stp	q24, q25, [x0, #256]
	stp	q26, q27, [x0, #288]
	stp	q28, q29, [x0, #320]
	stp	q30, q31, [x0, #352]
	mrs	x1, fpcr
	mrs	x2, fpsr
	stp	x1, x2, [x0, #384]

	bl	generic_handle_arch_irq

	add	x0, sp, #IRQ_FRAME_GPRS
	ldp	q0, q1, [x0, #0]
	ldp	q2, q3, [x0, #32]
	ldp	q4, q5, [x0, #64]
	ldp	q6, q7, [x0, #96]
	ldp	q16, q17, [x0, #128]
	ldp	q18, q19, [x0, #160]
	ldp	q20, q21, [x0, #192]
	ldp	q22, q23, [x0, #224]
	ldp	q24, q25, [x0, #256]
	ldp	q26, q27, [x0, #288]
	ldp	q28, q29, [x0, #320]
	ldp	q30, q31, [x0, #352]
	ldp	x1, x2, [x0, #384]
	msr	fpcr, x1
	msr	fpsr, x2
	ldp	x30, x0, [sp, #160]
	ldr	x1, [sp, #176]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x29, [sp, #144]
	add	sp, sp, #IRQ_FRAME
	eret
