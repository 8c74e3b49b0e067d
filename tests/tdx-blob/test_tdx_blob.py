# SPDX-License-Identifier: GPL-2.0
"""Tests of tools/tdx-blob/tdx-blob, run by pytest-3 (tests/tdx-blob/run.sh
runs them through tests/pytest-results.py).

The tool is run as a command, as users run it.  What it writes is checked
by blobcheck.py, an independent reader (its own offsets, RSA verification
by python3-cryptography with the public part of the key files, the rules
of the kernel's TDX-BLOB parsers), not only by the tool's own 'inspect'.
Every image of the IMAGES table is built once, in parallel, by the
session fixture 'images'; test_corpus checks each of them.
"""

import collections
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import traceback

import pytest

import blobcheck

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOOL = os.path.join(ROOT, "tools", "tdx-blob", "tdx-blob")
# The tool's "#!/usr/bin/env python3" finds the interpreter running the tests
ENV = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep
           + os.environ.get("PATH", ""))

Run = collections.namedtuple("Run", "rc out err")
Image = collections.namedtuple("Image", "path build")


def tool(*args):
    """Run the tool with args: (exit status, stdout, stderr)."""
    proc = subprocess.run([TOOL, *map(str, args)], capture_output=True, text=True,
                          env=ENV, check=False)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def ok(run, what="tdx-blob"):
    """run exited 0 with nothing on stderr; returns it."""
    assert (run.rc, run.err) == (0, ""), f"{what}: exit {run.rc}: {run.err}"
    return run


# ------------------------------------------------------------- the tables

# 0x100 and 0x200 container defects: 'inspect' exits 1 with exactly
# "tdx-blob: FILE: MESSAGE" on stderr.  (The verdict of the kernel's
# parser on each is blobcheck.KERNEL_VERDICT.)
CONTAINER_DEFECTS = (
    ("checksum", "bad checksum (sum=0x0001, must be 0)"),
    ("version", "version 0x0101 is neither 0x0100 nor 0x0200"),
    ("signature", 'signature "TDX_BLOB" is not "TDX-BLOB"'),
    ("length", "length field 28672 does not match the file size 24576"),
    ("reserved0", "reserved0 is 0x1, not 0"),
    ("reserved1", "reserved1 is not zero (byte 0xfff)"),
    ("offset-unaligned", "offset_of_module 0x2800 is not 4 KB aligned"),
    ("offset-beyond", "offset_of_module 0x7000 is at or beyond the end of the file "
                      "(0x6000 bytes)"),
    ("offset-in-header", "offset_of_module 0x0 points into the header"),
    ("truncate", "file size 4088 is below the 4096-byte TDX-BLOB header"),
    ("odd-size", "module size 16385 is not a whole number of 4 KB pages"),
    ("no-sigstruct", "offset_of_module 0x1000 leaves no sigstruct page"),
    ("too-many-module-pages", "497 module pages, at most 496"),
    ("v2-checksum", "bad checksum (sum=0x0001, must be 0)"),
    ("v2-version", "version 0x0201 is neither 0x0100 nor 0x0200"),
    ("v2-signature", 'signature "TDX_BLOB" is not "TDX-BLOB"'),
    ("v2-reserved", "reserved is not zero (byte 0xfff)"),
    ("v2-no-sigstruct", "sigstruct_nr_pages is 0: no sigstruct page"),
    ("v2-no-module", "module_nr_pages is 0: no module page"),
    ("v2-sigstruct-count", "sigstruct_nr_pages 2 and module_nr_pages 4 make a 28672-byte "
                           "image, the file has 24576 bytes"),
    ("v2-two-sigstruct-pages", "2 sigstruct pages, at most 1"),
    ("v2-too-many-module-pages", "497 module pages, at most 496"),
    ("v2-truncate", "sigstruct_nr_pages 1 and module_nr_pages 4 make a 24576-byte image, "
                    "the file has 20480 bytes"),
    ("v2-extra", "sigstruct_nr_pages 1 and module_nr_pages 4 make a 24576-byte image, "
                 "the file has 28672 bytes"),
    ("v2-odd-size", "file size 24577 is not a whole number of 4 KB pages"),
)

