#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Generate the kernel git tree from the base and the patch folders:
#
#   tag    base                 Linux 7.1.8 (tarball, or $KERNEL_TREE)
#   branch series/NN-topic      one per folder in series/, stacked in NN order
#   branch test                 last series + test/patches/ (test builds only)
#
# Each branch description holds its cover letter, so 'export.sh' can write
# the folders back.  Nothing is redone when no input changed.

. "$(dirname "$0")/lib.sh"

# git am one patch file; on failure name the file and show the failing hunk.
apply_patch() {
	local repo=$1 patch=$2 rel
	rel=${patch#"$WB_ROOT"/}
	if git -C "$repo" am -q --committer-date-is-author-date "$patch" > "$repo/.git/wb-am.log" 2>&1; then
		return 0
	fi
	{
		printf 'error: %s does not apply on %s\n' "$rel" "$(git -C "$repo" rev-parse --abbrev-ref HEAD)"
		grep -E '^(error|Patch failed)' "$repo/.git/wb-am.log" | sed 's/^/    /'
		printf '  failing hunk(s):\n'
		git -C "$repo" apply --check -v "$patch" 2>&1 | sed 's/^/    /' || true
	} >&2
	git -C "$repo" am --abort > /dev/null 2>&1 || true
	return 1
}

base_id() {
	if [ -n "$KERNEL_TREE" ]; then
		[ -d "$KERNEL_TREE" ] || die "KERNEL_TREE=$KERNEL_TREE is not a directory"
		printf 'tree:%s:%s\n' "$(cd "$KERNEL_TREE" && pwd)" \
			"$(git -C "$KERNEL_TREE" rev-parse "HEAD^{tree}" 2>/dev/null || echo not-git)"
	else
		printf 'tarball:%s\n' "$BASE_SHA256"
	fi
}

inputs_stamp() {
	{
		base_id
		local s
		for s in $(series_dirs); do
			printf 'series %s\n' "$s"
			sha256sum "$WB_ROOT/series/$s"/*.patch 2>/dev/null | sed "s|$WB_ROOT/||"
		done
		printf 'test\n'
		test_patches | xargs -r sha256sum | sed "s|$WB_ROOT/||"
	} | sha256sum | cut -d' ' -f1
}

make_base() {
	local new=$SRC.new ident tarball
	rm -rf "$new"
	mkdir -p "$new"
	if [ -n "$KERNEL_TREE" ]; then
		log "tree: copying base from KERNEL_TREE=$KERNEL_TREE"
		if git -C "$KERNEL_TREE" rev-parse --git-dir > /dev/null 2>&1; then
			git -C "$KERNEL_TREE" archive --format=tar HEAD | tar -x -C "$new"
		else
			tar -C "$KERNEL_TREE" --exclude=.git -cf - . | tar -x -C "$new"
		fi
	else
		tarball=$("$WB_ROOT/scripts/get-base.sh")
		log "tree: extracting $(basename "$tarball")"
		tar -xf "$tarball" -C "$new" --strip-components=1
	fi
	[ -f "$new/Makefile" ] && [ -d "$new/arch/x86" ] || die "base has no kernel sources"
	mapfile -t ident < <(wb_ident)
	git -C "$new" init -q
	git -C "$new" config user.name "${ident[0]}"
	git -C "$new" config user.email "${ident[1]}"
	git -C "$new" config gc.auto 0
	log "tree: committing the base (takes a minute)"
	git -C "$new" add -A -f
	# Fixed identity and dates: the same base gives the same commit id.
	GIT_AUTHOR_NAME=Linux GIT_AUTHOR_EMAIL=base@localhost \
	GIT_COMMITTER_NAME=Linux GIT_COMMITTER_EMAIL=base@localhost \
	GIT_AUTHOR_DATE='@0 +0000' GIT_COMMITTER_DATE='@0 +0000' \
		git -C "$new" commit -q -m "Linux $BASE_VERSION (base)"
	git -C "$new" tag base
	git -C "$new" config wb.baseid "$(base_id)"
	rm -rf "$SRC" "$SRC_BASE"
	mv "$new" "$SRC"
}

# What the branches point at, to notice commits made after the import.
refs_id() {
	git -C "$SRC" for-each-ref --format='%(refname) %(objectname)' refs/heads/ | sha256sum | cut -d' ' -f1
}

main() {
	local stamp s p prev prefix
	stamp=$(inputs_stamp)
	if [ -d "$SRC/.git" ] && [ "$(git -C "$SRC" config wb.stamp || true)" = "$stamp" ]; then
		log "tree: $SRC up to date"
		return 0
	fi
	# Never throw away a developer's work in the generated tree.
	if [ -d "$SRC/.git" ] && [ -z "${WB_FORCE_TREE:-}" ]; then
		if ! git -C "$SRC" diff --quiet HEAD 2> /dev/null; then
			die "tree: $SRC has uncommitted changes; commit and 'make export' them, or set WB_FORCE_TREE=1 to discard them"
		fi
		if [ "$(refs_id)" != "$(git -C "$SRC" config wb.refs || true)" ] &&
		   ! "$WB_ROOT/scripts/check-export.sh" > /dev/null 2>&1; then
			die "tree: branches in $SRC have commits that are not in series/; run 'make export', or set WB_FORCE_TREE=1 to discard them"
		fi
	fi
	if [ ! -d "$SRC/.git" ] || [ "$(git -C "$SRC" config wb.baseid || true)" != "$(base_id)" ]; then
		make_base
	fi

	git -C "$SRC" am --abort > /dev/null 2>&1 || true
	git -C "$SRC" config --unset wb.stamp || true
	git -C "$SRC" checkout -q -f --detach base
	git -C "$SRC" clean -q -fdx
	# Drop branches of series that no longer exist.
	git -C "$SRC" for-each-ref --format='%(refname:short)' refs/heads/ |
		xargs -r git -C "$SRC" branch -q -D

	prev=base
	for s in $(series_dirs); do
		local cover=$WB_ROOT/series/$s/0000-cover-letter.patch n=0
		[ -f "$cover" ] || die "series/$s has no 0000-cover-letter.patch"
		git -C "$SRC" checkout -q -B "series/$s" "$prev"
		while read -r p; do
			apply_patch "$SRC" "$p" || exit 1
			n=$((n + 1))
		done < <(series_patches "$s")
		prefix=$("$WB_ROOT/scripts/cover.py" prefix "$cover")
		git -C "$SRC" config "branch.series/$s.description" \
			"$("$WB_ROOT/scripts/cover.py" description "$cover")"
		git -C "$SRC" config "branch.series/$s.wbprefix" "$prefix"
		log "tree: series/$s: $n patches applied"
		prev=series/$s
	done

	git -C "$SRC" checkout -q -B test "$prev"
	n=0
	while read -r p; do
		apply_patch "$SRC" "$p" || exit 1
		n=$((n + 1))
	done < <(test_patches)
	log "tree: test: $n test-only patches applied"

	git -C "$SRC" config wb.refs "$(refs_id)"
	git -C "$SRC" config wb.stamp "$stamp"
}

main "$@"
