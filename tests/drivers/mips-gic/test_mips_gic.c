// SPDX-License-Identifier: BSD-2-Clause
/*
 * The MIPS GIC driver on its hosted device model, booted from
 * examples/mips-gic.dts: 4 CPUs, the GIC at QEMU boston's address with
 * IPI vectors 56-63 (mti,reserved-ipi-vectors = <56 8>), its pin 0 on each
 * CPU's interrupt 2, and one remote processor (VP 4).
 *
 * Every test checks one behaviour, in a process of its own: the registers
 * each operation writes, where IPIs land, masking, running out of vectors
 * or memory, bad reservations, a remote target, a wired shared interrupt,
 * no lost IPI under concurrent sends, and the binding (variants of the
 * example edited with libfdt: default vectors, fewer CPUs, malformed
 * nodes that must fail the boot and leave nothing behind).
 */
#include "test-machine.h"

#include <genipi/hosted-fdt.h>
#include <genipi/hosted-mips-gic.h>
#include <genipi/io.h>
#include <genipi/irqchip.h>
#include <genipi/irqchip/mips-gic.h>
#include <genipi/port.h>

#include <libfdt.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What examples/mips-gic.dts describes. */
#define GIC_NR_CPUS 4
#define GIC_IPI_BASE 56U /* mti,reserved-ipi-vectors = <56 8> */
#define GIC_IPI_COUNT 8U
#define GIC_PIN 0U /* interrupts-extended = <&cpuN_intc 2>: pin 0 */

/* ---- the machine ---------------------------------------------------------- */

/* The compiled examples/mips-gic.dts, loaded once per process. */
static void *gic_dtb;

static void *gic_load_dtb(void)
{
	FILE *f = fopen(GIC_DTB_PATH, "rb");
	long size;
	void *blob;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	blob = size > 0 ? malloc((size_t)size) : NULL;
	if (blob && fread(blob, 1, (size_t)size, f) != (size_t)size) {
		free(blob);
		blob = NULL;
	}
	fclose(f);
	return blob;
}

/* The blob the machine was booted from: the example, or a variant of it. */
static void *gic_booted_dtb;

/* Boot @blob; @err gets the boot's message. */
static int gic_machine_boot_blob(void *blob, char *err, size_t errlen)
{
	struct hosted_machine_config cfg = { .delivery = HOSTED_DELIVERY_SLEEP };
	int ret;

	test_log_install();
	err[0] = '\0';
	ret = hosted_machine_boot_fdt(blob, &cfg, err, errlen);
	if (!ret)
		gic_booted_dtb = blob;
	test_log_reset();
	return ret;
}

static int gic_machine_boot(void)
{
	char err[256];
	int ret;

	if (!gic_dtb)
		gic_dtb = gic_load_dtb();
	if (!gic_dtb) {
		print_error("cannot read %s\n", GIC_DTB_PATH);
		return -1;
	}
	ret = gic_machine_boot_blob(gic_dtb, err, sizeof(err));
	if (ret)
		print_error("hosted_machine_boot_fdt: %d: %s\n", ret, err);
	return ret;
}

/* The GIC's IPI domain, found as a user of the device tree finds it. */
static struct irq_domain *gic_ipi_domain(void)
{
	int gic = fdt_node_offset_by_compatible(gic_booted_dtb, -1, "mti,gic");

	return irqchip_fdt_domain(gic_booted_dtb, gic, DOMAIN_BUS_IPI);
}

/*
 * A copy of the example edited by @edit(blob, offset of the GIC node), for
 * the binding's variants. NULL if the example cannot be read or edited.
 */
static void *gic_variant(int (*edit)(void *blob, int gic))
{
	size_t size;
	void *blob;

	if (!gic_dtb)
		gic_dtb = gic_load_dtb();
	if (!gic_dtb)
		return NULL;
	size = fdt_totalsize(gic_dtb) + 1024;
	blob = malloc(size);
	if (!blob || fdt_open_into(gic_dtb, blob, (int)size) ||
	    edit(blob, fdt_node_offset_by_compatible(blob, -1, "mti,gic"))) {
		free(blob);
		return NULL;
	}
	return blob;
}

/* interrupts-extended = <&cpuN_intc line[N]>, one entry per line given. */
static int gic_set_parents(void *blob, int gic, const uint32_t *lines, unsigned int nr)
{
	fdt32_t cells[2 * GIC_NR_CPUS];
	char path[64];

	for (unsigned int cpu = 0; cpu < nr && cpu < GIC_NR_CPUS; cpu++) {
		snprintf(path, sizeof(path), "/cpus/cpu@%u/interrupt-controller", cpu);
		cells[2 * cpu] = cpu_to_fdt32(fdt_get_phandle(blob, fdt_path_offset(blob, path)));
		cells[2 * cpu + 1] = cpu_to_fdt32(lines[cpu]);
	}
	return fdt_setprop(blob, gic, "interrupts-extended", cells,
			   (int)(2 * nr * sizeof(cells[0])));
}

/* ---- handlers and reservations ------------------------------------------ */

/* Handler runs per virq and CPU. */
static _Atomic unsigned long gic_hits[NR_IRQS][NR_CPUS];

static irqreturn_t gic_test_handler(int irq, void *dev_id)
{
	unsigned int cpu = smp_processor_id();

	(void)dev_id;
	if (irq > 0 && (unsigned int)irq < NR_IRQS && cpu < NR_CPUS)
		atomic_fetch_add(&gic_hits[irq][cpu], 1);
	return IRQ_HANDLED;
}

static unsigned long gic_hits_of(unsigned int virq, unsigned int cpu)
{
	return atomic_load(&gic_hits[virq][cpu]);
}

/* All hits of @virq, on any CPU. */
static unsigned long gic_hits_total(unsigned int virq)
{
	unsigned long n = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		n += gic_hits_of(virq, cpu);
	return n;
}

static void gic_noop(void *arg)
{
	(void)arg;
}

