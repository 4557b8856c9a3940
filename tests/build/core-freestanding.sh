#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# core_freestanding: the core builds with nothing but the compiler's own
# headers (-nostdinc, -ffreestanding) and links into one relocatable object
# whose only undefined symbols are what a port provides (port_* and
# smp_processor_id) and what the compiler itself may call:
#  - memcpy, memset, memmove, memcmp: GCC and clang may emit calls to them
#    even with -ffreestanding, so every freestanding environment has them;
#  - helpers of the compiler's runtime library (libgcc, compiler-rt), e.g.
#    __popcountdi2 for __builtin_popcountl on a CPU without a popcount
#    instruction: linked with -lgcc / the clang builtins on bare metal;
#  - _GLOBAL_OFFSET_TABLE_, which the linker defines (PIC/PIE code).
# The test prints which of them each compiler needed.
#
# Usage: core-freestanding.sh SOURCE_DIR GENERATED_INCLUDE_DIR WORK_DIR NM CC...
set -euo pipefail

src=$1
gen=$2
work=$3
nm=$4
shift 4
# shellcheck source=tests/build/common.sh
. "$(dirname "$0")/common.sh"
fresh_dir "$work"

sources=("$src"/core/*.c)
if [ ! -f "${sources[0]}" ]; then
	echo "core_freestanding: no source in $src/core" >&2
	exit 1
fi

port_symbols='^(port_[a-z0-9_]+|smp_processor_id)$'
compiler_symbols='^(memcpy|memset|memmove|memcmp|_GLOBAL_OFFSET_TABLE_|__[a-z0-9]+(qi|hi|si|di|ti|sf|df|tf)[0-9])$'
failed=0
for cc in "$@"; do
	cc_failed=0
	name=$(basename "$(readlink -f "$(command -v "$cc")")")
	out="$work/$name"
	mkdir -p "$out"
	compiler_include=$("$cc" -print-file-name=include)
	flags=(-std=c11 -O2 -Wall -Wextra -Werror -ffreestanding -nostdlib -nostdinc
	       -isystem "$compiler_include" -I "$src/include" -I "$gen")
	objects=()
	for f in "${sources[@]}"; do
		o="$out/$(basename "${f%.c}").o"
		if ! "$cc" "${flags[@]}" -c "$f" -o "$o"; then
			echo "FAIL: $name cannot compile $f freestanding"
			cc_failed=1
			continue
		fi
		objects+=("$o")
	done
	if [ "$cc_failed" -ne 0 ]; then
		failed=1
		continue
	fi

	# one relocatable object: duplicate definitions fail here too
	if ! "$cc" -nostdlib -r -o "$out/core.o" "${objects[@]}"; then
		echo "FAIL: $name cannot link the core into one relocatable object"
		failed=1
		continue
	fi

	undefined=$("$nm" -u -P "$out/core.o" | awk '{ print $1 }' | sort -u)
	port=$(grep -E "$port_symbols" <<<"$undefined" | tr '\n' ' ' || true)
	builtin=$(grep -E "$compiler_symbols" <<<"$undefined" | tr '\n' ' ' || true)
	other=$(grep -vE "$port_symbols|$compiler_symbols" <<<"$undefined" | tr '\n' ' ' || true)
	echo "$name: ${#objects[@]} files; needs from the port: $port"
	echo "$name: needs from the compiler's runtime or linker: ${builtin:-nothing}"
	if [ -n "$other" ]; then
		echo "FAIL: $name: the core needs symbols neither a port nor the compiler provides: $other"
		failed=1
	fi
done
exit "$failed"
