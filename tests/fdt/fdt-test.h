/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared helpers of the device-tree tests: loading the DTBs the build
 * compiled (examples/NAME.dts, tests/fdt/dts/NAME.dts), writable copies of a blob
 * to break on purpose with libfdt's read-write API, and the check that a
 * failed boot left nothing behind.
 */
#ifndef GENIPI_TESTS_FDT_TEST_H
#define GENIPI_TESTS_FDT_TEST_H

#include "test-machine.h"

#include <genipi/hosted-fdt.h>
#include <genipi/irqchip.h>

#include <libfdt.h>

/* The DTB of examples/NAME.dts and of tests/fdt/dts/NAME.dts. */
#define FDT_TEST_EXAMPLE(name) GENIPI_EXAMPLES_DTB_DIR "/" name ".dtb"
#define FDT_TEST_FIXTURE(name) GENIPI_FDT_TEST_DTB_DIR "/" name ".dtb"

/* Error messages the tests ask for. */
#define FDT_TEST_ERRLEN 512

/* Read a DTB file (fails the test if it cannot); free() it. @size may be NULL. */
void *fdt_test_load(const char *path, size_t *size);

/* A writable copy of @fdt with @extra bytes to grow into; free() it. */
void *fdt_test_copy(const void *fdt, int extra);

/* The offset of @path in @fdt (fails the test if there is none). */
int fdt_test_node(const void *fdt, const char *path);

/* The phandle of @path, given one if it has none. */
uint32_t fdt_test_phandle(void *fdt, const char *path);

/*
 * After a failed boot: no machine, no descriptor, no CPU controller domain,
 * no probed node of @fdt at @offset (if >= 0), and hosted_alloc_live() back
 * to @baseline.
 */
void fdt_test_assert_nothing_left(const void *fdt, int offset, long baseline);

/* @haystack contains @needle, or the test fails showing both. */
#define assert_contains(haystack, needle)                                                          \
	_fdt_test_assert_contains(haystack, needle, __FILE__, __LINE__)
void _fdt_test_assert_contains(const char *haystack, const char *needle, const char *file,
			       int line);

#endif /* GENIPI_TESTS_FDT_TEST_H */
