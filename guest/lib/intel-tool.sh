# SPDX-License-Identifier: GPL-2.0
# What Intel's update tool, version_select_and_load.py, does against the
# kernel, in each of its two published generations (facts section 7): the
# files it reads, its refusals, the upload sequence and its success line.
# . /lib/intel-tool.sh after /lib/tdx.sh
#
#   intel_tool 2025|2026 IMAGE [FIRMWARE_PATH]
#
# prints what the tool prints and returns 0 when it reports success.  Not
# modelled: the choice of the image from mapping_file.json (the caller
# names the image) and Python itself.  Where the tool reads CPUID.1.EAX
# of the CPU it runs on, the software platform's CPU signature
# (tdx_emu_fms= on the command line) stands in: the QEMU CPU is not one
# Intel's modules list.

# u32 at byte OFFSET of FILE, little-endian
tool_u32() {
	od -A n -t u4 -j "$2" -N 4 "$1" | tr -d ' '
}

tool_cpu_fms() {
	sed -n 's/.*tdx_emu_fms=\([0-9a-fx]*\).*/\1/p' /proc/cmdline
}

# The checks both generations make on the image before uploading: the
# sigstruct's module_type at 0x1000+12 (debug modules refused), and this
# CPU in the CPUID table at 0x1000+1024 (count) / 0x1000+1028 (entries),
# stepping masked.
tool_image_ok() {
	local img=$1 type count fms i entry found=0

	type=$(tool_u32 "$img" $((0x1000 + 12)))
	if [ $((type & 0x80000000)) -ne 0 ]; then
		echo "Debug TDX module is not allowed."
		return 1
	fi
	count=$(tool_u32 "$img" $((0x1000 + 1024)))
	fms=$(($(tool_cpu_fms) & ~0xf))
	i=0
	while [ "$i" -lt "$count" ] && [ "$i" -lt 255 ]; do
		entry=$(tool_u32 "$img" $((0x1000 + 1028 + 4 * i)))
		[ $((entry & ~0xf)) -eq "$fms" ] && found=1
		i=$((i + 1))
	done
	if [ "$found" -ne 1 ]; then
		echo "The TDX module does not support this CPU."
		return 1
	fi
}

intel_tool() {
	local gen=$1 img=$2 fw=${3:-/sys/class/firmware/seamldr_upload}
	local dev=/sys/devices/faux/tdx_host before after left i

	before=$(cat "$dev/version") || return 1
	cat "$dev/seamldr/version" > /dev/null || return 1
	if [ "$gen" = 2026 ]; then
		left=$(cat "$dev/num_remaining_updates" 2> /dev/null)
		if [ -z "$left" ] || [ "$left" -eq 0 ]; then
			echo "No remaining Intel TDX module updates available. Skipping update."
			return 1
		fi
		if [ "$(cat /sys/devices/system/cpu/online)" != "$(cat /sys/devices/system/cpu/present)" ]; then
			echo "Not all CPUs are online. Skipping update."
			return 1
		fi
	fi
	tool_image_ok "$img" || return 1

	echo 1 > "$fw/loading" || return 1
	cat "$img" > "$fw/data" || return 1
	echo 0 > "$fw/loading" || return 1
	i=0
	while [ "$(cat "$fw/status")" != idle ]; do
		i=$((i + 1))
		if [ "$i" -gt 100 ]; then
			echo "Timed out waiting for the TDX module update."
			return 1
		fi
		sleep 0.1
	done
	if [ -n "$(cat "$fw/error")" ]; then
		echo "TDX module update failed: $(cat "$fw/error")"
		return 1
	fi
	after=$(cat "$dev/version") || return 1
	echo "Upgrade Intel TDX module from $before to $after"
}
