#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# During an update (made slow with emulated latency: 1 s per SEAMLDR.INFO,
# which the checks before the update issue with the CPUs running, 300 ms per
# SEAMLDR.INSTALL inside stop_machine()): readers of version never see a
# torn value, a second upload gets busy.
. /lib/wb.sh
. /lib/tdx.sh

tdx_load
old=$(version)
slots0=$(slots)
echo "install 300000" > "$EMU/latency_us"
echo "seamldr_info 1000000" > "$EMU/latency_us"

: > /tmp/versions
( while [ ! -e /tmp/stop ]; do cat "$DEV/version" >> /tmp/versions; done ) &
reader=$!

echo 1 > "$FW/loading"
cat "$(image v1.5.23)" > "$FW/data"
echo 0 > "$FW/loading"
# The first upload is checking the image and the platform (1 s): a second
# upload, of another image, must be refused.  The firmware loader takes the
# data of one upload at a time: while one runs, writing "data" fails
# (ENODEV), and starting one fails with EBUSY.
status=$(cat "$FW/status")
if { echo 1 > "$FW/loading" && cat "$(image v1.5.24)" > "$FW/data" &&
     echo 0 > "$FW/loading"; } 2> /tmp/second; then
	wb_fail second-upload-refused "a second upload was accepted while '$status'"
else
	grep -q -e 'busy' -e 'No such device' /tmp/second &&
		wb_pass second-upload-refused ||
		wb_fail second-upload-refused "$(cat /tmp/second)"
	sed 's/^/    second upload: /' /tmp/second
fi
i=0
while [ "$(cat "$FW/status")" != idle ] && [ $i -lt 600 ]; do i=$((i + 1)); sleep 0.1; done
touch /tmp/stop
wait $reader
echo "install 0" > "$EMU/latency_us"
echo "seamldr_info 0" > "$EMU/latency_us"
wb_check first-upload-was-running test "$status" != idle

wb_check first-update-done test -z "$(cat "$FW/error")" -a "$(version)" = 1.5.23
wb_check one-update-only test "$(slots)" -eq $((slots0 - 1))
reads=$(wc -l < /tmp/versions)
torn=$(grep -v -x -e "$old" -e 1.5.23 /tmp/versions | sort -u | head -n 3 | tr '\n' ' ')
wb_check version-reads-untorn test -z "$torn"
wb_check version-read-during-update test "$(grep -c -x "$old" /tmp/versions)" -gt 0 -a "$(grep -c -x 1.5.23 /tmp/versions)" -gt 0
echo "    $reads reads of version during the update; torn: ${torn:-none}"
