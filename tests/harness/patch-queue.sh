#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# patch-queue.sh WORKDIR
# The patch queue on a toy kernel tree, with a copy of the workbench's own
# scripts: import, edit, export, re-import, byte-identical re-export, and a
# patch that does not apply.  Prints "PASS|FAIL harness/<name>" lines.

set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
w=${1:?usage: patch-queue.sh WORKDIR}
rc=0
pass() { echo "PASS harness/$1"; }
fail() { echo "FAIL harness/$1 $2"; rc=1; }

mkdir -p "$w/kernel/arch/x86" "$w/wb/series/01-demo" "$w/wb/test/patches"
cp -a "$root/scripts" "$w/wb/"
printf 'all:\n' > "$w/kernel/Makefile"
printf 'int a;\nint b;\nint c;\n' > "$w/kernel/arch/x86/demo.c"
git -C "$w/wb" init -q
git -C "$w/wb" config user.name "Harness Test"
git -C "$w/wb" config user.email harness@localhost
export WB_CACHE=$w/cache KERNEL_TREE=$w/kernel
src=$WB_CACHE/src
wb=$w/wb/scripts

# A series that so far is only its cover letter.
cat > "$w/wb/series/01-demo/0000-cover-letter.patch" <<'COVER'
From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: Harness Test <harness@localhost>
Date: Thu, 1 Jan 2026 00:00:00 +0000
Subject: [RFC PATCH 0/0] demo: a toy series

Why this toy series exists.

Harness Test (0):

COVER

if ! "$wb/mk-tree.sh" > "$w/log" 2>&1; then
	fail queue-import "$(tail -n 3 "$w/log" | tr '\n' ' ')"
	exit 1
fi
pass queue-import

# Work on the series the documented way: commit in the generated tree, export.
git -C "$src" checkout -q series/01-demo
sed -i 's/int b;/long b;/' "$src/arch/x86/demo.c"
git -C "$src" commit -q -a -m "demo: make b long" -m "Because ints are too short." \
	-m "Signed-off-by: Harness Test <harness@localhost>"
if "$wb/export.sh" > "$w/log" 2>&1 &&
   [ -f "$w/wb/series/01-demo/0001-demo-make-b-long.patch" ] &&
   grep -q '^Subject: \[RFC PATCH 0/1\] demo: a toy series$' "$w/wb/series/01-demo/0000-cover-letter.patch" &&
   grep -q '^Why this toy series exists.$' "$w/wb/series/01-demo/0000-cover-letter.patch"; then
	pass queue-export
else
	fail queue-export "$(tail -n 3 "$w/log" | tr '\n' ' ')"
fi

# Re-import from scratch (a new machine), then export: no byte may change.
rm -rf "$WB_CACHE"
cp -a "$w/wb/series" "$w/series.before"
if "$wb/mk-tree.sh" > "$w/log" 2>&1 && "$wb/check-export.sh" >> "$w/log" 2>&1 &&
   "$wb/export.sh" >> "$w/log" 2>&1 && diff -r "$w/series.before" "$w/wb/series" >> "$w/log" 2>&1; then
	pass queue-reexport-identical
else
	fail queue-reexport-identical "$(tail -n 3 "$w/log" | tr '\n' ' ')"
fi

# An edit that is not exported is caught by the check.
git -C "$src" checkout -q series/01-demo
git -C "$src" commit -q --amend -m "demo: make b long" -m "Reworded." \
	-m "Signed-off-by: Harness Test <harness@localhost>"
if "$wb/check-export.sh" > "$w/log" 2>&1; then
	fail queue-stale-export-detected "check-export passed on a tree that differs from series/"
elif grep -q '^+Reworded.' "$w/log"; then
	pass queue-stale-export-detected
else
	fail queue-stale-export-detected "no diff shown: $(tail -n 2 "$w/log" | tr '\n' ' ')"
fi

# A patch whose context no longer matches ...
sed -i 's/^ int c;$/ int z;/' "$w/wb/series/01-demo/0001-demo-make-b-long.patch"

# ... makes the tree out of date, but regenerating it must not throw away
# the commit above that was never exported ...
if "$wb/mk-tree.sh" > "$w/log" 2>&1; then
	fail queue-unexported-work-kept "mk-tree.sh passed over unexported commits"
elif grep -q "have commits that are not in series/" "$w/log" &&
     git -C "$src" log -1 --format=%b series/01-demo | grep -q Reworded; then
	pass queue-unexported-work-kept
else
	fail queue-unexported-work-kept "$(tail -n 2 "$w/log" | tr '\n' ' ')"
fi

# ... and once that is forced, the patch fails: named, with its hunk.
if WB_FORCE_TREE=1 "$wb/mk-tree.sh" > "$w/log" 2>&1; then
	fail queue-bad-patch-fails "mk-tree.sh accepted a patch that does not apply"
elif grep -q 'error: series/01-demo/0001-demo-make-b-long.patch does not apply' "$w/log" &&
     grep -q 'patch failed: arch/x86/demo.c' "$w/log" && grep -q 'int z;' "$w/log"; then
	pass queue-bad-patch-fails
else
	fail queue-bad-patch-fails "message lacks file name or hunk: $(tail -n 4 "$w/log" | tr '\n' ' ')"
fi
exit $rc
