#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Print the path of a sparse that the kernel accepts for C=2.
#
# Linux 7.1's scripts/checker-valid.sh wants __typeof_unqual__ support,
# which Debian 12's sparse (0.6.4) lacks: with it, "make C=2" silently
# checks nothing.  Use the system's sparse if the kernel accepts it, else
# build the one from Debian's source package (unstable, 0.6.5~rc1 or
# later) once into the cache, and check that the kernel accepts it.

. "$(dirname "$0")/lib.sh"

valid() {
	[ "$(sh "$SRC/scripts/checker-valid.sh" "$1" --arch=x86_64 -m64 2>/dev/null)" = 1 ]
}

[ -f "$SRC/scripts/checker-valid.sh" ] || die "no generated tree at $SRC: run 'make tree' first"

if command -v sparse > /dev/null && valid "$(command -v sparse)"; then
	command -v sparse
	exit 0
fi

tool=$WB_CACHE/tools/sparse/sparse
if [ -x "$tool" ] && valid "$tool"; then
	echo "$tool"
	exit 0
fi

d=$WB_CACHE/tools/sparse-src
log "sparse: the system's sparse is too old for Linux $BASE_VERSION; building Debian unstable's"
why=$(debian_source_download sparse "$d") || die "sparse: $why"
orig=$(ls "$d"/dl/sparse_*.orig.tar.* 2> /dev/null | head -n 1)
[ -n "$orig" ] || die "sparse: no source fetched from Debian: $(tail -n 1 "$d/source.log")"
mkdir -p "$d/build"
tar -xf "$orig" -C "$d/build" --strip-components=1
make -C "$d/build" -j"$JOBS" sparse > "$d/build.log" 2>&1 ||
	die "sparse: build failed (see $d/build.log)"
mkdir -p "$(dirname "$tool")"
cp "$d/build/sparse" "$tool"
valid "$tool" || die "sparse: $(basename "$orig") built, but the kernel still rejects it"
log "sparse: using $tool ($(basename "$orig"))"
rm -rf "$d"
echo "$tool"
