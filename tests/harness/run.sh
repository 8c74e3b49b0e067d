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

# expect_not NAME PATTERN CMD...: CMD must exit 0 and print nothing that
# matches PATTERN.
expect_not() {
	local name=$1 pat=$2 out got
	shift 2
	out=$("$@" 2>&1)
	got=$?
	if [ $got -ne 0 ]; then
		fail "$name" "exit $got: $(tail -n 2 <<< "$out" | tr '\n' ' ')"
	elif grep -qE -- "$pat" <<< "$out"; then
		fail "$name" "output has /$pat/: $(grep -m1 -E -- "$pat" <<< "$out")"
	else
		pass "$name"
	fi
}

# --- the VM's results --------------------------------------------------------
# A boot leaves a console log and a KTAP document (guest/init); these make
# both the way the guest does: guest/lib/ktap.sh under busybox sh, over
# small scripts written like guest/tests/ ones, and KUnit debugfs files.
g=$work/guest
mkdir -p "$g"
gscript() { # gscript NAME BODY: a guest test script
	printf '. "$LIB/wb.sh"\n%s\n' "$2" > "$g/$1.sh"
}
# guest LOG ITEM...: run each ITEM as guest/init does (a script by path, or
# a *.ktap KUnit results file of data/), KTAP beside LOG; the console gets
# WB-BOOT and WB-DONE around the scripts' output.
guest() {
	local logf=$1
	shift
	{
		echo "WB-BOOT harness"
		(cd "$g" && LIB=$root/guest/lib WB_LIB=$root/guest/lib WB_TMP=$g busybox sh -c '
			. "$LIB/ktap.sh"
			ktap_header $#
			n=0
			for item; do
				n=$((n + 1))
				case $item in
				*.ktap) ktap_kunit $n "$item" ;;
				*) ktap_script $n "$(basename "$item" .sh)" "$item" ;;
				esac
			done' sh "$@" 3> "${logf%.log}.ktap" 2>&1)
		echo "WB-DONE"
	} > "$logf"
}
mode() { # mode FILE LINE...: a guest/modes/ file
	local f=$1
	shift
	printf '%s\n' "$@" > "$f"
}
parse() { "$root/scripts/parse-vm-log.py" --kunit-tool "$kunit_tool" "$@"; }

gscript ok 'wb_plan 2; wb_pass a; wb_skip b "not here"'
gscript bad 'wb_plan 2; wb_pass a; wb_fail b oops'
echo demo > "$work/suites"
mode "$work/m-ok" kunit "script ok"
guest "$work/clean.log" "$g/ok.sh" "$here/data/kunit-pass.ktap"
expect vm-log-clean-passes 0 '^PASS kunit/demo.demo_one$' \
	parse --mode "$work/m-ok" --suites "$work/suites" "$work/clean.log"
expect vm-log-script-result 0 '^PASS vm/ok/a$' \
	parse --mode "$work/m-ok" --suites "$work/suites" "$work/clean.log"
expect vm-log-skip-is-skip 0 '^SKIP vm/ok/b not here' \
	parse --mode "$work/m-ok" --suites "$work/suites" "$work/clean.log"
expect vm-log-kunit-skip-is-skip 0 '^SKIP kunit/demo.demo_two not here' \
	parse --mode "$work/m-ok" --suites "$work/suites" "$work/clean.log"

guest "$work/kfail.log" "$g/ok.sh" "$here/data/kunit-fail.ktap"
expect vm-log-kunit-failure-fails nonzero '^FAIL kunit/demo.demo_one' \
	parse --mode "$work/m-ok" --suites "$work/suites" "$work/kfail.log"

echo missing_suite >> "$work/suites"
expect vm-log-missing-suite-fails nonzero '^FAIL kunit/missing_suite' \
	parse --mode "$work/m-ok" --suites "$work/suites" "$work/clean.log"
echo demo > "$work/suites"

# The kernel's own suites (example) are not the project's results.
guest "$work/example.log" "$g/ok.sh" "$here/data/kunit-pass.ktap" "$here/data/kunit-example.ktap"
expect_not vm-log-other-suite-not-counted 'kunit/example' \
	parse --mode "$work/m-ok" --suites "$work/suites" "$work/example.log"

