#!/bin/sh
# mtkfw compat on real firmware parts: each classic cross-flash failure is caught, and parts
# that match are called safe. Targets are assembled in temp folders from corpus files (never
# copied into the repo). Expected facts come from the files themselves:
#  - A516 preloader EMI (xxd at 0x17EEC): one entry, id 15 01 00 4E 35 55 30 30 4D (Samsung).
#  - Mobiwire boot1 (xxd at 0x189AC + 0x74): first entry id 90 01 4A 48 34 47 32 61 11 (Hynix),
#    none of its six ids is the A516 one; bird72's bare block starts with the A516 id.
#  - strings: A516 lk has hx8369b_fwvga_dsi_vdo, otm8018b_dsi_vdo; Mobiwire lk has
#    ili9806e_dsi_wvga_vdo_hlt, otm8019a_wvga_dsi_vdo, st7701_wvga_dsi_vdo.
#  - Kernels: "Linux version 3.4.5" in the A516 zImage, "3.4.67" in the A369i one.
#  - Wiko scatter: MBR_START 0xC00000 (the A516 MBR/EBR was made for 0x600000), and it
#    downloads NVRAM (nvram.bin).
. "$MTKFW_SRC/tests/cli/lib.sh"

FW=
if have_corpus AllegroROM_4.2.2_mt6572/A516_S117/scatter; then
	FW=$(corpus AllegroROM_4.2.2_mt6572/A516_S117/scatter)
elif [ -x "$MTKFW_BUILD/mtkfw-samplegen" ] && "$MTKFW_BUILD/mtkfw-samplegen" "$T/sample" >/dev/null; then
	FW="$T/sample"
fi
if [ -n "$FW" ]; then
	# 6. Unreadable input: exit 2, one line, nothing on stdout with --json. The firmware is the
	#    A516 package, or without the corpus a sample package (the target is what fails).
	printf '{"preloader": {"emi_version": "v11", "emi": [{"type": "MCP(eMMC+LPDDR2)", "flash_id": "zz"}]}}' >"$T/bad.json"
	expect 2 "$MTKFW_BIN" compat --json "$FW" "$T/bad.json"
	one_line_error
	json_eq "$T/out" 'list(j)' "['error']" # no report, the error object alone (contracts.md)
	contains "$T/err" "bad.json"
	printf '{"layout": {"partitions": 5}' >"$T/cut.json"
	expect 2 "$MTKFW_BIN" compat "$FW" "$T/cut.json"
	contains "$T/err" "cut.json"
	head -c 4096 /dev/zero >"$T/zero.bin"
	expect 2 "$MTKFW_BIN" compat "$FW" "$T/zero.bin"
	mkdir "$T/empty"
	expect 2 "$MTKFW_BIN" compat "$FW" "$T/empty"
	mkdir "$T/badcid"
	printf 'zz\n' >"$T/badcid/cid"
	expect 2 "$MTKFW_BIN" compat "$FW" "$T/badcid"
	contains "$T/err" "cid"
	expect 2 "$MTKFW_BIN" compat "$FW"
	expect 2 "$MTKFW_BIN" compat "$FW" "$T/does-not-exist"
fi

corpus_or_done AllegroROM_4.2.2_mt6572/A516_S117/scatter Mobiwire_S10 mtkclient/preloader_bird72_cwet_a_kk_6572.bin \
	wiko_s4050ap_part_layout AllegroROM_4.2.2_mt6572/A516_S117/Other/boot/zImage android_device_lenovo_a369i-twrp/kernel

A516=$(corpus AllegroROM_4.2.2_mt6572/A516_S117/scatter)
MOBI=$(corpus Mobiwire_S10)
BIRD=$(corpus mtkclient/preloader_bird72_cwet_a_kk_6572.bin)
WIKO=$(corpus wiko_s4050ap_part_layout)
Z345=$(corpus AllegroROM_4.2.2_mt6572/A516_S117/Other/boot/zImage)
Z367=$(corpus android_device_lenovo_a369i-twrp/kernel)

