#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Mode "kvm-update": KVM guests (kvm_amd on QEMU TCG's SVM, the KVM
# selftests of /kvm) run while the TDX module is updated three times in a
# chain on the software TDX platform, as on a host whose VMs keep running:
# a long guest (dirty_log_test, tens of seconds) spans all three updates,
# short ones (state_test, smm_test) start and stop around them.  Every
# update succeeds with a VM present, every guest test passes, the module
# ends at the last version with no TDX_SYS_BUSY caused; the host checks
# the kernel log.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 8

tdx_emu_present || { wb_fail platform "no emulated TDX module"; exit 0; }
wb_check kvm-amd-loads modprobe kvm_amd
tdx_load
echo 8 > "$EMU/remaining_updates"
rm -f /tmp/stop /tmp/short-rc

/kvm/dirty_log_test > /tmp/long.out 2>&1 &
long=$!
(
	while [ ! -e /tmp/stop ]; do
		for t in x86/state_test x86/smm_test; do
			"/kvm/$t" > /tmp/short.out 2>&1
			echo "$t $?" >> /tmp/short-rc
		done
	done
) &
short=$!

# vm_present: a VM exists (KVM's debugfs has a directory per VM)
vm_present() {
	for d in /sys/kernel/debug/kvm/*-*; do
		[ -d "$d" ] && return 0
	done
	return 1
}

for v in 1.5.20 1.5.21 1.5.22; do
	i=0
	while ! vm_present && [ $i -lt 300 ]; do i=$((i + 1)); sleep 0.1; done
	present=no
	vm_present && present=yes
	upload "$(image v$v)"
	if [ -z "$UPLOAD_ERROR" ] && [ "$(version)" = "$v" ] && [ $present = yes ]; then
		wb_pass "update-$v-with-guests"
	else
		wb_fail "update-$v-with-guests" "error '$UPLOAD_ERROR', version $(version), a VM present: $present"
	fi
	sleep 1
done
if kill -0 $long 2> /dev/null; then
	wb_pass long-guest-spanned-the-updates
else
	wb_fail long-guest-spanned-the-updates "dirty_log_test ended before the last update"
fi
wait $long
rc=$?
touch /tmp/stop
wait $short
sed 's/^/    dirty_log_test: /' /tmp/long.out | tail -n 3
wb_check long-guest-passes test $rc -eq 0
runs=$(wc -l < /tmp/short-rc)
bad=$(grep -v ' 0$' /tmp/short-rc | head -n 3 | tr '\n' ' ')
echo "    $runs short guest runs; failed: ${bad:-none}"
wb_check short-guests-pass test "$runs" -ge 2 -a -z "$bad"
wb_check chain-ends-ready test "$(version)" = 1.5.22 -a "$(emu_state state)" = SYS_READY -a "$(emu_state sys_busy)" = 0
