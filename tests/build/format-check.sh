#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# format_check: every C source and header of the project must be what
# clang-format makes of it with the repository's .clang-format.
#
# The file list is taken when the test runs, not when CMake configures, so
# files added since are covered: the git index plus untracked files that
# are not ignored, or a directory walk outside a git checkout.
#
# Usage: format-check.sh SOURCE_DIR CLANG_FORMAT
set -euo pipefail

src=$1
clang_format=$2
dirs=(include core ports drivers tests bench examples tools)

cd "$src"
existing=()
for d in "${dirs[@]}"; do
	[ -d "$d" ] && existing+=("$d")
done

files=()
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	while IFS= read -r -d '' f; do
		# the index may still list a file deleted from the work tree
		[ -f "$f" ] && files+=("$f")
	done < <(git ls-files -z --cached --others --exclude-standard -- \
		"${existing[@]/%//*.c}" "${existing[@]/%//*.h}" | sort -zu)
else
	while IFS= read -r -d '' f; do
		files+=("$f")
	done < <(find "${existing[@]}" -type f \( -name '*.c' -o -name '*.h' \) -print0 | sort -z)
fi

if [ "${#files[@]}" -eq 0 ]; then
	echo "format_check: no C file found under ${existing[*]} in $src" >&2
	exit 1
fi

"$clang_format" --version
if "$clang_format" --style=file --dry-run --Werror "${files[@]}" >/dev/null 2>&1; then
	echo "format_check: ${#files[@]} files checked, all formatted"
	exit 0
fi
# name the culprits one by one
bad=()
for f in "${files[@]}"; do
	if ! "$clang_format" --style=file --dry-run --Werror "$f" >/dev/null 2>&1; then
		bad+=("$f")
	fi
done

echo "format_check: ${#files[@]} files checked, ${#bad[@]} not formatted"
if [ "${#bad[@]}" -ne 0 ]; then
	for f in "${bad[@]}"; do
		echo "--- $f"
		"$clang_format" --style=file "$f" | diff -u "$f" - | sed -n '3,40p' || true
	done
	echo "Fix with: clang-format -i ${bad[*]}"
	exit 1
fi
