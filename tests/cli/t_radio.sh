#!/bin/sh
# The radio: `mtkfw info` on modem images, stubs, DbgInfo and BPLGUInfo files; `mtkfw profile`
# finding the modem and the mddb names in a system image (raw and sparse, made here with
# mke2fs -d around a modem file); `mtkfw compat`'s radio row for the same modem, another board's,
# a band variant, a stub, an mddb naming another build, and a phone known only by its
# gsm.version.baseband. Expected values are read from the modem files with dd, od and strings
# at the offsets of specs/modem.md (project at end-416, flavor -288, verno -252, type -168,
# platform -164, build time -148), never from mtkfw's output.
#
# The checks run twice: on a small modem we make (fuzz/corpus/fuzz_modem/trailer_v2.img, written
# by the library's trailer writer), so a clone without ../shared runs them, and on the real Fly
# IQ434 modem of the corpus. Other boards' modems and band variants are made from either with
# mtkfw-modemtag (tools/modemtag.c), which rewrites trailer fields through the same writer.
. "$MTKFW_SRC/tests/cli/lib.sh"

TAG="$MTKFW_BUILD/mtkfw-modemtag"
SEED="$MTKFW_SRC/fuzz/corpus/fuzz_modem/trailer_v2.img"

# text OFFSET SIZE FILE: the NUL-padded text field OFFSET bytes before FILE's end.
text() {
	n=$(wc -c <"$3")
	dd if="$3" bs=1 skip=$((n - $1)) count="$2" 2>/dev/null | tr -d '\000'
}
# u32 OFFSET FILE: the little-endian word OFFSET bytes before the end.
u32() {
	n=$(wc -c <"$2")
	od -An -tu4 -j $((n - $1)) -N 4 "$2" | tr -d ' '
}
type_name() { case $1 in 1) echo 2G ;; 2) echo 3G ;; 3) echo WG ;; 4) echo TG ;; 5) echo LWG ;; 6) echo LTG ;; esac; }

risk() { json_get "$T/out" "[r for r in j['risks'] if r['code']=='$1'][0]['$2']"; }
radio_is() {
	got=$(risk radio level)
	if [ "$got" = "$1" ]; then pass; else fail "radio is '$got', wanted '$1': $(risk radio evidence)"; fi
}
radio_says() {
	if risk radio "$1" | grep -qF -- "$2"; then pass; else fail "radio $1 lacks '$2': $(risk radio "$1")"; fi
}

# sysimg DIR MODEM NAME [MDDB...]: DIR/system.img, an ext4 with MODEM as /etc/firmware/NAME and
# empty CATD files named MDDB in /etc/mddb.
sysimg() {
	d=$1 m=$2 nm=$3
	shift 3
	rm -rf "$d" "$T/tree"
	mkdir -p "$d" "$T/tree/etc/firmware" "$T/tree/etc/mddb"
	cp "$m" "$T/tree/etc/firmware/$nm"
	for db in "$@"; do printf CATD >"$T/tree/etc/mddb/$db"; done
	mke2fs -q -F -t ext4 -b 4096 -d "$T/tree" "$d/system.img" 16M >/dev/null 2>&1 || fail "mke2fs $d"
}

# ---- info, without the corpus -------------------------------------------------------------
expect 0 "$MTKFW_BIN" info --json "$SEED"
json_eq "$T/out" "j['type']" modem
json_eq "$T/out" "j['modem']['project']" "$(text 416 128 "$SEED")"
json_eq "$T/out" "j['modem']['verno']" "$(text 252 64 "$SEED")"
json_eq "$T/out" "j['modem']['build_time']" "$(text 148 64 "$SEED")"
json_eq "$T/out" "j['modem']['type']" "$(type_name "$(u32 168 "$SEED")")"
json_eq "$T/out" "sorted(k for k in ['file','project','flavor','verno','platform','type','build_time','mddb'] if k in j['modem'])" \
	"['build_time', 'file', 'flavor', 'mddb', 'platform', 'project', 'type', 'verno']"