/*
 * Let @cpu take what is latched on it: a CPU thread takes pending
 * interrupts in its idle loop before it runs work, and a send raises the
 * line before ipi_send_*() returns.
 */
static void gic_flush(unsigned int cpu)
{
	test_on_cpu(cpu, gic_noop, NULL);
}

static void gic_flush_all(void)
{
	for (unsigned int cpu = 0; cpu < GIC_NR_CPUS; cpu++)
		gic_flush(cpu);
}

static void gic_enable_here(void *arg)
{
	enable_percpu_irq(*(unsigned int *)arg, IRQ_TYPE_NONE);
}

static void gic_disable_here(void *arg)
{
	disable_percpu_irq(*(unsigned int *)arg);
}

/*
 * A reservation the teardown releases: its handlers are requested and
 * enabled on the CPUs in @enabled.
 */
struct gic_resv {
	int virq;
	unsigned int offset;
	struct cpumask dest;
	struct cpumask requested;
	struct cpumask enabled;
};

#define GIC_MAX_RESV 16
static struct gic_resv gic_resv[GIC_MAX_RESV];
static unsigned int gic_nr_resv;
static int *gic_dev_id;

static struct cpumask gic_mask_of(const unsigned int *targets, unsigned int nr)
{
	struct cpumask mask;

	cpumask_clear(&mask);
	for (unsigned int i = 0; i < nr; i++)
		cpumask_set_cpu(targets[i], &mask);
	return mask;
}

#define GIC_MASK(...)                                                                              \
	gic_mask_of((const unsigned int[]){ __VA_ARGS__ },                                         \
		    sizeof((const unsigned int[]){ __VA_ARGS__ }) / sizeof(unsigned int))

/* irq_reserve_ipi() on the GIC, remembered for the teardown when it succeeds. */
static int gic_reserve(struct cpumask dest, struct gic_resv **out)
{
	int virq = irq_reserve_ipi(gic_ipi_domain(), &dest);

	if (virq > 0) {
		struct gic_resv *r = &gic_resv[gic_nr_resv++];

		assert_true(gic_nr_resv <= GIC_MAX_RESV);
		r->virq = virq;
		r->offset = cpumask_first(&dest);
		r->dest = dest;
		cpumask_clear(&r->requested);
		cpumask_clear(&r->enabled);
		if (out)
			*out = r;
	}
	return virq;
}

static unsigned int gic_virq(const struct gic_resv *r, unsigned int target)
{
	return (unsigned int)r->virq + target - r->offset;
}

/* Request the handler for every CPU target of @r and enable it on that CPU. */
static void gic_request_and_enable(struct gic_resv *r)
{
	unsigned int t;

	for_each_cpu(t, &r->dest) {
		unsigned int virq = gic_virq(r, t);

		if (t >= nr_cpu_ids)
			continue;
		assert_int_equal(request_percpu_irq(virq, gic_test_handler, "gic-test", gic_dev_id),
				 0);
		cpumask_set_cpu(t, &r->requested);
		test_on_cpu(t, gic_enable_here, &virq);
		cpumask_set_cpu(t, &r->enabled);
	}
}

static void gic_disable_on(struct gic_resv *r, unsigned int target)
{
	unsigned int virq = gic_virq(r, target);

	test_on_cpu(target, gic_disable_here, &virq);
	cpumask_clear_cpu(target, &r->enabled);
}

static void gic_enable_on(struct gic_resv *r, unsigned int target)
{
	unsigned int virq = gic_virq(r, target);

	test_on_cpu(target, gic_enable_here, &virq);
	cpumask_set_cpu(target, &r->enabled);
}

/* Release @r entirely (what is left of it). */
static void gic_release(struct gic_resv *r)
{
	unsigned int t;

	if (r->virq <= 0)
		return;
	for_each_cpu(t, &r->enabled)
		gic_disable_on(r, t);
	for_each_cpu(t, &r->requested)
		free_percpu_irq(gic_virq(r, t), gic_dev_id);
	cpumask_clear(&r->requested);
	if (!cpumask_empty(&r->dest))
		assert_int_equal(irq_destroy_ipi(gic_virq(r, cpumask_first(&r->dest)), &r->dest),
				 0);
	r->virq = 0;
}

static int gic_setup(void **state)
{
	(void)state;
	memset(gic_hits, 0, sizeof(gic_hits));
	gic_nr_resv = 0;
	if (gic_machine_boot())
		return -1;
	gic_dev_id = alloc_percpu(int);
	return gic_dev_id ? 0 : -1;
}

static int gic_teardown(void **state)
{
	for (unsigned int i = 0; i < gic_nr_resv; i++)
		gic_release(&gic_resv[i]);
	free_percpu(gic_dev_id);
	gic_dev_id = NULL;
	return test_machine_teardown(state);
}

#define gic_test(f) cmocka_unit_test_setup_teardown(f, gic_setup, gic_teardown)

/* ---- model access --------------------------------------------------------- */

static uint32_t gic_reg(unsigned long offset)
{
	return readl((char *)ioremap(HOSTED_MIPS_GIC_BASE, HOSTED_MIPS_GIC_SIZE) + offset);
}

static bool gic_pending(unsigned int intr)
{
	return gic_reg(HOSTED_MIPS_GIC_SH_PEND(intr)) & (1U << (intr % 32));
}

static bool gic_enabled(unsigned int intr)
{
	return gic_reg(HOSTED_MIPS_GIC_SH_MASK(intr)) & (1U << (intr % 32));
}

static unsigned long gic_wedge_writes(void)
{
	return hosted_mips_gic_writes(HOSTED_MIPS_GIC_SH_WEDGE);
}

/* ---- reservation ---------------------------------------------------------- */

