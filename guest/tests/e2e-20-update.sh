#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# One update through seamldr_upload, the way Intel's tool does it.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 12

tdx_load
old=$(version)
slots0=$(slots)
installs0=$(emu_calls install)
uevent_listen
dmesg_mark update
if ! upload "$(image v1.5.20)"; then
	wb_fail upload "upload did not finish"
	exit 1
fi
wb_check error-empty test -z "$UPLOAD_ERROR"
wb_check version-changed test "$(version)" = 1.5.20 -a "$old" != 1.5.20
wb_check slots-minus-one test "$(slots)" -eq $((slots0 - 1))
wb_check install-on-every-cpu test "$(emu_calls install)" -eq $((installs0 + $(grep -c ^processor /proc/cpuinfo)))
wb_check module-ready test "$(emu_state state)" = SYS_READY
n=$(dmesg_since update | grep -c "TDX module updated from $old to 1.5.20 on [0-9]* CPUs; all CPUs stopped for [0-9]* us")
wb_check one-success-line test "$n" -eq 1
# Userspace is told: one "change" uevent with the outcome and both versions.
wb_check uevent-done uevent_expect "done" "$old" 1.5.20
dmesg_since update | grep 'TDX module updated' | sed 's/^/    /'
# Every CPU initialised the new module, and a CPU taken down and brought
# back after the update works with it (it is not initialised twice: the
# module refuses a second TDH.SYS.LP.INIT on an LP).
wb_check lp-init-on-every-cpu sh -c ". /lib/tdx.sh; n=\$(grep -c ^processor /proc/cpuinfo); [ \"\$(emu_state lps_initialized)\" = \"\$n/\$n\" ]"
wb_check cpu-offline-online-after-update sh -c ". /lib/tdx.sh; echo 0 > /sys/devices/system/cpu/cpu1/online && echo 1 > /sys/devices/system/cpu/cpu1/online && n=\$(grep -c ^processor /proc/cpuinfo) && [ \"\$(emu_state lps_initialized)\" = \"\$n/\$n\" ] && [ \"\$(emu_state state)\" = SYS_READY ]"
# The software module's global lock was never found taken by an exclusive
# leaf (TDH.SYS.INIT, SHUTDOWN, UPDATE) or SHUTDOWN with another LP inside:
# the kernel issued none of them while any other CPU was in the module.
wb_check no-sys-busy test "$(emu_state sys_busy)" = 0
# A refused upload changes nothing and sends no uevent.
uevent_listen
head -c 8192 "$(image v1.5.20)" > /tmp/short.bin
upload /tmp/short.bin
wb_check short-image-refused test "${UPLOAD_ERROR#*:}" = firmware-invalid
wb_check refusal-sends-no-uevent uevent_none
