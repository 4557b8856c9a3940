#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# add_subdirectory_consumer: a separate CMake project (tests/build/consumer)
# pulls genipi in with add_subdirectory() and links genipi::genipi; it must
# configure, build and run, and genipi must not drag its own tests and
# benchmarks into the parent's build.
#
# Usage: add-subdirectory-consumer.sh SOURCE_DIR WORK_DIR GENERATOR CC
set -euo pipefail

src=$1
work=$2
generator=$3
cc=$4
# shellcheck source=tests/build/common.sh
. "$(dirname "$0")/common.sh"
fresh_dir "$work"

run_logged "$work/configure.log" cmake -S "$src/tests/build/consumer" -B "$work/build" \
	-G "$generator" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=Release \
	-DGENIPI_SOURCE_DIR="$src"
run_logged "$work/build.log" cmake --build "$work/build" -j2

if grep -q 'add_test\|genipi_add_test' "$work/build/genipi/CTestTestfile.cmake" 2>/dev/null ||
   [ -e "$work/build/genipi/tests" ] || [ -e "$work/build/genipi/bench" ]; then
	echo "FAIL: genipi built its tests or benchmarks inside a parent project" >&2
	exit 1
fi

timeout 120 "$work/build/consumer"
