#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fatal update: emulator fault "lp_init 2 0xc000092000000000".
. /lib/wb.sh
. /lib/tdx.sh
fatal_scenario "lp_init 2 0xc000092000000000"
