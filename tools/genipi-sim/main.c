// SPDX-License-Identifier: BSD-2-Clause
/*
 * genipi-sim: the command line, loading the device tree, the run and its
 * exit status. See docs/genipi-sim.md, or run genipi-sim --help.
 */
#define _POSIX_C_SOURCE 200809L

#include "sim.h"

#include <genipi/irqchip.h>

#include <errno.h>
#include <libfdt.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define SIM_DEFAULT_DURATION 1.0
#define SIM_MAX_DURATION 3600.0
#define SIM_MAX_ROUNDS 100000000UL
/* Bigger files are not device trees of a machine. */
#define SIM_MAX_DTB_SIZE (16UL << 20)

static const char *const sim_mode_names[] = {
	[HOSTED_DELIVERY_POLL] = "poll",
	[HOSTED_DELIVERY_SLEEP] = "sleep",
	[HOSTED_DELIVERY_HYBRID] = "hybrid",
};

static void sim_usage(FILE *out)
{
	fprintf(out,
		"usage: genipi-sim (--machine NAME | --dtb FILE) [--cpus N]\n"
		"                  [--mode poll|sleep|hybrid] [--workload LIST]\n"
		"                  [--duration SECONDS | --rounds N] [--seed N]\n"
		"                  [--timeout SECONDS] [--lose N]\n"
		"       genipi-sim --list-machines\n"
		"       genipi-sim --help\n"
		"\n"
		"Boots a machine described by a device tree on genipi's hosted port (its\n"
		"CPUs are threads, its interrupt controllers device models driven by\n"
		"genipi's drivers), gets its IPIs through the public API (from each IPI\n"
		"domain one IPI for every CPU and remote processor; fixed IPIs such as a\n"
		"multiplexer's as they are), runs workloads over them and prints per-CPU\n"
		"counts like /proc/interrupts, latency percentiles and a summary. Every\n"
		"send is checked: a target that never sees an IPI sent to it is reported\n"
		"on a LOST line.\n"
		"\n"
		"The machine (exactly one of):\n"
		"  --machine NAME     a built-in machine (see below and --list-machines)\n"
		"  --dtb FILE         a flattened device tree (.dtb, compiled with dtc)\n"
		"\n"
		"Options:\n"
		"  --cpus N           boot only the first N CPUs of the device tree\n"
		"                     (default: all of them; at most %d)\n"
		"  --mode MODE        how an idle CPU waits for an interrupt: poll (spin),\n"
		"                     sleep (futex) or hybrid (spin, then sleep); default sleep\n"
		"  --workload LIST    comma-separated workloads, run in that order, or all\n"
		"                     (every workload the machine can run); default pingpong\n"
		"  --duration SECONDS how long each workload runs (default %.0f; at most %.0f)\n"
		"  --rounds N         run each workload N rounds instead (see Workloads)\n"
		"  --seed N           seed of the storm's random choices (default 1)\n"
		"  --timeout SECONDS  how long a target may take to see an IPI before it is\n"
		"                     reported LOST (default %.0f)\n"
		"  --lose N           for testing the checks: do not make the N-th send\n"
		"                     (counted over the whole run), so that it is reported\n"
		"                     LOST and the exit status is 1\n"
		"  --list-machines    list the built-in machines and exit\n"
		"  -h, --help         print this help and exit\n"
		"Options take their value as the next argument or after '=' (--cpus=4).\n"
		"\n"
		"Built-in machines (the device trees of examples/, built into the program):\n",
		NR_CPUS, SIM_DEFAULT_DURATION, SIM_MAX_DURATION, SIM_DEFAULT_TIMEOUT);
	for (unsigned int i = 0; i < sim_nr_builtins; i++) {
		const char *model = fdt_getprop(sim_builtins[i].dtb, 0, "model", NULL);

		fprintf(out, "  %-18s %s\n", sim_builtins[i].name, model ? model : "");
	}
	fprintf(out,
		"\n"
		"Workloads (a round, for --rounds, in brackets):\n"
		"  pingpong   an IPI bounced between two CPUs, each pair of CPUs in turn; the\n"
		"             handler sends the answer. One-way latency, send to handler.\n"
		"             [one round trip, on every pair]\n"
		"  broadcast  the first CPU sends to all the others (ipi_send_mask), then to\n"
		"             every target of the IPI (ipi_send_all), and waits until each\n"
		"             saw it. One-way latency. [one broadcast]\n"
		"  storm      every CPU sends at once to random CPUs: on the multiplexer's\n"
		"             virtual IPIs when the machine has one (riscv-clint), else on\n"
		"             the controllers' IPIs, of which it reserves up to %d per IPI\n"
		"             domain. Sends merge; none may be lost. [one send per CPU]\n"
		"  remote     each CPU in turn sends to the remote processors, one at a time\n"
		"             and all at once, and watches their counts; CPUs must receive\n"
		"             nothing. Latency, send to the remote's count. [one send to\n"
		"             each remote processor on each IPI that reaches it]\n"
		"\n"
		"Exit status:\n"
		"  0  every IPI sent was seen by its targets\n"
		"  1  an IPI was lost (LOST lines), a check failed (BAD lines) or the\n"
		"     library failed during the run\n"
		"  2  bad usage, an unknown machine, an unreadable or malformed device\n"
		"     tree, more CPUs than it has, or a workload it cannot run\n",
		SIM_STORM_IPIS_PER_DOMAIN);
}

