#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fatal update: a module built for handoff version 1 with a sigstruct that
# says module_hv 0 (tdx-blob --bad module-hv-mismatch).  The P-SEAMLDR
# installs it; its TDH.SYS.INIT refuses the sigstruct
# (TDX_SYS_INCOMPATIBLE_SIGSTRUCT), after the old module was shut down.
. /lib/wb.sh
. /lib/tdx.sh
fatal_scenario "" "$(image fatal-sysinit-hv)" "SEAMCALL (leaf 33 version 0) failed: 0xc000050a00000000"
