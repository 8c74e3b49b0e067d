# SPDX-License-Identifier: GPL-2.0
# Without a TDX host (no emulated platform): the tdx-host driver refuses to
# load with ENODEV and creates nothing.
. /lib/wb.sh
wb_plan 2

if grep -qw tdx_host_platform /proc/cpuinfo; then
	wb_skip modprobe-enodev "TDX host platform present (emulated): see the update tests"
	wb_skip nothing-created "TDX host platform present (emulated): see the update tests"
	exit 0
fi

out=$(modprobe tdx-host 2>&1)
rc=$?
if [ $rc -ne 0 ] && echo "$out" | grep -q "No such device"; then
	wb_pass modprobe-enodev
else
	wb_fail modprobe-enodev "modprobe exit $rc: $out"
fi

if [ ! -e /sys/devices/faux/tdx_host ] && [ ! -e /sys/class/firmware/seamldr_upload ] &&
   ! grep -q '^tdx_host ' /proc/modules; then
	wb_pass nothing-created
else
	wb_fail nothing-created "tdx_host device, seamldr_upload or the module is present"
fi
