#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Export the generated branches to a scratch folder and compare them byte for
# byte with series/: the committed patch files must be what the tree gives.

. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/export" "$tmp/repo"
"$WB_ROOT/scripts/export.sh" "$tmp/export" 2> "$tmp/log" || { cat "$tmp/log" >&2; exit 1; }
# Only the patch files count: a folder may hold other files.
(cd "$WB_ROOT/series" && find . -name '*.patch' -print0 | cpio -0pdm --quiet "$tmp/repo")
if diff -ru "$tmp/repo" "$tmp/export" > "$tmp/diff" 2>&1; then
	exit 0
fi
echo "error: series/ differs from a fresh export of the generated tree:" >&2
sed "s|$tmp/repo|series|; s|$tmp/export|export|" "$tmp/diff" | head -n 80 >&2
exit 1
