#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Well-formed images whose module the P-SEAMLDR refuses, which it finds
# only on the last SEAMLDR.INSTALL, after TDH.SYS.SHUTDOWN: every TD would
# be lost.  The kernel must refuse each before anything is touched:
# firmware-invalid, one "image rejected" line naming the reason, no
# TDH.SYS.SHUTDOWN and no SEAMLDR.INSTALL issued (the platform counts
# them), the emulated P-SEAMLDR never asked, module and slots unchanged.
# The running module has SEAMSVN 1.20 here (e2e-20), handoff version 0,
# on a 0x806f8 CPU.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 13

tdx_load

# refused NAME REASON: image check-NAME is refused with a log line
# containing REASON (a grep pattern)
refused() {
	snapshot
	dmesg_mark "check-$1"
	upload "$IMG/check-$1.bin" || return 1
	case "$UPLOAD_ERROR" in
	*:firmware-invalid) ;;
	*) echo "error '$UPLOAD_ERROR', expected firmware-invalid"; return 1 ;;
	esac
	untouched || return 1
	[ "$(dmesg_since "check-$1" | grep -c 'seamldr: image rejected: ')" -eq 1 ] ||
		{ echo "not one 'image rejected' line"; return 1; }
	dmesg_since "check-$1" | grep -q "seamldr: image rejected: .*$2" ||
		{ echo "no '$2' in: $(dmesg_since "check-$1" | grep 'image rejected')"; return 1; }
	! dmesg_since "check-$1" | grep -q 'SEAMLDR.INSTALL step' ||
		{ echo "the P-SEAMLDR saw the module"; return 1; }
	dmesg_since "check-$1" | sed -n "s/.*seamldr: image rejected: /    $1: /p"
}

# Loader step 6: constants, and min_update_hv above module_hv
wb_check header-type refused header-type 'sigstruct header_type is 0x7, must be 0x6'
wb_check vendor refused vendor 'sigstruct module_vendor is 0x8087, must be 0x8086'
wb_check min-update-hv-above-module-hv refused handoff-range 'min_update_hv 2 is above module_hv 1'
# 7: the key (neither Intel's nor the workbench's test key)
wb_check foreign-key refused foreign-key "not signed with Intel's key"
# 8: debug-signed, on a platform that is not debug-unlocked
wb_check debug-signed refused debug 'debug-signed module, and the platform is not debug-unlocked'
# 9: SEAMSVN
wb_check svn-major-zero refused svn-major-zero 'major SEAMSVN 0'
wb_check svn-major-differs refused svn-major 'SEAMSVN 2.40, the running module has 1.20'
wb_check svn-minor-lower refused svn-minor 'SEAMSVN 1.19 is older than the running module.s 1.20'
# 10: the fault wrapper's 32 entries of 16 bytes inside the module (the
# offset itself is inside it, 511 bytes before the end)
wb_check fault-wrapper-tail refused fault-wrapper-tail 'fault wrapper offset 0x3e01 is outside the module'
# 11: the CPU of every socket in the CPUID table
wb_check cpu-not-listed refused cpuid 'the CPU of socket 0 (CPUID.1.EAX 0x806f8) is not one the module supports'
# 14: the handoff version the running module writes, in the new window
wb_check handoff-out-of-window refused handoff 'the running module hands off version 0, the new one takes 1 to 2'
# 12: the RSA signature (one bit flipped after signing)
wb_check bad-signature refused bad-signature "the sigstruct's RSA signature does not verify"
# 15: SEAMHASH
wb_check bad-hash refused hash "the module pages do not match the sigstruct's SEAMHASH"

