# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# One way to boot a VM mode and read its results; source it after lib.sh.
#
# A mode is one file, guest/modes/MODE (guest/init reads it too):
#   script NAME     guest/tests/NAME.sh runs, in the order given, and must
#                   report as many results as it declares (wb_plan)
#   platform        boot the software TDX platform (tdx_emu, with
#                   tdx_emu_fms=$TDX_EMU_FMS, default 0x806f8, unless
#                   the mode boots a published module of its own,
#                   tdx_emu_module=X.Y.ZZ: then that module's CPU)
#   append ARGS     more kernel arguments
#   timeout SECS    the VM's hard timeout (default $VM_TIMEOUT, else 900)
#   kunit           the KUnit suites run, and those of configs/kunit.suites
#                   must report
#   python          the guest has Debian's python3, the stand-in for Intel's
#                   update tool (/intel-standin) and a repository laid out
#                   like Intel's (/intel): an initramfs of its own
#                   (scripts/vm-test.sh)
#   standalone      not one of the modes 'make test' boots (scripts/vm-modes.sh)

# mode_file MODE: the path of MODE's file
mode_file() {
	local f=$WB_ROOT/guest/modes/$1
	[ -f "$f" ] || die "no VM mode '$1' (guest/modes/$1)"
	echo "$f"
}

# mode_append MODE: MODE's kernel arguments
mode_append() {
	local f args=() more=()
	f=$(mode_file "$1")
	read -ra more <<< "$(sed -n 's/^append //p' "$f" | tr '\n' ' ')"
	if grep -qx platform "$f"; then
		args+=(tdx_emu)
		# A mode that boots a module of its own gets that module's CPU.
		[[ " ${more[*]} ${VM_APPEND:-}" == *" tdx_emu_module="[0-9]* ]] ||
			args+=("tdx_emu_fms=${TDX_EMU_FMS:-0x806f8}")
	fi
	args+=("${more[@]}")
	echo "${args[*]}"
}

# vm_mode MODE INITRD PREFIX [KBUILD]: boot KBUILD's kernel (default the
# test kernel) in MODE with INITRD and $VM_APPEND, once more if it stopped
# before init (that first boot counted as a skip, its log kept), and print
# the results (parse-vm-log.py, names under PREFIX).  Returns 1 on any
# failure.  Console log $VM_LOG (default $RESULTS/vm-MODE.log), KTAP
# results beside it (.ktap).
vm_mode() {
	local mode=$1 initrd=$2 prefix=$3 kbuild=${4:-$BUILD/kernel}
	local f logf timeout append try

	f=$(mode_file "$mode")
	logf=${VM_LOG:-$RESULTS/vm-$mode.log}
	timeout=$(sed -n 's/^timeout //p' "$f")
	timeout=${timeout:-${VM_TIMEOUT:-900}}
	append="$(mode_append "$mode") ${VM_APPEND:-}"
	mkdir -p "$(dirname "$logf")"
	for try in 1 2; do
		VM_TIMEOUT=$timeout VM_APPEND=$append "$WB_ROOT/scripts/run-vm.sh" \
			"$kbuild/arch/x86/boot/bzImage" "$initrd" "$logf" "$mode" >&2
		# A TCG guest could hang before init, at the boot-time clocksource
		# switch (docs/troubleshooting.md; tsc=nowatchdog in run-vm.sh).
		grep -q '^WB-HANG-BEFORE-INIT' "$logf" && [ $try = 1 ] || break
		mv "$logf" "${logf%.log}.hung.log"
		echo "SKIP $prefix/first-boot-hung kernel stopped before init ($(grep -v -e '^WB-' -e '^qemu-system' "${logf%.log}.hung.log" | tail -n 1 | cut -c1-80)); booted again, log $(basename "${logf%.log}").hung.log"
	done
	vm_results "$mode" "$logf" "$prefix"
}

# vm_results MODE LOG PREFIX: the results of a boot in MODE whose console
# log is LOG (KTAP beside it), names under PREFIX; returns 1 on a failure.
vm_results() {
	local f suites=()
	f=$(mode_file "$1")
	! grep -qx kunit "$f" || suites=(--suites "$WB_ROOT/configs/kunit.suites")
	"$WB_ROOT/scripts/parse-vm-log.py" --kunit-tool "${KUNIT_TOOL:-$SRC/tools/testing/kunit/kunit.py}" \
		--mode "$f" "${suites[@]}" --prefix "$3" "$2"
}
