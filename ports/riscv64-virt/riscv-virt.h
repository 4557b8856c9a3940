/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internal to the riscv64-virt port: what its assembly (start.S, trap.S)
 * and its C (arch.c, trap.c) share.
 */
#ifndef RISCV_VIRT_H
#define RISCV_VIRT_H

#include <genipi/riscv-csr.h>

/* Each CPU's stack: 32 KiB, CPU n's ends at riscv_cpu_stacks + (n + 1) * size. */
#define RISCV_STACK_SHIFT 15
#define RISCV_STACK_SIZE (1 << RISCV_STACK_SHIFT)

/* riscv_start_mailbox.hwid when no hart is being released (M-mode). */
#define RISCV_NO_HART (-1)

/*
 * The trap frame (struct riscv_trap_frame): ra, t0..t6, a0..a7 in slots
 * 0..15, then the trap's epc and status.
 */
#define RISCV_FRAME_EPC 128
#define RISCV_FRAME_STATUS 136
#define RISCV_FRAME_SIZE 144 /* a multiple of 16: the ABI's stack alignment */

#if GENIPI_RISCV_S_MODE
#define RISCV_XRET sret
#else
#define RISCV_XRET mret
/* mie.MSIE: the machine software interrupt, which wakes a parked hart */
#define RISCV_MIE_MSIE 0x8
#endif

#ifndef __ASSEMBLER__

#include <genipi/types.h>

/* Saved by riscv_trap_entry (trap.S), in the layout above. */
struct riscv_trap_frame {
	unsigned long ra;
	unsigned long t[7];
	unsigned long a[8];
	unsigned long epc;
	unsigned long status;
};

_Static_assert(offsetof(struct riscv_trap_frame, epc) == RISCV_FRAME_EPC, "trap frame layout");
_Static_assert(offsetof(struct riscv_trap_frame, status) == RISCV_FRAME_STATUS,
	       "trap frame layout");
_Static_assert(sizeof(struct riscv_trap_frame) == RISCV_FRAME_SIZE, "trap frame layout");

/*
 * M-mode release of a parked hart (arch_cpu_start() -> start.S): the boot
 * CPU writes @cpu, then @hwid; the hart whose mhartid is @hwid takes @cpu
 * and writes RISCV_NO_HART to @hwid. S-mode: the hart being started with
 * HSM hart_start, for one the firmware enters at _start (riscv_park).
 */
struct riscv_start_mailbox {
	long hwid;
	unsigned long cpu;
};

extern struct riscv_start_mailbox riscv_start_mailbox;
/* Harts the firmware entered at _start instead of their start address (S-mode). */
extern unsigned int riscv_late_starts;
extern unsigned char riscv_cpu_stacks[][RISCV_STACK_SIZE];

/* start.S: where secondaries begin, a0 = hart id, a1 = CPU index. */
void riscv_secondary_entry(unsigned long hartid, unsigned long cpu);

/* C entries called by start.S, on the CPU's stack, tp and the vector set. */
void riscv_boot_main(unsigned long hartid, const void *fdt) __attribute__((noreturn));
void riscv_secondary_main(unsigned long hartid) __attribute__((noreturn));

/* trap.c: called by riscv_trap_entry with the frame it saved. */
void riscv_trap(struct riscv_trap_frame *frame);

/* Write a string on the console without the console lock (last words). */
void riscv_console_puts_unlocked(const char *s);

#endif /* !__ASSEMBLER__ */

#endif /* RISCV_VIRT_H */
