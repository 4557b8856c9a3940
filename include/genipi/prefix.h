/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef GENIPI_PREFIX_H
#define GENIPI_PREFIX_H
#endif
