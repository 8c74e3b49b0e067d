#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn what a test VM left behind into pass/fail results.

  parse-vm-log.py --kunit-tool KUNIT_PY --mode MODE_FILE [--suites FILE]
                  [--prefix P] [--ktap KTAP] LOG

LOG is the serial console (kernel messages, the scripts' own output), KTAP
the results channel (the second serial port; default: LOG with .ktap for
.log), one KTAP document written by guest/init (guest/lib/ktap.sh) and
parsed here by the kernel's own kunit.py.  MODE_FILE (guest/modes/MODE)
says which scripts must report ("script NAME") and whether the KUnit
suites of --suites must ("kunit").

Prints one line per result, "PASS|FAIL|SKIP name [detail]", for:
  - the boot itself (the guest init ran to the end: WB-DONE on the console),
  - every case of every script of the mode, and its "plan" case (the
    script reported as many results as it declared and exited 0 or 4);
    a script of the mode that did not report fails,
  - every case of every KUnit suite of --suites (from debugfs); a suite
    that did not report fails; suites not listed are not counted,
  - anything kunit.py could not parse, or a KTAP document it could not
    read at all (its output is shown),
  - the kernel log: any WARNING/BUG/Oops/panic, lockdep, KASAN, UBSAN or
    debugobjects report fails the run.
Exit status 1 if any result failed.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

# Kernel log lines (they carry a printk timestamp) that mean something went
# wrong in the kernel, whatever the tests said.
BAD = re.compile(
    r'WARNING:|BUG:|Oops|Kernel panic|general protection fault|'
    r'INFO: possible|INFO: task .* blocked|INFO: rcu_.*stall|'
    r'lockdep is turned off|DEBUG_LOCKS_WARN_ON|'
    r'KASAN:|UBSAN:|ODEBUG:|kernel BUG at|'
    r'list_(add|del) corruption|Unable to handle kernel|'
    r'unreferenced object|stack-protector|double fault')
KMSG = re.compile(r'^\s*\[\s*\d+\.\d+\]')
SUBTEST = re.compile(r'^    # Subtest: (.*)$')
DIAG = re.compile(r'^    # (.*)$')
NOT_OK = re.compile(r'^    not ok \d+ (.*)$')
SKIPPED = re.compile(r'^    ok \d+ (.*?) # SKIP ?(.*)$')


def read_mode(path):
    scripts, kunit = [], False
    for line in open(path):
        f = line.split('#')[0].split()
        if f[:1] == ['script'] and len(f) == 2:
            scripts.append(f[1])
        elif f == ['kunit']:
            kunit = True
    return scripts, kunit


def run_kunit_tool(tool, ktap):
    """kunit.py's JSON of KTAP, or (None, why)."""
    with tempfile.TemporaryDirectory() as tmp:
        js = os.path.join(tmp, 'results.json')
        try:
            proc = subprocess.run([sys.executable, tool, 'parse', '--json=' + js,
                                   os.path.abspath(ktap)],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True)
        except OSError as e:
            return None, f'cannot run {tool}: {e}'
        try:
            with open(js) as f:
                return json.load(f), proc.stdout
        except (OSError, ValueError) as e:
            tail = ' | '.join(proc.stdout.strip().splitlines()[-3:])
            return None, f'kunit.py exited {proc.returncode} without results ({e}): {tail}'


def details(ktap):
    """(script, case) -> why: the diagnostic line before its 'not ok', or
    the reason of its SKIP."""
    out, group, last = {}, None, ''
    for line in open(ktap, errors='replace'):
        line = line.rstrip('\r\n')
        m = SUBTEST.match(line)
        if m:
            group = m.group(1)
            continue
        m = DIAG.match(line)
        if m:
            last = m.group(1)
            continue
        m = SKIPPED.match(line)
        if m and group:
            out[(group, m.group(1).strip())] = m.group(2)
        m = NOT_OK.match(line)
        if m and group:
            case = m.group(1).strip()
            out[(group, case)] = last[len(case) + 2:] if last.startswith(case + ': ') else last
        last = ''
    return out


def cases(group, path):
    """(status, path) of every case under a kunit.py JSON group."""
    for i, case in enumerate(group.get('test_cases', []), 1):
        yield case['status'], path + [case['name'] or f'missing-result-{i}']
    for sub in group.get('sub_groups', []):
        yield from cases(sub, path + [sub['name']])


def errors(group):
    return group.get('misc', {}).get('errors', 0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--kunit-tool', required=True)
    ap.add_argument('--mode', required=True, help='guest/modes/MODE')
    ap.add_argument('--suites', help='file listing the KUnit suites that must report')
    ap.add_argument('--prefix', default='vm')
    ap.add_argument('--ktap', help='the results channel (default: LOG with .ktap)')
    ap.add_argument('log')
    args = ap.parse_args()
    ktap = args.ktap or re.sub(r'\.log$', '', args.log) + '.ktap'
    scripts, kunit = read_mode(args.mode)
    suites = []
    if kunit and args.suites:
        suites = [s.split('#')[0].strip() for s in open(args.suites)]
        suites = [s for s in suites if s]
    p = args.prefix

    lines = open(args.log, errors='replace').read().splitlines()
    results = []

    def add(status, name, detail=''):
        results.append((status, name, detail))

    done = any(line.startswith('WB-DONE') for line in lines)
    tail = ' | '.join(line.strip() for line in lines[-5:])
    add('PASS' if done else 'FAIL', f'{p}/boot-and-run',
        '' if done else f'guest did not finish: {tail}')

    data, why = None, f'no results from the guest ({ktap} missing or empty)'
    if os.path.exists(ktap) and os.path.getsize(ktap) > 0:
        data, why = run_kunit_tool(args.kunit_tool, ktap)
    if data is None:
        add('FAIL', f'{p}/results', why)
        data = {}
    diag = details(ktap) if data else {}

    seen = set()
    group_errors = 0
    # KUnit results of the plain boot are kunit/...; of another mode, under its prefix.
    kp = 'kunit' if p == 'vm' else f'{p}/kunit'
    for group in data.get('sub_groups', []) + \
            [{'name': c['name'], 'test_cases': [c]} for c in data.get('test_cases', [])]:
        name = group['name']
        seen.add(name)
        group_errors += errors(group)
        if name in scripts:
            for status, path in cases(group, []):
                case = '/'.join(path)
                st = {'PASS': 'PASS', 'SKIP': 'SKIP'}.get(status, 'FAIL')
                add(st, f'{p}/{name}/{case}',
                    '' if st == 'PASS' else diag.get((name, case), status))
        elif name in suites:
            for status, path in cases(group, [name]):
                st = {'PASS': 'PASS', 'SKIP': 'SKIP'}.get(status, 'FAIL')
                add(st, f'{kp}/' + '.'.join(path).replace(' ', '_'),
                    '' if st == 'PASS' else diag.get((name, path[-1]), status))
        elif not name:
            pass    # a subtest the plan promised that never came: the error below
        elif kunit:
            print(f'note: KUnit suite {name} is not in {args.suites}: not counted',
                  file=sys.stderr)
        else:
            add('FAIL', f'{p}/{name}', 'reported, but not a script of this mode')
        if errors(group):
            add('FAIL', f'{p}/{name}/ktap',
                f'{errors(group)} KTAP error(s) (kunit.py): results missing or out of plan')
    if errors(data) > group_errors:
        add('FAIL', f'{p}/ktap', f'{errors(data) - group_errors} KTAP error(s) at the top level (kunit.py)')
    for s in scripts:
        if s not in seen:
            add('FAIL', f'{p}/{s}', 'script of this mode did not report')
    for s in suites:
        if s not in seen:
            add('FAIL', f'{kp}/{s}', 'suite did not report (not built or crashed)')

    bad = [line.strip() for line in lines if KMSG.match(line) and BAD.search(line)]
    add('FAIL' if bad else 'PASS', f'{p}/kernel-log-clean', '; '.join(bad[:3]))

    for status, name, detail in results:
        print(f'{status} {name}' + (f' {detail}' if detail else ''))
    sys.exit(1 if any(r[0] == 'FAIL' for r in results) else 0)


if __name__ == '__main__':
    main()
