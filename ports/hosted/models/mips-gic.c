// SPDX-License-Identifier: BSD-2-Clause
/*
 * The MIPS GIC device model (register map and behaviour in
 * <genipi/hosted-mips-gic.h>). It sits on the hosted MMIO bus and drives
 * processors' input lines with hosted_proc_raise().
 *
 * Register accesses run on the accessing thread, concurrently with others;
 * the state is atomics, one word per register word.
 *
 * Ordering. An interrupt is delivered when it is pending and unmasked: a
 * WEDGE set makes it pending and then looks at the mask, an SMASK unmasks
 * it and then looks at the pending bit. Both the RMWs and the loads are
 * seq_cst, so two such racing accesses cannot both miss the other's RMW:
 * at least one of them raises the line. The raise is a release RMW of the
 * processor's pending lines (hosted_proc_raise()) that the CPU claims with
 * an acquire RMW, so the handler sees what the sender wrote before its
 * writel() of WEDGE. The ack, a WEDGE clear of the same interrupt, is a
 * seq_cst RMW of the pending word too: a send whose set came before the
 * ack in that word's order is visible to the handler that runs after it.
 */
#include "../hosted-internal.h"

#include <genipi/errno.h>
#include <genipi/hosted-mips-gic.h>
#include <genipi/hosted-mmio.h>

#include <string.h>

#define GIC_MODEL_WORDS (HOSTED_MIPS_GIC_MAX_INTRS / 32U)
#define GIC_MODEL_VP_WORDS (HOSTED_MIPS_GIC_MAX_VPS / 32U)
#define GIC_MODEL_NR_REGS (HOSTED_MIPS_GIC_SIZE / 4U)
#define GIC_MODEL_NR_LOCAL_INTRS 7U
#define GIC_MODEL_LOCAL_BITS ((1U << GIC_MODEL_NR_LOCAL_INTRS) - 1U)
#define GIC_MODEL_NO_VP (~0U)

/* Registers of one VP's local section. */
struct gic_model_vp {
	_Atomic uint32_t ctl;
	_Atomic uint32_t local_mask;
	_Atomic uint32_t other;
	_Atomic unsigned long raises;
};

static struct {
	/* configuration: written by attach while no thread accesses the model */
	uintptr_t base;
	unsigned int nr_shared;
	unsigned int nr_words;
	unsigned int nr_vps;
	bool attached;

	/* the shared section */
	_Atomic uint32_t pol[GIC_MODEL_WORDS];
	_Atomic uint32_t trig[GIC_MODEL_WORDS];
	_Atomic uint32_t dual[GIC_MODEL_WORDS];
	_Atomic uint32_t mask[GIC_MODEL_WORDS];
	_Atomic uint32_t pend[GIC_MODEL_WORDS];
	_Atomic uint32_t input[GIC_MODEL_WORDS];
	_Atomic uint32_t map_pin[HOSTED_MIPS_GIC_MAX_INTRS];
	_Atomic uint32_t map_vp[HOSTED_MIPS_GIC_MAX_INTRS][GIC_MODEL_VP_WORDS];

	/* the VP-local sections */
	struct gic_model_vp vp[HOSTED_MIPS_GIC_MAX_VPS];

	/* inspection, relaxed */
	_Atomic unsigned long dropped;
	_Atomic unsigned long total_writes;
	_Atomic unsigned long writes[GIC_MODEL_NR_REGS];
	_Atomic uint32_t last[GIC_MODEL_NR_REGS];
} gic_model;

static uint32_t gic_model_bit(unsigned int intr)
{
	return 1U << (intr % 32U);
}

/* The bits of word @w that name existing interrupts. */
static uint32_t gic_model_valid(unsigned int w)
{
	unsigned int left = gic_model.nr_shared - 32U * w;

	return left >= 32U ? ~0U : (1U << left) - 1U;
}

static void gic_model_drop(void)
{
	atomic_fetch_add_explicit(&gic_model.dropped, 1, memory_order_relaxed);
}

/* The lowest VP of @intr's VP bitmap, GIC_MODEL_NO_VP if none. */
static unsigned int gic_model_vp_of(unsigned int intr)
{
	for (unsigned int w = 0; w < GIC_MODEL_VP_WORDS; w++) {
		uint32_t vps = atomic_load_explicit(&gic_model.map_vp[intr][w],
						    memory_order_seq_cst);

		if (vps)
			return 32U * w + (unsigned int)__builtin_ctz(vps);
	}
	return GIC_MODEL_NO_VP;
}

