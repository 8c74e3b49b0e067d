#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The new module runs, but the first TDH.SYS.RD after TDH.SYS.UPDATE (the
# kernel reading its version inside stop_machine()) fails: emulator fault
# "sys_rd any 0xc000010000000000".  A warning, not a dead module: the
# update reports success, TDX keeps working, "version" fails with ENODATA
# (it would be the old module's), the uevent and the success line say
# the new version is "unknown", and that module is not offered for
# another update.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 9

tdx_emu_present || { wb_fail platform "no emulated TDX module"; exit 0; }
tdx_load
old=$(version)
uevent_listen || wb_fail uevent-listener "no uevent listener"
dmesg_mark refresh
emu_fail sys_rd any 0xc000010000000000
upload "$(image v1.5.20)"
wb_check update-reported-done test -z "$UPLOAD_ERROR"
wb_check new-module-runs test "$(emu_state version)" = 1.5.20 -a "$(emu_state state)" = SYS_READY
wb_check warning-not-fatal sh -c ". /lib/tdx.sh; dmesg_since refresh | grep -q 'the new TDX module runs, but its version and features cannot be read' && ! dmesg_since refresh | grep -q fatal"
wb_check version-enodata sh -c '! cat /sys/devices/faux/tdx_host/version 2> /tmp/v.err && grep -q "No data available" /tmp/v.err'
wb_check uevent-new-version-unknown uevent_expect "done" "$old" unknown
wb_check success-line-unknown sh -c ". /lib/tdx.sh; dmesg_since refresh | grep -q 'TDX module updated from $old to unknown on [0-9]* CPUs; all CPUs stopped for [0-9]* us'"
calls=$(emu_calls shutdown)
dmesg_mark again
upload "$(image v1.5.21)"
wb_check further-update-refused test "${UPLOAD_ERROR#*:}" = hw-error -a -n "$calls" -a "$(emu_calls shutdown)" = "$calls"
wb_check not-offered-again sh -c ". /lib/tdx.sh; dmesg_since again | grep -q 'update refused: the running TDX module cannot be updated at runtime'"
wb_check cpu-offline-online sh -c 'echo 0 > /sys/devices/system/cpu/cpu1/online && echo 1 > /sys/devices/system/cpu/cpu1/online'
