#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch.sh [PATCH...]
# Run the base tree's scripts/checkpatch.pl --strict on every posted patch
# (default: series/*/ except cover letters).  A report passes only if each of
# its warnings is listed in series/checkpatch-exceptions as
#   <patch file name> <TYPE> <reason>
# and checkpatch.pl printed its summary ("total: ... lines checked").
# Prints "PASS|FAIL checkpatch/<file>" lines; exit 1 on any failure.

. "$(dirname "$0")/lib.sh"

exceptions=${CHECKPATCH_EXCEPTIONS:-$WB_ROOT/series/checkpatch-exceptions}
# CHECKPATCH: another checkpatch.pl (the harness's, which dies).
checkpatch=${CHECKPATCH:-$SRC/scripts/checkpatch.pl}
[ -x "$checkpatch" ] || die "no $checkpatch: run 'make tree' first"

if [ $# -eq 0 ]; then
	set --
	for s in $(series_dirs); do
		while read -r p; do set -- "$@" "$p"; done < <(series_patches "$s")
	done
fi

rc=0
for p in "$@"; do
	name=$(basename "$p")
	rel=${p#"$WB_ROOT"/}
	cprc=0
	out=$(cd "$SRC" && "$checkpatch" --strict --show-types "$p" 2>&1) || cprc=$?
	problems=()
	while IFS= read -r line; do
		type=$(sed -nE 's/^(ERROR|WARNING|CHECK):([A-Z0-9_]+):.*/\2/p' <<< "$line")
		[ -n "$type" ] || continue
		if [ -f "$exceptions" ] &&
		   grep -qE "^${name}[[:space:]]+${type}[[:space:]]+[^[:space:]]" "$exceptions"; then
			continue
		fi
		problems+=("$line")
	done <<< "$out"
	# Its summary line says it read the patch; without it (or with an exit
	# status other than 0 and 1) it did not check anything.
	if ! grep -qE '^total: [0-9]+ errors, [0-9]+ warnings, ([0-9]+ checks, )?[1-9][0-9]* lines checked' <<< "$out" ||
	   [ $cprc -gt 1 ]; then
		problems=("checkpatch.pl exited $cprc without its summary: $(tail -n 1 <<< "${out:-no output}")")
	fi
	if [ ${#problems[@]} -eq 0 ]; then
		echo "PASS checkpatch/$rel"
	else
		echo "FAIL checkpatch/$rel ${problems[0]}"
		printf '    %s\n' "${problems[@]}" >&2
		rc=1
	fi
done
exit $rc
