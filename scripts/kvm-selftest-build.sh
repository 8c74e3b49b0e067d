#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# kvm-selftest-build.sh [REF [STAGE [OUT]]]
# Build the KVM selftests of guest/kvm/selftests.list, statically, from
# REF of the generated tree $SRC (checked out there; default: the branch
# of the last series) into OUT (default $BUILD/kvm-selftests), and stage them, stripped, for the
# test VM in STAGE (default: $BUILD/kernel/wb-guest-extra/kvm;
# mk-initramfs.sh packs it),
# with the list, as /kvm/.  The workbench's own workloads (wb/NAME in the
# list, guest/kvm/NAME.c) are built against the tree's selftest library
# (guest/kvm/wb.mk).  Nothing is written into the tree: the UAPI headers come
# from 'make headers' in the build directory.  Incremental.
#
# Prints "PASS|FAIL kvm-selftest/build [detail]" (and a FAIL per test whose
# source has compiler warnings); exit 1 on failure.  A test of the list
# that REF does not have (the SEV selftest in the base kernel) is left out
# and named; the guest reports it as a skip.  The tests run in the VM
# (guest/tests/kvm.sh), where /dev/kvm is kvm_amd under QEMU TCG.

. "$(dirname "$0")/lib.sh"

name=kvm-selftest/build
ref=${1:-series/$(series_dirs | tail -n 1)}
tree=$SRC
stage=${2:-$BUILD/kernel/wb-guest-extra/kvm}
list=$WB_ROOT/guest/kvm/selftests.list
kdir=$tree/tools/testing/selftests/kvm
out=${3:-$BUILD/kvm-selftests}

fail() {
	echo "FAIL $name $*"
	exit 1
}

[ -f "$tree/Makefile" ] || fail "no kernel tree at $tree"
git -C "$SRC" diff --quiet HEAD || fail "$SRC has uncommitted changes"
git -C "$SRC" checkout -q --detach "$ref" || fail "no $ref in $SRC"
[ -f "$kdir/Makefile.kvm" ] ||
	fail "$tree has no KVM selftests (tools/testing/selftests/kvm/Makefile.kvm)"
command -v gcc > /dev/null || fail "no gcc (scripts/deps.sh installs it)"

mkdir -p "$out"
out=$(cd "$out" && pwd)
hdr=$out/kbuild/usr
start=$(date +%s)

# The tests of the list this tree has; the targets that build them.
tests=() targets=() missing=()
while read -r t _; do
	case "$t" in '' | '#'*) continue ;; esac
	case "$t" in
	wb/*) src=$WB_ROOT/guest/kvm/${t#wb/}.c ;;
	*) src=$kdir/$t.c ;;
	esac
	if [ -f "$src" ]; then
		tests+=("$t")
		targets+=("$out/$t")
	else
		missing+=("$t")
	fi
done < "$list"
[ ${#tests[@]} -gt 0 ] || fail "none of the tests in $list is in $tree"

# The sanitised UAPI headers of TREE (asm/kvm.h carries new commands).
# 'headers' rather than 'headers_install': the latter needs rsync.
log "kvm-selftest: UAPI headers of $tree"
if ! make -s -C "$tree" O="$out/kbuild" ARCH=x86_64 headers > "$out/headers.log" 2>&1; then
	tail -n 20 "$out/headers.log" >&2
	fail "make headers failed (log: $out/headers.log)"
fi

# Naming the binaries as goals builds the library and these tests only.
# INSTALL_HDR_PATH and KHDR_INCLUDES point the selftests at the headers
# above instead of $tree/usr/include.
log "kvm-selftest: building ${tests[*]}"
rm -f "${targets[@]}"
if ! make -C "$kdir" -f Makefile -f "$WB_ROOT/guest/kvm/wb.mk" -j"$JOBS" \
	"CC=ccache gcc" OUTPUT="$out" INSTALL_HDR_PATH="$hdr" \
	KHDR_INCLUDES="-isystem $hdr/include" \
	"${targets[@]}" > "$out/build.log" 2>&1; then
	grep -E 'error|Error' "$out/build.log" | head -n 40 >&2
	fail "make failed (log: $out/build.log)"
fi
bad=0
for t in "${tests[@]}"; do
	[ -x "$out/$t" ] || fail "make succeeded but $out/$t is missing"
	grep -q "not a dynamic executable" <<< "$(ldd "$out/$t" 2>&1 || true)" ||
		fail "$out/$t is not statically linked"
	if grep -E "(^|/)${t#wb/}\.c:[0-9]+:[0-9]+: warning:" "$out/build.log" >&2; then
		echo "FAIL kvm-selftest/$t-warnings (log: $out/build.log)"
		bad=1
	fi
done
[ $bad -eq 0 ] || exit 1

rm -rf "$stage"
mkdir -p "$stage"
for t in "${tests[@]}"; do
	mkdir -p "$stage/$(dirname "$t")"
	strip -o "$stage/$t" "$out/$t"
done
cp "$list" "$stage/selftests.list"
log "kvm-selftest: built ${#tests[@]} tests in $(($(date +%s) - start)) s, staged in $stage"
echo "PASS $name ${#tests[@]} tests${missing:+; not in this tree: ${missing[*]}}"
