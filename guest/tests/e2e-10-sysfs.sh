#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# modprobe tdx-host on the software TDX platform: the device, its
# attributes and modes, the upload device; rmmod refused while it exists.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 11

tdx_emu_present || { wb_fail platform "no emulated TDX module ($EMU/state)"; exit 1; }
wb_check modprobe modprobe tdx-host
wb_check device test -d "$DEV"

mode_is() {
	[ -f "$1" ] && [ "$(stat -c %a "$1")" = "$2" ]
}
wb_check version-0444 mode_is "$DEV/version" 444
wb_check seamldr-version-0400 mode_is "$DEV/seamldr/version" 400
wb_check seamldr-slots-0400 mode_is "$DEV/seamldr/num_remaining_updates" 400
wb_check upload-device test -f "$FW/loading" -a -f "$FW/data" -a -f "$FW/status" -a -f "$FW/error"
wb_check version-is-booted-module test "$(version)" = "$(emu_state version)"
wb_check seamldr-version-1.5.00 test "$(cat "$DEV/seamldr/version")" = 1.5.00
wb_check slots-from-loader test "$(slots)" = "$(cat "$EMU/remaining_updates")"

# The upload devices hold a reference to tdx-host (an upload started while
# it is unloaded would run in a module that is gone): rmmod is refused and
# changes nothing; modprobe again is a no-op.
pinned() {
	[ "$(cat /sys/module/tdx_host/refcnt)" -ge 1 ] || { echo "no reference held"; return 1; }
	rmmod tdx_host 2>/dev/null && { echo "rmmod succeeded"; return 1; }
	[ -f "$DEV/version" ] && [ -f "$FW/loading" ] || { echo "device gone after a refused rmmod"; return 1; }
	modprobe tdx-host || return 1
	[ "$(version)" = "$(emu_state version)" ] || { echo "version changed"; return 1; }
}
wb_check rmmod-refused-while-upload-registered pinned
# IA32_VMX_BASIC bit 60 set (the platform's default): no SEAMRET erratum
# (the boot with it is the "erratum" mode)
wb_check no-seamret-erratum sh -c "! grep -q '^bugs.*seamret_invd_vmcs' /proc/cpuinfo"
