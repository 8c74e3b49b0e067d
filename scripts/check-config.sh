#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# check-config.sh DOTCONFIG FRAGMENT...
# Fail, naming each option, if Kconfig dropped or changed anything a fragment
# asked for ("CONFIG_X=v" must be there as is, "# CONFIG_X is not set" must
# not be set to y or m).

set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 .config fragment..." >&2; exit 2; }
cfg=$1
shift
bad=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*)
		if ! grep -qxF -- "$line" "$cfg"; then
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
