#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# lint.sh: shellcheck (warnings and errors) on every shell script of the
# repository and pyflakes on every Python one; any finding fails its file.
# The guest's scripts run under busybox ash, checked as dash (the nearest
# dialect shellcheck knows: "local" and "$((...))" as ash has them).
# Prints "PASS|FAIL lint/<file> [first finding]"; exit 1 on a finding.

. "$(dirname "$0")/lib.sh"

command -v shellcheck > /dev/null || die "shellcheck not found (Debian package shellcheck)"
command -v pyflakes3 > /dev/null || die "pyflakes3 not found (Debian package pyflakes3)"
cd "$WB_ROOT" || exit 1

rc=0
report() { # report FILE OUTPUT
	if [ -z "$2" ]; then
		echo "PASS lint/$1"
	else
		echo "FAIL lint/$1 $(head -n 1 <<< "$2")"
		sed 's/^/    /' <<< "$2" >&2
		rc=1
	fi
}

while read -r f; do
	[ -f "$f" ] || continue
	first=$(head -n 1 "$f")
	case "$f" in
	*.py) kind='py' ;;
	*.sh | .ci/run) kind='sh' ;;
	*)
		case "$first" in
		'#!'*python*) kind='py' ;;
		'#!'*sh*) kind='sh' ;;
		*) continue ;;
		esac ;;
	esac
	if [ $kind = py ]; then
		report "$f" "$(pyflakes3 "$f" 2>&1)"
	else
		opts=(-S warning -f gcc)
		case "$f" in guest/*) opts+=(-s dash) ;; esac
		report "$f" "$(shellcheck "${opts[@]}" "$f" 2>&1)"
	fi
done < <(git ls-files)
exit $rc
