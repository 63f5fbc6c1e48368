#!/bin/sh
# mtkfw check: exit codes, text and JSON on packages made by mtkfw-samplegen (clean and each
# classic mistake), on real corpus folders (values read by hand from the files), and on
# unreadable input.
. "$(dirname "$0")/lib.sh"
M=$MTKFW_BIN

# usage and unreadable input: exit 2, one clear line
expect 2 "$M" check
expect 2 "$M" check a b
expect 2 "$M" check "$T/nonexistent"
one_line_error
mkdir "$T/empty"
expect 2 "$M" check "$T/empty"
contains "$T/err" "no scatter file"
printf '\001\002\377garbage' >"$T/empty/MT6572_Android_scatter.txt"
expect 2 "$M" check "$T/empty/MT6572_Android_scatter.txt"
one_line_error
expect 0 "$M" check --help
contains "$T/out" "mtkfw check [--json] PKG"

if [ -n "${MTKFW_SAMPLEGEN:-}" ] && [ -x "$MTKFW_SAMPLEGEN" ]; then
	G=$MTKFW_SAMPLEGEN
	expect 0 "$G" "$T/clean"
	expect 0 "$M" check "$T/clean"
	contains "$T/out" ": ok, 0 errors, 0 warnings, 0 notes"
	expect 0 "$M" check --json "$T/clean/MT6572_Android_scatter.txt"
	json_eq "$T/out" 'j["ok"]' True
	json_eq "$T/out" 'sum(1 for f in j["findings"] if f["severity"] != "info")' 0
	# the generator is reproducible: a second run gives the same bytes
	expect 0 "$G" "$T/clean2"
	(cd "$T/clean" && sha256sum -- *) >"$T/sums1"
	(cd "$T/clean2" && sha256sum -- *) >"$T/sums2"
	if cmp -s "$T/sums1" "$T/sums2"; then pass; else fail "mtkfw-samplegen output differs between runs"; fi

	expect 0 "$G" "$T/big" --broken oversize
	expect 1 "$M" check --json "$T/big"
	json_eq "$T/out" 'j["ok"]' False
	json_eq "$T/out" '[f["partition"] for f in j["findings"] if f["code"] == "image-too-big"]' "['UBOOT']"
	json_eq "$T/out" 'sorted(j["findings"][0].keys())' "['code', 'message', 'partition', 'severity']"
	# the file really is 0x60000 + 512 bytes: the message says so
	size=$(wc -c <"$T/big/lk.bin")
	[ "$size" -eq 393728 ] && pass || fail "lk.bin is $size bytes"
	contains "$T/out" "393728 bytes"

	expect 0 "$G" "$T/id" --broken identity --broken missing
	expect 1 "$M" check "$T/id"
	contains "$T/out" "error identity-download NVRAM: "
	contains "$T/out" "error file-missing BOOTIMG: boot.img is not in the folder"
	contains "$T/out" "NOT ready to flash, 2 errors"
	expect 0 "$G" "$T/stale" --broken stale-checksum
	expect 1 "$M" check "$T/stale"
	contains "$T/out" "error checksum-mismatch SEC_RO: secro.img sums to"

	expect 0 "$G" "$T/plat" --broken platform
	expect 1 "$M" check "$T/plat"
	contains "$T/out" "error platform-mismatch PRELOADER:"
	contains "$T/out" "ro.mediatek.platform=MT6572"

	# files renamed as a readback tool names them are found by content
	mv "$T/clean/boot.img" "$T/clean/ROM_2"
	mv "$T/clean/logo.bin" "$T/clean/ROM_5"
	expect 0 "$M" check "$T/clean"
	contains "$T/out" "info found-by-content BOOTIMG: boot.img is not in the folder; ROM_2 is a boot image"
	contains "$T/out" "info found-by-content LOGO:"
else
	echo "note: mtkfw-samplegen not built; generated-package cases skipped"
fi

# the codes are explained
expect 0 "$M" explain image-too-big
contains "$T/out" "5069"
expect 0 "$M" explain identity-download

# Lenovo A516: boot.img, recovery.img, system/cache/userdata absent (ls); MBR/EBR1 agree.
if have_corpus AllegroROM_4.2.2_mt6572/A516_S117/scatter; then
	d=$(corpus AllegroROM_4.2.2_mt6572/A516_S117/scatter)
	expect 1 "$M" check "$d"
	contains "$T/out" "error file-missing BOOTIMG: boot.img"
	contains "$T/out" "error file-missing USRDATA: userdata.img"
	lacks "$T/out" "mbr-disagrees"
	lacks "$T/out" "UBOOT"
	contains "$T/out" "5 errors, 0 warnings"
	expect 1 "$M" check --json "$d/MT6572_Android_scatter.txt"
	json_eq "$T/out" 'len([f for f in j["findings"] if f["severity"] == "error"])' 5
fi
# Wiko s4050ap: its scatter ticks NVRAM (nvram.bin) for download.
if have_corpus wiko_s4050ap_part_layout; then
	expect 1 "$M" check "$(corpus wiko_s4050ap_part_layout)"
	contains "$T/out" "error identity-download NVRAM: NVRAM is selected for download (nvram.bin)"
fi
# Infinix x5511B, a signed build: Checksum.ini lists the sums of the -verified lk, logo and secro
# (t_package_model.sh sums them by hand), which are the files SP Flash Tool sends.
if have_corpus device_x5511B_dump; then
	expect 1 "$M" check "$(corpus device_x5511B_dump)"
	contains "$T/out" "info signed-image lk: lk-verified.bin is the signed build of lk.bin"
	lacks "$T/out" "checksum-mismatch"
	contains "$T/out" "5 errors"
fi
# A GPT-era factory scatter (block_size 0x20000, partitions in 32 KiB steps after the PGPT, as
# MT6739/MT6765/MT6771 ptgen writes them) drew a "misaligned ... as ptgen lays partitions out"
# warning for each start off 0x20000; a start off 32 KiB still draws one.
mkdir "$T/gpt"
python3 -c 'import sys
parts = [("preloader", 0x0, 0x40000, "EMMC_BOOT1_BOOT2"), ("pgpt", 0x0, 0x8000, "EMMC_USER"),
         ("boot_para", 0x8000, 0x100000, "EMMC_USER"), ("recovery", 0x108000, 0x1800000, "EMMC_USER"),
         ("frp", 0x1908000, 0x100000, "EMMC_USER"), ("odd", 0x1a0a000, 0x100000, "EMMC_USER")]
t = "- general: MTK_PLATFORM_CFG\n  info: \n    - config_version: V1.1.6\n      platform: MT6739\n      project: t\n      storage: EMMC\n      boot_channel: MSDC_0\n      block_size: 0x20000\n"
for i, (n, a, z, r) in enumerate(parts):
    t += "- partition_index: SYS%d\n  partition_name: %s\n  file_name: NONE\n  is_download: false\n  type: NORMAL_ROM\n  linear_start_addr: 0x%x\n  physical_start_addr: 0x%x\n  partition_size: 0x%x\n  region: %s\n  storage: HW_STORAGE_EMMC\n  boundary_check: true\n  is_reserved: false\n  operation_type: INVISIBLE\n  reserve: 0x00\n\n" % (i, n, a, a, z, r)
open(sys.argv[1], "w").write(t)' "$T/gpt/MT6739_Android_scatter.txt"
"$M" check --json "$T/gpt" >"$T/out" 2>"$T/err"
json_eq "$T/out" '[f["partition"] for f in j["findings"] if f["code"]=="misaligned"]' "['odd']"
done_testing
