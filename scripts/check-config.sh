#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# check-config.sh [--tree SRCDIR] DOTCONFIG FRAGMENT...
# Fail, naming each option, if Kconfig dropped or changed anything a fragment
# asked for ("CONFIG_X=v" must be there as is, "# CONFIG_X is not set" must
# not be set to y or m).  With --tree, options that SRCDIR's Kconfig files
# do not define (yet) are skipped: for building the commits of a series
# that come before the patch adding them.

set -euo pipefail
tree=
if [ "${1:-}" = --tree ]; then
	tree=$2
	shift 2
fi
[ $# -ge 2 ] || { echo "usage: $0 [--tree SRCDIR] .config fragment..." >&2; exit 2; }
cfg=$1
shift
bad=0

defined() {
	[ -z "$tree" ] && return 0
	git -C "$tree" grep -qE "^[[:space:]]*(menu)?config[[:space:]]+${1#CONFIG_}[[:space:]]*$" -- '*Kconfig*'
}
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*)
		if ! grep -qxF -- "$line" "$cfg" && defined "${line%%=*}"; then
			key=${line%%=*}
			got=$(grep -E "^$key=|^# $key is not set" "$cfg" || echo "absent (dependencies not met?)")
			echo "config: asked for $line, got: $got" >&2
			bad=1
		fi
		;;
	"# CONFIG_"*" is not set")
		key=${line#\# }
		key=${key%% *}
		if grep -qE "^$key=[ym]" "$cfg"; then
			echo "config: asked for $key off, got: $(grep -E "^$key=" "$cfg")" >&2
			bad=1
		fi
		;;
	esac
done < <(cat "$@")
exit $bad
