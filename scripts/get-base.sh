#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Get the Linux 7.1.8 base tarball, verify it, cache it outside the repo.
#
# Order: the cache, ../shared/base/, then Debian's archive through a private
# apt configuration derived from this machine's own apt sources.  The SHA-256
# (and size) is verified whatever the source; a bad file is never used.
# Prints the path of the verified tarball.

. "$(dirname "$0")/lib.sh"

dest_dir=$WB_CACHE/base
dest=$dest_dir/$BASE_TARBALL
mkdir -p "$dest_dir"

tried=()

verify() {
	local f=$1 size sum
	size=$(stat -c %s "$f")
	if [ "$size" != "$BASE_SIZE" ]; then
		printf 'size %s, expected %s\n' "$size" "$BASE_SIZE"
		return 1
	fi
	sum=$(sha256sum "$f" | cut -d' ' -f1)
	if [ "$sum" != "$BASE_SHA256" ]; then
		printf 'SHA-256 %s, expected %s\n' "$sum" "$BASE_SHA256"
		return 1
	fi
}

# Copy a candidate next to the destination, verify, then rename into place,
# so that a partial or corrupt file never sits at $dest.
adopt() {
	local src=$1 what=$2 tmp why
	tmp=$(mktemp "$dest_dir/.incoming.XXXXXX")
	if ! cp "$src" "$tmp"; then
		rm -f "$tmp"
		tried+=("$what: copy failed")
		return 1
	fi
	if ! why=$(verify "$tmp"); then
		rm -f "$tmp"
		tried+=("$what: checksum mismatch ($why)")
		return 1
	fi
	chmod 644 "$tmp"
	mv -f "$tmp" "$dest"
	log "base: verified $BASE_TARBALL from $what"
}

from_debian() {
	local d=$WB_CACHE/apt f why
	if ! why=$(debian_source_download "linux=$BASE_DEB_VERSION" "$d"); then
		tried+=("Debian archive: $why")
		return 1
	fi
	f=$d/dl/$BASE_TARBALL
	if [ ! -f "$f" ]; then
		tried+=("Debian archive: apt-get source --download-only linux=$BASE_DEB_VERSION did not fetch $BASE_TARBALL: $(grep -m1 -e '^E:' -e '^Err' "$d/source.log" || tail -n 1 "$d/source.log")")
		return 1
	fi
	adopt "$f" "Debian archive (linux $BASE_DEB_VERSION)" || return 1
	rm -rf "$d"
}

if [ -f "$dest" ]; then
	if why=$(verify "$dest"); then
		printf '%s\n' "$dest"
		exit 0
	fi
	log "base: cached $dest is corrupt ($why); removing it"
	rm -f "$dest"
	tried+=("cache $dest: $why")
fi

shared=$WB_SHARED/base/$BASE_TARBALL
if [ -f "$shared" ]; then
	adopt "$shared" "$shared" && { printf '%s\n' "$dest"; exit 0; }
else
	tried+=("$shared: not present")
fi

if [ -n "${WB_NO_ARCHIVE:-}" ]; then
	tried+=("Debian archive: skipped (WB_NO_ARCHIVE is set)")
elif from_debian; then
	printf '%s\n' "$dest"
	exit 0
fi

{
	printf 'error: could not get a verified %s (SHA-256 %s). Tried:\n' "$BASE_TARBALL" "$BASE_SHA256"
	printf '  - %s\n' "${tried[@]}"
	printf 'Or set KERNEL_TREE=/path/to/linux-7.1.8 to use your own tree.\n'
} >&2
exit 1
