#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# bench.sh: stop time of a TDX module update on the software TDX platform
# ('make bench').  Boots the test kernel with 1, 2 and 4 CPUs ($BENCH_CPUS);
# in each, $BENCH_RUNS updates with no emulated latency and with
# $BENCH_LATENCY_US of emulated latency per SEAMLDR.INSTALL.  Prints the
# median stop time (measured by the kernel with ktime around the
# stop_machine() work) and the median overhead: stop time minus the time
# the emulator spent in injected latency during the same update.

. "$(dirname "$0")/lib.sh"

cpus_list=${BENCH_CPUS:-1 2 4}
runs=${BENCH_RUNS:-7}
lat=${BENCH_LATENCY_US:-20000}

"$WB_ROOT/scripts/mk-tree.sh"
"$WB_ROOT/scripts/build-kernel.sh" test
kbuild=$BUILD/kernel
export TDX_EMU_FMS=${TDX_EMU_FMS:-0x806f8}
"$WB_ROOT/scripts/mk-images.sh" "$kbuild/wb-guest-extra/images" >&2
"$WB_ROOT/scripts/mk-initramfs.sh" "$kbuild" "$BUILD/initramfs.cpio.gz" >&2
mkdir -p "$RESULTS"

for n in $cpus_list; do
	VM_CPUS=$n VM_TIMEOUT=600 \
	VM_APPEND="tdx_emu tdx_emu_fms=$TDX_EMU_FMS wb.runs=$runs wb.latencies=0,$lat" \
		"$WB_ROOT/scripts/run-vm.sh" "$kbuild/arch/x86/boot/bzImage" \
		"$BUILD/initramfs.cpio.gz" "$RESULTS/vm-bench-$n.log" bench >&2
	grep -q '^WB-DONE' "$RESULTS/vm-bench-$n.log" ||
		die "bench: the $n-CPU guest did not finish ($RESULTS/vm-bench-$n.log)"
	grep -q '^WB-RESULT fail' "$RESULTS/vm-bench-$n.log" &&
		die "bench: an update failed in the $n-CPU guest ($RESULTS/vm-bench-$n.log)"
done

cat "$RESULTS"/vm-bench-*.log | grep '^WB-BENCH' > "$RESULTS/bench.txt"
python3 - "$RESULTS/bench.txt" "$runs" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    f = dict(kv.split('=') for kv in line.split()[1:])
    key = (int(f['cpus']), int(f['latency_us']))
    rows.setdefault(key, []).append((int(f['stop_us']), int(f['emulated_us'])))
print(f"TDX module update, stop time on the software TDX platform (QEMU TCG), {sys.argv[2]} runs each")
print(f"{'CPUs':>4} {'INSTALL latency':>16} {'median stop':>12} {'min':>8} {'max':>8} {'emulated':>9} {'overhead':>9}")
for (cpus, lat), v in sorted(rows.items()):
    stop = [s for s, _ in v]
    over = [s - e for s, e in v]
    emu = [e for _, e in v]
    print(f"{cpus:>4} {lat:>13} us {statistics.median(stop):>9.0f} us {min(stop):>5} us {max(stop):>5} us"
          f" {statistics.median(emu):>6.0f} us {statistics.median(over):>6.0f} us")
print("stop: the kernel's 'all CPUs stopped for N us' (ktime on the primary CPU, from entering")
print("the update to its end); emulated: time spent in injected SEAMCALL latency during that")
print("update (tdx_emu/delay_ns); overhead = stop - emulated (medians of the per-run values).")
PY
