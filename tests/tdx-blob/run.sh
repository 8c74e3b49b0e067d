#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Tests of tools/tdx-blob: one line "PASS|FAIL tdx-blob/<name> [detail]" per
# test, exit 1 if any failed.
set -u
# Debian's python3 (a pyenv shim in front of it is slow to start)
export PATH=/usr/bin:/bin:$PATH
tool=$(cd "$(dirname "$0")/../.." && pwd)/tools/tdx-blob/tdx-blob
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

pass() { echo "PASS tdx-blob/$1"; }
fail() { echo "FAIL tdx-blob/$1 ${*:2}"; failed=1; }

# field FILE JSONPATH...: values of 'inspect --json', space separated
field() {
	local f=$1
	shift
	"$tool" inspect --json "$f" | python3 -c "
import json, sys
data = json.load(sys.stdin)
out = []
for path in sys.argv[1:]:
    v = data
    for k in path.split('.'):
        v = v[k]
    out.append(str(v))
print(' '.join(out))" "$@"
}

# checksum FILE: the 16-bit word sum, independently of the tool
checksum() {
	python3 -c "
import struct, sys
d = open(sys.argv[1], 'rb').read()
s = sum(struct.unpack_from('<%dH' % (len(d) // 2), d)) + (d[-1] if len(d) % 2 else 0)
print(s & 0xffff)" "$1"
}

# Round trips: sizes as asked, container valid, checksum 0, hash matches
for spec in "1 1" "2 4" "4 4" "1 496" "3 2"; do
	set -- $spec
	f=$tmp/ok-$1-$2.bin
	name=roundtrip-sig$1-mod$2
	if ! "$tool" build -o "$f" --cpuid 0x806f8 --sigstruct-pages "$1" --module-pages "$2" 2> "$tmp/err"; then
		fail "$name" "build failed: $(cat "$tmp/err")"
	elif ! "$tool" inspect --strict "$f" > /dev/null 2> "$tmp/err"; then
		fail "$name" "inspect failed: $(cat "$tmp/err")"
	elif [ "$(field "$f" sizes.sigstruct_pages sizes.module_pages sigstruct.seamhash_matches_module)" != "$1 $2 True" ] ||
	     [ "$(stat -c %s "$f")" != $(((1 + $1 + $2) * 4096)) ]; then
		fail "$name" "sizes or hash: $(field "$f" sizes sigstruct.seamhash_matches_module)"
	elif [ "$(checksum "$f")" != 0 ]; then
		fail "$name" "word sum $(checksum "$f"), not 0"
	else
		pass "$name"
	fi
done

# Identity, versions and sigstruct fields round trip
f=$tmp/id.bin
"$tool" build -o "$f" --version 1.5.21 --svn 2.7 --build-date 20261126 --build-num 42 \
	--features0 0x8000000f0fbd --cpuid 0x806f8 --cpuid 0xc06f0 --module-hv 3 \
	--min-update-hv 1 --no-downgrade --num-handoff-pages 24 --date 20261126
want="1.5.21 42 0x8000000f0fbd 2.7 3 1 True 24 ['0x000806f8', '0x000c06f0'] 20261126"
got=$(field "$f" emulated_module.version emulated_module.build_num \
	emulated_module.tdx_features0 sigstruct.seamsvn sigstruct.module_hv \
	sigstruct.min_update_hv sigstruct.no_downgrade sigstruct.num_handoff_pages \
	sigstruct.cpuid_table sigstruct.date)
[ "$got" = "$want" ] && pass fields-roundtrip || fail fields-roundtrip "got '$got'"

# The header constants of the published sigstructs, at their offsets
python3 - "$f" <<'PY' && pass sigstruct-constants || fail sigstruct-constants
import struct, sys
d = open(sys.argv[1], 'rb').read()[0x1000:0x1800]
want = {0: 6, 4: 0xE1, 8: 0x10000, 16: 0x8086, 24: 0x200, 28: 0x60, 32: 0x60, 36: 1, 512: 0x10001}
sys.exit(any(struct.unpack_from('<I', d, o)[0] != v for o, v in want.items()))
PY

# Determinism
"$tool" build -o "$tmp/d1.bin" --cpuid 0x806f8 --seed 7
"$tool" build -o "$tmp/d2.bin" --cpuid 0x806f8 --seed 7
"$tool" build -o "$tmp/d3.bin" --cpuid 0x806f8 --seed 8
if cmp -s "$tmp/d1.bin" "$tmp/d2.bin" && ! cmp -s "$tmp/d1.bin" "$tmp/d3.bin"; then
	pass deterministic
else
	fail deterministic "same options must give the same bytes, another seed other bytes"
fi

# Container defects: inspect fails with a message naming the defect
while read -r bad msg; do
	f=$tmp/bad-$bad.bin
	"$tool" build -o "$f" --cpuid 0x806f8 --bad "$bad"
	if "$tool" inspect "$f" > /dev/null 2> "$tmp/err"; then
		fail "bad-$bad" "inspect accepted it"
	elif ! grep -q -- "$msg" "$tmp/err"; then
		fail "bad-$bad" "message '$(cat "$tmp/err")' lacks '$msg'"
	else
		pass "bad-$bad"
	fi
done <<'LIST'
checksum bad checksum
version version 0x200, not 0x100
signature not "TDX-BLOB"
length != file size
reserved0 reserved header bytes are not zero
reserved1 reserved header bytes are not zero
offset-unaligned is not a page boundary
offset-beyond is not a page boundary
offset-in-header is not a page boundary
truncate too small for a TDX-BLOB header
odd-size not a whole number of pages
too-many-sigstruct-pages 5 sigstruct pages
too-many-module-pages 497 module pages
LIST

# Sigstruct defects: a valid container, a warning; --strict fails
while read -r bad msg; do
	f=$tmp/sig-$bad.bin
	"$tool" build -o "$f" --cpuid 0x806f8 --bad "$bad"
	out=$("$tool" inspect "$f" 2>&1)
	if [ $? -ne 0 ]; then
		fail "sig-$bad" "inspect refused a valid container: $out"
	elif ! grep -q -- "warning: .*$msg" <<< "$out"; then
		fail "sig-$bad" "no warning '$msg'"
	elif "$tool" inspect --strict "$f" > /dev/null 2>&1; then
		fail "sig-$bad" "--strict accepted it"
	else
		pass "sig-$bad"
	fi
done <<'LIST'
hash SEAMHASH does not match
header-type header_type 0x7
vendor module_vendor 0x8087
debug-bit debug-signed
svn-major-zero SEAMSVN major is 0
handoff-range min_update_hv 2 > module_hv 1
LIST

# cpuid-mismatch is only visible against a platform: the table is what changes
f=$tmp/sig-cpuid.bin
"$tool" build -o "$f" --cpuid 0x806f8 --bad cpuid-mismatch
[ "$(field "$f" sigstruct.cpuid_table)" = "['0x000a06f0']" ] && pass sig-cpuid-mismatch ||
	fail sig-cpuid-mismatch "table $(field "$f" sigstruct.cpuid_table)"

# Build option validation: clear error, non-zero exit, no file
while IFS='|' read -r name args msg; do
	rm -f "$tmp/v.bin"
	if "$tool" build -o "$tmp/v.bin" $args 2> "$tmp/err"; then
		fail "option-$name" "accepted"
	elif [ -e "$tmp/v.bin" ] || ! grep -q -- "$msg" "$tmp/err"; then
		fail "option-$name" "$(cat "$tmp/err")"
	else
		pass "option-$name"
	fi
done <<'LIST'
497-pages|--cpuid 0x806f8 --module-pages 497|must be 1..496
5-sig-pages|--cpuid 0x806f8 --sigstruct-pages 5|must be 1..4
bad-version|--cpuid 0x806f8 --version 1.5|expected 3 dot-separated numbers
no-cpuid|--version 1.5.1|needs a CPUID table
LIST

# Not a blob at all, and a missing file
head -c 8192 /dev/urandom > "$tmp/random.bin"
"$tool" inspect "$tmp/random.bin" > /dev/null 2> "$tmp/err" && fail random-file "accepted" ||
	{ grep -q "tdx-blob: $tmp/random.bin: " "$tmp/err" && pass random-file || fail random-file "$(cat "$tmp/err")"; }
"$tool" inspect "$tmp/none.bin" > /dev/null 2> "$tmp/err" && fail missing-file "accepted" ||
	{ grep -q 'No such file' "$tmp/err" && pass missing-file || fail missing-file "$(cat "$tmp/err")"; }

exit $failed
