#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A module signed with a key that is not Intel's: the P-SEAMLDR refuses it
# at step 7 (EBADSIG, recoverable for the loader) but only on the last
# SEAMLDR.INSTALL, after TDH.SYS.SHUTDOWN, so for the kernel the update is
# fatal (the series does not check the key before shutting down yet).
. /lib/wb.sh
. /lib/tdx.sh
fatal_scenario "" "$IMG/badsig-foreign-key.bin" \
	"SEAMLDR.INSTALL step 7: not signed with Intel's key: 0x8000000000020000"
wb_check loader-kept-old-module sh -c ". /lib/tdx.sh; dmesg_since fatal | grep -q 'SEAMLDR.INSTALL on CPU [0-9]*: 0x8000000000020000, old module kept'"
