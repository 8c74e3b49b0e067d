#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# static-check.sh [--plan] REF
# sparse (C=2) and W=1 on every kernel C file that the series change
# (base..REF), compared with the same file in the base: a warning that the
# base does not have fails the file.  Line numbers are ignored in the
# comparison, so moved code does not count as new.  A changed .c file that
# the configuration does not build but another .c file #includes is
# checked through that file (its result says so); one that nothing built
# includes is a skip.  --plan: only print what would be checked, "CHECK
# FILE OBJECT_SOURCE" or "SKIP FILE reason".
#
# Uses two small build directories (prepare + the single objects), so the
# main kernel build directory is left alone.  Prints "PASS|FAIL|SKIP
# static/<file>" lines; exit 1 on any failure.

. "$(dirname "$0")/lib.sh"

plan_only=
[ "${1:-}" != --plan ] || { plan_only=1; shift; }
ref=${1:?usage: static-check.sh [--plan] REF}
kbuild=${STATIC_KBUILD:-$BUILD/kernel}

mapfile -t files < <(git -C "$SRC" diff --name-only --diff-filter=AM base "$ref" -- '*.c' |
		     grep -v -e '^tools/' -e '^Documentation/' -e '^scripts/' || true)
if [ ${#files[@]} -eq 0 ]; then
	echo "SKIP static/no-c-files the series changes no kernel C file"
	exit 0
fi

# built FILE: the test configuration builds FILE's object
built() {
	local obj=${1%.c}.o
	[ -f "$kbuild/$(dirname "$obj")/.$(basename "$obj").cmd" ]
}

# The plan: each changed file and the source whose object checks it.
plan=()
for f in "${files[@]}"; do
	if built "$f"; then
		plan+=("CHECK $f $f")
		continue
	fi
	inc=
	while read -r g; do
		[ -n "$g" ] || continue
		g=$(dirname "$f")/$g
		if built "$g" && grep -q "^#include \"$(basename "$f")\"" < <(git -C "$SRC" show "$ref:$g"); then
			inc=$g
			break
		fi
	done < <(git -C "$SRC" ls-tree --name-only "$ref" "$(dirname "$f")/" | sed -n 's|.*/||; /\.c$/p')
	if [ -n "$inc" ]; then
		plan+=("CHECK $f $inc")
	else
		plan+=("SKIP $f not built by the test configuration, nor #included by a file it builds")
	fi
done
if [ -n "$plan_only" ]; then
	printf '%s\n' "${plan[@]}"
	exit 0
fi

config=$kbuild/.config
[ -f "$config" ] || die "no $config: build the kernel first"
sparse=$("$WB_ROOT/scripts/get-sparse.sh") || die "static: no sparse that Linux $BASE_VERSION accepts"

git -C "$SRC" diff --quiet HEAD ||
	die "static: $SRC has uncommitted changes; commit them (and 'make export') first"
[ -n "$(git -C "$SRC" for-each-ref --contains HEAD refs/heads/)" ] ||
	die "static: $SRC HEAD has commits on no branch (builds leave HEAD detached: 'git checkout series/...' before committing); put them on a branch first"
git -C "$SRC" checkout -q --detach "$ref"
if [ ! -d "$SRC_BASE" ]; then
	git -C "$SRC" worktree prune
	git -C "$SRC" worktree add -q --detach "$SRC_BASE" base
fi

prepare() {
	local src=$1 out=$2
	mkdir -p "$out"
	if ! cmp -s "$config" "$out/.wb-config"; then
		cp "$config" "$out/.config"
		cp "$config" "$out/.wb-config"
		"${KMAKE[@]}" -C "$src" O="$out" olddefconfig > /dev/null
	fi
	"${KMAKE[@]}" -C "$src" O="$out" prepare > "$out/.wb-prepare.log" 2>&1 ||
		{ tail -n 20 "$out/.wb-prepare.log" >&2; die "static: make prepare failed in $out"; }
}

# Warnings of one object, normalised: no tree prefix, no line numbers.
warnings() {
	local src=$1 out=$2 f=$3 obj=${3%.c}.o
	rm -f "$out/$obj"
	"${KMAKE[@]}" -C "$src" O="$out" C=2 CHECK="$sparse" W=1 "$obj" 2>&1 |
		tee "$out/.wb-last-check.log" |
		grep -E '(warning|error):' |
		sed -E "s|$src/||g; s|\.\./||g; s|:[0-9]+:[0-9]+:|:|; s|:[0-9]+:|:|" |
		sort || true
}

log "static: sparse + W=1 on ${#files[@]} changed C file(s)"
prepare "$SRC" "$BUILD/check-series"
prepare "$SRC_BASE" "$BUILD/check-base"

rc=0
for entry in "${plan[@]}"; do
	read -r what f src <<< "$entry"
	if [ "$what" = SKIP ]; then
		echo "SKIP static/$f $src"
		continue
	fi
	via=
	[ "$src" = "$f" ] || via=" checked as part of $src, which #includes it;"
	new=$(warnings "$SRC" "$BUILD/check-series" "$src")
	# The kernel turns C=2 off, quietly, when it does not like the checker.
	if grep -q "not available or not up to date" "$BUILD/check-series/.wb-last-check.log"; then
		echo "FAIL static/$f sparse did not run: $(grep -m1 'not available' "$BUILD/check-series/.wb-last-check.log")"
		rc=1
		continue
	fi
	old=
	[ -f "$SRC_BASE/$src" ] && old=$(warnings "$SRC_BASE" "$BUILD/check-base" "$src")
	added=$(comm -23 <(printf '%s\n' "$new" | sed '/^$/d') <(printf '%s\n' "$old" | sed '/^$/d'))
	if [ -z "$added" ]; then
		echo "PASS static/$f${via%;}"
	else
		echo "FAIL static/$f$via $(head -n 1 <<< "$added")"
		sed 's/^/    /' <<< "$added" >&2
		rc=1
	fi
done
exit $rc
