#!/bin/sh
# mtkfw profile on real firmware: EMI tables with decoded makers, LCM names, kernel versions,
# logo resolutions, and one clear error for malformed input. Expected values come from xxd,
# strings and grep on the corpus files (see the comments), not from mtkfw's own output.
. "$MTKFW_SRC/tests/cli/lib.sh"

# build.prop read out of a system image (raw ext4 and sparse) made here with mke2fs -d; a cache
# image without one is skipped in a folder and an error on its own.
if command -v mke2fs >/dev/null 2>&1; then
	mkdir -p "$T/root" "$T/empty" "$T/pkg"
	printf 'ro.product.model=Ext Four\nro.product.device=extfour\nro.mediatek.platform=MT6572\n' >"$T/root/build.prop"
	mke2fs -q -t ext4 -d "$T/root" "$T/pkg/system.img" 4M >/dev/null 2>&1
	mke2fs -q -t ext4 -d "$T/empty" "$T/pkg/cache.img" 2M >/dev/null 2>&1
	expect 0 "$MTKFW_BIN" profile --json "$T/pkg"
	json_eq "$T/out" "j['build']['file']" "system.img:/build.prop"
	json_eq "$T/out" "j['build']['model']" "Ext Four"
	json_eq "$T/out" "(j['platform'], j['project'])" "('MT6572', 'extfour')"
	json_eq "$T/out" "j['problems']" "[]"
	expect 2 "$MTKFW_BIN" profile "$T/pkg/cache.img"
	contains "$T/err" "build.prop"
	if command -v img2simg >/dev/null 2>&1; then
		img2simg "$T/pkg/system.img" "$T/sparse.img"
		expect 0 "$MTKFW_BIN" profile --json "$T/sparse.img"
		json_eq "$T/out" "j['build']['device']" extfour
	fi
fi

# Malformed input made here: one line on stderr, exit 2, never a crash.
head -c 4000 /dev/zero >"$T/zero"
expect 2 "$MTKFW_BIN" profile "$T/zero"
contains "$T/err" "not a preloader"
expect 2 "$MTKFW_BIN" profile "$T/no-such-file"
expect 2 "$MTKFW_BIN" profile
expect 2 "$MTKFW_BIN" profile a b

corpus_or_done AllegroROM_4.2.2_mt6572/A516_S117/scatter mtkclient/preloader_bird72_cwet_a_kk_6572.bin Mobiwire_S10 \
	android_device_lenovo_a369i-twrp/kernel
A516=$(corpus AllegroROM_4.2.2_mt6572/A516_S117/scatter)
BIRD=$(corpus mtkclient/preloader_bird72_cwet_a_kk_6572.bin)
MOBI=$(corpus Mobiwire_S10)
A369=$(corpus android_device_lenovo_a369i-twrp/kernel)

# A scatter package: xxd shows one EMI entry 15 01 00 4E 35 55 30 30 4D at 0x17EEC.
expect 0 "$MTKFW_BIN" profile --json "$A516"
json_eq "$T/out" "j['platform']" MT6572
json_eq "$T/out" "j['project']" a516_row
json_eq "$T/out" "j['storage']" EMMC
json_eq "$T/out" "j['preloader']['kind']" raw
json_eq "$T/out" "j['preloader']['emi_offset']" $((0x17E78))
json_eq "$T/out" "j['preloader']['file_info']['file_len']" 98488
json_eq "$T/out" "len(j['preloader']['emi'])" 1
json_eq "$T/out" "j['preloader']['emi'][0]['flash_id']" 1501004e355530304d
json_eq "$T/out" "j['preloader']['emi'][0]['maker']" Samsung
json_eq "$T/out" "j['preloader']['emi'][0]['product']" N5U00M
json_eq "$T/out" "j['preloader']['emi'][0]['freq_mhz']" 266
json_eq "$T/out" "j['preloader']['emi'][0]['dram_size']" 536870912
json_eq "$T/out" "j['preloader']['emi'][0]['type']" "MCP(eMMC+LPDDR2)"
json_eq "$T/out" "sorted(j['lk']['lcm'])" "['hx8369b_fwvga_dsi_vdo', 'otm8018b_dsi_vdo']"
json_eq "$T/out" "(j['logo']['count'], j['logo']['width'], j['logo']['height'], j['logo']['bpp'])" "(43, 480, 854, 16)"
json_eq "$T/out" "j['layout']['mbr_start']" 6291456
json_eq "$T/out" "j['kernel']" None
expect 0 "$MTKFW_BIN" profile "$A516"
contains "$T/out" "Samsung"
contains "$T/out" "480x854"
# The scatter itself stands for its package.
expect 0 "$MTKFW_BIN" profile --json "$A516/MT6572_Android_scatter.txt"
json_eq "$T/out" "(j['project'], len(j['preloader']['emi']), len(j['lk']['lcm']), j['logo']['count'])" "('a516_row', 1, 2, 43)"

# A bare block (mtkclient keeps them): 8 entries, makers from the MID bytes.
expect 0 "$MTKFW_BIN" profile --json "$BIRD"
json_eq "$T/out" "j['preloader']['kind']" emi
json_eq "$T/out" "[e['maker'] for e in j['preloader']['emi']]" \
	"['Samsung', 'SK Hynix', 'Toshiba', 'Kingston', 'SanDisk', 'SK Hynix', 'Toshiba', 'Samsung']"
