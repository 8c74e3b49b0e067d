#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The series' kselftest, on a platform that has a TDX module: must pass,
# update included, nothing skipped.
. /lib/tdx.sh

tdx_load
# The updates of the tests before used the P-SEAMLDR's slots up: give the
# kselftest's update one (the emulator's remaining_updates file).
[ "$(cat "$EMU/remaining_updates")" -gt 0 ] || echo 1 > "$EMU/remaining_updates"
export TDX_HOST_IMAGE="$IMG/v1.5.24.bin" TDX_HOST_IMAGE_VERSION=1.5.24 WB_KSFT_NO_SKIP=1
. /tests/20-kselftest-tdx-host.sh
