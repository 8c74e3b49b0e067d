#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# bench.sh: stop window of a TDX module update on the software TDX platform
# ('make bench').  Boots the test kernel with 1, 2, 4, ... CPUs up to the
# host's cores ($BENCH_CPUS)
# and in each performs $BENCH_RUNS updates with the platform's timing model
# off (flat) and $BENCH_RUNS with the model $BENCH_TIMING (given to the
# kernel as tdx_emu_timing=; keys and units in tdx_emu.c, emu_cost).  From
# the kernel's own stop figure and the emulator's trace of every SEAMCALL
# it prints, per CPU count, the stop window, the time inside SEAMCALLs and
# the kernel's overhead (window minus that) split by where it is spent, and
# a projection for 64, 128 and 256 LPs (how: printed with it).  CPU counts
# above the host's cores are oversubscribed: shown apart, never used for
# the overhead or the projection.

. "$(dirname "$0")/lib.sh"
. "$WB_ROOT/scripts/vm.sh"

# Default: 1, 2, 4, ... up to the host's cores (the test kernel takes up
# to 64 CPUs): no more vCPUs than cores, so every row is an overhead figure.
cores=$(nproc)
default_cpus=
for n in 1 2 4 8 16 32 64; do
	[ "$n" -gt "$cores" ] || default_cpus+="$n "
done
cpus_list=${BENCH_CPUS:-$default_cpus}
runs=${BENCH_RUNS:-7}
# Placeholders of a plausible size, not measurements (none is published):
# microseconds, except the per-page cost of the last INSTALL in ns.
timing=${BENCH_TIMING:-install=2,install_last=500,install_page_ns=2000,sys_init=100,lp_init=20,shutdown=100,update=200}

# bench_check CPUS LOG RUNS: a bench boot is usable only if every result
# of the guest's plan passed, it booted CPUS CPUs and gave a stop figure
# for each of its 2 x RUNS updates; else the bench stops, saying why.
bench_check() {
	local n=$1 logf=$2 runs=$3 out got
	out=$(vm_results bench "$logf" "vm-bench-$n") ||
		die "bench: the $n-CPU guest failed ($logf):
$(grep -v '^PASS' <<< "$out")"
	got=$(grep -c "^WB-BENCH cpus=$n " "$logf" || true)
	[ "$got" -eq $((2 * runs)) ] ||
		die "bench: the $n-CPU guest gave $got stop figures with cpus=$n, expected $((2 * runs)) ($logf)"
}
# bench.sh --check CPUS LOG RUNS: only that check, on a log (the harness).
if [ "${1:-}" = --check ]; then
	bench_check "$2" "$3" "$4"
	exit 0
fi

"$WB_ROOT/scripts/mk-tree.sh"
"$WB_ROOT/scripts/build-kernel.sh" test
kbuild=$BUILD/kernel
export TDX_EMU_FMS=${TDX_EMU_FMS:-0x806f8}
"$WB_ROOT/scripts/mk-images.sh" "$kbuild/wb-guest-extra/images" >&2
"$WB_ROOT/scripts/mk-initramfs.sh" "$kbuild" "$BUILD/initramfs.cpio.gz" >&2
mkdir -p "$RESULTS"
rm -f "$RESULTS"/vm-bench-*.log

t0=$(date +%s)
for n in $cpus_list; do
	logf=$RESULTS/vm-bench-$n.log
	VM_CPUS=$n VM_LOG=$logf VM_APPEND="tdx_emu_timing=$timing wb.runs=$runs" \
		vm_mode bench "$BUILD/initramfs.cpio.gz" "vm-bench-$n" > /dev/null || true
	bench_check "$n" "$logf" "$runs"
done
log "bench: $(($(date +%s) - t0)) s for the VM runs"

cat "$RESULTS"/vm-bench-*.log | grep '^WB-BENCH\|^WB-TRACE' > "$RESULTS/bench.txt"
python3 "$WB_ROOT/scripts/bench-report.py" "$RESULTS/bench.txt" "$runs" "$cores" |
	tee "$RESULTS/bench-report.txt"