# Sigstruct (and module) defects, built with two CPUID entries: a valid
# container; 'inspect' exits 0 with exactly these warnings, and 1 with them
# as errors under --strict.  The second column is the P-SEAMLDR error
# 'build --help' names beside the defect (None: a module defect, listed
# without one).
SIGSTRUCT_DEFECTS = (
    ("hash", "EBADHASH",
     ("seamhash does not match the SHA-384 of the module pages (EBADHASH)",)),
    ("header-type", "EBADSIG", ("sigstruct header_type is 0x7, expected 0x6 (EBADSIG)",)),
    ("vendor", "EBADSIG", ("sigstruct module_vendor is 0x8087, expected 0x8086 (EBADSIG)",)),
    ("debug-bit", "EBADSIG", ("debug-signed module (module_type bit 31): a production "
                              "platform refuses it (EBADSIG)",)),
    ("cpuid-mismatch", "EUNSUPCPU",
     ("cpuid_table entry 0xf00806f8 has reserved bits set: it matches no CPU (EUNSUPCPU)",
      "cpuid_table entry 0xf00c06f0 has reserved bits set: it matches no CPU (EUNSUPCPU)")),
    ("svn-major-zero", "EUNSUPPORTED", ("seamsvn major is 0 (EUNSUPPORTED)",)),
    ("handoff-range", "EBADHANDOFF", ("min_update_hv 2 > module_hv 1: no handoff version is "
                                      "accepted (EBADHANDOFF)",)),
    ("foreign-key", "EBADSIG", ("the key is unknown: the SHA-384 of the modulus is neither "
                                "Intel's production key hash nor the workbench test key's "
                                "(EBADSIG)",)),
    ("bad-signature", "EBADSIG", ("the RSA signature does not verify with the modulus and "
                                  "exponent of the sigstruct (EBADSIG)",)),
    ("fault-wrapper-tail", "EBADSIG", ("gdt_idt_offset 0x1000 or fault_wrapper_offset 0x3e01 "
                                       "outside the module of 16384 bytes (the fault "
                                       "wrapper takes 512) (EBADSIG)",)),
    ("module-hv-mismatch", None, ("the module was built for handoff version 1, the "
                                  "sigstruct says module_hv 0: its TDH.SYS.INIT fails "
                                  "(TDX_SYS_INCOMPATIBLE_SIGSTRUCT)",)),
)

# Build options refused: exit 2, no file written.  An argparse error ends
# its usage message with "tdx-blob build: error: MESSAGE..." (MESSAGE a
# prefix); any other is exactly the one line "tdx-blob build: error: MESSAGE".
BAD_OPTIONS = (
    ("module-pages-497", "--cpuid 0x806f8 --module-pages 497",
     "argument --module-pages: 497 is out of range 1..496"),
    ("module-pages-0", "--cpuid 0x806f8 --module-pages 0",
     "argument --module-pages: 0 is out of range 1..496"),
    ("sigstruct-pages-5", "--cpuid 0x806f8 --sigstruct-pages 5",
     "argument --sigstruct-pages: 5 is out of range 1..4"),
    ("version-two-parts", "--cpuid 0x806f8 --version 1.5",
     "argument --version: '1.5' is not X.Y.Z"),
    ("version-letters", "--cpuid 0x806f8 --version 1.5.x",
     "argument --version: '1.5.x' is not X.Y.Z"),
    ("version-too-big", "--cpuid 0x806f8 --version 1.5.65536",
     "argument --version: '1.5.65536': each part must be at most 65535"),
    ("svn-too-big", "--cpuid 0x806f8 --svn 1.256",
     "argument --svn: '1.256': each part must be at most 255"),
    ("svn-major-zero", "--cpuid 0x806f8 --svn 0.5",
     "--svn major 0 is refused by the P-SEAMLDR (for that defect use --bad svn-major-zero)"),
    ("no-cpuid", "--version 1.5.20",
     "a production module needs a CPUID table: give at least one --cpuid HEX (CPUID.1.EAX), "
     "or --debug for an empty table"),
    ("cpuid-reserved-bits", "--cpuid 0x100806f8",
     "argument --cpuid: 0x100806f8: bits 31:28 and 15:14 of CPUID.1.EAX are reserved"),
    ("cpuid-not-hex", "--cpuid 806g8", "argument --cpuid: '806g8' is not a number"),
    ("date-invalid", "--cpuid 0x806f8 --date 20261301",
     "argument --date: '20261301' is not a date YYYYMMDD"),
    ("hv-order", "--cpuid 0x806f8 --module-hv 1 --min-update-hv 2",
     "--min-update-hv 2 is above --module-hv 1 (for that defect use --bad handoff-range)"),
    ("bad-unknown", "--cpuid 0x806f8 --bad nonsense",
     "argument --bad: invalid choice: 'nonsense' (choose from 'checksum', "),
    ("bad-changes-nothing", "--debug --bad debug-bit",
     "--bad debug-bit changes nothing with these options"),
    ("format-unknown", "--cpuid 0x806f8 --format 0x300",
     "argument --format: invalid choice: '0x300'"),
    ("format-0x200-sigstruct-pages", "--cpuid 0x806f8 --format 0x200 --sigstruct-pages 2",
     "--format 0x200 has 1 sigstruct page, not --sigstruct-pages 2 (for that defect use "
     "--bad v2-two-sigstruct-pages)"),
    ("format-0x100-v2-defect", "--cpuid 0x806f8 --format 0x100 --bad v2-checksum",
     "--bad v2-checksum is a defect of the 0x200 format, not of --format 0x100"),
    ("format-0x200-v1-defect", "--cpuid 0x806f8 --format 0x200 --bad reserved0",
     "--bad reserved0 is a defect of the 0x100 format, not of --format 0x200 (the 0x200 "
     "ones start with v2-)"),
    ("256-cpuids", "--cpuid 0x806f8 " * 256, "256 --cpuid values, at most 255"),
    ("no-identity-with-features0-refused", "--cpuid 806f8 --no-identity --features0 2",
     "--no-identity writes no emulated identity: --features0 and --bad module-hv-mismatch "
     "need one"),
)

