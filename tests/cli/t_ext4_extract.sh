#!/bin/sh
# mtkfw ext4 extract against debugfs's rdump (e2fsprogs) on an image mke2fs builds from a tree
# written here: the folder copied from a raw image, from img2simg's sparse image and from inside
# a bigger dump (--offset) holds exactly the regular files and folders of `debugfs -R 'rdump'`,
# byte for byte; one file alone; an existing non-empty OUT is refused (exit 3) unless --force,
# a failed extract leaves no OUT and no temporary folder; the --json manifest's SHA-256 come
# from sha256sum; hostile names ("..", "a/b" patched into the image) stay inside OUT. Folders and
# files keep the image's modes (stat of the source tree); links are made only when they stay
# inside OUT. An unreadable root folder fails as `ext4 ls` does; a full disk (a small tmpfs)
# and a file-size limit (ulimit -f) fail as write errors naming OUT, leaving nothing.
. "$MTKFW_SRC/tests/cli/lib.sh"
for t in mke2fs debugfs img2simg python3 sha256sum; do
	command -v "$t" >/dev/null || skip_all "$t absent"
done
M=$MTKFW_BIN

python3 - "$T/tree" <<'PY'
import os, random, sys
root = sys.argv[1]; r = random.Random(6572)
def w(p, n):
    p = os.path.join(root, p); os.makedirs(os.path.dirname(p), exist_ok=True)
    open(p, "wb").write(bytes(r.getrandbits(8) for _ in range(n)))
w("system/app/Settings.apk", 300000)
w("system/app/Phone/Phone.apk", 70000)
w("system/app/Phone/lib/arm/libphone.so", 5000)
w("system/app/empty.txt", 0)
os.makedirs(os.path.join(root, "system/app/emptydir"))
os.symlink("/data/app", os.path.join(root, "system/app/link"))
# Links that stay inside an extract of /system/app, and ones that leave it.
os.symlink("Phone/lib", os.path.join(root, "system/app/inlib"))
os.symlink("../Settings.apk", os.path.join(root, "system/app/Phone/settings"))
os.symlink("../build.prop", os.path.join(root, "system/app/upprop"))
os.symlink("Phone/../../build.prop", os.path.join(root, "system/app/sneaky"))
# Modes as a phone has them.
os.chmod(os.path.join(root, "system/app/Phone"), 0o751)
os.chmod(os.path.join(root, "system/app/Phone/lib"), 0o755)
os.chmod(os.path.join(root, "system/app/Phone/lib/arm/libphone.so"), 0o755)
os.chmod(os.path.join(root, "system/app/Settings.apk"), 0o640)
os.chmod(os.path.join(root, "system/app"), 0o755)
w("system/build.prop", 100)
w("nvram/md/NVRAM/NVD_IMEI/MP0B_001", 10)
PY
mke2fs -q -F -t ext4 -O ^metadata_csum -d "$T/tree" "$T/fs.img" 16M >/dev/null 2>&1 || skip_all "mke2fs -d failed"
img2simg "$T/fs.img" "$T/fs.simg" || skip_all "img2simg failed"
# The file system 1 MiB into a bigger dump.
{ head -c 1048576 /dev/zero; cat "$T/fs.img"; head -c 65536 /dev/zero; } >"$T/dump.img"

# same_as_rdump OUT PATH: OUT holds what debugfs's rdump of PATH holds (files and folders;
# rdump also makes links, which extract lists but never creates), byte for byte.
same_as_rdump() {
	rm -rf "$T/rd" && mkdir "$T/rd"
	debugfs -R "rdump $2 $T/rd" "$T/fs.img" >/dev/null 2>&1
	base=$(basename "$2")
	(cd "$T/rd/$base" && find . ! -type l | sort) >"$T/want.list"
	(cd "$1" && find . ! -type l | sort) >"$T/got.list"
	if cmp -s "$T/want.list" "$T/got.list"; then pass; else
		fail "$1: not the entries of rdump $2"; diff "$T/want.list" "$T/got.list" | head >&2
	fi
	(cd "$T/rd/$base" && find . -type f) | while read -r f; do
		cmp -s "$T/rd/$base/$f" "$1/$f" || echo "$f" >>"$T/differ"
	done
	[ ! -s "$T/differ" ] && pass || { fail "$1: files differ from rdump: $(cat "$T/differ")"; rm -f "$T/differ"; }
}

