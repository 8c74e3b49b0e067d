#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""churn.py SRC BASE BRANCH... [--allowed FILE] [--list]

Churn inside a patch series: the lines a patch removes (or rewrites) that
an earlier patch of the same series added.  For every commit of
BASE..BRANCH (each BRANCH a series stacked on the one before it, the
first on BASE), git blame on the commit's parent says which commit wrote
each line the commit removes; a line written by an earlier commit of the
same series is churn.  Blank lines and lines of braces alone are not
counted (blame cannot tell one from another).

Prints on stderr, per series, one line per (adding patch, removing
patch) pair with its count; on stdout, only "PASS|FAIL churn/<series>"
(the result lines scripts/results.sh records).  A series passes when
it has no churn, or when each of its pairs is listed in FILE (default
series/churn-allowed) as

    <series> <adding patch number> <removing patch number> <reason>

--list prints the removed lines too (on stderr).  Exit 1 on any failure.
"""

import argparse
import collections
import os
import re
import subprocess
import sys

TRIVIAL = re.compile(r"^\s*[{}()\[\];,]*\s*$")


def git(src, *args):
    return subprocess.run(["git", "-C", src, *args], check=True, stdout=subprocess.PIPE,
                          text=True, errors="replace").stdout


def removed_ranges(src, commit):
    """{file: [(start, count)]} of the lines the commit removes, in its parent."""
    out = git(src, "diff", "-U0", "--no-renames", "--no-color", commit + "^", commit)
    ranges = collections.defaultdict(list)
    path = None
    for line in out.splitlines():
        if line.startswith("--- "):
            path = None if line == "--- /dev/null" else line[len("--- a/"):]
        elif line.startswith("@@ ") and path:
            m = re.match(r"@@ -(\d+)(?:,(\d+))? ", line)
            start, count = int(m.group(1)), int(m.group(2) or 1)
            if count:
                ranges[path].append((start, count))
    return ranges


def blame(src, commit, path, start, count):
    """[(author commit, line)] for lines start..start+count-1 of path at commit."""
    out = git(src, "blame", "--porcelain", "-L", "%d,+%d" % (start, count), commit, "--", path)
    result, sha = [], None
    for line in out.splitlines():
        if re.match(r"^[0-9a-f]{40} ", line):
            sha = line.split()[0]
        elif line.startswith("\t"):
            result.append((sha, line[1:]))
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src")
    ap.add_argument("base")
    ap.add_argument("branches", nargs="+")
    ap.add_argument("--allowed", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                     "..", "series", "churn-allowed"))
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()

    allowed = set()
    if os.path.exists(args.allowed):
        with open(args.allowed) as f:
            for line in f:
                words = line.split(None, 3)
                if line.startswith("#") or len(words) < 4:
                    continue
                allowed.add((words[0], int(words[1]), int(words[2])))

    rc, prev = 0, args.base
    for branch in args.branches:
        name = branch.split("/", 1)[-1]
        commits = git(args.src, "rev-list", "--reverse", "%s..%s" % (prev, branch)).split()
        number = {c: i + 1 for i, c in enumerate(commits)}
        pairs = collections.Counter()
        lines = collections.defaultdict(list)
        for c in commits:
            for path, ranges in removed_ranges(args.src, c).items():
                for start, count in ranges:
                    for sha, text in blame(args.src, c + "^", path, start, count):
                        if sha in number and not TRIVIAL.match(text):
                            key = (number[sha], number[c])
                            pairs[key] += 1
                            lines[key].append("%s: %s" % (path, text.strip()))
        unlisted = 0
        for (add, rem), n in sorted(pairs.items()):
            listed = (name, add, rem) in allowed
            unlisted += not listed
            print("  %s: %d line(s) added by patch %d removed by patch %d%s" %
                  (name, n, add, rem, "" if listed else " (not in %s)" %
                   os.path.basename(args.allowed)), file=sys.stderr)
            if args.list:
                for text in lines[(add, rem)]:
                    print("      " + text, file=sys.stderr)
        total = sum(pairs.values())
        if unlisted:
            rc = 1
            print("FAIL churn/%s %d line(s) rewritten inside the series, %d pair(s) without a reason" %
                  (name, total, unlisted))
        else:
            print("PASS churn/%s %d line(s) rewritten inside the series%s" %
                  (name, total, ", each pair listed with a reason" if total else ""))
        prev = branch
    return rc


if __name__ == "__main__":
    sys.exit(main())
