#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The VM boots of 'make test', one per line: the plain kernel (KUnit, no
# TDX), the end-to-end tests on the software TDX platform, the boot with a
# module that has TDX_FEATURES0 bit 47 (compat), the boot with the VMCS
# erratum modelled (erratum), one boot per scenario that
# leaves the platform unusable or not updatable (fatal-*, noupdate,
# refresh-unreadable), the update tool's plumbing (intel-demo, over the
# workbench's stand-in for Intel's tool and repository), and the KVM
# selftests under kvm_amd (kvm).
. "$(dirname "$0")/lib.sh"

echo test
echo e2e
for f in "$WB_ROOT"/guest/tests/compat.sh "$WB_ROOT"/guest/tests/erratum.sh \
	 "$WB_ROOT"/guest/tests/fatal-*.sh \
	 "$WB_ROOT"/guest/tests/noupdate.sh \
	 "$WB_ROOT"/guest/tests/refresh-unreadable.sh; do
	[ -e "$f" ] && basename "$f" .sh
done
echo intel-demo
echo kvm
