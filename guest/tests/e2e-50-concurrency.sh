#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# During an update (made slow with emulated SEAMLDR.INSTALL latency):
# readers of version never see a torn value, a second upload gets busy.
. /lib/wb.sh
. /lib/tdx.sh

tdx_load
old=$(version)
echo "install 300000" > "$EMU/latency_us"

: > /tmp/versions
( while [ ! -e /tmp/stop ]; do cat "$DEV/version" >> /tmp/versions; done ) &
reader=$!

echo 1 > "$FW/loading"
cat "$(image v1.5.23)" > "$FW/data"
echo 0 > "$FW/loading"
# Wait for the update to be under way, then try a second upload.
i=0
while [ "$(cat "$FW/status")" = idle ] && [ $i -lt 50 ]; do i=$((i + 1)); sleep 0.1; done
status=$(cat "$FW/status")
if echo 1 > "$FW/loading" 2> /tmp/second; then
	wb_fail second-upload-busy "a second upload started while '$status'"
	echo 1 > "$FW/loading"
elif grep -q 'busy' /tmp/second; then
	wb_pass second-upload-busy
else
	wb_fail second-upload-busy "$(cat /tmp/second)"
fi
i=0
while [ "$(cat "$FW/status")" != idle ] && [ $i -lt 600 ]; do i=$((i + 1)); sleep 0.1; done
touch /tmp/stop
wait $reader
echo "install 0" > "$EMU/latency_us"

wb_check update-done test -z "$(cat "$FW/error")" -a "$(version)" = 1.5.23
reads=$(wc -l < /tmp/versions)
torn=$(grep -v -x -e "$old" -e 1.5.23 /tmp/versions | sort -u | head -n 3 | tr '\n' ' ')
wb_check version-reads-untorn test -z "$torn"
wb_check version-read-during-update test "$(grep -c -x "$old" /tmp/versions)" -gt 0 -a "$(grep -c -x 1.5.23 /tmp/versions)" -gt 0
echo "    $reads reads of version during the update; torn: ${torn:-none}"
