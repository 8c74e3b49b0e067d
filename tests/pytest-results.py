#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""pytest-results.py PREFIX DIR [PYTEST_ARGS...]

Run pytest-3 on the tests in DIR and print one line per test case,
"PASS|FAIL|SKIP PREFIX/<test id> [detail]", the form scripts/test.sh
records; exit 1 if anything failed.  The test id is the pytest name of the
test (with its class, and its module if DIR has several), whitespace
replaced by '_'.

A run that cannot be trusted fails, with a FAIL line saying why: a
collection error, no test collected, a JUnit XML report that is missing
or unreadable, or pytest exiting with a status other than 0 or 1 (or with
a status that disagrees with its report).  pytest's own output goes to
stderr when anything failed, and nowhere otherwise; its temporary files,
the report included, are removed.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PYTEST = "pytest-3"
# pytest's exit statuses (pytest.ExitCode)
EXIT = {0: "all passed", 1: "tests failed", 2: "interrupted (a collection error?)",
        3: "internal error", 4: "usage error", 5: "no tests collected"}


def one_line(text, limit=400):
    """text on one line (whitespace runs as one space), at most limit chars."""
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def token(text):
    """text as one token: whitespace replaced by '_'."""
    return re.sub(r"\s", "_", text) or "_"


def modules(folder):
    """The dotted names of the Python files under folder (the rootdir)."""
    names = set()
    for top, _, files in os.walk(folder):
        rel = os.path.relpath(top, folder)
        for name in files:
            if name.endswith(".py"):
                path = name[:-3] if rel == "." else os.path.join(rel, name[:-3])
                names.add(path.replace(os.sep, "."))
    return names


def split(case, known):
    """(module, class, name) of a <testcase>, from its classname
    "module[.Class]" (module dotted, relative to the rootdir)."""
    classname, name = case.get("classname", ""), case.get("name", "")
    module, cls = classname, ""
    while module not in known and "." in module:
        module, _, rest = module.rpartition(".")
        cls = f"{rest}.{cls}" if cls else rest
    if module not in known:                 # not a file we know: keep it whole
        module, cls = classname, ""
    return module, cls, name


def test_id(case, known, several):
    """The id of a <testcase>: [module::][Class::]name, the module only if
    several modules have tests."""
    module, cls, name = split(case, known)
    parts = ([module] if several and module else []) + \
        ([cls.replace(".", "::")] if cls else []) + [name]
    return token("::".join(parts))


def outcome(case):
    """("PASS"|"FAIL"|"SKIP", detail) of a <testcase>."""
    for tag in ("failure", "error"):
        el = case.find(tag)
        if el is not None:
            detail = el.get("message") or el.text or tag
            if tag == "error":
                detail = f"error: {detail}"
            return "FAIL", one_line(detail)
    el = case.find("skipped")
    if el is not None:
        return "SKIP", one_line(el.get("message") or el.text or "")
    return "PASS", ""


def collection_error(case):
    """Whether a <testcase> is pytest's report of a collection error."""
    error = case.find("error")
    return error is not None and error.get("message") == "collection failure"


def run(prefix, folder, extra):
    """Run pytest on folder; print the result lines; return whether all is well."""
    problems, failed = [], []

    def fail(name, detail):
        print(f"FAIL {prefix}/{name} {one_line(detail)}".rstrip())
        problems.append(name)

    if not os.path.isdir(folder):
        fail("pytest", f"no test directory {folder}")
        return False
    folder = os.path.abspath(folder)
    tmp = tempfile.mkdtemp(prefix="pytest-results.")
    try:
        junit = os.path.join(tmp, "junit.xml")
        cmd = [PYTEST, "-p", "no:cacheprovider", f"--junitxml={junit}",
               "-o", "junit_family=xunit2", f"--basetemp={tmp}/basetemp",
               f"--rootdir={folder}", "-q", "-rfEs", *extra, folder]
        # no __pycache__ in the source tree
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, env=env,
                                  cwd=folder, check=False)
        except OSError as err:
            fail("pytest", f"cannot run {PYTEST}: {err.strerror}")
            return False
        status, output = proc.returncode, proc.stdout + proc.stderr
        meaning = f"exit status {status}: {EXIT.get(status, 'unknown')}"

        cases, why = None, []
        try:
            cases = list(ET.parse(junit).getroot().iter("testcase"))
        except FileNotFoundError:
            why.append("no JUnit XML report")
        except (OSError, ET.ParseError) as err:
            why.append(f"unreadable JUnit XML report: {err}")
        if cases is not None:
            known = modules(folder)
            tests = [c for c in cases if not collection_error(c)]
            several = len({split(c, known)[0] for c in tests}) > 1
            for case in cases:
                if collection_error(case):
                    fail(f"collection/{token(case.get('name') or 'unknown')}",
                         f"collection error: {case.find('error').text}")
            for case in tests:
                verdict, detail = outcome(case)
                print(f"{verdict} {prefix}/{test_id(case, known, several)} {detail}".rstrip())
                if verdict == "FAIL":
                    failed.append(case)
            if not tests:
                why.append("no test ran")
        if status not in (0, 1):
            why.append(meaning)
        elif status == 1 and not failed and not problems:
            why.append("no failed test in the report")
        elif status == 0 and (failed or problems):
            why.append("a failed test in the report")
        if why:
            if meaning not in why:
                why.append(meaning)
            fail("pytest", "; ".join(why))
        if failed or problems:
            print(f"--- {' '.join(cmd)} ({meaning})", file=sys.stderr)
            print(output.rstrip(), file=sys.stderr)
        return not failed and not problems
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    if len(sys.argv) < 3 or not sys.argv[1] or re.search(r"\s", sys.argv[1]):
        print("FAIL pytest-results/usage usage: pytest-results.py PREFIX DIR "
              "[PYTEST_ARGS...]")
        return 1
    return 0 if run(sys.argv[1], sys.argv[2], sys.argv[3:]) else 1


if __name__ == "__main__":
    sys.exit(main())
