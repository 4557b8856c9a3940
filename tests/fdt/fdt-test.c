// SPDX-License-Identifier: BSD-2-Clause
/*
 * Shared helpers of the device-tree tests: see fdt-test.h.
 */
#include "fdt-test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *fdt_test_load(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	long len;
	void *buf;

	if (!f) {
		print_error("cannot open %s\n", path);
		fail();
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	assert_true(len > 0);
	buf = malloc((size_t)len);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	if (size)
		*size = (size_t)len;
	return buf;
}

void *fdt_test_copy(const void *fdt, int extra)
{
	int size = (int)fdt_totalsize(fdt) + extra;
	void *copy = malloc((size_t)size);

	assert_non_null(copy);
	assert_int_equal(fdt_open_into(fdt, copy, size), 0);
	return copy;
}

int fdt_test_node(const void *fdt, const char *path)
{
	int offset = fdt_path_offset(fdt, path);

	if (offset < 0) {
		print_error("no node %s: %s\n", path, fdt_strerror(offset));
		fail();
	}
	return offset;
}

uint32_t fdt_test_phandle(void *fdt, const char *path)
{
	int offset = fdt_test_node(fdt, path);
	uint32_t phandle = fdt_get_phandle(fdt, offset);

	if (phandle)
		return phandle;
	assert_int_equal(fdt_generate_phandle(fdt, &phandle), 0);
	/* the offset is stable: nothing was inserted before the node */
	assert_int_equal(fdt_setprop_u32(fdt, offset, "phandle", phandle), 0);
	return phandle;
}

void fdt_test_assert_nothing_left(const void *fdt, int offset, long baseline)
{
	assert_false(hosted_machine_booted());
	assert_int_equal(test_count_descs(), 0);
	assert_null(hosted_cpu_intc_domain());
	if (offset >= 0) {
		assert_null(irqchip_fdt_fwnode(fdt, offset));
		assert_int_equal(irqchip_fdt_ipi_virqs(fdt, offset, NULL), -ENOENT);
	}
	assert_int_equal(hosted_alloc_live(), baseline);
}

void _fdt_test_assert_contains(const char *haystack, const char *needle, const char *file, int line)
{
	if (!strstr(haystack, needle)) {
		print_error("%s:%d: \"%s\" does not contain \"%s\"\n", file, line, haystack,
			    needle);
		_fail(file, line);
	}
}
