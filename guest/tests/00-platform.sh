# SPDX-License-Identifier: GPL-2.0
# The VM itself: the CPUs the harness asked for, CPU hotplug, modules and
# the firmware class that fw_upload devices appear in.
. /lib/wb.sh
wb_plan 4

want=$(sed -n 's/.*wb.cpus=\([0-9]*\).*/\1/p' /proc/cmdline)
online=$(grep -c ^processor /proc/cpuinfo)
if [ -n "$want" ] && [ "$online" = "$want" ]; then
	wb_pass cpus-online
else
	wb_fail cpus-online "online $online, expected ${want:-?}"
fi

last=$(( online - 1 ))
cpu=/sys/devices/system/cpu/cpu$last/online
if [ -w "$cpu" ] && echo 0 > "$cpu" && [ "$(cat "$cpu")" = 0 ] &&
   echo 1 > "$cpu" && [ "$(cat "$cpu")" = 1 ]; then
	wb_pass cpu-hotplug
else
	wb_fail cpu-hotplug "could not take cpu$last offline and back"
fi

wb_check modules-installed modinfo kvm-intel
wb_check firmware-class test -d /sys/class/firmware
