#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Every malformed-image class: firmware-invalid, one "image rejected" line
# in the kernel log saying why, nothing changed, the module still answers.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 14

tdx_load
found=0
for img in "$IMG"/bad-*.bin; do
	[ -e "$img" ] || continue
	found=$((found + 1))
	name=$(basename "$img" .bin)
	snapshot
	dmesg_mark "$name"
	if ! upload "$img"; then
		wb_fail "$name" "upload did not finish"
		continue
	fi
	case "$UPLOAD_ERROR" in
	*:firmware-invalid) ;;
	*) wb_fail "$name" "error '$UPLOAD_ERROR', expected firmware-invalid"; continue ;;
	esac
	if ! why=$(untouched); then
		wb_fail "$name" "$why"
	elif ! cat "$DEV/seamldr/version" > /dev/null; then
		wb_fail "$name" "the P-SEAMLDR does not answer"
	elif [ "$(dmesg_since "$name" | grep -c 'seamldr: image rejected: ')" -ne 1 ]; then
		wb_fail "$name" "not one 'image rejected' line: $(dmesg_since "$name" | grep seamldr | tr '\n' ' ')"
	else
		wb_pass "$name"
		dmesg_since "$name" | sed -n "s/.*seamldr: image rejected: /    $name: /p"
	fi
done
wb_check image-classes test "$found" -eq 13
