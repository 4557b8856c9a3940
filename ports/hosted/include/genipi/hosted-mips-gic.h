/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The MIPS Global Interrupt Controller as a hosted device model: the subset
 * of registers a driver needs for shared interrupts and IPIs, at their real
 * offsets (Linux arch/mips/include/asm/mips-gic.h, QEMU
 * include/hw/intc/mips_gic.h; 32-bit Coherence Manager layout). Its driver
 * is drivers/irqchip/irq-mips-gic.c, which reaches it only through
 * readl()/writel().
 *
 * Shared section (offsets from the base):
 *
 *   SH_CONFIG  0x0000 RO  NUMINTERRUPTS (23:16) = shared interrupts / 8 - 1,
 *                         PVPS (6:0) = VPs - 1
 *   POL        0x0100 RW  bit per interrupt: active high / rising edge
 *   TRIG       0x0180 RW  bit per interrupt: edge (1) or level (0)
 *   DUAL       0x0200 RW  bit per interrupt: both edges
 *   WEDGE      0x0280 WO  bits 7:0 an interrupt; bit 31 set: make it
 *                         pending; clear: clear its edge (a level
 *                         interrupt whose input is active stays pending)
 *   RMASK      0x0300 WO  write 1: mask (disable) that interrupt
 *   SMASK      0x0380 WO  write 1: unmask (enable) that interrupt
 *   MASK       0x0400 RO  bit per interrupt: enabled
 *   PEND       0x0480 RO  bit per interrupt: pending
 *   MAP_PIN(i) 0x0500 + 4i    RW  MAP_TO_PIN (31), MAP_TO_NMI (30), pin (5:0)
 *   MAP_VP(i)  0x2000 + 0x20i RW  VP bitmap, VP v is bit v % 32 of word v / 32
 *
 * Bit-per-interrupt registers hold interrupt i in bit i % 32 of the word
 * at offset + 4 * (i / 32). VP-local section at 0x8000 (the accessing
 * processor's own registers) and VP-other section at 0xc000 (those of the
 * VP its VX_OTHER names): CTL 0x000 RW, PEND 0x004 RO (always 0: no local
 * interrupt source is modelled), MASK 0x008 RO, RMASK 0x00c WO, SMASK
 * 0x010 WO, OTHER 0x080 RW, IDENT 0x088 RO (the accessing VP's number).
 * Anything else reads 0 and ignores writes.
 *
 * Delivery: VP v is the machine's processor with hardware id v (a CPU or a
 * remote processor). A shared interrupt that is pending and unmasked,
 * mapped to a pin (MAP_TO_PIN, not NMI, pin <= 5) and to a VP, raises that
 * processor's input line HOSTED_MIPS_GIC_LINE(pin) = 2 + pin, the MIPS CPU
 * interrupt the pin drives (Cause.IP2 for pin 0). It does so at each event
 * that can make it so: WEDGE set, SMASK, MAP_PIN/MAP_VP writes, an input
 * going active. The VP's pin is a level on hardware; the hosted line is a
 * latch the CPU clears when it takes it, so the model raises it again at
 * each event and never lowers it: a CPU may take the line and find nothing
 * left to do, as with a level sampled late. A VP bitmap naming several VPs
 * delivers to the lowest.
 *
 * PEND and MASK are global: which VP an interrupt belongs to is MAP_VP.
 *
 * The model is not part of hosted_machine_boot(): hosted_mips_gic_attach()
 * puts it on the bus (the device-tree boot does it for an "mti,gic" node).
 * It runs no thread, so nothing needs detaching: shutdown empties the bus
 * and the next attach resets the model.
 */
#ifndef GENIPI_HOSTED_MIPS_GIC_H
#define GENIPI_HOSTED_MIPS_GIC_H

#include <genipi/types.h>

GENIPI_BEGIN_DECLS

/* Where QEMU's boston board puts its GIC, and the size of its register space. */
#define HOSTED_MIPS_GIC_BASE 0x16120000UL
#define HOSTED_MIPS_GIC_SIZE 0x20000UL

#define HOSTED_MIPS_GIC_MAX_INTRS 256U
/* VPs the model can route to: hardware ids 0 .. 63. */
#define HOSTED_MIPS_GIC_MAX_VPS 64U

/* ---- register map (offsets from the base) -------------------------------- */

