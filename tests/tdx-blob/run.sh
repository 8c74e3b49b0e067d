#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Tests of tools/tdx-blob/tdx-blob: the pytest suite test_tdx_blob.py (its
# independent checker is blobcheck.py), run by tests/pytest-results.py.
# One line per test, "PASS|FAIL|SKIP tdx-blob/<test id> [detail]"; exit 1
# if any failed, or if pytest could not collect or run the tests.
# Debian's python3, pytest-3 and python3-cryptography (a pyenv shim in
# front of them is slow to start)
export PATH=/usr/bin:/bin:$PATH
exec python3 "$(dirname "$0")/../pytest-results.py" tdx-blob "$(dirname "$0")"
