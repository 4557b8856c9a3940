#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Run one bare-metal image under QEMU, bounded in time, and judge it.
#
# Usage: run-qemu.sh --timeout SECONDS --log FILE [--expect-fail REGEX]
#                    -- qemu-system-... ARGS...
#
# The guest's console (and QEMU's own messages) go to FILE. The run passes
# if the guest printed "genipi: PASS" and QEMU exited 0 (the riscv port
# exits through the SiFive test device, which gives QEMU a non-zero status
# on a failure; the aarch64 port through PSCI SYSTEM_OFF, which always
# gives 0, so the line decides). On a failure or a timeout the last lines
# of FILE are printed and FILE is kept; a passing run's FILE is kept too,
# until the next run of the same test overwrites it.
#
# --expect-fail REGEX: a misuse test. The run passes if the guest printed a
# "genipi: FAIL" line and a line matching REGEX (the error it must give,
# e.g. naming the offending DT node) and QEMU exited by itself.
set -uo pipefail

timeout_s=120
log=
expect_fail=
while [ $# -gt 0 ]; do
	case "$1" in
	--timeout) timeout_s=$2; shift 2 ;;
	--log) log=$2; shift 2 ;;
	--expect-fail) expect_fail=$2; shift 2 ;;
	--) shift; break ;;
	*) echo "run-qemu: unknown option $1" >&2; exit 2 ;;
	esac
done
if [ -z "$log" ] || [ $# -eq 0 ]; then
	echo "usage: $0 --timeout SECONDS --log FILE -- QEMU ARGS..." >&2
	exit 2
fi
mkdir -p "$(dirname "$log")"

start=$SECONDS
{
	echo "# $*"
} >"$log"
timeout -k 5 "$timeout_s" "$@" </dev/null >>"$log" 2>&1
rc=$?
elapsed=$((SECONDS - start))

verdict=FAIL
why=
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	why="timeout: no exit within ${timeout_s} s (a hang)"
elif [ -n "$expect_fail" ]; then
	if ! tr -d '\r' <"$log" | grep -q '^genipi: FAIL'; then
		why="a misuse test without a 'genipi: FAIL' line (QEMU exit status $rc)"
	elif ! tr -d '\r' <"$log" | grep -Eq -- "$expect_fail"; then
		why="no line matching '$expect_fail'"
	else
		verdict=PASS
	fi
elif ! tr -d '\r' <"$log" | grep -q '^genipi: PASS$'; then
	why="no 'genipi: PASS' line (QEMU exit status $rc)"
elif [ $rc -ne 0 ]; then
	why="QEMU exit status $rc"
else
	verdict=PASS
fi

# the verdict goes to the log too: scripts/qemu-repeat.sh counts hangs there
echo "run-qemu: $verdict in ${elapsed} s${why:+: $why}" >>"$log"
echo "run-qemu: $verdict in ${elapsed} s${why:+: $why}; log: $log"
if [ "$verdict" != PASS ]; then
	echo "run-qemu: last lines of the log:"
	tail -n 40 "$log" | tr -d '\r' | sed 's/^/    /'
	exit 1
fi
exit 0
