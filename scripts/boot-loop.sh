#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# boot-loop.sh [N [MODE...]]
# Boot the built test kernel N times (default 300), cycling through the
# VM modes given (default: test e2e, i.e. without and with the software
# TDX platform), to catch the rare hang before init.  Each boot stops
# right after init has started (wb.mode=boot-only: the guest runs no test
# script; the kernel arguments are those of the mode, guest/modes/), so a
# boot costs a few seconds.  QEMU's gdbstub listens on every boot (-gdb
# tcp::PORT, the guest is not stopped); only when a kernel has not reached
# init after $VM_BOOT_TIMEOUT seconds (default 90) is gdb
# attached, with vmlinux, three times a second apart, for "info threads"
# and "thread apply all bt" (where each vCPU is, and whether it moves),
# written next to that boot's console log.  Load the host as a real run
# does (e.g. a kernel build beside it) to reproduce the conditions of
# 'make test'.  Prints one line per boot and a summary; logs in
# $RESULTS/boot-loop/.  Exit 1 if any boot hung.

. "$(dirname "$0")/lib.sh"
. "$WB_ROOT/scripts/vm.sh"

n=${1:-300}
shift || true
[ $# -gt 0 ] || set -- test e2e
modes=("$@")
kbuild=$BUILD/kernel
vmlinux=$kbuild/vmlinux
out=$RESULTS/boot-loop
port=${BOOT_LOOP_GDB_PORT:-12345}
command -v gdb > /dev/null || die "gdb not found (Debian package gdb)"
[ -f "$vmlinux" ] || die "no $vmlinux: run 'make kernel' first"
[ -f "$BUILD/initramfs.cpio.gz" ] || die "no $BUILD/initramfs.cpio.gz: run 'make vm' once first"
rm -rf "$out"
mkdir -p "$out"

hangs=0
start=$(date +%s)
for i in $(seq 1 "$n"); do
	mode=${modes[$(( (i - 1) % ${#modes[@]} ))]}
	# MODE's kernel arguments, but no script: a boot that counts its hangs
	# itself (vm_mode would boot a hung kernel again).
	append=$(mode_append "$mode")
	logf=$out/boot-$i-$mode.log
	gdbf=$out/boot-$i-$mode.gdb.txt
	s=$(date +%s.%N)
	VM_BOOT_TIMEOUT=${VM_BOOT_TIMEOUT:-90} VM_TIMEOUT=300 \
	VM_APPEND="$append" \
	VM_QEMU_ARGS="-gdb tcp:127.0.0.1:$port" \
	VM_ON_HANG="for k in 1 2 3; do echo \"== sample \$k\"; \
		gdb -q -batch -nx -ex 'set pagination off' \
		-ex 'target remote 127.0.0.1:$port' -ex 'info threads' \
		-ex 'thread apply all bt 30' -ex detach '$vmlinux' 2>&1; \
		sleep 1; done > '$gdbf'" \
		"$WB_ROOT/scripts/run-vm.sh" "$kbuild/arch/x86/boot/bzImage" \
		"$BUILD/initramfs.cpio.gz" "$logf" boot-only 2> /dev/null
	secs=$(echo "$(date +%s.%N) - $s" | bc)
	if grep -q '^WB-HANG-BEFORE-INIT' "$logf"; then
		hangs=$((hangs + 1))
		printf 'boot %d %s: HUNG before init (last line: %s); gdb: %s\n' "$i" "$mode" \
			"$(grep -v -e '^WB-' -e '^qemu' "$logf" | tail -n 1 | cut -c1-100)" "$gdbf"
	elif grep -q '^WB-DONE' "$logf"; then
		printf 'boot %d %s: ok %.1fs\n' "$i" "$mode" "$secs"
		rm -f "$logf"
	else
		printf 'boot %d %s: did not finish (%s)\n' "$i" "$mode" "$(tail -n 1 "$logf" | cut -c1-100)"
		hangs=$((hangs + 1))
	fi
done
echo "boot-loop: $n boots ($(IFS=,; echo "${modes[*]}")) in $(($(date +%s) - start)) s, $hangs hung or unfinished; logs in $out"
[ "$hangs" -eq 0 ]
