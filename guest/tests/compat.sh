#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Mode "compat": the software platform boots a module with TDX_FEATURES0
# bit 47 ("update compatibility", 1.5.24 and later).  The kernel asks
# TDH.SYS.SHUTDOWN to avoid update-sensitive operations (RCX bit 16); a TD
# in a build makes the shutdown fail with TDX_UPDATE_COMPATIBILITY_SENSITIVE
# (one TD, kind 0 in the low bits), which is device-busy, logged as
# recoverable, and leaves the module running; once the TD is done, the
# update goes ahead.  The module has the handoff values of Intel's 1.5.28
# and 2.0.16 (handoff version 1, no downgrade): TDH.SYS.SHUTDOWN carries
# version 1 with the flag, and an image whose window excludes version 1 is
# refused before anything is touched.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 8

tdx_emu_present || { wb_fail platform "no emulated TDX module"; exit 0; }
tdx_load || { wb_fail modprobe "modprobe tdx-host failed"; exit 0; }
wb_check booted-bit47-module sh -c ". /lib/tdx.sh; [ \$(( \$(emu_state features0) >> 47 & 1 )) = 1 ] && [ \"\$(version)\" = 1.5.24 ] && [ \"\$(emu_state module_hv)\" = 1 ]"

# Window 0 to 0: the running module hands off version 1
snapshot
dmesg_mark hv0
upload "$(image compat-hv0-1.5.26)"
wb_check hv-window-refused-firmware-invalid test "${UPLOAD_ERROR#*:}" = firmware-invalid
wb_check hv-window-refused-untouched sh -c ". /lib/tdx.sh; SNAP='$SNAP'; untouched && dmesg_since hv0 | grep -q 'image rejected: .*the running module hands off version 1, the new one takes 0 to 0'"

ver=$(version)
sl=$(slots)
echo 1 > "$EMU/compat_sensitive"
shutdowns=$(emu_calls shutdown)
dmesg_mark compat
if upload "$(image v1.5.25)"; then
	case "$UPLOAD_ERROR" in
	*:device-busy) wb_pass update-sensitive-device-busy ;;
	*) wb_fail update-sensitive-device-busy "error '$UPLOAD_ERROR', expected device-busy" ;;
	esac
else
	wb_fail update-sensitive-device-busy "upload did not finish"
fi
wb_check avoid-flag-and-hv-1-asked test "$(emu_calls shutdown)" -gt "$shutdowns" -a \
	"$(emu_state last_shutdown_rcx)" = 0x10001
wb_check log-says-recoverable sh -c ". /lib/tdx.sh; dmesg_since compat | grep -q 'SEAMCALL (leaf 52 version 0) failed: 0x8000051200010000' && dmesg_since compat | grep -q 'failed at TDH.SYS.SHUTDOWN on CPU [0-9]* (-16): recoverable'"
wb_check module-unchanged sh -c ". /lib/tdx.sh; [ \"\$(version)\" = '$ver' ] && [ \"\$(slots)\" = '$sl' ] && [ \"\$(emu_state state)\" = SYS_READY ] && [ \"\$(emu_state module)\" = ready ]"
echo 0 > "$EMU/compat_sensitive"

if upload "$(image v1.5.25)" && [ -z "$UPLOAD_ERROR" ] && [ "$(version)" = 1.5.25 ]; then
	wb_pass update-after-td-build
else
	wb_fail update-after-td-build "error '$UPLOAD_ERROR', version $(version)"
fi
