#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# check-apply.sh: the README's apply commands (the lines between
# "# apply: begin" and "# apply: end"), run as a user runs them, with $WB
# this repository, in a plain Linux 7.1.8 git tree (a worktree of the
# generated tree's "base"): each series' line alone, then all of them
# stacked, whose result must be the same tree as the generated branch of
# the last series.  Prints "PASS|FAIL apply/<what> [detail]"; exit 1 on a
# failure.

. "$(dirname "$0")/lib.sh"

readme=${README:-$WB_ROOT/README.md}
mapfile -t cmds < <(sed -n '/^# apply: begin$/,/^# apply: end$/p' "$readme" | sed '1d;$d')
if [ ${#cmds[@]} -eq 0 ]; then
	echo "FAIL apply/readme no '# apply: begin' ... '# apply: end' block in $readme"
	exit 1
fi
[ -d "$SRC/.git" ] || die "no generated tree at $SRC: run 'make tree' first"
wt=$(mktemp -d)
trap 'git -C "$SRC" worktree remove --force "$wt/t" > /dev/null 2>&1; rm -rf "$wt"' EXIT

# One worktree, back to a plain 7.1.8 before each run, holding only the
# files the series touch (a sparse checkout: git am needs no others).
git -C "$SRC" worktree add -q --no-checkout --detach "$wt/t" base
mapfile -t paths < <(git -C "$SRC" diff --name-only base "series/$(series_dirs | tail -n 1)" | sed 's|^|/|')
git -C "$wt/t" sparse-checkout set --no-cone "${paths[@]}"
git -C "$wt/t" checkout -q --detach base

# run NAME COMMAND...: the commands in a plain 7.1.8 tree ($wt/t); a FAIL
# line if one fails
run() {
	local name=$1 c
	shift
	git -C "$wt/t" am --abort > /dev/null 2>&1 || true
	git -C "$wt/t" checkout -q -f --detach base
	git -C "$wt/t" clean -q -fdx
	for c in "$@"; do
		if ! (cd "$wt/t" && WB=$WB_ROOT GIT_COMMITTER_NAME=apply GIT_COMMITTER_EMAIL=apply@localhost \
			bash -euc "$c") > "$wt/log" 2>&1; then
			echo "FAIL apply/$name '$c' failed: $(tail -n 2 "$wt/log" | tr '\n' ' ')"
			return 1
		fi
	done
}

rc=0
n=0
for s in $(series_dirs); do
	n=$((n + 1))
	line=$(printf '%s\n' "${cmds[@]}" | grep -F "/series/$s/" || true)
	if [ -z "$line" ]; then
		echo "FAIL apply/$s no apply line for series/$s in the README"
		rc=1
		continue
	fi
	if ! run "$s" "$line"; then
		rc=1
		continue
	fi
	want=$(git -C "$SRC" rev-list --count "base..series/$s")
	[ "$n" -eq 1 ] || want=$(git -C "$SRC" rev-list --count "series/$(series_dirs | sed -n "$((n - 1))p")..series/$s")
	got=$(git -C "$wt/t" rev-list --count base..HEAD)
	if [ "$got" -eq "$want" ]; then
		echo "PASS apply/$s alone ($got patches on 7.1.8)"
	else
		echo "FAIL apply/$s $got commits on 7.1.8, the series has $want patches"
		rc=1
	fi
done
if run stacked "${cmds[@]}"; then
	last=$(series_dirs | tail -n 1)
	if [ "$(git -C "$wt/t" rev-parse "HEAD^{tree}")" = "$(git -C "$SRC" rev-parse "series/$last^{tree}")" ]; then
		echo "PASS apply/stacked the README's commands give the tree of series/$last"
	else
		echo "FAIL apply/stacked the result differs from the generated branch series/$last"
		rc=1
	fi
else
	rc=1
fi
exit $rc
