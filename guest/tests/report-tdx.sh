# SPDX-License-Identifier: GPL-2.0
# 'make' (report mode): what the TDX host side looks like in the guest.
. /lib/wb.sh

echo "WB-REPORT cpus online: $(cat /sys/devices/system/cpu/online)"
if [ -d /sys/devices/faux/tdx_host ]; then
	echo "WB-REPORT tdx_host: module version $(cat /sys/devices/faux/tdx_host/version 2>&1)"
else
	echo "WB-REPORT tdx_host: no /sys/devices/faux/tdx_host"
fi
