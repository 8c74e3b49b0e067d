#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""blob-fms.py DIR: a CPU signature (CPUID.1.EAX) for the software TDX
platform that runs Intel's tool over DIR, a clone of Intel's TDX module
binaries repository: one that every image under DIR/joined_files lists in
its sigstruct's CPUID table (offset 0x1000 + 1024: count, + 1028: table),
else the one most images list (the lowest on a tie).  Prints it in hex; exits 1 without images."""

import collections
import glob
import os
import sys

SIGSTRUCT = 0x1000


def table(path):
    with open(path, "rb") as f:
        data = f.read(SIGSTRUCT + 2048)
    count = int.from_bytes(data[SIGSTRUCT + 1024:SIGSTRUCT + 1028], "little")
    return [int.from_bytes(data[SIGSTRUCT + 1028 + 4 * i:SIGSTRUCT + 1032 + 4 * i], "little")
            for i in range(min(count, 255))]


def main():
    blobs = sorted(glob.glob(os.path.join(sys.argv[1], "joined_files", "*", "*.blob")))
    if not blobs:
        print("no images under %s/joined_files" % sys.argv[1], file=sys.stderr)
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