static void reserve_cpus_1_2_3_gives_consecutive_virqs_at_offset_1(void **state)
{
	struct gic_resv *r = NULL;
	int virq;

	(void)state;
	virq = gic_reserve(GIC_MASK(1, 2, 3), &r);
	assert_true(virq > 0);
	for (unsigned int i = 0; i < 3; i++) {
		struct irq_data *d = irq_get_irq_data((unsigned int)virq + i);

		assert_non_null(d);
		assert_int_equal(d->common->ipi_offset, 1);
		assert_int_equal(d->common->ipi_base, virq);
	}
	assert_null(irq_to_desc((unsigned int)virq + 3));
	assert_no_warning();
}

static void reserve_maps_each_target_to_a_reserved_vector_routed_to_its_vp(void **state)
{
	struct gic_resv *r = NULL;
	irq_hw_number_t seen[4] = { 0 };
	int virq;

	(void)state;
	virq = gic_reserve(GIC_MASK(1, 2, 3), &r);
	assert_true(virq > 0);
	assert_int_equal(ipi_get_hwirq((unsigned int)virq, 0), INVALID_HWIRQ);
	for (unsigned int t = 1; t <= 3; t++) {
		irq_hw_number_t hwirq = ipi_get_hwirq((unsigned int)virq, t);

		/* the lowest free vectors of mti,reserved-ipi-vectors = <56 8>, in target order */
		assert_int_equal(hwirq, GIC_IPI_BASE + t - 1);
		assert_true(hwirq < GIC_IPI_BASE + GIC_IPI_COUNT);
		seen[t] = hwirq;
		assert_int_equal(gic_reg(HOSTED_MIPS_GIC_SH_MAP_VP(hwirq, 0)), 1U << t);
		assert_int_equal(gic_reg(HOSTED_MIPS_GIC_SH_MAP_PIN(hwirq)),
				 HOSTED_MIPS_GIC_MAP_TO_PIN | GIC_PIN);
		/* rising edge */
		assert_true(gic_reg(HOSTED_MIPS_GIC_SH_TRIG(hwirq)) & (1U << (hwirq % 32)));
		assert_true(gic_reg(HOSTED_MIPS_GIC_SH_POL(hwirq)) & (1U << (hwirq % 32)));
		/* masked until its CPU enables it */
		assert_false(gic_enabled((unsigned int)hwirq));
	}
	assert_int_not_equal(seen[1], seen[2]);
	assert_int_equal(ipi_get_hwirq((unsigned int)virq, 4), INVALID_HWIRQ);
}

static void reserve_with_holes_is_rejected_and_touches_nothing(void **state)
{
	unsigned long writes = hosted_mips_gic_writes(~0UL);
	unsigned int descs = test_count_descs();

	(void)state;
	assert_int_equal(gic_reserve(GIC_MASK(1, 3), NULL), -EINVAL);
	assert_warned_once();
	assert_int_equal(hosted_mips_gic_writes(~0UL), writes);
	assert_int_equal(test_count_descs(), descs);
}

static void reserve_fails_with_enospc_when_vectors_run_out_and_changes_nothing(void **state)
{
	long live;
	unsigned long writes;
	unsigned int descs;
	struct gic_resv *r = NULL;

	(void)state;
	assert_true(gic_reserve(GIC_MASK(1, 2, 3), &r) > 0);
	assert_true(gic_reserve(GIC_MASK(0, 1, 2, 3), NULL) > 0);
	/* 7 of the 8 vectors taken */
	writes = hosted_mips_gic_writes(~0UL);
	descs = test_count_descs();
	live = hosted_alloc_live();
	assert_int_equal(gic_reserve(GIC_MASK(0, 1), NULL), -ENOSPC);
	assert_int_equal(hosted_mips_gic_writes(~0UL), writes);
	assert_int_equal(test_count_descs(), descs);
	assert_int_equal(hosted_alloc_live(), live);
	assert_no_warning();

	/* the last one still works, then none */
	assert_true(gic_reserve(GIC_MASK(2), NULL) > 0);
	assert_int_equal(gic_reserve(GIC_MASK(0), NULL), -ENOSPC);

	/* releasing gives the vectors back */
	gic_release(r);
	assert_true(gic_reserve(GIC_MASK(0, 1), NULL) > 0);
}

static void reserve_out_of_memory_at_any_allocation_changes_nothing(void **state)
{
	int virq = -ENOMEM;

	(void)state;
	for (long nth = 0; virq == -ENOMEM; nth++) {
		unsigned long writes = hosted_mips_gic_writes(~0UL);
		unsigned int descs = test_count_descs();
		long live = hosted_alloc_live();

		hosted_alloc_fail_nth(nth);
		virq = gic_reserve(GIC_MASK(1, 2, 3), NULL);
		hosted_alloc_fail_nth(-1);
		if (virq != -ENOMEM)
			break;
		assert_int_equal(hosted_mips_gic_writes(~0UL), writes);
		assert_int_equal(test_count_descs(), descs);
		assert_int_equal(hosted_alloc_live(), live);
	}
	assert_true(virq > 0);
	/* and the vectors the failures did not keep are the ones it got */
	assert_int_equal(ipi_get_hwirq((unsigned int)virq, 1), GIC_IPI_BASE);
	test_log_reset();
}

static void reserve_drops_an_edge_left_pending_on_its_vector(void **state)
{
	struct gic_resv *r = NULL;

	(void)state;
	/* what a previous owner of vector 56 (a boot loader) left behind */
	writel(0x80000000U | GIC_IPI_BASE,
	       (char *)ioremap(HOSTED_MIPS_GIC_BASE, HOSTED_MIPS_GIC_SIZE) +
		       HOSTED_MIPS_GIC_SH_WEDGE);
	assert_true(gic_pending(GIC_IPI_BASE));
	assert_true(gic_reserve(GIC_MASK(1), &r) > 0);
	assert_int_equal(ipi_get_hwirq((unsigned int)r->virq, 1), GIC_IPI_BASE);
	assert_false(gic_pending(GIC_IPI_BASE));
	gic_request_and_enable(r);
	gic_flush(1);
	assert_int_equal(gic_hits_total((unsigned int)r->virq), 0);
}

