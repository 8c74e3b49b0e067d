#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Cancel: written while prepare() checks the image (made slow: 2 s of
# emulated latency in SEAMLDR.SEAMINFO), the upload ends in user-abort
# with nothing touched; the cancel does not carry over, the next upload of
# the same image updates; a cancel with no upload running is refused.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 6

tdx_load
img=$(image cancel-1.5.39)
sl=$(slots)
snapshot
echo "seaminfo 2000000" > "$EMU/latency_us"
# The emulated SEAMLDR.SEAMINFO spins with interrupts off, as a SEAMCALL
# runs: the upload's work (queued on the CPU that ends the transfer) and
# that CPU stall; the cancel comes from a shell pinned to another CPU,
# using builtins only once the check is under way.
rm -f /tmp/cancel.out
taskset -c 2 sh -c "sleep 0.5; read s < $FW/status; echo \$s > /tmp/cancel.out; echo 1 > $FW/cancel && echo cancelled >> /tmp/cancel.out" &
taskset -c 0 sh -c ". /lib/tdx.sh; upload_start $img && upload_finish"
wait
wb_check cancel-while-preparing test "$(head -n 1 /tmp/cancel.out)" = preparing
wb_check cancel-written grep -qx cancelled /tmp/cancel.out
sed 's/^/    /' /tmp/cancel.out
i=0
while [ "$(cat "$FW/status")" != idle ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
echo "seaminfo 0" > "$EMU/latency_us"
err=$(cat "$FW/error")
wb_check cancelled-upload-is-user-abort test "${err#*:}" = user-abort
wb_check cancel-touched-nothing untouched
upload "$img"
wb_check next-upload-not-cancelled test -z "$UPLOAD_ERROR" -a "$(version)" = 1.5.39 -a "$(slots)" -eq $((sl - 1))
wb_check cancel-when-idle-refused sh -c "! echo 1 > $FW/cancel 2>/dev/null"
