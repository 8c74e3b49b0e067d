#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# vm-test.sh [MODE]
# Pack the initramfs for the built test kernel, boot it under QEMU TCG and
# turn the console log into "PASS|FAIL|SKIP name" lines (exit 1 on failure).
# The log is kept in $RESULTS/vm-MODE.log.

. "$(dirname "$0")/lib.sh"

mode=${1:-test}
kbuild=$BUILD/kernel
mkdir -p "$RESULTS"
"$WB_ROOT/scripts/mk-initramfs.sh" "$kbuild" "$BUILD/initramfs.cpio.gz" >&2
"$WB_ROOT/scripts/run-vm.sh" "$kbuild/arch/x86/boot/bzImage" "$BUILD/initramfs.cpio.gz" \
	"$RESULTS/vm-$mode.log" "$mode" >&2
suites=()
[ "$mode" = test ] && suites=(--suites "$WB_ROOT/configs/kunit.suites")
exec "$WB_ROOT/scripts/parse-vm-log.py" --kunit-tool "$SRC/tools/testing/kunit/kunit.py" \
	"${suites[@]}" --prefix "vm" "$RESULTS/vm-$mode.log"
