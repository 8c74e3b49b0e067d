# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# shellcheck disable=SC2034 # the settings are for the scripts that source it
# Common settings for the workbench scripts.  Source it, don't run it.

set -euo pipefail

WB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Everything generated lives outside the repository: the verified base
# tarball, the generated kernel tree, build directories, ccache, VM images.
: "${WB_CACHE:=${XDG_CACHE_HOME:-$HOME/.cache}/tdx-workbench}"
# ../shared beside the project (read-only in CI).
: "${WB_SHARED:=$WB_ROOT/../shared}"
# Point this at your own kernel tree (v7.1 + stable 7.1.8) to use it as the
# base instead of the tarball.  Its files are copied, it is never modified.
: "${KERNEL_TREE:=}"

BASE_VERSION=7.1.8
BASE_DEB_VERSION=7.1.8-2
BASE_TARBALL=linux_7.1.8.orig.tar.xz
BASE_SIZE=161678028
BASE_SHA256=47f9ce629bc14dd96c16a6a6a8cae4f7f3c3ff6138e2f64befc7bdad426e9728

SRC=$WB_CACHE/src               # generated git tree (base + series + test patches)
SRC_BASE=$WB_CACHE/src-base     # worktree of the base, for warning baselines
BUILD=$WB_CACHE/build           # O= build directories
RESULTS=${WB_RESULTS:-$WB_CACHE/results}

export CCACHE_DIR=$WB_CACHE/ccache
export CCACHE_BASEDIR=$WB_CACHE
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}

JOBS=${JOBS:-$(nproc)}
KMAKE=(make -s ARCH=x86_64 LOCALVERSION= "CC=ccache gcc" "HOSTCC=ccache gcc" -j"$JOBS")

# Debian's own tools first (python3 with the python3-* packages deps.sh
# installs, not a python from pyenv or a venv the user happens to have).
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH

# Stable git behaviour whatever the user's global configuration says.
export GIT_CONFIG_NOSYSTEM=1

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Series folders in application order: series/NN-topic/
series_dirs() {
	local d
	for d in "$WB_ROOT"/series/[0-9][0-9]-*/; do
		[ -d "$d" ] && basename "$d"
	done
}

# Patch files of one series folder (cover letter excluded), in order.
series_patches() {
	local f
	for f in "$WB_ROOT/series/$1"/[0-9][0-9][0-9][0-9]-*.patch; do
		[ -e "$f" ] || continue
		case "$(basename "$f")" in 0000-*) continue ;; esac
		printf '%s\n' "$f"
	done
}

test_patches() {
	local f
	for f in "$WB_ROOT"/test/patches/*.patch; do
		[ -e "$f" ] && printf '%s\n' "$f"
	done
	return 0
}

# Identity for commits made by the tooling (base commit, cover letters).
wb_ident() {
	local name email
	name=$(git -C "$WB_ROOT" config user.name || true)
	email=$(git -C "$WB_ROOT" config user.email || true)
	printf '%s\n%s\n' "${name:-TDX workbench}" "${email:-tdx-workbench@localhost}"
}

# Results file: one line per check, "PASS|FAIL|SKIP <name> [detail]".
result() {
	local status=$1 name=$2
	shift 2
	mkdir -p "$RESULTS"
	printf '%s %s%s\n' "$status" "$name" "${*:+ $*}" >> "$RESULTS/results.txt"
	printf '%-4s %s%s\n' "$status" "$name" "${*:+ ($*)}" >&2
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

# debian_source_download PKG[=VERSION] DIR
# apt-get source --download-only from Debian unstable into DIR/dl, through a
# private apt configuration in DIR derived from this machine's mirror; the
# system's apt configuration is not touched.  Downloads of single files may
# fail (an old .dsc gone from the pool) while others succeed: the caller
# checks for the file it needs.  On a setup failure prints why, returns 1.
debian_source_download() {
	local pkg=$1 d=$2 mirror trust opts
	mirror=$(debian_mirror)
	if [ -z "$mirror" ]; then
		echo "no Debian mirror found in /etc/apt/sources.list{,.d}"
		return 1
	fi
	rm -rf "$d"
	mkdir -p "$d/lists/partial" "$d/cache/archives/partial" "$d/dl"
	opts=(-o "Dir::Etc::SourceList=$d/sources.list" -o Dir::Etc::SourceParts=/dev/null
	      -o "Dir::State::Lists=$d/lists" -o "Dir::Cache=$d/cache"
	      -o APT::Sandbox::User=root -q)
	# A signed index first; what is fetched is verified by its caller
	# (checksum pin, or a functional check), so an archive key this machine
	# does not know yet only costs the index signature.
	for trust in "signed-by=/usr/share/keyrings/debian-archive-keyring.gpg" "trusted=yes"; do
		echo "deb-src [$trust] $mirror unstable main" > "$d/sources.list"
		apt-get "${opts[@]}" update > "$d/update.log" 2>&1 && break
		trust=
	done
	if [ -z "$trust" ]; then
		echo "$mirror unstable: apt-get update failed (see $d/update.log)"
		return 1
	fi
	(cd "$d/dl" && apt-get "${opts[@]}" source --download-only "$pkg") > "$d/source.log" 2>&1 || true
}
