#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fatal update: emulator fault "update any 0xc000050900000000".
. /lib/wb.sh
. /lib/tdx.sh
fatal_scenario "update any 0xc000050900000000"
