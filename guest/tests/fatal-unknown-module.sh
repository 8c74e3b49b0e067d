#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fatal update: a validly signed module with no emulated identity whose
# SEAMHASH is neither published nor registered.  The software platform
# cannot run it: it refuses it at the relocation step (16), after the old
# module was shut down, and says why; it never gives it an invented
# version.  (A named deviation: the real platform would run the module.)
. /lib/wb.sh
. /lib/tdx.sh
fatal_scenario "" "$(image noid-1.5.41)" "SEAMLDR.INSTALL step 16: neither a synthetic module nor one of Intel's published ones, nor registered"
