#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# mk-intel-fixture.sh OUTDIR
# A directory laid out like Intel's TDX module binaries repository, for
# testing the plumbing of 'make intel-demo' in 'make test' without it:
# the workbench's stand-in for version_select_and_load.py
# (tools/intel-standin/), a mapping_file.json in that stand-in's own
# format, and joined_files/1.5/tdx_module_<x.y.z>.blob images built with
# tools/tdx-blob (TDX-BLOB 0x200, as Intel publishes since 2026; signed
# with the workbench test key): 1.5.44, the update from the booted 1.5.06,
# for the platform's CPU ($TDX_EMU_FMS), without an emulated identity,
# 1.5.45 for another CPU, and joined_files/2.0/tdx_module_2.0.46.blob.

. "$(dirname "$0")/lib.sh"

out=${1:?usage: mk-intel-fixture.sh OUTDIR}
tool=$WB_ROOT/tools/tdx-blob/tdx-blob
fms=${TDX_EMU_FMS:-0x806f8}
rm -rf "$out"
mkdir -p "$out/joined_files/1.5" "$out/joined_files/2.0"
cp "$WB_ROOT/tools/intel-standin/version_select_and_load.py" "$out/"
# 1.5.44 has no emulated identity, like Intel's releases after facts
# section 6: the demo registers it (scripts/intel-identities.py) with the
# tdx_feature0 given here (1.5.06's, with the platform's bit 8).
# 2.0.46 is the same for the 2.0 family (mode intel-demo-2.0, booted with
# Intel's 2.0.04, 'make intel-demo INTEL_DEMO_FAMILY=2.0'): 2.0.04's
# TDX_FEATURES0 with this platform's bits.
printf '{"updates": {"1.5.06": "1.5.44", "2.0.04": "2.0.46"}, "modules": {"1.5.44": {"tdx_feature0": "0x2e1f0fbf"}, "2.0.46": {"tdx_feature0": "0x26f1f0fbf"}}}\n' \
	> "$out/mapping_file.json"
"$tool" build -o "$out/joined_files/1.5/tdx_module_1.5.44.blob" --format 0x200 \
	--version 1.5.44 --svn 1.44 --cpuid "$fms" --no-identity > /dev/null ||
	die "intel fixture: cannot build 1.5.44"
"$tool" build -o "$out/joined_files/1.5/tdx_module_1.5.45.blob" --format 0x200 \
	--version 1.5.45 --svn 1.45 --cpuid 0xa06d0 > /dev/null ||
	die "intel fixture: cannot build 1.5.45"
"$tool" build -o "$out/joined_files/2.0/tdx_module_2.0.46.blob" --format 0x200 \
	--version 2.0.46 --svn 3.46 --cpuid 0xa06d0 --cpuid 0xa06e0 \
	--num-handoff-pages 24 --no-identity > /dev/null ||
	die "intel fixture: cannot build 2.0.46"