# Intel's published modules: (version, build date/number, SEAMSVN, SEAMHASH)
PUBLISHED = (
    ("1.5.01", "20231008/595", "1.4", "9790d89a10210ec6968a773cee2ca05b5aa97309f36727a9"
                                      "68527be4606fc19e6f73acce350946c9d46a9bf7a63f8430"),
    ("1.5.05", "20240129/698", "1.5", "1cc6a17ab799e9a693fac7536be61c12ee1e0fabada82d0c"
                                      "999e08ccee2aa86de77b0870f558c570e7ffe55d6d47fa04"),
    ("1.5.06", "20240407/744", "1.6", "5b38e33a6487958b72c3c12a938eaa5e3fd4510c51aeeab5"
                                      "8c7d5ecee41d7c436489d6c8e4f92f160b7cad34207b00c1"),
    ("1.5.08", "20240725/784", "1.7", "49b66faa451d19ebbdbe89371b8daf2b65aa3984ec901103"
                                      "43e9e2eec116af08850fa20e3b1aa9a874d77a65380ee7e6"),
    ("1.5.09", "20240912/813", "1.8", "bfb360ac8e6233a1bca1433caf7382d95c165b4a77fb00bf"
                                      "1435e5a08f300cdfead5ee68461afd9b6c728dce7534602d"),
    ("1.5.13", "20250207/864", "1.10", "27b67e0b20508f0acfb8a99df4283a7c86ae569d85d556a9"
                                       "1d4eb20e56b5d42d5e65b31a3a6996e8e461f104f32fdeec"),
    ("1.5.16", "20250219/869", "1.11", "7bf063280e94fb051f5dd7b1fc59ce9aac42bb961df8d44b"
                                       "709c9b0ff87a7b4df648657ba6d1189589feab1d5a3c9a9d"),
    ("2.0.02", "20240814/786", "3.3", "685f891ea5c20e8fa27b151bf34bf3b50fbaf7143cc53662"
                                      "727cbdb167c0ad8385f1f6f3571539a91e104a1c96d75e04"),
    ("2.0.04", "20250109/859", "3.4", "64cae497e0c6221176fe8d3bc9d0cf25b4c97bb24cc16499"
                                      "f77102451f15bb24249f1aa3e5d3bf8897be74ad6c84e648"),
    ("2.0.05", "20250123/863", "3.4", "6f65e570e3bc418d2576f31aada40f7f7ce1ea810f964aa9"
                                      "bc70066a89ac1fc6e0d6b76d3f86a16405172b2c3e078528"),
    ("2.0.08", "20250325/882", "3.5", "476a2997c62bccc78370913d0a80b956e3721b24272bc66c"
                                      "4d6307ced4be2865c40e26afac75f12df3425b03eb59ea7c"),
)

ROUNDTRIP = [(sp, mp) for sp in (1, 2, 4) for mp in (1, 4, 496)]
V2_MODULE_PAGES = (1, 4, 496)
FIELDS = ("--version 1.5.21 --build-date 20261126 --build-num 42 --features0 "
          "0x8000800000000003 --svn 2.7 --module-hv 3 --min-update-hv 1 --no-downgrade "
          "--num-handoff-pages 24 --cpuid 0x806f8 --cpuid 0xc06f0 --debug --date 20261126")
CONVERT = "--cpuid 0x806f8 --version 1.5.30 --seed 31"

