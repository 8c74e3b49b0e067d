#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# mk-initramfs.sh BUILD_DIR OUT.cpio.gz
# Busybox (Debian's busybox-static), the kernel's modules and the guest side
# of the tests (guest/), packed as the test VM's initramfs.
# WB_GUEST_EXTRA=DIR: also DIR's contents, at the root.

. "$(dirname "$0")/lib.sh"

kbuild=${1:?usage: mk-initramfs.sh BUILD_DIR OUT}
out=${2:?usage: mk-initramfs.sh BUILD_DIR OUT}
busybox=$(command -v busybox) || die "busybox not found (Debian package busybox-static)"
grep -q "not a dynamic executable" <<< "$(ldd "$busybox" 2>&1 || true)" ||
	die "$busybox is not statically linked (install busybox-static)"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,sbin,dev,proc,sys,tmp,lib,etc,tests,modes,root}
cp "$busybox" "$stage/bin/busybox"
cp "$WB_ROOT/guest/init" "$stage/init"
chmod 755 "$stage/init"
cp "$WB_ROOT"/guest/lib/* "$stage/lib/"
cp "$WB_ROOT"/guest/tests/*.sh "$stage/tests/"
cp "$WB_ROOT"/guest/modes/* "$stage/modes/"
# The series' kselftest, as the tree has it (a tree without it, the base:
# the guest's kselftest script then fails, saying so).
if [ -d "$SRC/tools/testing/selftests/tdx_host" ]; then
	mkdir -p "$stage/selftests/kselftest"
	cp -a "$SRC/tools/testing/selftests/tdx_host" "$stage/selftests/"
	cp "$SRC/tools/testing/selftests/kselftest/ktap_helpers.sh" "$stage/selftests/kselftest/"
fi
# Extra guest payload (images, selftest binaries) staged by other scripts,
# and, for one VM mode, a payload of its own ($WB_GUEST_EXTRA: Python and
# a repository for intel-demo).
if [ -d "$kbuild/wb-guest-extra" ]; then
	cp -a "$kbuild/wb-guest-extra/." "$stage/"
fi
if [ -n "${WB_GUEST_EXTRA:-}" ]; then
	cp -a "$WB_GUEST_EXTRA/." "$stage/"
fi
"${KMAKE[@]}" -C "$SRC" O="$kbuild" INSTALL_MOD_PATH="$stage" INSTALL_MOD_STRIP=1 \
	DEPMOD=/sbin/depmod modules_install > /dev/null
(cd "$stage" && find . -print0 | cpio -0 -o -H newc --quiet --owner=0:0) | gzip -1 > "$out.tmp"
mv "$out.tmp" "$out"
log "initramfs: $out ($(du -h "$out" | cut -f1))"
