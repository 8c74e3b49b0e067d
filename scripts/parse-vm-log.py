#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the serial console log of a test VM into pass/fail results.

  parse-vm-log.py --kunit-tool KUNIT_PY [--suites FILE] [--prefix P] LOG

Prints one line per result, "PASS|FAIL|SKIP name [detail]", for:
  - the boot itself (the guest init ran to the end: WB-DONE),
  - every WB-RESULT line of the guest test scripts,
  - every KUnit test case (KTAP parsed by the kernel's own kunit.py),
    and each suite named in --suites that did not report at all,
  - the kernel log: any WARNING/BUG/Oops/panic, lockdep, KASAN, UBSAN or
    debugobjects report fails the run.
Exit status 1 if any result failed.
"""
import argparse
import json
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
RESULT = re.compile(r'^WB-RESULT (pass|fail|skip) (\S+)\s*(.*)$')


# The KTAP lines of the console log.  Other kernel messages printed while
# KUnit runs at boot can land between a "KTAP version" line and its
# "# Subtest:" line, which kunit.py then misreads (test numbers out of
# step, cases under the wrong suite); KUnit prints every line of its own
# as one of these shapes, so only those are given to kunit.py.
KTAP_LINE = re.compile(r'^\s*\[\s*\d+\.\d+\]\s*(KTAP version \d+|TAP version \d+|'
                       r'1\.\.\d+|(not )?ok \d+|#)')


def kunit_results(tool, log, prefix):
    with tempfile.NamedTemporaryFile(suffix='.json') as js, \
         tempfile.NamedTemporaryFile('w', suffix='.log') as ktap:
        with open(log, errors='replace') as f:
            ktap.writelines(line for line in f if KTAP_LINE.match(line))
        ktap.flush()
        proc = subprocess.run([sys.executable, tool, 'parse', '--json=' + js.name, ktap.name],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
        try:
            data = json.load(open(js.name))
        except (OSError, ValueError):
            return [], proc.stdout
    out = []

    def walk(group, path):
        for case in group.get('test_cases', []):
            out.append((case['status'], path + [case['name']]))
        for sub in group.get('sub_groups', []):
            walk(sub, path + [sub['name']])

    for suite in data.get('sub_groups', []):
        walk(suite, [suite['name']])
    for case in data.get('test_cases', []):
        # A suite with no cases shows up as a case of the top group.
        out.append((case['status'], [case['name']]))
    return out, proc.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--kunit-tool', required=True)
    ap.add_argument('--suites', help='file listing KUnit suites that must report')
    ap.add_argument('--prefix', default='vm')
    ap.add_argument('log')
    args = ap.parse_args()

    lines = open(args.log, errors='replace').read().splitlines()
    results = []

    def add(status, name, detail=''):
        results.append((status, name, detail))

    done = any(l.startswith('WB-DONE') for l in lines)
    tail = ' | '.join(l.strip() for l in lines[-5:])
    add('PASS' if done else 'FAIL', f'{args.prefix}/boot-and-run',
        '' if done else f'guest did not finish: {tail}')

    for l in lines:
        m = RESULT.match(l.strip())
        if m:
            add(m.group(1).upper(), f'{args.prefix}/{m.group(2)}', m.group(3))

    cases, kout = kunit_results(args.kunit_tool, args.log, args.prefix)
    seen = set()
    for status, path in cases:
        seen.add(path[0])
        st = {'PASS': 'PASS', 'SKIP': 'SKIP'}.get(status, 'FAIL')
        add(st, 'kunit/' + '.'.join(path).replace(' ', '_'), '' if st != 'FAIL' else status)
    if args.suites:
        for s in open(args.suites):
            s = s.split('#')[0].strip()
            if s and s not in seen:
                add('FAIL', f'kunit/{s}', 'suite did not report (not built or crashed)')

    bad = [l.strip() for l in lines if KMSG.match(l) and BAD.search(l)]
    add('FAIL' if bad else 'PASS', f'{args.prefix}/kernel-log-clean',
        '; '.join(bad[:3]))

    for status, name, detail in results:
        print(f'{status} {name}' + (f' {detail}' if detail else ''))
    sys.exit(1 if any(r[0] == 'FAIL' for r in results) else 0)


if __name__ == '__main__':
    main()
