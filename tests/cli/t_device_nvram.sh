#!/bin/sh
# USRDATA's /data/nvram tree in the identity backup, against mtkfw-sim: the sim's USRDATA holds
# an ext4 that mke2fs builds here from a tree with /nvram/md/NVRAM/NVD_IMEI/... files. Checked:
# backup --with-data-nvram copies the tree byte for byte (the source files and debugfs's
# rdump/cat of the same image are the referees; the manifest's SHA-256 come from sha256sum);
# flash --mode format-all, a flash of USRDATA alone, erase USRDATA and format --all save it
# before USRDATA goes, erasing another partition does not; a USRDATA of garbage is a warning and a note, never a failure; a
# hostile ext4 (".." and "/" in names, a directory loop, a file claiming 1 TiB) stays bounded
# and inside the backup folder; restore says the tree is left for manual use. (The entry,
# byte and depth limits themselves: tests/unit/test_ext4_tree.c.) Skips without the sim,
# mke2fs or debugfs.
. "$MTKFW_SRC/tests/cli/lib.sh"
for t in mke2fs debugfs python3 sha256sum; do
	command -v "$t" >/dev/null || skip_all "$t absent"
done
. "$MTKFW_SRC/tests/cli/flash_common.sh"
M="$MTKFW_BIN"

# The tree an MT6572's /data/nvram holds (names as the modem and the AP write them), plus
# what must stay out of the copy (a file outside /nvram, a link that points out of it).
python3 - "$T/tree" <<'PY'
import os, random, sys
root = sys.argv[1]; r = random.Random(72)
def w(p, n):
    p = os.path.join(root, p); os.makedirs(os.path.dirname(p), exist_ok=True)
    open(p, "wb").write(bytes(r.getrandbits(8) for _ in range(n)))
w("nvram/md/NVRAM/NVD_IMEI/MP0B_001", 10)
w("nvram/md/NVRAM/NVD_IMEI/LD0B_001", 384)
w("nvram/md/NVRAM/CALIBRAT/ML1B_000", 300000)    # over one 256 KiB DA window
w("nvram/md/NVRAM/NVD_CORE/LD00_001", 4096)
w("nvram/APCFG/APRDEB/WIFI", 512)
w("nvram/APCFG/APRDEB/BT_Addr", 130)
w("nvram/empty", 0)
os.makedirs(os.path.join(root, "nvram/dm"))
os.symlink("/system/etc", os.path.join(root, "nvram/link"))
w("app/other.apk", 200000)
PY
mke2fs -q -F -t ext4 -d "$T/tree" "$T/fs.img" 16M >/dev/null 2>&1 || skip_all "mke2fs -d failed"

USR=$(part_field USRDATA 3)
# put_usrdata FILE: the bytes of FILE at USRDATA's start on the sim's disk (the sim stopped).
put_usrdata() { dd if="$1" of="$T/d/user.img" bs=64K seek=$((USR / 65536)) conv=notrunc 2>/dev/null; }
# same_tree DIR: every file of the source tree's /nvram is in DIR, byte for byte, and debugfs's
# rdump of the image (the independent reader) agrees; nothing else is there.
same_tree() {
	(cd "$T/tree/nvram" && find . -type f | sort) >"$T/want.list"
	(cd "$1" && find . -type f | sort) >"$T/got.list"
	cmp -s "$T/want.list" "$T/got.list" && pass || { fail "$1: other files than the source's /nvram"; diff "$T/want.list" "$T/got.list" | head >&2; }
	rm -rf "$T/rdump" && mkdir "$T/rdump"
	debugfs -R "rdump /nvram $T/rdump" "$T/fs.img" >/dev/null 2>&1
	while read -r f; do
		cmp -s "$T/tree/nvram/$f" "$1/$f" || fail "$1/$f differs from the source"
		cmp -s "$T/rdump/nvram/$f" "$1/$f" || fail "$1/$f differs from debugfs rdump"
	done <"$T/want.list"
	pass
}

