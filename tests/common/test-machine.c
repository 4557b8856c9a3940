// SPDX-License-Identifier: BSD-2-Clause
/*
 * Shared test helpers: see test-machine.h.
 */
#define _POSIX_C_SOURCE 200809L

#include "test-machine.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* A test that takes longer than this in its child process has hung. */
#define TEST_CHILD_TIMEOUT_S 60

/* ---- log capture ------------------------------------------------------- */

#define TEST_LOG_MAX 64
#define TEST_LOG_LEN 256

/*
 * The hook may run on any CPU thread; a mutex keeps the record consistent.
 * Messages past TEST_LOG_MAX are counted but not kept.
 */
static pthread_mutex_t test_log_lock = PTHREAD_MUTEX_INITIALIZER;
static char test_log_msgs[TEST_LOG_MAX][TEST_LOG_LEN];
static unsigned int test_log_nr;
static unsigned int test_log_nr_warn;
static bool test_log_echo;

/* The core's reports (its WARN_ONCE) all start with this. */
static bool test_log_is_warn(const char *msg)
{
	return strncmp(msg, "genipi: ", 8) == 0;
}

static void test_log_hook(const char *msg, void *ctx)
{
	(void)ctx;
	pthread_mutex_lock(&test_log_lock);
	if (test_log_nr < TEST_LOG_MAX)
		snprintf(test_log_msgs[test_log_nr], TEST_LOG_LEN, "%s", msg);
	test_log_nr++;
	if (test_log_is_warn(msg))
		test_log_nr_warn++;
	pthread_mutex_unlock(&test_log_lock);
	if (test_log_echo)
		fprintf(stderr, "[log] %s", msg);
}

void test_log_install(void)
{
	test_log_echo = getenv("GENIPI_TEST_LOG") != NULL;
	hosted_set_log_hook(test_log_hook, NULL);
	test_log_reset();
}

void test_log_reset(void)
{
	pthread_mutex_lock(&test_log_lock);
	test_log_nr = 0;
	test_log_nr_warn = 0;
	pthread_mutex_unlock(&test_log_lock);
}

unsigned int test_log_count(void)
{
	unsigned int n;

	pthread_mutex_lock(&test_log_lock);
	n = test_log_nr;
	pthread_mutex_unlock(&test_log_lock);
	return n;
}

unsigned int test_log_warn_count(void)
{
	unsigned int n;

	pthread_mutex_lock(&test_log_lock);
	n = test_log_nr_warn;
	pthread_mutex_unlock(&test_log_lock);
	return n;
}

bool test_log_contains(const char *needle)
{
	bool found = false;

	pthread_mutex_lock(&test_log_lock);
	for (unsigned int i = 0; i < test_log_nr && i < TEST_LOG_MAX && !found; i++)
		found = strstr(test_log_msgs[i], needle) != NULL;
	pthread_mutex_unlock(&test_log_lock);
	return found;
}

const char *test_log_last(void)
{
	static char last[TEST_LOG_LEN];

	pthread_mutex_lock(&test_log_lock);
	if (!test_log_nr)
		last[0] = '\0';
	else
		snprintf(last, sizeof(last), "%s",
			 test_log_msgs[(test_log_nr < TEST_LOG_MAX ? test_log_nr : TEST_LOG_MAX) -
				       1]);
	pthread_mutex_unlock(&test_log_lock);
	return last;
}

void _test_assert_warned(unsigned int expected, const char *file, int line)
{
	unsigned int n = test_log_warn_count();

	if (n != expected) {
		print_error("expected %u WARN(s), got %u (last log: \"%s\")\n", expected, n,
			    test_log_last());
		_fail(file, line);
	}
	test_log_reset();
}

/* ---- machine ----------------------------------------------------------- */

int test_machine_boot(unsigned int nr_cpus)
{
	struct hosted_machine_config cfg = {
		.nr_cpus = nr_cpus,
		/* idle CPUs sleep: tests run many CPUs under sanitizers */
		.delivery = HOSTED_DELIVERY_SLEEP,
	};
	int ret;

	test_log_install();
	ret = hosted_machine_boot(&cfg);
	/* messages of the boot itself are not the test's */
	test_log_reset();
	return ret;
}

void test_machine_shutdown(void)
{
	hosted_machine_shutdown();
}

int test_machine_setup(void **state)
{
	(void)state;
	return test_machine_boot(TEST_MACHINE_NR_CPUS);
}

int test_machine_teardown(void **state)
{
	long live;

	(void)state;
	test_machine_shutdown();
	live = hosted_alloc_live();
	if (live) {
		print_error("%ld port_zalloc() block(s) still live after shutdown "
			    "(a leak, or the test stopped at a failure before freeing)\n",
			    live);
		return -1;
	}
	return 0;
}

void test_on_cpu(unsigned int cpu, void (*fn)(void *arg), void *arg)
{
	int ret = hosted_run_on_cpu(cpu, fn, arg);

	if (ret) {
		print_error("hosted_run_on_cpu(%u) failed: %d\n", cpu, ret);
		fail();
	}
}

unsigned int test_count_descs(void)
{
	unsigned int n = 0;

	for (unsigned int virq = 1; virq < NR_IRQS; virq++)
		if (irq_to_desc(virq))
			n++;
	return n;
}

/* ---- runner ------------------------------------------------------------ */

static int test_run_child(const struct CMUnitTest *test)
{
	const struct CMUnitTest one[1] = { *test };

	alarm(TEST_CHILD_TIMEOUT_S);
	return _cmocka_run_group_tests(test->name, one, 1, NULL, NULL);
}

int test_run_isolated(const char *group, const struct CMUnitTest *tests, size_t nr_tests)
{
	const char *filter = getenv("GENIPI_TEST_FILTER");
	unsigned int run = 0, failed = 0;

	for (size_t i = 0; i < nr_tests; i++) {
		int status;
		pid_t pid;

		if (filter && !strstr(tests[i].name, filter))
			continue;
		fflush(stdout);
		fflush(stderr);
		pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		/* exit(), not _exit(): LeakSanitizer checks the child at exit */
		if (!pid)
			exit(test_run_child(&tests[i]) ? 1 : 0);
		run++;
		if (waitpid(pid, &status, 0) < 0) {
			perror("waitpid");
			return 1;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			continue;
		failed++;
		if (WIFSIGNALED(status))
			fprintf(stderr, "[  CRASH   ] %s: killed by signal %d%s\n", tests[i].name,
				WTERMSIG(status), WTERMSIG(status) == SIGALRM ? " (timeout)" : "");
		fprintf(stdout, "[  FAILED  ] %s.%s\n", group, tests[i].name);
	}
	fprintf(stdout, "[==========] %s: %u test(s) run, %u failed\n", group, run, failed);
	return failed ? 1 : 0;
}
