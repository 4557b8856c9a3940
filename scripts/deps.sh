#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Install the Debian packages genipi needs, if any is missing.
#
# Usage: scripts/deps.sh demo|test
#   demo: what building the library and the demo needs
#   test: that, plus what the whole test suite needs (cmocka, both
#         compilers and their sanitizer runtimes, clang-format, spin,
#         valgrind; for the bare-metal ports: ld.lld, QEMU for riscv64 and
#         aarch64 (with its bundled OpenSBI), picolibc for both targets,
#         and linux-source-6.1, whose tarball carries the libfdt sources
#         scripts/libfdt-source.sh builds libfdt for the targets from)
#
# Only packages that dpkg does not already list as installed are asked for,
# and `apt-get update` runs only when something is missing, so a machine
# that has everything is not touched (and needs no network or root).
set -euo pipefail

profile=${1:-test}
demo_packages=(build-essential cmake ninja-build pkg-config device-tree-compiler libfdt-dev)
test_packages=(libcmocka-dev clang lld clang-format libclang-rt-14-dev valgrind spin python3 git
	qemu-system-misc qemu-system-arm picolibc-riscv64-unknown-elf picolibc-aarch64-linux-gnu
	linux-source-6.1 xz-utils)

case "$profile" in
demo) packages=("${demo_packages[@]}") ;;
test) packages=("${demo_packages[@]}" "${test_packages[@]}") ;;
*)
	echo "usage: $0 demo|test" >&2
	exit 2
	;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps: not a Debian system; make sure these are installed: ${packages[*]}" >&2
	exit 0
fi

missing=()
for p in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$status" = installed ] || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
	echo "deps: all ${#packages[@]} packages for '$profile' are installed"
	exit 0
fi

echo "deps: installing ${missing[*]}"
as_root=()
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "deps: not root and no sudo: install ${missing[*]} by hand" >&2
		exit 1
	fi
	as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q </dev/null
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
