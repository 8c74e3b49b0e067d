#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The whole test run behind 'make test'.  Every check appends
# "PASS|FAIL|SKIP name [detail]" to $RESULTS/results.txt; the run ends with
# one line "N passed, N failed, N skipped" and exits non-zero on any failure.
#
# A stage that makes the following ones meaningless (a patch that does not
# apply, a kernel that does not build) stops the run, after recording why.

. "$(dirname "$0")/lib.sh"

start=$(date +%s)
# The intel-demo VM mode runs over the workbench's own fixture in 'make
# test', never over a user's clone of Intel's repository.
unset INTEL_TDX_BINARIES
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

# record CMD...: run a checker that prints PASS/FAIL/SKIP lines itself.
record() {
	local out rc=0
	out=$("$@") || rc=$?
	[ -n "$out" ] && printf '%s\n' "$out" | while read -r st name detail; do
		result "$st" "$name" "$detail"
	done
	if [ $rc -ne 0 ] && ! grep -q '^FAIL' <<< "$out"; then
		result FAIL "$(basename "$1")" "exit status $rc"
	fi
	return 0
}

# step NAME CMD...: one result for a command; its output goes to a log.
step() {
	local name=$1 logf
	shift
	logf=$RESULTS/$(tr '/ ' '__' <<< "$name").log
	if "$@" > "$logf" 2>&1; then
		result PASS "$name"
		return 0
	fi
	tail -n 25 "$logf" | sed 's/^/    /' >&2
	result FAIL "$name" "see $logf"
	return 1
}

finish() {
	local p f s
	p=$(grep -c '^PASS' "$RESULTS/results.txt" || true)
	f=$(grep -c '^FAIL' "$RESULTS/results.txt" || true)
	s=$(grep -c '^SKIP' "$RESULTS/results.txt" || true)
	echo
	if [ "$f" -gt 0 ]; then
		echo "Failures:"
		grep '^FAIL' "$RESULTS/results.txt" | sed 's/^/  /'
	fi
	echo "make test took $(($(date +%s) - start)) s; results in $RESULTS/results.txt"
	echo "$p passed, $f failed, $s skipped"
	[ "$f" -eq 0 ]
}
trap 'finish' EXIT

last_series=$(series_dirs | tail -n 1)
[ -n "$last_series" ] || die "no series in series/"

# 1. The workbench itself (fast, no kernel build needed beyond the tree).
step tree/apply "$WB_ROOT/scripts/mk-tree.sh" || exit 1
step tree/export-is-identical "$WB_ROOT/scripts/check-export.sh" || true
record "$WB_ROOT/scripts/checkpatch.sh"
record "$WB_ROOT/tests/harness/run.sh"
record "$WB_ROOT/tests/tdx-blob/run.sh"
record "$WB_ROOT/tests/bench-report/run.sh"

# 2. The posted series, as users get it, with the test configuration.
step build/series "$WB_ROOT/scripts/build-kernel.sh" "series/$last_series" || exit 1
record "$WB_ROOT/scripts/static-check.sh" "series/$last_series"
record "$WB_ROOT/scripts/kvm-selftest-build.sh"

# 3. The test kernel (series + test-only patches) in the VM.
step build/test-kernel "$WB_ROOT/scripts/build-kernel.sh" test || exit 1
mapfile -t modes < <("$WB_ROOT/scripts/vm-modes.sh")
record "$WB_ROOT/scripts/vm-test.sh" "${modes[@]}"
