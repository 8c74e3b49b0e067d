#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# stage-python.sh DEST
# Debian's python3 (package python3, installed by deps.sh) for the test
# VM: the interpreter, its standard library without what a command-line
# tool does not need (tests, IDLE, Tk, 2to3, the static library), the
# extension modules, and every shared library they link, copied under
# DEST as they are on the host (DEST/usr/bin/python3, DEST/usr/lib/...).
# Used by 'make intel-demo', which runs Intel's update tool in the guest.

. "$(dirname "$0")/lib.sh"

dest=${1:?usage: stage-python.sh DEST}
py=$(readlink -f /usr/bin/python3)
[ -x "$py" ] || die "no /usr/bin/python3 (Debian package python3)"
ver=$(basename "$py")			# python3.11
lib=/usr/lib/$ver
[ -d "$lib" ] || die "no $lib"

mkdir -p "$dest/usr/bin" "$dest/usr/lib"
cp "$py" "$dest/usr/bin/$ver"
ln -sf "$ver" "$dest/usr/bin/python3"
tar -C /usr/lib --exclude='__pycache__' --exclude="$ver/test" \
	--exclude="$ver/idlelib" --exclude="$ver/tkinter" --exclude="$ver/turtledemo" \
	--exclude="$ver/lib2to3" --exclude="$ver/ensurepip" --exclude="$ver/pydoc_data" \
	--exclude="$ver/config-*" --exclude="$ver/site-packages" --exclude="$ver/dist-packages" \
	-cf - "$ver" | tar -C "$dest/usr/lib" -xf -

# The shared libraries of the interpreter and of each extension module
# (the dynamic loader included), at their host paths.
{
	ldd "$py"
	for so in "$lib"/lib-dynload/*.so; do ldd "$so" 2>/dev/null || true; done
} | awk '/=> \// { print $3 } /^[[:space:]]*\/[^ ]*ld-linux/ { print $1 }' | sort -u |
while read -r so; do
	mkdir -p "$dest$(dirname "$so")"
	cp -L "$so" "$dest$so"
done
# The loader at the path the ELF interpreter field names.
interp=$(readelf -l "$py" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
if [ -n "$interp" ] && [ ! -e "$dest$interp" ]; then
	mkdir -p "$dest$(dirname "$interp")"
	cp -L "$interp" "$dest$interp"
fi
log "python: $ver staged in $dest ($(du -sh "$dest" | cut -f1))"