expect 0 "$M" ext4 extract "$T/fs.img" /system/app "$T/out1"
same_as_rdump "$T/out1" /system/app
contains "$T/out" "not made  symlink    link"
contains "$T/out" "not made  symlink    upprop"
contains "$T/out" "not made  symlink    sneaky"
lacks "$T/out" "not made  symlink    inlib"
contains "$T/out" "(4 files, 375000 bytes)"
# Modes as the source tree has them (mke2fs -d copies them), folder OUT itself included.
(cd "$T/tree/system/app" && find . ! -type l -exec stat -c '%n %a' {} + | sort) >"$T/modes.want"
(cd "$T/out1" && find . ! -type l -exec stat -c '%n %a' {} + | sort) >"$T/modes.got"
cmp -s "$T/modes.want" "$T/modes.got" && pass || { fail "modes differ"; diff "$T/modes.want" "$T/modes.got" | head >&2; }
# Links inside OUT are links, with the image's targets; the others are not made.
[ "$(readlink "$T/out1/inlib")" = Phone/lib ] && [ -f "$T/out1/inlib/arm/libphone.so" ] && pass ||
	fail "inlib was not made as a link into OUT"
[ "$(readlink "$T/out1/Phone/settings")" = ../Settings.apk ] && cmp -s "$T/out1/Phone/settings" "$T/out1/Settings.apk" &&
	pass || fail "Phone/settings was not made"
[ ! -e "$T/out1/link" ] && [ ! -L "$T/out1/link" ] && [ ! -L "$T/out1/upprop" ] && [ ! -L "$T/out1/sneaky" ] && pass ||
	fail "a link leaving OUT was made"
expect 0 "$M" ext4 extract "$T/fs.simg" /system/app "$T/out2"
same_as_rdump "$T/out2" /system/app
expect 0 "$M" ext4 extract "$T/dump.img" /system/app "$T/out3" --offset 1M
same_as_rdump "$T/out3" /system/app
# The root and another folder.
expect 0 "$M" ext4 extract "$T/fs.simg" /nvram "$T/out4"
same_as_rdump "$T/out4" /nvram

# One file: into OUT under its name.
expect 0 "$M" ext4 extract "$T/fs.img" /system/app/Phone/Phone.apk "$T/one" --json
cmp -s "$T/tree/system/app/Phone/Phone.apk" "$T/one/Phone.apk" && pass || fail "the one file differs"
[ "$(ls "$T/one")" = Phone.apk ] && pass || fail "one file: other things in OUT"
json_eq "$T/out" '[(e["path"], e["size"]) for e in j["entries"]]' "[('Phone.apk', 70000)]"

# The manifest: every file's SHA-256 is sha256sum's, links recorded with their target.
expect 0 "$M" ext4 extract "$T/fs.img" /system/app "$T/out5" --json
json_eq "$T/out" '(j["files"], j["bytes"], j["skipped"], j["truncated"])' "(4, 375000, 0, False)"
for f in Settings.apk Phone/Phone.apk Phone/lib/arm/libphone.so empty.txt; do
	json_eq "$T/out" "[e['sha256'] for e in j['entries'] if e['path'] == '$f']" \
		"['$(sha256sum "$T/tree/system/app/$f" | cut -d' ' -f1)']"
done
json_eq "$T/out" '[(e["type"], e["target"], e["linked"]) for e in j["entries"] if e["path"] == "link"]' "[('symlink', '/data/app', False)]"
json_eq "$T/out" '[e["linked"] for e in j["entries"] if e["path"] in ("inlib", "Phone/settings")]' "[True, True]"
json_eq "$T/out" '[e["type"] for e in j["entries"] if e["path"] == "emptydir"]' "['dir']"

# ---- an existing OUT ----
expect 3 "$M" ext4 extract "$T/fs.img" /nvram "$T/out1"
contains "$T/err" "out1 exists: add --force to replace it"
same_as_rdump "$T/out1" /system/app
expect 0 "$M" ext4 extract "$T/fs.img" /nvram "$T/out1" --force
same_as_rdump "$T/out1" /nvram
mkdir "$T/emptyout"
expect 0 "$M" ext4 extract "$T/fs.img" /nvram "$T/emptyout"
same_as_rdump "$T/emptyout" /nvram
: >"$T/afile"
expect 3 "$M" ext4 extract "$T/fs.img" /nvram "$T/afile"

# ---- failures leave nothing behind ----
expect 2 "$M" ext4 extract "$T/fs.img" /no/such "$T/out6"
[ ! -e "$T/out6" ] && pass || fail "a failed extract left OUT"
head -c 70000 /dev/urandom >"$T/garbage"
expect 2 "$M" ext4 extract "$T/garbage" / "$T/out7"
one_line_error
[ "$(grep -c . "$T/err")" -eq 1 ] && pass || fail "garbage: more than one error line"
head -c 300000 "$T/fs.img" >"$T/short.img"
"$M" ext4 extract "$T/short.img" /system/app "$T/out8" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -ne 0 ] && [ $rc -lt 128 ] && pass || fail "truncated image: exit $rc"
[ -z "$(ls -A "$T" | grep '^\.')" ] && pass || fail "a temporary folder was left: $(ls -A "$T" | grep '^\.')"
expect 2 "$M" ext4 extract "$T/fs.img" /nvram
expect 2 "$M" ext4 ls "$T/fs.img" / --force

