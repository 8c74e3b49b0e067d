# SPDX-License-Identifier: GPL-2.0
"""Tests of scripts/bench-report.py (the report of 'make bench'), run by
pytest-3 (tests/bench-report/run.sh runs them through
tests/pytest-results.py), on traces written by hand with every interval
known: the window is cut out at the right calls, split into time inside
calls and the kernel's parts, and the projection follows its formula.
"""

import json
import os
import subprocess
import sys

import pytest

REPORT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts",
                      "bench-report.py")
MODEL = ("install=2,install_last=500,install_page_ns=2000,sys_init=100,lp_init=20,"
         "shutdown=100,update=200")


def tr(cpus, run, cpu, leaf, a, b, last=None):
    """A WB-TRACE line: times in us from an arbitrary origin, written in ns
    as the guest does."""
    s = "WB-TRACE cpus=%d cfg=model run=%d %d %s %d %d 0x0" % (cpus, run, cpu, leaf,
                                                               a * 1000, b * 1000)
    return s + (" last %d" % last if last is not None else "")


def trace():
    """The hand-written trace, as lines."""
    lines = []
    # 1 CPU: 100 SHUTDOWN, 500 INSTALL (last, 115 pages), 100 SYS.INIT, 20
    # LP.INIT, 200 UPDATE, two 1-us reads 1 us apart; 10 us at each
    # boundary; window 1000 us.
    for run in (1, 2, 3):
        lines += [
            "WB-BENCH cpus=1 cfg=model run=%d stop_us=1000" % run,
            tr(1, run, 0, "seaminfo", 500, 600),            # a check before the stop
            tr(1, run, 0, "shutdown", 1000, 1100),
            tr(1, run, 0, "install", 1110, 1610, 115),
            tr(1, run, 0, "sys_init", 1620, 1720),
            tr(1, run, 0, "lp_init", 1730, 1750),
            tr(1, run, 0, "update", 1760, 1960),
            tr(1, run, 0, "sys_rd", 1970, 1971),
            tr(1, run, 0, "sys_rd", 1972, 1973),
            tr(1, run, 0, "sys_rd", 2100, 2101),            # after the window
        ]
    # 2 CPUs: the INSTALLs 30 us apart (a handoff), LP.INITs overlapping by
    # 10 us, 20 us at each boundary; window 1100 us.
    for run in (1, 2, 3):
        lines += [
            "WB-BENCH cpus=2 cfg=model run=%d stop_us=1100" % run,
            tr(2, run, 1, "shutdown", 1000, 1100),
            tr(2, run, 0, "install", 1120, 1122),
            tr(2, run, 1, "install", 1152, 1652, 115),
            tr(2, run, 1, "sys_init", 1672, 1772),
            tr(2, run, 0, "lp_init", 1792, 1812),
            tr(2, run, 1, "lp_init", 1802, 1822),
            tr(2, run, 1, "update", 1842, 2042),
            tr(2, run, 1, "sys_rd", 2062, 2063),
            tr(2, run, 1, "sys_rd", 2064, 2065),
            tr(2, run, 0, "sys_rd", 2066, 2067),            # another CPU: ends the refresh
            tr(2, run, 1, "sys_rd", 2070, 2071),            # after that: not the refresh
        ]
    return lines + ["WB-BENCH-MODEL cpus=1 " + MODEL, "WB-BENCH-MODEL cpus=2 " + MODEL]


LINES = trace()


