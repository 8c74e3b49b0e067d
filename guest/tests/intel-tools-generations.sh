#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Intel's update tool, both generations, as the workbench's stand-in
# models it (guest/lib/intel-tool.sh), each with a TDX-BLOB 0x100 and a
# 0x200 image: the module's new version in
# version, one slot fewer, the tool's success line.  Then the 2026 tool's
# refusals: no remaining update, a CPU offline.  The platform gets enough
# slots for the updates of this and the next script first.
. /lib/wb.sh
. /lib/tdx.sh
. /lib/intel-tool.sh
wb_plan 6

tdx_load
echo 16 > "$EMU/remaining_updates"

# tool_update GEN IMAGE VERSION: the tool updates to VERSION
tool_update() {
	local old sl out

	old=$(version)
	sl=$(slots)
	out=$(intel_tool "$1" "$IMG/$2.bin") || { echo "tool failed: $out"; return 1; }
	echo "    $1 tool, $2: $out"
	[ "$out" = "Upgrade Intel TDX module from $old to $3" ] ||
		{ echo "success line '$out'"; return 1; }
	[ "$(version)" = "$3" ] || { echo "version $(version), expected $3"; return 1; }
	[ "$(slots)" -eq $((sl - 1)) ] || { echo "slots $(slots), were $sl"; return 1; }
	[ "$(cat "$DEV/num_remaining_updates")" = "$(slots)" ] ||
		{ echo "num_remaining_updates differs from seamldr/num_remaining_updates"; return 1; }
}

wb_check tool-2025-blob-0x100 tool_update 2025 tool-1.5.31-0x100 1.5.31
wb_check tool-2025-blob-0x200 tool_update 2025 tool-1.5.32-0x200 1.5.32
wb_check tool-2026-blob-0x100 tool_update 2026 tool-1.5.33-0x100 1.5.33
wb_check tool-2026-blob-0x200 tool_update 2026 tool-1.5.34-0x200 1.5.34

# tool_skips GEN MESSAGE: the tool stops with MESSAGE before any upload
tool_skips() {
	local installs out

	installs=$(emu_calls install)
	if out=$(intel_tool "$1" "$IMG/tool-1.5.35-0x200.bin"); then
		echo "the tool went ahead: $out"
		return 1
	fi
	echo "    $1 tool: $out"
	[ "$out" = "$2" ] || { echo "said '$out'"; return 1; }
	[ "$(emu_calls install)" = "$installs" ] || { echo "an update was made"; return 1; }
	[ "$(version)" = 1.5.34 ] || { echo "version $(version)"; return 1; }
}

saved=$(cat "$EMU/remaining_updates")
echo 0 > "$EMU/remaining_updates"
wb_check tool-2026-no-remaining-update tool_skips 2026 \
	"No remaining Intel TDX module updates available. Skipping update."
echo "$saved" > "$EMU/remaining_updates"
echo 0 > /sys/devices/system/cpu/cpu3/online
wb_check tool-2026-cpu-offline tool_skips 2026 "Not all CPUs are online. Skipping update."
echo 1 > /sys/devices/system/cpu/cpu3/online
