// SPDX-License-Identifier: BSD-2-Clause
/*
 * The boot flow shared by the bare-metal ports (see <genipi/baremetal.h>):
 * CPUs from the DTB, the interrupt core and controllers, the application's
 * per-CPU steps, the secondaries, the application, the verdict line.
 */
#include <genipi/baremetal.h>
#include <genipi/cpumask.h>
#include <genipi/errno.h>
#include <genipi/irqchip.h>
#include <genipi/percpu.h>
#include <genipi/port.h>

#include <libfdt.h>
#include <stdatomic.h>
#include <string.h>

/* Relax iterations a CPU gets to come up (QEMU under TCG can be slow). */
#define BAREMETAL_CPU_START_SPINS 50000000UL

static unsigned long cpu_hwids[NR_CPUS];
static unsigned int nr_cpus;
/* Set by a CPU once it is online; read by the boot CPU waiting for it. */
static _Atomic bool cpu_up[NR_CPUS];
/* The last bring-up stage each CPU passed (reported if it does not come up). */
static _Atomic unsigned int cpu_stage[NR_CPUS];

void baremetal_cpu_mark(unsigned int cpu, enum baremetal_cpu_stage stage)
{
	if (cpu < NR_CPUS)
		atomic_store_explicit(&cpu_stage[cpu], stage, memory_order_relaxed);
}

unsigned long baremetal_cpu_hwid(unsigned int cpu)
{
	return cpu < nr_cpus ? cpu_hwids[cpu] : ~0UL;
}

static void __attribute__((noreturn)) baremetal_verdict(int failures, const char *what)
{
	if (failures)
		baremetal_printf("genipi: FAIL (%s: %d)\n", what, failures);
	else
		baremetal_printf("genipi: PASS\n");
	arch_exit(failures ? 1 : 0);
}

static bool cpu_node_enabled(const void *fdt, int node)
{
	const char *status = fdt_getprop(fdt, node, "status", NULL);
	const char *type = fdt_getprop(fdt, node, "device_type", NULL);

	if (!type || strcmp(type, "cpu"))
		return false;
	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

/* The "reg" of a CPU node: its hardware id (one or two cells). */
static int cpu_node_hwid(const void *fdt, int node, int cells, unsigned long *hwid)
{
	const fdt32_t *reg;
	int len;

	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || cells < 1 || cells > 2 || len < 4 * cells)
		return -EINVAL;
	*hwid = fdt32_ld(&reg[0]);
	if (cells == 2)
		*hwid = (*hwid << 32) | fdt32_ld(&reg[1]);
	return 0;
}

/*
 * Fill cpu_hwids[] from the enabled /cpus/cpu nodes, in node order, except
 * that the boot CPU comes first: it is CPU 0, as in Linux.
 */
static int baremetal_find_cpus(const void *fdt, unsigned long boot_hwid)
{
	int cpus, node, cells;
	bool boot_seen = false;

	cpus = fdt_path_offset(fdt, "/cpus");
	if (cpus < 0)
		return -ENODEV;
	cells = fdt_address_cells(fdt, cpus);
	nr_cpus = 1;
	cpu_hwids[0] = boot_hwid;
	fdt_for_each_subnode(node, fdt, cpus) {
		unsigned long hwid;

		if (!cpu_node_enabled(fdt, node))
			continue;
		if (cpu_node_hwid(fdt, node, cells, &hwid)) {
			baremetal_printf("genipi: %s: no usable \"reg\"\n",
					 fdt_get_name(fdt, node, NULL));
			return -EINVAL;
		}
		if (hwid == boot_hwid) {
			boot_seen = true;
			continue;
		}
		if (nr_cpus == NR_CPUS) {
			baremetal_printf("genipi: more CPUs than NR_CPUS (%d): the rest stay off\n",
					 NR_CPUS);
			break;
		}
		cpu_hwids[nr_cpus++] = hwid;
	}
	return boot_seen ? 0 : -ENODEV;
}

