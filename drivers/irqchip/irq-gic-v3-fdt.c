// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device-tree glue of the Arm GICv3: turns an "arm,gic-v3" node into a
 * call of gic_v3_init() and has every CPU run gic_v3_starting_cpu(). The
 * binding is documented in <genipi/irqchip/arm-gic-v3.h>; in short: reg[0]
 * is the distributor, reg[1 .. n] the n = #redistributor-regions
 * redistributor regions, with an optional redistributor-stride.
 */
#include <genipi/genipi.h>
#include <genipi/io.h>
#include <genipi/irqchip.h>
#include <genipi/irqchip/arm-gic-v3.h>

#include <libfdt.h>
#include <string.h>

#define GIC_V3_COMPATIBLE "arm,gic-v3"

/* "status" absent, "okay" or "ok": the node describes present hardware. */
static bool gic_v3_fdt_enabled(const void *fdt, int offset)
{
	const char *status = fdt_getprop(fdt, offset, "status", NULL);

	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

/* The first enabled GICv3 node, in blob order, or a negative libfdt error. */
static int gic_v3_fdt_first(const void *fdt)
{
	int offset = fdt_node_offset_by_compatible(fdt, -1, GIC_V3_COMPATIBLE);

	while (offset >= 0 && !gic_v3_fdt_enabled(fdt, offset))
		offset = fdt_node_offset_by_compatible(fdt, offset, GIC_V3_COMPATIBLE);
	return offset;
}

/* A one-cell property, or @def if it is absent; -EINVAL if it is malformed. */
static int gic_v3_fdt_u32(const struct irqchip_fdt_node *node, const char *name, uint32_t def,
			  uint32_t *val)
{
	int len;
	const fdt32_t *prop = fdt_getprop(node->fdt, node->offset, name, &len);

	if (!prop) {
		*val = def;
		return 0;
	}
	if (len != (int)sizeof(*prop))
		return irqchip_fdt_err(node, -EINVAL, "%s must be one cell", name);
	*val = fdt32_ld(prop);
	return 0;
}

/* reg[@index] mapped, at least @min bytes. */
static int gic_v3_fdt_map(const struct irqchip_fdt_node *node, unsigned int index, uint64_t min,
			  void __iomem **base, uint64_t *size)
{
	uint64_t addr;

	if (irqchip_fdt_get_reg(node, index, &addr, size) || *size < min ||
	    addr > UINTPTR_MAX - *size || *size > SIZE_MAX)
		return irqchip_fdt_err(node, -EINVAL, "reg[%u] must span at least %#llx bytes",
				       index, (unsigned long long)min);
	*base = ioremap((uintptr_t)addr, (size_t)*size);
	if (!*base)
		return irqchip_fdt_err(node, -ENOMEM, "cannot map reg[%u]", index);
	return 0;
}

static int gic_v3_fdt_init(const struct irqchip_fdt_node *node)
{
	struct gic_v3_rdist_region regions[GIC_V3_MAX_RDIST_REGIONS];
	uint32_t nr_regions, stride;
	void __iomem *dist;
	unsigned int mapped = 0;
	uint64_t size;
	int ret;

	/* the driver drives one GIC: a CPU has one CPU interface */
	if (gic_v3_fdt_first(node->fdt) != node->offset)
		return irqchip_fdt_err(node, -EBUSY, "a second GICv3: the driver drives one");
	ret = gic_v3_fdt_u32(node, "#redistributor-regions", 1, &nr_regions);
	if (ret)
		return ret;
	if (!nr_regions || nr_regions > GIC_V3_MAX_RDIST_REGIONS)
		return irqchip_fdt_err(node, -EINVAL, "#redistributor-regions must be 1-%d",
				       GIC_V3_MAX_RDIST_REGIONS);
	ret = gic_v3_fdt_u32(node, "redistributor-stride", 0, &stride);
	if (ret)
		return ret;
	if (stride && (stride < GIC_V3_RDIST_STRIDE || stride % GIC_V3_RDIST_FRAME))
		return irqchip_fdt_err(node, -EINVAL,
				       "redistributor-stride %#x is not a multiple of 64 KiB of at "
				       "least two frames",
				       stride);

	ret = gic_v3_fdt_map(node, 0, GIC_V3_DIST_SIZE, &dist, &size);
	if (ret)
		return ret;
	for (; mapped < nr_regions; mapped++) {
		ret = gic_v3_fdt_map(node, 1 + mapped, GIC_V3_RDIST_STRIDE, &regions[mapped].base,
				     &size);
		if (ret)
			goto err_unmap;
		regions[mapped].size = (size_t)size;
		regions[mapped].stride = stride;
	}

	ret = gic_v3_init(dist, regions, nr_regions, node->fwnode);
	if (ret) {
		irqchip_fdt_err(node, ret,
				ret == -ENODEV ?
					"not a GICv3, or a CPU without redistributor (%d)" :
					"cannot bring the GIC up (%d)",
				ret);
		goto err_unmap;
	}
	/* the GIC is up: an error here fails the probe, which ends the boot */
	ret = irqchip_fdt_add_cpu_starting(gic_v3_starting_cpu);
	if (ret)
		return irqchip_fdt_err(node, ret, "cannot register the per-CPU step (%d)", ret);
	return 0;

err_unmap:
	while (mapped--)
		iounmap(regions[mapped].base);
	iounmap(dist);
	return ret;
}

IRQCHIP_FDT_DECLARE(arm_gic_v3, GIC_V3_COMPATIBLE, gic_v3_fdt_init, IRQCHIP_FDT_NEEDS_REG);
