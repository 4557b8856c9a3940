#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Run genipi-sim once and check what it did: its exit status and what its
# output must (and must not) contain.
#
# Usage: check-sim.sh STATUS [checks...] -- GENIPI-SIM [ARGS...]
#
#   STATUS             the exit status expected (0, 1 or 2)
#   --out REGEX        an extended regex some line of stdout must match
#   --err REGEX        an extended regex some line of stderr must match
#   --not REGEX        an extended regex no line of stdout or stderr may match
#   --truncate SRC N DEST
#                      before the run, write the first N bytes of SRC to DEST
#   --write DEST TEXT  before the run, write TEXT to DEST
#
# On failure it prints the command, the status and both outputs.
set -euo pipefail

if [ "$#" -lt 3 ]; then
	echo "usage: $0 STATUS [checks...] -- COMMAND..." >&2
	exit 2
fi
want=$1
shift
out_re=()
err_re=()
not_re=()
while [ "$#" -gt 0 ] && [ "$1" != -- ]; do
	case "$1" in
	--out) out_re+=("$2"); shift 2 ;;
	--err) err_re+=("$2"); shift 2 ;;
	--not) not_re+=("$2"); shift 2 ;;
	--truncate) head -c "$3" "$2" >"$4"; shift 4 ;;
	--write) printf '%s\n' "$3" >"$2"; shift 3 ;;
	*) echo "$0: unknown check '$1'" >&2; exit 2 ;;
	esac
done
[ "${1:-}" = -- ] || { echo "$0: no -- before the command" >&2; exit 2; }
shift

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
"$@" >"$tmp/out" 2>"$tmp/err" || status=$?

problems=()
[ "$status" -eq "$want" ] || problems+=("exit status $status, expected $want")
for re in "${out_re[@]+"${out_re[@]}"}"; do
	grep -Eq -- "$re" "$tmp/out" || problems+=("stdout has no line matching: $re")
done
for re in "${err_re[@]+"${err_re[@]}"}"; do
	grep -Eq -- "$re" "$tmp/err" || problems+=("stderr has no line matching: $re")
done
for re in "${not_re[@]+"${not_re[@]}"}"; do
	if grep -Eq -- "$re" "$tmp/out" "$tmp/err"; then
		problems+=("the output has a line matching: $re")
	fi
done

if [ "${#problems[@]}" -eq 0 ]; then
	echo "ok: $* (exit $status)"
	exit 0
fi
echo "FAILED: $*"
for p in "${problems[@]}"; do
	echo "  - $p"
done
echo "---- stdout"
cat "$tmp/out"
echo "---- stderr"
cat "$tmp/err"
exit 1
