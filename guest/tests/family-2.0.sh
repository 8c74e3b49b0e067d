#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Mode "family-2.0": the software TDX platform boots Intel's published
# 2.0.04 (tdx_emu_module=2.0.04: SEAMSVN 3.4, CPU signature a06d0,
# P-SEAMLDR 2.0.00).  An update to a later 2.0 module (new version,
# TDX_FEATURES0, one slot fewer); an image signed with another key and a
# 1.5 image (SEAMSVN major 1, 1.5 CPUs) refused before anything is
# touched; the stand-in for
# Intel's tool, both generations, choosing from its mapping and loading
# 2.0 images in both containers.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 19

tdx_emu_present || { wb_fail platform "no emulated TDX module"; exit 0; }
tdx_load
echo "    boot: module $(version), P-SEAMLDR $(cat "$DEV/seamldr/version"), TDX_FEATURES0 $(emu_state features0), CPU $(emu_state platform_fms)"
wb_check boot-module-2.0.04 test "$(version)" = 2.0.04
wb_check seamldr-2.0.00 test "$(cat "$DEV/seamldr/version")" = 2.0.00
# facts section 6: 2.0.04's constant part, bits 8 and 11 of this platform
wb_check boot-features0 test "$(emu_state features0)" = 0x26f1f0fbf
wb_check platform-cpu-a06d0 test "$(emu_state platform_fms)" = 0xa06d0

# probe FN: the module's status for leaf FN (with version bits), called
# through the platform's debugfs "seamcall"
probe() {
	echo "$1" > "$EMU/seamcall" && cut -d' ' -f2 "$EMU/seamcall"
}
# Leaf versions (review 2026-12-04-platform, section 3): 2.0.04 takes no
# TDH.SYS.INIT version 1 (OPERAND_INVALID), a module from 2.0.08 on does
# (then the state answers: SYS_INIT_NOT_PENDING); no module takes a
# versioned TDH.SYS.RD.
wb_check sys-init-v1-refused-by-2.0.04 test "$(probe 0x10021)" = 0xc000010000000000

sl=$(slots)
upload "$(image v2.0.20)"
wb_check update-2.0.20 test -z "$UPLOAD_ERROR" -a "$(version)" = 2.0.20
wb_check update-features0 test "$(emu_state features0)" = 0x10326f3f0fbf
wb_check update-one-slot test "$(slots)" -eq $((sl - 1))
# Intel's key is known for 2.0.00 too (every published 2.0 module carries
# it): checked, not left to the loader
wb_check key-checked-on-2.0.00 sh -c "! dmesg | grep -q 'its signing key is not known here'"
wb_check sys-init-v1-taken-by-2.0.20 test "$(probe 0x10021)" = 0xc000050000000000
wb_check sys-rd-v1-refused test "$(probe 0x10022)" = 0xc000010000000000

# refused_untouched makes three checks
refused_untouched "$(image v1.5.20)" firmware-invalid \
	'image rejected: SEAMSVN 1.20, the running module has 3.20: the major SEAMSVN must stay'
refused_untouched "$(image check-foreign-key-2.0)" firmware-invalid \
	"image rejected: not signed with Intel's key"

# tool_select GEN VERSION: the tool, run from a repository-like directory
# whose mapping takes the running module to VERSION, updates to it
tool_select() {
	local old out

	old=$(version)
	out=$(cd /tmp/repo && PYTHONPATH=/lib /usr/bin/python3 /intel-standin/version_select_and_load.py \
		--update --generation "$1") || { echo "tool failed: $out"; return 1; }
	echo "    $1 tool: $out"
	[ "$out" = "Upgrade Intel TDX module from $old to $2" ] || return 1
	[ "$(version)" = "$2" ]
}
mkdir -p /tmp/repo/joined_files/2.0
cp "$(image tool-2.0.21-0x100)" /tmp/repo/joined_files/2.0/tdx_module_2.0.21.blob
cp "$(image tool-2.0.22-0x200)" /tmp/repo/joined_files/2.0/tdx_module_2.0.22.blob
echo '{"updates": {"2.0.20": "2.0.21", "2.0.21": "2.0.22"}}' > /tmp/repo/mapping_file.json
wb_check tool-2025-selects-2.0.21 tool_select 2025 2.0.21
wb_check tool-2026-selects-2.0.22 tool_select 2026 2.0.22
