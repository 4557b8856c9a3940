// SPDX-License-Identifier: BSD-2-Clause
/*
 * Booting a hosted machine from a device tree (<genipi/hosted-fdt.h>).
 *
 * Everything the blob says is checked before the machine boots, so the
 * common errors (a malformed blob, a bad /cpus, a broken interrupt-parent
 * graph) cost nothing to undo. What can only fail later (a device model or
 * a driver refusing its node, running out of memory) shuts the freshly
 * booted machine down, which takes every registration with it.
 */
#include "hosted-internal.h"

#include <genipi/errno.h>
#include <genipi/hosted-fdt.h>
#include <genipi/irqchip.h>

#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every HOSTED_MODEL_FDT_DECLARE() of the library, NULL-terminated (generated). */
extern const struct hosted_model_fdt_match *const hosted_model_fdt_table[];

/*
 * The models the current machine's boot created, in creation order. Written
 * by the booting thread; read by the shutdown, which hosted_machine_lock
 * serialises with a boot.
 */
static const struct hosted_model_fdt_match *hosted_fdt_models[HOSTED_FDT_MAX_MODELS];
static unsigned int hosted_fdt_nr_models;

/* "PATH: message" into @err (or the log); just the message for @offset < 0. */
static int __attribute__((format(printf, 6, 7)))
hosted_fdt_report(char *err, size_t errlen, const void *fdt, int offset, int ret, const char *fmt,
		  ...)
{
	char path[256], msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (offset >= 0 && fdt_get_path(fdt, offset, path, sizeof(path)) < 0)
		snprintf(path, sizeof(path), "<node at offset %d>", offset);
	if (!err) {
		if (offset >= 0)
			genipi_log("hosted: %s: %s\n", path, msg);
		else
			genipi_log("hosted: %s\n", msg);
	} else if (errlen) {
		if (offset >= 0)
			snprintf(err, errlen, "%s: %s", path, msg);
		else
			snprintf(err, errlen, "%s", msg);
	}
	return ret;
}

void hosted_fdt_models_remove(void)
{
	while (hosted_fdt_nr_models) {
		const struct hosted_model_fdt_match *m = hosted_fdt_models[--hosted_fdt_nr_models];

		hosted_fdt_models[hosted_fdt_nr_models] = NULL;
		if (m->remove)
			m->remove();
	}
}

/* The model of node @offset: its compatible strings in order, then the table's. */
static const struct hosted_model_fdt_match *hosted_fdt_model_of(const void *fdt, int offset)
{
	int nr = fdt_stringlist_count(fdt, offset, "compatible");

	for (int i = 0; i < nr; i++) {
		const char *compat = fdt_stringlist_get(fdt, offset, "compatible", i, NULL);

		if (!compat)
			return NULL;
		for (const struct hosted_model_fdt_match *const *m = hosted_model_fdt_table; *m;
		     m++)
			if (!strcmp((*m)->compatible, compat))
				return *m;
	}
	return NULL;
}

