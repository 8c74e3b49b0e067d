#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# run-vm.sh BZIMAGE INITRAMFS LOG [MODE]
# Boot the test kernel under QEMU TCG (KVM acceleration is not available
# here) with $VM_CPUS CPUs, run the guest side of MODE (guest/modes/MODE),
# write the serial console to LOG and the second serial port, the guest's
# KTAP results (guest/lib/ktap.sh), to LOG with .ktap for .log.  A hard
# timeout ($VM_TIMEOUT seconds) stops a hung guest, and a
# kernel that does not reach the guest's init in $VM_BOOT_TIMEOUT seconds
# (default 180) is stopped then.  $VM_QEMU_ARGS are added to QEMU's command
# line (e.g. "-gdb tcp::1234"); $VM_ON_HANG, if set, is run with bash just
# before a kernel that did not reach init is stopped (scripts/boot-loop.sh
# attaches gdb there).

. "$(dirname "$0")/lib.sh"

kernel=${1:?usage: run-vm.sh BZIMAGE INITRAMFS LOG [MODE]}
initrd=${2:?}
out=${3:?}
ktap=${out%.log}.ktap
mode=${4:-test}
cpus=${VM_CPUS:-4}
timeout=${VM_TIMEOUT:-900}
command -v qemu-system-x86_64 > /dev/null || die "qemu-system-x86_64 not found (Debian package qemu-system-x86)"

# tsc=nowatchdog: Linux 7.1's clocksource watchdog can deadlock a boot under
# TCG (README, "Boot hangs": its per-CPU skew check waits with interrupts
# off for a CPU inside stop_machine(), on a timeout read from jiffies);
# with the TSC off its list, nothing here needs watching and it never runs.
append="console=ttyS0 panic=-1 oops=panic panic_on_warn=0 loglevel=7 tsc=nowatchdog"
append+=" wb.cpus=$cpus wb.mode=$mode ${VM_APPEND:-}"
# KUnit runs at boot only in the modes that report it ("kunit" in their file).
grep -qx kunit "$WB_ROOT/guest/modes/$mode" 2> /dev/null || append+=" kunit.enable=0"

log "vm: booting $(basename "$kernel") with $cpus CPUs under TCG, mode $mode (timeout ${timeout}s)"
start=$(date +%s)
rc=0
rm -f "$ktap"
timeout -k 10 "$timeout" qemu-system-x86_64 \
	-accel tcg,thread=multi -cpu max -smp "$cpus" -m 2G \
	-nographic -no-reboot -nodefaults -serial stdio -serial "file:$ktap" \
	-kernel "$kernel" -initrd "$initrd" -append "$append" ${VM_QEMU_ARGS:-} \
	< /dev/null > "$out" 2>&1 &
qemu=$!
# A kernel that never reaches the guest's init within $VM_BOOT_TIMEOUT
# seconds is stopped then: "WB-HANG-BEFORE-INIT" in the log (vm-test.sh decides).
boot_hang=
while kill -0 $qemu 2> /dev/null; do
	if ! grep -q '^WB-BOOT ' "$out" 2> /dev/null &&
	   [ $(($(date +%s) - start)) -ge "${VM_BOOT_TIMEOUT:-180}" ]; then
		boot_hang=1
		[ -z "${VM_ON_HANG:-}" ] || bash -c "$VM_ON_HANG" >&2 || true
		kill $qemu 2> /dev/null
		break
	fi
	sleep 1
done
wait $qemu || rc=$?
secs=$(($(date +%s) - start))
tr -d '\r' < "$out" > "$out.tmp" && mv "$out.tmp" "$out"
[ ! -f "$ktap" ] || { tr -d '\r' < "$ktap" > "$ktap.tmp" && mv "$ktap.tmp" "$ktap"; }
if [ -n "$boot_hang" ]; then
	echo "WB-HANG-BEFORE-INIT the kernel did not reach init in ${VM_BOOT_TIMEOUT:-180}s" >> "$out"
	log "vm: the kernel did not reach init in ${VM_BOOT_TIMEOUT:-180}s, stopped"
elif [ $rc -eq 124 ]; then
	echo "WB-TIMEOUT after ${timeout}s" >> "$out"
	log "vm: timed out after ${timeout}s"
fi
log "vm: guest ran ${secs}s (qemu exit $rc)"
exit 0
