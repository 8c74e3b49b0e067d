#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Refusals that leave the running module alone: no slots, a CPU offline,
# TDH.SYS.SHUTDOWN failing (busy: device-busy; another status: hw-error).
# Each gives its fw_upload error and says why in the kernel log.  Then a TD in an update-sensitive operation, which a
# module without TDX_FEATURES0 bit 47 cannot protect: the update goes ahead.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 8

tdx_load

# expect_refusal NAME ERROR IMAGE LOG...: the upload fails with ERROR, the
# kernel log has a line matching each LOG (grep patterns), the old module
# keeps running with the same version and slots
expect_refusal() {
	local ver sl log

	ver=$(version)
	sl=$(slots)
	dmesg_mark "$1"
	upload "$3" || return 1
	case "$UPLOAD_ERROR" in
	*:"$2") ;;
	*) echo "error '$UPLOAD_ERROR', expected $2"; return 1 ;;
	esac
	# A refused SHUTDOWN is issued: only what the update would change.
	[ "$(version)" = "$ver" ] || { echo "version $(version), was $ver"; return 1; }
	[ "$(emu_state state)" = SYS_READY ] || { echo "module state $(emu_state state)"; return 1; }
	[ "$(emu_state module)" = ready ] || { echo "no module"; return 1; }
	[ "$(slots)" = "$sl" ] || { echo "slots $(slots), were $sl"; return 1; }
	log=$(dmesg_since "$1")
	shift 3
	[ $# -gt 0 ] || { echo "no kernel log pattern given"; return 1; }
	for p; do
		echo "$log" | grep -q "$p" || { echo "no '$p' in the kernel log"; return 1; }
	done
}

# expect_update IMAGE VERSION
expect_update() {
	upload "$1" || return 1
	[ -z "$UPLOAD_ERROR" ] || { echo "error '$UPLOAD_ERROR'"; return 1; }
	[ "$(version)" = "$2" ] || { echo "version $(version), expected $2"; return 1; }
}

saved=$(cat "$EMU/remaining_updates")
echo 0 > "$EMU/remaining_updates"
wb_check no-slots-flash-wearout expect_refusal no-slots flash-wearout "$(image v1.5.21)" \
	'seamldr: update refused: the P-SEAMLDR accepts no more updates until reboot'
echo "$saved" > "$EMU/remaining_updates"

echo 0 > /sys/devices/system/cpu/cpu2/online
wb_check cpu-offline-device-busy expect_refusal cpu-offline device-busy "$(image v1.5.21)" \
	'seamldr: update refused: 1 CPU(s) offline'
echo 1 > /sys/devices/system/cpu/cpu2/online
wb_check update-after-cpu-online expect_update "$(image v1.5.21)" 1.5.21

# TDX_SYS_BUSY (the module's global lock taken): worth a retry, -EBUSY
emu_fail shutdown any 0x8000020200000000
wb_check shutdown-sys-busy-device-busy expect_refusal shutdown-busy device-busy "$(image v1.5.22)" \
	'SEAMCALL (leaf 52 version 0) failed: 0x8000020200000000' \
	'failed at TDH.SYS.SHUTDOWN on CPU [0-9]* (-16): recoverable, the TDX module keeps running'
emu_fail shutdown any 0xc000050800000000
wb_check shutdown-failure-recoverable expect_refusal shutdown hw-error "$(image v1.5.22)" \
	'SEAMCALL (leaf 52 version 0) failed: 0xc000050800000000' \
	'failed at TDH.SYS.SHUTDOWN on CPU [0-9]* (-5): recoverable, the TDX module keeps running'
wb_check update-after-shutdown-failure expect_update "$(image v1.5.22)" 1.5.22

# The booted module is 1.5.06, like every module before 1.5.24 without
# TDX_FEATURES0 bit 47: it knows no "avoid update-sensitive operations"
# flag, so the kernel must not ask for it (RCX bit 16 of TDH.SYS.SHUTDOWN
# would make the shutdown fail), and an update during a TD build goes
# ahead.  The module with bit 47 is tested in compat.sh.
echo 1 > "$EMU/compat_sensitive"
shutdowns=$(emu_calls shutdown)
wb_check update-sensitive-goes-ahead-without-bit47 expect_update "$(image nobit47-1.5.29)" 1.5.29
echo 0 > "$EMU/compat_sensitive"
wb_check shutdown-without-avoid-flag test "$(emu_calls shutdown)" -gt "$shutdowns" -a \
	"$(( $(emu_state last_shutdown_rcx) & 0x10000 ))" = 0
