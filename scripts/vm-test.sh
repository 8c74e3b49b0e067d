#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# vm-test.sh [MODE...]
# Pack the initramfs for the built test kernel (guest side, kselftests,
# the TDX module images of mk-images.sh), boot it under QEMU TCG once per
# MODE (guest/modes/MODE; default "test") and print each boot's results,
# "PASS|FAIL|SKIP name [detail]" (scripts/vm.sh, vm_mode); exit 1 on any
# failure.  Logs are kept in $RESULTS/vm-MODE.log and .ktap.
#
# A mode with "python" (intel-demo, intel-tools) boots an initramfs of its
# own: Debian's python3, the stand-in for Intel's update tool, and
# $INTEL_TDX_BINARIES (a clone of Intel's binaries repository, 'make
# intel-demo') or, without it, a directory of the workbench's own
# (mk-intel-fixture.sh); the platform's CPU is one that directory's 1.5
# images list (a mode booting a 2.0 module has that module's CPU, vm.sh).

. "$(dirname "$0")/lib.sh"
. "$WB_ROOT/scripts/vm.sh"

[ $# -gt 0 ] || set -- test
kbuild=$BUILD/kernel
export TDX_EMU_FMS=${TDX_EMU_FMS:-0x806f8}
mkdir -p "$RESULTS"
"$WB_ROOT/scripts/mk-images.sh" "$kbuild/wb-guest-extra/images" >&2
"$WB_ROOT/scripts/mk-initramfs.sh" "$kbuild" "$BUILD/initramfs.cpio.gz" >&2

intel_initrd=
intel_fms=
stage_intel_demo() {
	local dir=${INTEL_TDX_BINARIES:-} extra=$BUILD/intel-demo-extra

	if [ -z "$dir" ]; then
		dir=$BUILD/intel-fixture
		"$WB_ROOT/scripts/mk-intel-fixture.sh" "$dir" >&2
	fi
	intel_fms=$("$WB_ROOT/scripts/blob-fms.py" "$dir" 1.5) ||
		die "intel-demo: no image in $dir/joined_files/1.5 lists a CPU"
	rm -rf "$extra"
	mkdir -p "$extra/intel" "$extra/intel-standin"
	"$WB_ROOT/scripts/stage-python.sh" "$extra" >&2
	cp "$WB_ROOT/tools/intel-standin/version_select_and_load.py" "$extra/intel-standin/"
	tar -C "$dir" --exclude=.git -cf - . | tar -C "$extra/intel" -xf -
	# Intel's modules the platform has no identity for: registered (guest)
	"$WB_ROOT/scripts/intel-identities.py" "$dir" > "$extra/intel-identities" ||
		die "intel-demo: cannot read the images of $dir"
	intel_initrd=$BUILD/initramfs-intel-demo.cpio.gz
	WB_GUEST_EXTRA=$extra "$WB_ROOT/scripts/mk-initramfs.sh" "$kbuild" "$intel_initrd" >&2
	log "intel-demo: $dir, platform CPU signature $intel_fms"
}

rc=0
for mode in "$@"; do
	prefix=vm-$mode
	[ "$mode" != test ] || prefix=vm
	if grep -qx python "$(mode_file "$mode")"; then
		[ -n "$intel_initrd" ] || stage_intel_demo
		TDX_EMU_FMS=$intel_fms vm_mode "$mode" "$intel_initrd" "$prefix" || rc=1
	else
		vm_mode "$mode" "$BUILD/initramfs.cpio.gz" "$prefix" || rc=1
	fi
done
exit $rc
