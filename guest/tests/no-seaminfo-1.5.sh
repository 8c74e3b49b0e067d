#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Mode "no-seaminfo-1.5": a P-SEAMLDR 1.5 answering SEAMLDR.SEAMINFO with
# EBADPARAM.  Every published 1.5 loader has the leaf, so this is a
# failure, not a loader without it: no fallback (which could not count
# the LPs the BIOS enabled), the update refused with hw-error before
# anything is touched, the reason logged.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 5

tdx_emu_present || { wb_fail platform "no emulated TDX module"; exit 0; }
tdx_load
dmesg_mark no-fallback
refused_untouched "$(image v1.5.20)" hw-error 'update refused: P-SEAMLDR 1\.5\.[0-9]* answered SEAMLDR.SEAMINFO with EBADPARAM'
wb_check seaminfo-asked test "$(emu_calls seaminfo)" -gt 0
if dmesg_since no-fallback | grep -q 'checked against the CPUs Linux runs'; then
	wb_fail no-fallback "the kernel fell back to the CPUs it runs"
else
	wb_pass no-fallback
fi
