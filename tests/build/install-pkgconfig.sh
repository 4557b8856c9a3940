#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# install_pkgconfig: `cmake --install` the build under test into a scratch
# prefix, then build the consumer program the way a Makefile would, with
# nothing but `pkg-config --cflags --libs genipi`, against the shared
# library and (with --static) the static one, and run both.
#
# Usage: install-pkgconfig.sh SOURCE_DIR BUILD_DIR WORK_DIR CC
set -euo pipefail

src=$1
build=$2
work=$3
cc=$4
# shellcheck source=tests/build/common.sh
. "$(dirname "$0")/common.sh"
fresh_dir "$work"
prefix="$work/prefix"

run_logged "$work/install.log" cmake --install "$build" --prefix "$prefix"

pc=$(find "$prefix" -name genipi.pc)
if [ -z "$pc" ]; then
	echo "FAIL: no genipi.pc installed under $prefix" >&2
	exit 1
fi
# only the scratch prefix: never a genipi installed on the machine
export PKG_CONFIG_LIBDIR
PKG_CONFIG_LIBDIR=$(dirname "$pc")
unset PKG_CONFIG_PATH

# every public header, and the generated config.h, is installed
for h in "$src"/include/genipi/*.h "$src"/ports/hosted/include/genipi/*.h config.h; do
	name=$(basename "$h")
	if [ ! -f "$prefix/include/genipi/$name" ]; then
		echo "FAIL: <genipi/$name> is not installed" >&2
		exit 1
	fi
done

cflags=$(pkg-config --cflags genipi)
libs=$(pkg-config --libs genipi)
libdir=$(pkg-config --variable=libdir genipi)
echo "pkg-config: cflags '$cflags', libs '$libs'"
case "$libdir" in
"$prefix"/*) ;;
*)
	echo "FAIL: genipi.pc names libdir $libdir, outside the install prefix $prefix" >&2
	exit 1
	;;
esac

consumer="$src/tests/build/consumer/consumer.c"
warn=(-std=c11 -Wall -Wextra -Werror)

# shared: the program must really use libgenipi.so
# shellcheck disable=SC2086 # pkg-config output is a list of words
"$cc" "${warn[@]}" $cflags "$consumer" -o "$work/consumer-shared" $libs
if ! readelf -d "$work/consumer-shared" | grep -q 'NEEDED.*libgenipi\.so'; then
	echo "FAIL: consumer-shared does not link libgenipi.so" >&2
	exit 1
fi
LD_LIBRARY_PATH="$libdir" timeout 120 "$work/consumer-shared"

# static: libgenipi.a plus what genipi.pc says it needs (Libs.private)
static_libs=$(pkg-config --static --libs genipi)
static_libs=${static_libs/-lgenipi/-Wl,-Bstatic -lgenipi -Wl,-Bdynamic}
# shellcheck disable=SC2086
"$cc" "${warn[@]}" $cflags "$consumer" -o "$work/consumer-static" $static_libs
if readelf -d "$work/consumer-static" | grep -q 'NEEDED.*libgenipi'; then
	echo "FAIL: consumer-static still needs a shared libgenipi" >&2
	exit 1
fi
timeout 120 "$work/consumer-static"
