# SPDX-License-Identifier: GPL-2.0
"""An independent reader of TDX-BLOB images, for test_tdx_blob.py.

It never imports tools/tdx-blob/tdx-blob and shares no code or constant
with it: it has its own offsets, reads the key files as data, verifies
and makes RSA signatures with python3-cryptography (RSA-3072, PKCS#1 v1.5,
SHA-384: no DigestInfo of its own), and applies the rules of the kernel's
TDX-BLOB parsers.  The check functions return a list of what is wrong
(empty: all is well), so that a test shows every mismatch at once.
"""

import hashlib
import json
import os
import struct

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

PAGE = 4096
KEY_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                       "tools", "tdx-blob")
# SHA-384 of the modulus of Intel's production key (P-SEAMLDR intel_key_hash.h)
INTEL = ("c8572f548869a0beca19376b81c2dffc2a23b5a5f71da0b8"
         "7579b43f408daa1a33bad9c149eb56c634f883737968a34c")
# SEAMHASH of Intel's published module 1.5.06
SEAMHASH_1506 = ("5b38e33a6487958b72c3c12a938eaa5e3fd4510c51aeeab5"
                 "8c7d5ecee41d7c436489d6c8e4f92f160b7cad34207b00c1")

# The verdict of the kernel's parser (kernel_verdict below) on the image
# each container defect of 'tdx-blob build --bad' makes; any other image
# built by the tool is "valid".
KERNEL_VERDICT = {
    "checksum": "checksum", "version": "version", "signature": "signature",
    "length": "length", "reserved0": "reserved", "reserved1": "reserved",
    "offset-unaligned": "offset", "offset-beyond": "offset",
    "offset-in-header": "offset", "no-sigstruct": "offset", "truncate": "short",
    "odd-size": "module-size", "too-many-module-pages": "module-pages",
    "v2-checksum": "checksum", "v2-version": "version", "v2-signature": "signature",
    "v2-reserved": "reserved", "v2-no-sigstruct": "sigstruct-pages",
    "v2-no-module": "module-pages", "v2-sigstruct-count": "length",
    "v2-too-many-module-pages": "module-pages", "v2-truncate": "length",
    "v2-extra": "length", "v2-odd-size": "length",
}


def read(path):
    """The bytes of path."""
    with open(path, "rb") as file:
        return file.read()


def write(path, data):
    """Write data to path."""
    with open(path, "wb") as file:
        file.write(data)


def report(path):
    """The JSON report of 'inspect --json' in path."""
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def le(d, off, size=4):
    """The little-endian unsigned number of size bytes at off."""
    return int.from_bytes(d[off:off + size], "little")


def word_sum(d):
    """Sum of the little-endian 16-bit words (an odd last byte as a low
    byte), modulo 2^16."""
    s = sum(struct.unpack_from(f"<{len(d) // 2}H", d))
    return (s + (d[-1] if len(d) % 2 else 0)) & 0xFFFF


def key(name):
    """The numbers of tools/tdx-blob/NAME-key.txt: 'x = HEX' lines, # comments."""
    k = {}
    with open(os.path.join(KEY_DIR, f"{name}-key.txt"), encoding="ascii") as file:
        for ln in file:
            a, eq, b = ln.split("#")[0].partition("=")
            if eq:
                k[a.strip()] = int(b, 16)
    return k


def key_hash(n):
    """SHA-384 of the modulus as a sigstruct stores it (384 bytes, little-endian)."""
    return hashlib.sha384(n.to_bytes(384, "little")).hexdigest()


def signed_message(s):
    """What the sigstruct signature covers: bytes 0..127, then 900..2047."""
    return bytes(s[:128]) + bytes(s[900:2048])


def rsa_ok(s):
    """The signature of sigstruct s (little-endian at 516..899) verifies
    with its own modulus (128..511) and exponent (512..515): RSA PKCS#1
    v1.5 with SHA-384, by python3-cryptography."""
    n, e = le(s, 128, 384), le(s, 512)
    try:
        public = rsa.RSAPublicNumbers(e, n).public_key()
        public.verify(bytes(s[516:900])[::-1], signed_message(s), padding.PKCS1v15(),
                      hashes.SHA384())
    except (InvalidSignature, ValueError):
        return False
    return True


def sign(s, k):
    """Sign sigstruct s (bytearray) with key k, by python3-cryptography."""
    public = rsa.RSAPublicNumbers(k["e"], k["n"])
    private = rsa.RSAPrivateNumbers(
        k["p"], k["q"], k["d"], rsa.rsa_crt_dmp1(k["d"], k["p"]),
        rsa.rsa_crt_dmq1(k["d"], k["q"]), rsa.rsa_crt_iqmp(k["p"], k["q"]),
        public).private_key()
    s[128:512] = k["n"].to_bytes(384, "little")
    s[512:516] = k["e"].to_bytes(4, "little")
    signature = private.sign(signed_message(s), padding.PKCS1v15(), hashes.SHA384())
    s[516:900] = signature[::-1]


