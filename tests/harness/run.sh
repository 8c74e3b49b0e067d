#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Tests of the workbench itself: each proves that a class of problem really
# makes 'make test' fail, with a message that says what went wrong.  Fast:
# they use small synthetic inputs, not kernel builds.  Prints
# "PASS|FAIL harness/<name> [detail]" lines; exit 1 on any failure.

set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/scripts/lib.sh"
set +e

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rc=0
kunit_tool=$SRC/tools/testing/kunit/kunit.py

pass() { echo "PASS harness/$1"; }
fail() { echo "FAIL harness/$1 $2"; rc=1; }

# expect NAME WANT_RC PATTERN CMD...: CMD must exit WANT_RC ("nonzero" for
# any failure) and print something matching PATTERN (stdout+stderr).
expect() {
	local name=$1 want=$2 pat=$3 out got
	shift 3
	out=$("$@" 2>&1)
	got=$?
	if [ "$want" = nonzero ] && [ $got -eq 0 ]; then
		fail "$name" "exit 0, expected a failure"
	elif [ "$want" != nonzero ] && [ $got -ne "$want" ]; then
		fail "$name" "exit $got, expected $want: $(tail -n 2 <<< "$out" | tr '\n' ' ')"
	elif ! grep -qE -- "$pat" <<< "$out"; then
		fail "$name" "output lacks /$pat/: $(tail -n 2 <<< "$out" | tr '\n' ' ')"
	else
		pass "$name"
	fi
}

vmlog() { # vmlog FILE PARTS...: a console log made of WB lines and data files
	local f=$1
	shift
	: > "$f"
	for p in "$@"; do
		case "$p" in
		*.log) cat "$here/data/$p" >> "$f" ;;
		*) echo "$p" >> "$f" ;;
		esac
	done
}

parse() { "$root/scripts/parse-vm-log.py" --kunit-tool "$kunit_tool" "$@"; }

# --- the VM log parser ---------------------------------------------------
vmlog "$work/clean.log" "WB-BOOT x" ktap-pass.log "WB-RESULT pass t/a" "WB-DONE"
expect vm-log-clean-passes 0 '^PASS kunit/demo.demo_one$' parse "$work/clean.log"
expect vm-log-kunit-skip-is-skip 0 '^SKIP kunit/demo.demo_two' parse "$work/clean.log"

# Kernel messages between "KTAP version" and "# Subtest:" (seen in a CI
# run at boot): still every case under its suite, no parse error
vmlog "$work/inter.log" "WB-BOOT x" ktap-interleaved.log "WB-DONE"
expect vm-log-kunit-interleaved-messages 0 '^PASS kunit/second.second_one$' parse "$work/inter.log"

vmlog "$work/warn.log" "WB-BOOT x" warn.log "WB-DONE"
expect vm-log-warn-fails nonzero '^FAIL vm/kernel-log-clean .*WARNING: CPU: 2' parse "$work/warn.log"

vmlog "$work/kfail.log" "WB-BOOT x" ktap-fail.log "WB-DONE"
expect vm-log-kunit-failure-fails nonzero '^FAIL kunit/demo.demo_one' parse "$work/kfail.log"

echo demo > "$work/suites"
echo missing_suite >> "$work/suites"
expect vm-log-missing-suite-fails nonzero '^FAIL kunit/missing_suite' \
	parse --suites "$work/suites" "$work/clean.log"

vmlog "$work/hang.log" "WB-BOOT x" "WB-RESULT pass t/a" "WB-TIMEOUT after 900s"
expect vm-log-unfinished-fails nonzero '^FAIL vm/boot-and-run' parse "$work/hang.log"

vmlog "$work/tfail.log" "WB-BOOT x" "WB-RESULT fail t/b oops" "WB-DONE"
expect vm-log-test-failure-fails nonzero '^FAIL vm/t/b oops' parse "$work/tfail.log"

# --- kconfig check ---------------------------------------------------------
printf 'CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_C=m\n' > "$work/.config"
printf 'CONFIG_A=y\nCONFIG_INTEL_TDX_HOST=y\n' > "$work/frag1"
expect config-dropped-option-fails nonzero 'asked for CONFIG_INTEL_TDX_HOST=y, got: absent' \
	"$root/scripts/check-config.sh" "$work/.config" "$work/frag1"
printf 'CONFIG_C=y\n' > "$work/frag2"
expect config-changed-option-fails nonzero 'asked for CONFIG_C=y, got: CONFIG_C=m' \
	"$root/scripts/check-config.sh" "$work/.config" "$work/frag2"
printf 'CONFIG_A=y\n# CONFIG_B is not set\n# CONFIG_D is not set\n' > "$work/frag3"
expect config-satisfied-passes 0 '' "$root/scripts/check-config.sh" "$work/.config" "$work/frag3"

# --- base tarball handling -------------------------------------------------
mkdir -p "$work/cache/base" "$work/shared/base"
echo corrupt > "$work/cache/base/$BASE_TARBALL"
head -c "$BASE_SIZE" /dev/zero > "$work/shared/base/$BASE_TARBALL"
expect base-corrupt-rejected nonzero 'shared/base/linux_7.1.8.orig.tar.xz: checksum mismatch \(SHA-256' \
	env WB_CACHE="$work/cache" WB_SHARED="$work/shared" WB_NO_ARCHIVE=1 "$root/scripts/get-base.sh"
if [ -e "$work/cache/base/$BASE_TARBALL" ]; then
	fail base-corrupt-not-kept "the corrupt cached tarball is still there"
else
	pass base-corrupt-not-kept
fi

# --- patch queue on a toy tree ---------------------------------------------
out=$("$here/patch-queue.sh" "$work/toy")
printf '%s\n' "$out"
grep -q '^FAIL' <<< "$out" && rc=1

# --- checkpatch ------------------------------------------------------------
# A patch with trailing whitespace and no Signed-off-by must be reported.
if [ -x "$SRC/scripts/checkpatch.pl" ]; then
	cat > "$work/0001-bad.patch" <<'PATCH'
From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: Harness Test <harness@localhost>
Date: Thu, 1 Jan 2026 00:00:00 +0000
Subject: [PATCH] x86/virt/tdx: bad patch

---
 arch/x86/virt/vmx/tdx/tdx.c | 1 +
 1 file changed, 1 insertion(+)

diff --git a/arch/x86/virt/vmx/tdx/tdx.c b/arch/x86/virt/vmx/tdx/tdx.c
--- a/arch/x86/virt/vmx/tdx/tdx.c
+++ b/arch/x86/virt/vmx/tdx/tdx.c
@@ -45,2 +45,3 @@
 static u32 tdx_global_keyid __ro_after_init;
+static int x = 1; 
 static u32 tdx_guest_keyid_start __ro_after_init;
PATCH
	expect checkpatch-problem-fails nonzero '^FAIL checkpatch/.*0001-bad.patch' \
		"$root/scripts/checkpatch.sh" "$work/0001-bad.patch"
	printf '0001-bad.patch TRAILING_WHITESPACE harness test\n' > "$work/exc"
	expect checkpatch-exception-is-narrow nonzero 'MISSING_SIGN_OFF' \
		env CHECKPATCH_EXCEPTIONS="$work/exc" "$root/scripts/checkpatch.sh" "$work/0001-bad.patch"
else
	fail checkpatch-problem-fails "no generated tree (checkpatch.pl) at $SRC"
fi

exit $rc