/* The steps each CPU takes as it comes up, boot CPU included. */
static int baremetal_cpu_starting(unsigned int cpu)
{
	int ret = irqchip_fdt_cpu_starting();

	baremetal_cpu_mark(cpu, BAREMETAL_CPU_DRIVERS_DONE);
	if (ret) {
		baremetal_printf("genipi: CPU %u: a driver's starting step: %d\n", cpu, ret);
		return ret;
	}
	ret = baremetal_app.cpu_starting ? baremetal_app.cpu_starting(cpu) : 0;
	baremetal_cpu_mark(cpu, BAREMETAL_CPU_APP_DONE);
	if (ret) {
		baremetal_printf("genipi: CPU %u: %s's starting step: %d\n", cpu,
				 baremetal_app.name, ret);
		return ret;
	}
	set_cpu_online(cpu, true);
	/* release: what this CPU set up before it is seen up (the boot CPU's acquire) */
	atomic_store_explicit(&cpu_up[cpu], true, memory_order_release);
	return 0;
}

/* Sleep until an interrupt comes, take it, again: what an idle CPU does. */
static void __attribute__((noreturn)) baremetal_idle(void)
{
	for (;;) {
		/*
		 * Masked around the wait: an interrupt that arrives between
		 * the unmask and the wfi would otherwise be taken before the
		 * wfi, which then sleeps with nothing left to wake it.
		 */
		arch_irq_disable();
		arch_wait_for_interrupt();
		arch_irq_enable();
	}
}

void baremetal_secondary(void)
{
	unsigned int cpu = smp_processor_id();

	if (baremetal_cpu_starting(cpu)) {
		/* the boot CPU sees it never came up */
		for (;;)
			arch_wait_for_interrupt();
	}
	baremetal_idle();
}

static int baremetal_start_secondaries(void)
{
	for (unsigned int cpu = 1; cpu < nr_cpus; cpu++) {
		unsigned long spins = 0;
		int ret = arch_cpu_start(cpu, cpu_hwids[cpu]);

		if (ret) {
			baremetal_printf("genipi: CPU %u (hwid %#lx) cannot start: %d\n", cpu,
					 cpu_hwids[cpu], ret);
			return ret;
		}
		/* acquire: pairs with the release in baremetal_cpu_starting() */
		while (!atomic_load_explicit(&cpu_up[cpu], memory_order_acquire)) {
			if (++spins == BAREMETAL_CPU_START_SPINS) {
				baremetal_printf("genipi: CPU %u (hwid %#lx) did not come up "
						 "(last stage passed: %u)\n",
						 cpu, cpu_hwids[cpu],
						 atomic_load_explicit(&cpu_stage[cpu],
								      memory_order_relaxed));
				arch_cpu_report(cpu, cpu_hwids[cpu]);
				return -ETIMEDOUT;
			}
			arch_cpu_relax();
		}
	}
	return 0;
}

void baremetal_boot(unsigned long boot_hwid, const void *fdt)
{
	int ret;

	baremetal_printf("genipi: %s, boot CPU hwid %#lx, DTB at %p\n", baremetal_app.name,
			 boot_hwid, fdt);
	if (!fdt || fdt_check_header(fdt)) {
		baremetal_printf("genipi: no valid DTB\n");
		baremetal_verdict(1, "boot");
	}
	ret = baremetal_find_cpus(fdt, boot_hwid);
	if (ret) {
		baremetal_printf("genipi: /cpus: %d\n", ret);
		baremetal_verdict(1, "boot");
	}
	baremetal_printf("genipi: %u CPUs\n", nr_cpus);

	ret = irq_core_init(nr_cpus, cpu_hwids);
	if (!ret)
		ret = arch_irq_init(fdt);
	if (ret) {
		baremetal_printf("genipi: interrupt controllers: %d\n", ret);
		baremetal_verdict(1, "boot");
	}
	ret = baremetal_app.setup ? baremetal_app.setup(fdt) : 0;
	if (ret) {
		baremetal_printf("genipi: %s setup: %d\n", baremetal_app.name, ret);
		baremetal_verdict(1, "setup");
	}
	if (baremetal_cpu_starting(0) || baremetal_start_secondaries())
		baremetal_verdict(1, "CPU bring-up");

	arch_irq_enable();
	ret = baremetal_app.main();
	arch_irq_disable();
	baremetal_verdict(ret, baremetal_app.name);
}
