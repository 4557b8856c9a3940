#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Put libfdt's C sources in DIR, for building libfdt for a bare-metal target.
#
# Usage: scripts/libfdt-source.sh DIR
#
# Debian ships libfdt built for the host only (libfdt-dev), and its source
# package is not on the package mirror this project may use. The Linux
# source package (linux-source-6.1) carries libfdt (scripts/dtc/libfdt,
# GPL-2.0-or-later OR BSD-2-Clause): its files are extracted from there,
# never copied into this repository. Nothing is done if DIR already has them.
set -euo pipefail

dir=${1:?usage: $0 DIR}
if [ -f "$dir/fdt_ro.c" ] && [ -f "$dir/libfdt.h" ]; then
	exit 0
fi
tarball=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$tarball" ]; then
	echo "libfdt-source: no /usr/src/linux-source-*.tar.xz: run scripts/deps.sh test" >&2
	exit 1
fi
top=$(basename "$tarball" .tar.xz)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -xJf "$tarball" -C "$tmp" --wildcards "$top/scripts/dtc/libfdt/*"
mkdir -p "$dir"
cp "$tmp/$top/scripts/dtc/libfdt/"* "$dir/"
echo "libfdt-source: libfdt from $tarball in $dir"
