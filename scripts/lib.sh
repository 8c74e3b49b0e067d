# SPDX-License-Identifier: GPL-2.0
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