# Every image built (build options) or written by blobcheck (a function):
# the session fixture 'images' makes them all, test_corpus checks each.
IMAGES = {
    **{f"roundtrip-sig{sp}-mod{mp}": f"--cpuid 0x806f8 --sigstruct-pages {sp} "
                                     f"--module-pages {mp} --seed {sp}{mp}"
       for sp, mp in ROUNDTRIP},
    "defaults": "--cpuid 0x806f8",
    "fields": FIELDS,
    "identity": "--cpuid 0x806f8 --version 1.5.21 --build-num 7",
    "debug": "--debug",
    # same options, same bytes; another seed changes the filler only
    "det1": "--cpuid 0x806f8 --version 1.5.22 --seed 5",
    "det2": "--cpuid 0x806f8 --version 1.5.22 --seed 5",
    "det3": "--cpuid 0x806f8 --version 1.5.22 --seed 6",
    **{f"bad-{bad}": f"--cpuid 0x806f8 --bad {bad}" for bad, _ in CONTAINER_DEFECTS},
    **{f"sig-{bad}": f"--cpuid 0x806f8 --cpuid 0xc06f0 --bad {bad}"
       for bad, _, _ in SIGSTRUCT_DEFECTS},
    "no-identity": "--cpuid 806f8 --no-identity --module-pages 3",
    "intel-like": blobcheck.intel,
    # a 2.0-family module (mk-images.sh build20): facts section 6's CPUs,
    # SEAMSVN major 3, 24 handoff pages
    "family-2.0": "--version 2.0.20 --svn 3.20 --cpuid 0xa06d0 --cpuid 0xa06e0 "
                  "--num-handoff-pages 24 --features0 0x10326f3f0fbf --format 0x200",
    "published": blobcheck.published,
    # signing
    "sign-test": "--cpuid 0x806f8 --seed 9",
    "sign-foreign": "--cpuid 0x806f8 --seed 9 --bad foreign-key",
    "sign-bad": "--cpuid 0x806f8 --seed 9 --bad bad-signature",
    # 0x200 builds, and the 0x100 builds with the same options
    **{f"v2-mod{mp}": f"--format 0x200 --cpuid 0x806f8 --module-pages {mp} --seed 2{mp}"
       for mp in V2_MODULE_PAGES},
    **{f"v2-mod{mp}-v1": f"--cpuid 0x806f8 --module-pages {mp} --seed 2{mp}"
       for mp in V2_MODULE_PAGES},
    # convert's inputs
    "conv-v2": f"--format 0x200 {CONVERT}",
    **{f"conv-sig{sp}": f"{CONVERT} --sigstruct-pages {sp}" for sp in (1, 2, 4)},
    "conv-orig": "--cpuid 0x806f8 --cpuid 0xc06f0 --module-pages 7 --version 1.5.33 --seed 33",
    "conv-badsig": "--cpuid 0x806f8 --bad bad-signature",
}


def expected_signing(spec):
    """For the build options spec: (container defect or None, signing key,
    whether the signature verifies), as blobcheck.corpus takes them."""
    args = spec.split() if isinstance(spec, str) else []
    bad = args[args.index("--bad") + 1] if "--bad" in args else None
    return (bad if bad in blobcheck.KERNEL_VERDICT else None,
            "foreign" if bad == "foreign-key" else "test", bad != "bad-signature")


# --------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def images(tmp_path_factory):
    """name: Image(path, build Run) for every entry of IMAGES, built in
    parallel (a build that fails is a Run with its exit status)."""
    folder = tmp_path_factory.mktemp("img")

    def make(name):
        path, spec = folder / f"{name}.bin", IMAGES[name]
        if isinstance(spec, str):
            return Image(path, tool("build", "-o", path, *spec.split()))
        try:
            spec(path)
        except Exception:       # pylint: disable=broad-except
            return Image(path, Run(1, "", traceback.format_exc()))
        return Image(path, Run(0, "", ""))

    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        return dict(zip(IMAGES, pool.map(make, IMAGES)))


@pytest.fixture
def image(images):
    """image(name): the path of that entry of IMAGES, which built cleanly."""
    def get(name):
        ok(images[name].build, f"build {name} ({IMAGES[name]})")
        return images[name].path
    return get


def lines(text):
    """The lines of text, for exact matches (grep -x)."""
    return text.splitlines()


def corpus_ok(path, name):
    """blobcheck.corpus on an image made like IMAGES[name]."""
    return blobcheck.corpus(path, *expected_signing(IMAGES[name]))


# --------------------------------------------------------------- the image

@pytest.mark.parametrize("name", IMAGES)
def test_corpus(images, name):
    """Every image: the checksum rule holds (except for the checksum and
    truncate defects), the kernel's parser rules give the verdict its
    container defect asks for (valid if none), and its sigstruct is signed
    with the key asked for."""
    ok(images[name].build, f"build {name}")
    assert corpus_ok(images[name].path, name) == []


@pytest.mark.parametrize("sp,mp", [pytest.param(sp, mp, id=f"sig{sp}-mod{mp}")
                                   for sp, mp in ROUNDTRIP])
