// SPDX-License-Identifier: BSD-2-Clause
/*
 * The conformance program on the hosted port: boot a machine from a DTB
 * file and run the program's three steps on its CPU threads, as the
 * bare-metal boot flow runs them on real CPUs:
 *
 *   conformance_setup()         on CPU 0, interrupts masked
 *   conformance_cpu_starting()  on each CPU in turn, CPU 0 first,
 *                               interrupts masked
 *   conformance_main()          on CPU 0, interrupts enabled
 *
 * (hosted_machine_boot_fdt() already ran the drivers' per-CPU steps and
 * put every CPU online.)
 *
 * Usage: hosted-conformance [--mode sleep|poll|hybrid] [--cpus N] FILE.dtb
 * Exit status: 0 every case passed, 1 a case failed, 2 bad usage or a
 * machine that cannot boot or cannot run the program.
 */
#include "conformance.h"

#include <genipi/cpumask.h>
#include <genipi/hosted-fdt.h>
#include <genipi/hosted.h>
#include <genipi/irqchip.h>
#include <genipi/port.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HC_EXIT_PASS 0
#define HC_EXIT_FAIL 1
#define HC_EXIT_USAGE 2

/* A DTB larger than this is not one of ours. */
#define HC_MAX_DTB_SIZE (1024 * 1024)

struct hc_step {
	const void *fdt;
	unsigned int cpu;
	int ret;
};

static void hc_setup(void *arg)
{
	struct hc_step *step = arg;
	unsigned long flags;

	local_irq_save(flags);
	step->ret = conformance_setup(step->fdt);
	local_irq_restore(flags);
}

static void hc_cpu_starting(void *arg)
{
	struct hc_step *step = arg;
	unsigned long flags;

	local_irq_save(flags);
	step->ret = conformance_cpu_starting(step->cpu);
	local_irq_restore(flags);
}

static void hc_main(void *arg)
{
	struct hc_step *step = arg;

	step->ret = conformance_main();
}

static void hc_usage(FILE *out)
{
	fprintf(out, "usage: hosted-conformance [--mode sleep|poll|hybrid] [--cpus N] FILE.dtb\n"
		     "  --mode   how idle CPU threads wait for interrupts (default: sleep)\n"
		     "  --cpus   boot the first N CPUs of the DT (default: all of them)\n"
		     "Exit status: 0 pass, 1 a case failed, 2 bad usage or no machine.\n");
}

/* Read a whole file into a buffer of its own; NULL (and a message) on error. */
static void *hc_read_dtb(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long len;

	if (!f) {
		fprintf(stderr, "hosted-conformance: %s: cannot open it\n", path);
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) <= 0 || len > HC_MAX_DTB_SIZE ||
	    fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "hosted-conformance: %s: empty, too large or unreadable\n", path);
		goto out;
	}
	buf = malloc((size_t)len);
	if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
		fprintf(stderr, "hosted-conformance: %s: cannot read it\n", path);
		free(buf);
		buf = NULL;
		goto out;
	}
	*size = (size_t)len;
out:
	fclose(f);
	return buf;
}

static bool hc_parse_mode(const char *s, enum hosted_delivery *mode)
{
	if (!strcmp(s, "sleep"))
		*mode = HOSTED_DELIVERY_SLEEP;
	else if (!strcmp(s, "poll"))
		*mode = HOSTED_DELIVERY_POLL;
	else if (!strcmp(s, "hybrid"))
		*mode = HOSTED_DELIVERY_HYBRID;
	else
		return false;
	return true;
}

/* Run the three steps on the booted machine: the exit status. */
static int hc_run(const void *fdt)
{
	struct hc_step step = { .fdt = fdt };
	unsigned int cpu;

	if (hosted_run_on_cpu(0, hc_setup, &step) || step.ret) {
		fprintf(stderr, "hosted-conformance: conformance_setup() failed (%d)\n", step.ret);
		return HC_EXIT_USAGE;
	}
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		step.cpu = cpu;
		if (hosted_run_on_cpu(cpu, hc_cpu_starting, &step) || step.ret) {
			fprintf(stderr,
				"hosted-conformance: conformance_cpu_starting(%u) failed (%d)\n",
				cpu, step.ret);
			return HC_EXIT_USAGE;
		}
	}
	if (hosted_run_on_cpu(0, hc_main, &step)) {
		fprintf(stderr, "hosted-conformance: cannot run conformance_main()\n");
		return HC_EXIT_USAGE;
	}
	return step.ret ? HC_EXIT_FAIL : HC_EXIT_PASS;
}

int main(int argc, char **argv)
{
	struct hosted_machine_config cfg = { .delivery = HOSTED_DELIVERY_SLEEP };
	const char *path = NULL, *mode = "sleep";
	char err[512] = "";
	size_t size = 0;
	void *fdt;
	int i, ret, status;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			hc_usage(stdout);
			return HC_EXIT_PASS;
		} else if (!strcmp(argv[i], "--mode") && i + 1 < argc) {
			mode = argv[++i];
			if (!hc_parse_mode(mode, &cfg.delivery)) {
				fprintf(stderr,
					"hosted-conformance: --mode '%s': sleep, poll or "
					"hybrid\n",
					mode);
				return HC_EXIT_USAGE;
			}
		} else if (!strcmp(argv[i], "--cpus") && i + 1 < argc) {
			char *end;
			unsigned long n = strtoul(argv[++i], &end, 10);

			if (*end || !n || n > NR_CPUS) {
				fprintf(stderr, "hosted-conformance: --cpus '%s': 1 .. %d\n",
					argv[i], NR_CPUS);
				return HC_EXIT_USAGE;
			}
			cfg.nr_cpus = (unsigned int)n;
		} else if (argv[i][0] != '-' && !path) {
			path = argv[i];
		} else {
			hc_usage(stderr);
			return HC_EXIT_USAGE;
		}
	}
	if (!path) {
		hc_usage(stderr);
		return HC_EXIT_USAGE;
	}

	fdt = hc_read_dtb(path, &size);
	if (!fdt)
		return HC_EXIT_USAGE;
	if (irqchip_fdt_check_blob(fdt, size, err, sizeof(err))) {
		fprintf(stderr, "hosted-conformance: %s: %s\n", path, err);
		free(fdt);
		return HC_EXIT_USAGE;
	}
	ret = hosted_machine_boot_fdt(fdt, &cfg, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "hosted-conformance: %s: cannot boot the machine (%d): %s\n", path,
			ret, err);
		free(fdt);
		return HC_EXIT_USAGE;
	}
	printf("hosted-conformance: %s, %u CPUs, delivery %s\n", path, nr_cpu_ids, mode);
	fflush(stdout);
	status = hc_run(fdt);
	hosted_machine_shutdown();
	free(fdt);
	printf("hosted-conformance: %s\n", status == HC_EXIT_PASS ? "PASS" : "FAIL");
	return status;
}
