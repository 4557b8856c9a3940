// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device-tree glue of the Kalray Coolidge IPI controller model: a
 * "kalray,coolidge-ipi-ctrl" or "kalray,kvx-ipi-ctrl" node puts the model
 * (kvx-ipi-ctrl.c) on the MMIO bus at the node's "reg". The driver's glue
 * reads the rest of the node (drivers/irqchip/irq-kvx-ipi-ctrl-fdt.c).
 */
#include "../hosted-internal.h"

#include <genipi/errno.h>
#include <genipi/hosted-fdt.h>
#include <genipi/hosted-kvx-ipi-ctrl.h>
#include <genipi/irqchip.h>

#include <libfdt.h>

static int kvx_ipi_ctrl_model_fdt_init(const void *fdt, int offset)
{
	uint64_t addr, size;
	int ret;

	if (irqchip_fdt_reg_at(fdt, offset, 0, &addr, &size) || addr > UINTPTR_MAX - size) {
		genipi_log("kvx-ipi-ctrl model: %s: no usable \"reg\"\n",
			   fdt_get_name(fdt, offset, NULL));
		return -EINVAL;
	}
	if (size < HOSTED_KVX_IPI_CTRL_REGS_SIZE) {
		genipi_log("kvx-ipi-ctrl model: %s: \"reg\" is smaller than the register sets "
			   "(%#lx bytes)\n",
			   fdt_get_name(fdt, offset, NULL), HOSTED_KVX_IPI_CTRL_REGS_SIZE);
		return -EINVAL;
	}
	ret = hosted_kvx_ipi_ctrl_attach((uintptr_t)addr, (size_t)size);
	if (ret == -EBUSY)
		genipi_log("kvx-ipi-ctrl model: %s: a second IPI controller; a cluster has one\n",
			   fdt_get_name(fdt, offset, NULL));
	else if (ret)
		genipi_log("kvx-ipi-ctrl model: %s: cannot attach at %#llx (+%#llx): %d\n",
			   fdt_get_name(fdt, offset, NULL), (unsigned long long)addr,
			   (unsigned long long)size, ret);
	return ret;
}

HOSTED_MODEL_FDT_DECLARE(kvx_coolidge_ipi_ctrl, "kalray,coolidge-ipi-ctrl",
			 kvx_ipi_ctrl_model_fdt_init, hosted_kvx_ipi_ctrl_detach);
HOSTED_MODEL_FDT_DECLARE(kvx_ipi_ctrl, "kalray,kvx-ipi-ctrl", kvx_ipi_ctrl_model_fdt_init,
			 hosted_kvx_ipi_ctrl_detach);
