#!/bin/sh
# Every folder mtkfw fills from a phone (device backup, readback --partitions, readback --all)
# carries one manifest.json, and compat and profile read the phone's eMMC CID from it. Issue
# #13 hole 2: a backup of a phone whose eMMC is not in the firmware's EMI table was rated
# `risky` (the CID in the backup's manifest went unread) where a flash bricks it (4032).
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/flash_common.sh" # the sim, $DA, $SAMPLEGEN, a private XDG_*_HOME

SAMSUNG=1501004e355530304d00000000000000 # the package's EMI entry 0 (samplegen --cid)
MICRON=fe014e4d4d4330344700000000000000  # the sim preloader's chip the package lacks
"$SAMPLEGEN" "$T/sam" --cid $SAMSUNG >/dev/null 2>&1 || { fail "samplegen failed"; done_testing; exit 1; }
SCATTER="$T/sam/MT6572_Android_scatter.txt"
start_sim "$T/disk" --mode preloader --scatter "$SCATTER" --cid $MICRON

risk() { json_get "$T/out" "[r for r in j['risks'] if r['code']=='$1'][0]['$2']"; }
level_is() {
	got=$(risk "$1" level)
	if [ "$got" = "$2" ]; then pass; else fail "risk $1 is '$got', wanted '$2': $(risk "$1" evidence)"; fi
}

# ---- device backup: the identity backup ----
expect 0 "$MTKFW_BIN" device backup "$T/bk" --port "$PTY" --da "$DA"
[ ! -e "$T/bk/manifest.txt" ] && pass || fail "the backup still writes the old manifest.txt"
M="$T/bk/manifest.json"
json_eq "$M" "(j['format'], j['version'], j['kind'])" "('mtkfw-manifest', 1, 'backup')"
json_eq "$M" "(j['phone']['chip'], j['phone']['cid'], j['phone']['user_size'])" "('MT6572', '$MICRON', $(stat -c %s "$T/disk/user.img"))"
# Every file listed with the size and SHA-256 of its bytes here.
json_get "$M" '"\n".join("%s %d %s" % (f["file"], f["size"], f["sha256"]) for f in j["files"])' >"$T/listed"
while read -r file size sha; do
	[ "$(stat -c %s "$T/bk/$file")" = "$size" ] && [ "$(sha256sum "$T/bk/$file" | cut -d' ' -f1)" = "$sha" ] ||
		echo "$file"
done <"$T/listed" >"$T/bad"
[ -s "$T/listed" ] && [ ! -s "$T/bad" ] && pass || fail "manifest and files disagree: $(cat "$T/bad")"
# The layout the backup used (the phone's PMT), as area offsets.
json_eq "$M" "(j['layout']['format'], [p['start'] for p in j['layout']['partitions'] if p['name'] == 'MBR'])" "('pmt', [0])"

# The bug: compat reads the CID from the backup's manifest and predicts the 4032.
expect 3 "$MTKFW_BIN" compat --json "$T/sam" "$T/bk"
level_is dram unsafe
risk dram evidence | grep -q "$MICRON" && pass || fail "the evidence does not name the phone's CID"
expect 0 "$MTKFW_BIN" profile --json "$T/bk"
json_eq "$T/out" "(j['readback']['cid'], j['readback']['maker'])" "('$MICRON', 'Micron')"

# ---- readback --partitions: no table files in the folder, the manifest's layout instead ----
expect 0 "$MTKFW_BIN" device readback "$T/rp" --partitions NVRAM,SECCFG --port "$PTY" --da "$DA"
json_eq "$T/rp/manifest.json" "(j['kind'], [f['name'] for f in j['files']])" "('partitions', ['NVRAM', 'SECCFG'])"
expect 3 "$MTKFW_BIN" compat --json "$T/sam" "$T/rp"
level_is dram unsafe
level_is layout ok
risk layout evidence | grep -q PMT && pass || fail "the layout was not compared with the phone's PMT"

# ---- the flash's identity backup: the same manifest, restorable ----
expect 0 "$MTKFW_BIN" device flash "$T/sam" --only UBOOT --backup "$T/fb" --port "$PTY" --da "$DA"
json_eq "$T/fb/manifest.json" "(j['kind'], j['phone']['cid'])" "('backup', '$MICRON')"
expect 0 "$MTKFW_BIN" device restore "$T/fb" --only NVRAM --port "$PTY" --da "$DA"
stop_sim

# ---- readback --all (a small phone of its own: the whole eMMC is read) ----
mkdir -p "$T/small"
truncate -s 16M "$T/small/user.img"
start_sim "$T/small" --mode preloader --cid $MICRON
expect 0 "$MTKFW_BIN" device readback "$T/all" --all --port "$PTY" --da "$DA"
json_eq "$T/all/manifest.json" "(j['kind'], [(f['name'], f['file']) for f in j['files']], j['layout'])" \
	"('dump', [('boot1', 'boot1.img'), ('user', 'user.img')], None)"
stop_sim
expect 3 "$MTKFW_BIN" compat --json "$T/sam" "$T/all"
level_is dram unsafe

done_testing