risk() { json_get "$T/out" "[r for r in j['risks'] if r['code']=='$1'][0]['$2']"; }
level_is() {
	got=$(risk "$1" level)
	if [ "$got" = "$2" ]; then pass; else fail "risk $1 is '$got', wanted '$2'"; fi
}
evidence_has() {
	if risk "$1" evidence | grep -qF -- "$2"; then pass; else fail "risk $1 evidence lacks '$2': $(risk "$1" evidence)"; fi
}

# 1. DRAM: the phone's own preloader (Mobiwire boot1) lists no chip the A516 preloader knows.
mkdir "$T/mobi"
cp "$MOBI/preloader_and_dsp" "$T/mobi/"
expect 3 "$MTKFW_BIN" compat --json "$A516" "$T/mobi"
json_eq "$T/out" "j['verdict']" unsafe
level_is dram unsafe
evidence_has dram 90014a483447326111
evidence_has dram 4032
json_eq "$T/out" "[r['code'] for r in j['risks']]" \
	"['dram', 'display', 'touch', 'camera', 'radio', 'layout', 'storage', 'platform', 'kernel', 'identity']"
json_eq "$T/out" "all(r['remedy'] is None for r in j['risks'] if r['level']=='ok')" True
json_eq "$T/out" "'preloader' in [r for r in j['risks'] if r['code']=='dram'][0]['remedy']" True

# ... and with the phone's CID (device.json as mtkfw device readback writes it): exact answer.
printf '{"chip":"MT6572","emmc":{"cid":"90014a48344732611100000000000000"}}\n' >"$T/mobi/device.json"
expect 3 "$MTKFW_BIN" compat --json "$A516" "$T/mobi"
evidence_has dram "is not in preloader_a516_row.bin's EMI table (1 entry)"
level_is platform ok

# A CID the A516 table has (its own entry's bytes): dram ok. bird72's bare block as the phone's.
mkdir "$T/bird"
cp "$BIRD" "$T/bird/"
printf '1501004e355530304d00000000000000\n' >"$T/bird/cid"
expect 0 "$MTKFW_BIN" compat --json "$A516" "$T/bird"
level_is dram ok
evidence_has dram "entry 0"
json_eq "$T/out" "j['verdict']" safe
# Without the CID, bird72's table has chips the A516 preloader lacks: unknown which, risky.
rm "$T/bird/cid"
expect 1 "$MTKFW_BIN" compat --json "$A516" "$T/bird"
level_is dram risky
# One chip of eight: "1 ... is", "6 more are" (issue #13: it read "1 of the phone's 8 EMI entries are").
evidence_has dram "1 of the 8 eMMC chips the phone's own preloader lists is in preloader_a516_row.bin's EMI table; "
evidence_has dram "and 6 more are not: without the phone's CID"

# 2. Display: the phone's lk (Mobiwire) has none of the A516 panels: black screen.
mkdir "$T/lk"
cp "$MOBI/lk.bin" "$T/lk/"
expect 3 "$MTKFW_BIN" compat --json "$A516" "$T/lk"
level_is display unsafe
evidence_has display ili9806e_dsi_wvga_vdo_hlt
evidence_has display hx8369b_fwvga_dsi_vdo
json_eq "$T/out" "'keep lk and the kernel' in [r for r in j['risks'] if r['code']=='display'][0]['remedy']" True
# The A516 lk against the A516 package: the same panels.
cp "$A516/lk.bin" "$T/lk/lk.bin"
expect 0 "$MTKFW_BIN" compat --json "$A516" "$T/lk"
level_is display ok
# lcm= on a saved cmdline names the one panel: otm8018b_dsi_vdo is in A516's lk, not Mobiwire's.
rm "$T/lk/lk.bin"
printf 'console=ttyMT0 lcm=1-otm8018b_dsi_vdo fps=6000\n' >"$T/lk/cmdline"
expect 0 "$MTKFW_BIN" compat --json "$A516" "$T/lk"
level_is display ok
evidence_has display otm8018b_dsi_vdo
expect 3 "$MTKFW_BIN" compat --json "$MOBI" "$T/lk"
level_is display unsafe

