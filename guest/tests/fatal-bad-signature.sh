#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A module whose RSA-3072 signature does not verify: the P-SEAMLDR refuses
# it at step 12 (EBADSIG, recoverable for the loader) on the last
# SEAMLDR.INSTALL, after TDH.SYS.SHUTDOWN, so for the kernel the update is
# fatal (the series cannot verify the signature before shutting down yet).
. /lib/wb.sh
. /lib/tdx.sh
fatal_scenario "" "$IMG/badsig-bad-signature.bin" \
	"SEAMLDR.INSTALL step 12: RSA signature does not verify: 0x8000000000020000"
wb_check loader-kept-old-module sh -c ". /lib/tdx.sh; dmesg_since fatal | grep -q 'SEAMLDR.INSTALL on CPU [0-9]*: 0x8000000000020000, old module kept'"