static void destroy_of_one_target_unroutes_its_vector_and_frees_it(void **state)
{
	struct gic_resv *r = NULL;
	irq_hw_number_t hwirq;
	struct cpumask two = GIC_MASK(2);
	int virq;

	(void)state;
	virq = gic_reserve(GIC_MASK(1, 2, 3), &r);
	assert_true(virq > 0);
	hwirq = ipi_get_hwirq((unsigned int)virq, 2);
	assert_int_equal(irq_destroy_ipi((unsigned int)virq, &two), 0);
	cpumask_clear_cpu(2, &r->dest);
	assert_int_equal(gic_reg(HOSTED_MIPS_GIC_SH_MAP_VP(hwirq, 0)), 0);
	assert_int_equal(ipi_get_hwirq((unsigned int)virq, 2), INVALID_HWIRQ);
	assert_int_equal(ipi_get_hwirq((unsigned int)virq, 1), GIC_IPI_BASE);

	/* the freed vector is the lowest free one: the next reservation gets it */
	virq = gic_reserve(GIC_MASK(0), NULL);
	assert_true(virq > 0);
	assert_int_equal(ipi_get_hwirq((unsigned int)virq, 0), hwirq);
}

static void device_tree_gives_the_gic_ipi_domain_and_the_remote_vp(void **state)
{
	(void)state;
	assert_non_null(gic_ipi_domain());
	assert_ptr_equal(gic_ipi_domain(), mips_gic_ipi_domain());
	assert_true(irq_domain_is_ipi_per_cpu(gic_ipi_domain()));
	assert_int_equal(nr_cpu_ids, GIC_NR_CPUS);
	assert_int_equal(nr_target_ids, GIC_NR_CPUS + 1);
	assert_int_equal(target_hwid(GIC_NR_CPUS), 4);
	/* SH_CONFIG: 256 shared interrupts, VPs 0-4 */
	assert_int_equal(gic_reg(HOSTED_MIPS_GIC_SH_CONFIG), (31U << 16) | 4U);
}

/* ---- sending -------------------------------------------------------------- */

static void send_single_writes_wedge_with_bit_31_and_the_targets_vector(void **state)
{
	struct gic_resv *r = NULL;
	int virq;

	(void)state;
	virq = gic_reserve(GIC_MASK(1, 2, 3), &r);
	assert_true(virq > 0);
	for (unsigned int t = 1; t <= 3; t++) {
		unsigned long before = gic_wedge_writes();

		assert_int_equal(ipi_send_single((unsigned int)virq, t), 0);
		assert_int_equal(gic_wedge_writes(), before + 1);
		assert_int_equal(hosted_mips_gic_last_wedge(),
				 0x80000000U | (uint32_t)ipi_get_hwirq((unsigned int)virq, t));
		/* nobody enabled it: it stays pending at the GIC */
		assert_true(gic_pending((unsigned int)ipi_get_hwirq((unsigned int)virq, t)));
	}
}

static void send_mask_writes_wedge_once_per_target(void **state)
{
	struct gic_resv *r = NULL;
	unsigned long before;
	struct cpumask one_three = GIC_MASK(1, 3);
	int virq;

	(void)state;
	virq = gic_reserve(GIC_MASK(1, 2, 3), &r);
	assert_true(virq > 0);
	before = gic_wedge_writes();
	/* any virq of the reservation sends to any of its targets */
	assert_int_equal(ipi_send_mask((unsigned int)virq + 1, &one_three), 0);
	assert_int_equal(gic_wedge_writes(), before + 2);
	assert_int_equal(hosted_mips_gic_last_wedge(),
			 0x80000000U | (uint32_t)ipi_get_hwirq((unsigned int)virq, 3));
	assert_true(gic_pending((unsigned int)ipi_get_hwirq((unsigned int)virq, 1)));
	assert_false(gic_pending((unsigned int)ipi_get_hwirq((unsigned int)virq, 2)));
	assert_true(gic_pending((unsigned int)ipi_get_hwirq((unsigned int)virq, 3)));
}

static void send_outside_the_reservation_is_rejected_without_a_register_write(void **state)
{
	struct gic_resv *r = NULL;
	unsigned long before;
	int virq;

	(void)state;
	virq = gic_reserve(GIC_MASK(1, 2, 3), &r);
	assert_true(virq > 0);
	before = hosted_mips_gic_writes(~0UL);
	assert_int_equal(ipi_send_single((unsigned int)virq, 0), -EINVAL);
	assert_int_equal(hosted_mips_gic_writes(~0UL), before);
	assert_warned_once();
}

/* ---- delivery ------------------------------------------------------------- */

struct gic_send_from {
	unsigned int virq;
	unsigned int target;
	int ret;
};

static void gic_send_here(void *arg)
{
	struct gic_send_from *s = arg;

	s->ret = ipi_send_single(s->virq, s->target);
}

static void ipis_reach_exactly_the_targeted_cpu(void **state)
{
	struct gic_resv *r = NULL;
	int virq;

	(void)state;
	virq = gic_reserve(GIC_MASK(1, 2, 3), &r);
	assert_true(virq > 0);
	gic_request_and_enable(r);
	for (unsigned int t = 1; t <= 3; t++) {
		/* from CPU 0, as a kernel would */
		struct gic_send_from s = { .virq = (unsigned int)virq, .target = t };

		test_on_cpu(0, gic_send_here, &s);
		assert_int_equal(s.ret, 0);
		gic_flush_all();
		for (unsigned int cpu = 0; cpu < GIC_NR_CPUS; cpu++)
			for (unsigned int u = 1; u <= 3; u++)
				assert_int_equal(gic_hits_of(gic_virq(r, u), cpu),
						 cpu == u && u <= t ? 1 : 0);
		/* acked by the flow handler: no longer pending */
		assert_false(gic_pending((unsigned int)ipi_get_hwirq((unsigned int)virq, t)));
		assert_int_equal(kstat_irqs_cpu(gic_virq(r, t), t), 1);
	}
	assert_no_warning();
}

