# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# How 'make test' (scripts/test.sh) collects results; source it after
# lib.sh.  Every check appends "PASS|FAIL|SKIP name [detail]" to
# $RESULTS/results.txt (lib.sh, result); results_end prints the counts.

# record CMD...: run a checker that prints its own "PASS|FAIL|SKIP name
# [detail]" lines.  It fails, besides its own FAIL lines, when it prints
# no result at all, prints a line that is not a result, or exits non-zero
# without a FAIL line.
record() {
	local out rc=0 st name detail n=0 what
	what=$(basename "$1")
	out=$("$@") || rc=$?
	while read -r st name detail; do
		[ -n "$st" ] || continue
		case "$st" in
		PASS | FAIL | SKIP)
			if [ -n "$name" ]; then
				result "$st" "$name" "$detail"
				n=$((n + 1))
				continue
			fi ;;
		esac
		result FAIL "$what/output" "not a result line: $st $name $detail"
	done <<< "$out"
	if [ $n -eq 0 ]; then
		result FAIL "$what" "printed no result (exit status $rc)"
	elif [ $rc -ne 0 ] && ! grep -q '^FAIL' <<< "$out"; then
		result FAIL "$what" "exit status $rc"
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

# results_end STATUS START: a run that stopped with STATUS non-zero
# without saying why is a failure too; print the failures and the counts
# ("N passed, N failed, N skipped") and exit 1 if anything failed.  Called
# explicitly, also from the EXIT trap of an early stop.
results_end() {
	local status=$1 start=$2 p f s
	trap - EXIT
	touch "$RESULTS/results.txt"
	f=$(grep -c '^FAIL' "$RESULTS/results.txt" || true)
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		result FAIL "make-test/stopped" "exit status $status before the end, with no failure recorded"
	fi
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
	if [ "$f" -gt 0 ]; then
		exit 1
	fi
	exit 0
}
