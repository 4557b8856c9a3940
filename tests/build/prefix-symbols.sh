#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# prefix_symbols: build libgenipi with -DGENIPI_PREFIX=ON in a scratch tree
# and check that
#  - every symbol the static and the shared library export starts with
#    genipi_, and none with genipi_genipi_ (nothing is prefixed twice);
#  - the consumer program, written against the plain API names, compiles
#    against the prefixed headers into references to genipi_* names only,
#    links against the prefixed static library, and runs.
# The scratch build is the consumer project of tests/build/consumer (genipi
# added with add_subdirectory()), so the consumer links the way CMake users
# link, with whatever libraries genipi::genipi brings along.
#
# Usage: prefix-symbols.sh SOURCE_DIR WORK_DIR GENERATOR CC NM
set -euo pipefail

src=$1
work=$2
generator=$3
cc=$4
nm=$5
# shellcheck source=tests/build/common.sh
. "$(dirname "$0")/common.sh"
fresh_dir "$work"
build="$work/build"

run_logged "$work/configure.log" cmake -S "$src/tests/build/consumer" -B "$build" \
	-G "$generator" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=Release \
	-DGENIPI_SOURCE_DIR="$src" -DGENIPI_PREFIX=ON
run_logged "$work/build.log" cmake --build "$build" -j2 --target genipi_static genipi_shared \
	consumer

static=$(find_lib "$build/genipi" libgenipi.a)
shared=$(find_lib "$build/genipi" 'libgenipi.so.*.*')
if [ -z "$static" ] || [ -z "$shared" ]; then
	echo "FAIL: the prefixed build made no libgenipi.a or libgenipi.so" >&2
	exit 1
fi

# Symbols the static linker defines in every shared object.
linker_defined='^(_init|_fini|_edata|_end|__bss_start)$'
failed=0
check_exports()
{
	local what=$1 names bad twice
	shift
	names=$("$nm" "$@" | awk 'NF >= 2 && $1 !~ /:$/ { print $1 }' | sort -u)
	if [ -z "$names" ]; then
		echo "FAIL: $what exports nothing"
		failed=1
		return
	fi
	bad=$(grep -v '^genipi_' <<<"$names" | grep -vE "$linker_defined" || true)
	twice=$(grep '^genipi_genipi_' <<<"$names" || true)
	echo "$what: $(wc -l <<<"$names") exported symbols"
	if [ -n "$bad" ]; then
		echo "FAIL: $what exports symbols without the genipi_ prefix:"
		sed 's/^/  /' <<<"$bad"
		echo "Regenerate include/genipi/prefix.h (target genipi_update_prefix)."
		failed=1
	fi
	if [ -n "$twice" ]; then
		echo "FAIL: $what exports symbols prefixed twice:"
		sed 's/^/  /' <<<"$twice"
		failed=1
	fi
}
check_exports "$(basename "$static")" -g --defined-only -P "$static"
check_exports "$(basename "$shared")" -D --defined-only -P "$shared"
[ "$failed" -eq 0 ] || exit 1

# The consumer uses the plain names; the prefixed headers rename them.
object=$(find "$build/CMakeFiles" -name 'consumer.c.o' | head -n 1)
refs=$("$nm" -u -P "$object" | awk '{ print $1 }')
for name in hosted_machine_boot irq_reserve_ipi ipi_send_mask ipi_send_single nr_cpu_ids; do
	if grep -qx "$name" <<<"$refs" || ! grep -qx "genipi_$name" <<<"$refs"; then
		echo "FAIL: consumer.o does not reference $name as genipi_$name" >&2
		exit 1
	fi
done
timeout 120 "$build/consumer"