/* "genipi-sim: message", the usage hint, and the exit status for bad input. */
static int __attribute__((format(printf, 1, 2))) sim_bad_usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "genipi-sim: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'genipi-sim --help'.\n");
	return SIM_EXIT_BAD_INPUT;
}

static void sim_list_machines(void)
{
	for (unsigned int i = 0; i < sim_nr_builtins; i++) {
		const void *fdt = sim_builtins[i].dtb;
		const char *model = fdt_getprop(fdt, 0, "model", NULL);

		printf("%-14s %s\n", sim_builtins[i].name, model ? model : "");
	}
}

static const struct sim_builtin *sim_find_builtin(const char *name)
{
	for (unsigned int i = 0; i < sim_nr_builtins; i++)
		if (!strcmp(sim_builtins[i].name, name))
			return &sim_builtins[i];
	return NULL;
}

/* ---- parsing ----------------------------------------------------------------- */

static bool sim_parse_ulong(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
	unsigned long v;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* Seconds, more than 0 and at most SIM_MAX_DURATION. */
static bool sim_parse_seconds(const char *s, double *out)
{
	char *end;
	double v;

	if (!s || !*s)
		return false;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !isfinite(v) || v <= 0 || v > SIM_MAX_DURATION)
		return false;
	*out = v;
	return true;
}

static bool sim_parse_mode(const char *s, enum hosted_delivery *mode)
{
	for (unsigned int m = 0; s && m < sizeof(sim_mode_names) / sizeof(sim_mode_names[0]); m++) {
		if (!strcmp(s, sim_mode_names[m])) {
			*mode = (enum hosted_delivery)m;
			return true;
		}
	}
	return false;
}

