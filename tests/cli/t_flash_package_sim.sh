#!/bin/sh
# device flash on the package model (issue #13): the preloader `check` finds by content sets up
# the phone's DRAM in BROM mode and is what PRELOADER gets (hole 3: it asked for --preloader);
# a readback tool's scatter raises no project warning; a flash refused for two reasons names
# every option it needs, and those options let it through (hole 6).
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/flash_common.sh" # the sim, $DA, $SAMPLEGEN, a private XDG_*_HOME

# ---- two refusals, two options: --skip UBOOT,PRELOADER ----
MICRON=fe014e4d4d4330344700000000000000 # not in the sample package's EMI table
"$SAMPLEGEN" "$T/big" --cid 1501004e355530304d00000000000000 --broken oversize >/dev/null 2>&1 ||
	{ fail "samplegen failed"; done_testing; exit 1; }
start_sim "$T/d1" --mode preloader --scatter "$T/big/MT6572_Android_scatter.txt" --cid $MICRON
expect 3 "$MTKFW_BIN" device flash "$T/big" --dry-run --port "$PTY" --da "$DA" --json
json_eq "$T/out" "sorted(f['code'] for f in j['findings'] if f['severity'] == 'error')" "['image-too-big', 'preloader-no-emi']"
json_eq "$T/out" "j['remedy']" "--skip UBOOT,PRELOADER"
# Typed: the first refusal alone names UBOOT; the change that lets the flash through names both.
json_eq "$T/out" "(j['refusal']['partitions'], j['change']['skip'], j['change']['mode'], j['change']['blocked'])" \
	"(['UBOOT'], 'UBOOT,PRELOADER', None, None)"
contains "$T/err" "what changes the decision: --skip UBOOT,PRELOADER"
# The options named are enough: nothing refused with them.
expect 0 "$MTKFW_BIN" device flash "$T/big" --skip UBOOT,PRELOADER --dry-run --port "$PTY" --da "$DA"
contains "$T/out" "  0 errors, "
stop_sim

corpus_or_done Mobiwire_S10/preloader_and_dsp Mobiwire_S10/lk.bin

# ---- Mobiwire S10 (MTK Droid Tools readback): its preloader is preloader_and_dsp ----
cp -r "$MTKFW_CORPUS/Mobiwire_S10" "$T/mobi"
chmod -R u+w "$T/mobi"
# The sim's eMMC is the first chip of that preloader's EMI table (SK Hynix H4G2a): in BROM mode
# the DA sets up DRAM only with a matching entry, and no --preloader is given.
HYNIX=$("$MTKFW_BIN" profile --json "$T/mobi/preloader_and_dsp" |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["preloader"]["emi"][0]["flash_id"])')
CID=$(printf '%s%032d' "$HYNIX" 0 | cut -c1-32)
# A BROM-mode phone comes up at full speed and re-enumerates when a long job asks for high
# speed: the link follows it, as /dev/ttyACM0 does a real one.
LINK="$T/ttyACM-brom"
start_sim "$T/d2" --mode brom --scatter "$T/mobi/MT6572_Android_scatter.txt" --cid "$CID" --link "$LINK"
expect 0 "$MTKFW_BIN" device flash "$T/mobi" --only PRELOADER,UBOOT --dry-run --port "$LINK" --da "$DA"
lacks "$T/err" "--preloader"
lacks "$T/out" "project-mismatch"
contains "$T/out" "write   PRELOADER    boot1 0x000000000"
# Flashed for real: boot1 holds preloader_and_dsp's bytes, the phone's lk the package's.
expect 0 "$MTKFW_BIN" device flash "$T/mobi" --only PRELOADER,UBOOT --backup "$T/bk" --port "$LINK" --da "$DA"
stop_sim
size=$(stat -c %s "$T/mobi/preloader_and_dsp")
head -c "$size" "$T/d2/boot1.img" | cmp -s - "$T/mobi/preloader_and_dsp" && pass ||
	fail "boot1 does not hold preloader_and_dsp"
uboot=$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print([p["start"] for p in j["layout"]["partitions"] if p["name"] == "UBOOT"][0])' "$T/bk/manifest.json")
tail -c +$((uboot + 1)) "$T/d2/user.img" | head -c "$(stat -c %s "$T/mobi/lk.bin")" | cmp -s - "$T/mobi/lk.bin" && pass ||
	fail "UBOOT does not hold lk.bin"

done_testing
