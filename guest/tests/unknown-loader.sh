#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Mode "unknown-loader": P-SEAMLDR 2.0.01, which Intel has not published.
# The kernel knows the key of 1.5.x and 2.0.00 only: for this loader it
# leaves the key to the loader, says so once, and updates.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 3

tdx_emu_present || { wb_fail platform "no emulated TDX module"; exit 0; }
tdx_load
wb_check seamldr-2.0.01 test "$(cat "$DEV/seamldr/version")" = 2.0.01
upload "$(image v2.0.20)"
wb_check update-succeeds test -z "$UPLOAD_ERROR" -a "$(version)" = 2.0.20
wb_check key-left-said-once sh -c "[ \$(dmesg | grep -c 'P-SEAMLDR 2.0.01: its signing key is not known here') -eq 1 ]"
