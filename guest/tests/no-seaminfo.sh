#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Mode "no-seaminfo": a P-SEAMLDR without SEAMLDR.SEAMINFO (leaf 3 answered
# EBADPARAM, as the published loader's dispatcher answers a leaf it does
# not know; no public source shows whether P-SEAMLDR 2.0.00 has it).  The
# series as it is needs SEAMINFO for its checks before the shutdown: the
# update is refused, hw-error, nothing touched, the failing call named.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 4

tdx_emu_present || { wb_fail platform "no emulated TDX module"; exit 0; }
tdx_load
refused_untouched "$(image v1.5.20)" hw-error 'SEAMLDR.SEAMINFO failed: 0x8000000000000000'
wb_check seaminfo-asked test "$(emu_calls seaminfo)" -gt 0
