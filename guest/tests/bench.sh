#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# 'make bench': stop time of updates on the software TDX platform, with no
# emulated latency and with a fixed latency per SEAMLDR.INSTALL.  One line
# per update:
#   WB-BENCH cpus=N latency_us=L run=I stop_us=S emulated_us=E
# S is what the kernel measured (its success line), E the time the
# emulator spent in injected latency during that update.
. /lib/wb.sh
. /lib/tdx.sh

runs=$(sed -n 's/.*wb.runs=\([0-9]*\).*/\1/p' /proc/cmdline)
lats=$(sed -n 's/.*wb.latencies=\([0-9,]*\).*/\1/p' /proc/cmdline | tr , ' ')
cpus=$(grep -c ^processor /proc/cpuinfo)
tdx_load || { wb_fail tdx-host "modprobe tdx-host failed"; exit 0; }
echo 1000 > "$EMU/remaining_updates"

for lat in ${lats:-0 10000}; do
	echo "install $lat" > "$EMU/latency_us"
	i=1
	while [ $i -le "${runs:-5}" ]; do
		d0=$(cat "$EMU/delay_ns")
		dmesg_mark "bench-$lat-$i"
		if ! upload "$IMG/v1.5.20.bin" || [ -n "$UPLOAD_ERROR" ]; then
			wb_fail "update-$lat-$i" "error '$UPLOAD_ERROR'"
			break
		fi
		d1=$(cat "$EMU/delay_ns")
		stop=$(dmesg_since "bench-$lat-$i" | sed -n 's/.*all CPUs stopped for \([0-9]*\) us.*/\1/p')
		echo "WB-BENCH cpus=$cpus latency_us=$lat run=$i stop_us=$stop emulated_us=$(((d1 - d0) / 1000))"
		i=$((i + 1))
	done
done
echo "install 0" > "$EMU/latency_us"
wb_pass done
