#!/bin/sh
# mtkfw info: each corpus format is identified with fields read from the files themselves
# (xxd / spec values), and broken files give one error line and exit 2.
. "$MTKFW_SRC/tests/cli/lib.sh"

# made here: sparse and ext4 (if the tools exist), gzip that is not a cpio
if command -v img2simg >/dev/null 2>&1; then
	head -c 40960 /dev/urandom >"$T/raw.img"
	img2simg "$T/raw.img" "$T/sp.img" 4096 >/dev/null 2>&1
	expect 0 "$MTKFW_BIN" info --json "$T/sp.img"
	json_eq "$T/out" "(j['type'], j['block_size'], j['total_blocks'], j['raw_size'])" "('sparse', 4096, 10, 40960)"
fi
# a sparse header whose chunk table is missing is an error, not "data"
printf '\072\377\046\355\001\000\000\000\034\000\014\000\000\020\000\000\012\000\000\000\001\000\000\000\000\000\000\000' >"$T/sp0.img"
expect 2 "$MTKFW_BIN" info --json "$T/sp0.img"
if command -v mke2fs >/dev/null 2>&1; then
	mke2fs -q -t ext4 -L sysvol "$T/e.img" 4M >/dev/null 2>&1
	expect 0 "$MTKFW_BIN" info --json "$T/e.img"
	json_eq "$T/out" "(j['type'], j['volume_name'], j['size'])" "('ext4', 'sysvol', 4194304)"
fi
# An OTA scatter in lower case (MT6739/MT6765 build trees) is a scatter: info said 'data'
# while scatter and layout read it
printf 'preloader 0x0\npgpt 0x0\nboot_para 0x8000\nrecovery 0x108000\nflashinfo 0xFFFF0080\nsgpt 0xFFFF0000\n' >"$T/ota_scatter.txt"
expect 0 "$MTKFW_BIN" info --json "$T/ota_scatter.txt"
json_eq "$T/out" "(j['type'], j['dialect'], j['partitions'])" "('scatter', 'ota', 6)"
# ... and profile takes it as the layout (it said 'no firmware part, partition table ... found')
mkdir "$T/ota" && cp "$T/ota_scatter.txt" "$T/ota/"
expect 0 "$MTKFW_BIN" profile "$T/ota"
contains "$T/out" "ota_scatter.txt"
# MTK-header parts in a row (code, cert1, cert2 at 16-byte boundaries, as later chips sign
# sspm or lk): all named, not left as "trailing bytes"
python3 -c 'import struct,sys
def part(name, n):
    h = struct.pack("<II", 0x58881688, n) + name.encode().ljust(32, b"\0") + b"\xff" * 472
    b = h + b"\x5a" * n
    return b + b"\0" * ((-len(b)) % 16)
open(sys.argv[1], "wb").write(part("spmfw", 100) + part("cert1", 37) + part("cert2", 20))' "$T/chain.img"
expect 0 "$MTKFW_BIN" info --json "$T/chain.img"
json_eq "$T/out" "(j['type'], j['mtk_name'], j['part_count'], j['parts'])" "('mtkhdr', 'spmfw', 3, 'spmfw,cert1,cert2')"
expect 0 "$MTKFW_BIN" info "$T/chain.img"
contains "$T/out" "then 2 more MTK-header parts"
echo hello | gzip >"$T/h.gz"
expect 0 "$MTKFW_BIN" info --json "$T/h.gz"
json_eq "$T/out" "j['type']" "gzip"
# broken input: one line, exit 2
printf 'ANDROID!\000\000' >"$T/b.img"
expect 2 "$MTKFW_BIN" info "$T/b.img"
expect 2 "$MTKFW_BIN" info "$T/does-not-exist"
expect 2 "$MTKFW_BIN" info

A=AllegroROM_4.2.2_mt6572/A516_S117
corpus_or_done "$A/scatter/logo.bin"
C=$MTKFW_CORPUS

info() { expect 0 "$MTKFW_BIN" info --json "$C/$1"; json_eq "$T/out" "j['type']" "$2"; }

