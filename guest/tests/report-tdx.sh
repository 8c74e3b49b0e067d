# SPDX-License-Identifier: GPL-2.0
# 'make' (report mode, on the software TDX platform): what the TDX host side
# looks like in the guest, and one module update through seamldr_upload.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 1

echo "WB-REPORT cpus online: $(cat /sys/devices/system/cpu/online)"
if ! tdx_load 2> /dev/null; then
	echo "WB-REPORT tdx_host: modprobe tdx-host failed, no /sys/devices/faux/tdx_host"
	wb_fail tdx-host "modprobe tdx-host failed"
	exit 0
fi
before=$(version)
echo "WB-REPORT TDX module version before: $before (P-SEAMLDR $(cat "$DEV/seamldr/version"), $(slots) updates left)"
dmesg_mark report
if upload "$IMG/v1.5.20.bin" && [ -z "$UPLOAD_ERROR" ]; then
	echo "WB-REPORT TDX module version after:  $(version) ($(slots) updates left)"
	dmesg_since report | sed -n 's/.*all CPUs stopped for \([0-9]*\) us.*/WB-REPORT stop time: \1 us (stop_machine, measured by the kernel)/p'
	wb_pass update
else
	echo "WB-REPORT update failed: '$UPLOAD_ERROR'"
	wb_fail update "error '$UPLOAD_ERROR'"
fi
