#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The VM modes 'make test' boots, one per line: every guest/modes/MODE
# but the standalone ones (report: 'make'; bench: 'make bench'), "test"
# and "e2e" first, "kvm" and "kvm-npt1" (minutes of KVM selftests) last.
. "$(dirname "$0")/lib.sh"

modes=()
for f in "$WB_ROOT"/guest/modes/*; do
	grep -qx standalone "$f" || modes+=("$(basename "$f")")
done
printf '%s\n' "${modes[@]}" | awk '
	$0 == "test" { print; next } $0 == "e2e" { e = 1; next } $0 ~ /^kvm(-npt1)?$/ { k[$0] = 1; next }
	{ rest[n++] = $0 }
	END { if (e) print "e2e"; for (i = 0; i < n; i++) print rest[i]
	      if ("kvm" in k) print "kvm"; if ("kvm-npt1" in k) print "kvm-npt1" }'
