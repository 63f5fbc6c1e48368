#!/bin/sh
# The firmware library and the phone on the cable (mtkfw-sim):
#  - library match with no TARGET reads the phone it finds (auto-detected through a fake sysfs
#    and /dev) and ranks exactly as it ranks the same phone's readback folder;
#  - a phone in BROM mode whose eMMC no given preloader lists gets its DRAM set up with a
#    preloader the library indexed (the device looks it up by the CID the DA reports);
#  - a match on the cable reports each read once on stderr, however many pieces it reads.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/sim_common.sh"
M=$MTKFW_BIN
G=${MTKFW_SAMPLEGEN:-}
[ -n "$G" ] && [ -x "$G" ] || skip_all "mtkfw-samplegen not built"
python3 "$MTKFW_SRC/tests/mtkclient/make_da.py" "$T/da.bin"
DA=$T/da.bin
DB=$T/lib.sqlite
export MTKFW_LIBRARY="$DB" XDG_DATA_HOME="$T/xdg"

mkdir "$T/shop"
for v in 0 1 2 3 4 5 6 7; do
	"$G" "$T/shop/v$v" --variant $v >/dev/null 2>&1 || fail "samplegen --variant $v"
done
expect 0 "$M" library add "$T/shop"
# The phone: variant 3 flashed onto a sim with variant 3's first eMMC (its EMI entry 0).
CID=$(python3 - "$T/shop/v3/preloader_sample72_v3.bin" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
e = b.index(b"MTK_BLOADER_INFO_v11") + 0x70
print(b[e + 4:e + 13].hex() + "00" * 7)
PY
)
start_sim "$T/disk" --mode preloader --cid "$CID" --scatter "$T/shop/v3/MT6572_Android_scatter.txt"
expect 0 "$M" device flash "$T/shop/v3" --port "$PTY" --da "$DA" --backup "$T/flash-backup"

# Its readback folder, as a technician makes one: the partitions a match reads, boot1, the
# PMT region and what the phone says of itself.
expect 0 "$M" device readback "$T/rb" --partitions UBOOT,BOOTIMG,LOGO,ANDROID --port "$PTY" --da "$DA"
expect 0 "$M" device readback "$T/rb/boot1.img" --range 0:2M --area boot1 --port "$PTY" --da "$DA"
expect 0 "$M" device info --json --port "$PTY" --da "$DA"
cp "$T/out" "$T/rb/device.json"
USER=$(json_get "$T/out" "j['emmc']['user_size']")
expect 0 "$M" device readback "$T/rb/pmt.bin" --range $((USER - 0x100000)):4096 --port "$PTY" --da "$DA"
expect 0 "$M" library match --json --all --db "$DB" "$T/rb"
cp "$T/out" "$T/folder.json"
json_eq "$T/folder.json" "j['candidates'][0]['project']" sample72_v3
# The folders mtkfw filled from the phone index through their manifest.json: the flash's
# identity backup as a backup, the partitions read back as a readback, both with the CID.
expect 0 "$M" library add --json --db "$T/phones.sqlite" "$T/flash-backup" "$T/rb"
json_eq "$T/out" "(j['added'], j['failed'])" "(2, [])"
expect 0 "$M" library list --json --db "$T/phones.sqlite"
json_eq "$T/out" "sorted((p['path'].split('/')[-1], p['kind']) for p in j['packages'])" "[('flash-backup', 'backup'), ('rb', 'readback')]"
for id in 1 2; do
	expect 0 "$M" library show --json --db "$T/phones.sqlite" $id
	json_eq "$T/out" "j['readback']['cid']" "$CID"
done

# The same phone on the cable, found without --port (a MediaTek preloader port, 0E8D:2000).
S=$T/sys
D=$T/dev
mkdir -p "$S/class/tty" "$D" "$S/devices/pci0000:00/usb1/1-1/1-1:1.0/tty/ttyACM0"
printf '0e8d\n' >"$S/devices/pci0000:00/usb1/1-1/idVendor"
printf '2000\n' >"$S/devices/pci0000:00/usb1/1-1/idProduct"
ln -s "../../../1-1:1.0" "$S/devices/pci0000:00/usb1/1-1/1-1:1.0/tty/ttyACM0/device"
ln -s "../../devices/pci0000:00/usb1/1-1/1-1:1.0/tty/ttyACM0" "$S/class/tty/ttyACM0"
ln -s "$PTY" "$D/ttyACM0"
expect 0 env MTKFW_SYSFS_ROOT="$S" MTKFW_DEV_ROOT="$D" "$M" library match --json --all --da "$DA" --wait 5000 --db "$DB"
cp "$T/out" "$T/cable.json"
python3 - "$T/folder.json" "$T/cable.json" <<'PY' && pass || fail "the phone on the cable ranks otherwise than its readback folder"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
key = lambda j: [(c["id"], c["rank"], c["score"], c["verdict"], c["gates_failed"]) for c in j["candidates"]]
assert key(a) == key(b), (key(a), key(b))
for k in ("platform", "storage", "cid", "lk_lcm", "kernel_lcm", "touch", "camera", "kernel", "table"):
    assert a["target"][k] == b["target"][k], (k, a["target"][k], b["target"][k])
# the radio was read off the phone's system partition on both sides
r = lambda j: [x["level"] for x in j["candidates"][0]["risks"] if x["code"] == "radio"][0]
assert r(a) == r(b) == "ok", (r(a), r(b))
PY
# --port too; a TARGET and --port exclude each other.
expect 0 "$M" library match --json --port "$PTY" --da "$DA" --db "$DB"
json_eq "$T/out" "j['candidates'][0]['project']" sample72_v3
# Its stderr, not a terminal, says each step once: the reads through the system partition's
# file system (64 KiB windows) are one step, not a "read user" line per window (there were
# 47 of those in `make demo`).
cp "$T/err" "$T/match.err"
[ "$(wc -l <"$T/match.err")" -le 10 ] && pass || { fail "match on the cable: $(wc -l <"$T/match.err") stderr lines"; sed 's/^/  | /' "$T/match.err" | head -20 >&2; }
[ "$(sort "$T/match.err" | sed 's/: .*//' | uniq -d)" = "" ] && pass || fail "match on the cable: a step said twice: $(sort "$T/match.err" | sed 's/: .*//' | uniq -d | head -3)"
contains "$T/match.err" "read ANDROID files: "
expect 2 "$M" library match --port "$PTY" --db "$DB" "$T/rb"
stop_sim

# BROM mode, an eMMC no preloader given lists: 4032 predicted, DRAM left unset, the library
# named as a way out.
OTHER=45010053454d31364700000000000000
start_sim "$T/disk2" --mode brom --cid "$OTHER" --link "$T/ttyACM-brom"
expect 0 env MTKFW_LIBRARY="$T/none.sqlite" "$M" device info --port "$T/ttyACM-brom" --da "$DA" --json
json_eq "$T/out" "j['ram_size']" None
contains "$T/err" "4032"
contains "$T/err" "firmware library"
# A package made for that eMMC goes into the library: its preloader sets the DRAM up.
mkdir "$T/shop2"
"$G" "$T/shop2/x" --cid "$OTHER" --project brom72 >/dev/null 2>&1 || fail samplegen
expect 0 "$M" library add "$T/shop2"
expect 0 "$M" device info --port "$T/ttyACM-brom" --da "$DA" --json
json_eq "$T/out" "j['ram_size'] is not None and j['ram_size'] > 0" True
contains "$T/err" "preloader_brom72.bin, whose EMI table lists this eMMC"
stop_sim
done_testing
