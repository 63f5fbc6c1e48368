#!/bin/sh
# mtkfw sparse against the referees simg2img and img2simg (android-sdk-libsparse-utils):
# byte-identical expansion both ways, info values read from the header bytes with od,
# and hostile images giving one error line with exit 2.
. "$MTKFW_SRC/tests/cli/lib.sh"
command -v simg2img >/dev/null && command -v img2simg >/dev/null || skip_all "simg2img/img2simg absent"
M=$MTKFW_BIN

# A raw image with every kind of region: random data, zeros, a fill pattern, a hole, a
# data block whose words almost repeat, and a last partial block.
python3 - "$T/raw" <<'PY'
import os, random, sys
r = random.Random(5)
bs = 4096
with open(sys.argv[1], "wb") as f:
    f.write(bytes(r.getrandbits(8) for _ in range(3 * bs)))
    f.write(b"\0" * 2 * bs)
    f.write(b"\xef\xbe\xad\xde" * (3 * bs // 4))
    f.write(b"\x01\x01\x01\x01" * (bs // 4 - 1) + b"\x01\x01\x01\x02")
    f.seek(64 * bs, 1)                      # a hole of 64 blocks
    f.write(bytes(r.getrandbits(8) for _ in range(bs + 777)))
PY
# img2simg pads the last block; so does the expected raw image
python3 -c "import sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(d+b'\0'*((-len(d))%4096))" "$T/raw" "$T/raw.padded"

# 1. img2simg's image: we expand it exactly as simg2img does
img2simg "$T/raw" "$T/ref.simg" >/dev/null 2>&1
simg2img "$T/ref.simg" "$T/ref.raw"
expect 0 "$M" sparse expand "$T/ref.simg" "$T/ours.raw"
if cmp -s "$T/ref.raw" "$T/ours.raw"; then pass; else fail "expand of img2simg's image differs from simg2img's"; fi
if cmp -s "$T/raw.padded" "$T/ours.raw"; then pass; else fail "expand differs from the original raw image"; fi

# 2. our image: simg2img expands it to the original; so do we
expect 0 "$M" sparse make "$T/raw" "$T/ours.simg"
simg2img "$T/ours.simg" "$T/s_of_ours.raw"
if cmp -s "$T/raw.padded" "$T/s_of_ours.raw"; then pass; else fail "simg2img of our image differs from the raw"; fi
expect 0 "$M" sparse expand "$T/ours.simg" "$T/o_of_ours.raw"
if cmp -s "$T/raw.padded" "$T/o_of_ours.raw"; then pass; else fail "our expand of our image differs"; fi
# not bigger than img2simg's (the hole costs a 12-byte chunk instead of a 16-byte fill)
a=$(wc -c <"$T/ours.simg"); b=$(wc -c <"$T/ref.simg")
if [ "$a" -le "$b" ]; then pass; else fail "our sparse image ($a) is bigger than img2simg's ($b)"; fi
# the hole stays a hole: the expanded file takes less disk than its length
used=$(du -k "$T/o_of_ours.raw" | cut -f1)
if [ "$used" -lt $((75 * 4)) ]; then pass; else fail "expanded file uses ${used}K: the hole was written"; fi

# a round trip keeps the chunks: holes are exactly the don't-care ranges, zero fills are written
expect 0 "$M" sparse make "$T/o_of_ours.raw" "$T/again.simg"
if cmp -s "$T/ours.simg" "$T/again.simg"; then pass; else fail "make(expand(make(raw))) differs from make(raw)"; fi

# 3. other block sizes
expect 0 "$M" sparse make "$T/raw" "$T/b1k.simg" --block-size 1K
simg2img "$T/b1k.simg" "$T/b1k.raw"
python3 -c "import sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(d+b'\0'*((-len(d))%1024))" "$T/raw" "$T/raw.pad1k"
if cmp -s "$T/raw.pad1k" "$T/b1k.raw"; then pass; else fail "1K blocks: simg2img result differs"; fi
expect 2 "$M" sparse make "$T/raw" "$T/x.simg" --block-size 1000
expect 2 "$M" sparse make "$T/raw" "$T/x.simg" --block-size banana

# 4. info: values against the header bytes (od), JSON and text
blk=$(od -An -tu4 -j12 -N4 "$T/ref.simg" | tr -d ' ')
tot=$(od -An -tu4 -j16 -N4 "$T/ref.simg" | tr -d ' ')
nch=$(od -An -tu4 -j20 -N4 "$T/ref.simg" | tr -d ' ')
expect 0 "$M" sparse info "$T/ref.simg" --json
json_eq "$T/out" 'j["block_size"]' "$blk"
json_eq "$T/out" 'j["total_blocks"]' "$tot"
json_eq "$T/out" 'j["total_chunks"]' "$nch"
json_eq "$T/out" 'len(j["chunks"])' "$nch"
json_eq "$T/out" 'j["raw_size"]' "$(wc -c <"$T/ref.raw" | tr -d ' ')"
json_eq "$T/out" 'sum(c["out_len"] for c in j["chunks"])' "$(wc -c <"$T/ref.raw" | tr -d ' ')"
expect 0 "$M" sparse info "$T/ours.simg"
contains "$T/out" "Android sparse image v1.0"
contains "$T/out" "dont_care"

# 5. hostile images: one line, exit 2, no output file left behind
python3 - "$T" <<'PY'
import struct, sys
d = sys.argv[1]
def hdr(blk, total, chunks, fhs=28, chs=12, major=1):
    return struct.pack("<IHHHHIIII", 0xED26FF3A, major, 0, fhs, chs, blk, total, chunks, 0)
def ch(t, n, total):
    return struct.pack("<HHII", t, 0, n, total)
open(d + "/h_overflow.simg", "wb").write(hdr(4096, 0xFFFFFFFF, 1) + ch(0xCAC1, 0xFFFFFFFF, 12))
open(d + "/h_total.simg", "wb").write(hdr(4096, 5, 1) + ch(0xCAC3, 4, 12))
open(d + "/h_trunc.simg", "wb").write(hdr(4096, 2, 1) + ch(0xCAC1, 2, 12 + 8192) + b"x" * 5000)
open(d + "/h_chunks.simg", "wb").write(hdr(4096, 1, 0x7FFFFFFF) + ch(0xCAC3, 1, 12))
open(d + "/h_version.simg", "wb").write(hdr(4096, 1, 1, major=9) + ch(0xCAC3, 1, 12))
open(d + "/h_short.simg", "wb").write(hdr(4096, 1, 1)[:17])
open(d + "/h_crc.simg", "wb").write(hdr(4096, 1, 2) + ch(0xCAC2, 1, 16) + b"\1\2\3\4" + ch(0xCAC4, 0, 16) + b"\0\0\0\0")
PY
for h in overflow total trunc chunks version short; do
	expect 2 "$M" sparse expand "$T/h_$h.simg" "$T/h_$h.raw"
	one_line_error
	if [ "$(grep -c . "$T/err")" -eq 1 ]; then pass; else fail "h_$h: more than one error line"; fi
	[ -e "$T/h_$h.raw" ] && fail "h_$h: output left behind" || pass
	expect 2 "$M" sparse info "$T/h_$h.simg"
done
# a CRC32 chunk that does not match: exit 1 (a failed check), nothing written
expect 1 "$M" sparse expand "$T/h_crc.simg" "$T/h_crc.raw"
contains "$T/err" "CRC32"
[ -e "$T/h_crc.raw" ] && fail "h_crc: output left behind" || pass
expect 2 "$M" sparse expand "$T/raw" "$T/x.raw"
contains "$T/err" "not an Android sparse image"

# an empty raw image makes an empty sparse image, which expands to an empty file
: >"$T/empty"
expect 0 "$M" sparse make "$T/empty" "$T/empty.simg"
expect 0 "$M" sparse info "$T/empty.simg" --json
json_eq "$T/out" 'j["total_blocks"]' 0
expect 0 "$M" sparse expand "$T/empty.simg" "$T/empty.raw"
[ -f "$T/empty.raw" ] && [ ! -s "$T/empty.raw" ] && pass || fail "empty expand"

# 6. issue 14: sizes that are legal to parse but absurd to act on. Hangs are run under
# `timeout`, so that they fail rather than hang the suite.
python3 - "$T" <<'PY'
import struct, sys
d = sys.argv[1]
def hdr(blk, total, chunks, csum=0):
    return struct.pack("<IHHHHIIII", 0xED26FF3A, 1, 0, 28, 12, blk, total, chunks, csum)
def ch(t, n, total):
    return struct.pack("<HHII", t, 0, n, total)
# found 1: 40 bytes, a 4 GiB - 4 block size and an image checksum: the CRC of the don't-care
# run never ended
open(d + "/f1.simg", "wb").write(hdr(0xFFFFFFFC, 0xFFFFFFFF, 1, csum=1) + ch(0xCAC3, 0xFFFFFFFF, 12))
# found 2: 44 bytes, one FILL chunk of 9.2 EB (2 GiB blocks), and the same claim in 64 KiB blocks
open(d + "/f2.simg", "wb").write(hdr(0x80000000, 0xFFFFFFFF, 1) + ch(0xCAC2, 0xFFFFFFFF, 16) + b"\1\2\3\4")
open(d + "/f2b.simg", "wb").write(hdr(0x10000, 0xFFFFFFFF, 1) + ch(0xCAC2, 0xFFFFFFFF, 16) + b"\1\2\3\4")
PY
expect 2 timeout 60 "$M" sparse expand "$T/f1.simg" "$T/f1.raw"
contains "$T/err" "block size 4294967292, more than the 65536 allowed"
expect 2 timeout 60 "$M" sparse expand "$T/f2.simg" "$T/f2.raw"
contains "$T/err" "block size 2147483648"
expect 2 timeout 60 "$M" sparse expand "$T/f2b.simg" "$T/f2.raw"
contains "$T/err" "expands to 281474976645120 bytes (4294967295 blocks of 65536), more than the 68719476736 allowed"
expect 2 "$M" sparse info "$T/f2b.simg"
if ls -A "$T" | grep -q '^\.f[12]' || [ -e "$T/f1.raw" ] || [ -e "$T/f2.raw" ]; then
	fail "a refused expand left a file"
else
	pass
fi
# A legal size that the output's file system cannot hold is refused before the first byte,
# with the numbers: the folder with the least room (below the size limit) is used.
room=$(python3 - "$T" /dev/shm <<'PY'
import os, sys
best = None
for d in sys.argv[1:]:
    try:
        v = os.statvfs(d)
    except OSError:
        continue
    free = v.f_bavail * v.f_frsize
    if os.access(d, os.W_OK) and free + (256 << 20) <= (64 << 30) and (best is None or free < best[1]):
        best = (d, free)
print("%s %d" % best if best else "")
PY
)
if [ -n "$room" ]; then
	out=$(mktemp -d "${room% *}/mtkfw-room-XXXXXX")
	python3 - "$T/fill.simg" "${room#* }" <<'PY'
import struct, sys
blocks = (int(sys.argv[2]) + (256 << 20)) // 4096
open(sys.argv[1], "wb").write(struct.pack("<IHHHHIIII", 0xED26FF3A, 1, 0, 28, 12, 4096, blocks, 1, 0) +
                              struct.pack("<HHII", 0xCAC2, 0, blocks, 16) + b"\xa5" * 4)
PY
	expect 1 timeout 60 "$M" sparse expand "$T/fill.simg" "$out/fill.raw"
	contains "$T/err" "the file system has"
	contains "$T/err" "nothing written"
	[ -z "$(ls -A "$out")" ] && pass || fail "a refused expand left $(ls -A "$out")"
	rm -rf "$out"
else
	echo "# no folder with less than 64 GiB free: the free-space check is not exercised"
fi
# found 3: `info --json` of a file of 1,048,576 one-block chunks built the whole document in
# memory (0.9 GB; 3.6 GB for 4 Mi chunks). Streamed, peak memory does not follow the chunk
# count: the bound below is a tenth of what it took.
python3 - "$T/many.simg" <<'PY'
import struct, sys
n = 1 << 20
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHHHIIII", 0xED26FF3A, 1, 0, 28, 12, 4096, n, n, 0))
    f.write(struct.pack("<HHII", 0xCAC3, 0, 1, 12) * n)
PY
peak=$(python3 - "$M" "$T/many.simg" <<'PY'
import json, resource, subprocess, sys
r = subprocess.run([sys.argv[1], "sparse", "info", "--json", sys.argv[2]], stdout=subprocess.PIPE)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
c = json.loads(r.stdout)["chunks"] if r.returncode == 0 else []
ok = len(c) == 1 << 20 and c[-1]["out_offset"] == ((1 << 20) - 1) * 4096 and c[-1]["type"] == "dont_care"
print(peak if ok else "failed: exit %d, %d chunks" % (r.returncode, len(c)))
PY
)
case $peak in
failed*) fail "info --json of 1 Mi chunks $peak" ;;
*) [ "$peak" -lt 96000 ] && pass || fail "info --json of 1 Mi chunks peaked at $peak KiB" ;;
esac

# 7. usage
expect 2 "$M" sparse
expect 2 "$M" sparse frobnicate a b
expect 2 "$M" sparse expand onlyone
expect 2 "$M" sparse expand "$T/ref.simg" "$T/x" --json
done_testing