static void send_mask_reaches_each_cpu_of_the_mask_once(void **state)
{
	struct gic_resv *r = NULL;
	struct cpumask all = GIC_MASK(0, 1, 2, 3);
	int virq;

	(void)state;
	virq = gic_reserve(all, &r);
	assert_true(virq > 0);
	gic_request_and_enable(r);
	assert_int_equal(ipi_send_all((unsigned int)virq), 0);
	gic_flush_all();
	for (unsigned int cpu = 0; cpu < GIC_NR_CPUS; cpu++)
		for (unsigned int t = 0; t < GIC_NR_CPUS; t++)
			assert_int_equal(gic_hits_of(gic_virq(r, t), cpu), cpu == t);
}

static void masked_target_is_not_hit_until_it_enables_again(void **state)
{
	struct gic_resv *r = NULL;
	unsigned int virq2, hwirq2;
	unsigned long rmask;

	(void)state;
	assert_true(gic_reserve(GIC_MASK(1, 2, 3), &r) > 0);
	gic_request_and_enable(r);
	virq2 = gic_virq(r, 2);
	hwirq2 = (unsigned int)ipi_get_hwirq(virq2, 2);
	assert_true(gic_enabled(hwirq2));

	/* disabling on another CPU does nothing: the vector reaches CPU 2 only */
	rmask = hosted_mips_gic_writes(HOSTED_MIPS_GIC_SH_RMASK(hwirq2));
	test_on_cpu(1, gic_disable_here, &virq2);
	assert_int_equal(hosted_mips_gic_writes(HOSTED_MIPS_GIC_SH_RMASK(hwirq2)), rmask);
	test_on_cpu(1, gic_enable_here, &virq2);

	gic_disable_on(r, 2);
	assert_int_equal(hosted_mips_gic_writes(HOSTED_MIPS_GIC_SH_RMASK(hwirq2)), rmask + 1);
	assert_int_equal(hosted_mips_gic_last_write(HOSTED_MIPS_GIC_SH_RMASK(hwirq2)),
			 1U << (hwirq2 % 32));
	assert_false(gic_enabled(hwirq2));

	assert_int_equal(ipi_send_single(virq2, 2), 0);
	assert_int_equal(ipi_send_single(gic_virq(r, 3), 3), 0);
	gic_flush_all();
	assert_int_equal(gic_hits_total(virq2), 0);
	assert_int_equal(gic_hits_of(gic_virq(r, 3), 3), 1);
	assert_true(gic_pending(hwirq2));

	/* another IPI to CPU 2 runs its own handler, not the masked one */
	{
		struct gic_resv *other = NULL;

		assert_true(gic_reserve(GIC_MASK(2), &other) > 0);
		gic_request_and_enable(other);
		assert_int_equal(ipi_send_single((unsigned int)other->virq, 2), 0);
		gic_flush(2);
		assert_int_equal(gic_hits_of((unsigned int)other->virq, 2), 1);
		assert_int_equal(gic_hits_total(virq2), 0);
	}

	/* SMASK on CPU 2: the pending IPI is delivered */
	gic_enable_on(r, 2);
	assert_int_equal(hosted_mips_gic_last_write(HOSTED_MIPS_GIC_SH_SMASK(hwirq2)),
			 1U << (hwirq2 % 32));
	gic_flush(2);
	assert_int_equal(gic_hits_of(virq2, 2), 1);
	assert_int_equal(gic_hits_total(virq2), 1);
	assert_false(gic_pending(hwirq2));
}

struct gic_storm {
	unsigned int virq[GIC_NR_CPUS];
	unsigned int rounds;
	int ret;
	bool timed_out;
};

/* CPU 0 sends to CPUs 1-3 in turn, rounds times, each after the last was seen. */
static void gic_storm_here(void *arg)
{
	struct gic_storm *s = arg;

	for (unsigned int i = 0; i < s->rounds && !s->ret && !s->timed_out; i++) {
		unsigned int t = 1 + i % 3;
		unsigned long seen = gic_hits_of(s->virq[t], t);

		s->ret = ipi_send_single(s->virq[t], t);
		for (unsigned int spin = 0; gic_hits_of(s->virq[t], t) == seen; spin++) {
			if (spin > 100000000U) {
				s->timed_out = true;
				break;
			}
			port_cpu_relax();
		}
	}
}

static void no_ipi_is_lost_in_a_run_of_sends_from_cpu_0(void **state)
{
	struct gic_resv *r = NULL;
	struct gic_storm s = { .rounds = 3000 };

	(void)state;
	assert_true(gic_reserve(GIC_MASK(1, 2, 3), &r) > 0);
	gic_request_and_enable(r);
	for (unsigned int t = 1; t <= 3; t++)
		s.virq[t] = gic_virq(r, t);
	test_on_cpu(0, gic_storm_here, &s);
	assert_int_equal(s.ret, 0);
	assert_false(s.timed_out);
	for (unsigned int t = 1; t <= 3; t++)
		assert_int_equal(gic_hits_of(s.virq[t], t), s.rounds / 3);
	assert_int_equal(gic_hits_total(s.virq[1]), s.rounds / 3);
}

/*
 * Every CPU sends to the others at once. A send may merge with one still
 * pending (the GIC's pending state is one bit), so what is checked is the
 * contract: after a send, the target runs its handler at least once more.
 * Each send takes a ticket first; the handler notes the latest ticket of
 * its CPU; the sender waits until its target noted its ticket.
 */
#define GIC_ALL_TO_ALL_ROUNDS 400

static _Atomic unsigned long gic_ticket[GIC_NR_CPUS];
static _Atomic unsigned long gic_ticket_seen[GIC_NR_CPUS];
static unsigned int gic_all_virq[GIC_NR_CPUS];
static _Atomic unsigned int gic_all_timeouts;

