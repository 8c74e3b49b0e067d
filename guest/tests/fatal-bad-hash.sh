#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A module whose pages do not hash to the sigstruct's SEAMHASH: the
# P-SEAMLDR refuses it (EBADHASH) at step 15, after it has started to
# overwrite the old module (unrecoverable), and only after
# TDH.SYS.SHUTDOWN, so the update is fatal (the series does not check the
# sigstruct before shutting down).
. /lib/wb.sh
. /lib/tdx.sh
fatal_scenario "" "$IMG/badsig-hash.bin" \
	"SEAMLDR.INSTALL step 15: module pages do not match SEAMHASH: 0x8000000000020001"
wb_check loader-lost-old-module sh -c ". /lib/tdx.sh; dmesg_since fatal | grep -q 'SEAMLDR.INSTALL on CPU [0-9]*: 0x8000000000020001, no module left'"