def test_roundtrip(image, tmp_path, sp, mp):
    """Every combination of 1, 2, 4 sigstruct pages and 1, 4, 496 module
    pages: inspect --strict is clean and reads back what was built."""
    f = image(f"roundtrip-sig{sp}-mod{mp}")
    out = ok(tool("inspect", "--strict", "--json", f), "inspect --strict").out
    assert blobcheck.roundtrip(f, write(tmp_path / "r.json", out), sp, mp) == []


def test_defaults(image, tmp_path):
    f = image("defaults")
    out = ok(tool("inspect", "--json", f)).out
    assert blobcheck.defaults(write(tmp_path / "d.json", out)) == []


def test_fields(image, tmp_path):
    """Every option, read back raw and by inspect."""
    f = image("fields")
    run = tool("inspect", "--json", f)
    assert run.rc == 0, run.err
    assert blobcheck.fields(f, write(tmp_path / "f.json", run.out)) == []


def test_identity_text(image):
    """--version 1.5.21 shows 1.5.21"""
    out = ok(tool("inspect", image("identity"))).out
    assert "  version            1.5.21  (internal 0)" in lines(out)
    assert "  build_num          7" in lines(out)


def test_debug_empty_cpuid(image):
    """--debug allows an empty CPUID table; inspect warns (debug) but exits 0"""
    f = image("debug")
    run = tool("inspect", f)
    assert (run.rc, run.err) == (0, f"tdx-blob: {f}: warning: debug-signed module "
                                    "(module_type bit 31): a production platform refuses "
                                    "it (EBADSIG)\n")
    assert "  cpuid_table        0 entries: (empty)" in lines(run.out)


def test_deterministic(image):
    """Same options, same bytes; another seed changes the filler only"""
    det1, det2, det3 = (blobcheck.read(image(f"det{n}")) for n in (1, 2, 3))
    assert det1 == det2, "same options, different bytes"
    assert det1 != det3, "--seed 5 and --seed 6 give the same bytes"
    assert det1[4:24] == det3[4:24], "the seed changed the header"
    assert det1[8192:8224] == det3[8192:8224], "the seed changed the identity"


@pytest.mark.parametrize("bad,msg", CONTAINER_DEFECTS, ids=[d for d, _ in CONTAINER_DEFECTS])
def test_container_defect(image, bad, msg):
    """inspect exits 1 with exactly this one line on stderr"""
    f = image(f"bad-{bad}")
    run = tool("inspect", f)
    assert (run.rc, run.err) == (1, f"tdx-blob: {f}: {msg}\n")


def test_json_errors(image, tmp_path):
    """--json of a defective image parses and lists the one error"""
    run = tool("inspect", "--json", image("bad-checksum"))
    assert run.rc == 1
    assert blobcheck.report_of(write(tmp_path / "bad.json", run.out),
                               "bad checksum (sum=0x0001, must be 0)") == []


@pytest.mark.parametrize("bad,msgs", [(d, m) for d, _, m in SIGSTRUCT_DEFECTS],
                         ids=[d for d, _, _ in SIGSTRUCT_DEFECTS])
def test_sigstruct_defect(image, bad, msgs):
    """A valid container: inspect exits 0 with exactly these warnings, and
    1 with them as errors under --strict"""
    f = image(f"sig-{bad}")
    run, strict = tool("inspect", f), tool("inspect", "--strict", f)
    assert (run.rc, run.err) == (0, "".join(f"tdx-blob: {f}: warning: {m}\n" for m in msgs))
    assert (strict.rc, strict.err) == (1, "".join(f"tdx-blob: {f}: {m}\n" for m in msgs))
    assert [ln for ln in lines(run.out) if re.match(r"  checksum  .*  ok$", ln)], \
        "checksum not ok"


# ----------------------------------------------------------- build options

@pytest.mark.parametrize("args,msg", [(a, m) for _, a, m in BAD_OPTIONS],
                         ids=[n for n, _, _ in BAD_OPTIONS])
def test_build_option_refused(tmp_path, args, msg):
    """exit 2, no file written, the message"""
    f = tmp_path / "v.bin"
    run = tool("build", "-o", f, *args.split())
    assert run.rc == 2, run.err
    assert not f.exists()
    if msg.startswith("argument "):
        assert lines(run.err)[0].startswith("usage: tdx-blob build ")
        assert lines(run.err)[-1].startswith(f"tdx-blob build: error: {msg}")
    else:
        assert run.err == f"tdx-blob build: error: {msg}\n"


def test_help_lists_defects():
    """The help names every defect, and the P-SEAMLDR error of each
    sigstruct one"""
    text = ok(tool("build", "--help")).out
    words = [bad for bad, _ in CONTAINER_DEFECTS]
    words += [f"{bad} *{err}" if err else bad for bad, err, _ in SIGSTRUCT_DEFECTS]
    words += ["0x200 container defects", "Every image is signed with the workbench test key"]
    assert [w for w in words if not re.search(f"^ *{w}", text, re.M)] == []


