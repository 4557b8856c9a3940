#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Model-check the IPI multiplexer's ordering protocol (ipi_mux.pml) with spin.
#
#   check.sh good                 every configuration: no error, and the
#                                 search is complete (not cut by the depth
#                                 bound or the memory limit)
#   check.sh broken [VARIANT...]  every broken variant (or the named ones,
#                                 e.g. SEND_NO_MB): spin finds a
#                                 counterexample, which is printed
#
# Exit status 0 iff the result is the expected one.  Environment: SPIN
# (default spin), CC (default cc), PAN_MEMLIM_MB (default 4096).

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
model=$here/ipi_mux.pml
spin=${SPIN:-spin}
cc=${CC:-cc}
memlim=${PAN_MEMLIM_MB:-4096}

# The longest path of any configuration is under 120 steps: a bound of 10000
# never cuts the search, and a cut would be reported below as a failure.
depth=10000
# 2^24 hash slots (128 MB): fine for the ~14 million states of the largest
# configuration; -DCOLLAPSE keeps the states themselves at about 60 bytes.
hashbits=24
pan_cflags=(-O2 -w -DSAFETY -DNOFAIR -DNOBOUNDCHECK -DCOLLAPSE "-DMEMLIM=$memlim")

# name:defines.  Every configuration has 3 CPUs and 2 vIPIs; see README.md.
good_configs=(
	"three-senders:"
	"spurious:-DNSENDERS=2 -DSPURIOUS=1"
	"two-rounds:-DNSENDERS=2 -DNTASKOPS=2"
)
broken_variants=(SEND_NO_MB UNMASK_NO_MB ACK_NO_MB NO_RELEASE NO_ACQUIRE
		 NEWLY_SET_INVERTED NO_RECHECK)

usage() {
	echo "usage: $0 good | broken [VARIANT...]" >&2
	echo "variants: ${broken_variants[*]}" >&2
	exit 2
}

now_ms() {
	local t

	if [ -n "${EPOCHREALTIME:-}" ]; then
		t=${EPOCHREALTIME/[.,]/}
		echo $((t / 1000))
	else
		echo $(($(date +%s) * 1000))
	fi
}

seconds_since() {
	local start=$1 end
	end=$(now_ms)
	awk -v ms=$((end - start)) 'BEGIN { printf "%.1f", ms / 1000 }'
}

workdir=$(mktemp -d "${TMPDIR:-/tmp}/genipi-model.XXXXXX")
trap 'rm -rf "$workdir"' EXIT

# build NAME DEFINES...: generate and compile pan in $workdir/NAME.
build() {
	local name=$1
	shift
	local dir=$workdir/$name

	mkdir -p "$dir"
	cp "$model" "$dir/"
	if ! (cd "$dir" && "$spin" "$@" -a ipi_mux.pml >spin.log 2>&1); then
		cat "$dir/spin.log" >&2
		echo "FAIL: $name: spin -a failed" >&2
		return 1
	fi
	if ! (cd "$dir" && "$cc" "${pan_cflags[@]}" -o pan pan.c >cc.log 2>&1); then
		cat "$dir/cc.log" >&2
		echo "FAIL: $name: compiling pan failed" >&2
		return 1
	fi
}

# run_pan NAME: run the verifier; its report goes to $workdir/NAME/pan.log.
run_pan() {
	local dir=$workdir/$1

	# pan's exit status does not tell errors apart: the log does.
	(cd "$dir" && ./pan -m$depth -w$hashbits >pan.log 2>&1) || true
}

field_errors() {
	sed -n 's/.*errors: \([0-9][0-9]*\).*/\1/p' "$1" | tail -n 1
}

field_states() {
	awk '/states, stored/ { print $1 }' "$1" | tail -n 1
}

field_depth() {
	sed -n 's/.*depth reached \([0-9][0-9]*\).*/\1/p' "$1" | tail -n 1
}

