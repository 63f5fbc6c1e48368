#!/bin/sh
# mtkfw scatter: JSON fields per the contract, conversions, and hostile input.
. "$MTKFW_SRC/tests/cli/lib.sh"

# Hostile input needs no corpus.
printf '' >"$T/empty.txt"
expect 2 "$MTKFW_BIN" scatter "$T/empty.txt"
one_line_error
head -c 4096 /dev/urandom >"$T/garbage.bin"
expect 2 "$MTKFW_BIN" scatter "$T/garbage.bin"
one_line_error
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "P%d 0x%x\n", i, i * 512 }' >"$T/many.txt"
expect 2 "$MTKFW_BIN" scatter "$T/many.txt"
contains "$T/err" "more than 1024 partitions"
printf 'A 0x0\n' >"$T/long.txt"
head -c 10485760 /dev/zero | tr '\0' 'A' >>"$T/long.txt"
expect 2 "$MTKFW_BIN" scatter "$T/long.txt"
contains "$T/err" "long.txt"
printf -- '- partition_index: SYS0\n  partition_name: A\n  linear_start_addr: 0x99999999999999999999\n' >"$T/absurd.txt"
expect 2 "$MTKFW_BIN" scatter --json "$T/absurd.txt"
contains "$T/err" "line 3"
json_eq "$T/out" 'list(j)' "['error']" # a failure: the error object alone (contracts.md)
expect 2 "$MTKFW_BIN" scatter "$T/missing.txt"
expect 2 "$MTKFW_BIN" scatter --to yaml "$T/empty.txt"
expect 2 "$MTKFW_BIN" scatter --to xml -o "$T/x" "$T/empty.txt"

if have_corpus wiko_s4050ap_part_layout/MT6572_Android_scatter.txt; then
	W=$(corpus wiko_s4050ap_part_layout/MT6572_Android_scatter.txt)
	expect 0 "$MTKFW_BIN" scatter --json "$W"
	cp "$T/out" "$T/w.json"
	json_eq "$T/w.json" 'j["format"]' yaml
	json_eq "$T/w.json" 'j["config_version"]' V1.1.1
	json_eq "$T/w.json" 'j["platform"]' MT6572
	json_eq "$T/w.json" 'j["project"]' s4050ap
	json_eq "$T/w.json" 'len(j["partitions"])' "$(grep -c '^- partition_index' "$W")"
	json_eq "$T/w.json" 'j["partitions"][0]["name"]' PRELOADER
	json_eq "$T/w.json" '[p for p in j["partitions"] if p["name"]=="BMTPOOL"][0]["linear_start"]' 4294901928
	json_eq "$T/w.json" '[p for p in j["partitions"] if p["name"]=="BMTPOOL"][0]["file"]' None
	json_eq "$T/w.json" '[p for p in j["partitions"] if p["name"]=="LOGO"][0]["linear_start"]' $((0x4e40000))
	json_eq "$T/w.json" '[p for p in j["partitions"] if p["name"]=="LOGO"][0]["size"]' $((0x300000))
	json_eq "$T/w.json" '[p for p in j["partitions"] if p["name"]=="LOGO"][0]["download"]' True
fi

if have_corpus device_lenovo_s960_twrp_tree/MT6589_Android_scatter_emmc.txt; then
	L=$(corpus device_lenovo_s960_twrp_tree/MT6589_Android_scatter_emmc.txt)
	expect 0 "$MTKFW_BIN" scatter --json "$L"
	json_eq "$T/out" 'j["format"]' legacy
	json_eq "$T/out" '[p["download"] for p in j["partitions"] if p["name"]=="PMT"][0]' False
	json_eq "$T/out" 'j["partitions"][3]["size"]' None
fi

if have_corpus MTK6572-pe900s/ota_scatter.txt; then
	O=$(corpus MTK6572-pe900s/ota_scatter.txt)
	expect 0 "$MTKFW_BIN" scatter --json "$O"
	json_eq "$T/out" 'j["format"]' ota
	json_eq "$T/out" 'len(j["partitions"])' "$(grep -c . "$O")"
fi

# Conversions: ptgen's own YAML comes back byte for byte; legacy and back keeps the addresses.
if have_corpus MTK6572-pe900s/MT6572_Android_scatter.txt; then
	P=$(corpus MTK6572-pe900s/MT6572_Android_scatter.txt)
	expect 0 "$MTKFW_BIN" scatter --to yaml -o "$T/p.txt" "$P"
	cmp -s "$P" "$T/p.txt" && pass || fail "pe900s scatter not written back byte for byte"
	expect 0 "$MTKFW_BIN" scatter --to legacy -o "$T/MT6572_legacy.txt" "$P"
	contains "$T/MT6572_legacy.txt" "__NODL_BMTPOOL 0xFFFF00a8"
	expect 0 "$MTKFW_BIN" scatter --to yaml -o - "$T/MT6572_legacy.txt"
	contains "$T/out" "  linear_start_addr: 0x4340000"
	contains "$T/out" "  file_name: system.img"
	expect 0 "$MTKFW_BIN" scatter --to ota -o - "$P"
	contains "$T/out" "UBOOT 0x2920000"
	lacks "$T/out" "{"
fi

done_testing
