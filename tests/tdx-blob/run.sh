#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Tests of tools/tdx-blob/tdx-blob.  One line per test,
# "PASS tdx-blob/<name>" or "FAIL tdx-blob/<name> <detail>"; exit 1 if any
# failed.  Everything goes to a temporary directory, removed at the end.
# What the tool writes is checked by an independent reader (check.py below:
# its own offsets, and the rules of the kernel's TDX-BLOB parser), not only
# by the tool's own 'inspect'.
set -u
# Debian's python3 (a pyenv shim in front of it is slow to start)
export PATH=/usr/bin:/bin:$PATH
tool=$(cd "$(dirname "$0")/../.." && pwd)/tools/tdx-blob/tdx-blob
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
import hashlib, json, struct, sys

def le(d, off, size=4):
    return int.from_bytes(d[off:off + size], "little")

def word_sum(d):
    s = sum(struct.unpack_from(f"<{len(d) // 2}H", d))
    return (s + (d[-1] if len(d) % 2 else 0)) & 0xFFFF

def kernel_verdict(d):
    """The checks of the kernel's seamldr_parse_image(), in its order."""
    n = len(d)
    if n < 4096:
        return "short"
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
              "too-many-module-pages": "module-pages"}
    errors = []
    for path in paths:
        d = open(path, "rb").read()
        name = path.rsplit("/", 1)[-1][:-4]
        defect = name[4:] if name.startswith("bad-") else None
        if defect not in ("checksum", "truncate"):
            expect(errors, f"{name}: word sum", word_sum(d), 0)
        if defect == "odd-size":
            expect(errors, f"{name}: size is odd", len(d) % 2, 1)
        expect(errors, f"{name}: kernel verdict", kernel_verdict(d),
               kernel.get(defect, "valid"))
    return errors

def intel(path):
    """A blob laid out like Intel's published ones: production, no identity."""
    module = (bytes(range(7, 256)) * 1810)[:110 * 4096]
    s = bytearray(2048)
    for o, v in {0: 6, 4: 0xE1, 8: 0x10000, 16: 0x8086, 20: 0x20231008, 24: 0x200, 28: 0x60,
                 32: 0x60, 36: 1, 512: 0x10001, 1024: 3, 1028: 0x806F8, 1032: 0xC06F0,
                 1036: 0xA06F0}.items():
        s[o:o + 4] = v.to_bytes(4, "little")
    s[128:512] = s[516:900] = b"\x5a" * 384
    s[900:948] = hashlib.sha384(module).digest()
    s[948:950] = bytes((5, 1))
    s[990:992] = (13).to_bytes(2, "little")
    d = bytearray(0x2000) + module
    d[0:24] = struct.pack("<HHI8sII", 0x100, 0, 0x2000, b"TDX-BLOB", len(d), 0)
    d[0x1000:0x1800] = s
    d[2:4] = (-word_sum(d) & 0xFFFF).to_bytes(2, "little")
    open(path, "wb").write(d)
    return []

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

# Container defects: inspect exits 1 with exactly this one line on stderr
group_container() {
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
	done <<-'LIST'
	checksum|bad checksum (sum=0x0001, must be 0)
	version|version 0x0101 is not 0x0100
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
		"handoff-range *EBADHANDOFF" "No image has a real RSA signature"; do
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

	# Defects made by check.py, not by the tool's --bad: the first byte of
	# reserved1, the version of the "tdx_image" v2 format
	"$tool" build -o "$w/base.bin" --cpuid 0x806f8 2> "$w/why"
	while IFS='|' read -r name off bytes msg; do
		check poke "$w/base.bin" "$w/$name.bin" "$off" "$bytes"
		"$tool" inspect "$w/$name.bin" > /dev/null 2> "$w/err"
		rc=$?
		if [ "$rc" -eq 1 ] && [ "$(cat "$w/err")" = "tdx-blob: $w/$name.bin: $msg" ]; then
			pass "$name"
		else
			fail "$name" "exit $rc, stderr '$(cat "$w/err" "$w/why")', expected '$msg'"
		fi
	done <<-'LIST'
	reserved1-first-byte|0x18|01|reserved1 is not zero (byte 0x18)
	version-0x200|0|0002|version 0x0200 is not 0x0100
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
	zero-file|zeros|version 0x0000 is not 0x0100; signature "\x00\x00\x00\x00\x00\x00\x00\x00" is not "TDX-BLOB"; length field 0 does not match the file size 8192; offset_of_module 0x0 points into the header
	missing-file|none.bin|No such file or directory
	LIST
}

groups="roundtrip fields container sigstruct options files"
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
