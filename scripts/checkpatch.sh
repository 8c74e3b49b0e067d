#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch.sh [PATCH...]
# Run the base tree's scripts/checkpatch.pl --strict on every posted patch
# (default: series/*/ except cover letters).  A report passes only if each of
# its warnings is listed in series/checkpatch-exceptions as
#   <patch file name> <TYPE> <reason>
# Prints "PASS|FAIL checkpatch/<file>" lines; exit 1 on any failure.

. "$(dirname "$0")/lib.sh"

exceptions=${CHECKPATCH_EXCEPTIONS:-$WB_ROOT/series/checkpatch-exceptions}
checkpatch=$SRC/scripts/checkpatch.pl
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
	out=$(cd "$SRC" && ./scripts/checkpatch.pl --strict --show-types --terse --no-summary "$p" 2>&1) || true
	problems=()
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		type=$(sed -nE 's/.*(ERROR|WARNING|CHECK):([A-Z0-9_]+):.*/\2/p' <<< "$line")
		if [ -n "$type" ] && [ -f "$exceptions" ] &&
		   grep -qE "^$name[[:space:]]+$type[[:space:]]+[^[:space:]]" "$exceptions"; then
			continue
		fi
		problems+=("${line#"$p":}")
	done <<< "$out"
	if [ ${#problems[@]} -eq 0 ]; then
		echo "PASS checkpatch/$rel"
	else
		echo "FAIL checkpatch/$rel ${problems[0]}"
		printf '    %s\n' "${problems[@]}" >&2
		rc=1
	fi
done
exit $rc
