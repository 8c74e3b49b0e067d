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
# between them.  Results: each update (with its stop figure), the model
# read back, the kernel log.
. /lib/wb.sh
. /lib/tdx.sh

runs=$(sed -n 's/.*wb.runs=\([0-9]*\).*/\1/p' /proc/cmdline)
runs=${runs:-5}
want=$(sed -n 's/.*tdx_emu_timing=\([^ ]*\).*/\1/p' /proc/cmdline)
cpus=$(grep -c ^processor /proc/cpuinfo)
wb_plan $((2 * runs + 3))
wb_check tdx-host tdx_load || exit 1
# Kernel messages off the console: they would land inside the trace lines.
dmesg -n 1
echo 1000 > "$EMU/remaining_updates"
model=$(tr '\n' , < "$EMU/timing")
model=${model%,}
echo "WB-BENCH-MODEL cpus=$cpus $model"
# The model on the command line is the one the platform uses.
bad=
for kv in $(echo "$want" | tr , ' '); do
	case "$kv" in *=*) ;; *) continue ;; esac
	grep -qx "$kv" "$EMU/timing" || bad="$bad $kv"
done
if [ -n "$want" ] && [ -z "$bad" ]; then
	wb_pass timing-from-cmdline
else
	wb_fail timing-from-cmdline "tdx_emu_timing='$want', not in the platform's model:$bad ($model)"
fi

for cfg in flat model; do
	if [ $cfg = flat ]; then echo off > "$EMU/timing"; else echo "$model" > "$EMU/timing"; fi
	i=1
	while [ $i -le "$runs" ]; do
		dmesg_mark "bench-$cfg-$i"
		echo 1 > "$EMU/trace"
		if ! upload "$IMG/bench-1.5.20.bin" || [ -n "$UPLOAD_ERROR" ]; then
			wb_fail "update-$cfg-$i" "error '$UPLOAD_ERROR'"
			exit 1
		fi
		echo 0 > "$EMU/trace"
		stop=$(dmesg_since "bench-$cfg-$i" | sed -n 's/.*all CPUs stopped for \([0-9]*\) us.*/\1/p')
		if [ -z "$stop" ]; then
			wb_fail "update-$cfg-$i" "no stop figure in the kernel's success line"
			exit 1
		fi
		wb_pass "update-$cfg-$i"
		echo "WB-BENCH cpus=$cpus cfg=$cfg run=$i stop_us=$stop"
		sed "s/^/WB-TRACE cpus=$cpus cfg=$cfg run=$i /" "$EMU/trace"
		i=$((i + 1))
	done
done
echo off > "$EMU/timing"
dmesg -n 7
if dmesg | grep -q -e 'WARNING:' -e 'BUG:' -e 'RCU stall'; then
	wb_fail kernel-log "$(dmesg | grep -m 1 -e 'WARNING:' -e 'BUG:' -e 'RCU stall')"
else
	wb_pass kernel-log
fi
