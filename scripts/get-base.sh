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

# The machine's own Debian mirror (the URI its apt sources already use).
debian_mirror() {
	{
		cat /etc/apt/sources.list 2>/dev/null |
			awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }'
		cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
			awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }'
		cat /etc/apt/sources.list.d/*.list 2>/dev/null |
			awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }'
	} | grep -v -e security -e updates | head -n 1
}

from_debian() {
	local mirror apt d opts trust f
	mirror=$(debian_mirror)
	if [ -z "$mirror" ]; then
		tried+=("Debian archive: no Debian mirror found in /etc/apt/sources.list{,.d}")
		return 1
	fi
	d=$WB_CACHE/apt
	rm -rf "$d"
	mkdir -p "$d/lists/partial" "$d/cache/archives/partial" "$d/dl"
	opts=(-o "Dir::Etc::SourceList=$d/sources.list" -o Dir::Etc::SourceParts=/dev/null
	      -o "Dir::State::Lists=$d/lists" -o "Dir::Cache=$d/cache"
	      -o APT::Sandbox::User=root -q)
	# Signed index first; the tarball's SHA-256 pin is what we trust in
	# the end, so an archive key this machine does not know yet only
	# costs the index signature, not the integrity check.
	for trust in "signed-by=/usr/share/keyrings/debian-archive-keyring.gpg" "trusted=yes"; do
		echo "deb-src [$trust] $mirror unstable main" > "$d/sources.list"
		if apt-get "${opts[@]}" update > "$d/update.log" 2>&1; then
			break
		fi
		tried+=("Debian archive $mirror unstable [$trust]: apt-get update failed (see $d/update.log)")
		trust=
	done
	[ -n "$trust" ] || return 1
	# Only the orig tarball matters; the .dsc or .debian.tar.xz may be gone
	# from the archive while the (shared) orig tarball is still there.
	(cd "$d/dl" && apt-get "${opts[@]}" source --download-only "linux=$BASE_DEB_VERSION") > "$d/source.log" 2>&1 || true
	f=$d/dl/$BASE_TARBALL
	if [ ! -f "$f" ]; then
		tried+=("Debian archive $mirror: apt-get source --download-only linux=$BASE_DEB_VERSION did not fetch $BASE_TARBALL: $(grep -m1 -e '^E:' -e '^Err' "$d/source.log" || tail -n 1 "$d/source.log")")
		return 1
	fi
	adopt "$f" "Debian archive ($mirror, linux $BASE_DEB_VERSION)" || return 1
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
