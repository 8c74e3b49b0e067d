#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A module without the runtime-update feature (TDX_FEATURES0 bit 1): after
# an update to it, tdx-host shows no seamldr group and no seamldr_upload.
. /lib/wb.sh
. /lib/tdx.sh

tdx_emu_present || { wb_fail platform "no emulated TDX module"; exit 0; }
tdx_load
wb_check seamldr-group-before test -d "$DEV/seamldr" -a -e "$FW"
upload "$IMG/noupdate-1.5.30.bin"
wb_check update-to-module-without-bit1 test -z "$UPLOAD_ERROR" -a "$(version)" = 1.5.30
rmmod tdx_host
wb_check modprobe modprobe tdx-host
wb_check version-still-shown test "$(version)" = 1.5.30
wb_check no-seamldr-group test ! -e "$DEV/seamldr"
wb_check no-seamldr-upload test ! -e "$FW"
