#!/bin/sh
# mtkfw checksum: verify and write on a package we make, and on the corpus x5511B package.
. "$MTKFW_SRC/tests/cli/lib.sh"

P="$T/pkg"
mkdir -p "$P"
printf 'PRELOADER 0x0\nUBOOT 0x600000\n__NODL_NVRAM 0x700000\n' >"$P/MT6572_Android_scatter.txt"
# Files named by the OTA form are found by name: give them via a YAML scatter instead.
"$MTKFW_BIN" scatter --to yaml --force -o "$P/MT6572_Android_scatter.txt" "$P/MT6572_Android_scatter.txt"
head -c 1000 /dev/zero | tr '\0' '\377' >"$P/preloader.bin"   # 1000 x 0xFF = 0x3E418
printf 'ABC' >"$P/lk.bin"                                            # 0x41+0x42+0x43 = 0xC6

expect 2 "$MTKFW_BIN" checksum "$P"
contains "$T/err" "no Checksum.ini"
expect 0 "$MTKFW_BIN" checksum --write "$P"
contains "$P/Checksum.ini" "PRELOADER=0xE418"
contains "$P/Checksum.ini" "UBOOT=0xC6"
lacks "$P/Checksum.ini" "NVRAM"
expect 0 "$MTKFW_BIN" checksum --json "$P"
json_eq "$T/out" 'j["mismatches"]' 0
json_eq "$T/out" '[e["status"] for e in j["entries"]]' "['ok', 'ok']"
printf 'ABD' >"$P/lk.bin"
expect 1 "$MTKFW_BIN" checksum "$P/MT6572_Android_scatter.txt"
contains "$T/out" "MISMATCH"
contains "$T/err" "lk.bin"
expect 0 "$MTKFW_BIN" checksum --write --v3 "$P"
contains "$P/Checksum.ini" "PRELOADER = 0x3E418"
expect 0 "$MTKFW_BIN" checksum "$P"
# Rewritten in its own (v3) form without --v3.
expect 0 "$MTKFW_BIN" checksum --write "$P"
contains "$P/Checksum.ini" "UBOOT = 0xC7"
rm "$P/lk.bin"
expect 2 "$MTKFW_BIN" checksum --write "$P"
contains "$T/err" "lk.bin"
printf '\0\1\2garbage' >"$P/Checksum.ini"
expect 2 "$MTKFW_BIN" checksum "$P"
one_line_error
expect 2 "$MTKFW_BIN" checksum --v3 "$P"

if have_corpus device_x5511B_dump/Checksum.ini; then
	X=$(corpus device_x5511B_dump/Checksum.ini)
	expect 0 "$MTKFW_BIN" checksum --json "$(dirname "$X")"
	json_eq "$T/out" 'j["mismatches"]' 0
	json_eq "$T/out" 'j["unchecked"]' 5
	json_eq "$T/out" '[e["file"] for e in j["entries"] if e["key"]=="lk"][0]' lk-verified.bin
	json_eq "$T/out" '[e["expected"] for e in j["entries"] if e["key"]=="preloader"][0]' $((0x7EAD))
fi
done_testing
