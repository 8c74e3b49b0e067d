#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# 'make intel-demo INTEL_TDX_BINARIES=DIR': Intel's update tool from DIR,
# a clone of Intel's TDX module binaries repository, run unmodified in the
# test VM on the software TDX platform (Debian's python3 in the guest, a
# stand-in for the 'cpuid' module, a platform CPU that DIR's images list):
# "version_select_and_load.py --list", then "--update", then the module
# version before and after; INTEL_DEMO_FAMILY=2.0 boots Intel's 2.0.04
# instead of 1.5.06 (mode intel-demo-2.0).  The platform recognises
# Intel's published modules by their SEAMHASH (tdx_emu, docs/platform.md),
# so tdx_host/version then shows the real version of the module the tool
# chose.

. "$(dirname "$0")/lib.sh"

dir=${INTEL_TDX_BINARIES:-}
if [ -z "$dir" ]; then
	cat >&2 <<'EOT'
make intel-demo runs Intel's own update tool on the software TDX platform.
It needs a clone of Intel's TDX module binaries repository:

  git clone https://github.com/intel/confidential-computing.tdx.tdx-module.binaries
  make intel-demo INTEL_TDX_BINARIES=$PWD/confidential-computing.tdx.tdx-module.binaries

(the 2025 repository, https://github.com/intel/tdx-module-binaries, works
the same way).  Nothing is downloaded by the workbench itself.
EOT
	exit 2
fi
dir=$(cd "$dir" && pwd) || die "intel-demo: no directory $INTEL_TDX_BINARIES"
for f in version_select_and_load.py mapping_file.json; do
	[ -f "$dir/$f" ] || die "intel-demo: $dir has no $f: not a clone of Intel's binaries repository"
done
"$WB_ROOT/scripts/mk-tree.sh"
"$WB_ROOT/scripts/build-kernel.sh" test
# The family the platform boots: 1.5 (Intel's 1.5.06) or 2.0 (2.0.04).
case ${INTEL_DEMO_FAMILY:-1.5} in
1.5) mode=intel-demo ;;
2.0) mode=intel-demo-2.0 ;;
*) die "intel-demo: INTEL_DEMO_FAMILY=$INTEL_DEMO_FAMILY: 1.5 or 2.0" ;;
esac
rc=0
INTEL_TDX_BINARIES=$dir "$WB_ROOT/scripts/vm-test.sh" "$mode" || rc=$?
sed -n 's/^    \(--list: \|--update: \|module \)/\1/p' "$RESULTS/vm-$mode.log" | tr -d '\r'
exit $rc
