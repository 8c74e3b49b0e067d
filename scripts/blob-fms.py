#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""blob-fms.py DIR [FAMILY]: a CPU signature (CPUID.1.EAX) for the
software TDX platform that runs Intel's tool over DIR, a clone of Intel's
TDX module binaries repository, booted with a module of FAMILY (default
1.5): one that every image under DIR/joined_files/FAMILY lists in
its sigstruct's CPUID table (read with tools/tdx-blob inspect --json),
else the one most images list (the lowest on a tie).  Prints it in hex;
exits 1 without images."""

import collections
import glob
import json
import os
import subprocess
import sys

TOOL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools", "tdx-blob", "tdx-blob")


def table(path):
    out = subprocess.run([sys.executable, TOOL, "inspect", "--json", path],
                         stdout=subprocess.PIPE, text=True)
    if not out.stdout:
        raise SystemExit("tdx-blob inspect cannot read %s" % path)
    return json.loads(out.stdout)["sigstruct"]["cpuid_table"]


def main():
    family = sys.argv[2] if len(sys.argv) > 2 else "1.5"
    blobs = sorted(glob.glob(os.path.join(sys.argv[1], "joined_files", family, "*.blob")))
    if not blobs:
        print("no images under %s/joined_files/%s" % (sys.argv[1], family), file=sys.stderr)
        return 1
    seen = collections.Counter()
    for b in blobs:
        seen.update(set(table(b)))
    if not seen:
        print("no image lists a CPU", file=sys.stderr)
        return 1
    common = [f for f, n in seen.items() if n == len(blobs)]
    most = max(seen.values())
    fms = min(common) if common else min(f for f, n in seen.items() if n == most)
    print("%#x" % fms)
    return 0


if __name__ == "__main__":
    sys.exit(main())
