#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Write the series/* branches of the generated tree back to patch folders.
#
#   export.sh            rewrite series/NN-topic/ and test/patches/ in the
#                        repository
#   export.sh DIR [TDIR] write into DIR/NN-topic/ and TDIR/ instead (used by
#                        the check)
#
# The options are pinned so that an unchanged branch gives the same bytes on
# any machine: zero commit ids, no signature, 12-digit blob ids, the cover
# letter dated and signed like the last patch of its series.

. "$(dirname "$0")/lib.sh"

out=${1:-$WB_ROOT/series}
tout=${2:-$WB_ROOT/test/patches}
[ -d "$SRC/.git" ] || die "no generated tree at $SRC: run 'make tree' first"

mapfile -t branches < <(git -C "$SRC" for-each-ref --format='%(refname:short)' 'refs/heads/series/' | sort)
[ ${#branches[@]} -gt 0 ] || die "no series/* branches in $SRC"

prev=base
for b in "${branches[@]}"; do
	name=${b#series/}
	prefix=$(git -C "$SRC" config "branch.$b.wbprefix" || echo PATCH)
	git -C "$SRC" config "branch.$b.description" > /dev/null ||
		die "$b has no description (git branch --edit-description $b)"
	tmp=$(mktemp -d)
	last=$(git -C "$SRC" rev-parse "$b")
	GIT_COMMITTER_NAME=$(git -C "$SRC" log -1 --format=%an "$last") \
	GIT_COMMITTER_EMAIL=$(git -C "$SRC" log -1 --format=%ae "$last") \
	GIT_COMMITTER_DATE=$(git -C "$SRC" log -1 --format=%ad --date=raw "$last") \
		git -C "$SRC" -c core.abbrev=12 -c diff.noprefix=false -c diff.mnemonicPrefix=false \
			-c format.signOff=false -c format.coverLetter=false \
			format-patch -q --zero-commit --no-signature --cover-letter \
			--cover-from-description=subject --subject-prefix="$prefix" \
			--filename-max-length=64 --diff-algorithm=myers --no-renames \
			-o "$tmp" "$prev..$b"
	mkdir -p "$out/$name"
	rm -f "$out/$name"/*.patch
	cp "$tmp"/*.patch "$out/$name/"
	rm -rf "$tmp"
	log "export: $b -> ${out#"$WB_ROOT"/}/$name ($(($(ls "$out/$name"/*.patch | wc -l) - 1)) patches)"
	prev=$b
done

# The test-only patches: the "test" branch on top of the last series.
if git -C "$SRC" rev-parse -q --verify refs/heads/test > /dev/null; then
	tmp=$(mktemp -d)
	last=$(git -C "$SRC" rev-parse test)
	GIT_COMMITTER_NAME=$(git -C "$SRC" log -1 --format=%an "$last") \
	GIT_COMMITTER_EMAIL=$(git -C "$SRC" log -1 --format=%ae "$last") \
	GIT_COMMITTER_DATE=$(git -C "$SRC" log -1 --format=%ad --date=raw "$last") \
		git -C "$SRC" -c core.abbrev=12 -c diff.noprefix=false -c diff.mnemonicPrefix=false \
			-c format.signOff=false -c format.coverLetter=false \
			format-patch -q --zero-commit --no-signature --no-cover-letter \
			--subject-prefix=PATCH --filename-max-length=64 \
			--diff-algorithm=myers --no-renames -o "$tmp" "$prev..test"
	mkdir -p "$tout"
	rm -f "$tout"/*.patch
	cp "$tmp"/*.patch "$tout/" 2> /dev/null || true
	rm -rf "$tmp"
	log "export: test -> ${tout#"$WB_ROOT"/} ($(find "$tout" -name '*.patch' | wc -l) test-only patches)"
fi