expect 0 "$MTKFW_BIN" info "$SEED"
contains "$T/out" "$(text 416 128 "$SEED")"

# A stub is named a stub, with the path it holds.
printf '/custpack/modem/modem_1_wg_n.img' >"$T/modem_1_wg_n.img"
expect 0 "$MTKFW_BIN" info --json "$T/modem_1_wg_n.img"
json_eq "$T/out" "(j['type'], j['modem']['kind'], j['modem']['target'])" \
	"('modem_stub', 'stub', '/custpack/modem/modem_1_wg_n.img')"
# A BPLGUInfo database: its identity is its name.
printf 'CATD\001\000' >"$T/BPLGUInfoCustomAppSrcP_MT6572_S00_MOLY_WR8_W1315_MD_WG_MP_V47_1_wg_n"
expect 0 "$MTKFW_BIN" info --json "$T/BPLGUInfoCustomAppSrcP_MT6572_S00_MOLY_WR8_W1315_MD_WG_MP_V47_1_wg_n"
json_eq "$T/out" "(j['type'], j['modem']['platform'], j['modem']['verno'], j['modem']['type'])" \
	"('mddb', 'MT6572_S00', 'MOLY.WR8.W1315.MD.WG.MP.V47', 'WG')"
# ARM code without a trailer, and a modem cut before its trailer, are plain data.
head -c 32 "$SEED" >"$T/arm.bin"
head -c 4000 /dev/zero >>"$T/arm.bin"
expect 0 "$MTKFW_BIN" info --json "$T/arm.bin"
json_eq "$T/out" "j['type']" data
head -c 300 "$SEED" >"$T/cut.img"
expect 0 "$MTKFW_BIN" info --json "$T/cut.img"
json_eq "$T/out" "j['type']" data
# A DbgInfo whose strings are broken: its magic matched, so it is an error, one line.
printf 'CATI\001\000\000\000\000\000\000\000\001\002' >"$T/DbgInfo_bad"
expect 2 "$MTKFW_BIN" info --json "$T/DbgInfo_bad"
one_line_error
contains "$T/err" "DbgInfo_bad"

