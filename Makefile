# SPDX-License-Identifier: GPL-2.0
# Workbench for the runtime TDX module update series and the two KVM series,
# based on Linux 7.1.8.  See README.md.
#
#   make            install packages, get the base, build, boot, report
#   make test       every check and test; ends with "N passed, N failed, N skipped"
#   make bench      stop time of a module update on the software TDX platform
#   make kvm-base   the KVM selftests on the base kernel and the series, side by side
#   make intel-demo INTEL_TDX_BINARIES=DIR [INTEL_DEMO_FAMILY=2.0]
#                   Intel's update tool from DIR, a clone of Intel's binaries
#                   repository, run unmodified on the software TDX platform
#                   (booted with Intel's 1.5.06, or 2.0.04)
#
# Variables: KERNEL_TREE=/path (your own 7.1.8 tree as the base),
# WB_CACHE=/path (where generated things live, default ~/.cache/tdx-workbench),
# VM_CPUS (default 4), VM_TIMEOUT (seconds, default 900), JOBS.

SHELL := /bin/bash
S := scripts
export KERNEL_TREE WB_CACHE INTEL_TDX_BINARIES INTEL_DEMO_FAMILY VM_CPUS VM_TIMEOUT VM_BOOT_TIMEOUT JOBS BENCH_CPUS BENCH_RUNS BENCH_TIMING BISECT_FROM

.PHONY: all test deps base tree kernel vm report export check-export \
	checkpatch static bisect churn harness bench kvm-base intel-demo clean distclean help

all: deps
	@$(S)/report.sh

test: deps
	@$(S)/test.sh

deps:
	@$(S)/deps.sh

base: deps
	@$(S)/get-base.sh

tree: deps
	@$(S)/mk-tree.sh

# The test kernel: all series plus test/patches.
kernel: tree
	@$(S)/build-kernel.sh test

# Boot the test kernel and run the guest tests only (every VM mode).
vm: kernel
	@$(S)/vm-test.sh $$($(S)/vm-modes.sh)

# Stop window of an update at 1, 2, 4 CPUs, its parts and a projection
# (BENCH_CPUS, BENCH_RUNS, BENCH_TIMING).
bench: deps
	@$(S)/bench.sh

# The KVM selftests of the "kvm" VM mode on the base kernel (built with the
# same configuration) and on the test kernel: results and unsync counts side
# by side.  Slow the first time (a kernel build of its own).
kvm-base: kernel
	@$(S)/kvm-base.sh

# Intel's update tool (version_select_and_load.py --list, --update) from
# $(INTEL_TDX_BINARIES), unmodified, in the test VM on the software TDX
# platform.  Without it, says what to clone.
intel-demo: deps
	@$(S)/intel-demo.sh

# Write the series/* branches of the generated tree back to series/.
export:
	@$(S)/export.sh

check-export: tree
	@$(S)/check-export.sh && echo "series/ is identical to a fresh export"

checkpatch: tree
	@$(S)/checkpatch.sh

static: tree
	@$(S)/build-kernel.sh "series/$$(ls series | grep -E '^[0-9]{2}-' | tail -n 1)"
	@$(S)/static-check.sh "series/$$(ls series | grep -E '^[0-9]{2}-' | tail -n 1)"

# Lines a patch of a series rewrites that an earlier patch of the same series
# added, each listed (series/churn-allowed gives the accepted pairs).
churn: tree
	@$(S)/churn.py "$$(. $(S)/lib.sh && echo $$SRC)" base $$(git -C "$$(. $(S)/lib.sh && echo $$SRC)" for-each-ref --format='%(refname:short)' 'refs/heads/series/' | sort) --list

# Build the tree after every patch of every series (bisectability).  Slow:
# run it before submitting a changed series (BISECT_FROM=REF: only after REF).
bisect: tree
	@$(S)/bisect.sh

harness: tree
	@tests/harness/run.sh

clean:
	rm -rf "$${WB_CACHE:-$${XDG_CACHE_HOME:-$$HOME/.cache}/tdx-workbench}/build" \
	       "$${WB_CACHE:-$${XDG_CACHE_HOME:-$$HOME/.cache}/tdx-workbench}/results"

# Everything generated, including the ccache and the verified tarball.
distclean:
	rm -rf "$${WB_CACHE:-$${XDG_CACHE_HOME:-$$HOME/.cache}/tdx-workbench}"

help:
	@sed -n '2,12p' Makefile
