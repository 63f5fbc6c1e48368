#!/bin/sh
# mtkfw library match: the package a phone was built with ranks first; a package whose
# preloader lacks the phone's eMMC is gated with the 4032 reason (shown only with --all, and
# said to serve when the phone keeps its own preloader); other platforms are gated; every
# candidate carries the verdict mtkfw compat gives for the same pair. On sample variants
# (samplegen --variant: other eMMCs, panels, touch, camera, kernels) and on real corpus parts.
. "$MTKFW_SRC/tests/cli/lib.sh"
M=$MTKFW_BIN
G=${MTKFW_SAMPLEGEN:-}
[ -n "$G" ] && [ -x "$G" ] || skip_all "mtkfw-samplegen not built"
DB=$T/lib.sqlite

mkdir "$T/shop"
for v in 0 1 2 3 4 5 6 7 8 9 10 11; do
	"$G" "$T/shop/v$v" --variant $v >/dev/null 2>&1 || fail "samplegen --variant $v"
done
"$G" "$T/shop/mt6582" --variant 3 --project other82 --broken platform >/dev/null 2>&1 || fail samplegen
# Variant 3's board with another board's modem (and another name): only the radio tells them apart.
mkdir "$T/later"
"$G" "$T/later/v3radio" --variant 3 --project radio72 --modem KONKA72_I128_WG >/dev/null 2>&1 || fail samplegen
expect 0 "$M" library add --db "$DB" "$T/shop"

# The phone: a readback of a phone that runs variant 3 (its lk, boot, MBR/EBR, and the CID of
# variant 3's first EMI entry, read from the package itself).
mkdir "$T/phone"
cp "$T/shop/v3/lk.bin" "$T/shop/v3/boot.img" "$T/shop/v3/MBR" "$T/shop/v3/EBR1" "$T/phone/"
"$M" ext4 cat "$T/shop/v3/system.img" /etc/firmware/modem_1_wg_n.img >"$T/phone/modem_1_wg_n.img" || fail "ext4 cat modem"
CID=$(python3 - "$T/shop/v3/preloader_sample72_v3.bin" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
i = b.index(b"MTK_BLOADER_INFO_v11")
# v11 entries follow the 0x70-byte header: type (4), id (16), id_length (4) ...
e = i + 0x70
print(b[e + 4:e + 4 + 9].hex() + "00" * 7)
PY
)
printf '%s\n' "$CID" >"$T/phone/cid"
printf '{"chip": "MT6572"}\n' >"$T/phone/device.json"

expect 0 "$M" library match --json --db "$DB" "$T/phone"
json_eq "$T/out" "j['candidates'][0]['path'].split('/')[-1]" v3
json_eq "$T/out" "[c['rank'] for c in j['candidates']] == list(range(1, len(j['candidates']) + 1))" True
json_eq "$T/out" "all(j['candidates'][i]['score'] >= j['candidates'][i + 1]['score'] for i in range(len(j['candidates']) - 1))" True
json_eq "$T/out" "sorted(j['candidates'][0])" \
	"['at_shop', 'failures', 'gates_failed', 'id', 'keep_preloader', 'path', 'platform', 'project', 'rank', 'reasons', 'risks', 'score', 'shops', 'successes', 'verdict']"
json_eq "$T/out" "sorted(j['candidates'][0]['risks'][0])" "['code', 'evidence', 'level', 'remedy']"
json_eq "$T/out" "j['target']['cid']" "$CID"
json_eq "$T/out" "all(not c['gates_failed'] for c in j['candidates'])" True
json_eq "$T/out" "any('panel' in r for r in j['candidates'][0]['reasons'])" True
# Only packages whose EMI table has the phone's eMMC passed: the gate is the database's.
json_eq "$T/out" "j['considered'] < j['library']" True
BEST=$(json_get "$T/out" "j['candidates'][0]['path']")
VERDICT=$(json_get "$T/out" "j['candidates'][0]['verdict']")
# The same verdict as mtkfw compat on the same pair.
"$M" compat --json "$BEST" "$T/phone" >"$T/compat.json"
json_eq "$T/compat.json" "j['verdict']" "$VERDICT"
cp "$T/out" "$T/match.json"
python3 - "$T/match.json" "$T/compat.json" <<'PY' && pass || fail "match risks differ from compat's"
import json, sys
m = json.load(open(sys.argv[1]))["candidates"][0]["risks"]; c = json.load(open(sys.argv[2]))["risks"]
# compat measures images against partitions in the folder; the stored fingerprint cannot.
strip = lambda rs: [(r["code"], r["level"]) for r in rs if r["code"] != "layout"]
assert strip(m) == strip(c), (strip(m), strip(c))
PY

