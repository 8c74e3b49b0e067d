#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""bench-report.py BENCH.TXT RUNS HOST_CORES [--json]

The report of 'make bench' (scripts/bench.sh), from the guest's lines:
  WB-BENCH-MODEL cpus=N KEY=VALUE,...            the platform's timing model
  WB-BENCH cpus=N cfg=C run=I stop_us=S          the kernel's stop window
  WB-TRACE cpus=N cfg=C run=I CPU LEAF ENTER_NS EXIT_NS STATUS [last PAGES]

Each update is cut out of its trace: from TDH.SYS.SHUTDOWN to the TDH.SYS.RDs
the CPU that issued TDH.SYS.UPDATE makes right after it (the new module
read inside the stop: the reads up to the first call that is not one, and
that start within the window).  Time inside a SEAMCALL is the platform's:
the union of the calls' intervals, except that the LP.INIT step counts
only its longest call (the LP.INITs run in parallel; the skew between
their starts is the kernel's).  The rest of the window is the kernel's
overhead, split into
  boundaries  from the last call of a step to the first of the next (5: the
              CPUs meeting at a step boundary and leaving it),
  handoffs    between two SEAMLDR.INSTALLs (N-1 of them: the CPUs take the
              P-SEAMLDR one at a time),
  in-step     the LP.INIT step beyond its longest call, and the gaps between
              the refresh's reads,
  ends        before TDH.SYS.SHUTDOWN and after the last read (window minus
              the traced span).
"""
import json
import statistics
import sys
from collections import defaultdict

BOUNDARIES = ("shutdown>install", "install>sys_init", "sys_init>lp_init",
              "lp_init>update", "update>refresh")
PROJECT = (64, 128, 256)


class BadInput(Exception):
    """A line or an update the report cannot use."""


def parse(path):
    stop, trace, model = {}, defaultdict(list), {}
    for n, line in enumerate(open(path), 1):
        try:
            parse_line(line, stop, trace, model)
        except (ValueError, IndexError, KeyError) as e:
            raise BadInput("%s:%d: cannot read %r (%s)" % (path, n, line.strip(), e)) from None
    return stop, trace, model


def parse_line(line, stop, trace, model):
    """One line of the guest's output into stop, trace or model."""
    f = line.split()
    if not f:
        return
    if f[0] == "WB-BENCH-MODEL":
        cpus = int(f[1].split("=")[1])
        model[cpus] = dict((k, int(v)) for k, v in
                           (kv.split("=") for kv in f[2].split(",") if kv)) \
            if len(f) > 2 else {}
        return
    if f[0] not in ("WB-BENCH", "WB-TRACE"):
        return
    kv = dict(x.split("=", 1) for x in f[1:4])
    key = (int(kv["cpus"]), kv["cfg"], int(kv["run"]))
    if f[0] == "WB-BENCH":
        stop[key] = int(f[4].split("=")[1])
    elif f[4] == "dropped":
        raise ValueError("the emulator's trace overflowed")
    else:
        r = {"cpu": int(f[4]), "leaf": f[5], "enter": int(f[6]),
             "exit": int(f[7]), "status": int(f[8], 16),
             "last": len(f) > 9 and f[9] == "last",
             "pages": int(f[10]) if len(f) > 10 else 0}
        trace[key].append(r)


def union(recs):
    """Total length of the union of the records' intervals, in ns."""
    total, end = 0, None
    for r in sorted(recs, key=lambda r: r["enter"]):
        if end is None or r["enter"] > end:
            total += r["exit"] - r["enter"]
            end = r["exit"]
        elif r["exit"] > end:
            total += r["exit"] - end
            end = r["exit"]
    return total


def analyse(recs, stop_us):
    """One update: the window's parts, in us."""
    recs = sorted(recs, key=lambda r: r["enter"])
    i0 = next((i for i, r in enumerate(recs) if r["leaf"] == "shutdown"), None)
    if i0 is None:
        raise BadInput("no TDH.SYS.SHUTDOWN in the trace")
    sd = recs[i0]
    upd = next((r for r in recs[i0:] if r["leaf"] == "update"), None)
    if upd is None:
        raise BadInput("an update without every step: no TDH.SYS.UPDATE")
    window = stop_us * 1000
    by = defaultdict(list)
    after = False
    for r in recs[i0:]:
        if not after and r["enter"] <= upd["enter"]:
            by[r["leaf"]].append(r)
            continue
        after = True
        # The refresh: reads by that CPU, until any other call
        if (r["leaf"] != "sys_rd" or r["cpu"] != upd["cpu"] or
                r["enter"] >= sd["enter"] + window):
            break
        by["refresh"].append(r)
    steps = {s: by[s] for s in ("shutdown", "install", "sys_init", "lp_init",
                                "update", "refresh")}
    if any(not v for v in steps.values()):
        raise BadInput("an update without every step: no %s" %
                       ", ".join(sorted(k for k, v in steps.items() if not v)))
    inside = [r for v in steps.values() for r in v]
    span = max(r["exit"] for r in inside) - sd["enter"]
    if span > window:
        raise BadInput("the traced calls span %d us, more than the %d us window" %
                       (span // 1000, stop_us))
    first = {s: min(r["enter"] for r in v) for s, v in steps.items()}
    end = {s: max(r["exit"] for r in v) for s, v in steps.items()}
    order = ("shutdown", "install", "sys_init", "lp_init", "update", "refresh")
    out = {}
    for a, b in zip(order, order[1:]):
        out[a + ">" + b] = first[b] - end[a]
    inst = sorted(steps["install"], key=lambda r: r["enter"])
    handoffs = [b["enter"] - a["exit"] for a, b in zip(inst, inst[1:])]
    lp_long = max(r["exit"] - r["enter"] for r in steps["lp_init"])
    lp_gap = (end["lp_init"] - first["lp_init"]) - lp_long
    rd_gap = (end["refresh"] - first["refresh"]) - union(steps["refresh"])
    last = [r for r in inst if r["last"]]
    res = {
        "window": window,
        "inside": union([r for r in inside if r["leaf"] != "lp_init"]) + lp_long,
        "ends": window - span,
        "boundaries": sum(out[b] for b in BOUNDARIES),
        "handoffs": sum(handoffs),
        "handoff_each": statistics.median(handoffs) if handoffs else 0,
        "instep": lp_gap + rd_gap,
        "t_shutdown": union(steps["shutdown"]),
        "t_install_other": sum(r["exit"] - r["enter"] for r in inst if not r["last"]),
        "t_install_last": sum(r["exit"] - r["enter"] for r in last),
        "t_sys_init": union(steps["sys_init"]),
        "t_lp_init": lp_long,
        "t_update": union(steps["update"]),
        "t_refresh": union(steps["refresh"]),
        "n_install": len(inst),
        "n_lp_init": len(steps["lp_init"]),
        "n_refresh": len(steps["refresh"]),
        "pages": last[0]["pages"] if last else 0,
    }
    for b in BOUNDARIES:
        res["b_" + b] = out[b]
    res["overhead"] = window - res["inside"]
    res = {k: (v / 1000 if k not in ("n_install", "n_lp_init", "n_refresh", "pages")
               else v) for k, v in res.items()}
    check = (res["inside"] + res["ends"] + res["boundaries"] + res["handoffs"] +
             res["instep"])
    if abs(check - res["window"]) > 1:
        raise BadInput("window %.0f us does not add up (%.0f us)" % (res["window"], check))
    return res


def medians(rows):
    return {k: statistics.median(r[k] for r in rows) for k in rows[0]}


PARTS = tuple("b_" + b for b in BOUNDARIES) + ("handoffs", "instep", "ends", "overhead")


def slope(points):
    """Least-squares slope of (x, y) points: y per unit of x."""
    mx = statistics.mean(x for x, _ in points)
    my = statistics.mean(y for _, y in points)
    return (sum((x - mx) * (y - my) for x, y in points) /
            sum((x - mx) ** 2 for x, _ in points))


def per_cpu(med, cpus):
    """Where the kernel's overhead grows with the CPUs: each part's
    least-squares slope, us per CPU, over the CPU counts given (the runs
    with the model and no more vCPUs than host cores)."""
    cpus = [c for c in cpus if (c, "model") in med]
    if len(cpus) < 2:
        return None
    return {"cpus": cpus,
            "slopes": {k: slope([(c, med[(c, "model")][k]) for c in cpus]) for k in PARTS}}


def modelled(m, n, pages):
    """The model's cost of an update on n LPs, in us (INSTALLs serial,
    LP.INITs parallel: one LP.INIT's cost whatever n)."""
    return (m.get("shutdown", 0) + (n - 1) * m.get("install", 0) +
            m.get("install_last", 0) + pages * m.get("install_page_ns", 0) / 1000 +
            m.get("sys_init", 0) + m.get("lp_init", 0) + m.get("update", 0))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    as_json = "--json" in sys.argv
    path, runs, cores = args[0], int(args[1]), int(args[2])
    try:
        stop, trace, model = parse(path)
        groups = defaultdict(list)
        for key, s in sorted(stop.items()):
            try:
                groups[key[:2]].append(analyse(trace[key], s))
            except BadInput as e:
                raise BadInput("%d CPUs, %s, run %d: %s" % (*key, e)) from None
    except BadInput as e:
        print("bench-report: %s" % e, file=sys.stderr)
        return 1
    med = {k: medians(v) for k, v in groups.items()}
    cpus_all = sorted({c for c, _ in med})
    fair = [c for c in cpus_all if c <= cores]
    over = [c for c in cpus_all if c > cores]
    m = model.get(max(model), {}) if model else {}

    growth_by = per_cpu(med, fair)
    proj = None
    base = [c for c in fair if c >= 2 and (c, "model") in med]
    if base and (1, "model") in med:
        p, q = med[(max(base), "model")], med[(1, "model")]
        n0 = max(base)
        fixed = p["ends"] + p["boundaries"] + p["instep"]
        growth = max(0.0, (fixed - (q["ends"] + q["boundaries"] + q["instep"])) /
                     (n0 - 1))
        proj = {"from": n0, "fixed": fixed, "handoff": p["handoff_each"],
                "growth": growth, "refresh": p["t_refresh"], "pages": p["pages"],
                "rows": []}
        for n in PROJECT:
            mod = modelled(m, n, p["pages"]) + p["t_refresh"]
            k_flat = fixed + (n - 1) * p["handoff_each"]
            k_grow = k_flat + (n - n0) * growth
            proj["rows"].append({"lps": n, "modelled": mod, "kernel_flat": k_flat,
                                 "kernel_grow": k_grow, "window_flat": mod + k_flat,
                                 "window_grow": mod + k_grow})
    if as_json:
        json.dump({"medians": {"%d/%s" % k: v for k, v in med.items()},
                   "model": m, "projection": proj, "per_cpu": growth_by},
                  sys.stdout, indent=1,
                  sort_keys=True)
        print()
        return 0

    print("TDX module update on the software TDX platform (QEMU TCG), "
          "%d updates per row, medians, us" % runs)
    print("timing model: %s" % (",".join("%s=%d" % kv for kv in m.items()) or "none"))

    def table(cpus):
        print("%4s %6s %8s %8s %9s %10s %9s %8s %6s" %
              ("CPUs", "timing", "window", "inside", "overhead", "boundaries",
               "handoffs", "in-step", "ends"))
        for c in cpus:
            for cfg in ("flat", "model"):
                r = med.get((c, cfg))
                if r:
                    print("%4d %6s %8.0f %8.0f %9.0f %10.0f %9.0f %8.0f %6.0f" %
                          (c, cfg, r["window"], r["inside"], r["overhead"],
                           r["boundaries"], r["handoffs"], r["instep"], r["ends"]))
    print("\nAt most one vCPU per host core (%d cores): the overhead figures "
          "(each column the median of its own per-update values)" % cores)
    table(fair)
    if over:
        print("\nOversubscribed (more vCPUs than the host's %d cores; vCPU threads "
              "wait for a core at every boundary: not an overhead figure)" % cores)
        table(over)
    print("\nInside calls per step, timing model on (measured; the model's figure "
          "in brackets):")
    print("%4s %9s %16s %14s %9s %9s %8s %8s" %
          ("CPUs", "SHUTDOWN", "INSTALL others", "INSTALL last", "SYS.INIT",
           "LP.INIT", "UPDATE", "refresh"))
    for c in cpus_all:
        r = med.get((c, "model"))
        if not r:
            continue
        n = r["n_install"]
        print("%4d %9s %16s %14s %9s %9s %8s %8.0f" % (
            c, "%.0f [%d]" % (r["t_shutdown"], m.get("shutdown", 0)),
            "%.0f [%d]" % (r["t_install_other"], (n - 1) * m.get("install", 0)),
            "%.0f [%.0f]" % (r["t_install_last"], m.get("install_last", 0) +
                             r["pages"] * m.get("install_page_ns", 0) / 1000),
            "%.0f [%d]" % (r["t_sys_init"], m.get("sys_init", 0)),
            "%.0f [%d]" % (r["t_lp_init"], m.get("lp_init", 0)),
            "%.0f [%d]" % (r["t_update"], m.get("update", 0)), r["t_refresh"]))
    if growth_by:
        sl = growth_by["slopes"]
        print("\nWhere the kernel's overhead grows with the CPUs, timing model on: "
              "least-squares slope over %s CPUs, us per CPU" %
              ", ".join(str(c) for c in growth_by["cpus"]))
        print("  total %.1f = boundaries %s + INSTALL handoffs %.1f + in-step %.1f + "
              "ends %.1f" % (sl["overhead"],
                             " + ".join("%.1f (%s)" % (sl["b_" + b], b) for b in BOUNDARIES),
                             sl["handoffs"], sl["instep"], sl["ends"]))
    if not proj:
        print("\nNo projection: it needs the 1-CPU run and one with 2 or more CPUs "
              "and no more vCPUs than host cores, both with the timing model.")
        return 0
    print("\nProjection (us) from the %d-CPU and 1-CPU runs with the model:" % proj["from"])
    print("  window(N) = modelled(N) + kernel(N)")
    print("  modelled(N) = shutdown + (N-1) x install + install_last + %d pages x "
          "install_page_ns + sys_init + lp_init + update (the model: INSTALLs one at a "
          "time, LP.INITs in parallel) + %.0f us of refresh reads (measured, TCG)" %
          (proj["pages"], proj["refresh"]))
    print("  kernel(N) = %.0f (boundaries, in-step gaps and ends at %d CPUs) + (N-1) x "
          "%.1f (one INSTALL handoff at %d CPUs)" %
          (proj["fixed"], proj["from"], proj["handoff"], proj["from"]))
    print("  'growing': the fixed part also grows by %.1f us per CPU beyond %d (its "
          "increase from 1 to %d CPUs, per CPU), an upper estimate" %
          (proj["growth"], proj["from"], proj["from"]))
    print("%6s %10s %13s %14s %13s %14s" % ("LPs", "modelled", "kernel", "kernel grow",
                                             "window", "window grow"))
    for r in proj["rows"]:
        print("%6d %10.0f %13.0f %14.0f %13.0f %14.0f" %
              (r["lps"], r["modelled"], r["kernel_flat"], r["kernel_grow"],
               r["window_flat"], r["window_grow"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
