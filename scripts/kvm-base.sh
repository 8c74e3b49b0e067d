#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# kvm-base.sh: the KVM selftests of 'make test' (mode "kvm",
# guest/tests/kvm.sh) on the base kernel and on the test kernel, side by
# side.  Too slow for every run ('make kvm-base'): the base kernel is a
# build of its own (its configuration differs from the series' in the
# options the series add, so ccache has nothing for it the first time,
# ~15 min on 2 cores; incremental afterwards).
#
# The base (tag "base" of the generated tree, Linux 7.1.8) is built with the
# same configuration fragments into $BUILD/base, the selftests of
# guest/kvm/selftests.list are built from the base tree, and both kernels
# boot in mode "kvm", npt=0 (the base one with wb.kvm_base: counts are
# reported, not asserted).  Prints per test the result and the number of
# mmu_try_to_unsync_pages() calls on each kernel, and fails unless both
# kernels pass the same set of tests (the SEV selftest, which 7.1.8 does
# not have, left out) and the series makes at least 1000 more calls than
# 7.1.8 in unsync_nx_toggle_test with shadow paging.  Logs: $RESULTS/kvm-base/.

. "$(dirname "$0")/lib.sh"
. "$WB_ROOT/scripts/vm.sh"

out=$RESULTS/kvm-base
mkdir -p "$out"
[ -d "$SRC/.git" ] || die "no generated tree at $SRC: run 'make tree' first"
[ -f "$BUILD/kernel/arch/x86/boot/bzImage" ] ||
	die "no test kernel in $BUILD/kernel: run 'make kernel' (or 'make test') first"

# The test kernel's selftests, from the test branch.
"$WB_ROOT/scripts/kvm-selftest-build.sh" test "$BUILD/kernel/wb-guest-extra/kvm" > "$out/build-test.txt"
"$WB_ROOT/scripts/mk-initramfs.sh" "$BUILD/kernel" "$out/initramfs-test.cpio.gz" >&2

# The base kernel and its selftests.
WB_CONFIG_NEW_ONLY=1 "$WB_ROOT/scripts/build-kernel.sh" base "$BUILD/base"
"$WB_ROOT/scripts/kvm-selftest-build.sh" base "$BUILD/base/wb-guest-extra/kvm" \
	"$BUILD/kvm-selftests-base" > "$out/build-base.txt"
"$WB_ROOT/scripts/mk-initramfs.sh" "$BUILD/base" "$out/initramfs-base.cpio.gz" >&2

rc=0
VM_LOG=$out/vm-base.log VM_APPEND="wb.kvm_base" \
	vm_mode kvm "$out/initramfs-base.cpio.gz" vm-kvm-base "$BUILD/base" > "$out/results-base.txt" || rc=1
VM_LOG=$out/vm-test.log \
	vm_mode kvm "$out/initramfs-test.cpio.gz" vm-kvm-test > "$out/results-test.txt" || rc=1

python3 - "$out" <<'EOF' || rc=1
import re, sys
out = sys.argv[1]
res, cnt = {}, {}
for k in ('base', 'test'):
    res[k] = {}
    for line in open(f'{out}/results-{k}.txt'):
        f = line.split(None, 2)
        m = re.match(r'vm-kvm-\w+/kvm/(npt\d)/(\S+)$', f[1]) if len(f) > 1 else None
        if m:
            res[k][m.groups()] = f[0]
    cnt[k] = {}
    for line in open(f'{out}/vm-{k}.log', errors='replace'):
        m = re.match(r'WB-KVM-COUNT npt=(\d) (\S+) (-?\d+) (\d+)s rc=(\d+)', line)
        if m:
            cnt[k][('npt' + m[1], m[2])] = (int(m[3]), m[4])
keys = sorted(set(cnt['base']) | set(cnt['test']))
print(f"{'mode':5} {'test':28} {'base result':11} {'calls':>7} {'time':>5}   "
      f"{'series result':13} {'calls':>7} {'time':>5}")
for key in keys:
    row = [f'{key[0]:5} {key[1]:28}']
    for k in ('base', 'test'):
        c, s = cnt[k].get(key, ('-', '-'))
        row.append(f"{res[k].get(key, '-'):11}   {c:>7} {s:>4}s")
    print(' '.join(row))
ok = True
for k in ('base', 'test'):
    bad = [f'{m}/{t}' for (m, t), st in res[k].items() if st == 'FAIL']
    if bad:
        print(f'{k}: failed: {" ".join(bad)}')
        ok = False
pb = {key for key, st in res['base'].items() if st == 'PASS' and key in cnt['base']}
pt = {key for key, st in res['test'].items() if st == 'PASS' and key in cnt['test']
      and key[1] != 'sev_snp_hv_report_test'}
# The changed path: 1000 writable-over-writable SPTE rebuilds under shadow
# paging, each an unsync call with the series and none on 7.1.8.
key = ('npt0', 'unsync_nx_toggle_test')
cb, ct = cnt['base'].get(key, (None,))[0], cnt['test'].get(key, (None,))[0]
if cb is None or ct is None or ct - cb < 1000:
    print(f'unsync_nx_toggle_test with npt=0: {cb} calls on 7.1.8, {ct} with the series: '
          'expected at least 1000 more with the series')
    ok = False
else:
    print(f'unsync_nx_toggle_test with npt=0: {cb} calls on 7.1.8, {ct} with the series')
if pb != pt:
    print('PASS sets differ: only base:', sorted(pb - pt), 'only series:', sorted(pt - pb))
    ok = False
else:
    print(f'same PASS set on both kernels: {len(pb)} test runs')
sys.exit(0 if ok else 1)
EOF
exit $rc
