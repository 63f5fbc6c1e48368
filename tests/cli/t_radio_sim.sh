#!/bin/sh
# The phone's modem from its full user-area dump: mtkfw-sim builds an eMMC from a sample
# package's scatter, a system partition made here with mke2fs -d around a modem is written into
# user.img where the scatter puts ANDROID (`mtkfw layout` gives the offset), and profile and
# compat read the modem out of the dump in place (found through the dump's own PMT).
# Skips without the sim, mtkfw-samplegen or mke2fs.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/sim_common.sh"
GEN="$MTKFW_BUILD/mtkfw-samplegen"
TAG="$MTKFW_BUILD/mtkfw-modemtag"
SEED="$MTKFW_SRC/fuzz/corpus/fuzz_modem/trailer_v2.img"
[ -x "$GEN" ] || skip_all "mtkfw-samplegen not built"
command -v mke2fs >/dev/null 2>&1 || skip_all "mke2fs not found"

text() {
	n=$(wc -c <"$3")
	dd if="$3" bs=1 skip=$((n - $1)) count="$2" 2>/dev/null | tr -d '\000'
}
risk() { json_get "$T/out" "[r for r in j['risks'] if r['code']=='$1'][0]['$2']"; }

"$GEN" "$T/pkg" >/dev/null 2>&1 || { fail "samplegen failed"; done_testing; exit 1; }
SCATTER="$T/pkg/MT6572_Android_scatter.txt"
start_sim "$T/disk" --mode preloader --scatter "$SCATTER"
stop_sim
[ -f "$T/disk/user.img" ] || { fail "the sim made no disk"; done_testing; exit 1; }

# The phone runs another board's build of the seed modem; the package carries the seed itself.
"$TAG" "$SEED" "$T/phone_modem.img" --project PHONEBOARD72_WET_KK || fail "modemtag"
mkdir -p "$T/tree/etc/firmware" "$T/tree/etc/mddb"
cp "$T/phone_modem.img" "$T/tree/etc/firmware/modem_1_wg_n.img"
printf 'ro.product.model=Phone\ngsm.version.baseband=%s, %s\n' "$(text 252 64 "$SEED")" "$(text 148 64 "$SEED")" \
	>"$T/tree/build.prop"
mke2fs -q -F -t ext4 -b 4096 -d "$T/tree" "$T/android.img" 16M >/dev/null 2>&1 || fail "mke2fs"
"$MTKFW_BIN" layout --json "$SCATTER" >"$T/layout.json"
START=$(json_get "$T/layout.json" "[p['start'] for p in j['partitions'] if p['name']=='ANDROID'][0]")
dd if="$T/android.img" of="$T/disk/user.img" bs=4096 seek=$((START / 4096)) conv=notrunc 2>/dev/null

expect 0 "$MTKFW_BIN" profile --json "$T/disk"
json_eq "$T/out" "j['modem']['file']" "user.img@ANDROID:/etc/firmware/modem_1_wg_n.img"
json_eq "$T/out" "j['modem']['project']" PHONEBOARD72_WET_KK
json_eq "$T/out" "j['modem']['verno']" "$(text 252 64 "$SEED")"
json_eq "$T/out" "j['build']['file']" "user.img@ANDROID:/build.prop"

# The package flashes system with the seed modem: another board's radio for this phone. (The
# verdict also weighs the other rows: without the phone's CID the memory row is risky.)
rm -rf "$T/tree"
mkdir -p "$T/tree/etc/firmware"
cp "$SEED" "$T/tree/etc/firmware/modem_1_wg_n.img"
mke2fs -q -F -t ext4 -b 4096 -d "$T/tree" "$T/pkg/system.img" 16M >/dev/null 2>&1 || fail "mke2fs"
expect 1 "$MTKFW_BIN" compat --json "$T/pkg" "$T/disk"
json_eq "$T/out" "[r for r in j['risks'] if r['code']=='radio'][0]['level']" risky
risk radio evidence | grep -qF PHONEBOARD72_WET_KK && pass || fail "radio evidence: $(risk radio evidence)"
json_eq "$T/out" "[r for r in j['risks'] if r['code']=='radio'][0]['remedy']" \
	"keep the phone's modem (port it into the firmware's system)"

# The same modem on both sides: ok.
cp "$T/android.img" "$T/android_same.img"
rm -rf "$T/tree"
mkdir -p "$T/tree/etc/firmware"
cp "$SEED" "$T/tree/etc/firmware/modem_1_wg_n.img"
mke2fs -q -F -t ext4 -b 4096 -d "$T/tree" "$T/android_same.img" 16M >/dev/null 2>&1
dd if="$T/android_same.img" of="$T/disk/user.img" bs=4096 seek=$((START / 4096)) conv=notrunc 2>/dev/null
"$MTKFW_BIN" compat --json "$T/pkg" "$T/disk" >"$T/out" 2>"$T/err"
json_eq "$T/out" "[r for r in j['risks'] if r['code']=='radio'][0]['level']" ok
json_eq "$T/out" "[r['code'] for r in j['risks'] if r['level'] in ('risky', 'unsafe')]" "['dram']"

done_testing