# ---------------------------------------------------- files not built here

def test_intel_like(image, tmp_path):
    """Laid out like Intel's published blobs, written by blobcheck: accepted
    under --strict, no emulated identity"""
    f = image("intel-like")
    out = ok(tool("inspect", "--strict", f), "inspect --strict").out
    r = blobcheck.report(write(tmp_path / "i.json", ok(tool("inspect", "--json", f)).out))
    assert (r["layout"]["sigstruct_pages"], r["layout"]["module_pages"],
            r["sigstruct"]["seamsvn"], r["sigstruct"]["cpuid_table"], r["sigstruct"]["date"],
            r["sigstruct"]["seamhash_ok"], r["sigstruct"]["num_handoff_pages"],
            r["identity"]) == (1, 110, {"major": 1, "minor": 5},
                               [0x806F8, 0xC06F0, 0xA06F0], "20231008", True, 13, None)
    assert 'emulated module identity: none (no "TDXEMU01" magic)' in lines(out)


def test_family_2_0(image, tmp_path):
    """A 2.0-family image reads back as one, under --strict"""
    f = image("family-2.0")
    ok(tool("inspect", "--strict", f), "inspect --strict")
    r = blobcheck.report(write(tmp_path / "f.json", ok(tool("inspect", "--json", f)).out))
    assert (r["header"]["version"], r["sigstruct"]["seamsvn"], r["sigstruct"]["cpuid_table"],
            r["sigstruct"]["num_handoff_pages"], r["identity"]["version"],
            r["identity"]["tdx_features0"]) == (
                0x200, {"major": 3, "minor": 20}, [0xA06D0, 0xA06E0], 24, "2.0.20",
                0x10326F3F0FBF)


def test_no_identity(image, tmp_path):
    """--no-identity: a valid, signed image whose module is filler only"""
    f = image("no-identity")
    out = ok(tool("inspect", "--strict", f), "inspect --strict").out
    r = blobcheck.report(write(tmp_path / "n.json", ok(tool("inspect", "--json", f)).out))
    assert (r["layout"]["module_pages"], r["sigstruct"]["seamhash_ok"],
            r["identity"]) == (3, True, None)
    assert 'emulated module identity: none (no "TDXEMU01" magic)' in lines(out)


def test_published_1_5_06(image, tmp_path):
    """Laid out like Intel's 1.5.06 image, its SEAMHASH the published one
    (blobcheck.published: its module pages are filler, so that SEAMHASH
    does not match them): inspect names the module and warns of the hash
    only"""
    f = image("published")
    run = tool("inspect", f)
    assert (run.rc, run.err) == (0, f"tdx-blob: {f}: warning: seamhash does not match the "
                                    "SHA-384 of the module pages (EBADHASH)\n")
    assert ("                     SEAMHASH: Intel's published TDX module 1.5.06 "
            "(build 20240407/744, SEAMSVN 1.6)") in lines(run.out)
    assert ("                     DOES NOT match the SHA-384 of the module pages"
            in lines(run.out))
    assert tool("inspect", "--strict", f).rc == 1, "inspect --strict accepts it"
    s = blobcheck.report(write(tmp_path / "p.json",
                               tool("inspect", "--json", f).out))["sigstruct"]
    p = s["published_module"]
    assert (p["version"], p["internal"], p["build_date"], p["build_num"], p["seamsvn"],
            p["features0"], p["module_pages"], p["num_handoff_pages"], s["seamhash_ok"],
            s["key"]["name"], s["signature_ok"]) == \
        ("1.5.06", 0, 20240407, 744, {"major": 1, "minor": 6}, 0x2E1F0EBF, 101, 13,
         False, "workbench test key", True)


@pytest.fixture
def version_0x200(image, tmp_path):
    """A 0x200 image written by blobcheck (not by the tool), from the
    0x100 image built with --cpuid 0x806f8 only."""
    f = tmp_path / "version-0x200.bin"
    blobcheck.to_v2(image("defaults"), f)
    return f


def test_version_0x200(version_0x200, tmp_path):
    """A 0x200 image written by blobcheck: accepted"""
    out = ok(tool("inspect", "--strict", "--json", version_0x200), "inspect --strict").out
    r = blobcheck.report(write(tmp_path / "v2.json", out))
    assert (r["format"], r["header"]["version"], r["header"]["sigstruct_nr_pages"],
            r["header"]["module_nr_pages"], r["header"]["checksum_ok"],
            r["header"]["reserved_zero"], r["layout"]["module_pages"],
            r["sigstruct"]["seamhash_ok"], r["identity"]["version"]) == \
        ("0x200", 0x200, 1, 4, True, True, 4, True, "1.5.20")


