#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# headers_self_contained: every public header (the <genipi/...> headers of
# the core, the hosted port and the drivers) compiles on its own, twice in a
# row (include guard), as C11 and as C++11, with and without GENIPI_PREFIX,
# with each C and C++ compiler given.
#
# Usage: headers-self-contained.sh SOURCE_DIR GENERATED_INCLUDE_DIR WORK_DIR
#        CC:CXX [CC:CXX...]
set -euo pipefail

src=$1
gen=$2
work=$3
shift 3
# shellcheck source=tests/build/common.sh
. "$(dirname "$0")/common.sh"
fresh_dir "$work"

# the core's, the hosted port's and the drivers' public headers
include_dirs=("$src/include")
for d in "$src/ports/hosted/include" "$src/drivers/include"; do
	[ -d "$d" ] && include_dirs+=("$d")
done
iflags=()
for d in "${include_dirs[@]}" "$gen"; do
	iflags+=(-I "$d")
done

headers=()
for d in "${include_dirs[@]}"; do
	while IFS= read -r h; do
		headers+=("${h#"$d"/genipi/}")
	done < <(find "$d/genipi" -name '*.h' | sort)
done
if [ "${#headers[@]}" -eq 0 ]; then
	echo "headers_self_contained: no header found" >&2
	exit 1
fi

warn=(-Wall -Wextra -Werror -Wpedantic)
checked=0
failed=0
for pair in "$@"; do
	cc=${pair%%:*}
	cxx=${pair#*:}
	for h in "${headers[@]}"; do
		tu="$work/$(tr / - <<<"${h%.h}").c"
		# a declaration of our own: a header of macros only would leave
		# an empty translation unit, which -Wpedantic rejects
		printf '#include <genipi/%s>\n#include <genipi/%s>\ntypedef int check_t;\n' \
			"$h" "$h" >"$tu"
		for prefix in no yes; do
			variant=()
			[ "$prefix" = yes ] && variant=(-DGENIPI_PREFIX=1)
			for lang in c c++; do
				if [ "$lang" = c ]; then
					cmd=("$cc" -std=c11 -x c)
				else
					cmd=("$cxx" -std=c++11 -x c++)
				fi
				cmd+=("${warn[@]}" -fsyntax-only "${iflags[@]}" "${variant[@]}" "$tu")
				checked=$((checked + 1))
				if ! out=$("${cmd[@]}" 2>&1); then
					failed=$((failed + 1))
					echo "FAIL: <genipi/$h> with $(basename "${cmd[0]}") ($lang)" \
						"${variant[*]}"
					echo "$out" | head -n 20
				fi
			done
		done
	done
done

echo "headers_self_contained: ${#headers[@]} headers, $checked compilations, $failed failed"
[ "$failed" -eq 0 ]
