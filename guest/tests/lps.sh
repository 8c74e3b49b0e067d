#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Mode "lps": the P-SEAMLDR reports more LPs than Linux runs
# (tdx_emu_lps=64, as on a host booted with nr_cpus=): the kernel refuses
# the update before anything is touched, and says why.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 4

tdx_emu_present || { wb_fail platform "no emulated TDX module"; exit 0; }
tdx_load
refused_untouched "$(image v1.5.20)" hw-error 'update refused: the platform has 64 logical CPUs, [0-9]* are online; the P-SEAMLDR needs every one of them, which only a reboot can give'
wb_check seaminfo-asked test "$(emu_calls seaminfo)" -gt 0
