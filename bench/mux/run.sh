#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Run the multiplexer's benchmarks and print one line per result, each with
# a baseline measured in the same run:
#
#   bench mux_vipi: <ns> ns (baseline fetch_or+xchg: <ns> ns, ratio <x.xx>, target <= 2.00)
#       one vIPI end to end on the hosted port (poll delivery, CLINT driver
#       and model) against a bit handed between the same two CPU threads
#   bench mux_vipi_send_process: <ns> ns (baseline fetch_or+xchg: ...)
#       the multiplexer alone between two pinned threads: ipi_send_single()
#       + ipi_mux_process(), the parent IPI a polled flag word
#   bench mux_vipi_same_thread: <ns> ns (baseline fetch_or+xchg: ...)
#       ipi_send_single() + ipi_mux_process() on one thread, no delivery
#   bench mux_vipi_path_ir: <Ir> Ir/call (baseline fetch_or+xchg: ...)
#       the same, in instructions (callgrind: exact, the same on every run)
#
# Usage: bench/mux/run.sh [--quick] [--check] BUILD_DIR
#
#   --quick   fewer rounds: seconds in all
#   --check   exit 1 unless every line was printed (values are not checked)
#   BUILD_DIR a built genipi tree with the benchmarks (GENIPI_BUILD_BENCH)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
quick=
check=
dir=
for arg in "$@"; do
	case "$arg" in
	--quick) quick=--quick ;;
	--check) check=1 ;;
	-h | --help)
		sed -n '3,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	-*)
		echo "run.sh: unknown option $arg" >&2
		exit 2
		;;
	*) dir=$arg ;;
	esac
done
if [ -z "$dir" ]; then
	echo "usage: $0 [--quick] [--check] BUILD_DIR" >&2
	exit 2
fi
bin=$dir/bench/mux
for p in bench_mux_latency bench_mux_send_process bench_mux_path; do
	if [ ! -x "$bin/$p" ]; then
		echo "run.sh: $bin/$p is missing (build the benchmarks first)" >&2
		exit 1
	fi
done

out=$(mktemp "${TMPDIR:-/tmp}/genipi-bench-mux.XXXXXX")
trap 'rm -f "$out"' EXIT INT TERM

"$bin/bench_mux_latency" $quick | tee -a "$out"
"$bin/bench_mux_send_process" $quick | tee -a "$out"
if [ -n "$quick" ]; then
	"$bin/bench_mux_path" --calls 1000000 | tee -a "$out"
else
	"$bin/bench_mux_path" | tee -a "$out"
fi

names=(mux_vipi mux_vipi_send_process mux_vipi_same_thread)
if command -v valgrind >/dev/null 2>&1; then
	calls=10000
	cost=$here/../callgrind-cost.sh
	mux=$("$cost" bench_mux_vipi_once $calls "$bin/bench_mux_path" --calls $calls --only mux)
	raw=$("$cost" bench_raw_handoff_once $calls "$bin/bench_mux_path" --calls $calls --only raw)
	awk -v m="${mux%% *}" -v r="${raw%% *}" 'BEGIN {
		printf "bench mux_vipi_path_ir: %.2f Ir/call (baseline fetch_or+xchg: %.2f Ir/call, ratio %.2f, no target)\n",
			m, r, (r > 0 ? m / r : 0)
	}' | tee -a "$out"
	names+=(mux_vipi_path_ir)
else
	echo "# valgrind is not installed: instruction counts skipped"
fi

[ -n "$check" ] || exit 0
status=0
for name in "${names[@]}"; do
	if ! grep -q "^bench $name: " "$out"; then
		echo "run.sh: no result for $name" >&2
		status=1
	fi
done
exit $status
