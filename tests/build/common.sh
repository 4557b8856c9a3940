# SPDX-License-Identifier: BSD-2-Clause
# shellcheck shell=bash
#
# Helpers shared by the tests/build/*.sh scripts (sourced, not run).

# A fresh, empty scratch directory (under the build tree, so a failed run
# can be inspected and `rm -rf build` cleans it).
fresh_dir()
{
	rm -rf "$1"
	mkdir -p "$1"
}

# run_logged LOG CMD...: run CMD with its output in LOG; on failure show
# the end of LOG and fail.
run_logged()
{
	local log=$1 rc=0
	shift
	"$@" >"$log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "FAILED ($rc): $*" >&2
		tail -n 60 "$log" >&2
		return "$rc"
	fi
}

# The genipi libraries under a build tree.
find_lib()
{
	find "$1" -name "$2" -not -path '*/CMakeFiles/*' | head -n 1
}
