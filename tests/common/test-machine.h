/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared helpers for genipi's cmocka tests: a hosted machine booted per
 * test, a capture of what the core reports through the log hook, and a
 * runner that gives every test its own process.
 *
 * Why a process per test: the core reports misuse with WARN_ON_ONCE
 * semantics (once per call site per process, as in Linux), so a test that
 * checks "this misuse is reported once" must not share a process with an
 * earlier test that tripped the same call site. A crash is then one failed
 * test, not a lost suite.
 *
 * Use (add ../common/test-machine.c to the test's SOURCES):
 *
 *	static void reserve_rejects_empty_mask(void **state)
 *	{
 *		...
 *		assert_int_equal(irq_reserve_ipi(d, &empty), -EINVAL);
 *		assert_warned_once();
 *	}
 *
 *	int main(void)
 *	{
 *		const struct CMUnitTest tests[] = {
 *			cmocka_unit_test_setup_teardown(reserve_rejects_empty_mask,
 *							test_machine_setup,
 *							test_machine_teardown),
 *		};
 *		return test_run_isolated("ipi_reserve", tests, ARRAY_SIZE(tests));
 *	}
 *
 * This interface is kept small and stable: tests/unit and tests/e2e use it.
 */
#ifndef GENIPI_TEST_MACHINE_H
#define GENIPI_TEST_MACHINE_H

/* cmocka needs these before <cmocka.h> */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>

#include <genipi/genipi.h>
#include <genipi/hosted.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* CPUs of the machine test_machine_setup() boots. */
#define TEST_MACHINE_NR_CPUS 4

/* ---- machine ----------------------------------------------------------- */

/*
 * Boot a hosted machine of @nr_cpus CPUs (all online) with the log capture
 * installed and reset. Returns 0 or the error of hosted_machine_boot().
 */
int test_machine_boot(unsigned int nr_cpus);

/* Shut the machine down (every descriptor, domain and remote is forgotten). */
void test_machine_shutdown(void);

/*
 * cmocka setup/teardown: boot TEST_MACHINE_NR_CPUS CPUs; shut down and fail
 * if a port_zalloc() block is still live (a leak in the core or the port).
 */
int test_machine_setup(void **state);
int test_machine_teardown(void **state);

/* A cmocka test that runs on a freshly booted machine. */
#define test_machine_unit_test(f)                                                                  \
	cmocka_unit_test_setup_teardown(f, test_machine_setup, test_machine_teardown)

/*
 * One row of a table-driven test: @name is the behaviour, @f the shared
 * body, @row its parameters (the body finds them in *state).
 */
#define test_machine_table_test(name_, f, row)                                                     \
	{                                                                                          \
		.name = (name_), .test_func = (f), .setup_func = test_machine_setup,               \
		.teardown_func = test_machine_teardown, .initial_state = (void *)(row),            \
	}

/*
 * Run @fn(@arg) on CPU @cpu (a hosted CPU thread) and wait for it to return.
 * Fails the test if the port cannot run it. @fn runs on another thread: it
 * must not call cmocka's assert_*() (they longjmp); record and check after.
 */
void test_on_cpu(unsigned int cpu, void (*fn)(void *arg), void *arg);

/* Number of allocated descriptors (virqs 1 .. NR_IRQS-1 with irq_to_desc). */
unsigned int test_count_descs(void);

/* ---- log capture ------------------------------------------------------- */

/*
 * Capture the log without booting a machine (test_machine_boot() does it
 * too), for tests of calls made before or after a machine exists.
 */
void test_log_install(void);

/* Forget every captured message. */
void test_log_reset(void);

/* Messages logged since the last reset, and how many of them were WARNs. */
unsigned int test_log_count(void);
unsigned int test_log_warn_count(void);

/* True if a message since the last reset contains @needle. */
bool test_log_contains(const char *needle);

/* The last message since the last reset, or "" (for failure reports). */
const char *test_log_last(void);

/*
 * assert_warned_once(): exactly one WARN since the last reset; resets.
 * assert_no_warning(): no WARN since the last reset.
 */
#define assert_warned_once() _test_assert_warned(1, __FILE__, __LINE__)
#define assert_no_warning() _test_assert_warned(0, __FILE__, __LINE__)
void _test_assert_warned(unsigned int expected, const char *file, int line);

/* ---- runner ------------------------------------------------------------ */

/*
 * Run each test of @tests in a child process of its own (the fixture runs
 * in the child too). The environment variable GENIPI_TEST_FILTER, if set,
 * runs only the tests whose name contains it; GENIPI_TEST_LOG echoes every
 * captured message to stderr. Returns 0 if every test passed, else 1, for
 * main() to return.
 */
int test_run_isolated(const char *group, const struct CMUnitTest *tests, size_t nr_tests);

#endif /* GENIPI_TEST_MACHINE_H */
