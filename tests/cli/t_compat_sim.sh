#!/bin/sh
# mtkfw compat against the virtual phone's disk: mtkfw-samplegen makes a package, mtkfw-sim
# builds its eMMC from that package's scatter (boot1.img with its own preloader, user.img with
# MBR/EBR and a PMT 1 MiB below the end), and the disk folder is the readback. This is the
# flasher's pre-flight question asked offline: the layout agrees, the CID decides the memory,
# and each broken package kind is caught. Skips without the sim.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/sim_common.sh"
GEN="$(dirname "$MTKFW_SIM_BIN")/mtkfw-samplegen"
[ -x "$GEN" ] || skip_all "mtkfw-samplegen not built"

SAMSUNG=1501004e355530304d00000000000000 # the package's EMI entry 0 (samplegen --cid)
"$GEN" "$T/pkg" --cid $SAMSUNG >/dev/null 2>&1 || { fail "samplegen failed"; done_testing; exit 1; }
SCATTER="$T/pkg/MT6572_Android_scatter.txt"

# The sim writes its disk files at start, then waits on its pty: stop it once they are there.
start_sim "$T/disk" --mode preloader --scatter "$SCATTER"
stop_sim
[ -f "$T/disk/user.img" ] && [ -f "$T/disk/boot1.img" ] || { fail "the sim made no disk"; done_testing; exit 1; }

risk() { json_get "$T/out" "[r for r in j['risks'] if r['code']=='$1'][0]['$2']"; }
level_is() {
	got=$(risk "$1" level)
	if [ "$got" = "$2" ]; then pass; else fail "risk $1 is '$got', wanted '$2': $(risk "$1" evidence)"; fi
}

# The readback's parts come through the PMT (no scatter in the disk folder), read by range.
expect 0 "$MTKFW_BIN" profile --json "$T/disk"
json_eq "$T/out" "j['readback']['table']['format']" pmt
json_eq "$T/out" "j['preloader']['kind']" boot1
json_eq "$T/out" "j['lk']['file']" user.img@UBOOT

# Same scatter on both sides: the layout agrees once the PMT's linear offsets are decoded.
printf '%s\n' $SAMSUNG >"$T/disk/cid"
printf '{"chip": "MT6572"}\n' >"$T/disk/device.json"
expect 0 "$MTKFW_BIN" compat --json "$T/pkg" "$T/disk"
level_is layout ok
level_is dram ok
level_is platform ok
json_eq "$T/out" "j['verdict']" safe

# A Micron CID (the sim preloader's first entry, not in the package's table): 4032 predicted.
printf 'fe014e4d4d4330344700000000000000\n' >"$T/disk/cid"
expect 3 "$MTKFW_BIN" compat --json "$T/pkg" "$T/disk"
level_is dram unsafe
# Without any CID: the sim's preloader lists three chips, the package two of them.
rm "$T/disk/cid"
expect 1 "$MTKFW_BIN" compat --json "$T/pkg" "$T/disk"
level_is dram risky
printf '%s\n' $SAMSUNG >"$T/disk/cid"

# A phone with a smaller eMMC (device.json user_size 64 MiB): the package's partitions past it
# cannot be written.
printf '{"chip": "MT6572", "emmc": {"user_size": 67108864}}\n' >"$T/disk/device.json"
expect 3 "$MTKFW_BIN" compat --json "$T/pkg" "$T/disk"
level_is layout unsafe
json_get "$T/out" "[r for r in j['risks'] if r['code']=='layout'][0]['evidence']" | grep -q "past the end" && pass ||
	fail "small eMMC: no 'past the end' in the evidence"
printf '{"chip": "MT6572"}\n' >"$T/disk/device.json"

# Broken packages (samplegen --broken KIND) against the same phone.
for kind in oversize identity; do
	"$GEN" "$T/bad_$kind" --cid $SAMSUNG --broken $kind >/dev/null 2>&1
done
expect 3 "$MTKFW_BIN" compat --json "$T/bad_oversize" "$T/disk"
level_is layout unsafe
json_get "$T/out" "[r for r in j['risks'] if r['code']=='layout'][0]['evidence']" | grep -q 5069 && pass ||
	fail "oversize: no 5069 in the evidence"
expect 1 "$MTKFW_BIN" compat --json "$T/bad_identity" "$T/disk"
level_is identity risky

# Another phone's scatter (Wiko: MBR_START 0xC00000 too, other sizes) against this PMT.
if have_corpus wiko_s4050ap_part_layout/MT6572_Android_scatter.txt; then
	mkdir "$T/wiko"
	cp "$MTKFW_CORPUS/wiko_s4050ap_part_layout/MT6572_Android_scatter.txt" "$T/wiko/"
	expect 1 "$MTKFW_BIN" compat --json "$T/wiko" "$T/disk"
	level_is layout risky
fi

done_testing