@pytest.mark.parametrize("base,off,new,msg", [
    pytest.param("base", 0x18, "01", "reserved1 is not zero (byte 0x18)",
                 id="reserved1-first-byte"),
    pytest.param("version-0x200", 0x14, "01", "reserved is not zero (byte 0x14)",
                 id="v2-reserved-first-byte"),
    pytest.param("base", 0, "0002", 'signature "\\x00 \\x00\\x00TDX-" is not "TDX-BLOB"; '
                 "sigstruct_nr_pages 1112493122 and module_nr_pages 24576 make a "
                 "4556872495104-byte image, the file has 24576 bytes",
                 id="version-0x200-on-0x100-layout"),
])
def test_poked_defect(image, version_0x200, tmp_path, base, off, new, msg):
    """Defects made by blobcheck, not by the tool's --bad: the first byte of
    reserved1 (0x100) and of reserved (0x200), the 0x200 version on a 0x100
    layout (read as 0x200: the signature is not at offset 4).  inspect
    exits 1 with exactly this line."""
    src = image("defaults") if base == "base" else version_0x200
    f = tmp_path / "poked.bin"
    blobcheck.poke(src, f, off, bytes.fromhex(new))
    run = tool("inspect", f)
    assert (run.rc, run.err) == (1, f"tdx-blob: {f}: {msg}\n")


@pytest.mark.parametrize("content,msg", [
    pytest.param(b"", "file size 0 is below the 4096-byte TDX-BLOB header", id="empty-file"),
    pytest.param(bytes(8192), 'version 0x0000 is neither 0x0100 nor 0x0200; signature '
                 '"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00" is not "TDX-BLOB"; length field 0 '
                 'does not match the file size 8192; offset_of_module 0x0 points into the '
                 'header', id="zero-file"),
    pytest.param(None, "No such file or directory", id="missing-file"),
])
def test_not_a_blob(tmp_path, content, msg):
    """Files that are no blobs: inspect exits 1 with exactly this line"""
    f = tmp_path / "file.bin"
    if content is not None:
        f.write_bytes(content)
    run = tool("inspect", f)
    assert (run.rc, run.err) == (1, f"tdx-blob: {f}: {msg}\n")


# ----------------------------------------------------------------- signing

def test_sign_builds(image):
    """The images of the signing tests build."""
    for name in ("sign-test", "sign-foreign", "sign-bad"):
        image(name)


@pytest.mark.parametrize("name,which,sig,text", [
    ("test", "test", "valid",
     "workbench test key (not Intel's: a real P-SEAMLDR refuses it, EBADSIG)"),
    ("foreign", "foreign", "valid", "unknown key (EBADSIG)"),
    ("bad", "test", "INVALID",
     "workbench test key (not Intel's: a real P-SEAMLDR refuses it, EBADSIG)"),
], ids=["key-test", "key-foreign", "key-bad"])
def test_key(image, tmp_path, name, which, sig, text):
    """The key and the signature as blobcheck sees them (with the public
    part of the key files) and as inspect names them"""
    f = image(f"sign-{name}")
    js, run = tool("inspect", "--json", f), tool("inspect", f)
    assert (js.rc, run.rc) == (0, 0), run.err
    assert blobcheck.key_report(write(tmp_path / "k.json", js.out), which,
                                sig == "valid") == []
    assert f"                     SHA-384 of the modulus: {text}" in lines(run.out)
    assert [ln for ln in lines(run.out) if ln.startswith(f"  rsa_signature      {sig}  ")]


def test_bad_signature_one_bit(image):
    """bad-signature is the same image with one bit of its signature flipped"""
    assert blobcheck.one_bit(image("sign-test"), image("sign-bad")) == []


def test_sign_deterministic(image, tmp_path):
    """Same options, same signature: signing is deterministic"""
    f = tmp_path / "test2.bin"
    ok(tool("build", "-o", f, *IMAGES["sign-test"].split()))
    assert f.read_bytes() == blobcheck.read(image("sign-test"))


def test_not_published(image):
    """Not a published module"""
    f = image("sign-test")
    assert "                     SEAMHASH: not a published Intel module" in \
        lines(ok(tool("inspect", f)).out)
    js = ok(tool("inspect", "--json", f))
    assert json.loads(js.out)["sigstruct"]["published_module"] is None


@pytest.mark.parametrize("ver,build,svn,seamhash", PUBLISHED, ids=[p[0] for p in PUBLISHED])
def test_published_table(image, tmp_path, ver, build, svn, seamhash):
    """Every published SEAMHASH names its module (written into a valid
    image: the hash and the signature then fail, which is not what is
    looked at here)"""
    f = tmp_path / "pub.bin"
    blobcheck.poke(image("sign-test"), f, 0x1000 + 900, bytes.fromhex(seamhash))
    run = tool("inspect", f)
    assert run.rc == 0, run.err
    assert (f"                     SEAMHASH: Intel's published TDX module {ver} (build "
            f"{build}, SEAMSVN {svn})") in lines(run.out)