def report(path, *args):
    """Run the report on path with 3 runs and 2 host cores."""
    return subprocess.run([sys.executable, REPORT, str(path), "3", "2", *args],
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def trace_file(tmp_path_factory):
    """The trace, in a file."""
    path = tmp_path_factory.mktemp("bench") / "in.txt"
    path.write_text("\n".join(LINES) + "\n")
    return path


@pytest.fixture(scope="module")
def out(trace_file):
    """The report's JSON on the trace."""
    run = report(trace_file, "--json")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


# projection: fixed = ends + boundaries + in-step at 2 CPUs; handoff 30 us
FIXED = 35 + 100 + 11
GROW = (FIXED - (27 + 50 + 1)) / 1
MODEL64 = 100 + 63 * 2 + 500 + 115 * 2 + 100 + 20 + 200 + 2

# name, where in the JSON, the value the trace makes (us)
VALUES = (
    ("1cpu-inside", ("medians", "1/model", "inside"), 100 + 500 + 100 + 20 + 200 + 2),
    ("1cpu-boundaries", ("medians", "1/model", "boundaries"), 50),
    ("1cpu-instep", ("medians", "1/model", "instep"), 1),
    ("1cpu-ends", ("medians", "1/model", "ends"), 1000 - 973),
    ("1cpu-overhead", ("medians", "1/model", "overhead"), 1000 - 922),
    ("1cpu-pages", ("medians", "1/model", "pages"), 115),
    # the LP.INIT step counts its longest call; the 10 us skew is the kernel's
    ("2cpu-lp-init-longest-call", ("medians", "2/model", "t_lp_init"), 20),
    ("2cpu-inside", ("medians", "2/model", "inside"), 100 + 2 + 500 + 100 + 20 + 200 + 2),
    ("2cpu-instep-lp-skew-and-read-gap", ("medians", "2/model", "instep"), 10 + 1),
    ("2cpu-handoff", ("medians", "2/model", "handoffs"), 30),
    ("2cpu-boundaries", ("medians", "2/model", "boundaries"), 100),
    ("2cpu-refresh-own-cpu-only", ("medians", "2/model", "n_refresh"), 2),
    ("2cpu-ends", ("medians", "2/model", "ends"), 1100 - 1065),
    ("proj-fixed", ("projection", "fixed"), FIXED),
    ("proj-growth", ("projection", "growth"), GROW),
    ("proj-64-modelled", ("projection", "rows", 0, "modelled"), MODEL64),
    ("proj-64-kernel", ("projection", "rows", 0, "kernel_flat"), FIXED + 63 * 30),
    ("proj-64-kernel-grow", ("projection", "rows", 0, "kernel_grow"),
     FIXED + 63 * 30 + 62 * GROW),
    ("proj-64-window", ("projection", "rows", 0, "window_flat"), MODEL64 + FIXED + 63 * 30),
    # per CPU, from 1 to 2 CPUs: each boundary 10 -> 20, the handoff 0 -> 30,
    # the in-step gaps 1 -> 11, the ends 27 -> 35; they add up to the total
    ("per-cpu-boundary", ("per_cpu", "slopes", "b_install>sys_init"), 10),
    ("per-cpu-handoffs", ("per_cpu", "slopes", "handoffs"), 30),
    ("per-cpu-instep", ("per_cpu", "slopes", "instep"), 10),
    ("per-cpu-ends", ("per_cpu", "slopes", "ends"), 8),
    ("per-cpu-total", ("per_cpu", "slopes", "overhead"), 5 * 10 + 30 + 10 + 8),
)


@pytest.mark.parametrize("where,want", [(w, v) for _, w, v in VALUES],
                         ids=[n for n, _, _ in VALUES])
def test_value(out, where, want):
    """One figure of the JSON report, to 1e-6 us."""
    got = out
    for key in where:
        got = got[key]
    assert got == pytest.approx(want, abs=1e-6)


def test_per_cpu_parts_add_up(out):
    """The per-CPU slopes of the overhead's parts add up to the total's."""
    sl = out["per_cpu"]["slopes"]
    parts = sum(v for k, v in sl.items() if k != "overhead")
    assert (out["per_cpu"]["cpus"], parts) == ([1, 2], pytest.approx(sl["overhead"]))


def test_projection_rows(out):
    """The projection is for 64, 128 and 256 LPs, from the 2-CPU run."""
    assert (out["projection"]["from"], [r["lps"] for r in out["projection"]["rows"]]) == \
        (2, [64, 128, 256])


def test_text_report(trace_file):
    """the text report runs on the same input"""
    run = report(trace_file)
    assert run.returncode == 0, run.stderr[-200:]
    assert "Projection" in run.stdout
    assert "   64 " in run.stdout


def short_window():
    """1 CPU, run 1, with a read that starts inside the window but ends 3 us
    after it."""
    short = [ln.replace("stop_us=1000", "stop_us=972") for ln in LINES
             if "cpus=1 " in ln and "run=1 " in ln]
    return [ln.replace(" 1970000 1971000 ", " 1970000 1975000 ") for ln in short]


# Input the report cannot use: name, the input lines, what its message says
REFUSED = (
    ("no-update-refused", [ln for ln in LINES if " update " not in ln],
     "1 CPUs, model, run 1: an update without every step: no TDH.SYS.UPDATE"),
    ("no-shutdown-refused", [ln for ln in LINES if " shutdown " not in ln],
     "no TDH.SYS.SHUTDOWN in the trace"),
    ("span-beyond-window-refused", short_window(), "more than the 972 us window"),
    ("empty-stop-refused", ["WB-BENCH cpus=1 cfg=model run=1 stop_us="], "cannot read"),
    ("trace-overflow-refused", [LINES[1], "WB-TRACE cpus=1 cfg=model run=1 dropped 5"],
     "trace overflowed"),
)


@pytest.mark.parametrize("text,msg", [(t, m) for _, t, m in REFUSED],
                         ids=[n for n, _, _ in REFUSED])
def test_refused(tmp_path, text, msg):
    """Refused with exit 1 and a message naming the problem, no traceback"""
    bad = tmp_path / "bad.txt"
    bad.write_text("\n".join(text) + "\n")
    run = report(bad)
    assert run.returncode == 1, run.stderr[-300:]
    assert msg in run.stderr
    assert "Traceback" not in run.stderr