/*
 * Raise the pin of @intr's VP if @intr is pending and unmasked. Called
 * after every change that can make it so (see the top of the file).
 */
static void gic_model_deliver(unsigned int intr)
{
	unsigned int w = intr / 32U, vp, pin;
	uint32_t bit = gic_model_bit(intr), map;
	struct hosted_proc *p;

	if (!(atomic_load_explicit(&gic_model.pend[w], memory_order_seq_cst) &
	      atomic_load_explicit(&gic_model.mask[w], memory_order_seq_cst) & bit))
		return;
	map = atomic_load_explicit(&gic_model.map_pin[intr], memory_order_seq_cst);
	pin = map & HOSTED_MIPS_GIC_MAP_PIN_MASK;
	vp = gic_model_vp_of(intr);
	if (!(map & HOSTED_MIPS_GIC_MAP_TO_PIN) || (map & HOSTED_MIPS_GIC_MAP_TO_NMI) ||
	    pin > HOSTED_MIPS_GIC_MAX_PIN || vp >= gic_model.nr_vps) {
		gic_model_drop();
		return;
	}
	p = hosted_proc_of_hwid(vp);
	if (!p) {
		gic_model_drop();
		return;
	}
	atomic_fetch_add_explicit(&gic_model.vp[vp].raises, 1, memory_order_relaxed);
	/* release, via hosted_proc_raise(): the sender's writes reach the handler */
	hosted_proc_raise(p, HOSTED_MIPS_GIC_LINE(pin));
}

/* Is @intr's input at its active level? */
static bool gic_model_input_active(unsigned int intr)
{
	unsigned int w = intr / 32U;
	uint32_t bit = gic_model_bit(intr);
	bool high = atomic_load_explicit(&gic_model.input[w], memory_order_seq_cst) & bit;
	bool pol = atomic_load_explicit(&gic_model.pol[w], memory_order_relaxed) & bit;

	return high == pol;
}

static bool gic_model_is_level(unsigned int intr)
{
	return !(atomic_load_explicit(&gic_model.trig[intr / 32U], memory_order_relaxed) &
		 gic_model_bit(intr));
}

static void gic_model_set_pending(unsigned int intr)
{
	atomic_fetch_or_explicit(&gic_model.pend[intr / 32U], gic_model_bit(intr),
				 memory_order_seq_cst);
	gic_model_deliver(intr);
}

static void gic_model_wedge(uint32_t val)
{
	unsigned int intr = val & 0xffU;

	if (intr >= gic_model.nr_shared) {
		gic_model_drop();
		return;
	}
	if (val & HOSTED_MIPS_GIC_WEDGE_SET) {
		gic_model_set_pending(intr);
		return;
	}
	/* clear the edge; a level input still active keeps it pending */
	if (gic_model_is_level(intr) && gic_model_input_active(intr))
		return;
	atomic_fetch_and_explicit(&gic_model.pend[intr / 32U], ~gic_model_bit(intr),
				  memory_order_seq_cst);
}

/* SMASK word @w: unmask, then deliver what was pending behind the mask. */
static void gic_model_smask(unsigned int w, uint32_t val)
{
	uint32_t was = atomic_fetch_or_explicit(&gic_model.mask[w], val, memory_order_seq_cst);

	for (uint32_t bits = val & ~was; bits; bits &= bits - 1)
		gic_model_deliver(32U * w + (unsigned int)__builtin_ctz(bits));
}

/* ---- the VP-local and VP-other sections ---------------------------------- */

/* The accessing processor's VP, GIC_MODEL_NO_VP for other threads. */
static unsigned int gic_model_this_vp(void)
{
	struct hosted_proc *p = hosted_this_proc;

	if (!p || p->hwid >= gic_model.nr_vps)
		return GIC_MODEL_NO_VP;
	return (unsigned int)p->hwid;
}

/*
 * The VP a local-section access at @offset is for, and the register offset
 * within the section; GIC_MODEL_NO_VP outside both sections or for no VP.
 */
static unsigned int gic_model_local_vp(uintptr_t offset, uintptr_t *reg)
{
	unsigned int vp = gic_model_this_vp();

	if (offset >= HOSTED_MIPS_GIC_LOCAL_OFS && offset < HOSTED_MIPS_GIC_OTHER_OFS) {
		*reg = offset - HOSTED_MIPS_GIC_LOCAL_OFS;
		return vp;
	}
	if (offset >= HOSTED_MIPS_GIC_OTHER_OFS && offset < HOSTED_MIPS_GIC_OTHER_OFS + 0x4000U) {
		*reg = offset - HOSTED_MIPS_GIC_OTHER_OFS;
		if (vp == GIC_MODEL_NO_VP)
			return vp;
		vp = atomic_load_explicit(&gic_model.vp[vp].other, memory_order_relaxed);
		return vp < gic_model.nr_vps ? vp : GIC_MODEL_NO_VP;
	}
	return GIC_MODEL_NO_VP;
}

