#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Repeat mode for the bare-metal ports: run the QEMU tests of a label (by
# default "mttcg": multi-threaded TCG, where lost-IPI races show) many
# times, and count passes, failures and hangs (runs killed at their
# timeout).
#
# Usage: scripts/qemu-repeat.sh [-n RUNS] [-L LABEL] [-j JOBS] BUILD_DIR...
#   -n RUNS   runs of each test (default 200)
#   -L LABEL  the tests to repeat (default mttcg)
#   -j JOBS   tests at a time (default 2)
#   BUILD_DIR a configured and built cross build (build/riscv64, ...)
#
# The log of every failing run is kept as BUILD_DIR/qemu-repeat/TEST.RUN.log.
# Ends with one line per test and a total "repeat: N runs, N passed, N
# failed (N hangs)"; exits 1 if any run failed.
set -uo pipefail

runs=200
label=mttcg
jobs=2
while getopts n:L:j: opt; do
	case "$opt" in
	n) runs=$OPTARG ;;
	L) label=$OPTARG ;;
	j) jobs=$OPTARG ;;
	*) echo "usage: $0 [-n RUNS] [-L LABEL] [-j JOBS] BUILD_DIR..." >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [ $# -eq 0 ]; then
	echo "usage: $0 [-n RUNS] [-L LABEL] [-j JOBS] BUILD_DIR..." >&2
	exit 2
fi

declare -A pass fail hang
total=0 total_fail=0 total_hang=0
start=$SECONDS
for dir in "$@"; do
	dir=$(cd "$dir" && pwd) || exit 2
	mapfile -t tests < <(cd "$dir" && ctest -N -L "$label" | sed -n 's/^ *Test *#[0-9]*: //p')
	if [ "${#tests[@]}" -eq 0 ]; then
		echo "repeat: no test labelled '$label' in $dir" >&2
		exit 1
	fi
	keep="$dir/qemu-repeat"
	mkdir -p "$keep"
	for ((i = 1; i <= runs; i++)); do
		out=$(cd "$dir" && ctest -L "$label" -j "$jobs" --timeout 600 2>&1)
		for t in "${tests[@]}"; do
			total=$((total + 1))
			if grep -qE "Test +#[0-9]+: $t \.+ +Passed" <<<"$out"; then
				pass[$t]=$((${pass[$t]:-0} + 1))
				continue
			fi
			fail[$t]=$((${fail[$t]:-0} + 1))
			total_fail=$((total_fail + 1))
			if grep -qs "timeout: no exit" "$dir/qemu-logs/$t.log"; then
				hang[$t]=$((${hang[$t]:-0} + 1))
				total_hang=$((total_hang + 1))
			fi
			cp "$dir/qemu-logs/$t.log" "$keep/$t.$i.log" 2>/dev/null
			echo "repeat: $t failed in run $i (log: $keep/$t.$i.log)"
		done
		if ((i % 10 == 0)); then
			echo "repeat: $(basename "$dir"): $i of $runs rounds, $total_fail failed so far" \
				"($((SECONDS - start)) s)"
		fi
	done
done

for t in $(printf '%s\n' "${!pass[@]}" "${!fail[@]}" | sort -u); do
	printf 'repeat: %-40s %4d passed, %d failed (%d hangs)\n' "$t" "${pass[$t]:-0}" \
		"${fail[$t]:-0}" "${hang[$t]:-0}"
done
echo "repeat: $total runs, $((total - total_fail)) passed, $total_fail failed" \
	"($total_hang hangs) in $((SECONDS - start)) s"
[ "$total_fail" -eq 0 ]
