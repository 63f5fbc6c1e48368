#!/bin/sh
# mtkfw layout: MBR/EBR, dumchar_info and scatter sources; --compare; hostile input.
. "$MTKFW_SRC/tests/cli/lib.sh"

head -c 512 /dev/zero >"$T/zero.bin"
expect 2 "$MTKFW_BIN" layout "$T/zero.bin"
one_line_error
printf 'Part_Name Size StartAddr Type MapTo\nx 0xZZ 0 2 /dev/x\n' >"$T/dumchar_info"
expect 2 "$MTKFW_BIN" layout "$T/dumchar_info"
contains "$T/err" "line 2"
head -c 4096 /dev/urandom >"$T/garbage.bin"
expect 2 "$MTKFW_BIN" layout "$T/garbage.bin"
expect 2 "$MTKFW_BIN" layout --ebr1 "$T/zero.bin" "$T/dumchar_info"
# A lone EBR (its "to the end" entry, start relative to itself) read as an MBR gave a 2 TB
# partition: a 512-byte file named EBRn is refused with the way to give it
python3 -c 'import struct,sys
b = bytearray(512)
b[0x1be:0x1ce] = struct.pack("<8xII", 0x3a2400, 0xffc447ff)
b[0x1c2] = 0x83
b[510:512] = b"\x55\xaa"
open(sys.argv[1], "wb").write(b)' "$T/EBR2"
expect 2 "$MTKFW_BIN" layout "$T/EBR2"
one_line_error
contains "$T/err" "--ebr2"
cp "$T/EBR2" "$T/table.bin"
expect 0 "$MTKFW_BIN" layout "$T/table.bin"
# A readback of the EBR partition is larger than its sector (1 KiB in a public MT6572 backup):
# still an EBR, still refused (it was shown as an MBR with a 2 TB partition).
cat "$T/EBR2" "$T/zero.bin" | head -c 1024 >"$T/EBR1"
expect 2 "$MTKFW_BIN" layout "$T/EBR1"
one_line_error
contains "$T/err" "--ebr1"
# MTK Droid Tools' firmware.info: dumchar_info rows with no header line. It was read as a
# legacy scatter ("expected 'NAME 0xADDRESS'").
printf 'preloader 0x0000000001400000 0x0000000000000000 2 /dev/misc-sd\r\nandroid 0x000000003b600000 0x0000000003740000 2 /dev/block/mmcblk0p4\r\n' >"$T/firmware.info"
expect 0 "$MTKFW_BIN" layout --json "$T/firmware.info"
json_eq "$T/out" 'j["source"]' dumchar
json_eq "$T/out" '[p["start"] for p in j["partitions"] if p["name"]=="android"][0]' $((0x3740000))
expect 0 "$MTKFW_BIN" info --json "$T/firmware.info"
json_eq "$T/out" 'j["type"]' dumchar_info

corpus_or_done AllegroROM_4.2.2_mt6572/A516_S117/scatter wiko_s4050ap_part_layout/MT6572_Android_scatter.txt \
	AllegroROM_4.2.2_mt6572/A516_S117/Other/dumchar_info
D=$(corpus AllegroROM_4.2.2_mt6572/A516_S117/scatter)
S="$D/MT6572_Android_scatter.txt"
# The MBR alone: EBR1 is needed.
expect 2 "$MTKFW_BIN" layout "$D/MBR"
contains "$T/err" "EBR1"
expect 0 "$MTKFW_BIN" layout --json --ebr1 "$D/EBR1" "$D/MBR"
json_eq "$T/out" 'j["source"]' mbr
# EBR1 entry 0 (xxd at 0x1c6): start 0x7f600 sectors from EBR1 (0x400 sectors in the MBR).
json_eq "$T/out" '[p["start"] for p in j["partitions"] if p["number"]==5][0]' $(((0x7f600 + 0x400) * 512))
json_eq "$T/out" '[p["size"] for p in j["partitions"] if p["number"]==5][0]' $((0x200000 * 512))
json_eq "$T/out" '[p["to_end"] for p in j["partitions"] if p["number"]==7][0]' True
json_eq "$T/out" '[p["start"] for p in j["partitions"] if p["name"]=="EBR1"][0]' $((0x400 * 512))
expect 0 "$MTKFW_BIN" layout --compare "$S" --ebr1 "$D/EBR1" "$D/MBR"
contains "$T/out" "agrees with"
W=$(corpus wiko_s4050ap_part_layout/MT6572_Android_scatter.txt)
expect 1 "$MTKFW_BIN" layout --json --compare "$W" --ebr1 "$D/EBR1" "$D/MBR"
json_eq "$T/out" 'len(j["differences"]) > 0' True
expect 0 "$MTKFW_BIN" layout --json --compare "$S" --ebr1 "$D/EBR1" "$D/MBR"
json_eq "$T/out" '[p["scatter_name"] for p in j["partitions"] if p["number"]==4][0]' PRELOAD

# dumchar_info from the same phone agrees with the scatter.
U=$(corpus AllegroROM_4.2.2_mt6572/A516_S117/Other/dumchar_info)
expect 0 "$MTKFW_BIN" layout --json --compare "$S" "$U"
json_eq "$T/out" 'j["source"]' dumchar
json_eq "$T/out" '[p["start"] for p in j["partitions"] if p["name"]=="logo"][0]' $((0x2a40000))
json_eq "$T/out" 'j["differences"]' '[]'

# A scatter decoded: LOGO at linear 0x3040000 - MBR 0x600000.
expect 0 "$MTKFW_BIN" layout --json "$S"
json_eq "$T/out" 'j["mbr_start"]' $((0x600000))
json_eq "$T/out" '[p["start"] for p in j["partitions"] if p["name"]=="LOGO"][0]' $((0x3040000 - 0x600000))
json_eq "$T/out" '[p["area"] for p in j["partitions"] if p["name"]=="PRELOADER"][0]' boot1
json_eq "$T/out" '[p["start"] for p in j["partitions"] if p["name"]=="BMTPOOL"][0]' None
json_eq "$T/out" '[p["from_end"] for p in j["partitions"] if p["name"]=="BMTPOOL"][0]' $((0xa8 * 0x20000))
# With the user area's size, BMTPOOL gets its start and the MBR's last partition its size.
expect 0 "$MTKFW_BIN" layout --json --user-size 0x1D2000000 "$S"
json_eq "$T/out" '[p["start"] for p in j["partitions"] if p["name"]=="BMTPOOL"][0]' $((0x1D2000000 - 0xa8 * 0x20000))
expect 0 "$MTKFW_BIN" layout --json --user-size 4G --ebr1 "$D/EBR1" "$D/MBR"
json_eq "$T/out" '[p["size"] for p in j["partitions"] if p["number"]==7][0]' $((4 * 1024 * 1024 * 1024 - (0x2be600 + 0x400) * 512))
expect 2 "$MTKFW_BIN" layout --user-size 1M "$S"
one_line_error
expect 2 "$MTKFW_BIN" layout --user-size lots "$S"
done_testing
