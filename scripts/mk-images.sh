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
rm -f "$out"/*.bin "$out"/*.seamhash

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
# For the update during a TD build with a module without TDX_FEATURES0 bit
# 47 (it goes ahead): a version of its own, the SVN of the one before.
build nobit47-1.5.29 --version 1.5.29 --svn 1.22
# For the update with slow SEAMLDR.INSTALLs (e2e-45): the SVN of the one before.
build slow-1.5.38 --version 1.5.38 --svn 1.22
# For the cancelled upload and the one after it (e2e-47): the same SVN.
build cancel-1.5.39 --version 1.5.39 --svn 1.22
# For make bench: the module size of Intel's 1.5.16 (115 pages, facts §6).
build bench-1.5.20 --version 1.5.20 --svn 1.20 --module-pages 115
# For the timing model (e2e-48): the same SVN, 100 module pages.
build timing-1.5.40 --version 1.5.40 --svn 1.22 --module-pages 100
# Without an emulated identity (e2e-49 registers it; fatal-unknown-module
# does not): the same SVN.
build noid-1.5.41 --version 1.5.41 --svn 1.22 --no-identity --seed 41
# its SEAMHASH, for the guest to register (e2e-49): from tdx-blob inspect
"$tool" inspect --json "$out/noid-1.5.41.bin" |
	python3 -c 'import json, sys; print(json.load(sys.stdin)["sigstruct"]["seamhash"])' \
	> "$out/noid-1.5.41.seamhash" || die "images: cannot read the SEAMHASH of noid-1.5.41"
build v1.5.23 --version 1.5.23 --svn 1.23
build v1.5.24 --version 1.5.24 --svn 1.24 --sigstruct-pages 4
# For the boot with the 1.5.24-like module (compat.sh), which hands off
# version 1: a newer one that takes it, and one whose window (0 to 0)
# excludes it.
build v1.5.25 --version 1.5.25 --svn 1.25 --module-hv 1
build compat-hv0-1.5.26 --version 1.5.26 --svn 1.26
# Intel's update tool, both generations, both containers (e2e-70, e2e-75)
build tool-1.5.31-0x100 --version 1.5.31 --svn 1.31
build tool-1.5.32-0x200 --version 1.5.32 --svn 1.32 --format 0x200
build tool-1.5.33-0x100 --version 1.5.33 --svn 1.33
build tool-1.5.34-0x200 --version 1.5.34 --svn 1.34 --format 0x200
build tool-1.5.35-0x200 --version 1.5.35 --svn 1.35 --format 0x200
build tool-1.5.36-0x100 --version 1.5.36 --svn 1.36
build tool-1.5.37-0x200 --version 1.5.37 --svn 1.37 --format 0x200
# TDX_FEATURES0 without bit 1 (runtime update): 1.5 features, bit 47 kept
build noupdate-1.5.30 --version 1.5.30 --svn 1.30 --features0 0x8000000f0fbd

# Intel's 2.0 family (mode family-2.0, booted with Intel's 2.0.04, SEAMSVN
# 3.4): SEAMSVN major 3, the CPUs and the 24 handoff pages of the
# published 2.0 modules (facts section 6).
build20() {
	local name=$1
	shift
	"$tool" build -o "$out/$name.bin" --cpuid 0xa06d0 --cpuid 0xa06e0 \
		--num-handoff-pages 24 "$@" || die "images: cannot build $name"
}
build20 v2.0.20 --version 2.0.20 --svn 3.20 --features0 0x10326f3f0fbf
build20 tool-2.0.21-0x100 --version 2.0.21 --svn 3.21
build20 tool-2.0.22-0x200 --version 2.0.22 --svn 3.22 --format 0x200
# For mode no-seaminfo (a 2.0 loader without SEAMLDR.SEAMINFO): no CPU of
# the platform listed, refused by the kernel's fallback CPU check.
build20 check-cpuid-2.0 --version 2.0.41 --svn 3.41 --bad cpuid-mismatch
# For mode family-2.0: the key of 2.0.00 is checked too.
build20 check-foreign-key-2.0 --version 2.0.42 --svn 3.42 --bad foreign-key

# Container defects: the kernel must refuse each before touching anything.
for bad in checksum version signature length reserved0 reserved1 \
	   offset-unaligned offset-beyond offset-in-header truncate odd-size \
	   too-many-module-pages; do
	build "bad-$bad" --version 1.5.40 --svn 1.40 --bad "$bad"
done

# A sigstruct that really uses its second page (data after the first 4 KiB
# of the sigstruct region, valid checksum): it would need SEAMLDR_PARAMS
# version 1, which no published P-SEAMLDR takes, so the kernel must refuse
# it before anything is touched.  tdx-blob writes zero padding; the byte is
# put in here and the checksum fixed.
build bad-sigstruct-uses-2-pages --version 1.5.40 --svn 1.40 --sigstruct-pages 2
python3 - "$out/bad-sigstruct-uses-2-pages.bin" <<'PY' || die "images: cannot damage bad-sigstruct-uses-2-pages"
import struct, sys
f = sys.argv[1]
b = bytearray(open(f, 'rb').read())
b[0x2000 + 100] = 1
b[2:4] = b'\0\0'
s = sum(struct.unpack('<%dH' % (len(b) // 2), b)) & 0xffff
b[2:4] = struct.pack('<H', (0x10000 - s) & 0xffff)
open(f, 'wb').write(b)
PY

# Valid containers whose module the P-SEAMLDR refuses only on the last
# SEAMLDR.INSTALL, after TDH.SYS.SHUTDOWN; the kernel must refuse each
# before anything is touched (e2e-35).  The running module then has
# SEAMSVN 1.20 and handoff version 0.
build check-header-type --version 1.5.41 --svn 1.41 --bad header-type
build check-vendor --version 1.5.41 --svn 1.41 --bad vendor
build check-handoff-range --version 1.5.41 --svn 1.41 --bad handoff-range
build check-foreign-key --version 1.5.42 --svn 1.42 --bad foreign-key
build check-debug --version 1.5.41 --svn 1.41 --bad debug-bit
build check-svn-major-zero --version 1.5.41 --svn 1.41 --bad svn-major-zero
build check-svn-major --version 1.5.41 --svn 2.40
build check-svn-minor --version 1.5.41 --svn 1.19
build check-cpuid --version 1.5.41 --svn 1.41 --bad cpuid-mismatch
build check-handoff --version 1.5.41 --svn 1.41 --module-hv 2 --min-update-hv 1
build check-bad-signature --version 1.5.43 --svn 1.43 --bad bad-signature
build check-hash --version 1.5.41 --svn 1.41 --bad hash
build check-fault-wrapper-tail --version 1.5.41 --svn 1.41 --bad fault-wrapper-tail

# A module built for another handoff version than its sigstruct says: the
# P-SEAMLDR installs it, its TDH.SYS.INIT fails (fatal-sys-init).  No check
# of the kernel can see it: the module's own handoff version is inside it.
build fatal-sysinit-hv --version 1.5.46 --svn 1.46 --bad module-hv-mismatch

log "images: $(ls "$out"/*.bin | wc -l) images in $out"
