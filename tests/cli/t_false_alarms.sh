#!/bin/sh
# False alarms teach people to ignore mtkfw (issue #13 hole 6): a readback tool's scatter project
# compared with the phone's own preloader, `ok` for a folder that flashes nothing. (The compat
# count wording is in t_compat.sh; refusals that need two options in t_flash_package_sim.sh.)
. "$MTKFW_SRC/tests/cli/lib.sh"
M="$MTKFW_BIN"

# ---- a folder that flashes nothing: a scatter alone ----
mkdir -p "$T/only"
printf '%s\n' "- general: MTK_PLATFORM_CFG" "  info:" "    - config_version: V1.1.1" "      platform: MT6572" \
	"- partition_index: SYS0" "  partition_name: NVRAM" "  file_name: NONE" "  is_download: false" \
	"  linear_start_addr: 0x700000" "  partition_size: 0x500000" >"$T/only/MT6572_Android_scatter.txt"
expect 1 "$M" check --json "$T/only"
json_eq "$T/out" "[(f['severity'], f['code']) for f in j['findings'] if f['code'] == 'nothing-to-flash']" "[('error', 'nothing-to-flash')]"
json_eq "$T/out" "j['ok']" False

corpus_or_done Mobiwire_S10/MT6572_Android_scatter.txt

# The Mobiwire S10 scatter (an MTK Droid Tools readback) with every file NONE: nothing ticked.
mkdir -p "$T/none"
sed 's/file_name: .*/file_name: NONE/' "$MTKFW_CORPUS/Mobiwire_S10/MT6572_Android_scatter.txt" >"$T/none/MT6572_Android_scatter.txt"
expect 1 "$M" check "$T/none"
contains "$T/out" "error nothing-to-flash -: nothing would be flashed: the scatter marks no partition with a file for download"
contains "$T/out" "NOT ready to flash, 1 error,"
# The same scatter alone, its files named but absent: missing files, and nothing to flash.
mkdir -p "$T/alone"
cp "$MTKFW_CORPUS/Mobiwire_S10/MT6572_Android_scatter.txt" "$T/alone/"
expect 1 "$M" check "$T/alone"
contains "$T/out" "error nothing-to-flash -: nothing would be flashed: none of the files the scatter marks for download is in the folder"

# ---- MTK Droid Tools' project "MTDTtest" is not the firmware's: no 4032 warning ----
expect 1 "$M" check --json "$MTKFW_CORPUS/Mobiwire_S10"
json_eq "$T/out" "[f['code'] for f in j['findings'] if f['code'] == 'project-mismatch']" "[]"
json_eq "$T/out" "[f['severity'] for f in j['findings'] if f['code'] == 'readback-scatter']" "['info']"
# The project a profile gives is the preloader's (its EMI block's file name), not the tool's.
strings "$MTKFW_CORPUS/Mobiwire_S10/preloader_and_dsp" | grep -o 'preloader_[a-z0-9_]*\.bin' | head -n 1 >"$T/name"
expect 0 "$M" profile --json "$MTKFW_CORPUS/Mobiwire_S10"
json_eq "$T/out" "'preloader_' + j['project'] + '.bin'" "$(cat "$T/name")"
# A firmware's own scatter still gets the warning against another board's preloader.
if have_corpus fly-iq-4407-scatter/MT6572_Android_scatter.txt; then
	mkdir -p "$T/other"
	cp "$MTKFW_CORPUS/fly-iq-4407-scatter/MT6572_Android_scatter.txt" "$T/other/"
	cp "$MTKFW_CORPUS/Mobiwire_S10/preloader_and_dsp" "$T/other/"
	expect 1 "$M" check --json "$T/other"
	json_eq "$T/out" "[f['partition'] for f in j['findings'] if f['code'] == 'project-mismatch']" "['PRELOADER']"
fi

done_testing
