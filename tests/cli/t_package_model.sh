#!/bin/sh
# One package model for every command (issue #13 hole 3): which scatter a folder's is, which file
# is each partition's (by name, by the signed NAME-verified.EXT, by content), and one Checksum.ini
# verification, the same in check, checksum (verify and --write), profile and device flash.
. "$MTKFW_SRC/tests/cli/lib.sh"
M="$MTKFW_BIN"

# sum16 FILE: the byte sum SP Flash Tool's Checksum.ini V1 holds, by hand.
sum16() { python3 -c 'import sys; print("0x%X" % (sum(open(sys.argv[1], "rb").read()) & 0xFFFF))' "$1"; }
ini_value() { sed -n "s/^$2=\(0x[0-9A-Fa-f]*\).*/\1/p" "$1" | tr -d '\r'; }

# ---- one scatter finder: a Windows copy of the scatter beside it ----
# A package whose scatter names lk.bin, with "MT6572_Android_scatter - Copy.txt" beside it that
# names another lk. Every command must take the same one: the shorter name (the original).
mkdir -p "$T/two"
printf 'LK' >"$T/two/lk.bin"
for f in "MT6572_Android_scatter.txt:lk.bin" "MT6572_Android_scatter - Copy.txt:lk_copy.bin"; do
	name=${f%%:*} file=${f#*:}
	printf '%s\n' "- general: MTK_PLATFORM_CFG" "  info:" "    - config_version: V1.1.1" "      platform: MT6572" \
		"- partition_index: SYS0" "  partition_name: UBOOT" "  file_name: $file" "  is_download: true" \
		"  linear_start_addr: 0x600000" "  partition_size: 0x60000" >"$T/two/$name"
done
printf '[VERSION]\r\nVERSION=V1\r\n[IsEnableChecksum]\r\nCHECKSUM_SWITCH=1\r\n[CheckSum]\r\nUBOOT=%s\r\n' \
	"$(sum16 "$T/two/lk.bin")" >"$T/two/Checksum.ini"
expect 0 "$M" checksum --json "$T/two"
json_eq "$T/out" "j['scatter'].endswith('/MT6572_Android_scatter.txt')" True
json_eq "$T/out" "[(e['file'], e['status']) for e in j['entries']]" "[('lk.bin', 'ok')]"
"$M" check --json "$T/two" >"$T/out" 2>"$T/err"
json_eq "$T/out" "[f['code'] for f in j['findings'] if f['partition'] == 'UBOOT' and f['severity'] == 'error']" "[]"
expect 0 "$M" profile --json "$T/two"
json_eq "$T/out" "j['layout']['file']" MT6572_Android_scatter.txt

corpus_or_done device_x5511B_dump/Checksum.ini Mobiwire_S10/preloader_and_dsp

# ---- Infinix x5511B: check and checksum agree, and the hand calculation says who is right ----
X="$MTKFW_CORPUS/device_x5511B_dump"
for part in lk:lk.bin logo:logo.bin secro:secro.img; do
	key=${part%%:*} plain=${part#*:}
	signed=$(echo "$plain" | sed 's/\.\([a-z]*\)$/-verified.\1/')
	want=$(ini_value "$X/Checksum.ini" "$key")
	# Checksum.ini holds the signed file's sum, which the unsigned one does not have.
	[ "$(sum16 "$X/$signed")" = "$want" ] && pass || fail "$key: $signed sums to $(sum16 "$X/$signed"), Checksum.ini says $want"
	[ "$(sum16 "$X/$plain")" != "$want" ] && pass || fail "$key: $plain has the listed sum too"
done
expect 0 "$M" checksum --json "$X"
json_eq "$T/out" "sorted((e['key'], e['file'], e['found'], e['status']) for e in j['entries'] if e['key'] in ('lk', 'logo', 'secro'))" \
	"[('lk', 'lk-verified.bin', 'signed', 'ok'), ('logo', 'logo-verified.bin', 'signed', 'ok'), ('secro', 'secro-verified.img', 'signed', 'ok')]"
json_eq "$T/out" "j['mismatches']" 0
cp "$T/out" "$T/checksum.json"
"$M" check --json "$X" >"$T/out" 2>"$T/err"
json_eq "$T/out" "[f['partition'] for f in j['findings'] if f['code'].startswith('checksum')]" "[]"
json_eq "$T/out" "sorted(f['partition'] for f in j['findings'] if f['code'] == 'signed-image')" "['lk', 'logo', 'secro']"
# The profile reads the same lk.
expect 0 "$M" profile --json "$X"
json_eq "$T/out" "j['lk']['file']" lk-verified.bin

# ---- Mobiwire S10 (an MTK Droid Tools readback): the preloader is preloader_and_dsp, a boot1 image ----
cp -r "$MTKFW_CORPUS/Mobiwire_S10" "$T/mobi"
chmod -R u+w "$T/mobi"
"$M" check --json "$T/mobi" >"$T/out" 2>"$T/err"
json_eq "$T/out" "[f['message'] for f in j['findings'] if f['code'] == 'found-by-content' and f['partition'] == 'PRELOADER']" \
	"['preloader.bin is not in the folder; preloader_and_dsp is a boot1 image and is used']"
# checksum --write sums it for PRELOADER (before: "preloader.bin is missing"); the images the
# readback lacks are stood in by small files.
for f in boot.img recovery.img system.img cache.img data.img; do printf '%s' "$f" >"$T/mobi/$f"; done
expect 0 "$M" checksum --write "$T/mobi"
[ "$(ini_value "$T/mobi/Checksum.ini" PRELOADER)" = "$(sum16 "$T/mobi/preloader_and_dsp")" ] && pass ||
	fail "Checksum.ini PRELOADER=$(ini_value "$T/mobi/Checksum.ini" PRELOADER), preloader_and_dsp sums to $(sum16 "$T/mobi/preloader_and_dsp")"
expect 0 "$M" checksum --json "$T/mobi"
json_eq "$T/out" "[(e['file'], e['found'], e['status']) for e in j['entries'] if e['key'] == 'PRELOADER']" \
	"[('preloader_and_dsp', 'content', 'ok')]"
"$M" check --json "$T/mobi" >"$T/out" 2>"$T/err"
json_eq "$T/out" "[f['partition'] for f in j['findings'] if f['code'].startswith('checksum')]" "[]"
expect 0 "$M" profile --json "$T/mobi"
json_eq "$T/out" "(j['preloader']['file'], j['preloader']['kind'])" "('preloader_and_dsp', 'boot1')"

done_testing
