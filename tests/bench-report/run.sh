#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Tests of scripts/bench-report.py (the report of 'make bench') on traces
# written by hand, with every interval known: the window is cut out at the
# right calls, split into time inside calls and the kernel's parts, and the
# projection follows its formula.  One line per test, "PASS
# bench-report/<name>" or "FAIL bench-report/<name> <detail>"; exit 1 if
# any failed.
set -u
export PATH=/usr/bin:/bin:$PATH
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$root/scripts/bench-report.py" "$tmp" <<'PY'
import json, subprocess, sys
report, tmp = sys.argv[1], sys.argv[2]
M = "install=2,install_last=500,install_page_ns=2000,sys_init=100,lp_init=20,shutdown=100,update=200"
lines = []
def tr(cpus, run, cpu, leaf, a, b, last=None):
    # times in us from an arbitrary origin, written in ns as the guest does
    s = "WB-TRACE cpus=%d cfg=model run=%d %d %s %d %d 0x0" % (cpus, run, cpu, leaf, a * 1000, b * 1000)
    lines.append(s + (" last %d" % last if last is not None else ""))

# 1 CPU: 100 SHUTDOWN, 500 INSTALL (last, 115 pages), 100 SYS.INIT, 20 LP.INIT,
# 200 UPDATE, two 1-us reads 1 us apart; 10 us at each boundary; window 1000 us.
for run in (1, 2, 3):
    lines.append("WB-BENCH cpus=1 cfg=model run=%d stop_us=1000" % run)
    tr(1, run, 0, "seaminfo", 500, 600)               # a check before the stop
    tr(1, run, 0, "shutdown", 1000, 1100)
    tr(1, run, 0, "install", 1110, 1610, 115)
    tr(1, run, 0, "sys_init", 1620, 1720)
    tr(1, run, 0, "lp_init", 1730, 1750)
    tr(1, run, 0, "update", 1760, 1960)
    tr(1, run, 0, "sys_rd", 1970, 1971)
    tr(1, run, 0, "sys_rd", 1972, 1973)
    tr(1, run, 0, "sys_rd", 2100, 2101)               # after the window
# 2 CPUs: the INSTALLs 30 us apart (a handoff), LP.INITs overlapping by 10
# us, 20 us at each boundary; window 1100 us.
for run in (1, 2, 3):
    lines.append("WB-BENCH cpus=2 cfg=model run=%d stop_us=1100" % run)
    tr(2, run, 1, "shutdown", 1000, 1100)
    tr(2, run, 0, "install", 1120, 1122)
    tr(2, run, 1, "install", 1152, 1652, 115)
    tr(2, run, 1, "sys_init", 1672, 1772)
    tr(2, run, 0, "lp_init", 1792, 1812)
    tr(2, run, 1, "lp_init", 1802, 1822)
    tr(2, run, 1, "update", 1842, 2042)
    tr(2, run, 1, "sys_rd", 2062, 2063)
    tr(2, run, 1, "sys_rd", 2064, 2065)
    tr(2, run, 0, "sys_rd", 2066, 2067)               # another CPU: ends the refresh
    tr(2, run, 1, "sys_rd", 2070, 2071)               # after that: not the refresh
lines.append("WB-BENCH-MODEL cpus=1 " + M)
lines.append("WB-BENCH-MODEL cpus=2 " + M)
open(tmp + "/in.txt", "w").write("\n".join(lines) + "\n")
out = json.loads(subprocess.run([sys.executable, report, tmp + "/in.txt", "3", "2", "--json"],
                                check=True, capture_output=True, text=True).stdout)
res = []
def expect(name, got, want):
    ok = abs(got - want) < 1e-6
    res.append(ok)
    print(("PASS bench-report/%s" % name) if ok else
          ("FAIL bench-report/%s got %r, want %r" % (name, got, want)))
