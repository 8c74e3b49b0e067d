#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The upload under Linux 7.2's name, /sys/class/firmware/tdx_module: an
# update through it (what tools written for 7.2 do), then two uploads at
# once, one through each name.  They must be serialised: the second runs
# after the first (each with its own checks) or is refused, never
# interleaved.  SEAMLDR.INFO is made slow (500 ms) so that they overlap.
. /lib/wb.sh
. /lib/tdx.sh
. /lib/intel-tool.sh
wb_plan 7

TM=/sys/class/firmware/tdx_module
tdx_load

wb_check tdx-module-device test -e "$TM/loading" -a -e "$DEV/firmware/tdx_module/loading"
old=$(version)
out=$(intel_tool 2026 "$IMG/tool-1.5.35-0x200.bin" "$TM")
echo "    through tdx_module: $out"
wb_check update-through-tdx-module test "$out" = "Upgrade Intel TDX module from $old to 1.5.35" \
	-a "$(version)" = 1.5.35

taskset -p -c 0 $$ > /dev/null
shutdowns=$(emu_calls shutdown)
sl=$(slots)
echo "seamldr_info 500000" > "$EMU/latency_us"
dmesg_mark two-names
upload_start "$IMG/tool-1.5.36-0x100.bin"
upload_start "$IMG/tool-1.5.37-0x200.bin" "$TM"
taskset -c 3 sh -c ". /lib/tdx.sh; upload_finish"
taskset -c 2 sh -c ". /lib/tdx.sh; upload_finish $TM"
both_busy=0
[ "$(cat "$FW/status")" != idle ] && [ "$(cat "$TM/status")" != idle ] && both_busy=1
i=0
while { [ "$(cat "$FW/status")" != idle ] || [ "$(cat "$TM/status")" != idle ]; } && [ $i -lt 600 ]; do
	i=$((i + 1))
	sleep 0.1
done
echo "seamldr_info 0" > "$EMU/latency_us"
e1=$(cat "$FW/error")
e2=$(cat "$TM/error")
echo "    seamldr_upload: '${e1:-no error}', tdx_module: '${e2:-no error}'"
# Overlapped: both seen busy at once after both were started, or, when the
# shell sampling them was held up past the first update (4 vCPUs on 2 host
# cores, CPUs spinning in the 500 ms SEAMLDR.INFO), an image check that
# waited for the other upload's SEAMLDR.INFO: alone one takes ~500 ms.
waited=$(dmesg_since two-names | sed -n 's/.*the image was checked in \([0-9]*\) us before.*/\1/p' |
	awk '$1 >= 750000 { n++ } END { print n + 0 }')
echo "    both seen busy: $both_busy, checks that waited for the other: $waited"
wb_check uploads-overlapped test "$both_busy" = 1 -o "$waited" -ge 1
wb_check uploads-finished test "$i" -lt 600
ok=0
[ -z "$e1" ] && ok=$((ok + 1))
[ -z "$e2" ] && ok=$((ok + 1))
lines=$(dmesg_since two-names | grep -c 'TDX module updated from')
dmesg_since two-names | grep 'TDX module updated from' | sed 's/.*seamldr: /    /'
# One update per upload that succeeded, each one whole: as many shutdowns
# as success lines, slots down by as many, the module ready at the end.
wb_check one-update-per-success test "$ok" -ge 1 -a "$lines" -eq "$ok" \
	-a "$(emu_calls shutdown)" -eq $((shutdowns + ok)) -a "$(slots)" -eq $((sl - ok))
wb_check not-interleaved sh -c ". /lib/tdx.sh; [ \"\$(emu_state state)\" = SYS_READY ] && ! dmesg_since two-names | grep -q -e 'failed at' -e 'timed out'"
# The updates chained: the first from 1.5.35, the second (if any) from
# the version the first left, and version shows the last.
chained() {
	local prev=1.5.35 from to

	dmesg_since two-names |
		sed -n 's/.*TDX module updated from \([0-9.]*\) to \([0-9.]*\) .*/\1 \2/p' > /tmp/chain
	while read -r from to; do
		[ "$from" = "$prev" ] || { echo "update from $from after $prev"; return 1; }
		prev=$to
	done < /tmp/chain
	[ "$(version)" = "$prev" ] || { echo "version $(version), last update to $prev"; return 1; }
}
wb_check updates-chained chained