static void gic_model_local_write(uintptr_t offset, uint32_t val)
{
	uintptr_t reg;
	unsigned int vp = gic_model_local_vp(offset, &reg);
	struct gic_model_vp *v;

	if (vp == GIC_MODEL_NO_VP)
		return;
	v = &gic_model.vp[vp];
	switch (reg) {
	case HOSTED_MIPS_GIC_VX_CTL:
		atomic_store_explicit(&v->ctl, val & 0x1fU, memory_order_relaxed);
		break;
	case HOSTED_MIPS_GIC_VX_RMASK:
		atomic_fetch_and_explicit(&v->local_mask, ~(val & GIC_MODEL_LOCAL_BITS),
					  memory_order_relaxed);
		break;
	case HOSTED_MIPS_GIC_VX_SMASK:
		atomic_fetch_or_explicit(&v->local_mask, val & GIC_MODEL_LOCAL_BITS,
					 memory_order_relaxed);
		break;
	case HOSTED_MIPS_GIC_VX_OTHER:
		atomic_store_explicit(&v->other, val & 0x3fU, memory_order_relaxed);
		break;
	default:
		break; /* read-only or not modelled */
	}
}

static uint32_t gic_model_local_read(uintptr_t offset)
{
	uintptr_t reg;
	unsigned int vp = gic_model_local_vp(offset, &reg);
	struct gic_model_vp *v;

	if (vp == GIC_MODEL_NO_VP)
		return 0;
	v = &gic_model.vp[vp];
	switch (reg) {
	case HOSTED_MIPS_GIC_VX_CTL:
		return atomic_load_explicit(&v->ctl, memory_order_relaxed);
	case HOSTED_MIPS_GIC_VX_MASK:
		return atomic_load_explicit(&v->local_mask, memory_order_relaxed);
	case HOSTED_MIPS_GIC_VX_OTHER:
		return atomic_load_explicit(&v->other, memory_order_relaxed);
	case HOSTED_MIPS_GIC_VX_IDENT:
		return vp;
	default:
		return 0; /* VX_PEND: no local interrupt source is modelled */
	}
}

/* ---- the bus callbacks --------------------------------------------------- */

/*
 * The word index of a bit-per-interrupt register at @offset in the
 * 0x80-byte block starting at @reg, or -1.
 */
static int gic_model_word(uintptr_t offset, uintptr_t reg)
{
	if (offset < reg || offset >= reg + 4U * gic_model.nr_words)
		return -1;
	return (int)((offset - reg) / 4U);
}

/* A MAP_PIN or MAP_VP register: its interrupt (and VP word); false if neither. */
static bool gic_model_map_reg(uintptr_t offset, unsigned int *intr, unsigned int *vp_word,
			      bool *is_vp)
{
	if (offset >= HOSTED_MIPS_GIC_SH_MAP_PIN(0) &&
	    offset < HOSTED_MIPS_GIC_SH_MAP_PIN(gic_model.nr_shared)) {
		*intr = (unsigned int)((offset - HOSTED_MIPS_GIC_SH_MAP_PIN(0)) / 4U);
		*is_vp = false;
		return true;
	}
	if (offset >= HOSTED_MIPS_GIC_SH_MAP_VP(0, 0) &&
	    offset < HOSTED_MIPS_GIC_SH_MAP_VP(gic_model.nr_shared, 0)) {
		*intr = (unsigned int)((offset - HOSTED_MIPS_GIC_SH_MAP_VP(0, 0)) / 0x20U);
		*vp_word = (unsigned int)((offset - HOSTED_MIPS_GIC_SH_MAP_VP(*intr, 0)) / 4U);
		*is_vp = true;
		return true;
	}
	return false;
}

