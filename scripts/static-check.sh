#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# static-check.sh REF
# sparse (C=2) and W=1 on every kernel C file that the series change
# (base..REF), compared with the same file in the base: a warning that the
# base does not have fails the file.  Line numbers are ignored in the
# comparison, so moved code does not count as new.
#
# Uses two small build directories (prepare + the single objects), so the
# main kernel build directory is left alone.  Prints "PASS|FAIL|SKIP
# static/<file>" lines; exit 1 on any failure.

. "$(dirname "$0")/lib.sh"

ref=${1:?usage: static-check.sh REF}
kbuild=${STATIC_KBUILD:-$BUILD/kernel}
config=$kbuild/.config
[ -f "$config" ] || die "no $config: build the kernel first"
sparse=$("$WB_ROOT/scripts/get-sparse.sh") || die "static: no sparse that Linux $BASE_VERSION accepts"

mapfile -t files < <(git -C "$SRC" diff --name-only --diff-filter=AM base "$ref" -- '*.c' |
		     grep -v -e '^tools/' -e '^Documentation/' -e '^scripts/' || true)
if [ ${#files[@]} -eq 0 ]; then
	echo "SKIP static/no-c-files the series changes no kernel C file"
	exit 0
fi

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
for f in "${files[@]}"; do
	obj=${f%.c}.o
	# Only files the test configuration builds can be checked.
	if [ ! -f "$kbuild/$(dirname "$obj")/.$(basename "$obj").cmd" ]; then
		# A .c file #included by another one is checked with it.
		if grep -qs "^#include \"$(basename "$f")\"" "$SRC/$(dirname "$f")"/*.c; then
			log "static: $f is #included by another file of $(dirname "$f"), checked with it"
		else
			echo "SKIP static/$f not built by the test configuration"
		fi
		continue
	fi
	new=$(warnings "$SRC" "$BUILD/check-series" "$f")
	# The kernel turns C=2 off, quietly, when it does not like the checker.
	if grep -q "not available or not up to date" "$BUILD/check-series/.wb-last-check.log"; then
		echo "FAIL static/$f sparse did not run: $(grep -m1 'not available' "$BUILD/check-series/.wb-last-check.log")"
		rc=1
		continue
	fi
	old=
	[ -f "$SRC_BASE/$f" ] && old=$(warnings "$SRC_BASE" "$BUILD/check-base" "$f")
	added=$(comm -23 <(printf '%s\n' "$new" | sed '/^$/d') <(printf '%s\n' "$old" | sed '/^$/d'))
	if [ -z "$added" ]; then
		echo "PASS static/$f"
	else
		echo "FAIL static/$f $(head -n 1 <<< "$added")"
		sed 's/^/    /' <<< "$added" >&2
		rc=1
	fi
done
exit $rc
