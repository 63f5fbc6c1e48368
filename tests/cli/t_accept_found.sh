#!/bin/sh
# Shapes met in real MediaTek files from public repositories we had not built on (a pasted
# /proc/dumchar_info, a readback scatter's BMTPOOL 0xFFFF0000), rebuilt here by hand in a few lines.
. "$MTKFW_SRC/tests/cli/lib.sh"

# dumchar_info as posted from a terminal: a command line above the header, column notes below.
# Three rows, so info and layout must both say 3 (not the 8 lines of text).
{
	printf 'cat /proc/dumchar_info\n'
	printf 'Part_Name\tSize\tStartAddr\tType\tMapTo\n'
	printf 'preloader    0x0000000000600000   0x0000000000000000   2   /dev/misc-sd\n'
	printf 'android      0x0000000040000000   0x0000000004180000   2   /dev/block/mmcblk0p5\n'
	printf 'bmtpool      0x0000000001500000   0x00000000ff9f00a8   2   /dev/block/mmcblk0\n'
	printf 'Part_Name:Partition name you should open;\nSize:size of partition\n\n'
} >"$T/dumchar_info"
expect 0 "$MTKFW_BIN" info --json "$T/dumchar_info"
json_eq "$T/out" "(j['type'], j['partitions'])" "('dumchar_info', 3)"
expect 0 "$MTKFW_BIN" layout --json "$T/dumchar_info"
json_eq "$T/out" "[(p['name'], p['start']) for p in j['partitions']]" \
	"[('preloader', 0), ('android', $((0x4180000))), ('bmtpool', None)]"
json_eq "$T/out" "j['partitions'][2]['from_end']" "$((0x1500000))"
# the same without the command line: still 3, not 5 (the notes are no rows)
sed 1d "$T/dumchar_info" >"$T/dumchar2"
expect 0 "$MTKFW_BIN" info --json "$T/dumchar2"
json_eq "$T/out" "j['partitions']" 3

# BMTPOOL written as 0xFFFF0000 (a count of 0 blocks) with its real size: reserved at the end.
cat >"$T/MT6572_Android_scatter.txt" <<'S'
- general: MTK_PLATFORM_CFG
  info:
    - config_version: V1.1.1
      platform: MT6572
      storage: EMMC
      block_size: 0x20000
- partition_index: SYS0
  partition_name: MBR
  file_name: NONE
  is_download: false
  linear_start_addr: 0xC00000
  partition_size: 0x80000
  region: EMMC_USER
- partition_index: SYS1
  partition_name: BMTPOOL
  file_name: NONE
  is_download: false
  linear_start_addr: 0xFFFF0000
  partition_size: 0x1500000
  region: EMMC_USER
S
expect 0 "$MTKFW_BIN" layout --json "$T/MT6572_Android_scatter.txt"
json_eq "$T/out" "j['partitions'][1]['from_end']" "$((0x1500000))"
expect 0 "$MTKFW_BIN" layout "$T/MT6572_Android_scatter.txt"
contains "$T/out" "end-0x1500000"

# A GPT-era OTA scatter: no MBR, PGPT at 0 starts the user area; no "assumed" guess.
printf 'preloader 0x0\npgpt 0x0\nproinfo 0x80000\nsgpt 0xFFFF0004\n' >"$T/ota.txt"
expect 0 "$MTKFW_BIN" layout --json "$T/ota.txt"
json_eq "$T/out" "[(p['name'], p['area'], p['start']) for p in j['partitions'][:3]]" \
	"[('preloader', 'boot1', 0), ('pgpt', 'user', 0), ('proinfo', 'user', $((0x80000)))]"
expect 0 "$MTKFW_BIN" scatter "$T/ota.txt"
lacks "$T/err" "assumed"

# A scatter whose project is the build's product "full_<project>" (a public MT6592 package:
# full_s5260 beside preloader_s5260.bin) is the preloader's own project: no warning. Another
# board's project still warns.
if [ -n "${MTKFW_SAMPLEGEN:-}" ] && [ -x "$MTKFW_SAMPLEGEN" ]; then
	expect 0 "$MTKFW_SAMPLEGEN" "$T/pkg" --project s5260
	sed 's/^\(  *project: \).*/\1full_s5260/' "$T/pkg/MT6572_Android_scatter.txt" >"$T/sc" &&
		mv "$T/sc" "$T/pkg/MT6572_Android_scatter.txt"
	contains "$T/pkg/MT6572_Android_scatter.txt" "project: full_s5260"
	expect 0 "$MTKFW_BIN" check --json "$T/pkg"
	json_eq "$T/out" "[f['code'] for f in j['findings'] if f['code'] == 'project-mismatch']" "[]"
	sed 's/^\(  *project: \).*/\1full_other/' "$T/pkg/MT6572_Android_scatter.txt" >"$T/sc" &&
		mv "$T/sc" "$T/pkg/MT6572_Android_scatter.txt"
	expect 0 "$MTKFW_BIN" check --json "$T/pkg" # a warning, not an error
	json_eq "$T/out" "[f['code'] for f in j['findings'] if f['code'] == 'project-mismatch']" "['project-mismatch']"
fi

# build.prop whose model starts with the brand (Micromax "Micromax Q340"): the brand once.
printf 'ro.build.id=LRX21M\nro.product.brand=Micromax\nro.product.model=Micromax Q340\nro.product.device=Q340\nro.build.version.release=5.0\n' >"$T/b.prop"
expect 0 "$MTKFW_BIN" profile "$T/b.prop"
contains "$T/out" ": Micromax Q340 (device Q340)"
lacks "$T/out" "Micromax Micromax"
printf 'ro.build.id=JDQ39\nro.product.brand=MobiWire\nro.product.model=MobiPrint\nro.build.version.release=4.2.2\n' >"$T/c.prop"
expect 0 "$MTKFW_BIN" profile "$T/c.prop"
contains "$T/out" ": MobiWire MobiPrint (device"

done_testing
