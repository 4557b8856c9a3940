// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device-tree glue of the CLINT / ACLINT MSWI device model (clint.c): a
 * hosted machine booted from a device tree gets the model for a node
 * compatible with "riscv,clint0", "sifive,clint0" or "riscv,aclint-mswi".
 *
 * The model sits at HOSTED_CLINT_BASE, QEMU virt's address, only: the node's
 * "reg" must start there. A CLINT's region is larger than the MSIP block
 * (QEMU virt: 0x10000, with the timer registers after 0x4000); the model
 * claims the MSIP block, so a "reg" of any size from 4 bytes on is taken.
 */
#include "../hosted-internal.h"

#include <genipi/errno.h>
#include <genipi/hosted-clint.h>
#include <genipi/hosted-fdt.h>
#include <genipi/irqchip.h>

#include <libfdt.h>

static int clint_model_fdt_init(const void *fdt, int offset)
{
	uint64_t base, size;
	int ret;

	if (irqchip_fdt_reg_at(fdt, offset, 0, &base, &size) || size < 4) {
		genipi_log("hosted: CLINT model: %s: no valid \"reg\"\n",
			   fdt_get_name(fdt, offset, NULL));
		return -EINVAL;
	}
	if (base != HOSTED_CLINT_BASE) {
		genipi_log("hosted: CLINT model: %s: at 0x%llx, but the model sits at 0x%lx only\n",
			   fdt_get_name(fdt, offset, NULL), (unsigned long long)base,
			   HOSTED_CLINT_BASE);
		return -EINVAL;
	}
	ret = hosted_clint_attach();
	if (ret)
		genipi_log("hosted: CLINT model: %s: cannot attach it (%d)\n",
			   fdt_get_name(fdt, offset, NULL), ret);
	return ret;
}

HOSTED_MODEL_FDT_DECLARE(riscv_clint0, "riscv,clint0", clint_model_fdt_init, hosted_clint_detach);
HOSTED_MODEL_FDT_DECLARE(sifive_clint0, "sifive,clint0", clint_model_fdt_init, hosted_clint_detach);
HOSTED_MODEL_FDT_DECLARE(riscv_aclint_mswi, "riscv,aclint-mswi", clint_model_fdt_init,
			 hosted_clint_detach);
