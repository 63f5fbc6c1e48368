#!/bin/sh
# mtkfw mtkhdr: show / strip / add on the A516 lk.bin (size 0x3E570 from xxd) and on the
# MT6737M trustzone (name 'atf'); strip + add gives the file back; errors are one line.
. "$MTKFW_SRC/tests/cli/lib.sh"

# A payload made here (no corpus needed): given a header, shown, stripped back. The header's
# fields by offset (spec B.3): magic 88 16 88 58, size at 4 (3000 = b8 0b 00 00), name at 8.
head -c 3000 /dev/urandom >"$T/own.raw"
expect 0 "$MTKFW_BIN" mtkhdr --add LOGO --addr 0x80000 "$T/own.raw" "$T/own.bin"
[ "$(xxd -l 12 -p "$T/own.bin")" = "88168858b80b00004c4f474f" ] && pass || fail "header bytes: $(xxd -l 12 -p "$T/own.bin")"
[ "$(stat -c %s "$T/own.bin")" = 3512 ] && pass || fail "header + payload is not 3512 bytes"
expect 0 "$MTKFW_BIN" mtkhdr --json "$T/own.bin"
json_eq "$T/out" "(j['name'], j['size'], j['addr'])" "('LOGO', 3000, $((0x80000)))"
expect 0 "$MTKFW_BIN" mtkhdr --strip "$T/own.bin" "$T/own.back"
cmp -s "$T/own.raw" "$T/own.back" && pass || fail "add + strip is not the payload"
head -c 300 "$T/own.bin" >"$T/own.cut"
expect 2 "$MTKFW_BIN" mtkhdr --strip "$T/own.cut" "$T/x"
one_line_error
printf 'not a header' >"$T/plain.bin"
expect 2 "$MTKFW_BIN" mtkhdr "$T/plain.bin"
contains "$T/err" "no MTK header"
expect 2 "$MTKFW_BIN" mtkhdr --add 123456789012345678901234567890123 "$T/own.raw" "$T/y"
expect 2 "$MTKFW_BIN" mtkhdr --add LK --addr 0x100000000 "$T/own.raw" "$T/y"
[ ! -e "$T/x" ] && [ ! -e "$T/y" ] && pass || fail "a refused command left its output"

corpus_or_done AllegroROM_4.2.2_mt6572/A516_S117/scatter/lk.bin
L=$(corpus AllegroROM_4.2.2_mt6572/A516_S117/scatter/lk.bin)
expect 0 "$MTKFW_BIN" mtkhdr --json "$L"
json_eq "$T/out" "(j['name'], j['size'], j['addr'], j['padding_ff'], j['payload_complete'])" \
	"('LK', $((0x3E570)), $((0xffffffff)), True, True)"
expect 0 "$MTKFW_BIN" mtkhdr "$L"
contains "$T/out" "MTK header 'LK'"
expect 0 "$MTKFW_BIN" mtkhdr --strip "$L" "$T/lk.raw"
[ "$(stat -c %s "$T/lk.raw")" = "$((0x3E570))" ] && pass || fail "stripped size"
tail -c +513 "$L" | cmp -s - "$T/lk.raw" && pass || fail "payload differs from the bytes after 512"
expect 0 "$MTKFW_BIN" mtkhdr --add LK "$T/lk.raw" "$T/lk.bin"
cmp -s "$L" "$T/lk.bin" && pass || fail "strip + add is not the original lk.bin"
expect 0 "$MTKFW_BIN" mtkhdr --add KERNEL --addr 0x10008000 "$T/lk.raw" "$T/k.bin"
[ "$(xxd -s 0x28 -l 4 -p "$T/k.bin")" = "00800010" ] && pass || fail "--addr not written little-endian"
if have_corpus device_x5511B_dump/trustzone.bin; then
	expect 0 "$MTKFW_BIN" mtkhdr --json "$MTKFW_CORPUS/device_x5511B_dump/trustzone.bin"
	json_eq "$T/out" "j['name']" "atf"
fi
# unpack/repack of a plain MTK-header image (lk with readback padding) is byte-identical
if have_corpus Mobiwire_S10/lk.bin; then
	M="$MTKFW_CORPUS/Mobiwire_S10/lk.bin"
	expect 0 "$MTKFW_BIN" unpack "$M" "$T/mlk"
	json_eq "$T/mlk/manifest.json" "(j['type'], j['mtk']['name'])" "('mtkhdr', 'LK')"
	[ -f "$T/mlk/tail" ] && pass || fail "readback padding not kept as tail"
	expect 0 "$MTKFW_BIN" repack "$T/mlk" "$T/mlk.bin"
	cmp -s "$M" "$T/mlk.bin" && pass || fail "Mobiwire lk: repack differs"
fi
# errors
head -c 1000 "$L" >"$T/cut.bin"
expect 1 "$MTKFW_BIN" mtkhdr "$T/cut.bin"
expect 2 "$MTKFW_BIN" mtkhdr --strip "$T/cut.bin" "$T/x"
one_line_error
expect 2 "$MTKFW_BIN" mtkhdr "$T/lk.raw"
contains "$T/err" "no MTK header"
expect 2 "$MTKFW_BIN" mtkhdr --add 123456789012345678901234567890123 "$T/lk.raw" "$T/y"
expect 2 "$MTKFW_BIN" mtkhdr --add LK --addr 0x100000000 "$T/lk.raw" "$T/y"
expect 2 "$MTKFW_BIN" mtkhdr --strip --add LK "$T/lk.raw" "$T/y"
done_testing
