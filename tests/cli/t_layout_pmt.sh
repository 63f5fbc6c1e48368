#!/bin/sh
# mtkfw layout on a PMT: one addressing with the scatter (user-area offsets, the MBR at 0), and
# the round trip scatter -> the sim's PMT -> layout --compare agrees, for every corpus scatter
# the sim builds a disk from. Before the fix the PMT's linear addresses were printed as user
# offsets, and --compare reported every partition after the MBR as moved.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/sim_common.sh"

# A PTv1 region written by hand (name[64], size, offset, mask per 0x58-byte entry): ptgen's
# linear addresses, the MBR at MBR_START 0x600000 and the preloader below it in boot1.
python3 - "$T/hand.pmt" <<'EOF'
import struct, sys
r = bytearray(0x1000)
r[0:8] = b"1vTP1.0\0"
r[-4:] = b"1vTP"
ents = [("PRELOADER", 0x40000, 0), ("MBR", 0x80000, 0x600000), ("NVRAM", 0x500000, 0xA00000),
        ("BMTPOOL", 0xA8, 0xFFFF00A8)]
for i, (n, size, off) in enumerate(ents):
    o = 8 + i * 0x58
    r[o:o + len(n)] = n.encode()
    struct.pack_into("<QQQ", r, o + 64, size, off, 0)
open(sys.argv[1], "wb").write(r)
EOF
expect 0 "$MTKFW_BIN" layout --json "$T/hand.pmt"
json_eq "$T/out" 'j["source"]' pmt
json_eq "$T/out" 'j["mbr_start"]' $((0x600000))
json_eq "$T/out" '[p["start"] for p in j["partitions"] if p["name"]=="MBR"][0]' 0
json_eq "$T/out" '[p["start"] for p in j["partitions"] if p["name"]=="NVRAM"][0]' $((0xA00000 - 0x600000))
json_eq "$T/out" '[(p["area"], p["start"]) for p in j["partitions"] if p["name"]=="PRELOADER"][0]' "('boot1', 0)"
json_eq "$T/out" '[p["start"] for p in j["partitions"] if p["name"]=="BMTPOOL"][0]' None
expect 0 "$MTKFW_BIN" layout "$T/hand.pmt"
contains "$T/out" "user-area byte offsets"
contains "$T/out" "user area starts at linear 0x600000"
# NVRAM at user 0x400000, not at the linear 0xa00000 under the user-offsets heading.
if grep -E '^NVRAM +user +0x400000 ' "$T/out" >/dev/null; then pass; else fail "NVRAM not at user 0x400000"; cat "$T/out" >&2; fi

# Every scatter of the corpus: the sim lays the disk out from it and writes its PMT 1 MiB below
# the end of user.img; that PMT must agree with the scatter it came from.
[ -d "$MTKFW_CORPUS" ] || { done_testing; exit $?; }
find "$MTKFW_CORPUS" -iname '*scatter*.txt' | sort >"$T/scatters"
n=0
while read -r S; do
	# Not start_sim: a scatter the sim cannot lay out ends its run, not this test.
	mkdir -p "$T/disk"
	: >"$SIM_LOG.out"
	"$MTKFW_SIM_BIN" --disk "$T/disk" --scatter "$S" >"$SIM_LOG.out" 2>"$SIM_LOG.err" &
	SIM_PID=$!
	i=0
	while [ ! -s "$SIM_LOG.out" ] && kill -0 "$SIM_PID" 2>/dev/null && [ $i -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	stop_sim
	if [ ! -s "$SIM_LOG.out" ] || [ ! -s "$T/disk/user.img" ]; then
		# The sim builds only eMMC layouts it can place (an OTA scatter has no sizes).
		echo "# sim built no disk from $S: $(head -n 1 "$SIM_LOG.err")"
		rm -rf "$T/disk"
		continue
	fi
	size=$(stat -c %s "$T/disk/user.img")
	dd if="$T/disk/user.img" of="$T/sim.pmt" bs=4096 skip=$(((size - 1048576) / 4096)) count=1 2>/dev/null
	rm -rf "$T/disk"
	expect 0 "$MTKFW_BIN" layout --compare "$S" "$T/sim.pmt"
	contains "$T/out" "agrees with"
	# Independent of our parsers: each start is the scatter's own linear address minus its MBR's.
	expect 0 "$MTKFW_BIN" layout --json "$T/sim.pmt"
	python3 - "$S" "$T/out" >"$T/py" 2>&1 <<'EOF'
import json, re, sys
text = open(sys.argv[1], errors="replace").read()
pairs = re.findall(r"partition_name:\s*(\S+)\s*\n(?:.*\n)*?\s*linear_start_addr:\s*(0x[0-9a-fA-F]+)", text)
if not pairs:
    pairs = re.findall(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s+(0x[0-9a-fA-F]+)\s*$", text, re.M)
lin = {n.upper(): int(a, 16) for n, a in pairs}
mbr = lin.get("MBR")
j = json.load(open(sys.argv[2]))
bad = []
for p in j["partitions"]:
    a = lin.get(p["name"].upper())
    if mbr is None or a is None or a >= 0xFFFF0000:
        continue
    want = ("boot1", a) if a < mbr else ("user", a - mbr)
    if (p["area"], p["start"]) != want:
        bad.append("%s %s/%s want %s" % (p["name"], p["area"], p["start"], want))
print("ok" if not bad else "; ".join(bad))
EOF
	if [ "$(cat "$T/py")" = ok ]; then pass; else fail "$S: $(cat "$T/py")"; fi
	n=$((n + 1))
done <"$T/scatters"
echo "# $n corpus scatters made a round trip through the sim's PMT"
[ "$n" -gt 0 ] || [ ! -s "$T/scatters" ] || fail "no corpus scatter made a sim disk"
done_testing