static void gic_model_map_write(uintptr_t offset, uint32_t val)
{
	unsigned int intr, vp_word = 0;
	bool is_vp;

	if (!gic_model_map_reg(offset, &intr, &vp_word, &is_vp))
		return;
	if (!is_vp) {
		atomic_store_explicit(&gic_model.map_pin[intr],
				      val & (HOSTED_MIPS_GIC_MAP_TO_PIN |
					     HOSTED_MIPS_GIC_MAP_TO_NMI |
					     HOSTED_MIPS_GIC_MAP_PIN_MASK),
				      memory_order_seq_cst);
	} else if (vp_word < GIC_MODEL_VP_WORDS) {
		unsigned int left = gic_model.nr_vps - 32U * vp_word;

		if (gic_model.nr_vps <= 32U * vp_word)
			val = 0;
		else if (left < 32U)
			val &= (1U << left) - 1U;
		atomic_store_explicit(&gic_model.map_vp[intr][vp_word], val, memory_order_seq_cst);
	} else {
		return; /* VPs past the model's: ignored */
	}
	/* a re-routed pending interrupt goes to its new VP or pin */
	gic_model_deliver(intr);
}

static uint32_t gic_model_map_read(uintptr_t offset)
{
	unsigned int intr, vp_word = 0;
	bool is_vp;

	if (!gic_model_map_reg(offset, &intr, &vp_word, &is_vp))
		return 0;
	if (!is_vp)
		return atomic_load_explicit(&gic_model.map_pin[intr], memory_order_relaxed);
	if (vp_word >= GIC_MODEL_VP_WORDS)
		return 0;
	return atomic_load_explicit(&gic_model.map_vp[intr][vp_word], memory_order_relaxed);
}

static void gic_model_record(uintptr_t offset, uint32_t val)
{
	atomic_fetch_add_explicit(&gic_model.total_writes, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&gic_model.writes[offset / 4U], 1, memory_order_relaxed);
	atomic_store_explicit(&gic_model.last[offset / 4U], val, memory_order_relaxed);
}

static void gic_model_write32(void *opaque, uintptr_t offset, uint32_t val)
{
	int w;

	(void)opaque;
	gic_model_record(offset, val);
	if (offset == HOSTED_MIPS_GIC_SH_WEDGE) {
		gic_model_wedge(val);
	} else if ((w = gic_model_word(offset, HOSTED_MIPS_GIC_SH_POL(0))) >= 0) {
		atomic_store_explicit(&gic_model.pol[w], val & gic_model_valid((unsigned int)w),
				      memory_order_relaxed);
	} else if ((w = gic_model_word(offset, HOSTED_MIPS_GIC_SH_TRIG(0))) >= 0) {
		atomic_store_explicit(&gic_model.trig[w], val & gic_model_valid((unsigned int)w),
				      memory_order_relaxed);
	} else if ((w = gic_model_word(offset, HOSTED_MIPS_GIC_SH_DUAL(0))) >= 0) {
		atomic_store_explicit(&gic_model.dual[w], val & gic_model_valid((unsigned int)w),
				      memory_order_relaxed);
	} else if ((w = gic_model_word(offset, HOSTED_MIPS_GIC_SH_RMASK(0))) >= 0) {
		atomic_fetch_and_explicit(&gic_model.mask[w], ~val, memory_order_seq_cst);
	} else if ((w = gic_model_word(offset, HOSTED_MIPS_GIC_SH_SMASK(0))) >= 0) {
		gic_model_smask((unsigned int)w, val & gic_model_valid((unsigned int)w));
	} else if (offset >= HOSTED_MIPS_GIC_LOCAL_OFS) {
		gic_model_local_write(offset, val);
	} else {
		gic_model_map_write(offset, val); /* or read-only / not modelled: ignored */
	}
}

static uint32_t gic_model_read32(void *opaque, uintptr_t offset)
{
	int w;

	(void)opaque;
	if (offset == HOSTED_MIPS_GIC_SH_CONFIG)
		return ((gic_model.nr_shared / 8U - 1U) << 16) | (gic_model.nr_vps - 1U);
	if ((w = gic_model_word(offset, HOSTED_MIPS_GIC_SH_POL(0))) >= 0)
		return atomic_load_explicit(&gic_model.pol[w], memory_order_relaxed);
	if ((w = gic_model_word(offset, HOSTED_MIPS_GIC_SH_TRIG(0))) >= 0)
		return atomic_load_explicit(&gic_model.trig[w], memory_order_relaxed);
	if ((w = gic_model_word(offset, HOSTED_MIPS_GIC_SH_DUAL(0))) >= 0)
		return atomic_load_explicit(&gic_model.dual[w], memory_order_relaxed);
	if ((w = gic_model_word(offset, HOSTED_MIPS_GIC_SH_MASK(0))) >= 0)
		return atomic_load_explicit(&gic_model.mask[w], memory_order_seq_cst);
	if ((w = gic_model_word(offset, HOSTED_MIPS_GIC_SH_PEND(0))) >= 0)
		/* acquire: a handler reading PEND sees what the sender wrote */
		return atomic_load_explicit(&gic_model.pend[w], memory_order_seq_cst);
	if (offset >= HOSTED_MIPS_GIC_LOCAL_OFS)
		return gic_model_local_read(offset);
	return gic_model_map_read(offset); /* WEDGE, RMASK, SMASK and the rest read 0 */
}