# ---- profile and compat on system images made here -----------------------------------------
# radio_cases LABEL MODEM NAME DB OTHER_DB: the whole set on one modem file. DB names the modem
# (its build's BPLGUInfo name), OTHER_DB another build's.
radio_cases() {
	L=$1 M=$2 NM=$3 DB=$4 ODB=$5
	P=$(text 416 128 "$M") V=$(text 252 64 "$M") BT=$(text 148 64 "$M") PF=$(text 164 16 "$M")
	TY=$(type_name "$(u32 168 "$M")")
	sysimg "$T/$L/fw" "$M" "$NM" "$DB"
	sysimg "$T/$L/ph" "$M" "$NM" "$DB"

	# profile: raw, then sparse
	expect 0 "$MTKFW_BIN" profile --json "$T/$L/fw"
	json_eq "$T/out" "j['modem']['file']" "system.img:/etc/firmware/$NM"
	json_eq "$T/out" "(j['modem']['project'], j['modem']['verno'], j['modem']['build_time'])" "('$P', '$V', '$BT')"
	json_eq "$T/out" "(j['modem']['platform'], j['modem']['type'])" "('$PF', '$TY')"
	json_eq "$T/out" "j['modem']['mddb']" "['$DB']"
	json_eq "$T/out" "j['problems']" "[]"
	if command -v img2simg >/dev/null 2>&1; then
		mkdir -p "$T/$L/sparse"
		img2simg "$T/$L/fw/system.img" "$T/$L/sparse/system.img"
		expect 0 "$MTKFW_BIN" profile --json "$T/$L/sparse"
		json_eq "$T/out" "(j['modem']['project'], j['modem']['build_time'], j['modem']['mddb'])" "('$P', '$BT', ['$DB'])"
		expect 0 "$MTKFW_BIN" profile "$T/$L/sparse/system.img"
		contains "$T/out" "modem:     system.img:/etc/firmware/$NM"
	fi

	# the same modem: ok
	expect 0 "$MTKFW_BIN" compat --json "$T/$L/fw" "$T/$L/ph"
	radio_is ok
	radio_says evidence "same modem"
	json_eq "$T/out" "[r['code'] for r in j['risks']].index('radio')" 4
	# another board's modem on the phone
	"$TAG" "$M" "$T/$L/other.img" --project OTHERBOARD72_WET_KK || fail "modemtag --project"
	sysimg "$T/$L/ph_other" "$T/$L/other.img" "$NM" "$DB"
	expect 1 "$MTKFW_BIN" compat --json "$T/$L/fw" "$T/$L/ph_other"
	radio_is risky
	radio_says remedy "keep the phone's modem (port it into the firmware's system)"
	radio_says evidence OTHERBOARD72_WET_KK
	# the same project and version built at another time: a band variant?
	"$TAG" "$M" "$T/$L/band.img" --build-time "2019/12/31 23:59" || fail "modemtag --build-time"
	sysimg "$T/$L/ph_band" "$T/$L/band.img" "$NM" "$DB"
	expect 1 "$MTKFW_BIN" compat --json "$T/$L/fw" "$T/$L/ph_band"
	radio_is risky
	radio_says evidence "another band variant of the same board?"
	radio_says remedy "keep the phone's modem"
	# the firmware's mddb names another build than its modem
	sysimg "$T/$L/fw_mism" "$M" "$NM" "$ODB"
	expect 1 "$MTKFW_BIN" compat --json "$T/$L/fw_mism" "$T/$L/ph"
	radio_is risky
	radio_says evidence "names another modem build ($ODB)"
	radio_says evidence "IMEI show as unknown"
	# the phone's modem is a stub (a link into TCL's /custpack): unknown
	rm -rf "$T/tree"
	mkdir -p "$T/tree/etc/firmware" "$T/$L/ph_stub"
	ln -s /custpack/modem/modem_1_wg_n.img "$T/tree/etc/firmware/modem_1_wg_n.img"
	mke2fs -q -F -t ext4 -b 4096 -d "$T/tree" "$T/$L/ph_stub/system.img" 4M >/dev/null 2>&1
	expect 0 "$MTKFW_BIN" profile --json "$T/$L/ph_stub"
	json_eq "$T/out" "(j['modem']['kind'], j['modem']['target'])" "('stub', '/custpack/modem/modem_1_wg_n.img')"
	expect 0 "$MTKFW_BIN" compat --json "$T/$L/fw" "$T/$L/ph_stub"
	radio_is unknown
	radio_says evidence "stub pointing to /custpack/modem/modem_1_wg_n.img"
	# a saved profile of the phone carries its modem
	"$MTKFW_BIN" profile --json "$T/$L/ph" >"$T/$L/ph.json"
	expect 0 "$MTKFW_BIN" compat --json "$T/$L/fw" "$T/$L/ph.json"
	radio_is ok
	"$MTKFW_BIN" profile --json "$T/$L/ph_other" >"$T/$L/ph_other.json"
	expect 1 "$MTKFW_BIN" compat --json "$T/$L/fw" "$T/$L/ph_other.json"
	radio_is risky
	# a phone known by gsm.version.baseband alone ("<verno>, <build time>")
	printf '{"build": {"baseband": "%s, %s"}}\n' "$V" "$BT" >"$T/$L/bb.json"
	expect 0 "$MTKFW_BIN" compat --json "$T/$L/fw" "$T/$L/bb.json"
	radio_is ok
	printf '{"build": {"baseband": "%s, 2019/12/31 23:59"}}\n' "$V" >"$T/$L/bb_band.json"
	expect 1 "$MTKFW_BIN" compat --json "$T/$L/fw" "$T/$L/bb_band.json"
	radio_is risky
	radio_says evidence "band variant"
	printf '{"build": {"baseband": "MOLY.WR8.W1315.MD.WG.MP.V43.P12, 2017/04/20 15:44"}}\n' >"$T/$L/bb_other.json"
	expect 1 "$MTKFW_BIN" compat --json "$T/$L/fw" "$T/$L/bb_other.json"
	radio_is risky
	# nothing known of the phone's modem
	printf '{"build": {"model": "x"}}\n' >"$T/$L/none.json"
	expect 0 "$MTKFW_BIN" compat --json "$T/$L/fw" "$T/$L/none.json"
	radio_is unknown
}

