#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Build and run genipi's whole test suite, as CI does (.ci/run calls this):
#
#   1. default build (RelWithDebInfo), every test     build/default
#      but the benchmarks
#   2. ASan + UBSan build with GENIPI_DEBUG=ON        build/asan
#   3. TSan build                                     build/tsan
#   4. the bare-metal ports under QEMU: cross builds    build/riscv64
#      (clang + ld.lld) and every QEMU configuration     build/aarch64
#      (4 and 8 CPUs, TCG single- and multi-threaded)
#   5. the benchmarks (tests labelled "bench": quick mode), alone, in
#      build/default, and the QEMU -icount benchmarks
#
# The sanitizer runs skip the tests labelled "nosan" (build, install and
# format checks, model checking, benchmarks: they would only repeat
# themselves) and build no benchmark.
# Installs missing Debian packages first (scripts/deps.sh). Prints the time
# of each stage and ends with one line "N passed, N failed" summing every
# ctest run; a build that fails, or a ctest run that finds no test, counts
# as a failure. Exits non-zero if anything failed.
#
# Environment: GENIPI_TEST_STAGES="default asan tsan riscv64 aarch64 bench"
# (a subset runs only those stages), GENIPI_JOBS (build parallelism,
# default: CPU count), GENIPI_QEMU_REPEAT=N (after the QEMU stages, run the
# multi-threaded TCG configurations N times each: scripts/qemu-repeat.sh).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

stages=${GENIPI_TEST_STAGES:-default asan tsan riscv64 aarch64 bench}
jobs=${GENIPI_JOBS:-$(nproc 2>/dev/null || echo 2)}
logs="$root/build/logs"

total_start=$SECONDS
bash "$root/scripts/deps.sh" test
mkdir -p "$logs"

# Keep building past a failed target, so one broken test costs one test.
if command -v ninja >/dev/null 2>&1; then
	generator=Ninja
	keep_going=(-k 0)
else
	generator="Unix Makefiles"
	keep_going=(-k)
fi

passed=0
failed=0
skipped=0
report=()
ctest_runner=() # a command ctest runs under (TSan may need setarch -R)

# configure NAME cmake-options...
configure()
{
	local name=$1 dir="$root/build/$1" cached
	shift
	# a tree configured with another generator cannot be reused
	if [ -f "$dir/CMakeCache.txt" ]; then
		cached=$(sed -n 's/^CMAKE_GENERATOR:INTERNAL=//p' "$dir/CMakeCache.txt")
		[ "$cached" = "$generator" ] || rm -rf "$dir"
	fi
	cmake -S "$root" -B "$dir" -G "$generator" "$@" >"$logs/$name-configure.log" 2>&1
}

# build NAME: build everything that builds
build()
{
	cmake --build "$root/build/$1" -j "$jobs" -- "${keep_going[@]}" >"$logs/$1-build.log" 2>&1
}

# run_ctest LOG_NAME BUILD_NAME [ctest options...]: run the tests of
# build/BUILD_NAME, log to build/logs/LOG_NAME-ctest.log, and add their
# counts to the totals.
run_ctest()
{
	local name=$1 dir="$root/build/$2" log="$logs/$1-ctest.log" rc=0 line total bad skip
	shift 2
	(cd "$dir" && "${ctest_runner[@]}" ctest --output-on-failure -j2 --no-tests=error "$@") 2>&1 |
		tee "$log" || rc=$?
	line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1 ||
		true)
	if [ -z "$line" ]; then
		echo "$name: ctest ran no test (exit $rc)"
		failed=$((failed + 1))
		return 1
	fi
	total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")
	bad=$(sed -E 's/^[0-9]+% tests passed, ([0-9]+) tests? failed.*/\1/' <<<"$line")
	skip=$(grep -cE '^[[:space:]]*[0-9]+ - .*\(Skipped\)' "$log" || true)
	passed=$((passed + total - bad - skip))
	failed=$((failed + bad))
	skipped=$((skipped + skip))
	if [ "$bad" -eq 0 ] && [ "$rc" -ne 0 ]; then
		# ctest failed without a failing test (e.g. a timeout of ctest itself)
		failed=$((failed + 1))
	fi
	[ "$rc" -eq 0 ]
}

# stage NAME DESCRIPTION ctest-options -- cmake-options
stage()
{
	local name=$1 what=$2 start=$SECONDS build_s ctest_opts=() result
	shift 2
	while [ "$#" -gt 0 ] && [ "$1" != -- ]; do
		ctest_opts+=("$1")
		shift
	done
	shift
	echo
	echo "==== $name: $what"
	if ! configure "$name" "$@"; then
		echo "$name: configure FAILED:"
		tail -n 40 "$logs/$name-configure.log"
		failed=$((failed + 1))
		report+=("$(printf '%-8s configure FAILED' "$name")")
		return
	fi
	result=ok
	if ! build "$name"; then
		# the tests whose programs did not build fail in ctest below
		echo "$name: build FAILED (counted as one failure); the errors:"
		grep -E -A3 '^FAILED|error:|Error [0-9]' "$logs/$name-build.log" | head -n 60
		failed=$((failed + 1))
		result="build FAILED"
	fi
	build_s=$((SECONDS - start))
	start=$SECONDS
	if ! run_ctest "$name" "$name" "${ctest_opts[@]}"; then
		result=FAILED
	fi
	report+=("$(printf '%-8s build %4ds, ctest %4ds: %s' "$name" "$build_s" \
		$((SECONDS - start)) "$result")")
}

