#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Where the instructions of an -icount benchmark image go: boots the image
# once more with QEMU logging every instruction it executes (-singlestep,
# one instruction per translation block, -d nochain,exec) and prints, for
# the library phase and the raw phase, the guest instructions per round
# trip spent in each function of the image, both CPUs together, and split
# per CPU.
#
# Usage: bench/qemu/profile.sh [--min N] CONFIG BUILD_DIR
#
#   --min N   leave out functions below N instructions per round trip
#             (default 1)
#   CONFIG    a configuration of BUILD_DIR/bench-qemu/images.txt, e.g.
#             riscv_m_clint
#
# A round trip is counted at each entry of CPU 0's handler (the library's
# bench_ipi_handler, the raw bench_raw_handle_irq). Instructions outside
# the image's symbols (the SBI firmware) are listed as [firmware]. The
# totals match the benchmark's line to within the few instructions around
# the counter reads. Needs llvm-nm (or nm); the log is streamed, not kept.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
min=1
args=()
while [ $# -gt 0 ]; do
	case "$1" in
	--min) min=$2; shift 2 ;;
	-h | --help)
		sed -n '3,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*) args+=("$1"); shift ;;
	esac
done
if [ ${#args[@]} -ne 2 ]; then
	echo "usage: $0 [--min N] CONFIG BUILD_DIR" >&2
	exit 2
fi
config=${args[0]}
dir=${args[1]}
line=$(awk -F'\t' -v c="$config" '$1 == c' "$dir/bench-qemu/images.txt" 2>/dev/null || true)
if [ -z "$line" ]; then
	echo "profile.sh: no configuration $config in $dir/bench-qemu/images.txt" >&2
	exit 1
fi
IFS=$'\t' read -r -a fields <<<"$line"
elf=${fields[1]}
qemu=("${fields[@]:2}")

nm=$(command -v llvm-nm || command -v llvm-nm-14 || command -v nm)
syms=$(mktemp "${TMPDIR:-/tmp}/genipi-profile.XXXXXX")
trap 'rm -f "$syms"' EXIT INT TERM
# text symbols by address: not local labels (.L*), not the linker's __dso_handle at 0
"$nm" -n --defined-only "$elf" | awk '$2 ~ /^[tTwW]$/ && $3 !~ /^\.L/ && $1 !~ /^0+$/ { print $1, $3 }' >"$syms"

# QEMU's exec log line: "Trace <cpu>: <host tb> [<cs_base>/<pc>/<flags>/<cflags>] ..."
timeout 600 "${qemu[@]}" -kernel "$elf" -singlestep -d nochain,exec -D /dev/stderr \
	2>&1 >/dev/null </dev/null | awk -v symfile="$syms" -v min="$min" '
BEGIN {
	while ((getline l < symfile) > 0) {
		split(l, f, " ")
		n++
		addr[n] = hex(f[1])
		name[n] = f[2]
	}
	phase = ""
}
# mawk has no strtonum(): a hex string to a number (exact below 2^53)
function hex(h,    v, i) {
	h = tolower(h)
	v = 0
	for (i = 1; i <= length(h); i++)
		v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
	return v
}
# the function containing pc (binary search), "[firmware]" below the image
function sym(pc,    lo, hi, mid) {
	if (pc < addr[1])
		return "[firmware]"
	lo = 1; hi = n
	while (lo < hi) {
		mid = int((lo + hi + 1) / 2)
		if (addr[mid] <= pc) lo = mid; else hi = mid - 1
	}
	return name[lo]
}
/^Trace [0-9]+:/ {
	cpu = $2; sub(/:$/, "", cpu)
	split($4, p, "/")
	if (!(p[2] in pcval)) {
		pcval[p[2]] = hex(p[2])
		pcsym[p[2]] = sym(pcval[p[2]])
	}
	pc = pcval[p[2]]
	s = pcsym[p[2]]
	if (s == "bench_rounds_library") phase = "library"
	else if (s == "bench_rounds_raw") phase = "raw"
	else if (s == "irq_core_teardown" || s == "baremetal_printf") phase = ""
	if (phase == "")
		next
	count[phase, s]++
	percpu[phase, s, cpu]++
	total[phase]++
	totcpu[phase, cpu]++
	seen[phase, s] = 1
	# a round trip: CPU 0 enters its handler
	if (cpu == 0 && ((phase == "library" && s == "bench_ipi_handler") ||
			 (phase == "raw" && s == "bench_raw_handle_irq")) && entry_pc[phase] == "") {
		for (i = 1; i <= n; i++) if (name[i] == s) { entry_pc[phase] = addr[i]; break }
	}
	if (cpu == 0 && pc == entry_pc[phase])
		rounds[phase]++
}
END {
	for (ph = 1; ph <= 2; ph++) {
		phase = ph == 1 ? "library" : "raw"
		r = rounds[phase]
		if (!r) {
			printf "== %s: no round trips seen\n", phase
			continue
		}
		printf "== %s: %.1f instructions per round trip (%d round trips; CPU 0 %.1f, CPU 1 %.1f)\n",
			phase, total[phase] / r, r, totcpu[phase, 0] / r, totcpu[phase, 1] / r
		printf "   %8s %8s %8s  %s\n", "both", "CPU 0", "CPU 1", "function"
		m = 0
		for (k in seen) {
			split(k, kk, SUBSEP)
			if (kk[1] == phase) list[++m] = kk[2]
		}
		# sort by count, descending (insertion sort: a few dozen functions)
		for (i = 2; i <= m; i++) {
			v = list[i]; j = i - 1
			while (j > 0 && count[phase, list[j]] < count[phase, v]) { list[j + 1] = list[j]; j-- }
			list[j + 1] = v
		}
		for (i = 1; i <= m; i++) {
			s = list[i]
			if (count[phase, s] / r < min)
				continue
			printf "   %8.1f %8.1f %8.1f  %s\n", count[phase, s] / r,
				percpu[phase, s, 0] / r, percpu[phase, s, 1] / r, s
		}
		delete list
	}
}'
