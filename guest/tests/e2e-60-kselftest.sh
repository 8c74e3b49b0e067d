#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The series' kselftest, on a platform that has a TDX module: must pass,
# update included, nothing skipped.
. /lib/tdx.sh

tdx_load
export TDX_HOST_IMAGE="$IMG/v1.5.24.bin" TDX_HOST_IMAGE_VERSION=1.5.24 WB_KSFT_NO_SKIP=1
. /tests/20-kselftest-tdx-host.sh
