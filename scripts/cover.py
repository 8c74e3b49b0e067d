#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn a cover letter made by 'git format-patch --cover-letter
--cover-from-description=subject' back into the branch description and
subject prefix it was made from.

  cover.py prefix FILE        -> "PATCH", "PATCH v2", "RFC PATCH", ...
  cover.py description FILE   -> branch description (subject, blank, blurb)
"""
import email
import email.policy
import re
import sys


def parse(path):
    with open(path, 'rb') as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    subject = ' '.join(str(msg['Subject']).split())
    m = re.match(r'\[(.*?)\s*0+/\d+\]\s*(.*)$', subject)
    if not m:
        sys.exit(f'{path}: subject "{subject}" is not "[PREFIX 0/N] summary"')
    prefix, summary = m.group(1), m.group(2)
    body = msg.get_content().split('\n')
    # The blurb ends where git's shortlog starts: "Author Name (N):"
    for i, line in enumerate(body):
        if re.match(r'^\S.* \(\d+\):$', line):
            blurb = body[:i]
            break
    else:
        sys.exit(f'{path}: no shortlog ("Author (N):") found')
    while blurb and not blurb[-1].strip():
        blurb.pop()
    while blurb and not blurb[0].strip():
        blurb.pop(0)
    return prefix, summary, '\n'.join(blurb)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ('prefix', 'description'):
        sys.exit(__doc__)
    prefix, summary, blurb = parse(sys.argv[2])
    if sys.argv[1] == 'prefix':
        print(prefix)
    else:
        print(summary + '\n\n' + blurb if blurb else summary)


if __name__ == '__main__':
    main()