one, two, p = out["medians"]["1/model"], out["medians"]["2/model"], out["projection"]
expect("1cpu-inside", one["inside"], 100 + 500 + 100 + 20 + 200 + 2)
expect("1cpu-boundaries", one["boundaries"], 50)
expect("1cpu-instep", one["instep"], 1)
expect("1cpu-ends", one["ends"], 1000 - 973)
expect("1cpu-overhead", one["overhead"], 1000 - 922)
expect("1cpu-pages", one["pages"], 115)
# the LP.INIT step counts its longest call; the 10 us skew is the kernel's
expect("2cpu-lp-init-longest-call", two["t_lp_init"], 20)
expect("2cpu-inside", two["inside"], 100 + 2 + 500 + 100 + 20 + 200 + 2)
expect("2cpu-instep-lp-skew-and-read-gap", two["instep"], 10 + 1)
expect("2cpu-handoff", two["handoffs"], 30)
expect("2cpu-boundaries", two["boundaries"], 100)
expect("2cpu-refresh-own-cpu-only", two["n_refresh"], 2)
expect("2cpu-ends", two["ends"], 1100 - 1065)
# projection: fixed = ends + boundaries + in-step at 2 CPUs; handoff 30 us
fixed = 35 + 100 + 11
grow = (fixed - (27 + 50 + 1)) / 1
expect("proj-fixed", p["fixed"], fixed)
expect("proj-growth", p["growth"], grow)
model64 = 100 + 63 * 2 + 500 + 115 * 2 + 100 + 20 + 200 + 2
r64 = p["rows"][0]
expect("proj-64-modelled", r64["modelled"], model64)
expect("proj-64-kernel", r64["kernel_flat"], fixed + 63 * 30)
expect("proj-64-kernel-grow", r64["kernel_grow"], fixed + 63 * 30 + 62 * grow)
expect("proj-64-window", r64["window_flat"], model64 + fixed + 63 * 30)
# the text report runs on the same input
txt = subprocess.run([sys.executable, report, tmp + "/in.txt", "3", "2"],
                     capture_output=True, text=True)
ok = txt.returncode == 0 and "Projection" in txt.stdout and "   64 " in txt.stdout
print("PASS bench-report/text-report" if ok else "FAIL bench-report/text-report %s" % txt.stderr[-200:])
res.append(ok)
# input the report cannot use is refused with a message naming it
def refused(name, text, msg):
    open(tmp + "/bad.txt", "w").write(text)
    bad = subprocess.run([sys.executable, report, tmp + "/bad.txt", "3", "2"],
                         capture_output=True, text=True)
    ok = bad.returncode == 1 and msg in bad.stderr and "Traceback" not in bad.stderr
    print(("PASS bench-report/%s" % name) if ok else
          ("FAIL bench-report/%s exit %d, %r" % (name, bad.returncode, bad.stderr[-300:])))
    res.append(ok)
refused("no-update-refused", "\n".join(l for l in lines if " update " not in l) + "\n",
        "1 CPUs, model, run 1: an update without every step: no TDH.SYS.UPDATE")
refused("no-shutdown-refused", "\n".join(l for l in lines if " shutdown " not in l) + "\n",
        "no TDH.SYS.SHUTDOWN in the trace")
# a read that starts inside the window but ends 3 us after it
short = [l.replace("stop_us=1000", "stop_us=972") for l in lines if "cpus=1 " in l and "run=1 " in l]
short = [l.replace(" 1970000 1971000 ", " 1970000 1975000 ") for l in short]
refused("span-beyond-window-refused", "\n".join(short) + "\n", "more than the 972 us window")
refused("empty-stop-refused", "WB-BENCH cpus=1 cfg=model run=1 stop_us=\n", "cannot read")
refused("trace-overflow-refused", lines[1] + "\nWB-TRACE cpus=1 cfg=model run=1 dropped 5\n",
        "trace overflowed")
sys.exit(0 if all(res) else 1)
PY