# 3. Layout: the Wiko scatter against the A516 MBR/EBR (a phone's partition dumps).
mkdir "$T/mbr"
cp "$A516/MBR" "$A516/EBR1" "$T/mbr/"
expect 1 "$MTKFW_BIN" compat --json "$WIKO/MT6572_Android_scatter.txt" "$T/mbr"
level_is layout risky
mkdir "$T/wiko"
cp "$WIKO/MT6572_Android_scatter.txt" "$T/wiko/"
expect 1 "$MTKFW_BIN" compat --json "$T/wiko" "$T/mbr"
level_is layout risky
evidence_has layout 8038
evidence_has layout "MBR_START 0xc00000"
level_is identity risky
evidence_has identity NVRAM
# The A516 scatter agrees with its own MBR/EBR.
expect 0 "$MTKFW_BIN" compat --json "$A516" "$T/mbr"
level_is layout ok
level_is identity ok

# 5069: an image bigger than its partition (a copy of the A516 package with lk.bin grown).
mkdir "$T/big"
cp "$A516/MT6572_Android_scatter.txt" "$T/big/"
lk_size=$(python3 -c "import re,sys; t=open(sys.argv[1]).read(); m=re.search(r'partition_name: UBOOT.*?partition_size: (0x[0-9a-fA-F]+)', t, re.S); print(int(m.group(1),16))" "$A516/MT6572_Android_scatter.txt")
head -c $((lk_size + 1)) /dev/zero >"$T/big/lk.bin"
expect 3 "$MTKFW_BIN" compat --json "$T/big" "$T/mbr"
level_is layout unsafe
evidence_has layout 5069

# 4. Kernel generation and drivers: A516's 3.4.5 zImage against A369i's 3.4.67.
mkdir "$T/k1" "$T/k2"
cp "$Z345" "$T/k1/"
cp "$Z367" "$T/k2/"
expect 3 "$MTKFW_BIN" compat --json "$T/k1" "$T/k2"
level_is kernel risky
evidence_has kernel 3.4.5
evidence_has kernel 3.4.67
level_is touch risky
evidence_has touch msg2133
expect 0 "$MTKFW_BIN" compat --json "$T/k2" "$T/k2"
level_is kernel ok
level_is touch ok
level_is camera ok

# 5. A saved profile as the target: the same answers as the folder it was made from.
"$MTKFW_BIN" profile --json "$MOBI" >"$T/mobi.json"
expect 3 "$MTKFW_BIN" compat --json "$A516" "$T/mobi.json"
level_is dram unsafe
level_is display unsafe
level_is layout risky
"$MTKFW_BIN" profile --json "$A516" >"$T/a516.json"
expect 0 "$MTKFW_BIN" compat "$A516" "$T/a516.json"
contains "$T/out" "verdict: safe"

# Text output: one line per risk, the remedy under it, the verdict last.
expect 3 "$MTKFW_BIN" compat "$A516" "$T/mobi"
contains "$T/out" "verdict: unsafe"
contains "$T/out" "remedy: keep the phone's preloader"

# A CID file that is no CID, beside a preloader.
printf 'zz\n' >"$T/bird/cid"
expect 2 "$MTKFW_BIN" compat "$A516" "$T/bird"
contains "$T/err" "cid"

# 7. A readback folder with identity files (our own fixtures from fuzz/corpus/fuzz_identity:
#    xxd shows the Wi-Fi MAC 00 08 22 5A 7C 01 at offset 4, the BT address 00 08 22 5A 7C 02 at 0,
#    and MP0B_001 record 0 = 12 34 56 78 9A BC DE F0 11 22 F1 7A, whose checksums are the sums of
#    its even and odd bytes (0x1F1, 0x27A); the nine other records are FF or one repeated filler).
F="$MTKFW_SRC/fuzz/corpus/fuzz_identity"
mkdir -p "$T/rb/nvram/APRDEB" "$T/rb/md/NVD_IMEI"
cp "$F/wifi" "$T/rb/nvram/APRDEB/WIFI"
cp "$F/bt_addr" "$T/rb/nvram/APRDEB/BT_Addr"
cp "$F/mp0b_001" "$T/rb/md/NVD_IMEI/MP0B_001"
cp "$MOBI/preloader_and_dsp" "$MOBI/lk.bin" "$MOBI/MBR" "$MOBI/EBR1" "$T/rb/"
printf '1501004e355530304d0123456789abcd\n' >"$T/rb/cid"
expect 0 "$MTKFW_BIN" profile --json "$T/rb"
json_eq "$T/out" "j['readback']['cid']" 1501004e355530304d0123456789abcd
json_eq "$T/out" "j['readback']['maker']" Samsung
json_eq "$T/out" "j['readback']['table']['format']" mbr
json_eq "$T/out" "[(i['file'], i['kind'], i['valid']) for i in j['readback']['identity']]" \
	"[('md/NVD_IMEI/MP0B_001', 'imei', True), ('nvram/APRDEB/BT_Addr', 'bt_addr', True), ('nvram/APRDEB/WIFI', 'wifi', True)]"