# --all: the others too, each with the gate it fails and why.
expect 0 "$M" library match --json --all --db "$DB" "$T/phone"
json_eq "$T/out" "len(j['candidates'])" 13
json_eq "$T/out" "j['candidates'][0]['path'].split('/')[-1]" v3
python3 - "$T/out" <<'PY' && pass || fail "gated candidates"
import json, sys
j = json.load(open(sys.argv[1])); c = j["candidates"]
gated = [x for x in c if x["gates_failed"]]
ok = [x for x in c if not x["gates_failed"]]
assert gated and ok and max(c.index(x) for x in ok) < min(c.index(x) for x in gated), "gated ones rank last"
emmc = [x for x in gated if x["gates_failed"] == ["emmc"]]
assert emmc and all(x["keep_preloader"] for x in emmc)
assert all(any("4032" in r and "keeps its own preloader" in r for r in x["reasons"]) for x in emmc)
assert all([r for r in x["risks"] if r["code"] == "dram"][0]["level"] == "unsafe" for x in emmc)
plat = [x for x in gated if "platform" in x["gates_failed"]]
assert [x["path"].split("/")[-1] for x in plat] == ["mt6582"], plat
assert not plat[0]["keep_preloader"]
PY
# The best few are found without judging every package (each one's best possible score is
# bounded by the database first), and they are the head of the full ranking.
expect 0 "$M" library match --json --limit 100 --all --db "$DB" "$T/phone"
cp "$T/out" "$T/full.json"
for n in 1 2 3; do
	expect 0 "$M" library match --json --limit $n --db "$DB" "$T/phone"
	json_eq "$T/out" "len(j['candidates'])" $n
	python3 - "$T/out" "$T/full.json" <<'PY' && pass || fail "the pruned ranking (limit $n) is not the full ranking's head"
import json, sys
top, full = (json.load(open(f))["candidates"] for f in sys.argv[1:])
key = lambda c: (c["id"], c["score"], c["verdict"], c["reasons"])
assert [key(c) for c in top] == [key(c) for c in full[:len(top)]], (top, full[:len(top)])
PY
done
expect 0 "$M" library match --json --limit 1 --db "$DB" "$T/phone"
json_eq "$T/out" "(j['judged'], j['considered'])" "(1, 5)"
# --cid: another phone's eMMC decides which packages pass.
expect 1 "$M" library match --json --cid 13014e4d4d4331364700000000000000 --db "$DB" "$T/phone"
json_eq "$T/out" "j['target']['cid']" 13014e4d4d4331364700000000000000
json_eq "$T/out" "j['candidates']" "[]"
# Micron MMC04G (fe 01 4e 4d 4d 43 30 34 47) is entry 0 of variant 5, 1 of 2 and 10, 2 of 0 and 8.
expect 0 "$M" library match --json --cid fe014e4d4d4330344700000000000000 --db "$DB" "$T/phone"
json_eq "$T/out" "sorted(c['project'] for c in j['candidates'])" \
	"['sample72_v0', 'sample72_v10', 'sample72_v2', 'sample72_v5', 'sample72_v8']"
json_eq "$T/out" "all([r for r in c['risks'] if r['code'] == 'dram'][0]['level'] == 'ok' for c in j['candidates'])" True
expect 2 "$M" library match --cid 12zz --db "$DB" "$T/phone"
# --board: a PCB label's words count with the names.
expect 0 "$M" library match --json --board "MB-OTHER82-V1.0" --all --db "$DB" "$T/phone"
json_eq "$T/out" "[r for c in j['candidates'] if c['project'] == 'other82' for r in c['reasons'] if r.startswith('names')]" \
	"['names: shares other82 with the phone']"
# The radio: variant 3's modem (its project read from the image's trailer with strings) is the
# phone's; the same board with another board's modem ranks below it, with the reason.
MODEM=$(tail -c 416 "$T/phone/modem_1_wg_n.img" | head -c 128 | tr -d '\000')
json_eq "$T/out" "[r for r in j['candidates'][0]['reasons'] if r.startswith('radio')][0].startswith('radio: same modem: $MODEM')" True
expect 0 "$M" library add --db "$DB" "$T/later"
expect 0 "$M" library match --json --db "$DB" "$T/phone"
json_eq "$T/out" "[c['project'] for c in j['candidates'][:2]]" "['sample72_v3', 'radio72']"
json_eq "$T/out" "[[r['level'] for r in c['risks'] if r['code'] == 'radio'][0] for c in j['candidates'][:2]]" "['ok', 'risky']"
json_eq "$T/out" "'another board' in [r for r in j['candidates'][1]['reasons'] if r.startswith('radio')][0]" True
expect 0 "$M" library search --json --db "$DB" KONKA72_I128
json_eq "$T/out" "'radio72' in [p['project'] for p in j['packages']]" True
expect 0 "$M" library match --json --db "$DB" "$T/phone"

