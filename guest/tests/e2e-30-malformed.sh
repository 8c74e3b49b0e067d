#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Every malformed-image class: firmware-invalid, one "image rejected" line
# in the kernel log saying why, nothing changed, the module still answers.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 15

tdx_load
found=0
for img in "$IMG"/bad-*.bin; do
	[ -e "$img" ] || continue
	found=$((found + 1))
	name=$(basename "$img" .bin)
	ver=$(version)
	sl=$(slots)
	installs=$(emu_calls install)
	shutdowns=$(emu_calls shutdown)
	dmesg_mark "$name"
	if ! upload "$img"; then
		wb_fail "$name" "upload did not finish"
		continue
	fi
	case "$UPLOAD_ERROR" in
	*:firmware-invalid) ;;
	*) wb_fail "$name" "error '$UPLOAD_ERROR', expected firmware-invalid"; continue ;;
	esac
	if [ "$(version)" != "$ver" ] || [ "$(slots)" != "$sl" ]; then
		wb_fail "$name" "version $(version) slots $(slots), were $ver $sl"
	elif [ "$(emu_calls install)" != "$installs" ] || [ "$(emu_calls shutdown)" != "$shutdowns" ]; then
		wb_fail "$name" "the module was touched (SHUTDOWN or INSTALL issued)"
	elif [ "$(emu_state state)" != SYS_READY ] || ! cat "$DEV/seamldr/version" > /dev/null; then
		wb_fail "$name" "module not answering: $(emu_state state)"
	elif [ "$(dmesg_since "$name" | grep -c 'seamldr: image rejected: ')" -ne 1 ]; then
		wb_fail "$name" "not one 'image rejected' line: $(dmesg_since "$name" | grep seamldr | tr '\n' ' ')"
	else
		wb_pass "$name"
		dmesg_since "$name" | sed -n "s/.*seamldr: image rejected: /    $name: /p"
	fi
done
wb_check image-classes test "$found" -eq 14
