#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# During an update (made slow with emulated latency: 2 s per SEAMLDR.INFO,
# which the checks before the update issue with the CPUs running, 300 ms per
# SEAMLDR.INSTALL inside stop_machine()): readers of version never see a
# torn value, a second upload is refused.
#
# The upload worker runs on the CPU that started the upload, and spins
# there with interrupts off in the emulated SEAMLDR.INFO: the upload is
# started from CPU 3, the reader runs on CPU 1 and this script on CPU 0, so
# that both really run while the first upload is under way.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 6

tdx_load
taskset -p -c 0 $$ > /dev/null
old=$(version)
slots0=$(slots)
echo "install 300000" > "$EMU/latency_us"
echo "seamldr_info 2000000" > "$EMU/latency_us"

: > /tmp/versions
taskset -c 1 sh -c "while [ ! -e /tmp/stop ]; do cat $DEV/version >> /tmp/versions; done" &
reader=$!

upload_start "$(image v1.5.23)"
taskset -c 3 sh -c ". /lib/tdx.sh; upload_finish"
# The first upload is checking the image and the platform (2 s): a second
# upload, of another image, must be refused.  The firmware loader takes the
# data of one upload at a time: while one runs, writing "data" fails
# (ENODEV), and starting one fails with EBUSY.
status=$(cat "$FW/status")
if { upload_start "$(image v1.5.24)" && upload_finish; } 2> /tmp/second; then
	wb_fail second-upload-refused "a second upload was accepted while '$status'"
else
	grep -q -e 'busy' -e 'No such device' /tmp/second &&
		wb_pass second-upload-refused ||
		wb_fail second-upload-refused "$(cat /tmp/second)"
	sed 's/^/    second upload: /' /tmp/second
fi
after=$(cat "$FW/status")
i=0
while [ "$(cat "$FW/status")" != idle ] && [ $i -lt 600 ]; do i=$((i + 1)); sleep 0.1; done
# Let the reader see the new version too (at most 3 s) before it stops:
# the update may end just before this script notices.
i=0
while ! grep -q -x 1.5.23 /tmp/versions && [ $i -lt 30 ]; do i=$((i + 1)); sleep 0.1; done
touch /tmp/stop
wait $reader
echo "install 0" > "$EMU/latency_us"
echo "seamldr_info 0" > "$EMU/latency_us"
# Else the second attempt did not overlap the first and proved nothing.
wb_check first-upload-was-running test "$status" != idle -a "$after" != idle

wb_check first-update-done test -z "$(cat "$FW/error")" -a "$(version)" = 1.5.23
wb_check one-update-only test "$(slots)" -eq $((slots0 - 1))
reads=$(wc -l < /tmp/versions)
torn=$(grep -v -x -e "$old" -e 1.5.23 /tmp/versions | sort -u | head -n 3 | tr '\n' ' ')
wb_check version-reads-untorn test -z "$torn"
wb_check version-read-during-update test "$(grep -c -x "$old" /tmp/versions)" -gt 0 -a "$(grep -c -x 1.5.23 /tmp/versions)" -gt 0
echo "    $reads reads of version during the update; torn: ${torn:-none}"