#define HOSTED_MIPS_GIC_SH_CONFIG 0x0000UL
#define HOSTED_MIPS_GIC_SH_POL(intr) (0x0100UL + 4UL * ((intr) / 32U))
#define HOSTED_MIPS_GIC_SH_TRIG(intr) (0x0180UL + 4UL * ((intr) / 32U))
#define HOSTED_MIPS_GIC_SH_DUAL(intr) (0x0200UL + 4UL * ((intr) / 32U))
#define HOSTED_MIPS_GIC_SH_WEDGE 0x0280UL
#define HOSTED_MIPS_GIC_WEDGE_SET 0x80000000U
#define HOSTED_MIPS_GIC_SH_RMASK(intr) (0x0300UL + 4UL * ((intr) / 32U))
#define HOSTED_MIPS_GIC_SH_SMASK(intr) (0x0380UL + 4UL * ((intr) / 32U))
#define HOSTED_MIPS_GIC_SH_MASK(intr) (0x0400UL + 4UL * ((intr) / 32U))
#define HOSTED_MIPS_GIC_SH_PEND(intr) (0x0480UL + 4UL * ((intr) / 32U))
#define HOSTED_MIPS_GIC_SH_MAP_PIN(intr) (0x0500UL + 4UL * (intr))
#define HOSTED_MIPS_GIC_MAP_TO_PIN 0x80000000U
#define HOSTED_MIPS_GIC_MAP_TO_NMI 0x40000000U
#define HOSTED_MIPS_GIC_MAP_PIN_MASK 0x3fU
#define HOSTED_MIPS_GIC_SH_MAP_VP(intr, vp) (0x2000UL + 0x20UL * (intr) + 4UL * ((vp) / 32U))

#define HOSTED_MIPS_GIC_LOCAL_OFS 0x8000UL
#define HOSTED_MIPS_GIC_OTHER_OFS 0xc000UL
#define HOSTED_MIPS_GIC_VX_CTL 0x000UL
#define HOSTED_MIPS_GIC_VX_PEND 0x004UL
#define HOSTED_MIPS_GIC_VX_MASK 0x008UL
#define HOSTED_MIPS_GIC_VX_RMASK 0x00cUL
#define HOSTED_MIPS_GIC_VX_SMASK 0x010UL
#define HOSTED_MIPS_GIC_VX_OTHER 0x080UL
#define HOSTED_MIPS_GIC_VX_IDENT 0x088UL

/* The processor input line GIC pin @pin drives (MIPS CPU interrupt pin + 2). */
#define HOSTED_MIPS_GIC_LINE(pin) (2U + (pin))
#define HOSTED_MIPS_GIC_MAX_PIN 5U

/* ---- attaching ----------------------------------------------------------- */

/**
 * struct hosted_mips_gic_config - the model's hardware configuration
 * @base:      where it sits on the bus (0: HOSTED_MIPS_GIC_BASE); it claims
 *             HOSTED_MIPS_GIC_SIZE bytes
 * @nr_shared: shared interrupts, a multiple of 8 up to
 *             HOSTED_MIPS_GIC_MAX_INTRS (0: 256, as QEMU's boston)
 * @nr_vps:    VPs, 1 .. HOSTED_MIPS_GIC_MAX_VPS (what SH_CONFIG reports;
 *             MAP_VP bits past it are ignored)
 */
struct hosted_mips_gic_config {
	uintptr_t base;
	unsigned int nr_shared;
	unsigned int nr_vps;
};

/**
 * hosted_mips_gic_attach - reset the model and put it on the MMIO bus
 * @cfg: its configuration
 *
 * One GIC per machine: attaching again forgets the previous one's state.
 * Returns 0, -EINVAL for a NULL or bad @cfg or a bus range that is taken,
 * -ENOSPC when the bus is full.
 */
int hosted_mips_gic_attach(const struct hosted_mips_gic_config *cfg);

/**
 * hosted_mips_gic_set_input - drive a shared interrupt's input wire
 * @intr:   the shared interrupt
 * @active: the wire's level (true: high)
 *
 * What a device wired to the GIC does. A level-triggered interrupt is
 * pending while its input is at its active level (POL); an edge-triggered
 * one becomes pending on its active edge (both with DUAL). Returns 0 or
 * -EINVAL (not attached, @intr out of range).
 */
int hosted_mips_gic_set_input(unsigned int intr, bool active);

/* ---- inspection for tests ------------------------------------------------ */

/**
 * hosted_mips_gic_writes - register writes since the last attach
 * @offset: a register offset (4-byte aligned, below HOSTED_MIPS_GIC_SIZE),
 *          or ~0UL for the total over all registers
 *
 * Returns the count, 0 for a bad @offset.
 */
unsigned long hosted_mips_gic_writes(unsigned long offset);

/* The last value written at @offset since the last attach (0 if none or bad). */
uint32_t hosted_mips_gic_last_write(unsigned long offset);

/* The last value written to WEDGE since the last attach (0 if none). */
uint32_t hosted_mips_gic_last_wedge(void);

/**
 * hosted_mips_gic_raises - how many times the model raised a line of VP @vp
 * since the last attach (0 for a bad @vp)
 */
unsigned long hosted_mips_gic_raises(unsigned int vp);

/**
 * hosted_mips_gic_dropped - deliveries the model could not make since the
 * last attach: a pending, unmasked interrupt mapped to no pin, to NMI or a
 * pin past 5, to no VP or to a VP with no processor, and WEDGE writes
 * naming an interrupt past the shared range
 */
unsigned long hosted_mips_gic_dropped(void);

GENIPI_END_DECLS

#endif /* GENIPI_HOSTED_MIPS_GIC_H */