cp "$work/clean.log" "$work/warn.log"
cp "$work/clean.ktap" "$work/warn.ktap"
cat "$here/data/warn.log" >> "$work/warn.log"
expect vm-log-warn-fails nonzero '^FAIL vm/kernel-log-clean .*WARNING: CPU: 2' \
	parse --mode "$work/m-ok" --suites "$work/suites" "$work/warn.log"

grep -v WB-DONE "$work/clean.log" > "$work/hang.log"
cp "$work/clean.ktap" "$work/hang.ktap"
echo "WB-TIMEOUT after 900s" >> "$work/hang.log"
expect vm-log-unfinished-fails nonzero '^FAIL vm/boot-and-run' \
	parse --mode "$work/m-ok" --suites "$work/suites" "$work/hang.log"

mode "$work/m-bad" "script bad"
guest "$work/tfail.log" "$g/bad.sh"
expect vm-log-test-failure-fails nonzero '^FAIL vm/bad/b oops' parse --mode "$work/m-bad" "$work/tfail.log"

# Silent passes, class 1: a mode's script that reports nothing, fewer
# results than it declared, dies, is not there, or does not run at all.
gscript silent ':'
gscript short 'wb_plan 3; wb_pass a'
gscript dies 'wb_plan 1; wb_pass a; exit 2'
mode "$work/m-1" "script silent" "script short" "script dies" "script gone" "script never"
guest "$work/c1.log" "$g/silent.sh" "$g/short.sh" "$g/dies.sh" "$g/gone.sh"
expect silent-script-without-plan-fails nonzero '^FAIL vm/silent/plan no plan' parse --mode "$work/m-1" "$work/c1.log"
expect silent-script-short-of-plan-fails nonzero '^FAIL vm/short/plan declared 3 results' parse --mode "$work/m-1" "$work/c1.log"
expect silent-script-exit-status-fails nonzero '^FAIL vm/dies/plan exit status 2' parse --mode "$work/m-1" "$work/c1.log"
expect silent-script-file-missing-fails nonzero '^FAIL vm/gone/plan .*gone.sh is not there' parse --mode "$work/m-1" "$work/c1.log"
expect silent-script-not-run-fails nonzero '^FAIL vm/never script of this mode did not report' parse --mode "$work/m-1" "$work/c1.log"
# A guest that died between two subtests: fewer than the top-level plan.
guest "$work/cut.log" "$g/ok.sh"
sed -i 's/^1\.\.1$/1..3/' "$work/cut.ktap"
expect silent-guest-cut-short-fails nonzero '^FAIL vm/ktap 2 KTAP error' parse --mode "$work/m-ok" "$work/cut.log"
rm -f "$work/c1.ktap"
expect silent-no-ktap-fails nonzero '^FAIL vm/results no results from the guest' parse --mode "$work/m-1" "$work/c1.log"

# Class 7: kunit.py failing is a failure, with its output.
printf '#!/bin/sh\necho "Traceback (most recent call last): boom"\nexit 1\n' > "$work/kunit-crash.py"
guest "$work/k7.log" "$g/ok.sh"
expect silent-kunit-tool-failure-fails nonzero '^FAIL vm/results kunit.py exited 1 without results .*boom' \
	"$root/scripts/parse-vm-log.py" --kunit-tool "$work/kunit-crash.py" --mode "$work/m-ok" "$work/k7.log"

# Class 2: the kselftest wrapper takes the kselftest's plan and exit status.
ksft=$root/guest/tests/20-kselftest-tdx-host.sh
mode "$work/m-ksft" "script 20-kselftest-tdx-host"
ksft_case() { # ksft_case NAME WANT_RC PATTERN KSELFTEST_BODY
	printf '%s\n' "$4" > "$work/ksft.sh"
	WB_KSFT=$work/ksft.sh guest "$work/ksft.log" "$ksft"
	expect "$1" "$2" "$3" parse --mode "$work/m-ksft" --prefix vm "$work/ksft.log"
}
ksft_case silent-kselftest-no-output-fails nonzero \
	'^FAIL vm/20-kselftest-tdx-host/plan the kselftest printed no KTAP plan' 'exit 0'
