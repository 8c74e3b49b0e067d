#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The main job behind 'make': base, generated tree, test kernel, one boot
# under QEMU TCG running the guest's report-* scripts, and a short report.

. "$(dirname "$0")/lib.sh"

"$WB_ROOT/scripts/mk-tree.sh"
"$WB_ROOT/scripts/build-kernel.sh" test
rc=0
out=$("$WB_ROOT/scripts/vm-test.sh" report) || rc=$?
logf=$RESULTS/vm-report.log

echo
echo "=== TDX workbench report ==="
if [ -n "$KERNEL_TREE" ]; then
	echo "base:        KERNEL_TREE=$KERNEL_TREE"
else
	echo "base:        Linux $BASE_VERSION ($BASE_TARBALL, SHA-256 verified)"
fi
prev=base
for s in $(series_dirs); do
	printf 'series:      %-32s %2d patches  %s\n' "$s" \
		"$(git -C "$SRC" rev-list --count "$prev..series/$s")" \
		"$(git -C "$SRC" config "branch.series/$s.description" | head -n 1)"
	prev=series/$s
done
printf 'test-only:   %d patches (test/patches)\n' "$(git -C "$SRC" rev-list --count "$prev..test")"
printf 'guest:       %s\n' "$(sed -n 's/^WB-BOOT //p' "$logf" | head -n 1)"
echo "TDX host code at boot:"
grep -E 'virt/tdx|tdx_host|seamldr' "$logf" | grep -v '^WB-' | sed 's/^/  /' || echo "  (nothing)"
if grep -q '^WB-REPORT' "$logf"; then
	echo "Guest report:"
	sed -n 's/^WB-REPORT /  /p' "$logf"
fi
echo "console log: $logf"
if [ $rc -ne 0 ]; then
	echo "Problems:"
	grep '^FAIL' <<< "$out" | sed 's/^/  /'
	exit 1
fi
