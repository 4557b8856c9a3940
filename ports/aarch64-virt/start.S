/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry of the aarch64-virt image (QEMU -machine virt, -kernel image.elf).
 *
 * The boot CPU enters at _start: at EL1 on QEMU virt without
 * virtualization=on / secure=on, at EL2 with virtualization=on, which we
 * leave for EL1 (el2_to_el1). QEMU starts the other CPUs powered off (it
 * emulates PSCI), so only the boot CPU runs _start; each secondary is
 * started by arch_cpu_start() with PSCI CPU_ON at arch_secondary_entry,
 * x0 = the context id = its CPU index, MMU off.
 *
 * Every CPU then: FP/SIMD enabled at EL1 (our C is -mgeneral-regs-only,
 * picolibc's string functions use SIMD registers), the exception vectors,
 * the identity map with the MMU and caches on (exclusives and unaligned
 * accesses need Normal memory), its stack (arch_stacks[cpu]) and
 * TPIDR_EL1 = its CPU index (smp_processor_id()), then C.
 */
#include <genipi/aarch64-virt.h>

/* SCTLR_EL1: M (MMU), A (alignment check, kept off), C (data cache), I (instruction cache) */
#define SCTLR_M (1 << 0)
#define SCTLR_A (1 << 1)
#define SCTLR_C (1 << 2)
#define SCTLR_I (1 << 12)
/* SCTLR_EL1 set from EL2: its ARMv8.0 RES1 bits (11, 20, 22, 23, 28, 29), MMU off */
#define SCTLR_EL1_RES1 0x30d00800

/* HCR_EL2.RW: EL1 is AArch64; everything else 0: no traps, interrupts to EL1 */
#define HCR_EL2_RW (1 << 31)
/* CNTHCTL_EL2.EL1PCTEN | EL1PCEN: EL1 reaches the physical counter and timer */
#define CNTHCTL_EL2_EL1_TIMER 0x3
/* CPTR_EL2 with only its RES1 bits (13:12, 9:0): TFP (bit 10) clear, FP/SIMD not trapped */
#define CPTR_EL2_RES1 0x33ff
/* ICC_SRE_EL2.SRE | Enable: system-register GIC interface, and EL1 may enable its own */
#define ICC_SRE_EL2_SRE_ENABLE 0x9
/* ID_AA64PFR0_EL1.GIC [27:24]: non-zero if the GIC system registers exist */
#define ID_AA64PFR0_GIC_SHIFT 24
/* SPSR_EL2 for the eret: D, A, I, F masked, M = EL1h (EL1 with SP_EL1) */
#define SPSR_EL1H_MASKED 0x3c5

/* CPACR_EL1.FPEN = 0b11: FP/SIMD instructions not trapped at EL1 and EL0 */
#define CPACR_EL1_FPEN (3 << 20)

/* MAIR_EL1: Attr0 = 0x00 Device-nGnRnE, Attr1 = 0xff Normal, inner/outer write-back RW-allocate */
#define MAIR_ATTR_DEVICE 0
#define MAIR_ATTR_NORMAL 1
#define MAIR_VALUE 0xff00

/*
 * TCR_EL1: T0SZ = 25 (39-bit VAs: the walk starts at a level-1 table of
 * 1 GiB blocks), IRGN0 = ORGN0 = 0b01 (walks write-back cacheable),
 * SH0 = 0b11 (inner shareable), TG0 = 0 (4 KiB granule), EPD1 (no TTBR1
 * walks); IPS [34:32] is filled in from ID_AA64MMFR0_EL1.PARange.
 */
#define TCR_VALUE (25 | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23))
#define TCR_IPS_SHIFT 32
#define TCR_IPS_48_BITS 5

/* Level-1 block descriptors: valid block, AttrIndx [4:2], SH [9:8], AF [10], PXN [53], UXN [54] */
#define PTE_BLOCK 0x1
#define PTE_ATTR(idx) ((idx) << 2)
#define PTE_SH_INNER (3 << 8)
#define PTE_AF (1 << 10)
#define PTE_PXN (1 << 53)
#define PTE_UXN (1 << 54)
#define PTE_DEVICE (PTE_BLOCK | PTE_ATTR(MAIR_ATTR_DEVICE) | PTE_AF | PTE_PXN | PTE_UXN)
#define PTE_NORMAL (PTE_BLOCK | PTE_ATTR(MAIR_ATTR_NORMAL) | PTE_SH_INNER | PTE_AF)

	.section .text.boot, "ax"

	.global _start
	.type _start, %function
_start:
	/* x0: the DTB's address, or 0 (arch_primary_c() looks at the start of RAM) */
	mov	x19, x0
	bl	el2_to_el1
	bl	cpu_setup

	/* C expects zeroed statics; the stacks are in BSS too */
	adrp	x9, __bss_start
	add	x9, x9, :lo12:__bss_start
	adrp	x10, __bss_end
	add	x10, x10, :lo12:__bss_end
1:	cmp	x9, x10
	b.hs	2f
	stp	xzr, xzr, [x9], #16
	b	1b
2:
	mov	x20, #0
	bl	set_stack
	msr	tpidr_el1, x20
	mov	x0, x19
	bl	arch_primary_c
	b	park
	.size _start, . - _start

	/* PSCI CPU_ON entry: x0 = the context id, our CPU index */
	.global arch_secondary_entry
	.type arch_secondary_entry, %function
arch_secondary_entry:
	mov	x20, x0
	bl	el2_to_el1
	bl	cpu_setup
	cmp	x20, #NR_CPUS
	b.hs	park
	bl	set_stack
	msr	tpidr_el1, x20
	bl	arch_secondary_c
	b	park
	.size arch_secondary_entry, . - arch_secondary_entry

	/* Nothing to do here: sleep for good. */
park:
	wfe
	b	park

/*
 * sp = the top of CPU x20's stack, arch_stacks + (x20 + 1) * STACK_SIZE.
 * A leaf: touches x9-x11 only.
 */
set_stack:
	adrp	x9, arch_stacks
	add	x9, x9, :lo12:arch_stacks
	mov	x10, #AARCH64_VIRT_STACK_SIZE
	madd	x11, x20, x10, x10
	add	sp, x9, x11
	ret

/*
 * At EL2: make EL1 an AArch64 EL1 with nothing trapped and the GIC system
 * registers available, then return to the caller at EL1h, interrupts
 * masked. At EL1: return. At EL3: not supported (QEMU secure=on expects
 * firmware there), park. A leaf: touches x9 only.
 */
el2_to_el1:
	mrs	x9, CurrentEL
	ubfx	x9, x9, #2, #2
	cmp	x9, #1
	b.eq	3f
	cmp	x9, #2
	b.ne	park
	mov	x9, #HCR_EL2_RW
	msr	hcr_el2, x9
	mov	x9, #CNTHCTL_EL2_EL1_TIMER
	msr	cnthctl_el2, x9
	msr	cntvoff_el2, xzr
	mov	x9, #CPTR_EL2_RES1
	msr	cptr_el2, x9
	msr	hstr_el2, xzr
	msr	vttbr_el2, xzr
	/* EL1 reads the real identity: MIDR/MPIDR through VPIDR_EL2/VMPIDR_EL2 */
	mrs	x9, midr_el1
	msr	vpidr_el2, x9
	mrs	x9, mpidr_el1
	msr	vmpidr_el2, x9
	mrs	x9, id_aa64pfr0_el1
	ubfx	x9, x9, #ID_AA64PFR0_GIC_SHIFT, #4
	cbz	x9, 4f
	mov	x9, #ICC_SRE_EL2_SRE_ENABLE
	msr	icc_sre_el2, x9
	isb
4:	ldr	x9, =SCTLR_EL1_RES1
	msr	sctlr_el1, x9
	mov	x9, #SPSR_EL1H_MASKED
	msr	spsr_el2, x9
	msr	elr_el2, x30
	eret
3:	ret

/*
 * This CPU's EL1 state: FP/SIMD on, the vectors, the identity map, MMU
 * and caches on. A leaf: touches x9-x11 only.
 */
cpu_setup:
	mov	x9, #CPACR_EL1_FPEN
	msr	cpacr_el1, x9
	adrp	x9, arch_vectors
	add	x9, x9, :lo12:arch_vectors
	msr	vbar_el1, x9

	ldr	x9, =MAIR_VALUE
	msr	mair_el1, x9
	/* IPS = PARange, at most 48 bits (52 bits needs more than this map) */
	mrs	x10, id_aa64mmfr0_el1
	and	x10, x10, #0xf
	mov	x11, #TCR_IPS_48_BITS
	cmp	x10, x11
	csel	x10, x10, x11, ls
	ldr	x9, =TCR_VALUE
	orr	x9, x9, x10, lsl #TCR_IPS_SHIFT
	msr	tcr_el1, x9
	adrp	x9, arch_page_table
	msr	ttbr0_el1, x9
	isb
	/* nothing cached from before (a TLB is not guaranteed clean at reset) */
	tlbi	vmalle1
	dsb	nsh
	isb

	mrs	x9, sctlr_el1
	ldr	x10, =(SCTLR_M | SCTLR_C | SCTLR_I)
	orr	x9, x9, x10
	bic	x9, x9, #SCTLR_A
	msr	sctlr_el1, x9
	/* the MMU is on for every instruction after this one */
	isb
	ret

	.ltorg

/*
 * The identity map, one level-1 table of 1 GiB blocks:
 *   0x00000000-0x3fffffff  Device-nGnRnE, never executed: QEMU virt's
 *                          devices (flash, GIC, UART, PCIe windows)
 *   0x40000000-0x7fffffff  Normal write-back, inner shareable: RAM (the
 *                          image, the DTB at its start; -m up to 1 GiB)
 * Everything else faults. The table is initialised data, so the walker
 * (which reads it cacheably) finds it in memory as the loader wrote it.
 */
	.section .data.page_table, "aw"
	.balign 4096
	.global arch_page_table
arch_page_table:
	.quad	0x00000000 | PTE_DEVICE
	.quad	0x40000000 | PTE_NORMAL
	.fill	510, 8, 0

/* Each CPU's stack: arch_stacks[cpu], AARCH64_VIRT_STACK_SIZE bytes, 16-byte aligned. */
	.section .bss.stacks, "aw", %nobits
	.balign 16
	.global arch_stacks
arch_stacks:
	.space	NR_CPUS * AARCH64_VIRT_STACK_SIZE
