#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Build and run the demo: genipi-sim (tools/genipi-sim, docs/genipi-sim.md)
# on the Kalray Coolidge example, a cluster of 16 PEs and the resource-manager
# core (a remote processor) whose IPI controller genipi drives through an IPI
# domain. It boots the machine from its device tree, runs every workload
# (pingpong, broadcast, storm, remote) for half a second each and prints
# latencies and what each CPU received. Installs missing Debian packages
# first. Arguments, if any, are passed to genipi-sim instead of the default
# ones (e.g. scripts/demo.sh --machine riscv-clint --workload storm).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build/demo"

bash "$root/scripts/deps.sh" demo

generator="Unix Makefiles"
command -v ninja >/dev/null 2>&1 && generator=Ninja
if [ -f "$build/CMakeCache.txt" ] &&
   ! grep -qx "CMAKE_GENERATOR:INTERNAL=$generator" "$build/CMakeCache.txt"; then
	rm -rf "$build"
fi

cmake -S "$root" -B "$build" -G "$generator" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DGENIPI_BUILD_TESTS=OFF -DGENIPI_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target genipi-sim

sim=$(find "$build" -type f -name genipi-sim -perm -u+x | head -n 1)
if [ -z "$sim" ]; then
	echo "demo: the build made no genipi-sim program" >&2
	exit 1
fi
if [ "$#" -eq 0 ]; then
	set -- --machine coolidge --workload all --duration 0.5
fi
echo "+ ${sim#"$root"/} $*"
exec "$sim" "$@"