json_eq "$T/out" "j['readback']['identity'][2]['address']" 00:08:22:5a:7c:01
json_eq "$T/out" "j['readback']['identity'][1]['address']" 00:08:22:5a:7c:02
json_eq "$T/out" "j['readback']['identity'][0]['imei_records']" "{'present': 1, 'empty': 9, 'invalid': 0}"
json_eq "$T/out" "j['lk']['lcm'][0]" ili9806e_dsi_wvga_vdo_hlt
expect 0 "$MTKFW_BIN" profile "$T/rb"
contains "$T/out" "Wi-Fi MAC 00:08:22:5a:7c:01"
contains "$T/out" "IMEI records: 1 present, 9 empty, 0 invalid"
lacks "$T/out" "9abcdef011"   # never an IMEI, not even the scrambled record bytes
# A firmware folder is no readback.
expect 0 "$MTKFW_BIN" profile --json "$A516"
json_eq "$T/out" "j['readback']" None
# A damaged record: flip a checksum byte of record 0.
printf '\000' | dd of="$T/rb/md/NVD_IMEI/MP0B_001" bs=1 seek=10 conv=notrunc 2>/dev/null
expect 0 "$MTKFW_BIN" profile --json "$T/rb"
json_eq "$T/out" "j['readback']['identity'][0]['imei_records']['invalid']" 1
# compat names what the readback holds when the firmware would overwrite NVRAM.
cp "$WIKO/MT6572_Android_scatter.txt" "$T/rb/"
expect 1 "$MTKFW_BIN" compat --json "$T/wiko" "$T/rb"
level_is identity risky
evidence_has identity "the readback holds imei, bt_addr, wifi"
level_is dram ok
# A FAT image (55 AA at 510, but no MediaTek MBR) among the dumps is a problem, not a failure.
python3 -c "import sys; b=bytearray(5<<20); b[0:3]=b'\xeb\x3c\x90'; b[3:11]=b'MSDOS5.0'; b[446:462]=b'\xff'*16; b[510:512]=b'\x55\xaa'; open(sys.argv[1],'wb').write(b)" "$T/rb/fat.img"
expect 1 "$MTKFW_BIN" compat --json "$T/wiko" "$T/rb"
level_is identity risky
expect 0 "$MTKFW_BIN" profile --json "$T/rb"
json_eq "$T/out" "j['readback']['table']['format']" mbr
json_eq "$T/out" "j['readback']['table']['partitions']" 7   # Mobiwire's MBR + EBR1, not the FAT image
json_eq "$T/out" "j['readback']['user_size']" None
# A FAT image that is not a boot sector but has 55 AA: tried as a dump, reported, skipped.
python3 -c "import sys; b=bytearray(5<<20); b[446:462]=b'\x07'*16; b[510:512]=b'\x55\xaa'; open(sys.argv[1],'wb').write(b)" "$T/rb/odd.img"
expect 0 "$MTKFW_BIN" profile --json "$T/rb"
json_eq "$T/out" "any('odd.img' in p for p in j['problems'])" True
rm "$T/rb/odd.img"
# Its saved profile keeps the CID: the CID decides (the A516 chip), not the preloader's table.
"$MTKFW_BIN" profile --json "$T/rb" >"$T/rb.json"
expect 3 "$MTKFW_BIN" compat --json "$A516" "$T/rb.json"
level_is dram ok
evidence_has dram "1501004e355530304d0123456789abcd"
level_is display unsafe

done_testing