if command -v mke2fs >/dev/null 2>&1; then
	radio_cases seed "$SEED" modem_1_wg_n.img BPLGUInfoCustomAppSrcP_MT6572_S00_MOLY_WR8_W1315_MD_WG_MP_V1_1_wg_n \
		BPLGUInfoCustomAppSrcP_MT6572_S00_MOLY_WR8_W1315_MD_WG_MP_V47_1_wg_n

	# A readback folder names the system partition's dump its own way (ANDROID): found by content.
	mkdir -p "$T/readback"
	cp "$T/seed/ph_other/system.img" "$T/readback/ANDROID"
	expect 0 "$MTKFW_BIN" profile --json "$T/readback"
	json_eq "$T/out" "(j['modem']['file'], j['modem']['project'])" \
		"('ANDROID:/etc/firmware/modem_1_wg_n.img', 'OTHERBOARD72_WET_KK')"

	# A modem file that is no modem: alone, an error naming it; beside other parts, one of the
	# profile's problems.
	printf 'garbage where the modem should be, long enough not to be taken for a stub at all' >"$T/junk.img"
	sysimg "$T/junk" "$T/junk.img" modem_1_wg_n.img
	expect 2 "$MTKFW_BIN" profile --json "$T/junk"
	contains "$T/err" "system.img:/etc/firmware/modem_1_wg_n.img: not a modem image"
	printf 'ro.product.model=Junk\n' >"$T/junk/build.prop"
	expect 0 "$MTKFW_BIN" profile --json "$T/junk"
	json_get "$T/out" "j['problems']" | grep -q "system.img:/etc/firmware/modem_1_wg_n.img: not a modem image" && pass ||
		fail "junk modem: no problem naming it: $(json_get "$T/out" "j['problems']")"
	# A package whose scatter does not flash system leaves the phone's modem alone.
	if [ -x "$MTKFW_BUILD/mtkfw-samplegen" ] && "$MTKFW_BUILD/mtkfw-samplegen" "$T/pkg" >/dev/null 2>&1; then
		awk '/partition_name: ANDROID/{a=1} a&&/is_download:/{sub(/true/,"false");a=0} {print}' \
			"$T/pkg/MT6572_Android_scatter.txt" >"$T/scatter.tmp" && mv "$T/scatter.tmp" "$T/pkg/MT6572_Android_scatter.txt"
		expect 0 "$MTKFW_BIN" compat --json "$T/pkg" "$T/seed/ph_other"
		radio_is ok
		radio_says evidence "does not flash system"
	fi
fi

# ---- the corpus: the real Fly IQ434 2G modem, the Orange Pi DbgInfo, the TCL stub ---------
corpus_or_done modem/fly_iq434_mt6571/modem_1_2g_n.img modem/alcatel_pixi3_4_4013d/modem_1_wg_n.img.stub \
	modem/alcatel_pixi3_4_4013d/build.prop \
	"modem/orangepi3g_hexing72_wg_b28/DbgInfo_WR8.W1315.MD.WG.MP_HEXING72_CWET_KK_HSPA_MOLY_WR8_W1315_MD_WG_MP_V47_2017_09_20_22_17_1_wg_n"
