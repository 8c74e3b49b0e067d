#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# vm-test.sh [MODE...]
# Pack the initramfs for the built test kernel (guest scripts, kselftests,
# the TDX module images of mk-images.sh), boot it under QEMU TCG once per
# MODE and turn each console log into "PASS|FAIL|SKIP name" lines (exit 1
# on any failure).  Logs are kept in $RESULTS/vm-MODE.log.
#
# Modes: "test" (default) boots the plain kernel: KUnit suites and the
# numbered guest tests, no TDX.  Every other mode M boots the software TDX
# platform ("tdx_emu" on the command line) and runs guest/tests/M.sh and
# M-*.sh: "report" (make), "e2e" (end-to-end tests that keep a module
# running), "fatal-*" and "noupdate" (each leaves the platform in a state
# that needs a fresh boot), "intel-demo" (Intel's update tool, below).
# "kvm" boots the plain kernel without KUnit and
# runs the KVM selftests under kvm_amd (guest/tests/kvm.sh; kvm-base.sh
# boots the base kernel in that mode with "wb.kvm_base").

. "$(dirname "$0")/lib.sh"

[ $# -gt 0 ] || set -- test
kbuild=$BUILD/kernel
export TDX_EMU_FMS=${TDX_EMU_FMS:-0x806f8}
mkdir -p "$RESULTS"
"$WB_ROOT/scripts/mk-images.sh" "$kbuild/wb-guest-extra/images" >&2
"$WB_ROOT/scripts/mk-initramfs.sh" "$kbuild" "$BUILD/initramfs.cpio.gz" >&2

# intel-demo: Intel's update tool in the guest, over $INTEL_TDX_BINARIES
# (a clone of Intel's binaries repository, 'make intel-demo') or, without
# it, over a directory of the workbench's own (mk-intel-fixture.sh), with
# Debian's python3: an initramfs of its own, and a platform CPU that the
# directory's images list.
intel_initrd=
intel_fms=
stage_intel_demo() {
	local dir=${INTEL_TDX_BINARIES:-} extra=$BUILD/intel-demo-extra

	if [ -z "$dir" ]; then
		dir=$BUILD/intel-fixture
		"$WB_ROOT/scripts/mk-intel-fixture.sh" "$dir" >&2
	fi
	intel_fms=$("$WB_ROOT/scripts/blob-fms.py" "$dir") ||
		die "intel-demo: no image in $dir/joined_files lists a CPU"
	rm -rf "$extra"
	mkdir -p "$extra/intel"
	"$WB_ROOT/scripts/stage-python.sh" "$extra" >&2
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
	args=(--prefix "vm-$mode")
	initrd=$BUILD/initramfs.cpio.gz
	fms=$TDX_EMU_FMS
	if [ "$mode" = intel-demo ]; then
		[ -n "$intel_initrd" ] || stage_intel_demo
		initrd=$intel_initrd
		fms=$intel_fms
	fi
	if [ "$mode" = test ]; then
		args=(--prefix vm --suites "$WB_ROOT/configs/kunit.suites")
		append=${VM_APPEND:-}
	elif [ "$mode" = kvm ]; then
		append=${VM_APPEND:-}
	else
		# A mode's script may ask for kernel options of its own
		# ("# wb-append: OPTIONS", e.g. another emulated module).
		extra=
		[ ! -f "$WB_ROOT/guest/tests/$mode.sh" ] ||
			extra=$(sed -n 's/^# wb-append: //p' "$WB_ROOT/guest/tests/$mode.sh" | tr '\n' ' ')
		append="tdx_emu tdx_emu_fms=$fms $extra${VM_APPEND:-}"
	fi
	# The KVM selftests take minutes under TCG (≈ 270 s alone, ≈ 500 s
	# with a loaded host): a hard timeout of their own.
	timeout=${VM_TIMEOUT:-900}
	[ "$mode" != kvm ] || timeout=${VM_TIMEOUT_KVM:-1800}
	VM_TIMEOUT=$timeout VM_APPEND=$append "$WB_ROOT/scripts/run-vm.sh" "$kbuild/arch/x86/boot/bzImage" \
		"$initrd" "$RESULTS/vm-$mode.log" "$mode" >&2
	# The TCG guest could hang before init, at the boot-time clocksource
	# switch (README, "Boot hangs": fixed by tsc=nowatchdog in run-vm.sh).
	# Should a boot still hang there, boot once more, and say so: the
	# first log is kept, and the hang is counted as a skip, not hidden.
	if grep -q '^WB-HANG-BEFORE-INIT' "$RESULTS/vm-$mode.log"; then
		mv "$RESULTS/vm-$mode.log" "$RESULTS/vm-$mode.hung.log"
		echo "SKIP ${args[1]}/first-boot-hung kernel stopped before init ($(grep -v -e '^WB-' -e '^qemu-system' "$RESULTS/vm-$mode.hung.log" | tail -n 1 | cut -c1-80)); booted again, log vm-$mode.hung.log"
		VM_TIMEOUT=$timeout VM_APPEND=$append "$WB_ROOT/scripts/run-vm.sh" "$kbuild/arch/x86/boot/bzImage" \
			"$initrd" "$RESULTS/vm-$mode.log" "$mode" >&2
	fi
	"$WB_ROOT/scripts/parse-vm-log.py" --kunit-tool "$SRC/tools/testing/kunit/kunit.py" \
		"${args[@]}" "$RESULTS/vm-$mode.log" || rc=1
done
exit $rc