# ------------------------------------------------------------ format 0x200

@pytest.mark.parametrize("mp", V2_MODULE_PAGES, ids=[f"mod{mp}" for mp in V2_MODULE_PAGES])
def test_v2_build(image, tmp_path, mp):
    """A 0x200 build against the 0x100 build with the same options"""
    f, v1 = image(f"v2-mod{mp}"), image(f"v2-mod{mp}-v1")
    out = ok(tool("inspect", "--strict", "--json", f), "inspect --strict").out
    assert blobcheck.v2pair(f, v1, write(tmp_path / "v2.json", out), mp) == []


# ----------------------------------------------------------------- convert

def convert(src, out, fmt):
    """convert src to out in format fmt; it succeeds silently."""
    ok(tool("convert", src, "-o", out, "--format", fmt), f"convert to {fmt}")
    return out


@pytest.mark.parametrize("sp", (1, 2, 4), ids=[f"sig{sp}" for sp in (1, 2, 4)])
def test_convert_to_0x200(image, tmp_path, sp):
    """0x100 with 1, 2, 4 sigstruct pages (zero padding) -> 0x200 with one,
    the same bytes as a 0x200 build with the same options"""
    src = image(f"conv-sig{sp}")
    f = convert(src, tmp_path / "out.bin", "0x200")
    assert blobcheck.converted(f, src, 0x200) == []
    assert blobcheck.corpus(f) == []
    assert f.read_bytes() == blobcheck.read(image("conv-v2"))


def test_convert_to_0x100(image, tmp_path):
    """0x200 -> 0x100: the 0x100 build with the same options"""
    src = image("conv-v2")
    f = convert(src, tmp_path / "out.bin", "0x100")
    assert blobcheck.converted(f, src, 0x100) == []
    assert blobcheck.corpus(f) == []
    assert f.read_bytes() == blobcheck.read(image("conv-sig1"))


def test_convert_round_trip(image, tmp_path):
    """0x100 -> 0x200 -> 0x100 gives the original back (one sigstruct page)"""
    orig = image("conv-orig")
    mid = convert(orig, tmp_path / "mid.bin", "0x200")
    back = convert(mid, tmp_path / "back.bin", "0x100")
    assert blobcheck.converted(mid, orig, 0x200) == []
    assert blobcheck.corpus(mid) == []
    assert back.read_bytes() == blobcheck.read(orig)


def test_convert_same_format(image, tmp_path):
    """To the same format: the same bytes"""
    for name, fmt in (("conv-sig2", "0x100"), ("conv-v2", "0x200")):
        f = convert(image(name), tmp_path / f"{name}.bin", fmt)
        assert f.read_bytes() == blobcheck.read(image(name)), name


def test_convert_keeps_sigstruct(image, tmp_path):
    """A sigstruct defect is carried over, not refused"""
    src = image("conv-badsig")
    f = convert(src, tmp_path / "out.bin", "0x200")
    assert blobcheck.converted(f, src, 0x200) == []
    assert blobcheck.corpus(f, signature_ok=False) == []
    run = tool("inspect", f)
    assert run.rc == 0
    assert [ln for ln in lines(run.out) if ln.startswith("  rsa_signature      INVALID")]


@pytest.mark.parametrize("src,fmt", [
    pytest.param("padded", "0x200", id="convert-refuses-padding-0x200"),
    pytest.param("bad-checksum", "0x200", id="convert-refuses-bad-0x100-0x200"),
    pytest.param("bad-v2-reserved", "0x100", id="convert-refuses-bad-0x200-0x100"),
])
def test_convert_refuses(image, tmp_path, src, fmt):
    """Refused, exit 1 and no file: a non-zero byte after the sigstruct in a
    2-page region; a malformed image of each format (with the error inspect
    gives)"""
    if src == "padded":
        f = tmp_path / "padded.bin"
        blobcheck.poke(image("conv-sig2"), f, 0x2010, b"\1")
        want = (f"tdx-blob: {f}: cannot convert to 0x200: byte 0x2010, after the "
                "2048-byte sigstruct in its 2-page region, is not zero (0x200 holds one "
                "sigstruct page)\n")
    else:
        f = image(src)
        want = tool("inspect", f).err
        assert re.fullmatch(f"tdx-blob: {re.escape(str(f))}: [^\n]+\n", want), want
    out = tmp_path / "out.bin"
    run = tool("convert", f, "-o", out, "--format", fmt)
    assert (run.rc, run.err) == (1, want)
    assert not out.exists()


def write(path, text):
    """Write text to path; returns path."""
    path.write_text(text)
    return path
