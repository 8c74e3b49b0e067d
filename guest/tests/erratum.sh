#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Mode "erratum": the software platform's IA32_VMX_BASIC has bit 60 clear,
# as on CPUs where SEAMRET from the P-SEAMLDR clears the current VMCS.  The
# kernel must name the bug in /proc/cpuinfo, say once why, make no
# P-SEAMLDR call at all (the platform counts them), and offer nothing that
# needs one: tdx_host shows version only, no seamldr/, no flat P-SEAMLDR
# attributes, no upload device under either name.  The series' kselftest
# must pass there, with the cases that need the P-SEAMLDR skipped.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 11

tdx_emu_present || { wb_fail platform "no emulated TDX module"; exit 0; }
wb_check bug-in-cpuinfo grep -q '^bugs.* seamret_invd_vmcs' /proc/cpuinfo
wb_check boot-line-says-why sh -c "dmesg | grep -c 'SEAMRET from the P-SEAMLDR clears the current VMCS on this CPU (IA32_VMX_BASIC bit 60 clear): no P-SEAMLDR calls, no runtime module update' | grep -qx 1"
tdx_load || { wb_fail modprobe "modprobe tdx-host failed"; exit 0; }
wb_check version-shown sh -c ". /lib/tdx.sh; [ \"\$(version)\" = 1.5.06 ]"
wb_check no-seamldr-group test ! -e "$DEV/seamldr"
wb_check no-flat-seamldr-attributes test ! -e "$DEV/seamldr_version" -a ! -e "$DEV/num_remaining_updates"
wb_check no-upload-device test ! -e /sys/class/firmware/seamldr_upload -a ! -e /sys/class/firmware/tdx_module
sh /selftests/tdx_host/tdx_host_test.sh > /tmp/ksft 2>&1
wb_check kselftest-passes sh -c "! grep -q '^not ok' /tmp/ksft && grep -q '^ok .*version is 0444' /tmp/ksft && grep -q '^# Totals: pass:[1-9]' /tmp/ksft"
sed 's/^/    kselftest: /' /tmp/ksft | grep -v '^    kselftest: TAP' | tail -n 4
# Last: nothing above, nor the boot, called the P-SEAMLDR.
for leaf in seamldr_info seaminfo install seamldr_other; do
	wb_check "no-call-$leaf" test "$(emu_calls $leaf)" = 0
done