# phone_with FILE: a new disk (MBR/EBR, PMT, identity from the scatter) with FILE in USRDATA.
phone_with() {
	stop_sim
	rm -rf "$T/d"
	start_sim "$T/d" --mode preloader --cid "$CID" --scatter "$SCATTER"
	stop_sim
	put_usrdata "$1"
	start_sim "$T/d" --mode preloader --cid "$CID"
}
phone_with "$T/fs.img"

# ---- backup --with-data-nvram ----
expect 0 "$M" device backup "$T/bk" --with-data-nvram --port "$PTY" --da "$DA" --json
same_tree "$T/bk/data_nvram"
# The IMEI file, also by debugfs cat on the same image.
debugfs -R "cat /nvram/md/NVRAM/NVD_IMEI/MP0B_001" "$T/fs.img" >"$T/imei" 2>/dev/null
cmp -s "$T/imei" "$T/bk/data_nvram/md/NVRAM/NVD_IMEI/MP0B_001" && pass || fail "MP0B_001 differs from debugfs cat"
# Manifest: size and SHA-256 of each file, computed here.
for f in md/NVRAM/NVD_IMEI/MP0B_001 md/NVRAM/CALIBRAT/ML1B_000 APCFG/APRDEB/WIFI empty; do
	sha=$(sha256sum "$T/tree/nvram/$f" | cut -d' ' -f1)
	size=$(stat -c %s "$T/tree/nvram/$f")
	json_eq "$T/bk/manifest.json" "[(e['type'], e['size'], e['sha256'], e['skipped']) for t in j['trees'] if t['dir'] == 'data_nvram' for e in t['entries'] if e['path'] == '$f']" \
		"[('file', $size, '$sha', None)]"
done
# A link is recorded with its target, not followed, not created; the file outside /nvram stays out.
json_eq "$T/bk/manifest.json" "[(e['type'], e['target']) for e in j['trees'][0]['entries'] if e['path'] == 'link']" "[('symlink', '/system/etc')]"
[ ! -e "$T/bk/data_nvram/link" ] && [ ! -L "$T/bk/data_nvram/link" ] && pass || fail "the link was created or followed"
[ -z "$(find "$T/bk" -name other.apk)" ] && pass || fail "a file outside /nvram was copied"
json_eq "$T/out" 'len([e for e in j["data_nvram"]["entries"] if e["type"] == "file"])' 7
json_eq "$T/out" '[e["sha256"] for e in j["data_nvram"]["entries"] if e["path"] == "data_nvram/md/NVRAM/NVD_IMEI/MP0B_001"]' \
	"['$(sha256sum "$T/tree/nvram/md/NVRAM/NVD_IMEI/MP0B_001" | cut -d' ' -f1)']"
json_eq "$T/out" 'j["data_nvram"]["bytes"]' "$(cat "$T"/tree/nvram/md/NVRAM/*/* "$T"/tree/nvram/APCFG/APRDEB/* | wc -c)"
json_eq "$T/out" 'j["data_nvram"]["note"]' None
# Without the option (and nothing erased) the tree is not read.
expect 0 "$M" device backup "$T/bk0" --port "$PTY" --da "$DA" --json
json_eq "$T/out" 'j["data_nvram"]' None
[ ! -e "$T/bk0/data_nvram" ] && pass || fail "a plain backup copied /data/nvram"
# The other subcommands do not take the option.
expect 2 "$M" device info --with-data-nvram --port "$PTY" --da "$DA"

# ---- restore leaves the tree to the user, in one line ----
expect 0 "$M" device restore "$T/bk" --only NVRAM --port "$PTY" --da "$DA"
n=$(cd "$T/tree/nvram" && find . -mindepth 1 | wc -l)
contains "$T/out" "not restored: USRDATA's /data/nvram tree ($n entries) stays in $T/bk/data_nvram for manual use"
[ "$(grep -c 'data_nvram' "$T/out")" = 1 ] && pass || fail "restore says more than one line about the tree"

# ---- erasing USRDATA saves the tree first; erasing another partition does not ----
expect 0 "$M" device erase CACHE --port "$PTY" --da "$DA" --backup "$T/bk1"
[ ! -e "$T/bk1/data_nvram" ] && pass || fail "erasing CACHE copied /data/nvram"
expect 0 "$M" device erase USRDATA --port "$PTY" --da "$DA" --backup "$T/bk2"
same_tree "$T/bk2/data_nvram"
stop_sim
[ "$(range_sha "$T/d/user.img" "$USR" 65536)" != "$(range_sha "$T/fs.img" 0 65536)" ] && pass ||
	fail "USRDATA still holds the file system after erase"