check_good() {
	local total=0 failed=0 entry name defines log start secs errors states maxdepth
	local all_start
	all_start=$(now_ms)

	for entry in "${good_configs[@]}"; do
		name=${entry%%:*}
		defines=${entry#*:}
		# shellcheck disable=SC2086 # defines is a word list on purpose
		build "$name" $defines || { failed=1; continue; }
		start=$(now_ms)
		run_pan "$name"
		secs=$(seconds_since "$start")
		log=$workdir/$name/pan.log
		errors=$(field_errors "$log")
		states=$(field_states "$log")
		maxdepth=$(field_depth "$log")
		if grep -q 'max search depth too small' "$log"; then
			echo "FAIL: good [$name]: search truncated at depth $depth"
			failed=1
		elif grep -q -i 'MEMLIM\|out of memory' "$log"; then
			echo "FAIL: good [$name]: out of memory (limit ${memlim} MB)"
			failed=1
		elif [ -z "$errors" ] || [ -z "$states" ]; then
			tail -n 20 "$log"
			echo "FAIL: good [$name]: no verdict from pan"
			failed=1
		elif [ "$errors" != 0 ]; then
			grep -E 'assertion violated|invalid end state' "$log" | head -n 3
			echo "FAIL: good [$name]: $errors error(s) after $states states"
			failed=1
		else
			echo "ok: good [$name${defines:+ $defines}]: $states states," \
			     "depth $maxdepth, 0 errors, complete search, ${secs} s"
			total=$(awk -v a="$total" -v b="$states" 'BEGIN { printf "%.0f", a + b }')
		fi
	done

	if [ $failed -ne 0 ]; then
		echo "FAIL: mux model good: see above"
		return 1
	fi
	echo "PASS: mux model good: ${#good_configs[@]} configurations, $total states," \
	     "0 errors, complete, $(seconds_since "$all_start") s"
}

check_broken() {
	local failed=0 variant name log start secs errors states
	local all_start
	all_start=$(now_ms)

	for variant in "$@"; do
		name=broken-$variant
		build "$name" "-DBROKEN_$variant" || { failed=1; continue; }
		start=$(now_ms)
		run_pan "$name"
		secs=$(seconds_since "$start")
		log=$workdir/$name/pan.log
		errors=$(field_errors "$log")
		states=$(field_states "$log")
		if [ -z "$errors" ] || [ "$errors" = 0 ]; then
			local how="complete search"
			if grep -q 'max search depth too small' "$log"; then
				how="search truncated at depth $depth"
			fi
			echo "FAIL: broken [$variant]: not rejected (${states:-?} states, $how, no error)"
			failed=1
			continue
		fi
		echo "ok: broken [$variant] rejected after $states states, ${secs} s:" \
		     "$(grep -m 1 -E 'assertion violated|invalid end state' "$log" |
			sed 's/^pan:[0-9]*: //')"
		# Replay the counterexample: the model's MSC lines tell the story.
		(cd "$workdir/$name" && "$spin" "-DBROKEN_$variant" -t ipi_mux.pml 2>&1) |
			awk '/MSC:/ { sub(/^[ \t]*MSC: /, "    "); print }
			     /text of failed assertion/ && !done { sub(/^spin: /, "    "); print; done = 1 }'
	done

	if [ $failed -ne 0 ]; then
		echo "FAIL: mux model broken: a broken variant was accepted"
		return 1
	fi
	echo "PASS: mux model broken: $# variant(s) rejected with a counterexample," \
	     "$(seconds_since "$all_start") s"
}

[ $# -ge 1 ] || usage
mode=$1
shift

command -v "$spin" >/dev/null || { echo "FAIL: $spin not found" >&2; exit 2; }
command -v "$cc" >/dev/null || { echo "FAIL: $cc not found" >&2; exit 2; }

case $mode in
good)
	[ $# -eq 0 ] || usage
	check_good
	;;
broken)
	if [ $# -eq 0 ]; then
		set -- "${broken_variants[@]}"
	fi
	for variant in "$@"; do
		case " ${broken_variants[*]} " in
		*" $variant "*) ;;
		*) echo "unknown variant: $variant" >&2; usage ;;
		esac
	done
	check_broken "$@"
	;;
*)
	usage
	;;
esac