def parts(d):
    """(sigstruct region, module) of a well-formed 0x100 or 0x200 image."""
    if le(d, 0, 2) == 0x200:
        off = PAGE * (1 + le(d, 12))
    else:
        off = le(d, 4)
    return d[PAGE:off], d[off:]


def kernel_verdict(d):
    """The checks of the kernel's seamldr_parse_image(), in its order; for
    0x200 the length against the counts, the signature and reserved bytes,
    then zero counts (any number of sigstruct pages is taken, as for
    0x100) and the checksum rule Intel's tool uses."""
    n = len(d)
    if n < PAGE:
        return "short"
    if le(d, 0, 2) == 0x200:
        s, m = le(d, 12), le(d, 16)
        for bad, why in ((n != PAGE * (1 + s + m), "length"),
                         (s == 0, "sigstruct-pages"),
                         (m == 0 or m > 496, "module-pages"),
                         (d[4:12] != b"TDX-BLOB", "signature"),
                         (any(d[20:PAGE]), "reserved"),
                         (word_sum(d), "checksum")):
            if bad:
                return why
        return "valid"
    off = le(d, 4)
    for bad, why in ((le(d, 0, 2) != 0x100, "version"), (d[8:16] != b"TDX-BLOB", "signature"),
                     (le(d, 16) != n, "length"), (le(d, 20) or any(d[24:PAGE]), "reserved"),
                     (off % PAGE or off <= PAGE or off >= n, "offset"),
                     ((n - off) % PAGE, "module-size"), ((n - off) // PAGE > 496, "module-pages"),
                     (word_sum(d), "checksum")):
        if bad:
            return why
    return "valid"


def expect(errors, what, got, want):
    """Add to errors if got is not want."""
    if got != want:
        errors.append(f"{what} is {got!r}, expected {want!r}")


def roundtrip(path, json_path, sig_pages, mod_pages):
    """A 0x100 build with these page counts, and inspect's report of it."""
    d, rep, errors = read(path), report(json_path), []
    off = PAGE * (1 + sig_pages)
    expect(errors, "file size", len(d), off + PAGE * mod_pages)
    expect(errors, "offset_of_module", le(d, 4), off)
    expect(errors, "kernel verdict", kernel_verdict(d), "valid")
    expect(errors, "seamhash", d[0x1000 + 900:0x1000 + 948], hashlib.sha384(d[off:]).digest())
    expect(errors, "sigstruct region after 2048 bytes zero", any(d[0x1800:off]), False)
    expect(errors, "identity magic", d[off:off + 8], b"TDXEMU01")
    expect(errors, "inspect layout", rep["layout"],
           {"sigstruct_pages": sig_pages, "module_pages": mod_pages,
            "module_bytes": PAGE * mod_pages})
    expect(errors, "inspect seamhash_ok", rep["sigstruct"]["seamhash_ok"], True)
    expect(errors, "inspect errors+warnings", rep["errors"] + rep["warnings"], [])
    return errors


def fields(path, json_path):
    """The fields of the image built with the options of the 'fields' test."""
    d, rep, errors = read(path), report(json_path), []
    off = le(d, 4)
    s = d[0x1000:0x1800]
    want = {0: 6, 4: 0xE1, 8: 0x10000, 12: 0x80000000, 16: 0x8086, 20: 0x20261126,
            24: 0x200, 28: 0x60, 32: 0x60, 36: 1, 512: 0x10001, 1024: 2,
            1028: 0x806F8, 1032: 0xC06F0, 1036: 0}
    for o, v in want.items():
        expect(errors, f"sigstruct u32 at {o}", le(s, o), v)
    expect(errors, "seamsvn bytes 948/949", (s[948], s[949]), (7, 2))
    expect(errors, "bytes 984..991", struct.unpack_from("<HHBBH", s, 984), (3, 1, 1, 0, 24))
    expect(errors, "identity", struct.unpack_from("<8sHHHHIHHQ", d, off),
           (b"TDXEMU01", 1, 5, 21, 0, 20261126, 42, 0, 0x8000800000000003))
    sig = rep["sigstruct"]
    expect(errors, "inspect", (sig["seamsvn"], sig["module_hv"], sig["min_update_hv"],
                               sig["no_downgrade"], sig["num_handoff_pages"],
                               sig["cpuid_table"], sig["date"], sig["debug"]),
           ({"major": 2, "minor": 7}, 3, 1, 1, 24, [0x806F8, 0xC06F0], "20261126", True))
    expect(errors, "inspect identity", rep["identity"],
           {"version": "1.5.21", "major": 1, "minor": 5, "update": 21, "internal": 0,
            "build_date": 20261126, "build_num": 42, "tdx_features0": 0x8000800000000003})
    expect(errors, "inspect constants all ok",
           all(c["ok"] for c in sig["constants"].values()), True)
    return errors


def defaults(json_path):
    """inspect's report of an image built with --cpuid only."""
    rep, errors = report(json_path), []
    sig, ident = rep["sigstruct"], rep["identity"]
    expect(errors, "identity", (ident["version"], ident["build_date"], ident["build_num"],
                                ident["tdx_features0"]), ("1.5.20", 20260101, 1, 0))
    expect(errors, "sigstruct", (sig["seamsvn"], sig["date"], sig["module_type"],
                                 sig["module_hv"], sig["min_update_hv"], sig["no_downgrade"],
                                 sig["num_handoff_pages"], sig["cpuid_table"]),
           ({"major": 1, "minor": 20}, "20260101", 0, 0, 0, 0, 13, [0x806F8]))
    expect(errors, "layout", (rep["layout"]["sigstruct_pages"], rep["layout"]["module_pages"]),
           (1, 4))
    return errors


def corpus(path, defect=None, signer="test", signature_ok=True):
    """An image written by the tool (or like it): the checksum rule, the
    kernel's verdict its container defect asks for (valid if none), and
    its signature: made with key 'signer' over its content, verifying
    unless signature_ok is False."""
    d, errors = read(path), []
    if defect not in ("checksum", "truncate", "v2-checksum"):
        expect(errors, "word sum", word_sum(d), 0)
    if defect in ("odd-size", "v2-odd-size"):
        expect(errors, "size is odd", len(d) % 2, 1)
    expect(errors, "kernel verdict", kernel_verdict(d), KERNEL_VERDICT.get(defect, "valid"))
    # Every sigstruct is signed with the key, over its content (defects
    # included), except in these two
    if len(d) < 0x1800 or defect == "v2-no-sigstruct":
        return errors
    s = d[0x1000:0x1800]
    k = key(signer)
    expect(errors, "modulus", s[128:512], k["n"].to_bytes(384, "little"))
    expect(errors, "exponent", le(s, 512), 0x10001)
    expect(errors, "signature verifies", rsa_ok(s), signature_ok)
    expect(errors, "key hash is Intel's or the test key's",
           hashlib.sha384(s[128:512]).hexdigest() in (INTEL, key_hash(key("test")["n"])),
           signer == "test")
    return errors


def intel_like(path, pages, date, svn, seamhash=None):
    """A blob laid out like Intel's published ones: production, no identity,
    0x100 with one sigstruct page; signed with the test key, as Intel's key
    cannot be used here."""
    module = (bytes(range(7, 256)) * 1810)[:pages * PAGE]
    s = bytearray(2048)
    for o, v in {0: 6, 4: 0xE1, 8: 0x10000, 16: 0x8086, 20: date, 24: 0x200, 28: 0x60,
                 32: 0x60, 36: 1, 512: 0x10001, 1024: 3, 1028: 0x806F8, 1032: 0xC06F0,
                 1036: 0xA06F0}.items():
        s[o:o + 4] = v.to_bytes(4, "little")
    s[900:948] = seamhash or hashlib.sha384(module).digest()
    s[948:950] = bytes((svn[1], svn[0]))
    s[990:992] = (13).to_bytes(2, "little")
    sign(s, key("test"))
    d = bytearray(0x2000) + module
    d[0:24] = struct.pack("<HHI8sII", 0x100, 0, 0x2000, b"TDX-BLOB", len(d), 0)
    d[0x1000:0x1800] = s
    d[2:4] = (-word_sum(d) & 0xFFFF).to_bytes(2, "little")
    write(path, d)


def intel(path):
    """Laid out like Intel's 1.5.01 image (110 module pages, its date and
    SEAMSVN), its SEAMHASH that of its filler module."""
    intel_like(path, 110, 0x20231008, (1, 5))


def published(path):
    """Laid out like Intel's 1.5.06 image (101 module pages, its date and
    SEAMSVN), with the published 1.5.06 SEAMHASH in its sigstruct.  Its
    module pages are filler, not Intel's module: that SEAMHASH then does
    not match them."""
    intel_like(path, 101, 0x20240407, (1, 6), bytes.fromhex(SEAMHASH_1506))


def to_v2(src, out):
    """The sigstruct page and module of a one-sigstruct-page 0x100 image, in a
    0x200 container written here."""
    region, module = parts(read(src))
    v = bytearray(PAGE) + region + module
    v[0:20] = struct.pack("<HH8sII", 0x200, 0, b"TDX-BLOB", len(region) // PAGE,
                          len(module) // PAGE)
    v[2:4] = (-word_sum(v) & 0xFFFF).to_bytes(2, "little")
    write(out, v)


def v2pair(v2, v1, json_path, m):
    """A 0x200 build of m module pages against the 0x100 build with the
    same options."""
    a, b, rep, errors = read(v2), read(v1), report(json_path), []
    expect(errors, "file size", len(a), PAGE * (2 + m))
    expect(errors, "header", struct.unpack_from("<H2x8sII", a), (0x200, b"TDX-BLOB", 1, m))
    expect(errors, "reserved[4076] zero", any(a[20:PAGE]), False)
    expect(errors, "word sum", word_sum(a), 0)
    expect(errors, "kernel verdict", kernel_verdict(a), "valid")
    expect(errors, "0x100 build verdict", kernel_verdict(b), "valid")
    expect(errors, "sigstruct page (same as the 0x100 build)", a[4096:8192] == b[4096:8192], True)
    expect(errors, "module (same as the 0x100 build)", a[8192:] == b[le(b, 4):], True)
    expect(errors, "seamhash", a[4096 + 900:4096 + 948], hashlib.sha384(a[8192:]).digest())
    expect(errors, "signature", rsa_ok(a[4096:6144]), True)
    expect(errors, "key hash", hashlib.sha384(a[4096 + 128:4096 + 512]).hexdigest(),
           key_hash(key("test")["n"]))
    expect(errors, "inspect format", rep["format"], "0x200")
    expect(errors, "inspect layout", rep["layout"],
           {"sigstruct_pages": 1, "module_pages": m, "module_bytes": PAGE * m})
    expect(errors, "inspect errors+warnings", rep["errors"] + rep["warnings"], [])
    return errors


def converted(out, src, version):
    """convert's output: the sigstruct and the module of src, byte for byte, in
    a valid container of that version (0x100 or 0x200)."""
    o, i, errors = read(out), read(src), []
    (oreg, omod), (ireg, imod) = parts(o), parts(i)
    expect(errors, "version", le(o, 0, 2), version)
    expect(errors, "word sum", word_sum(o), 0)
    expect(errors, "kernel verdict", kernel_verdict(o), "valid")
    expect(errors, "sigstruct (2048 bytes) identical", oreg[:2048] == ireg[:2048], True)
    expect(errors, "module pages identical", omod == imod, True)
    if version == 0x200:
        expect(errors, "sigstruct_nr_pages", le(o, 12), 1)
        expect(errors, "sigstruct page after 2048 bytes zero", any(oreg[2048:]), False)
    return errors


def one_bit(good, bad):
    """bad is good with one bit of the RSA signature flipped (and its checksum)."""
    g, b, errors = read(good), read(bad), []
    diff = [i for i in range(max(len(g), len(b))) if i not in (2, 3) and g[i:i + 1] != b[i:i + 1]]
    expect(errors, "bytes that differ (checksum aside)", len(diff), 1)
    if len(diff) == 1:
        expect(errors, "in the signature", 0x1000 + 516 <= diff[0] < 0x1000 + 900, True)
        expect(errors, "bits flipped", bin(g[diff[0]] ^ b[diff[0]]).count("1"), 1)
    expect(errors, "good verifies", rsa_ok(g[0x1000:0x1800]), True)
    expect(errors, "bad verifies", rsa_ok(b[0x1000:0x1800]), False)
    return errors


def key_report(json_path, which, signature_ok):
    """inspect --json's key and signature for an image signed with key 'which'."""
    sig, errors = report(json_path)["sigstruct"], []
    test = key_hash(key("test")["n"])
    expect(errors, "key sha384", sig["key"]["sha384"], key_hash(key(which)["n"]))
    expect(errors, "key name", sig["key"]["name"],
           "workbench test key" if which == "test" else "unknown key")
    expect(errors, "key_hashes", sig["key_hashes"], {"intel": INTEL, "test": test})
    expect(errors, "signature_ok", sig["signature_ok"], signature_ok)
    if which != "test":
        expect(errors, "foreign key hash is neither", sig["key"]["sha384"] in (INTEL, test),
               False)
    return errors


def poke(src, out, off, new):
    """A copy of src with the bytes new at off, and a checksum that fits."""
    d = bytearray(read(src))
    d[off:off + len(new)] = new
    d[2:4] = b"\0\0"
    d[2:4] = (-word_sum(d) & 0xFFFF).to_bytes(2, "little")
    write(out, d)


def report_of(json_path, *want):
    """inspect --json on a defect: the errors list and no sigstruct warnings."""
    rep, errors = report(json_path), []
    expect(errors, "errors", rep["errors"], list(want))
    expect(errors, "warnings", rep["warnings"], [])
    expect(errors, "header.checksum_ok", rep["header"]["checksum_ok"], False)
    return errors