FLY=$(corpus modem/fly_iq434_mt6571/modem_1_2g_n.img)
STUB=$(corpus modem/alcatel_pixi3_4_4013d/modem_1_wg_n.img.stub)
DBG=$(corpus "modem/orangepi3g_hexing72_wg_b28/DbgInfo_WR8.W1315.MD.WG.MP_HEXING72_CWET_KK_HSPA_MOLY_WR8_W1315_MD_WG_MP_V47_2017_09_20_22_17_1_wg_n")
TCLPROP=$(corpus modem/alcatel_pixi3_4_4013d/build.prop)

expect 0 "$MTKFW_BIN" info --json "$FLY"
json_eq "$T/out" "(j['type'], j['modem']['project'], j['modem']['flavor'])" \
	"('modem', '$(text 416 128 "$FLY")', '$(text 288 36 "$FLY")')"
json_eq "$T/out" "(j['modem']['verno'], j['modem']['platform'], j['modem']['build_time'])" \
	"('$(text 252 64 "$FLY")', '$(text 164 16 "$FLY")', '$(text 148 64 "$FLY")')"
json_eq "$T/out" "(j['modem']['type'], j['modem']['mem_size'], j['modem']['image_size'])" \
	"('$(type_name "$(u32 168 "$FLY")")', $(u32 16 "$FLY"), $(u32 12 "$FLY"))"
# The vendor's version: the string before "<branch> <project>" in the body (strings).
CV=$(strings -n 4 "$FLY" | grep -B1 -x "WR8.W1315.MD.WG.MP $(text 416 128 "$FLY")" | head -n 1)
json_eq "$T/out" "j['modem']['custom_verno']" "$CV"

expect 0 "$MTKFW_BIN" info --json "$STUB"
json_eq "$T/out" "(j['type'], j['modem']['target'])" "('modem_stub', '$(cat "$STUB")')"
expect 0 "$MTKFW_BIN" info "$STUB"
contains "$T/out" "stub"

# DbgInfo: CATI, then the strings (strings -n 4 prints CATI first).
expect 0 "$MTKFW_BIN" info --json "$DBG"
json_eq "$T/out" "j['type']" dbginfo
json_eq "$T/out" "j['modem']['branch'] + ' ' + j['modem']['project']" "$(strings -n 4 "$DBG" | sed -n 2p)"
json_eq "$T/out" "(j['modem']['platform'], j['modem']['verno'], j['modem']['build_time'])" \
	"('$(strings -n 4 "$DBG" | sed -n 3p)', '$(strings -n 4 "$DBG" | sed -n 4p)', '$(strings -n 4 "$DBG" | sed -n 5p)')"

if command -v mke2fs >/dev/null 2>&1; then
	# Fly's own mddb name (PROVENANCE.tsv) names its modem; the Orange Pi's does not.
	radio_cases fly "$FLY" modem_1_2g_n.img BPLGUInfoCustomAppSrcP_MT6571_S00_V530_P02A_V01_1_2g_n \
		BPLGUInfoCustomAppSrcP_MT6572_S00_MOLY_WR8_W1315_MD_WG_MP_V47_1_wg_n
	# The TCL stub as the dump keeps it (a 32-byte file in /etc/firmware) is a stub in a system image too.
	sysimg "$T/tcl" "$STUB" modem_1_wg_n.img
	cp "$TCLPROP" "$T/tcl/build.prop"
	expect 0 "$MTKFW_BIN" profile --json "$T/tcl"
	json_eq "$T/out" "(j['modem']['kind'], j['modem']['target'])" "('stub', '$(cat "$STUB")')"
	# TCL's gsm.version.baseband is its own number (grep it), not a modem version: unknown.
	rm "$T/tcl/system.img"
	expect 0 "$MTKFW_BIN" compat --json "$T/fly/fw" "$T/tcl"
	radio_is unknown
	radio_says evidence "gsm.version.baseband $(sed -n 's/^gsm.version.baseband=//p' "$TCLPROP")"
fi

done_testing
