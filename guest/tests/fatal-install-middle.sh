#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fatal update: emulator fault "install any 0x8000000000010003 2".
. /lib/wb.sh
. /lib/tdx.sh
fatal_scenario "install any 0x8000000000010003 2"