# ---- flash --mode format-all: the backup holds the tree from before the erase ----
put_usrdata "$T/fs.img"
start_sim "$T/d" --mode preloader --cid "$CID"
expect 0 "$M" device flash "$T/pkg" --mode format-all --port "$PTY" --da "$DA" --backup "$T/bk3"
contains "$T/out" "flashed:"
same_tree "$T/bk3/data_nvram"
json_eq "$T/bk3/manifest.json" "[e['type'] for e in j['trees'][0]['entries'] if e['path'] == 'md/NVRAM/NVD_IMEI/LD0B_001']" "['file']"
stop_sim
sparse_on_phone "$T/d" USRDATA "$T/pkg/userdata.img"

# ---- a download flash that writes USRDATA (and nothing else) ----
put_usrdata "$T/fs.img"
start_sim "$T/d" --mode preloader --cid "$CID"
expect 0 "$M" device flash "$T/pkg" --only USRDATA --port "$PTY" --da "$DA" --backup "$T/bk7"
same_tree "$T/bk7/data_nvram"
stop_sim

# ---- format --all ----
put_usrdata "$T/fs.img"
start_sim "$T/d" --mode preloader --cid "$CID"
expect 0 "$M" device format --all --port "$PTY" --da "$DA" --backup "$T/bk4"
same_tree "$T/bk4/data_nvram"
# The same with --json: the tree saved is part of the result (entries and bytes from the source).
phone_with "$T/fs.img"
expect 0 "$M" device erase USRDATA --port "$PTY" --da "$DA" --backup "$T/bk4j" --json
json_eq "$T/out" '(j["result"], j["fault"], j["backup"])' "('erased', None, '$T/bk4j')"
json_eq "$T/out" 'len(j["data_nvram"]["entries"])' "$(cd "$T/tree/nvram" && find . -mindepth 1 | wc -l)"
json_eq "$T/out" 'j["data_nvram"]["bytes"]' "$(cat "$T"/tree/nvram/md/NVRAM/*/* "$T"/tree/nvram/APCFG/APRDEB/* | wc -c)"
json_eq "$T/out" 'j["data_nvram"]["note"]' None
stop_sim
put_usrdata "$T/fs.img"
start_sim "$T/d" --mode preloader --cid "$CID"
expect 0 "$M" device flash "$T/pkg" --only USRDATA --port "$PTY" --da "$DA" --backup "$T/bk4f" --json
json_eq "$T/out" '(j["result"], j["fault"])' "('flashed', None)"
json_eq "$T/out" 'len([e for e in j["data_nvram"]["entries"] if e["type"] == "file"])' 7
expect 0 "$M" device restore "$T/bk4f" --only NVRAM --port "$PTY" --da "$DA" --json
json_eq "$T/out" '(j["result"], j["data_nvram_restored"], len(j["data_nvram"]["entries"]) > 0)' "('restored', False, True)"

# ---- USRDATA of garbage: a warning and a note, the backup made ----
head -c 1048576 /dev/urandom >"$T/garbage"
phone_with "$T/garbage"
expect 0 "$M" device backup "$T/bk5" --with-data-nvram --port "$PTY" --da "$DA"
contains "$T/err" "warning: backup: /data/nvram not saved: USRDATA holds no readable ext4"
json_get "$T/bk5/manifest.json" "j['trees'][0]['note']" | grep -q "^/data/nvram not saved: USRDATA holds no readable ext4" && pass ||
	fail "bk5: the manifest's tree has no note"
[ -s "$T/bk5/NVRAM.bin" ] && pass || fail "no NVRAM.bin beside the note"
expect 0 "$M" device erase USRDATA --port "$PTY" --da "$DA" --backup "$T/bk6"
contains "$T/err" "warning: backup: /data/nvram not saved"
expect 0 "$M" device erase USRDATA --port "$PTY" --da "$DA" --backup "$T/bk6j" --json
json_eq "$T/out" '(j["data_nvram"]["entries"], j["data_nvram"]["note"].startswith("/data/nvram not saved: USRDATA holds no"))' "([], True)"