static irqreturn_t gic_ticket_handler(int irq, void *dev_id)
{
	unsigned int cpu = smp_processor_id();
	unsigned long ticket = atomic_load(&gic_ticket[cpu]);

	(void)irq;
	(void)dev_id;
	/* only this CPU writes its seen ticket */
	if (ticket > atomic_load(&gic_ticket_seen[cpu]))
		atomic_store(&gic_ticket_seen[cpu], ticket);
	return IRQ_HANDLED;
}

static void gic_all_to_all_here(void *arg)
{
	unsigned int self = smp_processor_id();

	(void)arg;
	for (unsigned int i = 0; i < GIC_ALL_TO_ALL_ROUNDS; i++) {
		unsigned int t = (self + 1 + i % (GIC_NR_CPUS - 1)) % GIC_NR_CPUS;
		unsigned long ticket = atomic_fetch_add(&gic_ticket[t], 1) + 1;

		if (ipi_send_single(gic_all_virq[t], t)) {
			atomic_fetch_add(&gic_all_timeouts, 1);
			return;
		}
		for (unsigned long spin = 0; atomic_load(&gic_ticket_seen[t]) < ticket; spin++) {
			/* an interrupt point: the others send to us meanwhile */
			hosted_irq_poll();
			if (spin > 200000000UL) {
				atomic_fetch_add(&gic_all_timeouts, 1);
				return;
			}
			if (spin % 64 == 63)
				sched_yield();
			else
				port_cpu_relax();
		}
	}
}

static void no_ipi_is_lost_when_every_cpu_sends_to_the_others(void **state)
{
	struct gic_resv *r = NULL;
	struct cpumask all = GIC_MASK(0, 1, 2, 3);
	unsigned int t;

	(void)state;
	assert_true(gic_reserve(all, &r) > 0);
	for_each_cpu(t, &all) {
		gic_all_virq[t] = gic_virq(r, t);
		assert_int_equal(request_percpu_irq(gic_all_virq[t], gic_ticket_handler, "ticket",
						    gic_dev_id),
				 0);
		cpumask_set_cpu(t, &r->requested);
		gic_enable_on(r, t);
	}
	assert_int_equal(hosted_run_on_cpus(&all, gic_all_to_all_here, NULL), 0);
	assert_int_equal(atomic_load(&gic_all_timeouts), 0);
	for (t = 0; t < GIC_NR_CPUS; t++) {
		/* each CPU is sent to by the three others, as often by each */
		assert_int_equal(atomic_load(&gic_ticket[t]), GIC_ALL_TO_ALL_ROUNDS);
		assert_int_equal(atomic_load(&gic_ticket_seen[t]), GIC_ALL_TO_ALL_ROUNDS);
	}
	assert_no_warning();
}

/* ---- remote processor ----------------------------------------------------- */

static void remote_processor_target_is_unmasked_and_raised_on_its_pin(void **state)
{
	struct gic_resv *r = NULL;
	unsigned int remote = GIC_NR_CPUS;
	irq_hw_number_t hwirq;
	int virq;

	(void)state;
	assert_true(target_is_remote(remote));
	virq = gic_reserve(GIC_MASK(3, remote), &r);
	assert_true(virq > 0);
	hwirq = ipi_get_hwirq((unsigned int)virq, remote);
	assert_int_not_equal(hwirq, INVALID_HWIRQ);
	assert_int_equal(gic_reg(HOSTED_MIPS_GIC_SH_MAP_VP(hwirq, 0)), 1U << target_hwid(remote));
	/* nothing of ours runs there to unmask it: unmasked at once */
	assert_true(gic_enabled((unsigned int)hwirq));
	/* and no handler can be requested for it */
	assert_int_equal(request_percpu_irq(gic_virq(r, remote), gic_test_handler, "remote",
					    gic_dev_id),
			 -EINVAL);
	test_log_reset();

	assert_int_equal(ipi_send_single((unsigned int)virq + 1, remote), 0);
	assert_int_equal(hosted_mips_gic_last_wedge(), 0x80000000U | (uint32_t)hwirq);
	assert_int_equal(hosted_remote_wait(remote, HOSTED_MIPS_GIC_LINE(GIC_PIN), 1, 5000), 0);
	assert_int_equal(hosted_mips_gic_dropped(), 0);
}

/* ---- wired shared interrupts ---------------------------------------------- */

static unsigned int gic_wired_virq;
static _Atomic unsigned long gic_wired_hits[NR_CPUS];

/* The device's handler: count, then drop the level the device raised. */
static irqreturn_t gic_wired_handler(int irq, void *dev_id)
{
	(void)irq;
	(void)dev_id;
	atomic_fetch_add(&gic_wired_hits[smp_processor_id()], 1);
	hosted_mips_gic_set_input(3, false);
	return IRQ_HANDLED;
}

static unsigned int gic_map_shared(unsigned int intr, unsigned int type)
{
	struct irq_fwspec fwspec = {
		.fwnode = gic_ipi_domain()->fwnode,
		.param_count = 3,
		.param = { MIPS_GIC_SHARED, intr, type },
	};

	return irq_create_fwspec_mapping(&fwspec);
}

static void wired_level_interrupt_reaches_cpu_0_through_the_shared_domain(void **state)
{
	(void)state;
	gic_wired_virq = gic_map_shared(3, IRQ_TYPE_LEVEL_HIGH);
	assert_int_not_equal(gic_wired_virq, 0);
	assert_ptr_equal(irq_get_irq_data(gic_wired_virq)->domain, mips_gic_shared_domain());
	assert_int_equal(gic_reg(HOSTED_MIPS_GIC_SH_MAP_VP(3, 0)), 1U << target_hwid(0));
	assert_true(gic_enabled(3));
	assert_int_equal(request_irq(gic_wired_virq, gic_wired_handler, 0, "uart", NULL), 0);

	assert_int_equal(hosted_mips_gic_set_input(3, true), 0);
	gic_flush_all();
	assert_int_equal(atomic_load(&gic_wired_hits[0]), 1);
	assert_false(gic_pending(3));
	free_irq(gic_wired_virq, NULL);
	irq_dispose_mapping(gic_wired_virq);
	assert_int_equal(gic_reg(HOSTED_MIPS_GIC_SH_MAP_VP(3, 0)), 0);
	assert_false(gic_enabled(3));
}

