#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A module the platform knows neither as synthetic nor as published (no
# emulated identity, its SEAMHASH in no table), registered through
# debugfs identities: malformed registrations are refused and change
# nothing; once registered, the update installs it and the platform runs
# it as the version and TDX_FEATURES0 the registration gave, and says so.
# (Without registration the platform refuses it after TDH.SYS.SHUTDOWN:
# the fatal-unknown-module mode.)
. /lib/wb.sh
. /lib/tdx.sh
wb_plan 8

tdx_load
img=$(image noid-1.5.41)
sl=$(cat "$EMU/remaining_updates")
echo $((sl + 1)) > "$EMU/remaining_updates"
# SEAMHASH: sigstruct bytes 900..947; the sigstruct is the image's 2nd page
hash=$(cat "$IMG/noid-1.5.41.seamhash")
# The running module's TDX_FEATURES0 plus bit 62 (which nothing reads),
# so that the platform is seen to take the registered value.
f0=$(printf '%#x' $(($(emu_state features0) | (1 << 62))))
n0=$(wc -l < "$EMU/identities")
wb_check seamhash-read test "${#hash}" -eq 96
wb_check short-hash-refused sh -c "! echo '${hash%??} 1.5.41 $f0' > $EMU/identities 2>/dev/null"
wb_check bad-version-refused sh -c "! echo '$hash 1.5 $f0' > $EMU/identities 2>/dev/null"
wb_check no-features-refused sh -c "! echo '$hash 1.5.41' > $EMU/identities 2>/dev/null"
wb_check refusals-register-nothing test "$(wc -l < "$EMU/identities")" -eq "$n0"
echo "$hash 1.5.41 $f0 20261201 41" > "$EMU/identities"
wb_check registered grep -q "^$hash 1.5.41 $f0 20261201 41\$" "$EMU/identities"
dmesg_mark identity
upload "$img"
wb_check registered-module-runs test -z "$UPLOAD_ERROR" -a "$(version)" = 1.5.41 -a "$(emu_state features0)" = "$f0"
wb_check platform-says-registered sh -c ". /lib/tdx.sh; dmesg_since identity | grep -q 'module 1.5.41 as registered through debugfs'"
