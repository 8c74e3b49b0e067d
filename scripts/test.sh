#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The whole test run behind 'make test'.  Every check appends
# "PASS|FAIL|SKIP name [detail]" to $RESULTS/results.txt (scripts/results.sh);
# the run ends with one line "N passed, N failed, N skipped" and exits
# non-zero on any failure.
#
# A stage that makes the following ones meaningless (a patch that does not
# apply, a kernel that does not build) stops the run, after recording why.

. "$(dirname "$0")/lib.sh"
. "$WB_ROOT/scripts/results.sh"

start=$(date +%s)
# The intel-demo VM mode runs over the workbench's own fixture in 'make
# test', never over a user's clone of Intel's repository.
unset INTEL_TDX_BINARIES
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

# Stopped early (a stage that makes the rest meaningless, or a script
# error): the counts all the same, and a non-zero exit.
trap 'results_end $? $start' EXIT

last_series=$(series_dirs | tail -n 1)
[ -n "$last_series" ] || die "no series in series/"

# 1. The workbench itself (fast, no kernel build needed beyond the tree).
step tree/apply "$WB_ROOT/scripts/mk-tree.sh" || exit 1
step tree/export-is-identical "$WB_ROOT/scripts/check-export.sh" || true
record "$WB_ROOT/scripts/check-apply.sh"
record "$WB_ROOT/scripts/checkpatch.sh"
mapfile -t series_branches < <(git -C "$SRC" for-each-ref --format='%(refname:short)' 'refs/heads/series/' | sort)
record "$WB_ROOT/scripts/churn.py" "$SRC" base "${series_branches[@]}"
record "$WB_ROOT/scripts/lint.sh"
record "$WB_ROOT/tests/harness/run.sh"
record "$WB_ROOT/tests/tdx-blob/run.sh"
record "$WB_ROOT/tests/bench-report/run.sh"

# 2. The posted series, as users get it, with the test configuration.
step build/series "$WB_ROOT/scripts/build-kernel.sh" "series/$last_series" || exit 1
record "$WB_ROOT/scripts/static-check.sh" "series/$last_series"
record "$WB_ROOT/scripts/kvm-selftest-build.sh" "series/$last_series"

# 3. The test kernel (series + test-only patches) in the VM.
step build/test-kernel "$WB_ROOT/scripts/build-kernel.sh" test || exit 1
mapfile -t modes < <("$WB_ROOT/scripts/vm-modes.sh")
record "$WB_ROOT/scripts/vm-test.sh" "${modes[@]}"

results_end 0 "$start"
