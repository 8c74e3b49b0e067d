#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the tree after every patch of every series (base..last series) with
# the test configuration, then sparse + W=1 on the C files changed so far
# (static-check.sh), in a build directory of its own.  Slow (one incremental build per patch): run
# it before submitting a changed series.  Prints "PASS|FAIL bisect/<n> ..."
# lines and a summary; exit 1 if any patch does not build.
# BISECT_FROM=REF: only the commits after REF (e.g. the series before the
# one that changed).

. "$(dirname "$0")/lib.sh"

last=$(series_dirs | tail -n 1)
[ -n "$last" ] || die "no series"
out=$BUILD/bisect
from=${BISECT_FROM:-base}
mapfile -t commits < <(git -C "$SRC" rev-list --reverse "$from..series/$last")
n=$(git -C "$SRC" rev-list --count "base..$from")
rc=0
for c in "${commits[@]}"; do
	n=$((n + 1))
	subj=$(git -C "$SRC" log -1 --format=%s "$c")
	if ! WB_CONFIG_NEW_ONLY=1 "$WB_ROOT/scripts/build-kernel.sh" "$c" "$out" > "$out.log" 2>&1; then
		echo "FAIL bisect/$n $subj"
		tail -n 20 "$out.log" | sed 's/^/    /' >&2
		rc=1
		continue
	fi
	# sparse + W=1 on what the series changed so far, against the base.
	if STATIC_KBUILD=$out "$WB_ROOT/scripts/static-check.sh" "$c" > "$out.static" 2>&1; then
		echo "PASS bisect/$n $subj"
	else
		echo "FAIL bisect/$n $subj ($(grep -m1 '^FAIL' "$out.static"))"
		rc=1
	fi
done
echo "${#commits[@]} patches built" >&2
exit $rc
