/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Booting a hosted machine from a device tree: the CPUs of /cpus, the
 * remote processors ("genipi,remote-processor" nodes), a device model for
 * each node that has one, and the interrupt controllers' drivers
 * (irqchip_fdt_probe(), <genipi/irqchip.h>).
 *
 * Device models declare the compatible strings they model with
 * HOSTED_MODEL_FDT_DECLARE(), as drivers do with IRQCHIP_FDT_DECLARE(); the
 * build lists the declarations in a generated table.
 */
#ifndef GENIPI_HOSTED_FDT_H
#define GENIPI_HOSTED_FDT_H

#include <genipi/hosted.h>
#include <genipi/types.h>

GENIPI_BEGIN_DECLS

/**
 * struct hosted_model_fdt_match - a device model for a compatible string
 * @compatible: the string
 * @init:       put a model of node @offset on the machine (typically: read
 *              its "reg" with irqchip_fdt_reg_at() and register that range
 *              on the MMIO bus). Called after the machine booted, before
 *              the drivers are probed, from the booting thread. Returns 0
 *              or a negative errno (details through the log).
 * @remove:     undo @init, or NULL; called by hosted_machine_shutdown()
 *              before the machine's threads stop (e.g. to stop the model's
 *              own threads). The bus is emptied afterwards anyway.
 */
struct hosted_model_fdt_match {
	const char *compatible;
	int (*init)(const void *fdt, int offset);
	void (*remove)(void);
};

/*
 * Declare that @init_fn models nodes compatible with @compat (@remove_fn
 * undoes it, or NULL). At the start of a line of a file compiled into the
 * library: the build finds it (cmake/irqchip-table.cmake). @name must be
 * unique among the models.
 */
#define HOSTED_MODEL_FDT_DECLARE(name, compat, init_fn, remove_fn)                                 \
	__attribute__((visibility("hidden")))                                                      \
	const struct hosted_model_fdt_match hosted_model_fdt_match_##name = {                      \
		.compatible = (compat),                                                            \
		.init = (init_fn),                                                                 \
		.remove = (remove_fn),                                                             \
	}

/* Device models one boot can create. */
#define HOSTED_FDT_MAX_MODELS 16

/**
 * hosted_machine_boot_fdt - boot a machine described by a device tree
 * @fdt:    the blob; it must stay valid until hosted_machine_shutdown()
 *          for the <genipi/irqchip.h> lookups, which take this pointer
 * @cfg:    delivery, spin_iterations and no_pin as for hosted_machine_boot();
 *          nr_cpus: 0 boots every CPU of /cpus, n boots the first n of them
 *          (more than the DT has is an error); bare and hwids are ignored
 *          (the machine is bare, the hwids are the CPUs' "reg")
 * @err:    where to put a one-line message, naming the node at fault when
 *          there is one (may be NULL)
 * @errlen: its size
 *
 * Checks the whole blob first (fdt_cpus_parse(), fdt_remotes_parse(),
 * irqchip_fdt_check()); then boots a bare machine of those CPUs, adds the
 * remote processors, creates the device model of every enabled node that
 * has one (its compatible strings tried in order), probes the drivers
 * (irqchip_fdt_probe()) and runs irqchip_fdt_cpu_starting() on each CPU.
 * A DT without a CPU-local interrupt controller node boots a machine that
 * takes no interrupt.
 *
 * Returns 0, or a negative errno with @err filled in: -EINVAL for a NULL
 * argument, a malformed blob, more CPUs asked for than it has, hardware
 * ids the port cannot take (HOSTED_MAX_HWID, a remote processor's equal to
 * a CPU's); -EBUSY if a machine is booted; -ENOMEM; or the error of a
 * device model's or a driver's init. On error no machine is left booted
 * and nothing stays registered or allocated.
 */
int hosted_machine_boot_fdt(const void *fdt, const struct hosted_machine_config *cfg, char *err,
			    size_t errlen);

GENIPI_END_DECLS

#endif /* GENIPI_HOSTED_FDT_H */
