#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Export the generated branches to a scratch folder and compare them byte for
# byte with series/: the committed patch files must be what the tree gives.

. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/export/series" "$tmp/export/test" "$tmp/repo/series" "$tmp/repo/test"
"$WB_ROOT/scripts/export.sh" "$tmp/export/series" "$tmp/export/test" 2> "$tmp/log" ||
	{ cat "$tmp/log" >&2; exit 1; }
# Only the patch files count: a folder may hold other files.
(cd "$WB_ROOT/series" && find . -name '*.patch' -print0 | cpio -0pdm --quiet "$tmp/repo/series")
[ ! -d "$WB_ROOT/test/patches" ] ||
	(cd "$WB_ROOT/test/patches" && find . -name '*.patch' -print0 | cpio -0pdm --quiet "$tmp/repo/test")
if diff -ru "$tmp/repo" "$tmp/export" > "$tmp/diff" 2>&1; then
	exit 0
fi
echo "error: series/ or test/patches/ differs from a fresh export of the generated tree:" >&2
sed "s|$tmp/repo/test|test/patches|; s|$tmp/repo/series|series|; s|$tmp/export|export|" "$tmp/diff" | head -n 80 >&2
exit 1
