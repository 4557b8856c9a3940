// SPDX-License-Identifier: BSD-2-Clause
/*
 * The conformance program as the application of a bare-metal image: the
 * shared boot flow (ports/baremetal/boot.c) calls its three steps and turns
 * the number of failures main returns into the "genipi: PASS" / "genipi:
 * FAIL" line.
 */
#include "conformance.h"

#include <genipi/baremetal.h>

const struct baremetal_app baremetal_app = {
	.name = "conformance",
	.setup = conformance_setup,
	.cpu_starting = conformance_cpu_starting,
	.main = conformance_main,
};