info "$A/scatter/logo.bin" logo
json_eq "$T/out" "(j['count'], j['width'], j['height'], j['pixel_format'])" "(43, 480, 854, 'rgb565')"
# lk: xxd shows size 70 e5 03 00 = 0x3E570
info "$A/scatter/lk.bin" lk
json_eq "$T/out" "(j['mtk_name'], j['payload_size'])" "('LK', $((0x3E570)))"
info "$A/Other/boot/zImage.mtkhdr" mtkhdr
json_eq "$T/out" "j['mtk_name']" "KERNEL"
json_eq "$T/out" "j['truncated']" "True"
# header dump: kernel_size 00 28 3d 00 = 0x3D2800, ramdisk_addr 0x11000000
info "$A/Other/boot/image.hdr" bootimg
json_eq "$T/out" "(j['kernel_size'], j['ramdisk_addr'], j['page_size'], j['parts_present'])" "($((0x3D2800)), $((0x11000000)), 2048, False)"
info "$A/Other/boot/ram_disk.gz" ramdisk
json_eq "$T/out" "j['members']" "$(zcat "$C/$A/Other/boot/ram_disk.gz" | cpio -it 2>/dev/null | wc -l)"
# --list: the members as GNU cpio lists them (count, a symlink and its target)
expect 0 "$MTKFW_BIN" info --json --list "$C/$A/Other/boot/ram_disk.gz"
json_eq "$T/out" "len(j['members_list'])" "$(zcat "$C/$A/Other/boot/ram_disk.gz" | cpio -it 2>/dev/null | wc -l)"
lnk=$(zcat "$C/$A/Other/boot/ram_disk.gz" | cpio -itv 2>/dev/null | awk '$1 ~ /^l/ {print $9 " " $11; exit}')
if [ -n "$lnk" ]; then
	json_eq "$T/out" "[m['path'] + ' ' + m['link'] for m in j['members_list'] if m['type'] == 'l'][0]" "$lnk"
fi
expect 0 "$MTKFW_BIN" info --list "$C/$A/Other/boot/ram_disk.gz"
contains "$T/out" "members:"
info "$A/Other/boot/zImage" kernel
info "$A/scatter/preloader_a516_row.bin" preloader
json_eq "$T/out" "(j['header'], j['has_emi'])" "('GFH', True)"
info "$A/scatter/MT6572_Android_scatter.txt" scatter
json_eq "$T/out" "(j['platform'], j['project'])" "('MT6572', 'a516_row')"
info "$A/scatter/MBR" mbr
info "$A/Other/dumchar_info" dumchar_info
have_corpus Mobiwire_S10/logo.bin && { info Mobiwire_S10/logo.bin logo; json_eq "$T/out" "j['padding_bytes']" "$((0x300000 - 512 - 219894))"; }
have_corpus Mobiwire_S10/preloader_and_dsp && info Mobiwire_S10/preloader_and_dsp preloader
have_corpus device_x5511B_dump/Checksum.ini && info device_x5511B_dump/Checksum.ini checksum_ini
have_corpus device_x5511B_dump/logo.bin && info device_x5511B_dump/logo.bin logo
have_corpus sp_flash_tool_linux/MTK_AllInOne_DA.bin && { info sp_flash_tool_linux/MTK_AllInOne_DA.bin da; json_eq "$T/out" "j['entries']" "18"; json_eq "$T/out" "'0x6572' in j['hw_codes'].split(',')" "True"; }
have_corpus mtkclient/preloader_oppo6572_14079.bin && { info mtkclient/preloader_oppo6572_14079.bin emi; json_eq "$T/out" "j['version']" "v11"; }
have_corpus Mobiwire_S10/lk.bin && { info Mobiwire_S10/lk.bin lk; contains "$T/out" "ili9806e_dsi_wvga_vdo_hlt"; }
have_corpus MTK6572-pe900s/ota_scatter.txt && info MTK6572-pe900s/ota_scatter.txt scatter
have_corpus AllegroROM_4.2.2_mt6572/CUSTPackage/build.prop && info AllegroROM_4.2.2_mt6572/CUSTPackage/build.prop build_prop
info PROVENANCE.tsv data

# text output renders the same fields
expect 0 "$MTKFW_BIN" info "$C/$A/scatter/logo.bin"
contains "$T/out" "480x854"
contains "$T/out" "pixel_format"

# broken input: one line, exit 2
head -c 600 "$C/$A/scatter/logo.bin" >"$T/cut.bin"
expect 2 "$MTKFW_BIN" info "$T/cut.bin"
one_line_error
done_testing
