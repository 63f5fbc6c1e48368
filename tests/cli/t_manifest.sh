#!/bin/sh
# Manifests mtkfw wrote before manifest.json (tests/cli/data/manifest_v0: the text of a device
# backup and of a readback --all, made by the code of that time against mtkfw-sim) still load:
# compat and profile read the phone's CID from them, restore reads their files. The JSON form,
# written on the sim, is t_manifest_sim.sh's.
. "$MTKFW_SRC/tests/cli/lib.sh"
OLD="$MTKFW_SRC/tests/cli/data/manifest_v0"
[ -x "$MTKFW_BUILD/mtkfw-samplegen" ] || skip_all "mtkfw-samplegen not built"
# The sample package's EMI table has a Samsung chip; both old manifests name a Micron CID.
"$MTKFW_BUILD/mtkfw-samplegen" "$T/sam" --cid 1501004e355530304d00000000000000 >/dev/null 2>&1 ||
	{ fail "samplegen failed"; done_testing; exit 1; }
for kind in backup dump; do
	# The CID as the old text gives it: "cid HEX", or "eMMC CID HEX" in the dump's header.
	MICRON=$(sed -n 's/^cid //p; s/.*eMMC CID \([0-9a-f]*\).*/\1/p' "$OLD/$kind/manifest.txt")
	[ ${#MICRON} -eq 32 ] && pass || fail "$kind: no CID in the old manifest"
	expect 3 "$MTKFW_BIN" compat --json "$T/sam" "$OLD/$kind"
	json_eq "$T/out" "[r['level'] for r in j['risks'] if r['code'] == 'dram']" "['unsafe']"
	json_eq "$T/out" "[r['evidence'].split()[2] for r in j['risks'] if r['code'] == 'dram']" "['$MICRON']"
	expect 0 "$MTKFW_BIN" profile --json "$OLD/$kind"
	json_eq "$T/out" "(j['readback']['cid'], j['platform'])" "('$MICRON', 'MT6572')"
done
# The firmware library reads them through the same manifest module: the backup is a backup,
# the full dump a readback, each with the phone's CID.
expect 0 "$MTKFW_BIN" library add --json --db "$T/lib.sqlite" "$OLD/backup" "$OLD/dump"
json_eq "$T/out" "(j['added'], j['failed'])" "(2, [])"
expect 0 "$MTKFW_BIN" library list --json --db "$T/lib.sqlite"
json_eq "$T/out" "sorted((p['path'].split('/')[-1], p['kind'], p['platform']) for p in j['packages'])" \
	"[('backup', 'backup', 'MT6572'), ('dump', 'readback', 'MT6572')]"
id=0
for kind in backup dump; do
	id=$((id + 1))
	expect 0 "$MTKFW_BIN" library show --json --db "$T/lib.sqlite" $id
	json_eq "$T/out" "j['readback']['cid']" "$(sed -n 's/^cid //p; s/.*eMMC CID \([0-9a-f]*\).*/\1/p' "$OLD/$kind/manifest.txt")"
done
# restore loads the old backup (and stops at the phone, which is not there).
expect 2 "$MTKFW_BIN" device restore "$OLD/backup" --port "$T/no-port" --da "$T/no-da"
lacks "$T/err" "manifest"
# A manifest that is neither form is named and refused.
mkdir -p "$T/bad"
printf '{"format": "something else"}\n' >"$T/bad/manifest.json"
expect 2 "$MTKFW_BIN" device restore "$T/bad" --port "$T/no-port"
contains "$T/err" "manifest.json: JSON, but not an mtkfw manifest"
done_testing