# ---- an unreadable root folder is an error, as for ext4 ls (it was "extracted 0 entries") ----
cp "$T/fs.img" "$T/badroot.img"
blk=$(debugfs -R "blocks /nvram/md" "$T/fs.img" 2>/dev/null | awk '{print $1}')
bsz=$(debugfs -R stats "$T/fs.img" 2>/dev/null | awk '/^Block size:/ {print $3}')
python3 -c 'import sys; f = open(sys.argv[1], "r+b"); f.seek(int(sys.argv[2]) * int(sys.argv[3])); f.write(b"\xff" * int(sys.argv[3]))' \
	"$T/badroot.img" "$blk" "$bsz"
expect 2 "$M" ext4 ls "$T/badroot.img" /nvram/md
expect 2 "$M" ext4 extract "$T/badroot.img" /nvram/md "$T/out9"
contains "$T/err" "/nvram/md"
[ ! -e "$T/out9" ] && pass || fail "an unreadable root left OUT"

# ---- writing fails: a full disk, a file-size limit ----
# A 200 KiB tmpfs cannot hold /system/app's 375000 bytes: ENOSPC is a failure to write OUT
# (exit 1, the error names OUT's path), never "unreadable", and nothing is left.
if unshare -rm true 2>/dev/null; then
	mkdir "$T/small"
	unshare -rm sh -c 'mount -t tmpfs -o size=200k tmpfs "$1" && "$2" ext4 extract "$3" /system/app "$1/out"; echo "rc=$?"; ls -A "$1"' \
		sh "$T/small" "$M" "$T/fs.img" >"$T/out" 2>"$T/err"
	contains "$T/out" "rc=1"
	contains "$T/err" "No space left on device"
	contains "$T/err" "$T/small/out/"
	lacks "$T/err" "unreadable"
	[ "$(grep -c . "$T/err")" -eq 1 ] && pass || fail "full disk: more than one error line"
	[ "$(grep -vc '^rc=' "$T/out")" -eq 0 ] && pass || fail "full disk: something was left: $(cat "$T/out")"
else
	echo "# unshare -rm unavailable: the full-disk check skipped"
fi
mkdir "$T/limited"
(ulimit -f 100 && exec "$M" ext4 extract "$T/fs.img" /system/app "$T/limited/out") >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && pass || fail "file-size limit: exit $rc, wanted 1"
contains "$T/err" "File too large"
[ -z "$(ls -A "$T/limited")" ] && pass || fail "file-size limit: left $(ls -A "$T/limited")"

# ---- hostile names: ".." and "A/B" as entry names stay inside OUT ----
mkdir -p "$T/evil/d/sub"
for n in QQ AxB ok; do printf 'evil %s' "$n" >"$T/evil/d/$n"; done
printf inner >"$T/evil/d/sub/QQ"
mke2fs -q -F -t ext4 -O ^metadata_csum -d "$T/evil" "$T/evil.img" 4M >/dev/null 2>&1
python3 - "$T/evil.img" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
for old, new in ((b"\x02\x01QQ", b"\x02\x01.."), (b"\x03\x01AxB", b"\x03\x01A/B")):
    i = b.find(old)
    while i > 0:
        b[i:i + len(new)] = new
        i = b.find(old, i + 1)
open(sys.argv[1], "wb").write(b)
PY
mkdir "$T/cage"
"$M" ext4 extract "$T/evil.img" /d "$T/cage/out" --json >"$T/out" 2>"$T/err"
[ "$(ls -A "$T/cage")" = out ] && pass || fail "something was written beside OUT: $(ls -A "$T/cage")"
[ -z "$(find "$T/cage" ! -type f ! -type d)" ] && pass || fail "a link or device was created"
[ "$(cat "$T/cage/out/A%2FB" 2>/dev/null)" = "evil AxB" ] && pass || fail "A/B was not saved as A%2FB"
[ "$(cat "$T/cage/out/ok")" = "evil ok" ] && pass || fail "ok lost"
[ ! -e "$T/evil/d/ok.copy" ] && [ "$(cat "$T/evil/d/ok")" = "evil ok" ] && pass || fail "the source tree was touched"
done_testing
