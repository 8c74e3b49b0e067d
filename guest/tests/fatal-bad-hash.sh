#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A module whose pages do not hash to the sigstruct's SEAMHASH: the
# P-SEAMLDR refuses it (EBADHASH) only after TDH.SYS.SHUTDOWN, so the update
# is fatal (the series does not check the sigstruct before shutting down).
. /lib/wb.sh
. /lib/tdx.sh
fatal_scenario "" "$IMG/badsig-hash.bin"