static const struct hosted_mmio_ops gic_model_ops = {
	.read32 = gic_model_read32,
	.write32 = gic_model_write32,
};

/* ---- attaching, inputs and inspection ------------------------------------ */

int hosted_mips_gic_attach(const struct hosted_mips_gic_config *cfg)
{
	unsigned int nr_shared;
	uintptr_t base;
	int ret;

	if (!cfg)
		return -EINVAL;
	nr_shared = cfg->nr_shared ? cfg->nr_shared : HOSTED_MIPS_GIC_MAX_INTRS;
	base = cfg->base ? cfg->base : HOSTED_MIPS_GIC_BASE;
	if (nr_shared % 8U || nr_shared > HOSTED_MIPS_GIC_MAX_INTRS || !cfg->nr_vps ||
	    cfg->nr_vps > HOSTED_MIPS_GIC_MAX_VPS)
		return -EINVAL;

	/* no thread accesses the model: the previous machine is gone */
	memset(&gic_model, 0, sizeof(gic_model));
	gic_model.base = base;
	gic_model.nr_shared = nr_shared;
	gic_model.nr_words = (nr_shared + 31U) / 32U;
	gic_model.nr_vps = cfg->nr_vps;
	ret = hosted_mmio_register(base, HOSTED_MIPS_GIC_SIZE, &gic_model_ops, NULL);
	if (ret)
		return ret;
	gic_model.attached = true;
	return 0;
}

int hosted_mips_gic_set_input(unsigned int intr, bool active)
{
	unsigned int w = intr / 32U;
	uint32_t bit = gic_model_bit(intr), was;
	bool pol, level, dual, edge;

	if (!gic_model.attached || intr >= gic_model.nr_shared)
		return -EINVAL;
	pol = atomic_load_explicit(&gic_model.pol[w], memory_order_relaxed) & bit;
	if (active)
		was = atomic_fetch_or_explicit(&gic_model.input[w], bit, memory_order_seq_cst);
	else
		was = atomic_fetch_and_explicit(&gic_model.input[w], ~bit, memory_order_seq_cst);
	level = gic_model_is_level(intr);
	dual = atomic_load_explicit(&gic_model.dual[w], memory_order_relaxed) & bit;
	if (level) {
		if (active == pol)
			gic_model_set_pending(intr);
		else
			atomic_fetch_and_explicit(&gic_model.pend[w], ~bit, memory_order_seq_cst);
		return 0;
	}
	/* edge: a change of the wire towards its active level, or any with DUAL */
	edge = !!(was & bit) != active && (dual || active == pol);
	if (edge)
		gic_model_set_pending(intr);
	return 0;
}

unsigned long hosted_mips_gic_writes(unsigned long offset)
{
	if (offset == ~0UL)
		return atomic_load_explicit(&gic_model.total_writes, memory_order_relaxed);
	if ((offset & 3U) || offset >= HOSTED_MIPS_GIC_SIZE)
		return 0;
	return atomic_load_explicit(&gic_model.writes[offset / 4U], memory_order_relaxed);
}

uint32_t hosted_mips_gic_last_write(unsigned long offset)
{
	if ((offset & 3U) || offset >= HOSTED_MIPS_GIC_SIZE)
		return 0;
	return atomic_load_explicit(&gic_model.last[offset / 4U], memory_order_relaxed);
}

uint32_t hosted_mips_gic_last_wedge(void)
{
	return hosted_mips_gic_last_write(HOSTED_MIPS_GIC_SH_WEDGE);
}

unsigned long hosted_mips_gic_raises(unsigned int vp)
{
	if (vp >= HOSTED_MIPS_GIC_MAX_VPS)
		return 0;
	return atomic_load_explicit(&gic_model.vp[vp].raises, memory_order_relaxed);
}

unsigned long hosted_mips_gic_dropped(void)
{
	return atomic_load_explicit(&gic_model.dropped, memory_order_relaxed);
}
