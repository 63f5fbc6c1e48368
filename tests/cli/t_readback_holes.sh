#!/bin/sh
# Readback files keep the eMMC's zero runs as holes: a dump of a mostly empty area reads back
# byte for byte the same, but takes no room for its zeros (before, every byte was written and
# a 64 MiB range of never-written eMMC took 64 MiB of disk). Against mtkfw-sim.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/sim_common.sh"

# Does this file system keep holes at all? (A 16 MiB truncated file takes no blocks.)
truncate -s 16M "$T/probe"
[ "$(stat -c %b "$T/probe")" -lt 64 ] || skip_all "the temp folder's file system keeps no holes"

python3 "$MTKFW_SRC/tests/mtkclient/make_da.py" "$T/da.bin"
DA="$T/da.bin"
mkdir -p "$T/disk"
truncate -s 96M "$T/disk/user.img"
# Some data in the middle of the range, not on block boundaries: it must come back exactly.
printf 'MTKFW-HOLES' | dd of="$T/disk/user.img" bs=1 seek=$((0x1234567)) conv=notrunc 2>/dev/null
head -c 300000 /dev/urandom | dd of="$T/disk/user.img" bs=1 seek=$((0x2000001)) conv=notrunc 2>/dev/null
start_sim "$T/disk" --mode preloader

# 64 MiB from offset 1 MiB, ending in zeros (a trailing hole must still give the full length).
expect 0 "$MTKFW_BIN" device readback "$T/r.bin" --range 1M:64M --port "$PTY" --da "$DA"
[ "$(stat -c %s "$T/r.bin")" -eq $((64 << 20)) ] && pass || fail "readback is $(stat -c %s "$T/r.bin") bytes"
cmp -s -i $((1 << 20)):0 -n $((64 << 20)) "$T/disk/user.img" "$T/r.bin" && pass || fail "readback differs from the sim's disk"
# Allocated: the 300000 random bytes and the 11-byte mark, in 4 KiB blocks, plus slack.
blocks=$(stat -c %b "$T/r.bin")
bsize=$(stat -c %B "$T/r.bin")
used=$((blocks * bsize))
[ "$used" -lt $((2 << 20)) ] && pass || fail "a 64 MiB readback of zeros takes $used bytes on disk"
# The hash the manifest-free readback prints is over the bytes, holes read as zeros.
expect 0 "$MTKFW_BIN" device readback "$T/all" --all --port "$PTY" --da "$DA"
cmp -s "$T/all/user.img" "$T/disk/user.img" && pass || fail "full dump differs"
used=$(($(stat -c %b "$T/all/user.img") * $(stat -c %B "$T/all/user.img")))
[ "$used" -lt $((8 << 20)) ] && pass || fail "a 96 MiB dump of a mostly empty disk takes $used bytes"
json_get "$T/all/manifest.json" '"\n".join(f["sha256"] + " " + f["file"] for f in j["files"])' >"$T/listed"
(cd "$T/all" && while read -r sha file; do
	[ "$(sha256sum "$file" | cut -d' ' -f1)" = "$sha" ] || echo "sha256 of $file differs"
done) <"$T/listed" >"$T/shas"
[ "$(wc -l <"$T/listed")" -eq 2 ] && [ ! -s "$T/shas" ] && pass || fail "manifest: $(cat "$T/listed" "$T/shas")"
stop_sim
done_testing