# TSan maps its shadow memory at fixed addresses; kernels with more mmap
# randomisation than it expects make it abort at start. Run the TSan tests
# without address randomisation when that happens.
tsan_runner()
{
	local probe="$root/build/logs/tsan-probe"
	printf 'int main(void) { return 0; }\n' >"$probe.c"
	if clang -fsanitize=thread "$probe.c" -o "$probe" 2>/dev/null && ! "$probe" >/dev/null 2>&1 &&
	   setarch "$(uname -m)" -R true 2>/dev/null; then
		echo setarch "$(uname -m)" -R
	fi
}

for s in $stages; do
	case "$s" in
	default)
		stage default "RelWithDebInfo build, all tests but the benchmarks" -LE bench -- \
			-DCMAKE_BUILD_TYPE=RelWithDebInfo -DGENIPI_SANITIZE= -DGENIPI_DEBUG=OFF \
			-DGENIPI_BUILD_BENCH=ON
		;;
	asan)
		ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
			stage asan "ASan + UBSan, GENIPI_DEBUG=ON" -LE nosan -- \
			-DCMAKE_BUILD_TYPE=RelWithDebInfo -DGENIPI_SANITIZE=address,undefined \
			-DGENIPI_DEBUG=ON -DGENIPI_BUILD_BENCH=OFF
		;;
	tsan)
		read -r -a ctest_runner <<<"$(tsan_runner)"
		if [ "${#ctest_runner[@]}" -gt 0 ]; then
			echo "tsan: this kernel's mmap randomisation breaks TSan; running under" \
				"'${ctest_runner[*]}'"
		fi
		TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
			stage tsan "TSan" -LE nosan -- \
			-DCMAKE_BUILD_TYPE=RelWithDebInfo -DGENIPI_SANITIZE=thread -DGENIPI_DEBUG=OFF \
			-DGENIPI_BUILD_BENCH=OFF -DCMAKE_C_COMPILER=clang
		ctest_runner=()
		;;
	riscv64 | aarch64)
		stage "$s" "bare metal on QEMU ($s-virt), every configuration" -LE bench -- \
			-DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchain-$s-elf.cmake" \
			-DCMAKE_BUILD_TYPE=RelWithDebInfo
		if [ -n "${GENIPI_QEMU_REPEAT:-}" ]; then
			echo
			echo "==== $s-repeat: the multi-threaded TCG runs, ${GENIPI_QEMU_REPEAT} times each"
			start=$SECONDS
			result=ok
			if bash "$root/scripts/qemu-repeat.sh" -n "$GENIPI_QEMU_REPEAT" \
				"$root/build/$s" 2>&1 | tee "$logs/$s-repeat.log"; then
				passed=$((passed + 1))
			else
				failed=$((failed + 1))
				result=FAILED
			fi
			report+=("$(printf '%-8s repeat %4ds: %s' "$s" $((SECONDS - start)) "$result")")
		fi
		;;
	bench)
		echo
		echo "==== bench: benchmarks, quick mode"
		start=$SECONDS
		if [ ! -f "$root/build/default/CMakeCache.txt" ]; then
			if configure default -DCMAKE_BUILD_TYPE=RelWithDebInfo; then
				build default || true
			fi
		fi
		if grep -qs 'LABELS "[^"]*bench' "$root/build/default/bench/CTestTestfile.cmake"; then
			# verbose: the numbers belong in the log even when all is well
			result=ok
			run_ctest bench default -L bench -V || result=FAILED
		elif [ -f "$root/bench/run.sh" ]; then
			rc=0
			bash "$root/bench/run.sh" --quick --check --no-build "$root/build/default" \
				2>&1 | tee "$logs/bench.log" || rc=$?
			case "$rc" in
			0) result=ok passed=$((passed + 1)) ;;
			77) result=skipped skipped=$((skipped + 1)) ;;
			*) result="FAILED ($rc)" failed=$((failed + 1)) ;;
			esac
		else
			result="none defined"
			echo "bench: bench/ has no test labelled 'bench' and no run.sh"
		fi
		# the QEMU -icount benchmarks of the bare-metal stages that ran
		for port in riscv64 aarch64; do
			if grep -qs 'LABELS "[^"]*bench' "$root/build/$port/CTestTestfile.cmake"; then
				run_ctest "bench-$port" "$port" -L bench -V || result=FAILED
			fi
		done
		report+=("$(printf '%-8s run  %4ds: %s' bench $((SECONDS - start)) "$result")")
		;;
	*)
		echo "unknown stage '$s' (stages: default asan tsan bench)" >&2
		exit 2
		;;
	esac
done

echo
echo "==== summary (logs in build/logs)"
for r in "${report[@]}"; do
	echo "$r"
done
echo "total time $((SECONDS - total_start))s"
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