# ---- a hostile ext4 ----
python3 - "$T/evil" <<'PY'
import os, sys
root = sys.argv[1]
os.makedirs(os.path.join(root, "nvram/md/NVRAM"))
for name in ["QQ", "AxB", "we\nird", "sp ace", "huge"]:
    open(os.path.join(root, "nvram", name), "wb").write(b"evil " + name.encode())
for i in range(300):
    open(os.path.join(root, "nvram/md/NVRAM/F%03d" % i), "wb").write(b"%d" % i)
PY
mke2fs -q -F -t ext4 -O ^metadata_csum -d "$T/evil" "$T/evil.img" 8M >/dev/null 2>&1
# A file of 1 TiB by its inode, a folder linked into itself.
debugfs -w -R "sif /nvram/huge size 0x10000000000" "$T/evil.img" >/dev/null 2>&1
debugfs -w -R "ln /nvram /nvram/md/loop" "$T/evil.img" >/dev/null 2>&1
# Names no kernel would write: "QQ" becomes "..", "AxB" becomes "A/B" (the bytes of the entry).
python3 - "$T/evil.img" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
for old, new in ((b"\x02\x01QQ", b"\x02\x01.."), (b"\x03\x01AxB", b"\x03\x01A/B")):
    i = b.find(old)
    assert i > 0, old
    b[i:i + len(new)] = new
open(sys.argv[1], "wb").write(b)
PY
debugfs -R "stat /nvram/huge" "$T/evil.img" 2>/dev/null | grep -q "Size: 1099511627776" && pass || fail "debugfs did not make the 1 TiB file"
phone_with "$T/evil.img"
mkdir -p "$T/cage"
expect 0 timeout 120 "$M" device backup "$T/cage/bk" --with-data-nvram --port "$PTY" --da "$DA" --json
# Nothing outside the backup folder, and nothing there but plain files and folders.
[ "$(ls -A "$T/cage")" = bk ] && pass || fail "something was written beside the backup folder"
[ -z "$(find "$T/cage" ! -type f ! -type d)" ] && pass || fail "a link or device was created"
[ -z "$(find "$T/cage/bk/data_nvram" -size +1M)" ] && pass || fail "a huge file was written"
json_eq "$T/out" '[e["skipped"] for e in j["data_nvram"]["entries"] if e["path"] == "data_nvram/huge"]' "['limit']"
json_eq "$T/out" '[e["skipped"] for e in j["data_nvram"]["entries"] if e["path"] == "data_nvram/md/loop"]' "['loop']"
json_eq "$T/out" '[e["path"] for e in j["data_nvram"]["entries"] if "A%2FB" in e["path"] or "we%0Aird" in e["path"] or "sp%20ace" in e["path"]]' \
	"['data_nvram/A%2FB', 'data_nvram/sp%20ace', 'data_nvram/we%0Aird']"
[ "$(cat "$T/cage/bk/data_nvram/A%2FB")" = "evil AxB" ] && pass || fail "A/B was not saved as A%2FB"
json_eq "$T/out" 'len([e for e in j["data_nvram"]["entries"] if e["path"].startswith("data_nvram/md/NVRAM/F")])' 300
# What was left out is said, once, in the manifest.
json_get "$T/cage/bk/manifest.json" "j['trees'][0]['note']" | grep -q "^/data/nvram partly saved: 2 entries skipped" && pass ||
	fail "cage: the manifest's tree has no note"
json_eq "$T/cage/bk/manifest.json" "[(e['mode'], e['uid'], e['size'], e['sha256'], e['skipped']) for e in j['trees'][0]['entries'] if e['path'] == 'huge']" \
	"[(420, 0, 1099511627776, None, 'limit')]"
# Such a manifest still reads back (restore loads it whole before writing NVRAM).
expect 0 "$M" device restore "$T/cage/bk" --only NVRAM --port "$PTY" --da "$DA"
contains "$T/out" "not restored: USRDATA's /data/nvram tree"
stop_sim
done_testing
