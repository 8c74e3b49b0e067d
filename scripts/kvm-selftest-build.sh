#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# kvm-selftest-build.sh [TREE]
# Build the KVM selftest x86/sev_snp_hv_report_test, and only it (plus the
# selftest library it links with), from the kernel tree TREE (default: the
# generated tree $SRC) into $BUILD/kvm-selftests.  Nothing is checked out and
# nothing is written into TREE: the UAPI headers come from 'make headers' in
# $BUILD/kvm-selftests/kbuild, the objects go to OUTPUT=$BUILD/kvm-selftests.
# Incremental: a second run only rebuilds what changed.
# Prints "PASS|FAIL kvm-selftest/sev_snp_hv_report_test-build [reason]";
# exit 1 on failure.  Compiler warnings in the test's own source fail it.
# Then runs the test on this machine: it needs SEV-SNP, so it is expected to
# skip here, which is reported as SKIP with the test's own reason.

. "$(dirname "$0")/lib.sh"

test=sev_snp_hv_report_test
name="kvm-selftest/$test-build"
tree=${1:-$SRC}
out=$BUILD/kvm-selftests

fail() {
	echo "FAIL $name $*"
	exit 1
}

[ -f "$tree/Makefile" ] || fail "no kernel tree at $tree"
[ -f "$tree/tools/testing/selftests/kvm/Makefile.kvm" ] ||
	fail "$tree has no KVM selftests (tools/testing/selftests/kvm/Makefile.kvm)"
[ -f "$tree/tools/testing/selftests/kvm/x86/$test.c" ] ||
	fail "$tree has no tools/testing/selftests/kvm/x86/$test.c"
command -v gcc > /dev/null || fail "no gcc (scripts/deps.sh installs it)"

mkdir -p "$out"
out=$(cd "$out" && pwd)
hdr=$out/kbuild/usr
start=$(date +%s)

# The sanitised UAPI headers of TREE (asm/kvm.h carries the new command).
# 'headers' rather than 'headers_install': the latter needs rsync.
log "kvm-selftest: UAPI headers of $tree"
if ! make -s -C "$tree" O="$out/kbuild" ARCH=x86_64 headers > "$out/headers.log" 2>&1; then
	tail -n 20 "$out/headers.log" >&2
	fail "make headers failed (log: $out/headers.log)"
fi

# Naming the binary as the goal builds the library and this one test only.
# INSTALL_HDR_PATH and KHDR_INCLUDES point the selftests at the headers
# above instead of $tree/usr/include.
log "kvm-selftest: building x86/$test"
rm -f "$out/x86/$test" "$out/x86/$test.o"
if ! make -C "$tree/tools/testing/selftests/kvm" -j"$JOBS" \
	"CC=ccache gcc" OUTPUT="$out" INSTALL_HDR_PATH="$hdr" \
	KHDR_INCLUDES="-isystem $hdr/include" \
	"$out/x86/$test" > "$out/build.log" 2>&1; then
	grep -E 'error|Error' "$out/build.log" | head -n 40 >&2
	fail "make failed (log: $out/build.log)"
fi
[ -x "$out/x86/$test" ] || fail "make succeeded but $out/x86/$test is missing"

if grep -E "x86/$test\.c:[0-9]+:[0-9]+: warning:" "$out/build.log" >&2; then
	fail "compiler warnings in x86/$test.c (log: $out/build.log)"
fi

log "kvm-selftest: built $out/x86/$test in $(($(date +%s) - start)) s"
echo "PASS $name"

rc=0
timeout 120 "$out/x86/$test" > "$out/run.log" 2>&1 || rc=$?
reason=$(grep -m1 -o 'SKIP.*' "$out/run.log" | tr -s ' ' | cut -c1-160)
case $rc in
0) echo "PASS kvm-selftest/$test-run" ;;
4) echo "SKIP kvm-selftest/$test-run ${reason:-skipped (exit 4)}" ;;
*) echo "FAIL kvm-selftest/$test-run exit $rc (log: $out/run.log)"; exit 1 ;;
esac
