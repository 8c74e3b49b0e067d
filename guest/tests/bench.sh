#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# 'make bench': stop window of updates on the software TDX platform, with
# the timing model off (cfg=flat: every call takes what the emulator's C
# code takes under TCG) and with the model the kernel was booted with
# (tdx_emu_timing=, cfg=model).  Per update:
#   WB-BENCH cpus=N cfg=C run=I stop_us=S
#   WB-TRACE cpus=N cfg=C run=I CPU LEAF ENTER_NS EXIT_NS STATUS [last PAGES]
# S is what the kernel measured (its success line); the trace is the
# emulator's record of every SEAMCALL during the upload (debugfs trace),
# from which scripts/bench.sh tells the time inside calls from the time
# between them.
. /lib/wb.sh
. /lib/tdx.sh

runs=$(sed -n 's/.*wb.runs=\([0-9]*\).*/\1/p' /proc/cmdline)
want=$(sed -n 's/.*tdx_emu_timing=\([^ ]*\).*/\1/p' /proc/cmdline)
cpus=$(grep -c ^processor /proc/cpuinfo)
tdx_load || { wb_fail tdx-host "modprobe tdx-host failed"; exit 0; }
# Kernel messages off the console: they would land inside the trace lines.
dmesg -n 1
echo 1000 > "$EMU/remaining_updates"
model=$(tr '\n' , < "$EMU/timing")
model=${model%,}
echo "WB-BENCH-MODEL cpus=$cpus $model"
# The model on the command line is the one the platform uses.
for kv in $(echo "$want" | tr , ' '); do
	case "$kv" in *=*) ;; *) continue ;; esac
	grep -qx "$kv" "$EMU/timing" || wb_fail timing-from-cmdline "$kv not in $(echo "$model")"
done

for cfg in flat model; do
	if [ $cfg = flat ]; then echo off > "$EMU/timing"; else echo "$model" > "$EMU/timing"; fi
	i=1
	while [ $i -le "${runs:-5}" ]; do
		dmesg_mark "bench-$cfg-$i"
		echo 1 > "$EMU/trace"
		if ! upload "$IMG/bench-1.5.20.bin" || [ -n "$UPLOAD_ERROR" ]; then
			wb_fail "update-$cfg-$i" "error '$UPLOAD_ERROR'"
			break
		fi
		echo 0 > "$EMU/trace"
		stop=$(dmesg_since "bench-$cfg-$i" | sed -n 's/.*all CPUs stopped for \([0-9]*\) us.*/\1/p')
		echo "WB-BENCH cpus=$cpus cfg=$cfg run=$i stop_us=$stop"
		sed "s/^/WB-TRACE cpus=$cpus cfg=$cfg run=$i /" "$EMU/trace"
		i=$((i + 1))
	done
done
echo off > "$EMU/timing"
dmesg -n 7
if dmesg | grep -q -e 'WARNING:' -e 'BUG:' -e 'RCU stall'; then
	wb_fail kernel-log "$(dmesg | grep -m 1 -e 'WARNING:' -e 'BUG:' -e 'RCU stall')"
fi
wb_pass done