ksft_case silent-kselftest-short-fails nonzero '^FAIL vm/20-kselftest-tdx-host/' \
	'echo "TAP version 13"; echo "1..3"; echo "ok 1 a"; echo "ok 2 b"'
ksft_case silent-kselftest-exit-status-fails nonzero \
	'^FAIL vm/20-kselftest-tdx-host/exit-status the kselftest exited 1' 'echo "1..1"; echo "ok 1 a"; exit 1'
ksft_case kselftest-passes 0 '^SKIP vm/20-kselftest-tdx-host/case-2' \
	'echo "TAP version 13"; echo "1..2"; echo "ok 1 a"; echo "ok 2 b # SKIP no image"'

# Class 3: a bench boot that booted fewer CPUs, or gave fewer figures.
mkdir -p "$g/b"
printf '. "$LIB/wb.sh"\nwb_plan 1\nwb_pass update-flat-1\necho "WB-BENCH cpus=8 cfg=flat run=1 stop_us=99"\n' > "$g/b/bench.sh"
guest "$work/vm-bench-16.log" "$g/b/bench.sh"
expect silent-bench-fewer-cpus-fails nonzero 'gave 0 stop figures with cpus=16, expected 2' \
	env KUNIT_TOOL="$kunit_tool" "$root/scripts/bench.sh" --check 16 "$work/vm-bench-16.log" 1
printf '. "$LIB/wb.sh"\nwb_plan 3\nwb_pass update-flat-1\n' > "$g/b/bench.sh"
guest "$work/vm-bench-1.log" "$g/b/bench.sh"
expect silent-bench-unfinished-fails nonzero 'FAIL vm-bench-1/bench/plan declared 3 results' \
	env KUNIT_TOOL="$kunit_tool" "$root/scripts/bench.sh" --check 1 "$work/vm-bench-1.log" 1

# Class 4: a checker that prints no result, or something else.
results_case() { # results_case NAME WANT_RC PATTERN BASH
	expect "$1" "$2" "$3" env WB_RESULTS="$work/r-$1" WB_CACHE="$work/cache" bash -c \
		". '$root/scripts/lib.sh'; . '$root/scripts/results.sh'; set +e; $4"
}
results_case silent-checker-fails nonzero 'FAIL true printed no result' \
	'record true; results_end 0 $(date +%s)'
results_case checker-noise-fails nonzero 'FAIL echo/output not a result line: hello' \
	'record echo hello; results_end 0 $(date +%s)'
results_case checker-results-pass 0 '^1 passed, 0 failed, 0 skipped' \
	'record echo "PASS x"; results_end 0 $(date +%s)'
# Class 8: the exit status of make test does not hang on set -e.
results_case failure-exits-nonzero nonzero '^0 passed, 1 failed' \
	'record echo "FAIL x why"; results_end 0 $(date +%s); echo "still running"'
results_case early-stop-exits-nonzero nonzero 'FAIL make-test/stopped exit status 3' \
	'trap "results_end \$? $(date +%s)" EXIT; record echo "PASS x"; exit 3'

# Class 5: a changed .c file #included by a built one is checked through
# it; one nothing built includes is a skip, never a silent pass.
st=$work/static
mkdir -p "$st/cache/src/drv" "$st/kbuild/drv"
git -C "$st/cache/src" init -q
printf 'int a;\n#include "b.c"\n' > "$st/cache/src/drv/a.c"
printf 'int b;\n' > "$st/cache/src/drv/b.c"
git -C "$st/cache/src" add -A
git -C "$st/cache/src" -c user.name=h -c user.email=h@h commit -qm base
git -C "$st/cache/src" tag base
printf 'int b2;\n' >> "$st/cache/src/drv/b.c"
printf 'int c;\n' > "$st/cache/src/drv/c.c"
git -C "$st/cache/src" add -A
git -C "$st/cache/src" -c user.name=h -c user.email=h@h commit -qm change
touch "$st/kbuild/drv/.a.o.cmd"
expect silent-static-included-checked-through-includer 0 '^CHECK drv/b.c drv/a.c$' \
	env WB_CACHE="$st/cache" STATIC_KBUILD="$st/kbuild" "$root/scripts/static-check.sh" --plan HEAD