json_eq "$T/out" "j['project']" bird72_cwet_a_kk
json_eq "$T/out" "j['preloader']['file_info']" None

# id_length 0 lists flash_id "" (contracts.md): clear entry 0's id_length at 0x70 + 0x14.
cp "$BIRD" "$T/zero.bin"
printf '\000\000\000\000' | dd of="$T/zero.bin" bs=1 seek=$((0x84)) conv=notrunc 2>/dev/null
expect 0 "$MTKFW_BIN" profile --json "$T/zero.bin"
json_eq "$T/out" "j['preloader']['emi'][0]['flash_id']" ""
json_eq "$T/out" "j['preloader']['emi'][0]['maker']" None

# A version whose entry layout is unknown is named, counted and not decoded: a v13 block with
# 178-byte entries (bird72's eight entries plus 10 bytes each, appended).
cp "$BIRD" "$T/v13.bin"
printf '13' | dd of="$T/v13.bin" bs=1 seek=18 conv=notrunc 2>/dev/null
head -c 80 /dev/zero >>"$T/v13.bin"
expect 0 "$MTKFW_BIN" profile --json "$T/v13.bin"
json_eq "$T/out" "j['preloader']['emi_version']" v13
json_eq "$T/out" "j['preloader']['emi_supported']" False
json_eq "$T/out" "j['preloader']['emi']" "[]"
expect 0 "$MTKFW_BIN" profile "$T/v13.bin"
contains "$T/out" "MTK_BLOADER_INFO_v13"
contains "$T/out" "not supported"

# A readback folder: boot1 with EMMC_BOOT/BRLYT, 6 entries, three LCMs in lk, 480x800 logo.
expect 0 "$MTKFW_BIN" profile --json "$MOBI"
json_eq "$T/out" "j['preloader']['kind']" boot1
json_eq "$T/out" "j['preloader']['boot1']['total_size']" 133120
json_eq "$T/out" "len(j['preloader']['emi'])" 6
json_eq "$T/out" "j['preloader']['emi'][0]['flash_id']" 90014a483447326111
json_eq "$T/out" "j['lk']['lcm']" "['ili9806e_dsi_wvga_vdo_hlt', 'otm8019a_wvga_dsi_vdo', 'st7701_wvga_dsi_vdo']"
json_eq "$T/out" "(j['logo']['width'], j['logo']['height'])" "(480, 800)"

# A bare XZ zImage: strings on the decompressed payload shows these.
expect 0 "$MTKFW_BIN" profile --json "$A369"
json_eq "$T/out" "j['kernel']['compression']" xz
json_eq "$T/out" "j['kernel']['version'].split(' (')[0]" "Linux version 3.4.67"
json_eq "$T/out" "'otm8018b_fwvga_dsi_vdo_boe' in j['kernel']['lcm']" True
json_eq "$T/out" "j['kernel']['touch']" "['msg2133']"
if have_corpus AllegroROM_4.2.2_mt6572/A516_S117/Other/boot/zImage; then
	expect 0 "$MTKFW_BIN" profile --json "$MTKFW_CORPUS/AllegroROM_4.2.2_mt6572/A516_S117/Other/boot/zImage"
	json_eq "$T/out" "j['kernel']['version'].split(' (')[0]" "Linux version 3.4.5"
	json_eq "$T/out" "j['kernel']['compression']" gzip
fi

# Malformed corpus files: one line on stderr, exit 2, never a crash.
head -c 5000 "$MOBI/preloader_and_dsp" >"$T/cut.bin"
expect 2 "$MTKFW_BIN" profile "$T/cut.bin"
one_line_error
contains "$T/err" "cut.bin"
head -c 200 "$BIRD" >"$T/cut_emi.bin"
expect 2 "$MTKFW_BIN" profile --json "$T/cut_emi.bin"
json_eq "$T/out" 'list(j)' "['error']" # no profile, the error object alone (contracts.md)
head -c 100000 "$A369" >"$T/cut_kernel"
expect 2 "$MTKFW_BIN" profile "$T/cut_kernel"
# A file the scatter names that does not parse (a sparse image of no ext4: an F2FS userdata)
# was listed twice under problems, once as the package's file, once as the folder's.
if command -v img2simg >/dev/null 2>&1; then
	mkdir "$T/dup"
	head -c 65536 /dev/urandom >"$T/noext.raw"
	img2simg "$T/noext.raw" "$T/dup/userdata.img" 4096
	printf -- '- general: MTK_PLATFORM_CFG\n  info: \n    - config_version: V1.1.2\n      platform: MT6572\n      project: t\n      storage: EMMC\n- partition_index: SYS0\n  partition_name: PRELOADER\n  file_name: NONE\n  is_download: false\n  linear_start_addr: 0x0\n  physical_start_addr: 0x0\n  partition_size: 0x40000\n  region: EMMC_BOOT_1\n- partition_index: SYS1\n  partition_name: USRDATA\n  file_name: userdata.img\n  is_download: true\n  linear_start_addr: 0x600000\n  physical_start_addr: 0x0\n  partition_size: 0x100000\n  region: EMMC_USER\n' >"$T/dup/MT6572_Android_scatter.txt"
	expect 0 "$MTKFW_BIN" profile --json "$T/dup"
	json_eq "$T/out" "len(j['problems'])" 1
fi
done_testing
