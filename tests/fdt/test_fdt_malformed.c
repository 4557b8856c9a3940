// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device trees the hosted boot must refuse: each case breaks one thing in
 * examples/riscv-clint.dts (with libfdt's read-write API) or builds a blob
 * from scratch, boots it with hosted_machine_boot_fdt() and expects the
 * documented error, a message naming the node at fault, and nothing left
 * behind: no machine, no descriptor, no domain, no probed node, no live
 * allocation.
 *
 * Most cases are caught before the machine boots; the "after boot" ones
 * (a device model or a driver refusing its node) are caught by a machine
 * that booted and must be shut down again.
 */
#include "fdt-test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CLINT "/soc/clint@2000000"
#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)
#define INTC(n) "/cpus/cpu@" #n "/interrupt-controller"

struct malformed_case {
	void *(*make)(void);  /* the blob, malloc()ed */
	unsigned int nr_cpus; /* hosted_machine_config.nr_cpus */
	int error;
	const char *path; /* the message names it (NULL: no node at fault) */
	const char *what; /* and says this */
};

/* ---- blobs ---------------------------------------------------------------- */

static void *example(void)
{
	void *blob = fdt_test_load(FDT_TEST_EXAMPLE("riscv-clint"), NULL);
	void *copy = fdt_test_copy(blob, 1024);

	free(blob);
	return copy;
}

static void set_cells(void *fdt, const char *path, const char *prop, const uint32_t *cells,
		      unsigned int nr)
{
	fdt32_t be[16];

	assert_true(nr <= 16);
	for (unsigned int i = 0; i < nr; i++)
		be[i] = cpu_to_fdt32(cells[i]);
	assert_int_equal(fdt_setprop(fdt, fdt_test_node(fdt, path), prop, be,
				     (int)(nr * sizeof(be[0]))),
			 0);
}

static void *make_not_a_dtb(void)
{
	static const char text[] = "this is a text file, not a flattened device tree\n";
	char *buf = malloc(4096);

	assert_non_null(buf);
	for (size_t i = 0; i < 4096; i++)
		buf[i] = text[i % (sizeof(text) - 1)];
	return buf;
}

/* The structure block ends before its FDT_END: its size was cut in half. */
static void *make_truncated_structure(void)
{
	void *fdt = example();

	fdt_set_size_dt_struct(fdt, fdt_size_dt_struct(fdt) / 2 & ~3U);
	return fdt;
}

/* The blob's size cuts into its strings block. */
static void *make_truncated_blob(void)
{
	void *fdt = example();

	fdt_set_totalsize(fdt, fdt_off_dt_strings(fdt) + fdt_size_dt_strings(fdt) - 8);
	return fdt;
}

static void *make_missing_reg(void)
{
	void *fdt = example();

	assert_int_equal(fdt_delprop(fdt, fdt_test_node(fdt, CLINT), "reg"), 0);
	return fdt;
}

static void *make_unknown_phandle(void)
{
	static const uint32_t cells[] = { 0x99, 3 };
	void *fdt = example();

	set_cells(fdt, CLINT, "interrupts-extended", cells, 2);
	return fdt;
}

/* Hart 0's controller says the CLINT, its child, is its interrupt parent. */
static void *make_parent_cycle(void)
{
	void *fdt = example();
	uint32_t clint = fdt_test_phandle(fdt, CLINT);

	set_cells(fdt, INTC(0), "interrupt-parent", &clint, 1);
	return fdt;
}

static void *make_parent_without_driver(void)
{
	void *fdt = example();

	assert_int_equal(fdt_setprop_string(fdt, fdt_test_node(fdt, INTC(2)), "compatible",
					    "acme,unknown-intc"),
			 0);
	return fdt;
}

static void *make_parent_disabled(void)
{
	void *fdt = example();

	assert_int_equal(fdt_setprop_string(fdt, fdt_test_node(fdt, INTC(1)), "status", "disabled"),
			 0);
	return fdt;
}

static void *make_interrupts_cut(void)
{
	void *fdt = example();
	uint32_t cells[] = { fdt_test_phandle(fdt, INTC(0)), 3, fdt_test_phandle(fdt, INTC(1)) };

	set_cells(fdt, CLINT, "interrupts-extended", cells, 3);
	return fdt;
}

/* NR_CPUS + 1 harts, built from scratch with the sequential-write API. */
static void *make_too_many_cpus(void)
{
	int size = 256 * (NR_CPUS + 8);
	void *fdt = malloc((size_t)size);
	char name[32];

	assert_non_null(fdt);
	assert_int_equal(fdt_create(fdt, size), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	assert_int_equal(fdt_property_u32(fdt, "#address-cells", 2), 0);
	assert_int_equal(fdt_property_u32(fdt, "#size-cells", 2), 0);
	assert_int_equal(fdt_begin_node(fdt, "cpus"), 0);
	assert_int_equal(fdt_property_u32(fdt, "#address-cells", 1), 0);
	assert_int_equal(fdt_property_u32(fdt, "#size-cells", 0), 0);
	for (unsigned int cpu = 0; cpu <= NR_CPUS; cpu++) {
		snprintf(name, sizeof(name), "cpu@%u", cpu);
		assert_int_equal(fdt_begin_node(fdt, name), 0);
		assert_int_equal(fdt_property_string(fdt, "device_type", "cpu"), 0);
		assert_int_equal(fdt_property_u32(fdt, "reg", cpu), 0);
		assert_int_equal(fdt_begin_node(fdt, "interrupt-controller"), 0);
		assert_int_equal(fdt_property_string(fdt, "compatible", "riscv,cpu-intc"), 0);
		assert_int_equal(fdt_property(fdt, "interrupt-controller", NULL, 0), 0);
		assert_int_equal(fdt_property_u32(fdt, "#interrupt-cells", 1), 0);
		assert_int_equal(fdt_end_node(fdt), 0);
		assert_int_equal(fdt_end_node(fdt), 0);
	}
	assert_int_equal(fdt_end_node(fdt), 0); /* cpus */
	assert_int_equal(fdt_end_node(fdt), 0); /* root */
	assert_int_equal(fdt_finish(fdt), 0);
	return fdt;
}

static void *make_no_cpus(void)
{
	void *fdt = example();

	assert_int_equal(fdt_del_node(fdt, fdt_test_node(fdt, "/cpus")), 0);
	return fdt;
}

static void *make_cpu_without_reg(void)
{
	void *fdt = example();

	assert_int_equal(fdt_delprop(fdt, fdt_test_node(fdt, "/cpus/cpu@2"), "reg"), 0);
	return fdt;
}

static void *make_duplicate_hwid(void)
{
	void *fdt = example();

	assert_int_equal(fdt_setprop_u32(fdt, fdt_test_node(fdt, "/cpus/cpu@1"), "reg", 0), 0);
	return fdt;
}

static void *make_hwid_too_big(void)
{
	void *fdt = example();

	assert_int_equal(fdt_setprop_u32(fdt, fdt_test_node(fdt, "/cpus/cpu@3"), "reg", 2000), 0);
	return fdt;
}

/* A remote processor beside the harts, with hart 1's hardware id. */
static void *make_remote_on_a_cpu(void)
{
	void *fdt = example();
	int node = fdt_add_subnode(fdt, fdt_test_node(fdt, "/cpus"), "dsp@1");

	assert_true(node >= 0);
	assert_int_equal(fdt_setprop_string(fdt, node, "compatible",
					    FDT_REMOTE_PROCESSOR_COMPATIBLE),
			 0);
	assert_int_equal(fdt_setprop_u32(fdt, node, "reg", 1), 0);
	return fdt;
}

static void *make_remote_without_reg(void)
{
	void *fdt = example();
	int node = fdt_add_subnode(fdt, 0, "dsp");

	assert_true(node >= 0);
	assert_int_equal(fdt_setprop_string(fdt, node, "compatible",
					    FDT_REMOTE_PROCESSOR_COMPATIBLE),
			 0);
	return fdt;
}

/* After boot: the CLINT model sits at 0x2000000 only. */
static void *make_clint_elsewhere(void)
{
	static const uint32_t reg[] = { 0, 0x3000000, 0, 0x10000 };
	void *fdt = example();

	set_cells(fdt, CLINT, "reg", reg, 4);
	return fdt;
}

/* After boot: only the timer lines, no software interrupt for the driver. */
static void *make_clint_without_soft_irq(void)
{
	void *fdt = example();
	uint32_t cells[8];

	for (unsigned int h = 0; h < 4; h++) {
		static const char *const intc[] = { INTC(0), INTC(1), INTC(2), INTC(3) };

		cells[2 * h] = fdt_test_phandle(fdt, intc[h]);
		cells[2 * h + 1] = 7;
	}
	set_cells(fdt, CLINT, "interrupts-extended", cells, 8);
	return fdt;
}

/* After boot: more virtual IPIs than the multiplexer has. */
static void *make_clint_too_many_ipis(void)
{
	void *fdt = example();

	assert_int_equal(fdt_setprop_u32(fdt, fdt_test_node(fdt, CLINT), "genipi,nr-ipis", 33), 0);
	return fdt;
}

/* ---- the cases ------------------------------------------------------------ */

static const struct malformed_case not_a_dtb = {
	make_not_a_dtb, 0, -EINVAL, NULL, "not a valid flattened device tree",
};
static const struct malformed_case truncated_structure = {
	make_truncated_structure, 0, -EINVAL, NULL, "malformed or truncated",
};
static const struct malformed_case truncated_blob = {
	make_truncated_blob, 0, -EINVAL, NULL, "TRUNCATED",
};
static const struct malformed_case missing_reg = {
	make_missing_reg, 0, -EINVAL, CLINT, "\"reg\"",
};
static const struct malformed_case unknown_phandle = {
	make_unknown_phandle, 0, -EINVAL, CLINT, "phandle 0x99 names no node",
};
static const struct malformed_case parent_cycle = {
	make_parent_cycle, 0, -EINVAL, CLINT, "interrupt parent cycle",
};
static const struct malformed_case parent_without_driver = {
	make_parent_without_driver, 0, -EINVAL, CLINT, INTC(2) " has no driver",
};
static const struct malformed_case parent_disabled = {
	make_parent_disabled, 0, -EINVAL, CLINT, INTC(1) " is disabled",
};
static const struct malformed_case interrupts_cut = {
	make_interrupts_cut, 0, -EINVAL, CLINT, "ends in the middle of an entry",
};
static const struct malformed_case too_many_cpus = {
	make_too_many_cpus, 0, -EINVAL, "/cpus/cpu@" STRINGIFY(NR_CPUS), "more than",
};
static const struct malformed_case no_cpus = {
	make_no_cpus, 0, -EINVAL, "/cpus", "no such node",
};
static const struct malformed_case cpu_without_reg = {
	make_cpu_without_reg, 0, -EINVAL, "/cpus/cpu@2", "without a valid \"reg\"",
};
static const struct malformed_case duplicate_hwid = {
	make_duplicate_hwid, 0, -EINVAL, "/cpus/cpu@1", "hardware id 0 is CPU 0's",
};
static const struct malformed_case hwid_too_big = {
	make_hwid_too_big, 0, -EINVAL, "/cpus", "hardware id 2000",
};
static const struct malformed_case more_cpus_than_the_dt = {
	example, 5, -EINVAL, "/cpus", "5 CPUs asked for, the device tree has 4",
};
static const struct malformed_case remote_on_a_cpu = {
	make_remote_on_a_cpu, 0, -EINVAL, "dsp@1", "CPU 1's",
};
static const struct malformed_case remote_without_reg = {
	make_remote_without_reg, 0, -EINVAL, "/dsp", "without a valid \"reg\"",
};
static const struct malformed_case clint_elsewhere = {
	make_clint_elsewhere, 0, -EINVAL, CLINT, "device model failed",
};
static const struct malformed_case clint_without_soft_irq = {
	make_clint_without_soft_irq, 0, -EINVAL, CLINT, "no software interrupt",
};
static const struct malformed_case clint_too_many_ipis = {
	make_clint_too_many_ipis, 0, -EINVAL, CLINT, "genipi,nr-ipis",
};

static void boot_rejects(void **state)
{
	const struct malformed_case *c = *state;
	struct hosted_machine_config cfg = {
		.nr_cpus = c->nr_cpus,
		.delivery = HOSTED_DELIVERY_SLEEP,
	};
	char err[FDT_TEST_ERRLEN] = "";
	void *fdt = c->make();
	long baseline;
	int clint;

	test_log_install();
	baseline = hosted_alloc_live();
	assert_int_equal(hosted_machine_boot_fdt(fdt, &cfg, err, sizeof(err)), c->error);
	print_message("%s\n", err);
	assert_contains(err, c->what);
	if (c->path)
		assert_contains(err, c->path);
	clint = fdt_check_header(fdt) ? -1 : fdt_path_offset(fdt, CLINT);
	fdt_test_assert_nothing_left(fdt, clint, baseline);
	/* and the next boot of a good blob works */
	free(fdt);
	fdt = example();
	cfg.nr_cpus = 0;
	assert_int_equal(hosted_machine_boot_fdt(fdt, &cfg, err, sizeof(err)), 0);
	hosted_machine_shutdown();
	assert_int_equal(hosted_alloc_live(), baseline);
	free(fdt);
}

/* ---- the rest of the API's misuse ------------------------------------------ */

static void boot_rejects_null_arguments(void **state)
{
	struct hosted_machine_config cfg = { .delivery = HOSTED_DELIVERY_SLEEP };
	char err[FDT_TEST_ERRLEN] = "";
	void *fdt = example();

	(void)state;
	test_log_install();
	assert_int_equal(hosted_machine_boot_fdt(NULL, &cfg, err, sizeof(err)), -EINVAL);
	assert_contains(err, "no device tree");
	assert_int_equal(hosted_machine_boot_fdt(fdt, NULL, err, sizeof(err)), -EINVAL);
	/* no message buffer: the message is logged */
	assert_int_equal(hosted_machine_boot_fdt(NULL, &cfg, NULL, 0), -EINVAL);
	assert_true(test_log_contains("no device tree"));
	fdt_test_assert_nothing_left(fdt, -1, 0);
	free(fdt);
}

static void boot_refuses_a_second_machine(void **state)
{
	struct hosted_machine_config cfg = { .delivery = HOSTED_DELIVERY_SLEEP };
	char err[FDT_TEST_ERRLEN] = "";
	void *fdt = example();

	(void)state;
	test_log_install();
	assert_int_equal(hosted_machine_boot_fdt(fdt, &cfg, err, sizeof(err)), 0);
	assert_int_equal(hosted_machine_boot_fdt(fdt, &cfg, err, sizeof(err)), -EBUSY);
	assert_contains(err, "booted already");
	/* the first machine still runs */
	assert_true(hosted_machine_booted());
	assert_non_null(hosted_cpu_intc_domain());
	hosted_machine_shutdown();
	fdt_test_assert_nothing_left(fdt, -1, 0);
	free(fdt);
}

/* The port's side: hardware ids of a bare machine's CPUs. */
static void machine_boot_checks_cpu_hwids(void **state)
{
	static const unsigned long twice[] = { 4, 4 }, too_big[] = { 0, HOSTED_MAX_HWID },
				   sparse[] = { 5, 9 };
	struct hosted_machine_config cfg = {
		.nr_cpus = 2,
		.delivery = HOSTED_DELIVERY_SLEEP,
		.bare = true,
	};

	(void)state;
	test_log_install();
	cfg.hwids = twice;
	assert_int_equal(hosted_machine_boot(&cfg), -EINVAL);
	cfg.hwids = too_big;
	assert_int_equal(hosted_machine_boot(&cfg), -EINVAL);
	fdt_test_assert_nothing_left(NULL, -1, 0);
	cfg.hwids = sparse;
	assert_int_equal(hosted_machine_boot(&cfg), 0);
	assert_int_equal(target_hwid(0), 5);
	assert_int_equal(target_hwid(1), 9);
	/* bare: no controller of its own */
	assert_null(hosted_cpu_intc_domain());
	assert_int_equal(hosted_remote_add("dsp", 9), -EEXIST);
	hosted_machine_shutdown();
	fdt_test_assert_nothing_left(NULL, -1, 0);
}

/* Without an error buffer, the message goes to the log. */
static void boot_logs_the_message_without_a_buffer(void **state)
{
	struct hosted_machine_config cfg = { .delivery = HOSTED_DELIVERY_SLEEP };
	void *fdt = make_missing_reg();

	(void)state;
	test_log_install();
	assert_int_equal(hosted_machine_boot_fdt(fdt, &cfg, NULL, 0), -EINVAL);
	assert_true(test_log_contains(CLINT));
	free(fdt);
}

/*
 * Every allocation of a boot, made to fail in turn: each failure is an
 * error and leaves nothing behind, until a boot gets through.
 */
static void boot_fails_cleanly_at_every_allocation(void **state)
{
	struct hosted_machine_config cfg = { .delivery = HOSTED_DELIVERY_SLEEP };
	char err[FDT_TEST_ERRLEN];
	void *fdt = example();
	unsigned int failures = 0;
	long nth;
	int ret;

	(void)state;
	test_log_install();
	for (nth = 0;; nth++) {
		assert_true(nth < 10000);
		err[0] = '\0';
		hosted_alloc_fail_nth(nth);
		ret = hosted_machine_boot_fdt(fdt, &cfg, err, sizeof(err));
		hosted_alloc_fail_nth(-1);
		if (!ret)
			break;
		failures++;
		if (err[0] == '\0') {
			print_error("allocation %ld: error %d without a message\n", nth, ret);
			fail();
		}
		fdt_test_assert_nothing_left(fdt, fdt_path_offset(fdt, CLINT), 0);
	}
	/* the boot that got through works */
	assert_int_equal(nr_cpu_ids, 4);
	assert_true(irqchip_fdt_ipi_virqs(fdt, -1, NULL) > 0);
	hosted_machine_shutdown();
	fdt_test_assert_nothing_left(fdt, -1, 0);
	assert_true(failures > 10);
	print_message("%u allocations of a boot failed in turn, each cleanly\n", failures);
	free(fdt);
}

#define MALFORMED(c)                                                                               \
	{                                                                                          \
		.name = "boot_rejects_" #c, .test_func = boot_rejects,                             \
		.initial_state = (void *)&(c)                                                      \
	}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MALFORMED(not_a_dtb),
		MALFORMED(truncated_structure),
		MALFORMED(truncated_blob),
		MALFORMED(missing_reg),
		MALFORMED(unknown_phandle),
		MALFORMED(parent_cycle),
		MALFORMED(parent_without_driver),
		MALFORMED(parent_disabled),
		MALFORMED(interrupts_cut),
		MALFORMED(too_many_cpus),
		MALFORMED(no_cpus),
		MALFORMED(cpu_without_reg),
		MALFORMED(duplicate_hwid),
		MALFORMED(hwid_too_big),
		MALFORMED(more_cpus_than_the_dt),
		MALFORMED(remote_on_a_cpu),
		MALFORMED(remote_without_reg),
		MALFORMED(clint_elsewhere),
		MALFORMED(clint_without_soft_irq),
		MALFORMED(clint_too_many_ipis),
		cmocka_unit_test(boot_rejects_null_arguments),
		cmocka_unit_test(boot_refuses_a_second_machine),
		cmocka_unit_test(boot_logs_the_message_without_a_buffer),
		cmocka_unit_test(machine_boot_checks_cpu_hwids),
		cmocka_unit_test(boot_fails_cleanly_at_every_allocation),
	};

	return test_run_isolated("fdt_malformed", tests, ARRAY_SIZE(tests));
}
