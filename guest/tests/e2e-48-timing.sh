#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The software platform's timing model (debugfs timing, emulator trace):
# what it is set to reads back, a bad setting is refused and changes
# nothing; during an update every non-last SEAMLDR.INSTALL takes the short
# cost, the last one the fixed cost plus the per-page cost of the module's
# pages, the INSTALLs never overlap (one CPU at a time in the P-SEAMLDR),
# the LP.INITs of all CPUs do overlap (shared lock) and none takes twice
# its cost (none waited for another), SHUTDOWN, SYS.INIT and UPDATE take
# their constant; and the kernel's stop window is at least the modelled
# sum but far below what serialised LP.INITs would take.  The checks that
# need several CPUs are skipped with one.
# shellcheck disable=SC2046 # "set -- $(get ...)": the fields, split on purpose
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 12

tdx_load
img=$(image timing-1.5.40)
cpus=$(grep -c ^processor /proc/cpuinfo)
sl=$(cat "$EMU/remaining_updates")
echo $((sl + 1)) > "$EMU/remaining_updates"
model="install=20000,install_last=30000,install_page_ns=200000,sys_init=20000,lp_init=150000,shutdown=20000,update=20000"

echo off > "$EMU/timing"
echo "$model" > "$EMU/timing"
wb_check timing-reads-back test "$(tr '\n' , < "$EMU/timing")" = "$model,"
wb_check timing-bad-key-refused sh -c "! echo 'nosuch=1' > $EMU/timing 2>/dev/null"
wb_check timing-too-long-refused sh -c "! echo 'update=3000000' > $EMU/timing 2>/dev/null"
wb_check timing-unchanged-by-refusals test "$(tr '\n' , < "$EMU/timing")" = "$model,"

dmesg_mark timing
echo 1 > "$EMU/trace"
upload "$img"
echo 0 > "$EMU/trace"
echo off > "$EMU/timing"
wb_check timed-update-completes test -z "$UPLOAD_ERROR" -a "$(version)" = 1.5.40
stop=$(dmesg_since timing | sed -n 's/.*all CPUs stopped for \([0-9]*\) us.*/\1/p')
cat "$EMU/trace" > /tmp/trace.txt

# Durations in us per leaf from the trace, from TDH.SYS.SHUTDOWN on (the
# checks before the stop issue other calls); LP.INIT overlap: the latest
# entry before the earliest exit.
awk -v cpus="$cpus" -v stop="${stop:-0}" '
$2 == "shutdown" { on = 1 }
!on { next }
{ d = ($4 - $3) / 1000 }
$2 == "install" { if (iexit && $3 < iexit) overlap = 1; iexit = $4 }
$2 == "install" && $6 == "last" { last = d; pages = $7; next }
$2 == "install" { ni++; if (!imin || d < imin) imin = d; if (d > imax) imax = d; next }
$2 == "lp_init" { nl++; if (!lmin || d < lmin) lmin = d; if (d > lmax) lmax = d
	if ($3 > lenter) lenter = $3; if (!lexit || $4 < lexit) lexit = $4; next }
$2 == "shutdown" || $2 == "sys_init" || $2 == "update" { c[$2] = d }
END {
	printf "install_other %d min %.0f max %.0f\n", ni, imin, imax
	printf "install_last %.0f pages %d\n", last, pages
	printf "install_overlap %d\n", overlap
	printf "lp_init %d min %.0f max %.0f overlap %d\n", nl, lmin, lmax, lenter < lexit
	printf "shutdown %.0f sys_init %.0f update %.0f\n", c["shutdown"], c["sys_init"], c["update"]
	model = 20000 * 3 + 20000 * (cpus - 1) + 30000 + 200 * pages + 150000
	printf "stop %d modelled %d serial_lp %d\n", stop, model, model + 150000 * (cpus - 1)
}' /tmp/trace.txt > /tmp/timing.txt
sed 's/^/    /' /tmp/timing.txt
get() { sed -n "s/^$1 //p" /tmp/timing.txt; }
# several CPUs: the short INSTALLs, overlap and serialisation
multi() {
	if [ "$cpus" -ge 2 ]; then wb_check "$@"; else wb_skip "$1" "one CPU"; fi
}
set -- $(get install_other)
multi install-other-short test "$1" -eq $((cpus - 1)) -a "$3" -ge 20000 -a "$5" -lt 40000
set -- $(get install_last)
wb_check install-last-pays-per-page test "$3" -eq 100 -a "$1" -ge $((30000 + 200 * $3))
wb_check installs-one-at-a-time test "$(get install_overlap)" = 0
set -- $(get lp_init)
wb_check lp-init-each-cpu-once test "$1" -eq "$cpus" -a "$3" -ge 150000 -a "$5" -lt 300000
multi lp-init-parallel test "$7" = 1
set -- $(get shutdown)
wb_check constant-steps test "$1" -ge 20000 -a "$3" -ge 20000 -a "$5" -ge 20000
set -- $(get stop)
multi stop-window-follows-model test "$1" -ge "$3" -a "$1" -lt "$5"
