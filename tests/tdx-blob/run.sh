#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Tests of tools/tdx-blob/tdx-blob.  One line per test,
# "PASS tdx-blob/<name>" or "FAIL tdx-blob/<name> <detail>"; exit 1 if any
# failed.  Everything goes to a temporary directory, removed at the end.
# What the tool writes is checked by an independent reader (check.py below:
# its own offsets, its own RSA check with the public part of the test key,
# and the rules of the kernel's TDX-BLOB parsers), not only by the tool's
# own 'inspect'.  check.py reads the key files as data; it never imports
# the tool.
set -u
# Debian's python3 (a pyenv shim in front of it is slow to start)
export PATH=/usr/bin:/bin:$PATH
tool=$(cd "$(dirname "$0")/../.." && pwd)/tools/tdx-blob/tdx-blob
# the key files: test-key.txt (every image), foreign-key.txt (--bad foreign-key)
export TDX_BLOB_KEYS=${tool%/*}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
img=$tmp/img            # every image built, for the corpus check at the end
mkdir "$img"

# The groups of tests below run in parallel, each with its own scratch
# directory $w.
pass() { echo "PASS tdx-blob/$1"; }
fail() { echo "FAIL tdx-blob/$1 ${*:2}"; }
# result NAME: PASS if the previous command succeeded, else FAIL with $w/why
result() {
	if [ "$?" -eq 0 ]; then pass "$1"; else fail "$1" "$(tr '\n' ' ' < "$w/why")"; fi
}
check() { python3 "$tmp/check.py" "$@" > "$w/why" 2>&1; }

cat > "$tmp/check.py" <<'PY'
"""Independent checks of TDX-BLOB files; prints what is wrong, exits 1."""
import hashlib, json, os, struct, sys

# SHA-384 of the modulus of Intel's production key (P-SEAMLDR intel_key_hash.h)
INTEL = ("c8572f548869a0beca19376b81c2dffc2a23b5a5f71da0b8"
         "7579b43f408daa1a33bad9c149eb56c634f883737968a34c")
# SEAMHASH of Intel's published module 1.5.06
SEAMHASH_1506 = ("5b38e33a6487958b72c3c12a938eaa5e3fd4510c51aeeab5"
                 "8c7d5ecee41d7c436489d6c8e4f92f160b7cad34207b00c1")

def le(d, off, size=4):
    return int.from_bytes(d[off:off + size], "little")

def word_sum(d):
    s = sum(struct.unpack_from(f"<{len(d) // 2}H", d))
    return (s + (d[-1] if len(d) % 2 else 0)) & 0xFFFF

def key(name):
    """The numbers of tools/tdx-blob/NAME-key.txt: 'x = HEX' lines, # comments."""
    k = {}
    for ln in open(f"{os.environ['TDX_BLOB_KEYS']}/{name}-key.txt"):
        a, eq, b = ln.split("#")[0].partition("=")
        if eq:
            k[a.strip()] = int(b, 16)
    return k

def key_hash(n):
    """SHA-384 of the modulus as a sigstruct stores it (384 bytes, little-endian)."""
    return hashlib.sha384(n.to_bytes(384, "little")).hexdigest()

def encoded(s):
    """PKCS#1 v1.5 encoding of the SHA-384 of sigstruct bytes 0..127 and 900..2047."""
    t = bytes.fromhex("3041300d060960864801650304020205000430") + \
        hashlib.sha384(bytes(s[:128]) + bytes(s[900:2048])).digest()
    return int.from_bytes(b"\0\1" + b"\xff" * (384 - 3 - len(t)) + b"\0" + t, "big")

def rsa_ok(s):
    """The signature of sigstruct s verifies with its own modulus and exponent."""
    n, sig = int.from_bytes(s[128:512], "little"), int.from_bytes(s[516:900], "little")
    return 0 < sig < n and pow(sig, le(s, 512), n) == encoded(s)

def sign(s, k):
    """Sign sigstruct s (bytearray) with key k: pow(EM, d, n)."""
    s[128:512] = k["n"].to_bytes(384, "little")
    s[512:516] = k["e"].to_bytes(4, "little")
    s[516:900] = pow(encoded(s), k["d"], k["n"]).to_bytes(384, "little")

def parts(d):
    """(sigstruct region, module) of a well-formed 0x100 or 0x200 image."""
    if le(d, 0, 2) == 0x200:
        off = 4096 * (1 + le(d, 12))
    else:
        off = le(d, 4)
    return d[4096:off], d[off:]

def kernel_verdict(d):
    """The checks of the kernel's seamldr_parse_image(), in its order; for
    0x200 those of the posted 0x200 parser (length, counts, signature,
    reserved), then zero counts and the checksum rule Intel's tool uses."""
    n = len(d)
    if n < 4096:
        return "short"
    if le(d, 0, 2) == 0x200:
        s, m = le(d, 12), le(d, 16)
        for bad, why in ((n != 4096 * (1 + s + m), "length"),
                         (s == 0 or s > 1, "sigstruct-pages"),
                         (m == 0 or m > 496, "module-pages"),
                         (d[4:12] != b"TDX-BLOB", "signature"), (any(d[20:4096]), "reserved"),
                         (word_sum(d), "checksum")):
            if bad:
                return why
        return "valid"
    off = le(d, 4)
    for bad, why in ((le(d, 0, 2) != 0x100, "version"), (d[8:16] != b"TDX-BLOB", "signature"),
                     (le(d, 16) != n, "length"), (le(d, 20) or any(d[24:4096]), "reserved"),
                     (off % 4096 or off <= 4096 or off >= n, "offset"),
                     ((off - 4096) // 4096 > 4, "sigstruct-pages"),
                     ((n - off) % 4096, "module-size"), ((n - off) // 4096 > 496, "module-pages"),
                     (word_sum(d), "checksum")):
        if bad:
            return why
    return "valid"

def expect(errors, what, got, want):
    if got != want:
        errors.append(f"{what} is {got!r}, expected {want!r}")

def roundtrip(path, report, sig_pages, mod_pages):
    d, rep, errors = open(path, "rb").read(), json.load(open(report)), []
    sig_pages, mod_pages = int(sig_pages), int(mod_pages)
    off = 4096 * (1 + sig_pages)
    expect(errors, "file size", len(d), off + 4096 * mod_pages)
    expect(errors, "offset_of_module", le(d, 4), off)
    expect(errors, "kernel verdict", kernel_verdict(d), "valid")
    expect(errors, "seamhash", d[0x1000 + 900:0x1000 + 948],
           hashlib.sha384(d[off:]).digest())
    expect(errors, "sigstruct region after 2048 bytes zero", any(d[0x1800:off]), False)
    expect(errors, "identity magic", d[off:off + 8], b"TDXEMU01")
    expect(errors, "inspect layout", rep["layout"],
           {"sigstruct_pages": sig_pages, "module_pages": mod_pages,
            "module_bytes": 4096 * mod_pages})
    expect(errors, "inspect seamhash_ok", rep["sigstruct"]["seamhash_ok"], True)
    expect(errors, "inspect errors+warnings", rep["errors"] + rep["warnings"], [])
    return errors

def fields(path, report):
    """The fields of the image built with the options of the 'fields' test."""
    d, rep, errors = open(path, "rb").read(), json.load(open(report)), []
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

def defaults(report):
    rep, errors = json.load(open(report)), []
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

def corpus(*paths):
    """Every file: the checksum rule, and the kernel's verdict its name asks for."""
    kernel = {"checksum": "checksum", "version": "version", "signature": "signature",
              "length": "length", "reserved0": "reserved", "reserved1": "reserved",
              "offset-unaligned": "offset", "offset-beyond": "offset",
              "offset-in-header": "offset", "no-sigstruct": "offset", "truncate": "short",
              "odd-size": "module-size", "too-many-sigstruct-pages": "sigstruct-pages",
              "too-many-module-pages": "module-pages",
              "v2-checksum": "checksum", "v2-version": "version", "v2-signature": "signature",
              "v2-reserved": "reserved", "v2-no-sigstruct": "sigstruct-pages",
              "v2-no-module": "module-pages", "v2-sigstruct-count": "length",
              "v2-two-sigstruct-pages": "sigstruct-pages",
              "v2-too-many-module-pages": "module-pages", "v2-truncate": "length",
              "v2-extra": "length", "v2-odd-size": "length"}
    test, foreign = key("test"), key("foreign")
    errors = []
    for path in paths:
        d = open(path, "rb").read()
        name = path.rsplit("/", 1)[-1][:-4]
        defect = name[4:] if name.startswith("bad-") else None
        if defect not in ("checksum", "truncate", "v2-checksum"):
            expect(errors, f"{name}: word sum", word_sum(d), 0)
        if defect in ("odd-size", "v2-odd-size"):
            expect(errors, f"{name}: size is odd", len(d) % 2, 1)
        expect(errors, f"{name}: kernel verdict", kernel_verdict(d),
               kernel.get(defect, "valid"))
        # The signature: every sigstruct is signed with the test key, over
        # its content (defects included), except these two
        if len(d) < 0x1800 or defect == "v2-no-sigstruct":
            continue
        s = d[0x1000:0x1800]
        k = foreign if name == "sig-foreign-key" else test
        expect(errors, f"{name}: modulus", s[128:512], k["n"].to_bytes(384, "little"))
        expect(errors, f"{name}: exponent", le(s, 512), 0x10001)
        expect(errors, f"{name}: signature verifies", rsa_ok(s), name != "sig-bad-signature")
        expect(errors, f"{name}: key hash",
               hashlib.sha384(s[128:512]).hexdigest() in (INTEL, key_hash(test["n"])),
               name != "sig-foreign-key")
    return errors

def intel_like(path, pages, date, svn, seamhash=None):
    """A blob laid out like Intel's published ones: production, no identity,
    0x100 with one sigstruct page; signed with the test key, as Intel's key
    cannot be used here."""
    module = (bytes(range(7, 256)) * 1810)[:pages * 4096]
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
    open(path, "wb").write(d)
    return []

def intel(path):
    return intel_like(path, 110, 0x20231008, (1, 5))

def published(path):
    """Laid out like Intel's 1.5.06 image (101 module pages, its date and
    SEAMSVN), with the published 1.5.06 SEAMHASH in its sigstruct.  Its
    module pages are filler, not Intel's module: that SEAMHASH then does
    not match them."""
    return intel_like(path, 101, 0x20240407, (1, 6), bytes.fromhex(SEAMHASH_1506))

def to_v2(src, out):
    """The sigstruct page and module of a one-sigstruct-page 0x100 image, in a
    0x200 container written here."""
    d = open(src, "rb").read()
    region, module = parts(d)
    v = bytearray(4096) + region + module
    v[0:20] = struct.pack("<HH8sII", 0x200, 0, b"TDX-BLOB", len(region) // 4096,
                          len(module) // 4096)
    v[2:4] = (-word_sum(v) & 0xFFFF).to_bytes(2, "little")
    open(out, "wb").write(v)
    return []

def v2pair(v2, v1, report, mod_pages):
    """A 0x200 build against the 0x100 build with the same options."""
    a, b, rep, errors = open(v2, "rb").read(), open(v1, "rb").read(), json.load(open(report)), []
    m = int(mod_pages)
    expect(errors, "file size", len(a), 4096 * (2 + m))
    expect(errors, "header", struct.unpack_from("<H2x8sII", a), (0x200, b"TDX-BLOB", 1, m))
    expect(errors, "reserved[4076] zero", any(a[20:4096]), False)
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
           {"sigstruct_pages": 1, "module_pages": m, "module_bytes": 4096 * m})
    expect(errors, "inspect errors+warnings", rep["errors"] + rep["warnings"], [])
    return errors

def converted(out, src, version):
    """convert's output: the sigstruct and the module of src, byte for byte, in
    a valid container of that version."""
    o, i, errors = open(out, "rb").read(), open(src, "rb").read(), []
    (oreg, omod), (ireg, imod) = parts(o), parts(i)
    expect(errors, "version", le(o, 0, 2), int(version, 0))
    expect(errors, "word sum", word_sum(o), 0)
    expect(errors, "kernel verdict", kernel_verdict(o), "valid")
    expect(errors, "sigstruct (2048 bytes) identical", oreg[:2048] == ireg[:2048], True)
    expect(errors, "module pages identical", omod == imod, True)
    if int(version, 0) == 0x200:
        expect(errors, "sigstruct_nr_pages", le(o, 12), 1)
        expect(errors, "sigstruct page after 2048 bytes zero", any(oreg[2048:]), False)
    return errors

def one_bit(good, bad):
    """bad is good with one bit of the RSA signature flipped (and its checksum)."""
    g, b, errors = open(good, "rb").read(), open(bad, "rb").read(), []
    diff = [i for i in range(max(len(g), len(b))) if i not in (2, 3) and g[i:i + 1] != b[i:i + 1]]
    expect(errors, "bytes that differ (checksum aside)", len(diff), 1)
    if len(diff) == 1:
        expect(errors, "in the signature", 0x1000 + 516 <= diff[0] < 0x1000 + 900, True)
        expect(errors, "bits flipped", bin(g[diff[0]] ^ b[diff[0]]).count("1"), 1)
    expect(errors, "good verifies", rsa_ok(g[0x1000:0x1800]), True)
    expect(errors, "bad verifies", rsa_ok(b[0x1000:0x1800]), False)
    return errors

def key_report(report, which, signature_ok):
    """inspect --json's key and signature for an image signed with key 'which'."""
    sig, errors = json.load(open(report))["sigstruct"], []
    test = key_hash(key("test")["n"])
    expect(errors, "key sha384", sig["key"]["sha384"], key_hash(key(which)["n"]))
    expect(errors, "key name", sig["key"]["name"],
           "workbench test key" if which == "test" else "unknown key")
    expect(errors, "key_hashes", sig["key_hashes"], {"intel": INTEL, "test": test})
    expect(errors, "signature_ok", sig["signature_ok"], signature_ok == "valid")
    if which != "test":
        expect(errors, "foreign key hash is neither", sig["key"]["sha384"] in (INTEL, test),
               False)
    return errors

def poke(src, out, off, hex_bytes):
    """A copy of src with bytes changed at off, and a checksum that fits."""
    d = bytearray(open(src, "rb").read())
    new = bytes.fromhex(hex_bytes)
    d[int(off, 0):int(off, 0) + len(new)] = new
    d[2:4] = b"\0\0"
    d[2:4] = (-word_sum(d) & 0xFFFF).to_bytes(2, "little")
    open(out, "wb").write(d)
    return []

def report_of(report, *want):
    """inspect --json on a defect: the errors list and no sigstruct warnings."""
    rep, errors = json.load(open(report)), []
    expect(errors, "errors", rep["errors"], list(want))
    expect(errors, "warnings", rep["warnings"], [])
    expect(errors, "header.checksum_ok", rep["header"]["checksum_ok"], False)
    return errors

errs = globals()[sys.argv[1].replace("-", "_")](*sys.argv[2:])
print("\n".join(errs))
sys.exit(1 if errs else 0)
PY

# Round trips: every combination of 1, 2, 4 sigstruct pages and 1, 4, 496
# module pages; inspect --strict is clean and reads back what was built.
group_roundtrip() {
	local sp mp name f
	for sp in 1 2 4; do
		for mp in 1 4 496; do
			name=roundtrip-sig$sp-mod$mp
			f=$img/ok-$name.bin
			if ! "$tool" build -o "$f" --cpuid 0x806f8 --sigstruct-pages "$sp" \
				--module-pages "$mp" --seed "$sp$mp" 2> "$w/why"; then
				fail "$name" "build: $(cat "$w/why")"
			elif ! "$tool" inspect --strict --json "$f" > "$w/$name.json" 2> "$w/why" ||
			     [ -s "$w/why" ]; then
				fail "$name" "inspect --strict: $(cat "$w/why")"
			else
				check roundtrip "$f" "$w/$name.json" "$sp" "$mp"
				result "$name"
			fi
		done
	done
}

# Fields: defaults, every option read back raw and by inspect, the text
# report, --debug, determinism
group_fields() {
	local f rc want n
	f=$img/ok-defaults.bin
	"$tool" build -o "$f" --cpuid 0x806f8 2> "$w/why" &&
		"$tool" inspect --json "$f" > "$w/defaults.json" 2> "$w/why" &&
		check defaults "$w/defaults.json"
	result defaults

	f=$img/ok-fields.bin
	"$tool" build -o "$f" --version 1.5.21 --build-date 20261126 --build-num 42 \
		--features0 0x8000800000000003 --svn 2.7 --module-hv 3 --min-update-hv 1 \
		--no-downgrade --num-handoff-pages 24 --cpuid 0x806f8 --cpuid 0xc06f0 --debug \
		--date 20261126 2> "$w/why" &&
		"$tool" inspect --json "$f" > "$w/fields.json" 2> /dev/null &&
		check fields "$f" "$w/fields.json"
	result fields

	# --version 1.5.21 shows 1.5.21
	f=$img/ok-identity.bin
	"$tool" build -o "$f" --cpuid 0x806f8 --version 1.5.21 --build-num 7 &&
		"$tool" inspect "$f" > "$w/out"
	if grep -qx '  version            1.5.21  (internal 0)' "$w/out" &&
	   grep -qx '  build_num          7' "$w/out"; then
		pass identity-text
	else
		fail identity-text "$(sed -n '/emulated module identity/,$p' "$w/out" | tr '\n' '|')"
	fi

	# --debug allows an empty CPUID table; inspect warns (debug) but exits 0
	f=$img/ok-debug.bin
	"$tool" build -o "$f" --debug 2> "$w/why" && "$tool" inspect "$f" > "$w/out" 2> "$w/err"
	rc=$?
	want="tdx-blob: $f: warning: debug-signed module (module_type bit 31): a production platform refuses it (EBADSIG)"
	if [ "$rc" -ne 0 ] || [ "$(cat "$w/err")" != "$want" ]; then
		fail debug-empty-cpuid "exit $rc: $(cat "$w/why" "$w/err")"
	elif ! grep -qx '  cpuid_table        0 entries: (empty)' "$w/out"; then
		fail debug-empty-cpuid "$(grep cpuid_table "$w/out")"
	else
		pass debug-empty-cpuid
	fi

	# Same options, same bytes; another seed changes the filler only
	for n in 1 2 3; do
		"$tool" build -o "$img/ok-det$n.bin" --cpuid 0x806f8 --version 1.5.22 --seed $((n / 3 + 5))
	done
	if ! cmp -s "$img/ok-det1.bin" "$img/ok-det2.bin"; then
		fail deterministic "same options, different bytes"
	elif cmp -s "$img/ok-det1.bin" "$img/ok-det3.bin"; then
		fail deterministic "--seed 5 and --seed 6 give the same bytes"
	elif ! cmp -s <(head -c 24 "$img/ok-det1.bin" | tail -c 20) \
		      <(head -c 24 "$img/ok-det3.bin" | tail -c 20) ||
	     ! cmp -s <(tail -c +8193 "$img/ok-det1.bin" | head -c 32) \
		      <(tail -c +8193 "$img/ok-det3.bin" | head -c 32); then
		fail deterministic "the seed changed the header or the identity"
	else
		pass deterministic
	fi
}

# Read "DEFECT|MESSAGE" lines on stdin: each defect is built, and inspect
# must exit 1 with exactly "tdx-blob: FILE: MESSAGE" on stderr.
expect_defects() {
	local bad msg f rc
	while IFS='|' read -r bad msg; do
		f=$img/bad-$bad.bin
		if ! "$tool" build -o "$f" --cpuid 0x806f8 --bad "$bad" 2> "$w/why"; then
			fail "bad-$bad" "build: $(cat "$w/why")"
			continue
		fi
		"$tool" inspect "$f" > /dev/null 2> "$w/err"
		rc=$?
		if [ "$rc" -ne 1 ] || [ "$(cat "$w/err")" != "tdx-blob: $f: $msg" ]; then
			fail "bad-$bad" "exit $rc, stderr '$(cat "$w/err")', expected '$msg'"
		else
			pass "bad-$bad"
		fi
	done
}

# Container defects: inspect exits 1 with exactly this one line on stderr
group_container() {
	expect_defects <<-'LIST'
	checksum|bad checksum (sum=0x0001, must be 0)
	version|version 0x0101 is neither 0x0100 nor 0x0200
	signature|signature "TDX_BLOB" is not "TDX-BLOB"
	length|length field 28672 does not match the file size 24576
	reserved0|reserved0 is 0x1, not 0
	reserved1|reserved1 is not zero (byte 0xfff)
	offset-unaligned|offset_of_module 0x2800 is not 4 KB aligned
	offset-beyond|offset_of_module 0x7000 is at or beyond the end of the file (0x6000 bytes)
	offset-in-header|offset_of_module 0x0 points into the header
	truncate|file size 4088 is below the 4096-byte TDX-BLOB header
	odd-size|module size 16385 is not a whole number of 4 KB pages
	no-sigstruct|offset_of_module 0x1000 leaves no sigstruct page
	too-many-sigstruct-pages|5 sigstruct pages, at most 4
	too-many-module-pages|497 module pages, at most 496
	LIST

	# --json of a defective image parses and lists the one error
	"$tool" inspect --json "$img/bad-checksum.bin" > "$w/bad.json" 2> /dev/null
	check report-of "$w/bad.json" "bad checksum (sum=0x0001, must be 0)"
	result json-errors
}

# Sigstruct defects: a valid container; inspect exits 0 with exactly this
# warning, and 1 with it as an error under --strict
group_sigstruct() {
	local bad msg f rc rc_strict
	while IFS='|' read -r bad msg; do
		f=$img/sig-$bad.bin
		if ! "$tool" build -o "$f" --cpuid 0x806f8 --cpuid 0xc06f0 --bad "$bad" 2> "$w/why"; then
			fail "sig-$bad" "build: $(cat "$w/why")"
			continue
		fi
		"$tool" inspect "$f" > "$w/out" 2> "$w/err"
		rc=$?
		"$tool" inspect --strict "$f" > /dev/null 2> "$w/err-strict"
		rc_strict=$?
		if [ "$rc" -ne 0 ] || [ "$(cat "$w/err")" != "tdx-blob: $f: warning: $msg" ]; then
			fail "sig-$bad" "exit $rc, stderr '$(cat "$w/err")', expected warning '$msg'"
		elif [ "$rc_strict" -ne 1 ] || [ "$(cat "$w/err-strict")" != "tdx-blob: $f: $msg" ]; then
			fail "sig-$bad" "--strict: exit $rc_strict, stderr '$(cat "$w/err-strict")'"
		elif ! grep -q '^  checksum  .*  ok$' "$w/out"; then
			fail "sig-$bad" "checksum not ok: $(grep checksum "$w/out")"
		else
			pass "sig-$bad"
		fi
	done <<-'LIST'
	hash|seamhash does not match the SHA-384 of the module pages (EBADHASH)
	header-type|sigstruct header_type is 0x7, expected 0x6 (EBADSIG)
	vendor|sigstruct module_vendor is 0x8087, expected 0x8086 (EBADSIG)
	debug-bit|debug-signed module (module_type bit 31): a production platform refuses it (EBADSIG)
	svn-major-zero|seamsvn major is 0 (EUNSUPPORTED)
	handoff-range|min_update_hv 2 > module_hv 1: no handoff version is accepted (EBADHANDOFF)
	foreign-key|the key is unknown: the SHA-384 of the modulus is neither Intel's production key hash nor the workbench test key's (EBADSIG)
	bad-signature|the RSA signature does not verify with the modulus and exponent of the sigstruct (EBADSIG)
	module-hv-mismatch|the module was built for handoff version 1, the sigstruct says module_hv 0: its TDH.SYS.INIT fails (TDX_SYS_INCOMPATIBLE_SIGSTRUCT)
	LIST

	# Two table entries, two warnings
	f=$img/sig-cpuid-mismatch.bin
	"$tool" build -o "$f" --cpuid 0x806f8 --cpuid 0xc06f0 --bad cpuid-mismatch &&
		"$tool" inspect "$f" > /dev/null 2> "$w/err"
	rc=$?
	printf 'tdx-blob: %s: warning: cpuid_table entry %s has reserved bits set: it matches no CPU (EUNSUPCPU)\n' \
		"$f" 0xf00806f8 "$f" 0xf00c06f0 > "$w/want"
	if [ "$rc" -eq 0 ] && cmp -s "$w/err" "$w/want" &&
	   ! "$tool" inspect --strict "$f" > /dev/null 2>&1; then
		pass sig-cpuid-mismatch
	else
		fail sig-cpuid-mismatch "exit $rc, stderr '$(cat "$w/err")'"
	fi
}

# Build option validation: exit 2, no file written, a message starting so;
# and the help
group_options() {
	local name args msg rc word missing=
	while IFS='|' read -r name args msg; do
		rm -f "$w/v.bin"
		# shellcheck disable=SC2086 # $args is a list of options
		"$tool" build -o "$w/v.bin" $args > /dev/null 2> "$w/err"
		rc=$?
		if [ "$rc" -ne 2 ] || [ -e "$w/v.bin" ]; then
			fail "option-$name" "exit $rc, file $(ls "$w/v.bin" 2>&1): $(cat "$w/err")"
		elif [[ "$(tail -n 1 "$w/err")" != "tdx-blob build: error: $msg"* ]]; then
			fail "option-$name" "'$(tail -n 1 "$w/err")', expected '$msg'"
		else
			pass "option-$name"
		fi
	done <<-'LIST'
	module-pages-497|--cpuid 0x806f8 --module-pages 497|argument --module-pages: 497 is out of range 1..496
	module-pages-0|--cpuid 0x806f8 --module-pages 0|argument --module-pages: 0 is out of range 1..496
	sigstruct-pages-5|--cpuid 0x806f8 --sigstruct-pages 5|argument --sigstruct-pages: 5 is out of range 1..4
	version-two-parts|--cpuid 0x806f8 --version 1.5|argument --version: '1.5' is not X.Y.Z
	version-letters|--cpuid 0x806f8 --version 1.5.x|argument --version: '1.5.x' is not X.Y.Z
	version-too-big|--cpuid 0x806f8 --version 1.5.65536|argument --version: '1.5.65536': each part must be at most 65535
	svn-too-big|--cpuid 0x806f8 --svn 1.256|argument --svn: '1.256': each part must be at most 255
	svn-major-zero|--cpuid 0x806f8 --svn 0.5|--svn major 0 is refused by the P-SEAMLDR (for that defect use --bad svn-major-zero)
	no-cpuid|--version 1.5.20|a production module needs a CPUID table: give at least one --cpuid HEX (CPUID.1.EAX), or --debug for an empty table
	cpuid-reserved-bits|--cpuid 0x100806f8|argument --cpuid: 0x100806f8: bits 31:28 and 15:14 of CPUID.1.EAX are reserved
	cpuid-not-hex|--cpuid 806g8|argument --cpuid: '806g8' is not a number
	date-invalid|--cpuid 0x806f8 --date 20261301|argument --date: '20261301' is not a date YYYYMMDD
	hv-order|--cpuid 0x806f8 --module-hv 1 --min-update-hv 2|--min-update-hv 2 is above --module-hv 1 (for that defect use --bad handoff-range)
	bad-unknown|--cpuid 0x806f8 --bad nonsense|argument --bad: invalid choice: 'nonsense' (choose from 'checksum', 
	bad-changes-nothing|--debug --bad debug-bit|--bad debug-bit changes nothing with these options
	format-unknown|--cpuid 0x806f8 --format 0x300|argument --format: invalid choice: '0x300'
	format-0x200-sigstruct-pages|--cpuid 0x806f8 --format 0x200 --sigstruct-pages 2|--format 0x200 has 1 sigstruct page, not --sigstruct-pages 2 (for that defect use --bad v2-two-sigstruct-pages)
	format-0x100-v2-defect|--cpuid 0x806f8 --format 0x100 --bad v2-checksum|--bad v2-checksum is a defect of the 0x200 format, not of --format 0x100
	format-0x200-v1-defect|--cpuid 0x806f8 --format 0x200 --bad reserved0|--bad reserved0 is a defect of the 0x100 format, not of --format 0x200 (the 0x200 ones start with v2-)
	LIST

	# More --cpuid values than the table holds
	rm -f "$w/v.bin"
	# shellcheck disable=SC2046 # 256 times "--cpuid 0x806f8"
	"$tool" build -o "$w/v.bin" $(printf -- '--cpuid 0x806f8 %.0s' {1..256}) 2> "$w/err"
	rc=$?
	if [ "$rc" -eq 2 ] && [ ! -e "$w/v.bin" ] &&
	   [ "$(cat "$w/err")" = "tdx-blob build: error: 256 --cpuid values, at most 255" ]; then
		pass option-256-cpuids
	else
		fail option-256-cpuids "exit $rc: $(cat "$w/err")"
	fi

	# The help names every defect and the P-SEAMLDR error of each sigstruct one
	"$tool" build --help > "$w/help"
	for word in checksum version signature length reserved0 reserved1 offset-unaligned \
		offset-beyond offset-in-header truncate odd-size no-sigstruct \
		too-many-sigstruct-pages too-many-module-pages "hash *EBADHASH" \
		"header-type *EBADSIG" "vendor *EBADSIG" "debug-bit *EBADSIG" \
		"cpuid-mismatch *EUNSUPCPU" "svn-major-zero *EUNSUPPORTED" \
		"handoff-range *EBADHANDOFF" "foreign-key *EBADSIG" "bad-signature *EBADSIG" \
		v2-checksum v2-version v2-signature v2-reserved v2-no-sigstruct v2-no-module \
		v2-sigstruct-count v2-two-sigstruct-pages v2-too-many-module-pages v2-truncate \
		v2-extra v2-odd-size "0x200 container defects" \
		"Every image is signed with the workbench test key"; do
		grep -q "^ *$word" "$w/help" || missing="$missing '$word'"
	done
	if [ -z "$missing" ]; then pass help-lists-defects; else fail help-lists-defects "missing:$missing"; fi
}

# Files not built by the tool: an Intel-like blob, files that are no blobs
group_files() {
	local f name file msg rc
	# Laid out like Intel's published blobs, written by check.py: accepted
	# under --strict, no emulated identity
	f=$img/ok-intel-like.bin
	check intel "$f" && "$tool" inspect --strict "$f" > "$w/out" 2> "$w/why" &&
		"$tool" inspect --json "$f" > "$w/intel.json" 2> "$w/why" &&
		python3 - "$w/intel.json" > "$w/why" 2>&1 <<-'PY' &&
		import json, sys
		r = json.load(open(sys.argv[1]))
		got = (r["layout"]["sigstruct_pages"], r["layout"]["module_pages"],
		       r["sigstruct"]["seamsvn"], r["sigstruct"]["cpuid_table"], r["sigstruct"]["date"],
		       r["sigstruct"]["seamhash_ok"], r["sigstruct"]["num_handoff_pages"], r["identity"])
		want = (1, 110, {"major": 1, "minor": 5}, [0x806F8, 0xC06F0, 0xA06F0], "20231008",
		        True, 13, None)
		sys.exit(0 if got == want else f"got {got}")
		PY
		grep -qx 'emulated module identity: none (no "TDXEMU01" magic)' "$w/out"
	result intel-like

	# --no-identity: a valid, signed image whose module is filler only
	f=$img/ok-no-identity.bin
	"$tool" build -o "$f" --cpuid 806f8 --no-identity --module-pages 3 2> "$w/why" &&
		"$tool" inspect --strict "$f" > "$w/out" 2> "$w/why" &&
		"$tool" inspect --json "$f" > "$w/noid.json" 2> "$w/why" &&
		python3 - "$w/noid.json" > "$w/why" 2>&1 <<-'PY' &&
		import json, sys
		r = json.load(open(sys.argv[1]))
		got = (r["layout"]["module_pages"], r["sigstruct"]["seamhash_ok"], r["identity"])
		sys.exit(0 if got == (3, True, None) else f"got {got}")
		PY
		grep -qx 'emulated module identity: none (no "TDXEMU01" magic)' "$w/out"
	result no-identity
	f=$w/no-identity-features.bin
	if ! "$tool" build -o "$f" --cpuid 806f8 --no-identity --features0 2 2> "$w/why" &&
	   grep -q -- "--no-identity writes no emulated identity" "$w/why" && [ ! -e "$f" ]; then
		pass no-identity-with-features0-refused
	else
		fail no-identity-with-features0-refused "$(tr '\n' ' ' < "$w/why")"
	fi

	# Laid out like Intel's 1.5.06 image, its SEAMHASH the published one (see
	# check.py: its module pages are filler, so that SEAMHASH does not
	# match them): inspect names the module and warns of the hash only
	f=$img/ok-published.bin
	check published "$f" && "$tool" inspect "$f" > "$w/out" 2> "$w/err"
	rc=$?
	"$tool" inspect --json "$f" > "$w/pub.json" 2> /dev/null
	if [ "$rc" -ne 0 ] ||
	   [ "$(cat "$w/err")" != "tdx-blob: $f: warning: seamhash does not match the SHA-384 of the module pages (EBADHASH)" ]; then
		fail published-1.5.06 "exit $rc: $(cat "$w/why" "$w/err")"
	elif ! grep -qx "                     SEAMHASH: Intel's published TDX module 1.5.06 (build 20240407/744, SEAMSVN 1.6)" "$w/out" ||
	     ! grep -qx '                     DOES NOT match the SHA-384 of the module pages' "$w/out"; then
		fail published-1.5.06 "$(grep -A2 seamhash "$w/out" | tr '\n' '|')"
	elif "$tool" inspect --strict "$f" > /dev/null 2>&1; then
		fail published-1.5.06 "inspect --strict accepts it"
	elif ! python3 - "$w/pub.json" > "$w/why" 2>&1 <<-'PY'; then
		import json, sys
		s = json.load(open(sys.argv[1]))["sigstruct"]
		p = s["published_module"]
		got = (p["version"], p["internal"], p["build_date"], p["build_num"], p["seamsvn"],
		       p["features0"], p["module_pages"], p["num_handoff_pages"], s["seamhash_ok"],
		       s["key"]["name"], s["signature_ok"])
		want = ("1.5.06", 0, 20240407, 744, {"major": 1, "minor": 6}, 0x2E1F0EBF, 101, 13,
		        False, "workbench test key", True)
		sys.exit(0 if got == want else f"got {got}")
		PY
		fail published-1.5.06 "$(cat "$w/why")"
	else
		pass published-1.5.06
	fi

	# A 0x200 image written by check.py (not by the tool): accepted
	"$tool" build -o "$w/base.bin" --cpuid 0x806f8 2> "$w/why"
	check to-v2 "$w/base.bin" "$w/version-0x200.bin" &&
		"$tool" inspect --strict --json "$w/version-0x200.bin" > "$w/v2.json" 2> "$w/why" &&
		python3 - "$w/v2.json" > "$w/why" 2>&1 <<-'PY'
		import json, sys
		r = json.load(open(sys.argv[1]))
		got = (r["format"], r["header"]["version"], r["header"]["sigstruct_nr_pages"],
		       r["header"]["module_nr_pages"], r["header"]["checksum_ok"],
		       r["header"]["reserved_zero"], r["layout"]["module_pages"],
		       r["sigstruct"]["seamhash_ok"], r["identity"]["version"])
		want = ("0x200", 0x200, 1, 4, True, True, 4, True, "1.5.20")
		sys.exit(0 if got == want else f"got {got}")
		PY
	result version-0x200

	# Defects made by check.py, not by the tool's --bad: the first byte of
	# reserved1 (0x100) and of reserved (0x200), the 0x200 version on a
	# 0x100 layout (read as 0x200: the signature is not at offset 4)
	while IFS='|' read -r name base off bytes msg; do
		check poke "$w/$base.bin" "$w/$name.bin" "$off" "$bytes"
		"$tool" inspect "$w/$name.bin" > /dev/null 2> "$w/err"
		rc=$?
		if [ "$rc" -eq 1 ] && [ "$(cat "$w/err")" = "tdx-blob: $w/$name.bin: $msg" ]; then
			pass "$name"
		else
			fail "$name" "exit $rc, stderr '$(cat "$w/err" "$w/why")', expected '$msg'"
		fi
	done <<-'LIST'
	reserved1-first-byte|base|0x18|01|reserved1 is not zero (byte 0x18)
	v2-reserved-first-byte|version-0x200|0x14|01|reserved is not zero (byte 0x14)
	version-0x200-on-0x100-layout|base|0|0002|signature "\x00 \x00\x00TDX-" is not "TDX-BLOB"; sigstruct_nr_pages 1112493122 and module_nr_pages 24576 make a 4556872495104-byte image, the file has 24576 bytes
	LIST

	: > "$w/empty"
	head -c 8192 /dev/zero > "$w/zeros"
	while IFS='|' read -r name file msg; do
		"$tool" inspect "$w/$file" > /dev/null 2> "$w/err"
		rc=$?
		if [ "$rc" -eq 1 ] && [ "$(cat "$w/err")" = "tdx-blob: $w/$file: $msg" ]; then
			pass "$name"
		else
			fail "$name" "exit $rc, stderr '$(cat "$w/err")', expected '$msg'"
		fi
	done <<-'LIST'
	empty-file|empty|file size 0 is below the 4096-byte TDX-BLOB header
	zero-file|zeros|version 0x0000 is neither 0x0100 nor 0x0200; signature "\x00\x00\x00\x00\x00\x00\x00\x00" is not "TDX-BLOB"; length field 0 does not match the file size 8192; offset_of_module 0x0 points into the header
	missing-file|none.bin|No such file or directory
	LIST
}

# Signing: the key and the signature as check.py sees them (with the public
# part of the key files) and as inspect names them; naming by SEAMHASH
group_sign() {
	local f name which sig out ver build svn hash missing=
	"$tool" build -o "$w/test.bin" --cpuid 0x806f8 --seed 9 2> "$w/why" &&
		"$tool" build -o "$w/foreign.bin" --cpuid 0x806f8 --seed 9 --bad foreign-key \
			2> "$w/why" &&
		"$tool" build -o "$w/bad.bin" --cpuid 0x806f8 --seed 9 --bad bad-signature \
			2> "$w/why"
	result sign-builds
	while IFS='|' read -r name which sig out; do
		f=$w/$name.bin
		"$tool" inspect --json "$f" > "$w/$name.json" 2> /dev/null
		"$tool" inspect "$f" > "$w/$name.out" 2> /dev/null
		if ! check key-report "$w/$name.json" "$which" "$sig"; then
			fail "key-$name" "$(tr '\n' ' ' < "$w/why")"
		elif ! grep -qx "                     SHA-384 of the modulus: $out" "$w/$name.out" ||
		     ! grep -q "^  rsa_signature      $sig  " "$w/$name.out"; then
			fail "key-$name" "$(grep -A2 '^  key ' "$w/$name.out" | tr '\n' '|')"
		else
			pass "key-$name"
		fi
	done <<-'LIST'
	test|test|valid|workbench test key (not Intel's: a real P-SEAMLDR refuses it, EBADSIG)
	foreign|foreign|valid|unknown key (EBADSIG)
	bad|test|INVALID|workbench test key (not Intel's: a real P-SEAMLDR refuses it, EBADSIG)
	LIST

	# bad-signature is the same image with one bit of its signature flipped
	check one-bit "$w/test.bin" "$w/bad.bin"
	result bad-signature-one-bit

	# Same options, same signature: signing is deterministic
	"$tool" build -o "$w/test2.bin" --cpuid 0x806f8 --seed 9 &&
		cmp "$w/test.bin" "$w/test2.bin" > "$w/why" 2>&1
	result sign-deterministic

	# Not a published module; and every published SEAMHASH names its module
	# (written into a valid image: the hash and the signature then fail,
	# which is not what is looked at here)
	"$tool" inspect --json "$w/test.bin" > "$w/test.json" 2> /dev/null
	if grep -qx '                     SEAMHASH: not a published Intel module' "$w/test.out" &&
	   grep -q '"published_module": null' "$w/test.json"; then
		pass not-published
	else
		fail not-published "$(grep -A3 '^  seamhash' "$w/test.out" | tr '\n' '|')"
	fi
	while IFS='|' read -r ver build svn hash; do
		check poke "$w/test.bin" "$w/pub.bin" $((0x1000 + 900)) "$hash"
		"$tool" inspect "$w/pub.bin" > "$w/pub.out" 2> /dev/null
		grep -qx "                     SEAMHASH: Intel's published TDX module $ver (build $build, SEAMSVN $svn)" \
			"$w/pub.out" || missing="$missing $ver"
	done <<-'LIST'
	1.5.01|20231008/595|1.4|9790d89a10210ec6968a773cee2ca05b5aa97309f36727a968527be4606fc19e6f73acce350946c9d46a9bf7a63f8430
	1.5.05|20240129/698|1.5|1cc6a17ab799e9a693fac7536be61c12ee1e0fabada82d0c999e08ccee2aa86de77b0870f558c570e7ffe55d6d47fa04
	1.5.06|20240407/744|1.6|5b38e33a6487958b72c3c12a938eaa5e3fd4510c51aeeab58c7d5ecee41d7c436489d6c8e4f92f160b7cad34207b00c1
	1.5.08|20240725/784|1.7|49b66faa451d19ebbdbe89371b8daf2b65aa3984ec90110343e9e2eec116af08850fa20e3b1aa9a874d77a65380ee7e6
	1.5.09|20240912/813|1.8|bfb360ac8e6233a1bca1433caf7382d95c165b4a77fb00bf1435e5a08f300cdfead5ee68461afd9b6c728dce7534602d
	1.5.13|20250207/864|1.10|27b67e0b20508f0acfb8a99df4283a7c86ae569d85d556a91d4eb20e56b5d42d5e65b31a3a6996e8e461f104f32fdeec
	1.5.16|20250219/869|1.11|7bf063280e94fb051f5dd7b1fc59ce9aac42bb961df8d44b709c9b0ff87a7b4df648657ba6d1189589feab1d5a3c9a9d
	2.0.02|20240814/786|3.3|685f891ea5c20e8fa27b151bf34bf3b50fbaf7143cc53662727cbdb167c0ad8385f1f6f3571539a91e104a1c96d75e04
	2.0.04|20250109/859|3.4|64cae497e0c6221176fe8d3bc9d0cf25b4c97bb24cc16499f77102451f15bb24249f1aa3e5d3bf8897be74ad6c84e648
	2.0.05|20250123/863|3.4|6f65e570e3bc418d2576f31aada40f7f7ce1ea810f964aa9bc70066a89ac1fc6e0d6b76d3f86a16405172b2c3e078528
	2.0.08|20250325/882|3.5|476a2997c62bccc78370913d0a80b956e3721b24272bc66c4d6307ced4be2865c40e26afac75f12df3425b03eb59ea7c
	LIST
	if [ -z "$missing" ]; then pass published-table; else fail published-table "not named:$missing"; fi
}

# Format 0x200: builds of 1, 4 and 496 module pages against the 0x100
# builds with the same options; every 0x200 container defect
group_v2() {
	local mp name f bad msg rc
	for mp in 1 4 496; do
		name=v2-mod$mp
		f=$img/ok-$name.bin
		if ! "$tool" build -o "$f" --format 0x200 --cpuid 0x806f8 --module-pages "$mp" \
			--seed "2$mp" 2> "$w/why" ||
		   ! "$tool" build -o "$w/$name-v1.bin" --cpuid 0x806f8 --module-pages "$mp" \
			--seed "2$mp" 2> "$w/why"; then
			fail "$name" "build: $(cat "$w/why")"
		elif ! "$tool" inspect --strict --json "$f" > "$w/$name.json" 2> "$w/why" ||
		     [ -s "$w/why" ]; then
			fail "$name" "inspect --strict: $(cat "$w/why")"
		else
			check v2pair "$f" "$w/$name-v1.bin" "$w/$name.json" "$mp"
			result "$name"
		fi
	done

	expect_defects <<-'LIST'
	v2-checksum|bad checksum (sum=0x0001, must be 0)
	v2-version|version 0x0201 is neither 0x0100 nor 0x0200
	v2-signature|signature "TDX_BLOB" is not "TDX-BLOB"
	v2-reserved|reserved is not zero (byte 0xfff)
	v2-no-sigstruct|sigstruct_nr_pages is 0: no sigstruct page
	v2-no-module|module_nr_pages is 0: no module page
	v2-sigstruct-count|sigstruct_nr_pages 2 and module_nr_pages 4 make a 28672-byte image, the file has 24576 bytes
	v2-two-sigstruct-pages|2 sigstruct pages, at most 1
	v2-too-many-module-pages|497 module pages, at most 496
	v2-truncate|sigstruct_nr_pages 1 and module_nr_pages 4 make a 24576-byte image, the file has 20480 bytes
	v2-extra|sigstruct_nr_pages 1 and module_nr_pages 4 make a 24576-byte image, the file has 28672 bytes
	v2-odd-size|file size 24577 is not a whole number of 4 KB pages
	LIST
}

# convert: the same sigstruct and module in the other container
group_convert() {
	local sp f rc src want
	# 0x100 with 1, 2, 4 sigstruct pages (zero padding) -> 0x200 with one,
	# the same bytes as a 0x200 build with the same options
	"$tool" build -o "$w/v2.bin" --format 0x200 --cpuid 0x806f8 --version 1.5.30 --seed 31
	for sp in 1 2 4; do
		f=$img/ok-conv-sig$sp-to-0x200.bin
		"$tool" build -o "$w/sig$sp.bin" --cpuid 0x806f8 --version 1.5.30 --seed 31 \
			--sigstruct-pages "$sp" 2> "$w/why" &&
			"$tool" convert "$w/sig$sp.bin" -o "$f" --format 0x200 2> "$w/why" &&
			check converted "$f" "$w/sig$sp.bin" 0x200 &&
			cmp "$f" "$w/v2.bin" > "$w/why" 2>&1
		result "convert-sig$sp-to-0x200"
	done

	# 0x200 -> 0x100: the 0x100 build with the same options
	f=$img/ok-conv-to-0x100.bin
	"$tool" convert "$w/v2.bin" -o "$f" --format 0x100 2> "$w/why" &&
		check converted "$f" "$w/v2.bin" 0x100 &&
		cmp "$f" "$w/sig1.bin" > "$w/why" 2>&1
	result convert-to-0x100

	# 0x100 -> 0x200 -> 0x100 gives the original back (one sigstruct page)
	"$tool" build -o "$w/orig.bin" --cpuid 0x806f8 --cpuid 0xc06f0 --module-pages 7 \
		--version 1.5.33 --seed 33 2> "$w/why" &&
		"$tool" convert "$w/orig.bin" -o "$w/mid.bin" --format 0x200 2> "$w/why" &&
		"$tool" convert "$w/mid.bin" -o "$w/back.bin" --format 0x100 2> "$w/why" &&
		check converted "$w/mid.bin" "$w/orig.bin" 0x200 &&
		cmp "$w/orig.bin" "$w/back.bin" > "$w/why" 2>&1
	result convert-round-trip

	# To the same format: the same bytes
	"$tool" convert "$w/sig2.bin" -o "$w/same1.bin" --format 0x100 2> "$w/why" &&
		cmp "$w/sig2.bin" "$w/same1.bin" > "$w/why" 2>&1 &&
		"$tool" convert "$w/v2.bin" -o "$w/same2.bin" --format 0x200 2> "$w/why" &&
		cmp "$w/v2.bin" "$w/same2.bin" > "$w/why" 2>&1
	result convert-same-format

	# A sigstruct defect is carried over, not refused
	"$tool" build -o "$w/badsig.bin" --cpuid 0x806f8 --bad bad-signature 2> "$w/why" &&
		"$tool" convert "$w/badsig.bin" -o "$w/badsig2.bin" --format 0x200 2> "$w/why" &&
		check converted "$w/badsig2.bin" "$w/badsig.bin" 0x200 &&
		"$tool" inspect "$w/badsig2.bin" 2> "$w/why" | grep -q '^  rsa_signature      INVALID'
	result convert-keeps-sigstruct

	# Refused: a non-zero byte after the sigstruct in a 2-page region; a
	# malformed image of each format (the error inspect gives); no file
	check poke "$w/sig2.bin" "$w/padded.bin" 0x2010 01
	"$tool" build -o "$w/bad1.bin" --cpuid 0x806f8 --bad checksum
	"$tool" build -o "$w/bad2.bin" --cpuid 0x806f8 --bad v2-reserved
	while IFS='|' read -r name src want; do
		rm -f "$w/out.bin"
		[ -n "$want" ] || want=$("$tool" inspect "$src" 2>&1 > /dev/null)
		"$tool" convert "$src" -o "$w/out.bin" --format "${name##*-}" > /dev/null 2> "$w/err"
		rc=$?
		if [ "$rc" -ne 1 ] || [ -e "$w/out.bin" ] || [ "$(cat "$w/err")" != "$want" ]; then
			fail "$name" "exit $rc, stderr '$(cat "$w/err")', expected '$want'"
		else
			pass "$name"
		fi
	done <<-LIST
	convert-refuses-padding-0x200|$w/padded.bin|tdx-blob: $w/padded.bin: cannot convert to 0x200: byte 0x2010, after the 2048-byte sigstruct in its 2-page region, is not zero (0x200 holds one sigstruct page)
	convert-refuses-bad-0x100-0x200|$w/bad1.bin|
	convert-refuses-bad-0x200-0x100|$w/bad2.bin|
	LIST
}

groups="roundtrip fields container sigstruct options files sign v2 convert"
for g in $groups; do
	w=$tmp/$g
	mkdir "$w"
	"group_$g" > "$w/lines" 2>&1 &
done
wait
w=$tmp/corpus
mkdir "$w"
{
	for g in $groups; do
		cat "$tmp/$g/lines"
	done
	# Every image built above: the checksum rule holds (except for the
	# checksum and truncate defects) and the kernel's parser rules give
	# the verdict the name asks for (valid, or the container defect)
	check corpus "$img"/*.bin
	result checksum-and-kernel-rules
} | tee "$w/all"
! grep -q '^FAIL' "$w/all"