static void wired_mapping_of_an_ipi_vector_is_refused(void **state)
{
	(void)state;
	assert_int_equal(gic_map_shared(GIC_IPI_BASE, IRQ_TYPE_EDGE_RISING), 0);
	/* past the shared range, or a local interrupt: no translation */
	assert_int_equal(gic_map_shared(256, IRQ_TYPE_LEVEL_HIGH), 0);
	test_log_reset();
}

/* ---- the binding ---------------------------------------------------------- */

static int gic_no_ipi_vectors(void *blob, int gic)
{
	return fdt_delprop(blob, gic, "mti,reserved-ipi-vectors");
}

static int gic_setup_default_vectors(void **state)
{
	void *blob = gic_variant(gic_no_ipi_vectors);
	char err[256];

	(void)state;
	memset(gic_hits, 0, sizeof(gic_hits));
	gic_nr_resv = 0;
	if (!blob || gic_machine_boot_blob(blob, err, sizeof(err))) {
		print_error("cannot boot the variant: %s\n", err);
		free(blob);
		return -1;
	}
	gic_dev_id = alloc_percpu(int);
	return gic_dev_id ? 0 : -1;
}

static int gic_teardown_variant(void **state)
{
	int ret = gic_teardown(state);

	free(gic_booted_dtb);
	gic_booted_dtb = NULL;
	return ret;
}

static void without_reserved_vectors_the_top_two_per_cpu_are_used(void **state)
{
	struct gic_resv *r = NULL;
	int virq;

	(void)state;
	virq = gic_reserve(GIC_MASK(0, 1, 2, 3), &r);
	assert_true(virq > 0);
	/* 256 shared interrupts, 4 CPUs: vectors 248-255 */
	for (unsigned int t = 0; t < GIC_NR_CPUS; t++)
		assert_int_equal(ipi_get_hwirq((unsigned int)virq, t), 248 + t);
	assert_int_equal(ipi_send_single((unsigned int)virq + 3, 3), 0);
	assert_int_equal(hosted_mips_gic_last_wedge(), 0x80000000U | 251U);
	gic_request_and_enable(r);
	gic_flush(3);
	assert_int_equal(gic_hits_of((unsigned int)virq + 3, 3), 1);

	assert_true(gic_reserve(GIC_MASK(0, 1, 2, 3), NULL) > 0);
	assert_int_equal(gic_reserve(GIC_MASK(0), NULL), -ENOSPC);
}

static void booting_two_of_the_four_cpus_wires_the_gic_to_those_two(void **state)
{
	struct hosted_machine_config cfg = { .nr_cpus = 2, .delivery = HOSTED_DELIVERY_SLEEP };
	struct gic_resv *r = NULL;
	char err[256] = "";
	int virq;

	(void)state;
	if (!gic_dtb)
		gic_dtb = gic_load_dtb();
	assert_non_null(gic_dtb);
	test_log_install();
	if (hosted_machine_boot_fdt(gic_dtb, &cfg, err, sizeof(err))) {
		print_error("boot: %s\n", err);
		fail();
	}
	gic_booted_dtb = gic_dtb;
	gic_dev_id = alloc_percpu(int);
	assert_non_null(gic_dev_id);
	assert_int_equal(nr_cpu_ids, 2);
	virq = gic_reserve(GIC_MASK(0, 1), &r);
	assert_true(virq > 0);
	gic_request_and_enable(r);
	assert_int_equal(ipi_send_single((unsigned int)virq + 1, 1), 0);
	gic_flush(1);
	assert_int_equal(gic_hits_of((unsigned int)virq + 1, 1), 1);
}

/* One malformed variant of the example: the boot fails with a message. */
struct gic_bad_dt {
	int (*edit)(void *blob, int gic);
	const char *message; /* part of the boot's error message */
};

static int gic_ipi_vectors_one_cell(void *blob, int gic)
{
	return fdt_setprop_u32(blob, gic, "mti,reserved-ipi-vectors", 56);
}

static int gic_ipi_vectors_past_the_end(void *blob, int gic)
{
	fdt32_t cells[2] = { cpu_to_fdt32(252), cpu_to_fdt32(8) };

	return fdt_setprop(blob, gic, "mti,reserved-ipi-vectors", cells, sizeof(cells));
}

static int gic_no_parents(void *blob, int gic)
{
	return fdt_delprop(blob, gic, "interrupts-extended");
}

static int gic_cpu_3_not_wired(void *blob, int gic)
{
	static const uint32_t lines[] = { 2, 2, 2 };

	return gic_set_parents(blob, gic, lines, 3);
}

static int gic_two_pins(void *blob, int gic)
{
	static const uint32_t lines[] = { 2, 2, 3, 2 };

	return gic_set_parents(blob, gic, lines, 4);
}

static int gic_software_interrupt_line(void *blob, int gic)
{
	static const uint32_t lines[] = { 1, 1, 1, 1 };

	return gic_set_parents(blob, gic, lines, 4);
}

static int gic_line_reserved(void *blob, int gic)
{
	return fdt_setprop_u32(blob, gic, "mti,reserved-cpu-vectors", 2);
}

static int gic_reg_too_small(void *blob, int gic)
{
	fdt32_t cells[2] = { cpu_to_fdt32(0x16120000), cpu_to_fdt32(0x1000) };

	return fdt_setprop(blob, gic, "reg", cells, sizeof(cells));
}

