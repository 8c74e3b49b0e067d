#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Mode "no-seaminfo": P-SEAMLDR 2.0.00 (the platform boots Intel's 2.0.04)
# without SEAMLDR.SEAMINFO (leaf 3 answered EBADPARAM, as the published
# loader's dispatcher answers a leaf it does not know; no public source
# shows whether 2.0.00 has it).  The kernel falls back to what it knows of
# the CPUs, says so in one line, and updates; its CPU check still refuses
# an image for other CPUs, nothing touched.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 9

tdx_emu_present || { wb_fail platform "no emulated TDX module"; exit 0; }
tdx_load
wb_check seamldr-2.0.00 test "$(cat "$DEV/seamldr/version")" = 2.0.00
sl=$(slots)
dmesg_mark fallback
upload "$(image v2.0.20)"
wb_check update-succeeds test -z "$UPLOAD_ERROR" -a "$(version)" = 2.0.20
wb_check one-slot-fewer test "$(slots)" -eq $((sl - 1))
wb_check seaminfo-asked test "$(emu_calls seaminfo)" -gt 0
if dmesg_since fallback | grep -q 'the P-SEAMLDR has no SEAMLDR.SEAMINFO of a known layout: the image is checked against the CPUs Linux runs'; then
	wb_pass fallback-logged
else
	wb_fail fallback-logged "no fallback line in the kernel log"
fi
wb_check no-seaminfo-error sh -c "! dmesg | grep -q -e 'P-SEAMLDR leaf 3) failed' -e 'answered SEAMLDR.SEAMINFO'"
# The fallback's CPU signatures are checked: an image whose CPUID table
# lists no CPU of the platform (refused_untouched makes three checks).
refused_untouched "$(image check-cpuid-2.0)" firmware-invalid 'the CPU of socket 0 (CPUID.1.EAX 0xa06d0) is not one the module supports'
