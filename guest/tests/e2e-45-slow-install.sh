#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Every SEAMLDR.INSTALL made slow (1.5 s of emulated latency each, one CPU
# at a time: 6 s inside stop_machine() with 4 CPUs), after
# TDH.SYS.SHUTDOWN has run.  The kernel must wait, not give up: the update
# completes, and the stop window the kernel reports covers the slow
# calls of every CPU.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 3

tdx_load
sl=$(slots)
dmesg_mark slow
echo "install 1500000" > "$EMU/latency_us"
upload "$(image slow-1.5.38)"
echo "install 0" > "$EMU/latency_us"
wb_check slow-update-completes test -z "$UPLOAD_ERROR" -a "$(version)" = 1.5.38 -a "$(slots)" -eq $((sl - 1))
stop=$(dmesg_since slow | sed -n 's/.*all CPUs stopped for \([0-9]*\) us.*/\1/p')
echo "    stop window ${stop:-none} us, $(nproc) CPUs at 1500000 us each"
wb_check stop-covers-every-install test "${stop:-0}" -ge $(($(nproc) * 1500000))
wb_check no-abort sh -c ". /lib/tdx.sh; ! dmesg_since slow | grep -q -e 'timed out' -e 'failed at' -e fatal"
dmesg_since slow | grep -e 'TDX module updated' | sed 's/.*seamldr: /    /'