static int gic_second_gic(void *blob, int gic)
{
	fdt32_t reg[2] = { cpu_to_fdt32(0x16140000), cpu_to_fdt32(0x20000) };
	static const uint32_t lines[] = { 2, 2, 2, 2 };
	int second = fdt_add_subnode(blob, 0, "interrupt-controller@16140000");

	(void)gic;
	if (second < 0)
		return second;
	if (fdt_setprop_string(blob, second, "compatible", "mti,gic") ||
	    fdt_setprop(blob, second, "reg", reg, sizeof(reg)) ||
	    fdt_setprop(blob, second, "interrupt-controller", NULL, 0) ||
	    fdt_setprop_u32(blob, second, "#interrupt-cells", 3))
		return -1;
	return gic_set_parents(blob, second, lines, 4);
}

static void gic_bad_dt_test(void **state)
{
	const struct gic_bad_dt *row = *state;
	void *blob = gic_variant(row->edit);
	char err[256];

	assert_non_null(blob);
	assert_int_not_equal(gic_machine_boot_blob(blob, err, sizeof(err)), 0);
	if (!strstr(err, row->message)) {
		print_error("boot error \"%s\" lacks \"%s\"\n", err, row->message);
		fail();
	}
	/* nothing is left: no machine, nothing allocated */
	assert_false(hosted_machine_booted());
	assert_int_equal(hosted_alloc_live(), 0);
	free(blob);
}

static const struct gic_bad_dt gic_bad_ipi_vectors_one_cell = {
	gic_ipi_vectors_one_cell, "mti,reserved-ipi-vectors has 4 bytes"
};
static const struct gic_bad_dt gic_bad_ipi_vectors_past_the_end = { gic_ipi_vectors_past_the_end,
								    "is not a range" };
static const struct gic_bad_dt gic_bad_no_parents = { gic_no_parents, "reaches no CPU" };
static const struct gic_bad_dt gic_bad_cpu_3_not_wired = { gic_cpu_3_not_wired,
							   "must reach every CPU" };
static const struct gic_bad_dt gic_bad_two_pins = { gic_two_pins, "one pin for every VP" };
static const struct gic_bad_dt gic_bad_software_interrupt_line = {
	gic_software_interrupt_line, "must name one CPU interrupt, 2-7"
};
static const struct gic_bad_dt gic_bad_line_reserved = { gic_line_reserved,
							 "mti,reserved-cpu-vectors" };
/* the device model refuses it first (and logs why) */
static const struct gic_bad_dt gic_bad_reg_too_small = { gic_reg_too_small,
							 "/interrupt-controller@16120000: " };

static const struct gic_bad_dt gic_bad_second_gic = { gic_second_gic,
						      "a second GIC; one per system" };

#define gic_bad_dt_case(name_, row)                                                                \
	{                                                                                          \
		.name = (name_), .test_func = gic_bad_dt_test, .initial_state = (void *)(row),     \
	}

int main(void)
{
	const struct CMUnitTest tests[] = {
		gic_test(reserve_cpus_1_2_3_gives_consecutive_virqs_at_offset_1),
		gic_test(reserve_maps_each_target_to_a_reserved_vector_routed_to_its_vp),
		gic_test(reserve_with_holes_is_rejected_and_touches_nothing),
		gic_test(reserve_fails_with_enospc_when_vectors_run_out_and_changes_nothing),
		gic_test(reserve_out_of_memory_at_any_allocation_changes_nothing),
		gic_test(reserve_drops_an_edge_left_pending_on_its_vector),
		gic_test(destroy_of_one_target_unroutes_its_vector_and_frees_it),
		gic_test(device_tree_gives_the_gic_ipi_domain_and_the_remote_vp),
		gic_test(send_single_writes_wedge_with_bit_31_and_the_targets_vector),
		gic_test(send_mask_writes_wedge_once_per_target),
		gic_test(send_outside_the_reservation_is_rejected_without_a_register_write),
		gic_test(ipis_reach_exactly_the_targeted_cpu),
		gic_test(send_mask_reaches_each_cpu_of_the_mask_once),
		gic_test(masked_target_is_not_hit_until_it_enables_again),
		gic_test(no_ipi_is_lost_in_a_run_of_sends_from_cpu_0),
		gic_test(no_ipi_is_lost_when_every_cpu_sends_to_the_others),
		gic_test(remote_processor_target_is_unmasked_and_raised_on_its_pin),
		gic_test(wired_level_interrupt_reaches_cpu_0_through_the_shared_domain),
		gic_test(wired_mapping_of_an_ipi_vector_is_refused),
		cmocka_unit_test_setup_teardown(
			without_reserved_vectors_the_top_two_per_cpu_are_used,
			gic_setup_default_vectors, gic_teardown_variant),
		cmocka_unit_test_teardown(booting_two_of_the_four_cpus_wires_the_gic_to_those_two,
					  gic_teardown),
		gic_bad_dt_case("dt_rejects_reserved_ipi_vectors_of_one_cell",
				&gic_bad_ipi_vectors_one_cell),
		gic_bad_dt_case("dt_rejects_reserved_ipi_vectors_past_the_shared_range",
				&gic_bad_ipi_vectors_past_the_end),
		gic_bad_dt_case("dt_rejects_a_gic_wired_to_no_cpu", &gic_bad_no_parents),
		gic_bad_dt_case("dt_rejects_a_cpu_the_gic_does_not_reach",
				&gic_bad_cpu_3_not_wired),
		gic_bad_dt_case("dt_rejects_two_pins", &gic_bad_two_pins),
		gic_bad_dt_case("dt_rejects_a_cpu_interrupt_no_gic_pin_drives",
				&gic_bad_software_interrupt_line),
		gic_bad_dt_case("dt_rejects_a_cpu_interrupt_listed_as_reserved",
				&gic_bad_line_reserved),
		gic_bad_dt_case("dt_rejects_a_reg_smaller_than_the_gic", &gic_bad_reg_too_small),
		gic_bad_dt_case("dt_rejects_a_second_gic", &gic_bad_second_gic),
	};

	return test_run_isolated("mips_gic", tests, ARRAY_SIZE(tests));
}