# Labels: searched, and counted as names.
V0=$(json_get "$T/out" "[c['id'] for c in j['candidates'] if c['project'] == 'sample72_v0'][0]")
V3=$(json_get "$T/out" "[c['id'] for c in j['candidates'] if c['project'] == 'sample72_v3'][0]")
expect 0 "$M" library label --db "$DB" "$V0" ZH-SPECIAL-MB-V1.0
expect 0 "$M" library label --db "$DB" "$V0" ZH-SPECIAL-MB-V1.0
expect 0 "$M" library search --json --db "$DB" ZH-SPECIAL-MB
json_eq "$T/out" "[(p['id'], p['labels']) for p in j['packages']]" "[($V0, ['ZH-SPECIAL-MB-V1.0'])]"
expect 2 "$M" library label --db "$DB" "$V0" "$(printf 'a\tb')"
expect 2 "$M" library label --db "$DB" 99999 lost
expect 0 "$M" library match --json --board special --db "$DB" "$T/phone"
json_eq "$T/out" "[r for c in j['candidates'] if c['id'] == $V0 for r in c['reasons'] if r.startswith('names')]" \
	"['names: shares special with the phone']"

# Outcomes: booted on two distinct phones counts two (the same phone twice, once); a phone
# with this eMMC that died on v3 gates v3 for this chip.
expect 2 "$M" library report --db "$DB" "$V0" --phone "$T/phone" --result worked
expect 2 "$M" library report --db "$DB" "$V0" --result booted
expect 0 "$M" library report --db "$DB" "$V0" --phone "$T/phone" --result booted --cid 45010053454d30344700000000000001
expect 0 "$M" library report --db "$DB" "$V0" --phone "$T/phone" --result booted --cid 45010053454d30344700000000000002
expect 0 "$M" library report --db "$DB" "$V0" --phone "$T/phone" --result booted --cid 45010053454d30344700000000000002
expect 0 "$M" library match --json --db "$DB" "$T/phone"
json_eq "$T/out" "[(c['successes'], c['failures']) for c in j['candidates'] if c['id'] == $V0]" "[(2, 0)]"
json_eq "$T/out" "[r for c in j['candidates'] if c['id'] == $V0 for r in c['reasons'] if r.startswith('outcomes')]" \
	"['outcomes: booted on 2 phones']"
expect 0 "$M" library report --db "$DB" "$V3" --phone "$T/phone" --result dead --note "no power after flashing"
expect 0 "$M" library show --json --db "$DB" "$V3"
json_eq "$T/out" "[(o['result'], o['note'], o['phone_cid']) for o in j['outcomes']]" "[('dead', 'no power after flashing', '$CID')]"
expect 0 "$M" library match --json --db "$DB" "$T/phone"
json_eq "$T/out" "$V3 in [c['id'] for c in j['candidates']]" False
expect 0 "$M" library match --json --all --db "$DB" "$T/phone"
json_eq "$T/out" "[c['gates_failed'] for c in j['candidates'] if c['id'] == $V3]" "[['outcome']]"
json_eq "$T/out" "any('failed on a phone with this eMMC' in r for c in j['candidates'] if c['id'] == $V3 for r in c['reasons'])" True
# Another phone (another CID) is not vetoed by it.
expect 0 "$M" library match --json --all --cid 11010030303447453000000000000009 --db "$DB" "$T/phone"
json_eq "$T/out" "[c['gates_failed'] for c in j['candidates'] if c['id'] == $V3]" "[[]]"

# A relabelled clone: its build.prop claims an MT6582 with 2 GB and 16 GB (and a Samsung name);
# the phone reported an MT6572 (device.json), its own preloader's entry for its eMMC has 512
# MiB (samplegen's table: 512 MiB for entry 0), its eMMC a 4 GB user area. Ranked by the
# hardware: the MT6572 packages pass, the MT6582 one is gated.
mkdir "$T/clone"
cp "$T/phone/"* "$T/clone/"
cp "$T/shop/v3/preloader_sample72_v3.bin" "$T/clone/"
printf '{"chip": "MT6572", "emmc": {"user_size": 3909091328}}\n' >"$T/clone/device.json"
printf 'ro.product.brand=samsung\nro.product.model=SM-G900H\nro.product.device=klte\nro.mediatek.platform=MT6582\nro.product.ram=2GB\nro.product.romsize=16GB\n' >"$T/clone/build.prop"
expect 0 "$M" profile --json "$T/clone"
json_eq "$T/out" "j['platform']" MT6572
json_eq "$T/out" "[(c['field'], c['claimed'], c['found'], c['agrees']) for c in j['claims']][:3]" \
	"[('platform', 'MT6582', 'MT6572', False), ('ram', '2GB', '512 MiB', False), ('storage', '16GB', '3.6 GiB', False)]"