expect silent-static-unbuilt-is-skip 0 '^SKIP drv/c.c not built' \
	env WB_CACHE="$st/cache" STATIC_KBUILD="$st/kbuild" "$root/scripts/static-check.sh" --plan HEAD

# --- the README's apply commands -------------------------------------------
# Run as written, on a plain 7.1.8 tree: a README whose block lacks a
# series, applies a patch twice, or has no block at all fails.
if [ -d "$SRC/.git" ]; then
	grep -v 02-kvm-sev-hv-report "$root/README.md" > "$work/readme-no-02"
	expect apply-series-missing-fails nonzero '^FAIL apply/02-kvm-sev-hv-report no apply line' \
		env README="$work/readme-no-02" "$root/scripts/check-apply.sh"
	sed '/^git am .*03-kvm-mmu-unsync/p' "$root/README.md" > "$work/readme-twice"
	expect apply-command-failing-fails nonzero "^FAIL apply/stacked .*failed" \
		env README="$work/readme-twice" "$root/scripts/check-apply.sh"
	printf '# nothing to apply\n' > "$work/readme-none"
	expect apply-no-block-fails nonzero '^FAIL apply/readme no ' \
		env README="$work/readme-none" "$root/scripts/check-apply.sh"
else
	fail apply-series-missing-fails "no generated tree at $SRC"
fi

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
	# Class 6: a checkpatch.pl that dies, or says nothing, checked nothing.
	printf '#!/bin/sh\nexit 0\n' > "$work/checkpatch-silent"
	printf '#!/bin/sh\necho "Cannot locate Foo.pm"\nexit 2\n' > "$work/checkpatch-dies"
	chmod +x "$work/checkpatch-silent" "$work/checkpatch-dies"
	expect silent-checkpatch-no-summary-fails nonzero '^FAIL checkpatch/.*exited 0 without its summary' \
		env CHECKPATCH="$work/checkpatch-silent" "$root/scripts/checkpatch.sh" "$work/0001-bad.patch"
	expect silent-checkpatch-dies-fails nonzero "^FAIL checkpatch/.*exited 2 without its summary: Cannot locate" \
		env CHECKPATCH="$work/checkpatch-dies" "$root/scripts/checkpatch.sh" "$work/0001-bad.patch"
else
	fail checkpatch-problem-fails "no generated tree (checkpatch.pl) at $SRC"
fi

# --- churn inside a series (scripts/churn.py) --------------------------------
# A two-patch series whose second patch rewrites a line the first added
# fails unless that pair is listed with a reason; a line of the base that
# a patch rewrites is no churn.
c=$work/churn
git init -q "$c" && (
	cd "$c" || exit 1
	git config user.email h@example.org && git config user.name harness
	printf 'base line\n' > f.c && git add f.c && git commit -qm base && git tag base
	printf 'base line\nadded by 1\n' > f.c && git commit -qam one
	printf 'base line changed by 2\nadded by 1, rewritten by 2\n' > f.c && git commit -qam two
	git branch series/01-x
) > /dev/null 2>&1
expect churn-rewrite-fails nonzero '^FAIL churn/01-x 1 line' \
	"$root/scripts/churn.py" "$c" base series/01-x --allowed /dev/null
printf '01-x 1 2 harness test\n' > "$work/churn-allowed"
expect churn-listed-pair-passes 0 '^PASS churn/01-x 1 line.*listed with a reason' \
	"$root/scripts/churn.py" "$c" base series/01-x --allowed "$work/churn-allowed"
expect churn-names-the-line 1 'f.c: added by 1$' \
	"$root/scripts/churn.py" "$c" base series/01-x --allowed /dev/null --list
# What scripts/results.sh records is stdout: nothing there but result lines.
out=$("$root/scripts/churn.py" "$c" base series/01-x --allowed /dev/null --list 2>/dev/null)
if [ -z "$out" ]; then
	fail churn-stdout-is-results-only "printed no result on stdout"
elif grep -vqE '^(PASS|FAIL|SKIP) [^ ]' <<< "$out"; then
	fail churn-stdout-is-results-only "stdout has a line that is no result: $(grep -vE '^(PASS|FAIL|SKIP) ' <<< "$out" | head -n 1)"
else
	pass churn-stdout-is-results-only
fi

exit $rc
