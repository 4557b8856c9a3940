// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device-tree glue of the MIPS GIC model: an "mti,gic" node puts a GIC of
 * 256 shared interrupts (as QEMU's boston has) at its "reg" address, with
 * one VP per hardware id up to the highest of the machine's processors
 * (CPUs and remote processors), at most HOSTED_MIPS_GIC_MAX_VPS.
 */
#include "../hosted-internal.h"

#include <genipi/cpumask.h>
#include <genipi/errno.h>
#include <genipi/hosted-fdt.h>
#include <genipi/hosted-mips-gic.h>
#include <genipi/irqchip.h>

static int mips_gic_model_fdt_init(const void *fdt, int offset)
{
	struct hosted_mips_gic_config cfg = { .nr_shared = HOSTED_MIPS_GIC_MAX_INTRS };
	uint64_t addr, size;
	int ret;

	ret = irqchip_fdt_reg_at(fdt, offset, 0, &addr, &size);
	if (ret || !addr || size < HOSTED_MIPS_GIC_SIZE || addr > UINTPTR_MAX - size) {
		genipi_log("mips-gic model: reg must be %#lx bytes at a non-zero address\n",
			   HOSTED_MIPS_GIC_SIZE);
		return -EINVAL;
	}
	cfg.base = (uintptr_t)addr;
	/* the machine's processors exist already: VP v is the one with hwid v */
	for (unsigned int t = 0; t < nr_target_ids; t++) {
		unsigned long hwid = target_hwid(t);

		if (hwid < HOSTED_MIPS_GIC_MAX_VPS && hwid >= cfg.nr_vps)
			cfg.nr_vps = (unsigned int)hwid + 1;
	}
	if (!cfg.nr_vps) {
		genipi_log("mips-gic model: no processor has a hardware id below %u\n",
			   HOSTED_MIPS_GIC_MAX_VPS);
		return -EINVAL;
	}
	ret = hosted_mips_gic_attach(&cfg);
	if (ret)
		genipi_log("mips-gic model: cannot attach at %#lx (%d)\n", (unsigned long)addr,
			   ret);
	return ret;
}

HOSTED_MODEL_FDT_DECLARE(mips_gic, "mti,gic", mips_gic_model_fdt_init, NULL);