json_eq "$T/out" "'relabelled clone' in j['claims_summary']" True
expect 0 "$M" library match --json --all --db "$DB" "$T/clone"
json_eq "$T/out" "(j['target']['platform'], 'relabelled clone' in j['target']['claims_summary'])" "('MT6572', True)"
json_eq "$T/out" "(j['candidates'][0]['platform'], j['candidates'][0]['gates_failed'])" "('MT6572', [])"
json_eq "$T/out" "[c['gates_failed'] for c in j['candidates'] if c['project'] == 'other82']" "[['platform']]"
json_eq "$T/out" "any('samsung' in r or 'klte' in r for c in j['candidates'] for r in c['reasons'])" False
expect 0 "$M" library match --db "$DB" "$T/clone"
contains "$T/out" "About Phone claims MT6582, 2GB RAM, 16GB storage; the hardware is MT6572 with 512 MiB RAM"
# Without the phone's report of its chip, its platform is what it claims; its RAM is still
# known (its own EMI entry for its eMMC).
rm "$T/clone/device.json"
expect 0 "$M" profile --json "$T/clone"
json_eq "$T/out" "(j['platform'], j['claims_summary'])" \
	"('MT6582', 'About Phone claims 2GB RAM; the hardware is 512 MiB RAM: a relabelled clone, match by the hardware')"

# Text.
expect 0 "$M" library match --db "$DB" "$T/phone"
contains "$T/out" " 1. "
contains "$T/out" "passed the gates"
# Unreadable targets.
expect 2 "$M" library match --db "$DB" "$T/nowhere"
expect 2 "$M" library match --db "$DB"

# Real parts: a phone with the A516's eMMC and lk (the CID is the A516 preloader's only EMI id,
# at 0x17EEC: 15 01 00 4E 35 55 30 30 4D) among the A516, Mobiwire, x5511B (MT6737M) and the
# mtkclient preloaders (MT6572, MT6582, MT6580).
corpus_or_done AllegroROM_4.2.2_mt6572/A516_S117/scatter Mobiwire_S10 device_x5511B_dump mtkclient
C=$MTKFW_CORPUS
expect 0 "$M" library add --db "$T/corpus.db" "$C/AllegroROM_4.2.2_mt6572/A516_S117/scatter" "$C/Mobiwire_S10" \
	"$C/device_x5511B_dump" "$C/mtkclient"
mkdir "$T/a516"
cp "$C/AllegroROM_4.2.2_mt6572/A516_S117/scatter/lk.bin" "$C/AllegroROM_4.2.2_mt6572/A516_S117/scatter/MBR" \
	"$C/AllegroROM_4.2.2_mt6572/A516_S117/scatter/EBR1" "$T/a516/"
printf '1501004e355530304d00000000000000\n' >"$T/a516/cid"
printf '{"chip": "MT6572"}\n' >"$T/a516/device.json"
expect 0 "$M" library match --json --all --db "$T/corpus.db" "$T/a516"
json_eq "$T/out" "j['candidates'][0]['project']" a516_row
json_eq "$T/out" "j['candidates'][0]['gates_failed']" "[]"
json_eq "$T/out" "[c['gates_failed'] for c in j['candidates'] if c['project'] == 'up40_h405f_meo']" "[['emmc']]"
json_eq "$T/out" "[c['gates_failed'] for c in j['candidates'] if c['project'] == 'rlk6737m_65_m0']" "[['platform', 'emmc']]"
# bird72's and oppo72's tables start with the A516's chip (xxd: 15 01 00 4e 35 55 30 30 4d at
# 0x74 of the oppo block): they pass; the MT6582/MT6580 preloaders and the Mobiwire do not.
json_eq "$T/out" "sorted(c['project'] for c in j['candidates'] if not c['gates_failed'])" \
	"['a516_row', 'bird72_cwet_a_kk', 'oppo72_14079']"
json_eq "$T/out" "sorted(c['project'] for c in j['candidates'] if c['gates_failed'] == ['emmc'])" \
	"['hq6582_we_b1b_l1', 'oppo6582_15066', 'rlk6580_we_c_m', 'up40_h405f_meo']"
json_eq "$T/out" "[r for r in j['candidates'][0]['reasons'] if r.startswith('panel')][0].startswith('panel: ok')" True
done_testing
