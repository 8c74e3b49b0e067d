#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Tests of scripts/bench-report.py (the report of 'make bench') on traces
# written by hand: the pytest suite test_bench_report.py, run by
# tests/pytest-results.py.  One line per test, "PASS|FAIL|SKIP
# bench-report/<test id> [detail]"; exit 1 if any failed, or if pytest
# could not collect or run the tests.
# Debian's python3 and pytest-3 (a pyenv shim in front of them is slow to
# start)
export PATH=/usr/bin:/bin:$PATH
exec python3 "$(dirname "$0")/../pytest-results.py" bench-report "$(dirname "$0")"
