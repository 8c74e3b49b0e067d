#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Intel's update tool, unmodified, on the software TDX platform: the
# repository staged in /intel ('make intel-demo INTEL_TDX_BINARIES=DIR'
# copies the user's clone; 'make test' a directory of its own with the
# workbench's stand-in for the tool, scripts/mk-intel-fixture.sh), Debian's
# python3, the 'cpuid' stand-in (/lib/cpuid.py).  The tool runs as root
# from the repository, as Intel documents: --list, then --update.
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 6

tdx_emu_present || { wb_fail platform "no emulated TDX module"; exit 0; }
[ -f /intel/version_select_and_load.py ] ||
	{ wb_fail repository "no /intel/version_select_and_load.py"; exit 0; }
export PYTHONPATH=/lib PATH="/usr/bin:$PATH"
wb_check python-runs python3 -c 'import json, argparse'
tdx_load
# Modules the platform knows neither as synthetic nor as published (Intel's
# releases after facts section 6): their identity as the host read it
# (scripts/intel-identities.py: version from the file name, TDX_FEATURES0
# from mapping_file.json or the running module's), never invented here.
if [ -s /intel-identities ]; then
	# Only the running module's major.minor: the tool updates within it.
	f0=$(emu_state features0)
	mm=$(version | cut -d. -f1-2)
	grep " ${mm%.*}\\.${mm#*.}\\.[0-9]* " /intel-identities | sed "s/ running\$/ $f0/" > /tmp/identities
	while read -r line; do
		echo "$line" > "$EMU/identities" ||
			wb_fail register-identity "refused: $line"
	done < /tmp/identities
	sed 's/^\([0-9a-f]\{16\}\)[0-9a-f]* /    registered: \1... /' /tmp/identities
	wb_check identities-registered test "$(wc -l < "$EMU/identities")" -eq "$(wc -l < /tmp/identities)"
else
	wb_skip identities-registered "every module of the repository is known to the platform"
fi
cd /intel || exit 0
old=$(version)
rc=0
python3 version_select_and_load.py --list < /dev/null > /tmp/list.out 2>&1 || rc=$?
sed 's/^/    --list: /' /tmp/list.out
wb_check tool-list-exit-0 test "$rc" -eq 0
rc=0
python3 version_select_and_load.py --update < /dev/null > /tmp/update.out 2>&1 || rc=$?
sed 's/^/    --update: /' /tmp/update.out
wb_check tool-update-exit-0 test "$rc" -eq 0
new=$(version)
wb_check module-version-changed test -n "$new" -a "$new" != "$old"
wb_check tool-success-line grep -q "Upgrade Intel TDX module from $old to $new" /tmp/update.out
echo "    module $old -> $new; P-SEAMLDR $(cat "$DEV/seamldr/version" 2>&1), $(slots) update(s) left"
