#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Build and run the hosted demo (examples/hosted-demo): an 8-CPU machine of
# threads with one remote processor; it reserves IPIs, sends them and prints
# what each CPU received. Installs missing Debian packages first.
# Arguments are passed to the demo.
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
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target hosted-demo

demo=$(find "$build" -type f -name hosted-demo -perm -u+x | head -n 1)
if [ -z "$demo" ]; then
	echo "demo: the build made no hosted-demo program" >&2
	exit 1
fi
echo "+ ${demo#"$root"/} $*"
exec "$demo" "$@"
