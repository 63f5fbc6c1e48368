#!/bin/sh
# mtkfw-samplegen: the sample package is what it claims, checked with independent tools where
# they exist (simg2img, debugfs, unpack_bootimg, python byte sums) and by hand-computed layout
# numbers, so tests and the demo built on it stand on real formats.
. "$(dirname "$0")/lib.sh"
G=${MTKFW_SAMPLEGEN:-}
[ -n "$G" ] && [ -x "$G" ] || skip_all "mtkfw-samplegen not built"
M=$MTKFW_BIN
P=$T/pkg

expect 2 "$G"
expect 2 "$G" "$T/x" --broken nonsense
expect 2 "$G" "$T/x" --cid 12zz
expect 0 "$G" "$P" --project demo72_emmc --cid 90014a20584e4959481234567890abcd
[ -f "$P/preloader_demo72_emmc.bin" ] && pass || fail "no preloader_demo72_emmc.bin"

# The layout: ptgen's rule start = previous start + previous size, MBR at 0xC00000. ANDROID
# comes after 0xC00000 + MBR, EBR1 (0x80000 each) + PRO_INFO 0x300000 + NVRAM 0x500000 +
# PROTECT_F, PROTECT_S (0xA00000 each) + SECCFG 0x20000 + UBOOT 0x60000 + BOOTIMG, RECOVERY,
# SEC_RO (0x600000 each) + MISC 0x80000 + LOGO 0x300000 + EXPDB 0xA00000 = 0x4900000.
expect 0 "$M" scatter --json "$P/MT6572_Android_scatter.txt"
json_eq "$T/out" 'len(j["partitions"])' 19
json_eq "$T/out" 'hex([p for p in j["partitions"] if p["name"] == "ANDROID"][0]["linear_start"])' 0x4900000
json_eq "$T/out" 'j["project"]' demo72_emmc
json_eq "$T/out" '[p["name"] for p in j["partitions"] if p["download"] and p["file"] is None]' '[]'
contains "$P/MT6572_Android_scatter.txt" "config_version: V1.1.1"

# MBR: 55AA; entry 0 the extended partition at EBR1 = 0x80000 bytes = 0x400 sectors; entry 1
# PROTECT_F at user 0x1500000 - 0xC00000 = 0x900000 = 0x4800 sectors (as in Wiko's real MBR).
python3 - "$P/MBR" <<'PY' && pass || fail "MBR bytes"
import struct, sys
d = open(sys.argv[1], 'rb').read()
assert len(d) == 512 and d[510:] == b'\x55\xaa'
t0, s0 = d[0x1BE + 4], struct.unpack('<I', d[0x1BE + 8:0x1BE + 12])[0]
t1, s1 = d[0x1CE + 4], struct.unpack('<I', d[0x1CE + 8:0x1CE + 12])[0]
assert (t0, s0, t1, s1) == (5, 0x400, 0x83, 0x4800), (t0, hex(s0), t1, hex(s1))
PY

# Checksum.ini: every value is the 16-bit byte sum of its file (the V1 rule).
python3 - "$P" <<'PY' && pass || fail "Checksum.ini values"
import os, sys
d = sys.argv[1]
files = {'preloader': 'preloader_demo72_emmc.bin', 'mbr': 'MBR', 'ebr1': 'EBR1', 'uboot': 'lk.bin',
         'bootimg': 'boot.img', 'recovery': 'recovery.img', 'sec_ro': 'secro.img', 'logo': 'logo.bin'}
vals = dict(l.strip().split('=') for l in open(os.path.join(d, 'Checksum.ini')) if '=' in l and l.strip().split('=')[0].islower())
for k, f in files.items():
    assert int(vals[k], 16) == sum(open(os.path.join(d, f), 'rb').read()) & 0xFFFF, k
PY

# The EMI table's first entry is the --cid's first 9 bytes.
expect 0 "$M" profile --json "$P"
json_eq "$T/out" 'j["preloader"]["emi"][0]["flash_id"]' 90014a20584e495948
json_eq "$T/out" 'len(j["preloader"]["emi"])' 3
json_eq "$T/out" 'j["kernel"]["version"].startswith("Linux version 3.4.67")' True

# Independent referees: AOSP's simg2img and e2fsprogs' debugfs read system.img; unpack_bootimg
# reads recovery.img.
if command -v simg2img >/dev/null 2>&1 && command -v debugfs >/dev/null 2>&1; then
	if [ -f "$P/system.img" ]; then
		simg2img "$P/system.img" "$T/system.raw" && pass || fail "simg2img"
		debugfs -R "cat /build.prop" "$T/system.raw" >"$T/prop" 2>/dev/null
		contains "$T/prop" "ro.mediatek.platform=MT6572"
		debugfs -R "stats" "$T/system.raw" >"$T/stats" 2>/dev/null
		contains "$T/stats" "Filesystem volume name:   system"
	fi
fi
if command -v unpack_bootimg >/dev/null 2>&1; then
	unpack_bootimg --boot_img "$P/recovery.img" --out "$T/rec" >"$T/ub" 2>&1 && pass || fail "unpack_bootimg"
	# the ramdisk starts with the 512-byte MTK header named RECOVERY
	python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); assert d[:4]==bytes.fromhex("88168858") and d[8:16]==b"RECOVERY"' \
		"$T/rec/ramdisk" && pass || fail "recovery ramdisk MTK header"
fi
done_testing
