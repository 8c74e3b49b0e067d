#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""intel-identities.py DIR: registration lines for the
software TDX platform's debugfs tdx_emu/identities, one per image under
DIR/joined_files/*/tdx_module_<x.y.z>.blob that the platform could not run
otherwise: no emulated identity (not built by tools/tdx-blob) and not one
of Intel's published modules it knows by SEAMHASH (facts section 6; the
later releases are not there).  Nothing is invented silently: the version
is the one in the file name (Intel's layout, facts section 7); TDX_FEATURES0
is mapping_file.json's tdx_feature0 for that version when the file has one
(the facts say that field is not always right, but nothing better exists
for an unmeasured module), else the word "running": the guest puts in the
running module's.  Prints "SEAMHASH X.Y.Z FEATURES0" lines on stdout
(tdx_emu/identities' format) and, on stderr, where
each TDX_FEATURES0 came from.  Uses tools/tdx-blob inspect to read images.
"""
import json
import os
import re
import subprocess
import sys

TOOL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools", "tdx-blob",
                    "tdx-blob")
VERSION = re.compile(r"\d+\.\d+\.\d+")


def features_from_mapping(path):
    """Every "tdx_feature0" the mapping file gives, by version: under a key
    that is a version, or beside a "version"-like field (the file's
    layout is not documented; both shapes are looked for)."""
    found = {}

    def walk(obj, ver):
        if isinstance(obj, dict):
            own = next((obj[k] for k in ("version", "module_version", "tdx_module_version")
                        if isinstance(obj.get(k), str)), ver)
            if "tdx_feature0" in obj and own and VERSION.fullmatch(own):
                val = obj["tdx_feature0"]
                try:
                    found[own] = int(val, 0) if isinstance(val, str) else int(val)
                except (TypeError, ValueError):
                    print("intel-identities: %s: tdx_feature0 %r of %s is no number" %
                          (path, val, own), file=sys.stderr)
            for key, val in obj.items():
                walk(val, key if VERSION.fullmatch(key) else own)
        elif isinstance(obj, list):
            for val in obj:
                walk(val, ver)

    try:
        with open(path) as f:
            walk(json.load(f), None)
    except (OSError, ValueError) as e:
        print("intel-identities: %s: %s (no tdx_feature0 from it)" % (path, e), file=sys.stderr)
    return found


def main():
    root = sys.argv[1]
    feats = features_from_mapping(os.path.join(root, "mapping_file.json"))
    jf = os.path.join(root, "joined_files")
    for sub in sorted(os.listdir(jf)) if os.path.isdir(jf) else []:
        for name in sorted(os.listdir(os.path.join(jf, sub))):
            m = re.fullmatch(r"tdx_module_(\d+\.\d+\.\d+)\.blob", name)
            if not m:
                continue
            path = os.path.join(jf, sub, name)
            out = subprocess.run([sys.executable, TOOL, "inspect", "--json", path],
                                 capture_output=True, text=True)
            try:
                rep = json.loads(out.stdout)
            except ValueError:
                print("intel-identities: %s: not readable by tdx-blob: %s" %
                      (path, out.stderr.strip()), file=sys.stderr)
                continue
            sig = rep.get("sigstruct")
            if rep.get("errors") or not sig:
                print("intel-identities: %s: %s" % (path, "; ".join(rep.get("errors", []))),
                      file=sys.stderr)
                continue
            if rep.get("identity") or sig.get("published_module"):
                continue
            ver = m.group(1)
            f0 = "%#x" % feats[ver] if ver in feats else "running"
            print("intel-identities: %s: %s, TDX_FEATURES0 %s (%s)" %
                  (name, ver, f0, "mapping_file.json" if ver in feats
                   else "not in mapping_file.json: the running module's"), file=sys.stderr)
            print("%s %s %s" % (sig["seamhash"], ver, f0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
