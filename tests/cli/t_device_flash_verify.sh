#!/bin/sh
# The read-back verification of a flash covers exactly the ranges written: a sparse image on an
# erased partition is written, read back and hashed only where it has RAW and FILL chunks, never
# over its DONT_CARE holes (of those one sector is read, to see that the erase left zeros). The expected ranges and SHA-256 come from the sparse image parsed
# here in Python (its chunk headers), the ranges read from the sim's own trace of READ commands,
# and the bytes on the phone from simg2img. Skips without the sim.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/flash_common.sh"
M="$MTKFW_BIN"

start_sim "$T/d" --mode preloader --cid "$CID" --scatter "$SCATTER"
expect 0 "$M" device flash "$T/pkg" --only CACHE --dry-run --json --port "$PTY" --da "$DA"
cp "$T/out" "$T/plan.json"
json_eq "$T/plan.json" '[(s["kind"], s["sparse"], s["erased"]) for s in j["steps"]]' \
	"[('erase', False, False), ('write', True, True)]"

# From the image itself: the RAW/FILL runs (merged where they touch) and the SHA-256 of their
# bytes in order; then what the plan says.
python3 - "$T/plan.json" >"$T/want" <<'PY'
import hashlib, json, struct, sys
plan = json.load(open(sys.argv[1]))
st = [s for s in plan["steps"] if s["kind"] == "write"][0]
d = open(st["file"], "rb").read()
magic, _, _, fhs, chs, bs, _, chunks, _ = struct.unpack("<IHHHHIIII", d[:28])
assert magic == 0xED26FF3A
off, out, runs, h = fhs, 0, [], hashlib.sha256()
for _ in range(chunks):
    kind, _, blocks, total = struct.unpack("<HHII", d[off:off + 12])
    n = blocks * bs
    if kind in (0xCAC1, 0xCAC2):
        data = d[off + chs:off + chs + n] if kind == 0xCAC1 else d[off + chs:off + chs + 4] * (n // 4)
        h.update(data)
        if runs and runs[-1][1] == out:
            runs[-1][1] = out + n
        else:
            runs.append([out, out + n])
    off += total
    out += n
print("holes", out - sum(b - a for a, b in runs))
print("payload", sum(b - a for a, b in runs), st["payload"])
print("sha256", h.hexdigest(), st["sha256"])
for a, b in runs:
    print("run %x %x" % (st["offset"] + a, b - a))
# Then one sector of the first hole, to see that the erase left zeros.
hole = next((b for (a, b), (c, _) in zip(runs, runs[1:]) if c > b), None)
if runs[0][0] > 0:
    hole = 0
elif hole is None:
    hole = runs[-1][1]
print("run %x %x" % (st["offset"] + hole, 512))
PY
grep -q "^holes [1-9]" "$T/want" && pass || fail "the sample CACHE image has no DONT_CARE hole: $(head -1 "$T/want")"
awk '$1=="payload" && $2==$3 {ok=1} END {exit !ok}' "$T/want" && pass ||
	fail "plan payload differs from the image's RAW+FILL bytes: $(grep payload "$T/want")"
awk '$1=="sha256" && $2==$3 {ok=1} END {exit !ok}' "$T/want" && pass ||
	fail "plan SHA-256 is not that of the RAW+FILL bytes: $(grep sha256 "$T/want")"

expect 0 "$M" device flash "$T/pkg" --only CACHE --port "$PTY" --da "$DA" --backup "$T/bk"
contains "$T/out" "verified  CACHE"
# The READs the phone saw inside CACHE after the last write are exactly the runs and one sector
# of the first hole (the backup reads elsewhere; the erase samples a few sectors before).
last=$(grep -n '62 WRITE_DATA' "$T/sim.trace" | tail -n 1 | cut -d: -f1)
tail -n +"${last:-1}" "$T/sim.trace" | grep -o 'D6 READ .*part=user addr=0x[0-9a-f]* len=0x[0-9a-f]*' |
	sed 's/.*addr=0x\([0-9a-f]*\) len=0x\([0-9a-f]*\)/\1 \2/' >"$T/reads"
start=$(part_field CACHE 3)
size=$(part_field CACHE 4)
while read -r a l; do
	[ $((0x$a)) -ge "$start" ] && [ $((0x$a)) -lt $((start + size)) ] && printf 'run %x %x\n' $((0x$a)) $((0x$l))
done <"$T/reads" >"$T/got"
grep '^run ' "$T/want" >"$T/want.runs"
if cmp -s "$T/got" "$T/want.runs"; then pass; else
	fail "READs inside CACHE differ from its RAW/FILL runs"
	diff "$T/want.runs" "$T/got" | head -5 >&2
fi
sparse_on_phone "$T/d" CACHE "$T/pkg/cache.img"

# An eMMC that erases to ff is caught. The link drops during the read-back (after the erase, with
# the write done), ff goes into the first hole behind the sim's back, and --resume, which does
# not erase again, must refuse to call CACHE verified; with zeros back it finishes.
hole=$((0x$(tail -n 1 "$T/want.runs" | cut -d' ' -f2)))
start_sim "$T/d" --mode preloader --cid "$CID" --fault drop-after=20000
expect 1 "$M" device flash "$T/pkg" --only CACHE --port "$PTY" --da "$DA" --backup "$T/bk"
i=0
while [ "$(wc -l <"$T/sim.out")" -lt 2 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
fill() { python3 -c 'import sys; f = open(sys.argv[1], "r+b"); f.seek(int(sys.argv[2])); f.write(bytes([int(sys.argv[3])]) * 512)' "$T/d/user.img" "$hole" "$1"; }
fill 255
expect 1 "$M" device flash "$T/pkg" --only CACHE --port "$(last_pty)" --da "$DA" --backup "$T/bk" --resume
contains "$T/err" "the erased range reads ff at"
fill 0
expect 0 "$M" device flash "$T/pkg" --only CACHE --port "$(last_pty)" --da "$DA" --backup "$T/bk" --resume
contains "$T/out" "verified  CACHE"
stop_sim
done_testing
