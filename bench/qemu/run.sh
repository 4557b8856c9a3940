#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Run the -icount benchmark images of a bare-metal build (bench/qemu/) and
# print their lines:
#
#   bench qemu_<config>_roundtrip: <insns> insns (baseline <raw>_roundtrip: <insns>, ratio <x.xx>, target <= 1.3)
#
# Each image boots under QEMU (-smp 2 -accel tcg,thread=single -icount
# shift=0) through tests/qemu/run-qemu.sh, which bounds it in time and
# wants its "genipi: PASS" line. The counts are guest instructions, exact
# and deterministic: every run of an image must print the same line.
#
# Usage: bench/qemu/run.sh [--check] [--no-targets] [--ceiling R] [--runs N]
#                          [--only CONFIG] [--timeout S] BUILD_DIR
#
#   --check      exit 1 unless every image passed, printed its line, the
#                same line in each run, and (in a RelWithDebInfo or Release
#                build) met its ratio target: the counts are exact, so they
#                are checked, as bench/run.sh --check checks the hosted ones
#   --no-targets with --check: leave the ratio targets out of the verdict
#   --ceiling R  with --check: hold the ratio to R instead of the line's
#                target (a regression guard where the target is not met
#                yet; the line still prints the target)
#   --runs N     boot each image N times (default 2: the determinism check)
#   --only NAME  only the configuration NAME (e.g. riscv_m_clint)
#   --timeout S  seconds per QEMU run (default 120)
#   BUILD_DIR    a build tree configured with a bare-metal toolchain file
#                (cmake/toolchain-*-elf.cmake), images built
#
# Logs: BUILD_DIR/qemu-logs/bench_qemu_<config>.run<k>.log.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
check=
targets=1
ceiling=
runs=2
only=
timeout_s=120
dir=

while [ $# -gt 0 ]; do
	case "$1" in
	--check) check=1; shift ;;
	--no-targets) targets=; shift ;;
	--ceiling) ceiling=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	--only) only=$2; shift 2 ;;
	--timeout) timeout_s=$2; shift 2 ;;
	-h | --help)
		sed -n '3,28p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	-*)
		echo "run.sh: unknown option $1" >&2
		exit 2
		;;
	*) dir=$1; shift ;;
	esac
done
if [ -z "$dir" ]; then
	echo "usage: $0 [--check] [--no-targets] [--runs N] [--only CONFIG] [--timeout S] BUILD_DIR" >&2
	exit 2
fi
manifest=$dir/bench-qemu/images.txt
if [ ! -f "$manifest" ]; then
	echo "run.sh: no $manifest: not a bare-metal build tree with bench images" >&2
	exit 1
fi

release_build=
case "$(sed -n 's/^build_type=//p' "$dir/bench-qemu/build.txt" 2>/dev/null)" in
RelWithDebInfo | Release) release_build=1 ;;
esac

status=0
found=
while IFS=$'\t' read -r -a fields; do
	[ ${#fields[@]} -ge 3 ] || continue
	name=${fields[0]}
	elf=${fields[1]}
	qemu=("${fields[@]:2}")
	[ -z "$only" ] || [ "$only" = "$name" ] || continue
	found=1
	if [ ! -f "$elf" ]; then
		echo "run.sh: $name: $elf is not built" >&2
		status=1
		continue
	fi

	lines=()
	for k in $(seq 1 "$runs"); do
		log=$dir/qemu-logs/bench_qemu_$name.run$k.log
		if ! bash "$root/tests/qemu/run-qemu.sh" --timeout "$timeout_s" --log "$log" \
			-- "${qemu[@]}" -kernel "$elf" >/dev/null; then
			echo "run.sh: $name: run $k failed; log: $log" >&2
			tail -n 20 "$log" | tr -d '\r' | sed 's/^/    /' >&2
			status=1
			continue 2
		fi
		line=$(tr -d '\r' <"$log" | grep -m1 "^bench qemu_${name}_roundtrip: " || true)
		if [ -z "$line" ]; then
			echo "run.sh: $name: run $k printed no bench line; log: $log" >&2
			status=1
			continue 2
		fi
		lines+=("$line")
	done

	echo "${lines[0]}"
	for line in "${lines[@]:1}"; do
		if [ "$line" != "${lines[0]}" ]; then
			echo "run.sh: $name: runs differ (not deterministic):" >&2
			printf '    %s\n' "${lines[@]}" >&2
			status=1
			break
		fi
	done

	if [ -n "$check" ] && [ -n "$targets" ] && [ -n "$release_build" ]; then
		# "ratio R, target <= T": R must not exceed T (or the ceiling)
		if ! awk -v ceiling="$ceiling" '{
			ratio = $0; sub(/.*ratio /, "", ratio); sub(/,.*/, "", ratio)
			limit = $0; sub(/.*target <= /, "", limit); sub(/\).*/, "", limit)
			if (ceiling != "")
				limit = ceiling
			exit !(ratio + 0 <= limit + 0)
		}' <<<"${lines[0]}"; then
			echo "run.sh: $name: the ratio exceeds ${ceiling:+the ceiling $ceiling, }its" \
				"${ceiling:+regression guard}${ceiling:-target}" >&2
			status=1
		elif [ -n "$ceiling" ]; then
			echo "# $name: held to the regression ceiling $ceiling (the target is not met yet)"
		fi
	fi
done <"$manifest"

if [ -z "$found" ]; then
	echo "run.sh: no image${only:+ named $only} in $manifest" >&2
	exit 1
fi
if [ -n "$check" ] && [ -n "$targets" ] && [ -z "$release_build" ]; then
	echo "# not a RelWithDebInfo/Release build: ratio targets not checked"
fi
[ -n "$check" ] || exit 0
exit $status
