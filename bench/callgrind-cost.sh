#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# callgrind-cost.sh FUNCTION CALLS COMMAND [ARG...]
#
# Run COMMAND under callgrind, counting instructions only while FUNCTION is
# on the stack (--toggle-collect), so the total is FUNCTION's inclusive cost
# over all its calls. Subtract what ran in the chip callbacks (functions
# named bench_chip_*, see send_cost.c) and divide by CALLS, the number of
# times COMMAND calls FUNCTION. Prints one line:
#
#   <Ir per call above the chip> <inclusive Ir> <chip Ir>
#
# Instruction counts do not depend on load or timing: the same binary gives
# the same numbers on every run.
set -eu

if [ $# -lt 3 ]; then
	echo "usage: $0 FUNCTION CALLS COMMAND [ARG...]" >&2
	exit 2
fi
fn=$1
calls=$2
shift 2

out=$(mktemp "${TMPDIR:-/tmp}/genipi-callgrind.XXXXXX")
trap 'rm -f "$out" "$out.log"' EXIT INT TERM

# Names uncompressed so the parser needs no id table.
if ! valgrind --tool=callgrind --collect-atstart=no --toggle-collect="$fn" \
	--compress-strings=no --compress-pos=no --callgrind-out-file="$out" \
	--log-file="$out.log" "$@" >/dev/null; then
	echo "$0: valgrind $* failed:" >&2
	cat "$out.log" >&2 2>/dev/null || true
	exit 1
fi

# Cost lines are "<position> <Ir>". The line after a calls= line is the
# inclusive cost of that call, already counted in the callee's own lines.
awk -v calls="$calls" -v fn="$fn" '
	/^totals:/ { total = $2; next }
	/^summary:/ { summary = $2; next }
	/^fn=/ { in_chip = ($0 ~ /^fn=bench_chip_/); after_call = 0; next }
	/^calls=/ { after_call = 1; next }
	/^[0-9+*-]/ {
		if (after_call) {
			after_call = 0
			next
		}
		if (in_chip)
			chip += $NF
	}
	END {
		if (total == "")
			total = summary
		if (total == "" || total == 0) {
			printf "callgrind-cost: nothing counted inside %s\n", fn > "/dev/stderr"
			exit 1
		}
		printf "%.2f %d %d\n", (total - chip) / calls, total, chip
	}
' "$out"
