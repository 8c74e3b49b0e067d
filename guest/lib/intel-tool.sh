# SPDX-License-Identifier: GPL-2.0
# Intel's update tool, as the workbench's stand-in models it
# (tools/intel-standin/version_select_and_load.py, staged in
# /intel-standin with Debian's python3 and the 'cpuid' stand-in of /lib).
# . /lib/intel-tool.sh
#
#   intel_tool 2025|2026 IMAGE [FIRMWARE_PATH]
#
# prints what the tool prints and returns 0 when it reports success.  Not
# modelled: the choice of the image from mapping_file.json (the caller
# names the image).

intel_tool() {
	PYTHONPATH=/lib /usr/bin/python3 /intel-standin/version_select_and_load.py --update \
		--generation "$1" --image "$2" --firmware-path "${3:-/sys/class/firmware/seamldr_upload}"
}