/* Is node @offset enabled ("status" absent, "okay" or "ok")? */
static bool hosted_fdt_node_enabled(const void *fdt, int offset)
{
	const char *status = fdt_getprop(fdt, offset, "status", NULL);

	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

/* Create the device model of every enabled node that has one, in node order. */
static int hosted_fdt_models_init(const void *fdt, char *err, size_t errlen)
{
	int node, depth = 0, ret;

	for (node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		const struct hosted_model_fdt_match *m = hosted_fdt_model_of(fdt, node);

		if (!m || !hosted_fdt_node_enabled(fdt, node))
			continue;
		if (hosted_fdt_nr_models == HOSTED_FDT_MAX_MODELS)
			return hosted_fdt_report(err, errlen, fdt, node, -ENOSPC,
						 "more than %d device models",
						 HOSTED_FDT_MAX_MODELS);
		ret = m->init(fdt, node);
		if (ret)
			return hosted_fdt_report(err, errlen, fdt, node, ret,
						 "the \"%s\" device model failed (%d)",
						 m->compatible, ret);
		hosted_fdt_models[hosted_fdt_nr_models++] = m;
	}
	return 0;
}

/* On each CPU: what the drivers left to do there. */
static void hosted_fdt_cpu_starting(void *arg)
{
	_Atomic int *failed = arg;
	int ret = irqchip_fdt_cpu_starting();

	if (ret)
		atomic_store_explicit(failed, ret, memory_order_relaxed);
}

/* Hardware ids the port can take: below HOSTED_MAX_HWID, remotes' not a CPU's. */
static int hosted_fdt_check_hwids(const unsigned long *hwids, unsigned int nr_cpus,
				  const struct fdt_remote *remotes, unsigned int nr_remotes,
				  char *err, size_t errlen)
{
	for (unsigned int cpu = 0; cpu < nr_cpus; cpu++)
		if (hwids[cpu] >= HOSTED_MAX_HWID)
			return hosted_fdt_report(err, errlen, NULL, -1, -EINVAL,
						 "/cpus: CPU %u has hardware id %lu; the hosted "
						 "port takes ids below %d",
						 cpu, hwids[cpu], HOSTED_MAX_HWID);
	for (unsigned int r = 0; r < nr_remotes; r++) {
		if (remotes[r].hwid >= HOSTED_MAX_HWID)
			return hosted_fdt_report(err, errlen, NULL, -1, -EINVAL,
						 "remote processor %s has hardware id %lu; the "
						 "hosted port takes ids below %d",
						 remotes[r].name, remotes[r].hwid, HOSTED_MAX_HWID);
		for (unsigned int cpu = 0; cpu < nr_cpus; cpu++)
			if (remotes[r].hwid == hwids[cpu])
				return hosted_fdt_report(err, errlen, NULL, -1, -EINVAL,
							 "remote processor %s has hardware id "
							 "%lu, CPU %u's",
							 remotes[r].name, remotes[r].hwid, cpu);
	}
	return 0;
}

/* The machine is booted; put the rest of the blob on it. */
static int hosted_fdt_populate(const void *fdt, const struct fdt_remote *remotes,
			       unsigned int nr_remotes, char *err, size_t errlen)
{
	_Atomic int failed = 0;
	int ret;

	for (unsigned int r = 0; r < nr_remotes; r++) {
		ret = hosted_remote_add(remotes[r].name, remotes[r].hwid);
		if (ret < 0)
			return hosted_fdt_report(err, errlen, NULL, -1, ret,
						 "remote processor %s: cannot add it (%d)",
						 remotes[r].name, ret);
	}
	ret = hosted_fdt_models_init(fdt, err, errlen);
	if (ret)
		return ret;
	ret = irqchip_fdt_probe(fdt, err, errlen);
	if (ret < 0)
		return ret;
	/* as each CPU does when it comes up */
	ret = hosted_run_on_cpus(cpu_possible_mask, hosted_fdt_cpu_starting, &failed);
	if (!ret)
		ret = atomic_load_explicit(&failed, memory_order_relaxed);
	if (ret)
		return hosted_fdt_report(err, errlen, NULL, -1, ret,
					 "a driver's per-CPU start failed (%d)", ret);
	return 0;
}

int hosted_machine_boot_fdt(const void *fdt, const struct hosted_machine_config *cfg, char *err,
			    size_t errlen)
{
	struct hosted_machine_config machine;
	struct fdt_remote *remotes = NULL;
	unsigned long *hwids = NULL;
	int nr_cpus, nr_remotes, ret;

	if (!fdt || !cfg)
		return hosted_fdt_report(err, errlen, NULL, -1, -EINVAL,
					 "no device tree or no configuration");
	if (hosted_machine_booted())
		return hosted_fdt_report(err, errlen, NULL, -1, -EBUSY,
					 "a machine is booted already");
	hwids = calloc(NR_CPUS, sizeof(*hwids));
	remotes = calloc(NR_TARGETS, sizeof(*remotes));
	if (!hwids || !remotes) {
		ret = hosted_fdt_report(err, errlen, NULL, -1, -ENOMEM, "out of memory");
		goto out_free;
	}

	/* everything the blob says, checked before anything is built */
	nr_cpus = fdt_cpus_parse(fdt, hwids, NR_CPUS, err, errlen);
	if (nr_cpus < 0) {
		ret = nr_cpus;
		goto out_free;
	}
	if (cfg->nr_cpus > (unsigned int)nr_cpus) {
		ret = hosted_fdt_report(err, errlen, NULL, -1, -EINVAL,
					"/cpus: %u CPUs asked for, the device tree has %d",
					cfg->nr_cpus, nr_cpus);
		goto out_free;
	}
	if (cfg->nr_cpus)
		nr_cpus = (int)cfg->nr_cpus;
	nr_remotes = fdt_remotes_parse(fdt, remotes, NR_TARGETS - (unsigned int)nr_cpus, err,
				       errlen);
	if (nr_remotes < 0) {
		ret = nr_remotes;
		goto out_free;
	}
	ret = hosted_fdt_check_hwids(hwids, (unsigned int)nr_cpus, remotes,
				     (unsigned int)nr_remotes, err, errlen);
	if (ret)
		goto out_free;
	ret = irqchip_fdt_check(fdt, err, errlen);
	if (ret < 0)
		goto out_free;

	machine = *cfg;
	machine.nr_cpus = (unsigned int)nr_cpus;
	machine.bare = true;
	machine.hwids = hwids;
	ret = hosted_machine_boot(&machine);
	if (ret) {
		hosted_fdt_report(err, errlen, NULL, -1, ret, "cannot boot the machine (%d)", ret);
		goto out_free;
	}
	ret = hosted_fdt_populate(fdt, remotes, (unsigned int)nr_remotes, err, errlen);
	if (ret)
		hosted_machine_shutdown();

out_free:
	free(remotes);
	free(hwids);
	return ret;
}
