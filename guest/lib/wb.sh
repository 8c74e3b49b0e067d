# SPDX-License-Identifier: GPL-2.0
# Helpers for guest test scripts: . /lib/wb.sh
# A script declares how many results it reports (wb_plan N, before the
# first), then reports each with wb_pass, wb_fail or wb_skip; guest/init
# turns them into KTAP (lib/ktap.sh), where a script that reports another
# count, none, or exits with a status other than 0 or 4 fails.

wb_plan() {
	echo "$1" > "${WB_PLAN:-/dev/null}"
}
wb_result() {
	echo "WB-RESULT $*"
	echo "$*" >> "${WB_RESULTS:-/dev/null}"
}
wb_pass() { wb_result pass "$WB_TEST/$1"; }
wb_fail() { local n=$1; shift; wb_result fail "$WB_TEST/$n" "$*"; }
wb_skip() { local n=$1; shift; wb_result skip "$WB_TEST/$n" "$*"; }

# wb_check NAME COMMAND...: pass if the command succeeds, else fail with
# its output.
wb_check() {
	local n=$1 out
	shift
	if out=$("$@" 2>&1); then
		wb_pass "$n"
	else
		wb_fail "$n" "$(echo "$out" | tail -n 3 | tr '\n' ' ')"
	fi
}
