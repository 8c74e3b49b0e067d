#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# build-kernel.sh REF [BUILD_DIR]
# Check out REF of the generated tree and build bzImage and modules out of
# tree with the test configuration (configs/*.config on top of tinyconfig).
# Incremental: only what changed since the last build is compiled again.

. "$(dirname "$0")/lib.sh"

ref=${1:?usage: build-kernel.sh REF [BUILD_DIR]}
out=${2:-$BUILD/kernel}
mapfile -t frags < <(ls "$WB_ROOT"/configs/*.config)

[ -d "$SRC/.git" ] || die "no generated tree at $SRC: run 'make tree' first"
git -C "$SRC" diff --quiet HEAD ||
	die "kernel: $SRC has uncommitted changes; commit them (and 'make export') first"
[ -n "$(git -C "$SRC" for-each-ref --contains HEAD refs/heads/)" ] ||
	die "kernel: $SRC HEAD has commits on no branch (builds leave HEAD detached: 'git checkout series/...' before committing); put them on a branch first"
git -C "$SRC" checkout -q --detach "$ref"
mkdir -p "$out"

# (Re)configure when the fragments or the tree changed.
stamp=$({ cat "${frags[@]}"; git -C "$SRC" rev-parse HEAD; } | sha256sum | cut -d' ' -f1)
if [ ! -f "$out/.config" ] || [ "$(cat "$out/.wb-config-stamp" 2>/dev/null)" != "$stamp" ]; then
	log "kernel: configuring $out (tinyconfig + ${frags[*]##*/})"
	"${KMAKE[@]}" -C "$SRC" O="$out" tinyconfig > /dev/null
	"$SRC/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "${frags[@]}" > "$out/.wb-merge.log"
	"${KMAKE[@]}" -C "$SRC" O="$out" olddefconfig > /dev/null
	echo "$stamp" > "$out/.wb-config-stamp"
fi
# Kconfig silently drops options whose dependencies are not met.
# WB_CONFIG_NEW_ONLY=1 (bisect): options the commit does not define yet are fine.
# configs/test-only.config: options of the test-only patches, absent from a
# posted series.
strict=() tree_only=()
for f in "${frags[@]}"; do
	if [ "${f##*/}" = test-only.config ] && [ "$ref" != test ]; then
		tree_only+=("$f")
	else
		strict+=("$f")
	fi
done
{ "$WB_ROOT/scripts/check-config.sh" ${WB_CONFIG_NEW_ONLY:+--tree "$SRC"} "$out/.config" "${strict[@]}" &&
  { [ ${#tree_only[@]} -eq 0 ] ||
    "$WB_ROOT/scripts/check-config.sh" --tree "$SRC" "$out/.config" "${tree_only[@]}"; }; } ||
	{ rm -f "$out/.wb-config-stamp"; die "kernel: the configuration lacks options asked for in configs/"; }

log "kernel: building $ref ($(git -C "$SRC" log -1 --format=%h\ %s))"
start=$(date +%s)
if ! "${KMAKE[@]}" -C "$SRC" O="$out" bzImage modules > "$out/.wb-build.log" 2>&1; then
	grep -E 'error|Error' "$out/.wb-build.log" | head -n 40 >&2
	die "kernel: build of $ref failed (log: $out/.wb-build.log)"
fi
log "kernel: built $ref in $(($(date +%s) - start)) s"
