#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# mk-images.sh OUTDIR
# Build the TDX module images the end-to-end tests upload in the VM, with
# tools/tdx-blob: valid images of increasing version (and SVN) for the
# software TDX platform, one of each malformed-container class, and modules
# the P-SEAMLDR refuses.  The platform's CPU signature is $TDX_EMU_FMS
# (also given to the guest kernel as tdx_emu_fms=).

. "$(dirname "$0")/lib.sh"

out=${1:?usage: mk-images.sh OUTDIR}
tool=$WB_ROOT/tools/tdx-blob/tdx-blob
fms=${TDX_EMU_FMS:-0x806f8}
mkdir -p "$out"
rm -f "$out"/*.bin

build() {
	local name=$1
	shift
	"$tool" build -o "$out/$name.bin" --cpuid "$fms" "$@" ||
		die "images: cannot build $name"
}

# Valid updates, in the order the tests apply them: the SVN only grows.
build v1.5.20 --version 1.5.20 --svn 1.20
build v1.5.21 --version 1.5.21 --svn 1.21 --sigstruct-pages 2
build v1.5.22 --version 1.5.22 --svn 1.22 --module-pages 496
build v1.5.23 --version 1.5.23 --svn 1.23
build v1.5.24 --version 1.5.24 --svn 1.24 --sigstruct-pages 4
# TDX_FEATURES0 without bit 1 (runtime update): 1.5 features, bit 47 kept
build noupdate-1.5.30 --version 1.5.30 --svn 1.30 --features0 0x8000000f0fbd

# Container defects: the kernel must refuse each before touching anything.
for bad in checksum version signature length reserved0 reserved1 \
	   offset-unaligned offset-beyond offset-in-header truncate odd-size \
	   too-many-sigstruct-pages too-many-module-pages; do
	build "bad-$bad" --version 1.5.40 --svn 1.40 --bad "$bad"
done

# A valid container whose module the P-SEAMLDR refuses (EBADHASH).
build badsig-hash --version 1.5.41 --svn 1.41 --bad hash

log "images: $(ls "$out" | wc -l) images in $out"
