#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Run genipi's benchmarks; print one line per result, each with a baseline
# measured in the same run:
#
#   bench <name>: <value> <unit> (baseline <name>: <value>, ratio <x.xx>, target <= <t>)
#
# A target written as a bare number bounds the ratio; one with a unit
# ("10 Ir/call") bounds the value. Lines ending "no target" are context.
#
#  1. One-way IPI latency on the hosted port, poll and sleep delivery, both
#     swipi domains, against raw flag and futex ping-pongs (bench_ipi_latency).
#  2. Instructions of ipi_send_single() and __ipi_send_single() above the
#     chip callback (callgrind), against a function that only calls the chip.
#  3. ipi_send_mask() instructions per target at 4096 targets (a 4096-CPU
#     build) against 8 targets on an 8-CPU machine (BUILD_DIR's own build).
#
# Usage: bench/run.sh [--quick] [--check] [--no-build] [BUILD_DIR]
#
#   --quick     fewer latency rounds: the whole run takes seconds
#   --check     exit 1 unless every line was printed and the instruction
#               counts meet their targets (they are deterministic; timings
#               are never checked); exit 77 (skipped) without valgrind
#   --no-build  use BUILD_DIR as it is (what the bench_smoke test does)
#   BUILD_DIR   a CMake build tree of genipi, configured (RelWithDebInfo,
#               Ninja if available) if it does not exist; default build/bench
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
quick=
check=
build=1
dir=

for arg in "$@"; do
	case "$arg" in
	--quick) quick=--quick ;;
	--check) check=1 ;;
	--no-build) build= ;;
	-h | --help)
		sed -n '3,28p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	-*)
		echo "run.sh: unknown option $arg" >&2
		exit 2
		;;
	*) dir=$arg ;;
	esac
done
dir=${dir:-$root/build/bench}

programs=(bench_ipi_latency bench_send_cost bench_send_cost_nr4096)
if [ -n "$build" ]; then
	if [ ! -f "$dir/CMakeCache.txt" ]; then
		generator=()
		command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
		cmake -S "$root" -B "$dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
			-DGENIPI_BUILD_TESTS=OFF -DGENIPI_BUILD_BENCH=ON >/dev/null
	fi
	cmake --build "$dir" --target "${programs[@]}" >/dev/null
fi
bin=$dir/bench
for t in "${programs[@]}"; do
	if [ ! -x "$bin/$t" ]; then
		echo "run.sh: $bin/$t is missing (build it, or drop --no-build)" >&2
		exit 1
	fi
done

# The instruction targets are for the optimised, uninstrumented build:
# bench/CMakeLists.txt records how the tree was configured.
setting()
{
	sed -n "s/^$1=//p" "$bin/bench-build.txt" 2>/dev/null
}
release_build=1
case "$(setting build_type)" in
RelWithDebInfo | Release) ;;
*) release_build= ;;
esac
[ -z "$(setting sanitize)" ] || release_build=
case "$(setting debug)" in
ON | on | 1 | TRUE | true | YES | yes) release_build= ;;
esac

out=$(mktemp "${TMPDIR:-/tmp}/genipi-bench.XXXXXX")
trap 'rm -f "$out"' EXIT INT TERM

# 1. latency
"$bin/bench_ipi_latency" $quick | tee -a "$out"

# 2 and 3: instruction counts, the same in quick mode (they are exact)
if ! command -v valgrind >/dev/null 2>&1; then
	echo "# valgrind is not installed: instruction-count benchmarks skipped"
	[ -z "$check" ] || exit 77
	exit 0
fi
cost="$root/bench/callgrind-cost.sh"

# ir PROGRAM FUNCTION DOMAIN CPUS TARGETS CALLS: Ir per call above the chip
ir()
{
	local program=$1 fn=$2 domain=$3 cpus=$4 nr_targets=$5 calls=$6 result
	result=$("$cost" "$fn" "$calls" "$bin/$program" "$fn" "$domain" "$cpus" "$nr_targets" \
		"$calls")
	echo "${result%% *}"
}

# result NAME VALUE UNIT BASELINE_NAME BASELINE_VALUE TARGET: print a line
result()
{
	awk -v n="$1" -v v="$2" -v u="$3" -v bn="$4" -v bv="$5" -v t="$6" 'BEGIN {
		printf "bench %s: %.2f %s (baseline %s: %.2f, ratio %.2f, %s)\n", n, v, u, bn, bv,
			(bv > 0 ? v / bv : 0), (t == "" ? "no target" : "target <= " t)
	}' | tee -a "$out"
}

# Each count is assigned before use, so a failed callgrind run stops the script.
calls=10000
raw=$(ir bench_send_cost bench_raw_send_single single 2 2 $calls)
for fn in ipi_send_single __ipi_send_single; do
	[ "$fn" = ipi_send_single ] && limit=40 || limit=10
	single=$(ir bench_send_cost $fn single 2 2 $calls)
	percpu=$(ir bench_send_cost $fn percpu 2 2 $calls)
	result "$fn" "$single" Ir/call raw_chip_call "$raw" "$limit Ir/call"
	result "${fn}_percpu" "$percpu" Ir/call raw_chip_call "$raw" ""
done

declare -A eight
for domain in percpu single; do
	eight[$domain]=$(ir bench_send_cost ipi_send_mask "$domain" 8 8 1000)
	all=$(ir bench_send_cost_nr4096 ipi_send_mask "$domain" 4096 4096 10)
	result "ipi_send_mask_4096_$domain" "$(awk -v x="$all" 'BEGIN { print x / 4096 }')" \
		Ir/target "ipi_send_mask_8_$domain" \
		"$(awk -v x="${eight[$domain]}" 'BEGIN { print x / 8 }')" 1.2
done
# context: what a 4096-CPU build costs an 8-target send on an 8-CPU machine
large=$(ir bench_send_cost_nr4096 ipi_send_mask percpu 8 8 1000)
result ipi_send_mask_8_percpu_nr4096 "$large" Ir/call ipi_send_mask_8_percpu "${eight[percpu]}" ""

[ -n "$check" ] || exit 0

# --check: every line is there; the instruction counts meet their targets.
status=0
for name in ipi_oneway_poll_single ipi_oneway_poll_percpu ipi_oneway_sleep_single \
	ipi_oneway_sleep_percpu ipi_send_single __ipi_send_single ipi_send_mask_4096_percpu \
	ipi_send_mask_4096_single; do
	if ! grep -q "^bench $name: " "$out"; then
		echo "run.sh: no result for $name" >&2
		status=1
	fi
done
if [ -z "$release_build" ]; then
	echo "# not a RelWithDebInfo/Release build without sanitizers or GENIPI_DEBUG:" \
		"instruction targets not checked"
	exit $status
fi
# "target <= N Ir/call" bounds the value, "target <= N" the ratio
awk '/^bench .*target <= / {
	name = $2; sub(/:$/, "", name)
	value = $3
	ratio = $0; sub(/.*ratio /, "", ratio); sub(/,.*/, "", ratio)
	limit = $0; sub(/.*target <= /, "", limit); sub(/\).*/, "", limit)
	if (name ~ /^ipi_oneway_/)
		next # timings are never checked
	split(limit, parts, " ")
	measured = parts[2] == "" ? ratio : value
	if (measured + 0 > parts[1] + 0) {
		printf "run.sh: %s: %s exceeds its target %s\n", name, measured, limit > "/dev/stderr"
		bad = 1
	}
}
END { exit bad }' "$out" || status=1
exit $status
