#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""layers.py: a patch series as one set of files, each line tagged with the
patches it lives in.

    layers.py extract SRC BASE BRANCH DIR   series BASE..BRANCH -> DIR
    layers.py build   SRC BASE DIR BRANCH   DIR -> BRANCH, one commit per patch
    layers.py churn   DIR                   the lines a later patch removes
    layers.py order   DIR "01 03+02 04 ..."  reorder and merge patches (a
                                            merged patch keeps the first's
                                            message); unlisted ones must be empty

DIR/files/<path> holds every file the series touches, one line per line of
any version of it, prefixed "SS-EE|" (present from patch SS up to, not
including, patch EE) or "SS   |" (from patch SS to the end); patch 00 is
the base.  DIR/commits/NN holds patch NN's author, date and message;
DIR/modes the mode of each file.  Editing the tags moves a line from one
patch to another; a series whose lines all end in "SS   |" has no churn.
build writes commits with git plumbing only: no checkout is touched.
"""

import os
import re
import subprocess
import sys

INF = 99


def git(src, *args, inp=None, env=None):
    return subprocess.run(["git", "-C", src, *args], check=True, input=inp,
                          stdout=subprocess.PIPE, env=env).stdout


def tag(start, end):
    return "%02d-%02d|" % (start, end) if end != INF else "%02d   |" % start


def parse_tag(line):
    m = re.match(r"^(\d\d)(?:-(\d\d)|   )\|", line)
    if not m:
        raise SystemExit("bad layered line: %r" % line[:40])
    return int(m.group(1)), int(m.group(2)) if m.group(2) else INF, line[6:]


def visible(entries, level):
    return [i for i, (s, e, _) in enumerate(entries) if s <= level < e]


def extract(src, base, branch, out):
    commits = git(src, "rev-list", "--reverse", "%s..%s" % (base, branch)).decode().split()
    files = {}
    modes = {}
    os.makedirs(os.path.join(out, "commits"), exist_ok=True)
    for k, c in enumerate(commits, 1):
        meta = git(src, "log", "-1", "--format=%an%n%ae%n%ad", "--date=raw", c).decode()
        msg = git(src, "log", "-1", "--format=%B", c).decode().rstrip("\n") + "\n"
        with open(os.path.join(out, "commits", "%02d" % k), "w") as f:
            f.write(meta + msg)
        names = git(src, "diff", "--no-renames", "--name-only", c + "^", c).decode().split("\n")
        for path in filter(None, names):
            if path not in files:
                try:
                    text = subprocess.run(["git", "-C", src, "show", "%s:%s" % (base, path)],
                                          check=True, stdout=subprocess.PIPE,
                                          stderr=subprocess.DEVNULL).stdout.decode()
                except subprocess.CalledProcessError:
                    text = ""
                files[path] = [(0, INF, line) for line in text.splitlines(True)]
            entries = files[path]
            diff = git(src, "diff", "--no-renames", "-U0", "--diff-algorithm=myers",
                       c + "^", c, "--", path).decode()
            hunks = []
            for line in diff.splitlines(True):
                m = re.match(r"^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", line)
                if m:
                    hunks.append([int(m.group(1)), int(m.group(2) or 1), []])
                elif hunks and line.startswith("+"):
                    hunks[-1][2].append(line[1:])
                elif line.startswith("\\"):
                    raise SystemExit("%s: no newline at the end, not supported" % path)
            vis = visible(entries, k - 1)
            for a, b, added in reversed(hunks):
                for j in range(a - 1, a - 1 + b):
                    s, _, t = entries[vis[j]]
                    entries[vis[j]] = (s, k, t)
                if b:
                    pos = vis[a + b - 2] + 1
                else:
                    pos = vis[a - 1] + 1 if a else 0
                entries[pos:pos] = [(k, INF, t) for t in added]
        for line in git(src, "ls-tree", "-r", c).decode().splitlines():
            mode, _, _, path = line.split(None, 3)
            if path in files:
                modes[path] = mode
    for path, entries in files.items():
        p = os.path.join(out, "files", path)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            for s, e, t in entries:
                f.write(tag(s, e) + t)
    with open(os.path.join(out, "modes"), "w") as f:
        for path in sorted(files):
            f.write("%s %s\n" % (modes.get(path, "100644"), path))
    print("%d patches, %d files -> %s" % (len(commits), len(files), out))


def load(d):
    files = {}
    root = os.path.join(d, "files")
    for dirpath, _, names in os.walk(root):
        for n in names:
            p = os.path.join(dirpath, n)
            with open(p) as f:
                files[os.path.relpath(p, root)] = [parse_tag(line) for line in f]
    modes = {}
    with open(os.path.join(d, "modes")) as f:
        for line in f:
            mode, path = line.rstrip("\n").split(" ", 1)
            modes[path] = mode
    commits = sorted(os.listdir(os.path.join(d, "commits")))
    return files, modes, commits


def build(src, base, d, branch):
    files, modes, commits = load(d)
    env = dict(os.environ, GIT_INDEX_FILE=os.path.join(d, ".index"))
    parent = git(src, "rev-parse", base + "^{commit}").decode().strip()
    git(src, "read-tree", parent, env=env)
    for name in commits:
        k = int(name)
        with open(os.path.join(d, "commits", name)) as f:
            an, ae, ad = (f.readline().rstrip("\n") for _ in range(3))
            msg = f.read()
        info = []
        for path, entries in files.items():
            text = "".join(t for s, e, t in entries if s <= k < e)
            in_base = any(s == 0 for s, e, t in entries)
            if not text and not in_base:
                info.append("0 %s\t%s\n" % ("0" * 40, path))
                continue
            blob = git(src, "hash-object", "-w", "--stdin", inp=text.encode()).decode().strip()
            info.append("%s %s\t%s\n" % (modes.get(path, "100644"), blob, path))
        git(src, "update-index", "--index-info", inp="".join(info).encode(), env=env)
        tree = git(src, "write-tree", env=env).decode().strip()
        cenv = dict(os.environ, GIT_AUTHOR_NAME=an, GIT_AUTHOR_EMAIL=ae, GIT_AUTHOR_DATE=ad,
                    GIT_COMMITTER_NAME=an, GIT_COMMITTER_EMAIL=ae, GIT_COMMITTER_DATE=ad)
        parent = git(src, "commit-tree", tree, "-p", parent, inp=msg.encode(),
                     env=cenv).decode().strip()
    os.unlink(os.path.join(d, ".index"))
    git(src, "update-ref", "refs/heads/" + branch, parent)
    print("%s: %d patches" % (branch, len(commits)))


def churn(d):
    files, _, _ = load(d)
    n = 0
    for path, entries in sorted(files.items()):
        for s, e, t in entries:
            if s and e != INF:
                n += 1
                print("%s: %02d-%02d %s" % (path, s, e, t.rstrip("\n")))
    print("%d line(s) added and removed inside the series" % n, file=sys.stderr)


def save(d, files):
    for path, entries in files.items():
        with open(os.path.join(d, "files", path), "w") as f:
            for s, e, t in entries:
                f.write(tag(s, e) + t)


def order(d, spec):
    files, _, commits = load(d)
    new = {0: 0, INF: INF}
    groups = [g.split("+") for g in spec.split()]
    for k, g in enumerate(groups, 1):
        for old in g:
            new[int(old)] = k
    bad = 0
    for path, entries in files.items():
        out = []
        for s, e, t in entries:
            if s not in new:
                raise SystemExit("%s: a line of patch %02d, which is not listed" % (path, s))
            if e not in new:
                raise SystemExit("%s: a line removed by patch %02d, which is not listed" % (path, e))
            ns, ne = new[s], new[e]
            if ns == ne:
                continue
            if ns > ne:
                print("%s: line %02d-%02d would be removed before it is added: %s" %
                      (path, s, e, t.rstrip()), file=sys.stderr)
                bad += 1
            out.append((ns, ne, t))
        files[path] = out
    if bad:
        raise SystemExit("nothing changed")
    save(d, files)
    cdir = os.path.join(d, "commits")
    msgs = {int(n): open(os.path.join(cdir, n)).read() for n in commits}
    for n in commits:
        os.unlink(os.path.join(cdir, n))
    for k, g in enumerate(groups, 1):
        with open(os.path.join(cdir, "%02d" % k), "w") as f:
            f.write(msgs[int(g[0])])
    print("%d patches" % len(groups))


def main():
    if len(sys.argv) == 6 and sys.argv[1] == "extract":
        extract(*sys.argv[2:])
    elif len(sys.argv) == 6 and sys.argv[1] == "build":
        build(*sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "order":
        order(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "churn":
        churn(sys.argv[2])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
