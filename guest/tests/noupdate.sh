#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A module without the runtime-update feature (TDX_FEATURES0 bit 1): after
# an update to it, tdx-host keeps the P-SEAMLDR attributes (the loader still
# answers them) and refuses further uploads as a platform that cannot take
# one (hw-error), not as a bad image.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 9

tdx_emu_present || { wb_fail platform "no emulated TDX module"; exit 0; }
tdx_load
wb_check seamldr-group-before test -d "$DEV/seamldr" -a -e "$FW"
upload "$IMG/noupdate-1.5.30.bin"
wb_check update-to-module-without-bit1 test -z "$UPLOAD_ERROR" -a "$(version)" = 1.5.30
# No reload (the upload device pins tdx-host): the attributes stay as they
# were and still read; the upload devices stay and refuse every image.
wb_check version-still-shown test "$(version)" = 1.5.30
wb_check seamldr-group-still-reads test -n "$(cat "$DEV/seamldr/version")" -a -n "$(cat "$DEV/seamldr/num_remaining_updates")"
wb_check flat-seamldr-attrs-still-read test -n "$(cat "$DEV/seamldr_version")" -a -n "$(cat "$DEV/num_remaining_updates")"
wb_check upload-device-stays test -e "$FW/loading"
calls=$(emu_calls shutdown)
dmesg_mark again
upload "$IMG/v1.5.20.bin"
wb_check further-update-refused test "$UPLOAD_ERROR" != "" -a "${UPLOAD_ERROR#*:}" = hw-error
wb_check refusal-logged sh -c ". /lib/tdx.sh; dmesg_since again | grep -q 'update refused: the running TDX module cannot be updated at runtime'"
wb_check nothing-touched test -n "$calls" -a "$(emu_calls shutdown)" = "$calls" -a "$(version)" = 1.5.30
