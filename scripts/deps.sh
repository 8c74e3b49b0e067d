#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the workbench needs (as root; apt-get only runs
# when something is missing).  The list is the single source of truth; the
# README points here.

set -euo pipefail

packages=(
	# kernel build
	gcc make libc6-dev bc flex bison libelf-dev libssl-dev dwarves perl
	python3 git xz-utils ccache
	# static checks (checkpatch runs spdxcheck.py, which needs ply and git)
	sparse python3-ply python3-git
	# the workbench's own checks: lint, pytest suites (an RSA verifier
	# independent of the image tool's)
	shellcheck pyflakes3 python3-pytest python3-cryptography
	# test VM
	qemu-system-x86 busybox-static cpio kmod gzip
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "error: missing Debian packages: ${missing[*]}" >&2
	echo "       run 'make' as root, or: sudo apt-get install ${missing[*]}" >&2
	exit 1
fi
echo "==> deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q > /dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" > /dev/null