/* "pingpong,remote" or "all"; false (and a message) on a bad list. */
static bool sim_parse_workloads(const char *s, struct sim_options *opts)
{
	char list[256], *save = NULL, *name;

	opts->nr_workloads = 0;
	opts->all_workloads = false;
	if (!s || !*s || strlen(s) >= sizeof(list))
		return false;
	if (!strcmp(s, "all")) {
		for (unsigned int w = 0; w < SIM_NR_WORKLOADS; w++)
			opts->order[w] = (enum sim_workload)w;
		opts->nr_workloads = SIM_NR_WORKLOADS;
		opts->all_workloads = true;
		return true;
	}
	strcpy(list, s);
	for (name = strtok_r(list, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		unsigned int w;

		for (w = 0; w < SIM_NR_WORKLOADS; w++)
			if (!strcmp(name, sim_workload_names[w]))
				break;
		if (w == SIM_NR_WORKLOADS)
			return false;
		for (unsigned int i = 0; i < opts->nr_workloads; i++)
			if (opts->order[i] == w)
				return false;
		opts->order[opts->nr_workloads++] = (enum sim_workload)w;
	}
	return opts->nr_workloads > 0 && s[strlen(s) - 1] != ',';
}

enum sim_parse {
	SIM_PARSE_RUN,
	SIM_PARSE_HELP,
	SIM_PARSE_LIST,
	SIM_PARSE_BAD,
};

static enum sim_parse sim_parse_args(int argc, char **argv, struct sim_options *opts)
{
	bool have_duration = false, have_rounds = false, list = false;

	memset(opts, 0, sizeof(*opts));
	opts->mode = HOSTED_DELIVERY_SLEEP;
	opts->order[0] = SIM_PINGPONG;
	opts->nr_workloads = 1;
	opts->duration = SIM_DEFAULT_DURATION;
	opts->seed = 1;
	opts->timeout = SIM_DEFAULT_TIMEOUT;

	for (int i = 1; i < argc; i++) {
		char opt[32];
		const char *arg = argv[i], *eq = strchr(arg, '='), *val;
		unsigned long n;
		size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
		bool ok;

		if (!strcmp(arg, "-h") || !strcmp(arg, "--help"))
			return SIM_PARSE_HELP;
		if (!strcmp(arg, "--list-machines")) {
			list = true;
			continue;
		}
		if (strncmp(arg, "--", 2) || len >= sizeof(opt)) {
			sim_bad_usage("unknown option '%s'", arg);
			return SIM_PARSE_BAD;
		}
		memcpy(opt, arg, len);
		opt[len] = '\0';
		if (strcmp(opt, "--dtb") && strcmp(opt, "--machine") && strcmp(opt, "--cpus") &&
		    strcmp(opt, "--mode") && strcmp(opt, "--workload") &&
		    strcmp(opt, "--duration") && strcmp(opt, "--rounds") && strcmp(opt, "--seed") &&
		    strcmp(opt, "--timeout") && strcmp(opt, "--lose")) {
			sim_bad_usage("unknown option '%s'", opt);
			return SIM_PARSE_BAD;
		}
		val = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
		if (!val) {
			sim_bad_usage("%s needs a value", opt);
			return SIM_PARSE_BAD;
		}

		if (!strcmp(opt, "--dtb")) {
			ok = *val != '\0' && !opts->dtb_path;
			opts->dtb_path = val;
		} else if (!strcmp(opt, "--machine")) {
			ok = *val != '\0' && !opts->machine;
			opts->machine = val;
		} else if (!strcmp(opt, "--cpus")) {
			ok = sim_parse_ulong(val, 1, NR_CPUS, &n);
			if (!ok) {
				sim_bad_usage("--cpus '%s': a number of CPUs, 1-%d, is expected",
					      val, NR_CPUS);
				return SIM_PARSE_BAD;
			}
			opts->nr_cpus = (unsigned int)n;
		} else if (!strcmp(opt, "--mode")) {
			ok = sim_parse_mode(val, &opts->mode);
			if (!ok) {
				sim_bad_usage("--mode '%s': poll, sleep or hybrid is expected",
					      val);
				return SIM_PARSE_BAD;
			}
		} else if (!strcmp(opt, "--workload")) {
			ok = sim_parse_workloads(val, opts);
			if (!ok) {
				sim_bad_usage("--workload '%s': a comma-separated list of pingpong, "
					      "broadcast, storm and remote (each once), or all, is "
					      "expected",
					      val);
				return SIM_PARSE_BAD;
			}
		} else if (!strcmp(opt, "--duration")) {
			ok = sim_parse_seconds(val, &opts->duration);
			if (!ok) {
				sim_bad_usage("--duration '%s': seconds, more than 0 and at most "
					      "%.0f, are expected",
					      val, SIM_MAX_DURATION);
				return SIM_PARSE_BAD;
			}
			have_duration = true;
		} else if (!strcmp(opt, "--rounds")) {
			ok = sim_parse_ulong(val, 1, SIM_MAX_ROUNDS, &opts->rounds);
			if (!ok) {
				sim_bad_usage("--rounds '%s': a number, 1-%lu, is expected", val,
					      SIM_MAX_ROUNDS);
				return SIM_PARSE_BAD;
			}
			have_rounds = true;
		} else if (!strcmp(opt, "--timeout")) {
			ok = sim_parse_seconds(val, &opts->timeout);
			if (!ok) {
				sim_bad_usage("--timeout '%s': seconds, more than 0 and at most "
					      "%.0f, are expected",
					      val, SIM_MAX_DURATION);
				return SIM_PARSE_BAD;
			}
		} else if (!strcmp(opt, "--lose")) {
			ok = sim_parse_ulong(val, 1, ULONG_MAX, &opts->lose);
			if (!ok) {
				sim_bad_usage("--lose '%s': a send number, from 1, is expected",
					      val);
				return SIM_PARSE_BAD;
			}
		} else {
			ok = sim_parse_ulong(val, 0, UINT32_MAX, &n);
			if (!ok) {
				sim_bad_usage("--seed '%s': a number, 0-%u, is expected", val,
					      UINT32_MAX);
				return SIM_PARSE_BAD;
			}
			opts->seed = (unsigned int)n;
		}
		if (!ok) {
			sim_bad_usage("%s given twice, or empty", opt);
			return SIM_PARSE_BAD;
		}
	}

	if (list)
		return SIM_PARSE_LIST;
	if (have_duration && have_rounds) {
		sim_bad_usage("--duration and --rounds exclude each other");
		return SIM_PARSE_BAD;
	}
	if (!opts->dtb_path == !opts->machine) {
		sim_bad_usage(opts->dtb_path ? "--machine and --dtb exclude each other" :
					       "no machine: give --machine NAME or --dtb FILE");
		return SIM_PARSE_BAD;
	}
	return SIM_PARSE_RUN;
}

/* ---- the device tree ---------------------------------------------------------- */

/* Read @path whole into a new buffer; a message and NULL if it cannot. */
static void *sim_read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 64 * 1024, len = 0, n;
	char *buf = NULL, *bigger;

	if (!f) {
		fprintf(stderr, "genipi-sim: %s: cannot open it: %s\n", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		bigger = realloc(buf, cap);
		if (!bigger)
			goto err_nomem;
		buf = bigger;
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (len < cap)
			break;
		if (cap >= SIM_MAX_DTB_SIZE) {
			fprintf(stderr, "genipi-sim: %s: larger than %lu MiB: not a device tree\n",
				path, SIM_MAX_DTB_SIZE >> 20);
			goto err_free;
		}
		cap *= 2;
	}
	if (ferror(f)) {
		fprintf(stderr, "genipi-sim: %s: cannot read it: %s\n", path, strerror(errno));
		goto err_free;
	}
	fclose(f);
	*size = len;
	return buf;

err_nomem:
	fprintf(stderr, "genipi-sim: %s: out of memory\n", path);
err_free:
	free(buf);
	fclose(f);
	return NULL;
}

/* Is @fdt a device tree we can boot with @opts? A message if not. */
static bool sim_check_fdt(const void *fdt, size_t size, const char *label,
			  const struct sim_options *opts)
{
	unsigned long *hwids = calloc(NR_CPUS, sizeof(*hwids));
	char err[512];
	int nr;

	if (!hwids) {
		fprintf(stderr, "genipi-sim: out of memory\n");
		return false;
	}
	if (irqchip_fdt_check_blob(fdt, size, err, sizeof(err))) {
		fprintf(stderr, "genipi-sim: %s: %s\n", label, err);
		free(hwids);
		return false;
	}
	nr = fdt_cpus_parse(fdt, hwids, NR_CPUS, err, sizeof(err));
	free(hwids);
	if (nr < 0) {
		fprintf(stderr, "genipi-sim: %s: %s\n", label, err);
		return false;
	}
	if (opts->nr_cpus > (unsigned int)nr) {
		fprintf(stderr, "genipi-sim: --cpus %u: %s has %d CPU%s\n", opts->nr_cpus, label,
			nr, nr == 1 ? "" : "s");
		return false;
	}
	return true;
}

/* ---- the run ------------------------------------------------------------------ */

static int sim_run(const struct sim_options *opts)
{
	struct sim_result results[SIM_NR_WORKLOADS] = { 0 };
	unsigned long sends = 0, deliveries = 0, lost = 0, bad = 0;
	int status = SIM_EXIT_OK;
	uint64_t start;

	/* workloads asked for by name must fit the machine; "all" takes those that do */
	for (unsigned int i = 0; i < opts->nr_workloads; i++) {
		enum sim_workload w = opts->order[i];
		const char *why = sim_workload_unfit(w);

		if (why && !opts->all_workloads) {
			fprintf(stderr, "genipi-sim: %s: cannot run the %s workload: %s\n",
				sim.label, sim_workload_names[w], why);
			return SIM_EXIT_BAD_INPUT;
		}
	}

	sim_print_machine(opts);
	start = sim_now_ns();
	for (unsigned int i = 0; i < opts->nr_workloads; i++) {
		enum sim_workload w = opts->order[i];
		const char *why = sim_workload_unfit(w);

		if (why) {
			printf("%-11sskipped: %s\n", sim_workload_names[w], why);
			continue;
		}
		status = sim_workload_run(w, opts, &results[w]);
		sim_print_result(w, &results[w]);
		sends += results[w].sends;
		deliveries += results[w].deliveries;
		lost += results[w].lost;
		bad += results[w].stray ? 1 : 0;
		fflush(stdout);
		/* later workloads would only wait for the lost IPI again */
		if (status != SIM_EXIT_OK)
			break;
	}

	bad += sim_machine_check();
	/* a workload that lost an IPI reported it; otherwise look once more */
	if (status == SIM_EXIT_OK)
		lost += sim_report_lost("at the end");
	printf("\n");
	sim_print_table();
	sim_print_delivery();
	printf("\ngenipi-sim: %s, %u CPU%s", sim.label, sim.nr_cpus, sim.nr_cpus == 1 ? "" : "s");
	if (!cpumask_empty(&sim.remotes))
		printf(" + %u remote", cpumask_weight(&sim.remotes));
	printf(", %s: %lu IPIs sent to %lu targets in %.2f s, ", sim_mode_names[opts->mode], sends,
	       deliveries, (double)(sim_now_ns() - start) / 1e9);
	if (status == SIM_EXIT_OK && !lost && !bad) {
		printf("every one seen: OK\n");
		return SIM_EXIT_OK;
	}
	printf("%lu lost, %lu bad (LOST and BAD lines above): FAILED\n", lost, bad);
	return SIM_EXIT_LOST;
}

int main(int argc, char **argv)
{
	const struct sim_builtin *builtin = NULL;
	struct sim_options opts;
	const void *fdt;
	void *file = NULL;
	const char *label;
	size_t size;
	int status;

	switch (sim_parse_args(argc, argv, &opts)) {
	case SIM_PARSE_HELP:
		sim_usage(stdout);
		return SIM_EXIT_OK;
	case SIM_PARSE_LIST:
		sim_list_machines();
		return SIM_EXIT_OK;
	case SIM_PARSE_BAD:
		return SIM_EXIT_BAD_INPUT;
	default:
		break;
	}

	if (opts.machine) {
		builtin = sim_find_builtin(opts.machine);
		if (!builtin) {
			fprintf(stderr, "genipi-sim: unknown machine '%s'; the built-in machines:",
				opts.machine);
			for (unsigned int i = 0; i < sim_nr_builtins; i++)
				fprintf(stderr, " %s", sim_builtins[i].name);
			fprintf(stderr, "\n");
			return SIM_EXIT_BAD_INPUT;
		}
		fdt = builtin->dtb;
		size = builtin->size;
		label = builtin->name;
	} else {
		file = sim_read_file(opts.dtb_path, &size);
		if (!file)
			return SIM_EXIT_BAD_INPUT;
		fdt = file;
		label = opts.dtb_path;
	}

	if (!sim_check_fdt(fdt, size, label, &opts)) {
		free(file);
		return SIM_EXIT_BAD_INPUT;
	}
	status = sim_machine_up(fdt, label, &opts);
	if (status == SIM_EXIT_OK) {
		status = sim_run(&opts);
		sim_machine_down();
	}
	free(file);
	return status;
}
